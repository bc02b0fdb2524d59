"""File speed on the sample workspace: Excel export, import of that workbook into a new workspace,
and the check report as PDF (offscreen).

Run: python bench/files_speed.py   (prints medians in milliseconds)
Target: each under one second.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from desktop import paths
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook, write_workspace
from desktop.core.review.report import build_report
from desktop.core.snapshot import load
from desktop.printing.report_pdf import write_pdf

ROUNDS = 15


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms（中位数）  最慢 {max(samples) * 1000:7.1f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
        book = folder / "sample.xlsx"
        exports, imports, reports = [], [], []
        for i in range(ROUNDS):
            start = time.perf_counter()
            write_workbook(ws, book)
            exports.append(time.perf_counter() - start)
            start = time.perf_counter()
            snapshot, _ = read_workbook(book)
            write_workspace(snapshot, folder / f"back{i}.juesuan")
            imports.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_pdf(build_report(ws), folder / f"report{i}.pdf")
            reports.append(time.perf_counter() - start)
        ws.close()
    print(f"导出示例工作区为 xlsx：{_median(exports)}")
    print(f"导入该 xlsx 为新工作区：{_median(imports)}")
    print(f"审核报告 PDF：{_median(reports)}")


if __name__ == "__main__":
    main()
