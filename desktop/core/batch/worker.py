"""Checking one file in a worker process: the forms loaded once per process, every failure a reason."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

from desktop.core.batch.file_report import check_report, unreadable_report
from desktop.core.batch.opening import open_to_check
from desktop.core.definitions import FormSet, load_forms
from desktop.core.definitions.loader import FormDefinitionError
from desktop.core.excel.import_ import ExcelError
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.workspace import EditError
from desktop.error_log import log, setup_logging

_forms: FormSet | None = None
# A file's check takes a second at most; past this it is stopped and the next file checked.
SECONDS = 60
# A worker process's address space: a workbook's reading is bounded far below it (excel.bounds);
# this is the second line, making a runaway read a MemoryError (a reason) instead of the
# system killing the process.
ADDRESS_SPACE = 3 * 1024 ** 3


class _TooSlow(BaseException):
    """Not an Exception: no reader's catch-all may take it for a damaged file."""


def load_worker_forms() -> None:
    """The pool's initializer: each process reads the form definitions once, not once a file, and
    bounds its own memory where the system allows it."""
    global _forms
    _forms = load_forms()
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > ADDRESS_SPACE:
            resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, hard))
    except (ImportError, ValueError, OSError):  # Windows has no resource module
        pass


@contextmanager
def _time_limit(seconds: float):
    """Stops the work inside after `seconds` (_TooSlow), where a timer signal can reach it: on the
    main thread of a system that has one (a worker process's is), else without a limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_file(path: Path) -> dict:
    """The file's check report with `path`, `status`, `import_warnings` and `seconds`;
    a file that cannot be read gives its reason instead, never an exception."""
    started = time.perf_counter()
    if _forms is None:
        load_worker_forms()
    try:
        with _time_limit(SECONDS):
            report = _checked(Path(path), _forms)
    except _TooSlow:
        report = unreadable_report(path, f"“{path}”审核超过 {SECONDS} 秒仍未完成，已停止；文件可能过大或结构异常，其余文件照常审核")
    except MemoryError:
        report = unreadable_report(path, f"“{path}”读取时超出内存上限，已停止；文件可能过大或结构异常，其余文件照常审核")
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
    ws, warnings, pages = open_to_check(path, forms)
    with ws:
        return check_report(ws, source=path, warnings=warnings, pages=pages)
