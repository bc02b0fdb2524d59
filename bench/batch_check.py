"""Batch check speed: N copies of the sample's exported workbook (every fifth with a figure changed,
so they differ) checked by `juesuan check 文件夹 --jobs 2`, one process with a pool of workers.

Run: python bench/batch_check.py [N] [--rounds R] [--jobs J]   (prints the median rate)
Target: 1,000 such workbooks in under 90 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from desktop import paths
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.snapshot import load

TARGET_SECONDS = 90


def build_folder(folder: Path, count: int) -> None:
    """The sample exported once, copied; every fifth copy exported with one 项's figure changed."""
    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    ws = load(data, folder / "sample.juesuan")
    row = next(r for r in ws.coded_rows("公开05") if len(r.code) == 7)
    ref = CellRef("公开05", row.code, "基本支出")
    base = ws.value(ref) or Decimal(0)
    plain = folder / "sample.xlsx"
    write_workbook(ws, plain)
    books = folder / "单位"
    books.mkdir()
    for i in range(count):
        target = books / f"单位{i:04d}.xlsx"
        if i % 5:
            shutil.copy(plain, target)
        else:
            ws.set_value(ref, base + Decimal(i) / 100)
            write_workbook(ws, target)
    ws.close()


def stages(book: Path, rounds: int = 15) -> str:
    """One file in this process: reading the workbook, making it a workspace, checking it."""
    from desktop.core.batch.file_report import check_report
    from desktop.core.batch.opening import workbook_workspace
    from desktop.core.definitions import load_forms
    from desktop.core.excel.import_ import read_workbook

    forms = load_forms()
    reads, wholes, checks = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        read_workbook(book, forms)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        ws, warnings = workbook_workspace(book, forms)
        wholes.append(time.perf_counter() - start)
        start = time.perf_counter()
        with ws:
            check_report(ws, book, warnings)
        checks.append(time.perf_counter() - start)
    read, whole, check = (statistics.median(x) * 1000 for x in (reads, wholes, checks))
    return f"单个文件（一个进程内，中位数）：读工作簿 {read:.0f} ms，变成工作区（含审核）{whole - read:.0f} ms，整理审核结果 {check:.1f} ms"


def timed_run(folder: Path, jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()), os.environ.get("PYTHONPATH", "")]))}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "check", str(folder), "--jobs", str(jobs)],
        capture_output=True, text=True, encoding="utf-8", env=env,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check 失败（退出状态 {proc.returncode}）：{proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", nargs="?", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as folder:
        folder = Path(folder)
        build_folder(folder, args.count)
        times = [timed_run(folder / "单位", args.jobs) for _ in range(args.rounds)]
        breakdown = stages(folder / "sample.xlsx")
    median = statistics.median(times)
    rate = args.count / median
    projected = 1000 / rate
    print(f"{args.count} 个工作簿，--jobs {args.jobs}，{args.rounds} 次：用时中位数 {median:.1f} s（最快 {min(times):.1f} s，最慢 {max(times):.1f} s）")
    print(breakdown)
    print(f"速度 {rate:.2f} 个/秒；1,000 个约 {projected:.0f} s（目标 {TARGET_SECONDS} s 以内：{'达到' if projected < TARGET_SECONDS else '未达到'}）")


if __name__ == "__main__":
    main()
