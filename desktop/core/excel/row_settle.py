"""Rows printed by a 科目 name several 科目 bear, where the 类 and 款 above do not tell which (a table
that prints each 款 under its 项, a name with no code), and rows printed by a label several fixed rows bear
where the rows are printed in another order than the form's (公开04's 一般公共预算财政拨款, an income item
and a part of 年初结转和结余): each row it could be is tried on the table's figures, and the one under which
its sums hold is taken when it is the only one. Otherwise the figures stay out, named in the warnings the
reading gave."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import islice, product

from desktop.core.catalogue import ancestors
from desktop.core.definitions import CellRef, FormDef
from desktop.core.excel.arith import balances, in_wan
from desktop.core.excel.foreign_result import Result, Tie
from desktop.core.excel.reading import Warning_, figure_of, written_unit
from desktop.core.unread import covered

# More open rows than this in one table, or more readings of them: the rows above said too little for
# the sums to pick one safely, and trying them all would cost an import its speed.
_MOST_TIES = 6
_MOST_READINGS = 64


def settle_ties(form: FormDef, result: Result) -> None:
    """Reads the table's open rows the one way its sums hold, when there is one; rows that share a
    subtotal are tried together (two 项 under one 款 printed below them)."""
    ties = [t for t in result.ties if t.form == form.id]
    result.ties = [t for t in result.ties if t.form != form.id]
    pick = _one_reading(form, result, ties)
    if pick is None:
        for tie in ties:
            # Each row the label may be, and for a 科目 the 款 and 类 it adds to, waits for the figure.
            rows = tie.codes if tie.fixed else sorted({a for code in tie.codes for a in (*ancestors(code), code)})
            for each, column, raw, where in tie.figures:
                result.refused(each, rows, column, tie.sheet, where, raw)
    else:
        for tie, code in zip(ties, pick):
            _place(result, tie, code)
            result.warnings.append(Warning_(tie.sheet, tie.figures[0][3], _settled(form, tie, code)))
    _blanks_left(form, result)


def _blanks_left(form: FormDef, result: Result) -> None:
    """A label several rows bear, printed blank as often as its rows are left without a figure once the
    others are placed: those rows are the blanks (0 to the checks and to what the table is compared with).
    Any other count (a figure refused, a row printed twice or not at all) says nothing."""
    blanks = [b for b in result.blank_ties if b[0] == form.id]
    result.blank_ties = [b for b in result.blank_ties if b[0] != form.id]
    for (_, rows, column), times in Counter(blanks).items():
        left = [CellRef(form.id, row, column) for row in rows if CellRef(form.id, row, column) not in result.cells]
        if len(left) == times and not covered(result.unread, left):
            result.blank.update(left)


def _one_reading(form: FormDef, result: Result, ties: list[Tie]) -> tuple[str, ...] | None:
    """The one choice of rows under which the table's sums hold; None when there is none or more."""
    if not ties or len(ties) > _MOST_TIES:
        return None
    readings = [pick for pick in islice(product(*(t.codes for t in ties)), _MOST_READINGS + 1) if len(set(pick)) == len(pick)]
    if len(readings) > _MOST_READINGS:
        return None
    year = result.unit.get("年度", "")
    good = [pick for pick in readings if _balances_as(form, result, ties, pick, year)]
    # Readings that put the same figures in the same cells (two rows of one label with equal figures) are one.
    if len({frozenset(_cells_of(ties, pick).items()) for pick in good}) != 1:
        return None
    return good[0]


def _settled(form: FormDef, tie: Tie, code: str) -> str:
    codes = f"{'、'.join(tie.codes[:4])}{'等' if len(tie.codes) > 4 else ''}"
    why = f"此表这几行的次序与{form.id}不同，按所在位置无法确定" if tie.fixed else "按上方的类、款无法确定"
    what = "" if tie.fixed else "科目名称"
    whose = f"{form.id}的 " if tie.fixed else " "
    return f"{what}“{tie.name}”可指{whose}{codes}，{why}；按表内合计读作 {code}（只有这样读，表内合计才相符），请核对"


def _cells_of(ties: list[Tie], pick: tuple[str, ...]) -> dict[CellRef, Decimal | None]:
    cells: dict[CellRef, Decimal | None] = {}
    for tie, code in zip(ties, pick):
        cells.update(_figures(tie, code))
    return cells


def _figures(tie: Tie, code: str) -> dict[CellRef, Decimal | None]:
    return {CellRef(form, code, column): figure_of(raw, 2, tie.sheet, where, written_unit(raw))
            for form, column, raw, where in tie.figures}


def _balances_as(form: FormDef, result: Result, ties: list[Tie], pick: tuple[str, ...], year: str) -> bool:
    cells = {ref: v for ref, v in result.cells.items() if ref.form == form.id}
    if any(tie.fixed for tie in ties):
        # A fixed row printed with its figure blank shows 0: a 本年收入合计 printed over blank items tells
        # the rows apart, where a total the table does not print at all says nothing.
        cells = {**{ref: Decimal(0) for ref in result.blank if ref.form == form.id}, **cells}
    rows = dict(result.rows.get(form.id, {}))
    own: dict[CellRef, Decimal] = {}
    for tie, code in zip(ties, pick):
        figures = {ref: v for ref, v in _figures(tie, code).items() if ref.form == form.id and v is not None}
        # The row has its own figures already (a 科目 read by its code, a fixed row read by its place).
        if not figures or (any(ref in cells for ref in figures) if tie.fixed else code in rows):
            return False
        # A 项 under a 类 or 款 the table does not print, where it prints its 类 and 款: no reading of it.
        if not tie.fixed and any(len(row) in (3, 5) for row in rows) and any(
                code[:n] not in rows for n in (3, 5) if len(code) > n):
            return False
        own.update(figures)
        if not tie.fixed:
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
        if not tie.fixed:
            result.rows.setdefault(ref.form, {})[code] = tie.name
        result.cells[ref] = value
        result.origin[ref] = (tie.sheet, next(where for f, c, _, where in tie.figures if (f, c) == (ref.form, ref.col)))
