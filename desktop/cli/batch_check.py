"""`juesuan check` over many files: progress while the pool works, a table or JSON Lines at the end."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from desktop.cli.table_text import pad, width
from desktop.core.batch.file_report import HAS_ERRORS, UNREADABLE
from desktop.core.batch.runner import check_files, default_jobs
from desktop.core.batch.sources import files_to_check
from desktop.core.review.workbook import worst_first

OK, SOME_ERRORS, SOME_UNREADABLE = 0, 1, 2
_BAR = 24


class Progress:
    """Files done of all, the rate and the time left: redrawn in place on a terminal, a line a file otherwise."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.started = time.monotonic()

    def advance(self, report: dict) -> None:
        self.done += 1
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        if self.live:
            filled = _BAR * self.done // max(self.total, 1)
            bar = "█" * filled + "░" * (_BAR - filled)
            self.stream.write(f"\r审核 {bar} {self.done}/{self.total}  {rate:.1f} 个/秒  约剩 {_duration(left)}   ")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {report['path']}：{_outcome(report)}\n")
        self.stream.flush()


def run_batch(paths: list[Path], glob: str | None, jobs: int | None, as_json: bool) -> tuple[int, list[dict]]:
    """Checks every file, printing as it goes; the exit status and the reports (for `-o`)."""
    files = files_to_check(paths, glob)
    if not files:
        where = "、".join(f"“{p}”" for p in paths)
        print(f"错误：{where}中没有工作簿（.xlsx）、公开文件（PDF）或工作区（.juesuan）{'符合“' + glob + '”' if glob else ''}", file=sys.stderr)
        return SOME_UNREADABLE, []
    progress = Progress(len(files))

    def arrived(report: dict) -> None:
        if as_json:
            print(json.dumps(report, ensure_ascii=False), flush=True)
        progress.advance(report)

    started = time.monotonic()
    reports = check_files(files, jobs or default_jobs(), arrived)
    seconds = time.monotonic() - started
    if not as_json:
        print_table(reports)
    for report in worst_first(reports):
        if report["status"] == UNREADABLE:
            print(f"错误：{report['reason']}", file=sys.stderr)
    print(_totals(reports, seconds), file=sys.stderr if as_json else sys.stdout)
    if any(r["status"] == UNREADABLE for r in reports):
        return SOME_UNREADABLE, reports
    return (SOME_ERRORS if any(r["status"] == HAS_ERRORS for r in reports) else OK), reports


def print_table(reports: list[dict]) -> None:
    rows = [("状态", "错误", "警告", "提示", "单位", "文件")]
    for report in worst_first(reports):
        counts = report.get("summary", {}).get("by_severity", {})
        numbers = ("", "", "") if report["status"] == UNREADABLE else tuple(str(counts[s]) for s in ("错误", "警告", "提示"))
        rows.append((report["status"], *numbers, report.get("unit", ""), report["path"]))
    widths = [max(width(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [pad(row[0], widths[0], False), *(pad(t, widths[i], True) for i, t in enumerate(row[1:4], start=1)),
                 pad(row[4], widths[4], False), row[5]]
        print("  ".join(cells))


def _totals(reports: list[dict], seconds: float) -> str:
    by_status = {s: sum(r["status"] == s for r in reports) for s in ("无错误", HAS_ERRORS, UNREADABLE)}
    rate = len(reports) / seconds if seconds > 0 else 0
    return (
        f"共 {len(reports)} 个文件：无错误 {by_status['无错误']}，有错误 {by_status[HAS_ERRORS]}，"
        f"无法读取 {by_status[UNREADABLE]}；用时 {_duration(seconds)}（{rate:.1f} 个/秒）"
    )


def _outcome(report: dict) -> str:
    if report["status"] == UNREADABLE:
        return f"无法读取（{report['reason']}）"
    counts = report["summary"]["by_severity"]
    return f"{report['status']}（错误 {counts['错误']}，警告 {counts['警告']}，提示 {counts['提示']}）"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} 分 {seconds % 60} 秒" if seconds >= 60 else f"{seconds} 秒"
