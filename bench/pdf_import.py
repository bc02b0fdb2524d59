"""Published PDFs read back: every figure of the hand-checked workbook beside each real document,
and the time to import a 30-page document.

Run: python bench/pdf_import.py [--docs DIR] [--rounds N] [--own [N]]
For each document.pdf under DIR (default ../shared/realdocs/docs) with a workbook.xlsx beside it,
prints present (the workbook's non-zero figures), placed (read from the PDF, equal), wrong (read,
different) and missing, and the 情况说明's paragraphs read as narrative.txt beside it gives them
(a paragraph there begins on an indented line; spaces aside); then the median time of `read_pdf`
on the document of 30 pages (or the longest). `--own N` also publishes the sample workspace and N
generated ones (default 20, each with the 情况说明 the program drafts from its tables) as the
program's 公开文件 PDF and reads each back: table figures present / placed / wrong / missing,
绩效自评表 read back equal, 单位名称 and 年度, figures not placed, 情况说明 paragraphs read back
word for word, and the time to publish and to read.
Target: every figure placed, none wrong; a 30-page document in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from desktop.core.definitions import load_forms  # noqa: E402
from desktop.core.excel.import_ import read_workbook  # noqa: E402
from desktop.core.narrative.layout import is_page_number  # noqa: E402
from desktop.core.pdf.import_ import read_pdf  # noqa: E402
from desktop.core.text_sections import NARRATIVE_KEY  # noqa: E402

_CONTINUED = re.compile(r"^[。，、；：）)”]")  # pdftotext sets a closing mark the line could not hold on a line of its own


def _compare(want: dict, got: dict) -> tuple[int, int, int]:
    want = {k: v for k, v in want.items() if v}
    placed = sum(1 for k, v in want.items() if got.get(k) == v)
    wrong = sum(1 for k, v in want.items() if k in got and got[k] != v)
    extra = sum(1 for k, v in got.items() if v and k not in want)  # read from the PDF, not in the workbook
    return placed, wrong + extra, len(want) - placed - wrong


def _paragraphs(text: str, read: str) -> tuple[int, int]:
    """How many paragraphs of `text` (pdftotext's lines, a paragraph from each indented line) the
    narrative `read` holds, spaces aside, and how many there are."""
    paragraphs: list[str] = []
    for line in text.splitlines():
        if not line.strip() or is_page_number(line.strip()):
            continue
        if paragraphs and (not line.startswith("  ") or _CONTINUED.match(line.strip())):
            paragraphs[-1] += line.strip()
        else:
            paragraphs.append(line.strip())
    read_lines = {re.sub(r"\s+", "", line) for line in read.splitlines()}
    return sum(1 for p in paragraphs if re.sub(r"\s+", "", p) in read_lines), len(paragraphs)


def _pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _own(forms, generated: int) -> None:
    """The sample and `generated` random workspaces published as the program's own PDF, read back."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pdf_round_trip import generated as generated_workspace, round_trip, sample

    print(f"\n{'own 公开文件':<24} {'pages':>5} {'present':>6} {'placed':>6} {'wrong':>6} {'missing':>6} "
          f"{'绩效 equal':>9} {'unit':>4} {'warn':>4} {'说明段落':>9}  time")
    cases = [("样本", sample())] + [(f"generated {seed}", generated_workspace(seed, narrative=True)) for seed in range(generated)]
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases:
            started = time.perf_counter()
            got = round_trip(data, Path(tmp), forms)
            took = time.perf_counter() - started
            equal = got.performance_count - len(got.performance)
            print(f"{name:<24} {got.pages:>5} {got.present:>6} {got.placed:>6} {len(got.wrong):>6} {len(got.missing):>6} "
                  f"{equal:>5}/{got.performance_count:<3} {'ok' if not got.unit else 'DIFF':>4} {len(got.warnings):>4} "
                  f"{got.paragraphs[0]:>5}/{got.paragraphs[1]:<3}  {took:.1f} s")
            counts = (got.present, got.placed, len(got.wrong), len(got.missing), equal, got.performance_count, *got.paragraphs)
            totals = [total + n for total, n in zip(totals, counts)]
    print(f"{'all ' + str(len(cases)):<24} {'':>5} {totals[0]:>6} {totals[1]:>6} {totals[2]:>6} {totals[3]:>6} "
          f"{totals[4]:>5}/{totals[5]:<3} {'':>4} {'':>4} {totals[6]:>5}/{totals[7]:<3}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs" / "docs")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--own", type=int, nargs="?", const=20, default=None, metavar="N")
    args = parser.parse_args()
    forms = load_forms()
    print(f"{'document':<24} {'pages':>5} {'present':>6} {'placed':>6} {'wrong':>6} {'missing':>6} {'说明段落':>9}")
    docs = sorted(p for p in args.docs.glob("*/document.pdf") if (p.parent / "workbook.xlsx").exists())
    for pdf in docs:
        want = read_workbook(pdf.parent / "workbook.xlsx", forms)[0].cells
        read = read_pdf(pdf, forms).snapshot
        placed, wrong, missing = _compare(want, read.cells)
        present = len([v for v in want.values() if v])
        narrative = pdf.parent / "narrative.txt"
        same, paragraphs = _paragraphs(narrative.read_text(encoding="utf-8"), read.texts.get(NARRATIVE_KEY, "")) if narrative.exists() else (0, 0)
        print(f"{pdf.parent.name:<24} {_pages(pdf):>5} {present:>6} {placed:>6} {wrong:>6} {missing:>6} {same:>5}/{paragraphs:<3}")
    if args.own is not None:
        _own(forms, args.own)
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
