"""A pool of worker processes checking files; each report is handed on the moment its file is done."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from desktop.core.batch.file_report import unreadable_report
from desktop.core.batch.worker import check_file, load_worker_forms


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_files(
    paths: list[Path], jobs: int | None = None, on_report: Callable[[dict], None] = lambda _r: None,
    stop: Callable[[], bool] = lambda: False,
) -> list[dict]:
    """Every file's report (in the order they finish), each also given to `on_report` as it comes.

    With one job, or one file, the work stays in this process. Otherwise a pool of `jobs`
    processes, started fresh (spawn: safe beside the window's threads, and what Windows
    does anyway), each loading the forms once. `stop()` returning true cancels the files not
    yet started and returns what finished.
    """
    jobs = max(1, jobs or default_jobs())
    reports: list[dict] = []

    def deliver(report: dict) -> None:
        reports.append(report)
        on_report(report)

    if jobs == 1 or len(paths) <= 1:
        for path in paths:
            if stop():
                break
            deliver(check_file(path))
        return reports
    queue = iter(paths)
    while not stop():
        suspects = _pool_run(queue, min(jobs, len(paths)), deliver, stop)
        if not suspects:
            break
        # A worker process died (the system killed it): one of the files it had in hand did it.
        # Each is checked again alone, so the others are not lost and the one is named.
        for path in suspects:
            if stop():
                break
            if _pool_run(iter([path]), 1, deliver, stop):
                deliver({**unreadable_report(path, f"“{path}”使审核进程意外退出（可能过大或结构异常），没有审核这个文件"),
                         "seconds": 0})
    return reports


def _pool_run(queue, jobs: int, deliver: Callable[[dict], None], stop: Callable[[], bool]) -> list[Path]:
    """Checks the queue's files in a pool until the queue is empty, `stop()` or a worker dies;
    returns the files in hand when one died (the rest of the queue left for the next pool)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=load_worker_forms) as pool:
        # A bounded window of submitted files, so a cancel stops promptly and 100,000 paths cost no memory.
        pending: dict = {}
        lost: list[Path] = []
        try:
            while not lost:
                while len(pending) < 4 * jobs and not stop():
                    path = next(queue, None)
                    if path is None:
                        break
                    pending[pool.submit(check_file, path)] = path
                if not pending:
                    break
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    path = pending.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        lost.append(path)
                    else:
                        deliver(_report_of(future, path))
                if lost:
                    lost += [p for f, p in pending.items() if not f.cancel()]
                    break
                if stop():
                    for future in pending:
                        future.cancel()
                    for future in [f for f in pending if not f.cancelled()]:
                        deliver(_report_of(future, pending[future]))
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return lost


def _report_of(future, path: Path) -> dict:
    try:
        return future.result()
    except Exception as exc:  # the task could not be handed to a worker or back
        return {**unreadable_report(path, f"审核进程意外退出（{exc.__class__.__name__}），没有审核这个文件"), "seconds": 0}
