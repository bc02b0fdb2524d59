"""The real layout workbooks of realdocs/layouts (tests/fixtures/layouts/, with the figures each holds),
changed the way another template or a hand would change them, then imported and scored as
realdocs/score.py scores them: placed, wrong, and the 错误 the import's figures raise."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl

from desktop.core.definitions import load_forms
from desktop.core.excel.import_ import read_workbook
from factory import imported_workspace

BOOKS = Path(__file__).parent / "fixtures" / "layouts"


@dataclass
class Scored:
    present: int = 0
    placed: int = 0
    wrong: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    money: str = ""


def changed(name: str, change, folder: Path, suffix: str = "x") -> Path:
    """The workbook `name` after `change(book)`, saved in `folder`."""
    book = openpyxl.load_workbook(BOOKS / f"{name}.xlsx")
    change(book)
    path = folder / f"{name}_{suffix}.xlsx"
    book.save(path)
    return path


def score(name: str, path: Path, folder: Path, forms=None) -> Scored:
    """`path` (a change of the workbook `name`) imported and held against the figures `name` shows."""
    figures = {k: Decimal(v) for k, v in json.loads((BOOKS / f"{name}.json").read_text(encoding="utf-8"))["figures"].items()}
    snapshot, warnings = read_workbook(path, forms or load_forms())
    target = folder / f"{path.stem}.juesuan"
    ws = imported_workspace(snapshot, target)
    try:
        money = ws.unit.get("金额单位") or "万元"
        scale = Decimal(10000) if money == "元" else Decimal(1)
        got = {f"{ref.form}|{ref.row}|{ref.col}": v for ref, v in ws.values.typed.items() if v is not None}
        result = Scored(money=money, warnings=[str(w) for w in warnings])
        result.errors = [f.key for f in ws.findings() if f.severity == "错误"]
    finally:
        ws.close()
    for key, want in figures.items():
        result.present += 1
        if key in got and abs(got[key] / scale - want) <= Decimal("0.005"):
            result.placed += 1
        elif key in got:
            result.wrong.append((key, want, got[key]))
    return result
