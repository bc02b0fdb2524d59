"""Rows printed by a 科目 name several 科目 bear, where the 类 and 款 above do not tell which (a table
that prints each 款 under its 项, a name with no code): each 科目 it could be is tried on the table's
figures, and the one under which its subtotals hold is taken when it is the only one. Otherwise the
figures stay out, named in the warnings the reading gave."""

from __future__ import annotations

from decimal import Decimal
from itertools import islice, product

from desktop.core.definitions import CellRef, FormDef
from desktop.core.excel.arith import balances, in_wan
from desktop.core.excel.foreign_result import Result, Tie
from desktop.core.excel.reading import Warning_, figure_of, written_unit

# More open rows than this in one table, or more readings of them: the rows above said too little for
# the sums to pick one safely, and trying them all would cost an import its speed.
_MOST_TIES = 6
_MOST_READINGS = 64


def settle_ties(form: FormDef, result: Result) -> None:
    """Reads the table's open rows the one way its sums hold, when there is one; rows that share a
    subtotal are tried together (two 项 under one 款 printed below them)."""
    ties = [t for t in result.ties if t.form == form.id]
    result.ties = [t for t in result.ties if t.form != form.id]
    if not ties or len(ties) > _MOST_TIES:
        return
    readings = [pick for pick in islice(product(*(t.codes for t in ties)), _MOST_READINGS + 1) if len(set(pick)) == len(pick)]
    if len(readings) > _MOST_READINGS:
        return
    year = result.unit.get("年度", "")
    good = [pick for pick in readings if _balances_as(form, result, ties, pick, year)]
    if len(good) != 1:
        return
    for tie, code in zip(ties, good[0]):
        _place(result, tie, code)
        result.warnings.append(Warning_(tie.sheet, tie.figures[0][3], (
            f"科目名称“{tie.name}”可指 {'、'.join(tie.codes[:4])}{'等' if len(tie.codes) > 4 else ''}，按上方的类、款无法确定；"
            f"按表内合计读作 {code}（只有这样读，表内合计才相符），请核对")))


def _figures(tie: Tie, code: str) -> dict[CellRef, Decimal | None]:
    return {CellRef(form, code, column): figure_of(raw, 2, tie.sheet, where, written_unit(raw))
            for form, column, raw, where in tie.figures}


def _balances_as(form: FormDef, result: Result, ties: list[Tie], pick: tuple[str, ...], year: str) -> bool:
    cells = {ref: v for ref, v in result.cells.items() if ref.form == form.id}
    rows = dict(result.rows.get(form.id, {}))
    own: dict[CellRef, Decimal] = {}
    for tie, code in zip(ties, pick):
        figures = {ref: v for ref, v in _figures(tie, code).items() if ref.form == form.id and v is not None}
        if code in rows or not figures:  # the 科目 has its own row already
            return False
        own.update(figures)
        rows[code] = tie.name
    cells.update(own)
    judged = in_wan(cells, result.counts, result.money.get(form.id))
    # Every sum of the table is a witness: a subtotal left short by the 科目 read elsewhere reads none of them.
    return balances(form, judged, rows, set(cells), year, trees=True) is True


def _place(result: Result, tie: Tie, code: str) -> None:
    wheres = {where for *_, where in tie.figures}
    result.warnings = [w for w in result.warnings if not (w.sheet == tie.sheet and w.cell in wheres and "未导入" in w.reason)]
    for ref, value in _figures(tie, code).items():
        if value is None:
            continue
        result.rows.setdefault(ref.form, {})[code] = tie.name
        result.cells[ref] = value
        result.origin[ref] = (tie.sheet, next(where for f, c, _, where in tie.figures if (f, c) == (ref.form, ref.col)))
