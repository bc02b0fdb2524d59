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
from layout_variants import corpus, measure  # noqa: E402


def sources(folder: Path):
    yield "sample:", load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
    yield "004:", load(json.loads((ROOT / "tests/fixtures/seed-004.json").read_text(encoding="utf-8")), folder / "004.juesuan")


def main(verbose: bool) -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for tag, ws in sources(folder):
            try:
                for variant in corpus():
                    results.append(measure(ws, variant, folder, tag))
            finally:
                ws.close()
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
              f"unit {'ok' if m.unit_ok else 'WRONG'}, 空表说明 {'ok' if m.notes_ok else 'WRONG'} {m.failure}")
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
