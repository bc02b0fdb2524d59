"""Tables printed beside the nine that are none of them (tests/fixtures/other_tables.toml: real titles and
layouts), added to a built workbook as the world prints them: on a sheet of their own, under the last table
of a sheet, or with no title. Their figures add up as a table's do, so that a reading of one as a form would
balance: only the title, or the header's words, tell it apart. `add_other(path, how, source, seed)`."""

from __future__ import annotations

import random
import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl

from desktop.core.definitions import CellRef

HOW = ("", "sheet", "under", "untitled")
_FIXTURE = Path(__file__).parent / "fixtures" / "other_tables.toml"


def tables() -> list[dict]:
    with open(_FIXTURE, "rb") as fh:
        return tomllib.load(fh)["tables"]


def add_other(path: Path, how: str, source, seed: int) -> str:
    """Adds one table drawn from the fixture to the workbook at `path` as `how` says; returns its title."""
    rng = random.Random(seed * 7919)
    table = rng.choice(tables())
    lines = ([] if how == "untitled" else [[table["title"]]]) + [["单位：万元"]] + table["header"] + _body(table, source, rng)
    book = openpyxl.load_workbook(path)
    shown = [s for s in book.worksheets if s.sheet_state == "visible"]
    if how == "under":
        sheet = rng.choice(shown)
        top = sheet.max_row + 3
    else:
        sheet = book.create_sheet(rng.choice(("附表", "Sheet" + str(len(book.worksheets) + 1), "其他")))
        top = 1
    for r, line in enumerate(lines, start=top):
        for c, value in enumerate(line, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    book.save(path)
    return table["title"]


def _body(table: dict, source, rng: random.Random) -> list[list]:
    """Rows of figures: a share of the source's 公开05 项目支出 by 科目 (its 项 rounded, 款, 类 and 合计 their sums),
    or a figure for each named project or item (the first item the sum of the rest)."""
    width = len(table["header"][-1]) - (2 if table["rows"] == "coded" else 1)
    if table["rows"] != "coded":
        names = table["names"]
        parts = [[_figure(rng) for _ in range(width)] for _ in names[1:]]
        if table["rows"] == "items":
            parts.insert(0, [sum(p[k] for p in parts) for k in range(width)])
        else:
            parts.insert(0, [_figure(rng) for _ in range(width)])
        return [[name, *(float(f) for f in figures)] for name, figures in zip(names, parts)]
    shares = [Decimal(rng.choice(("0.4", "0.55", "0.7"))) for _ in range(width)]
    form = "公开05" if source.structure.value_rows("公开05") else "公开03"
    rows = [r for r in source.structure.value_rows(form) if r.code]
    column = "项目支出"
    leaves = {}
    for row in rows:
        if not any(other.code != row.code and other.code.startswith(row.code) for other in rows):
            value = source.values.get(CellRef(form, row.key, column)) or Decimal(0)
            leaves[row.code] = [(value * s).quantize(Decimal("0.01")) for s in shares]
    body = []
    for row in rows:
        figures = [sum((v[k] for code, v in leaves.items() if code.startswith(row.code)), Decimal(0)) for k in range(width)]
        body.append([row.code, row.label.strip(), *(float(f) for f in figures)])
    total = [sum((v[k] for v in leaves.values()), Decimal(0)) for k in range(width)]
    return [[None, "合计", *(float(f) for f in total)], *body]


def _figure(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(100, 900000)) / 100

