"""Checking one file in a worker process: the forms loaded once per process, every failure a reason."""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
import traceback
from pathlib import Path

from desktop.core.batch.file_report import check_report, status_of, unreadable_report
from desktop.core.batch.sources import is_workbook
from desktop.core.definitions import FormSet, load_forms
from desktop.core.definitions.loader import FormDefinitionError
from desktop.core.excel.import_ import ExcelError, create_workspace, read_workbook
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.workspace import EditError, Workspace

log = logging.getLogger("juesuan")
_forms: FormSet | None = None


def load_worker_forms() -> None:
    """The pool's initializer: each process reads the form definitions once, not once a file."""
    global _forms
    _forms = load_forms()


def _workbook_workspace(path: Path, forms: FormSet) -> tuple[Workspace, list]:
    """A workbook as an in-memory workspace the caller closes, and the cells it could not place.

    Today's route through a temporary file; the lead switches this one function to
    `desktop.core.excel.import_.workspace_from_workbook` (same signature) when that merges.
    """
    snapshot, warnings = read_workbook(path, forms)
    with tempfile.TemporaryDirectory(prefix="juesuan-") as folder:
        with create_workspace(snapshot, Path(folder) / "导入.juesuan") as on_disk:
            return Workspace(on_disk.store.detached_copy(), forms), warnings


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
    except Exception as exc:  # one bad file never stops the others; the log keeps the detail
        log.error("审核“%s”时出错：\n%s", path, traceback.format_exc())
        report = unreadable_report(path, f"程序内部错误（{exc!r}），没有审核这个文件")
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


def _checked(path: Path, forms: FormSet) -> dict:
    if is_workbook(path):
        ws, warnings = _workbook_workspace(path, forms)
    else:
        if path.suffix.lower() == ".xls":
            raise ExcelError(f"“{path}”是旧版 Excel 文件（.xls），无法读取；请先另存为 .xlsx")
        ws, warnings = Workspace.open(path, forms, read_only=True), []
    with ws:
        report = check_report(ws, source=path, warnings=warnings)
        facts = {"missing_tables": ws.missing_tables(), "narrative_checked": bool(ws.text(NARRATIVE_KEY).strip())}
    return {
        "path": str(path), "status": status_of(report), **report,
        "import_warnings": report.get("import_warnings", []), **facts,
    }
