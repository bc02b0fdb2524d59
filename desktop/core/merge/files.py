"""The units of a 部门 read from their files and summed, as plain data (for a worker thread)."""

from __future__ import annotations

import sqlite3
from contextlib import ExitStack
from pathlib import Path

from desktop.core.batch.opening import open_any
from desktop.core.definitions import FormSet
from desktop.core.excel.import_ import ExcelError
from desktop.core.merge.summing import MergeError, Part, Totals, totals_of
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.workspace import EditError


def totals_of_files(paths: list[Path], forms: FormSet) -> Totals:
    """Each file opened in memory (left untouched), the sums taken, the files closed.

    Any file that cannot be read, or inputs that cannot be summed, raise MergeError naming it.
    """
    if not paths:
        raise MergeError("没有要汇总的单位：请先添加本级和所属单位的工作区或工作簿")
    with ExitStack() as stack:
        parts, unplaced = [], []
        for path in paths:
            try:
                ws, warnings = open_any(Path(path), forms)
            except (ExcelError, WorkspaceError) as exc:
                raise MergeError(str(exc)) from exc
            except EditError as exc:
                raise MergeError(f"工作簿“{path}”：{exc}") from exc
            except (sqlite3.Error, OSError) as exc:
                raise MergeError(describe(exc, Path(path), "读取")) from exc
            stack.enter_context(ws)
            parts.append(Part(ws, Path(path)))
            unplaced += [f"“{path}”{w}：未能导入" for w in warnings]
        totals = totals_of(parts)
        totals.gaps += unplaced
        return totals
