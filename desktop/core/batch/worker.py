"""Checking one file in a worker process: the forms loaded once per process, every failure a reason."""

from __future__ import annotations

import sqlite3
import time
import traceback
from pathlib import Path

from desktop.core.batch.file_report import check_report, unreadable_report
from desktop.core.batch.opening import open_any
from desktop.core.batch.sources import is_workbook
from desktop.core.definitions import FormSet, load_forms
from desktop.core.definitions.loader import FormDefinitionError
from desktop.core.excel.import_ import ExcelError
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.workspace import EditError
from desktop.error_log import log, setup_logging

_forms: FormSet | None = None


def load_worker_forms() -> None:
    """The pool's initializer: each process reads the form definitions once, not once a file."""
    global _forms
    _forms = load_forms()


def check_file(path: Path) -> dict:
    """The file's check report with `path`, `status`, `import_warnings` and `seconds`;
    a file that cannot be read gives its reason instead, never an exception."""
    global _forms
    started = time.perf_counter()
    if _forms is None:
        load_worker_forms()
    try:
        report = _checked(Path(path), _forms)
    except (ExcelError, WorkspaceError, FormDefinitionError) as exc:
        report = unreadable_report(path, str(exc))
    except EditError as exc:
        report = unreadable_report(path, f"工作簿“{path}”：{exc}")
    except (sqlite3.Error, OSError) as exc:
        report = unreadable_report(path, describe(exc, Path(path), "读取"))
    except Exception as exc:  # one bad file never stops the others; the log file keeps the detail
        setup_logging()  # a worker process has no handler: without one the traceback would reach stderr
        log.error("审核“%s”时出错：\n%s", path, traceback.format_exc())
        report = unreadable_report(path, f"程序内部错误（{exc!r}），没有审核这个文件")
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


def _checked(path: Path, forms: FormSet) -> dict:
    ws, warnings = open_any(path, forms)
    with ws:
        return check_report(ws, source=path, warnings=warnings if is_workbook(path) else ())
