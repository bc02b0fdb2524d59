"""Imports every workbook of the layout corpus (tests/layout_variants.py) and prints how it went.

Run: PYTHONPATH=$PWD python3 bench/import_corpus.py [-v]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desktop import paths  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from layout_variants import CHOICES, Variant, corpus, measure, with_negatives  # noqa: E402

# Classes added after the first corpus: printed with their own line below the totals.
NEW_CLASSES = ("blank_as", "negatives", "header_breaks", "title", "label", "unit_line", "money", "sheet_names",
               "hidden", "contents", "merge_stub", "total_at", "page_totals")


def sources(folder: Path):
    sample = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    yield "sample:", load(sample, folder / "sample.juesuan"), corpus()
    yield "004:", load(json.loads((ROOT / "tests/fixtures/seed-004.json").read_text(encoding="utf-8")), folder / "004.juesuan"), corpus()
    # Negative figures, printed -12.30, (12.30) or △12.30, alone and with figures typed as text.
    negatives = [Variant(negatives=n, figures=f) for n in CHOICES["negatives"] for f in CHOICES["figures"]]
    yield "neg:", load(with_negatives(sample), folder / "neg.juesuan"), negatives


def _by_class(results) -> None:
    """Each new class: the workbooks that vary it (alone or mixed), placed/present, wrong, false 错误, time."""
    default = Variant()
    print(f"{'class':<14}{'workbooks':>10}{'placed/present':>18}{'wrong':>7}{'false 错误':>10}{'failing':>9}{'median s':>10}")
    for key in NEW_CLASSES:
        ms = [m for v, m in results if getattr(v, key) != getattr(default, key)]
        if not ms:
            continue
        times = [m.seconds for m in ms if not m.failure]
        placed = f"{sum(m.placed for m in ms)}/{sum(m.present for m in ms)}"
        print(f"{key:<14}{len(ms):>10}{placed:>18}{sum(len(m.wrong) for m in ms):>7}"
              f"{sum(len(m.false_errors) for m in ms):>10}{sum(not m.ok for m in ms):>9}"
              f"{statistics.median(times) if times else 0:>10.3f}")
    print()


def main(verbose: bool) -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for tag, ws, variants in sources(folder):
            try:
                for variant in variants:
                    results.append((variant, measure(ws, variant, folder, tag)))
            finally:
                ws.close()
    _by_class(results)
    results = [m for _, m in results]
    failing = [m for m in results if not m.ok]
    print(f"workbooks           {len(results)}")
    print(f"figures placed      {sum(m.placed for m in results)} / {sum(m.present for m in results)}")
    print(f"wrong placements    {sum(len(m.wrong) for m in results)}")
    print(f"false 错误           {sum(len(m.false_errors) for m in results)}")
    print(f"absent tables/columns {sum(m.unchecked for m in results)} (their rules 未核对)")
    print(f"warnings            {sum(len(m.warnings) for m in results)}")
    print(f"unit name wrong     {sum(not m.unit_ok for m in results)}")
    print(f"空表说明 wrong       {sum(not m.notes_ok for m in results)}")
    print(f"import failures     {sum(bool(m.failure) for m in results)}")
    times = [m.seconds for m in results if not m.failure]
    print(f"median import time  {statistics.median(times) if times else 0:.3f} s")
    print(f"failing workbooks   {len(failing)}")
    for m in failing:
        print(f"  {m.name}: placed {m.placed}/{m.present}, wrong {len(m.wrong)}, false 错误 {len(m.false_errors)}, "
              f"unit {'ok' if m.unit_ok else 'WRONG'}, 空表说明 {'ok' if m.notes_ok else 'WRONG'}, "
              f"金额单位 {'ok' if m.money_ok else 'WRONG'} {m.failure}")
        if verbose:
            for item in m.wrong[:5]:
                print("     wrong", item)
            for item in m.missing[:5]:
                print("     missing", item)
            for item in m.false_errors[:5]:
                print("     错误", item)
            for item in m.warnings[:5]:
                print("     warn", item)
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
