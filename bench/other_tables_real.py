"""The real layout workbooks (realdocs/layouts/xlsx) each with a table that is none of the nine added
(tests/other_tables.py: on a sheet of its own, under a sheet's last table, with no title): prints placed, wrong
and false 错误 as realdocs/score.py counts them, per placement and in total.

Run: PYTHONPATH=$PWD python3 bench/other_tables_real.py [LAYOUTS=/work/shared/realdocs/layouts] [-v]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desktop.core.definitions.loader import load_forms  # noqa: E402
from desktop.core.excel.import_ import read_workbook  # noqa: E402
from factory import imported_workspace  # noqa: E402
from other_tables import HOW, add_other  # noqa: E402


def _score(path: Path, expected: dict, work: Path, forms) -> tuple[int, int, int, list[str]]:
    snapshot, warnings = read_workbook(path, forms)
    target = work / f"{path.stem}.juesuan"
    target.unlink(missing_ok=True)
    ws = imported_workspace(snapshot, target)
    try:
        scale = Decimal(10000) if snapshot.unit.get("金额单位") == "元" else Decimal(1)
        cells = {f"{ref.form}|{ref.row}|{ref.col}": v for ref, v in snapshot.cells.items()}
        placed = sum(k in cells and abs(cells[k] / scale - v) <= Decimal("0.005") for k, v in expected.items())
        wrong = sum(k in cells and abs(cells[k] / scale - v) > Decimal("0.005") for k, v in expected.items())
        errors = [f for f in ws.findings() if f.severity == "错误"]
    finally:
        ws.close()
    return placed, wrong, len(errors), [str(w) for w in warnings if "决算公开表" in str(w) or "没有表名" in str(w)]


def main(argv: list[str]) -> int:
    layouts = Path(next((a for a in argv if not a.startswith("-")), "/work/shared/realdocs/layouts"))
    forms = load_forms()
    totals = {how: [0, 0, 0, 0] for how in HOW[1:]}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i, book in enumerate(sorted((layouts / "xlsx").glob("*.xlsx"))):
            data = json.loads((layouts / "expected" / f"{book.stem}.json").read_text(encoding="utf-8"))
            expected = {k: Decimal(v) for k, v in data["figures"].items()}
            snapshot, _ = read_workbook(book, forms)
            source = imported_workspace(snapshot, work / f"{book.stem}-source.juesuan")
            try:
                for how in HOW[1:]:
                    path = work / f"{book.stem}-{how}.xlsx"
                    shutil.copy(book, path)
                    title = add_other(path, how, source, i)
                    placed, wrong, errors, said = _score(path, expected, work, forms)
                    for k, n in enumerate((len(expected), placed, wrong, errors)):
                        totals[how][k] += n
                    if "-v" in argv or placed < len(expected) or wrong or errors:
                        print(f"{book.stem:34s} {how:8s} {title}: placed {placed}/{len(expected)}, wrong {wrong}, "
                              f"false 错误 {errors}; {said[:2]}")
            finally:
                source.close()
    for how, (n, placed, wrong, errors) in totals.items():
        print(f"{how:8s}: placed {placed}/{n}, wrong {wrong}, false 错误 {errors}")
    n, placed, wrong, errors = (sum(t[k] for t in totals.values()) for k in range(4))
    print(f"real layouts with another table: placed {placed}/{n}, wrong {wrong}, false 错误 {errors}")
    return 0 if placed == n and not wrong and not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
