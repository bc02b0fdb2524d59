"""Published PDFs read back: every figure of the hand-checked workbook beside each real document,
and the time to import a 30-page document.

Run: python bench/pdf_import.py [--docs DIR] [--rounds N] [--own]
For each document.pdf under DIR (default ../shared/realdocs/docs) with a workbook.xlsx beside it,
prints present (the workbook's non-zero figures), placed (read from the PDF, equal), wrong (read,
different) and missing; then the median time of `read_pdf` on the document of 30 pages (or the
longest). `--own` also publishes the sample workspace as the program's 公开文件 PDF and reads it back.
Target: every figure placed, none wrong; a 30-page document in under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.definitions import load_forms  # noqa: E402
from desktop.core.excel.import_ import read_workbook  # noqa: E402
from desktop.core.pdf.import_ import read_pdf  # noqa: E402


def _compare(want: dict, got: dict) -> tuple[int, int, int]:
    want = {k: v for k, v in want.items() if v}
    placed = sum(1 for k, v in want.items() if got.get(k) == v)
    wrong = sum(1 for k, v in want.items() if k in got and got[k] != v)
    extra = sum(1 for k, v in got.items() if v and k not in want)  # read from the PDF, not in the workbook
    return placed, wrong + extra, len(want) - placed - wrong


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _own(forms) -> None:
    """The sample published as the program's own PDF, read back: published tables only."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import paths
    from desktop.core.publish.document import build_document
    from desktop.core.snapshot import Snapshot, load
    from desktop.printing.publish_file import write_publication

    with tempfile.TemporaryDirectory() as tmp:
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), Path(tmp) / "s.juesuan")
        want = {k: v for k, v in Snapshot.of(ws).cells.items() if forms[k.form].published}
        target = Path(tmp) / "s.pdf"
        write_publication(build_document(ws, None), target)
        ws.close()
        started = time.perf_counter()
        got = read_pdf(target, forms).snapshot.cells
        took = time.perf_counter() - started
        placed, wrong, missing = _compare(want, got)
        print(f"{'样本（本程序的公开文件）':<24} {_pages(target):>4} {len([v for v in want.values() if v]):>6} "
              f"{placed:>6} {wrong:>6} {missing:>6}  {took:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs" / "docs")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--own", action="store_true")
    args = parser.parse_args()
    forms = load_forms()
    print(f"{'document':<24} {'pages':>5} {'present':>6} {'placed':>6} {'wrong':>6} {'missing':>6}")
    docs = sorted(p for p in args.docs.glob("*/document.pdf") if (p.parent / "workbook.xlsx").exists())
    for pdf in docs:
        want = read_workbook(pdf.parent / "workbook.xlsx", forms)[0].cells
        got = read_pdf(pdf, forms).snapshot.cells
        placed, wrong, missing = _compare(want, got)
        present = len([v for v in want.values() if v])
        print(f"{pdf.parent.name:<24} {_pages(pdf):>5} {present:>6} {placed:>6} {wrong:>6} {missing:>6}")
    if args.own:
        _own(forms)
    if not docs:
        return
    timed = min(docs, key=lambda p: (abs(_pages(p) - 30), -_pages(p)))
    times, cpu = [], []
    for _ in range(args.rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        read_pdf(timed, forms)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    # CPU time too: on a shared machine the wall time says more about the load than about the program.
    print(f"import {timed.parent.name} ({_pages(timed)} pages): median {statistics.median(times):.2f} s "
          f"over {args.rounds} (min {min(times):.2f} s; CPU median {statistics.median(cpu):.2f} s; "
          f"load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
