"""Rows another template prints in place of several of the form's rows (forms' `stand_ins`): an older
merged row (公开01's “一、财政拨款收入” for its three 财政拨款 rows) is split into them only when the
workbook's own figures decide it — the cells other tables print that the form's checks equate with each
part (公开04's income items), adding up to the merged figure; a breakdown by another axis (基本支出 where
the form lists 功能分类 类) is no figure of any of them. Otherwise the figure is named once and the rows it
may be are recorded as unread, so that the checks that read them wait instead of comparing with a blank."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions import CellRef, FormSet
from desktop.core.excel.foreign_result import Result, StandInFigure
from desktop.core.excel.reading import Warning_, figure_of, text_of, written_unit


def settle_stand_ins(result: Result, forms: FormSet) -> None:
    """Splits, or names and records as unread, each figure printed on a stand-in row. Run once every
    table is read (the parts are told by other tables) and before the tables' units are made one."""
    breakdowns: dict[tuple[str, str], list[StandInFigure]] = {}
    for figure in result.stand_ins:
        if figure.stand_in.adds:
            _split(figure, result, forms)
        else:
            breakdowns.setdefault((figure.sheet, figure.form), []).append(figure)
    for figures in breakdowns.values():
        _other_axis(figures, result)
    result.stand_ins = []


def _split(figure: StandInFigure, result: Result, forms: FormSet) -> None:
    form, col = figure.form, figure.column
    whole = figure_of(figure.raw, 2, figure.sheet, figure.where, written_unit(figure.raw))
    # Parts the table prints too (“其中：政府性基金预算财政拨款”), a blank one as 0.
    printed = [row for row in figure.rows if CellRef(form, row, col) in result.cells or CellRef(form, row, col) in result.blank]
    rest = [row for row in figure.rows if row not in printed]
    left = whole - sum((result.cells.get(CellRef(form, row, col), Decimal(0)) for row in printed), Decimal(0))
    told = {row: _witnessed(CellRef(form, row, col), result, forms) for row in rest}
    parts = "、".join(figure.rows)
    if not rest:
        if left:
            result.warnings.append(Warning_(figure.sheet, figure.where, (
                f"“{figure.name}”一行合印了{form}的 {parts}，其数 {text_of(figure.raw)} 与下列各项之和不符，请核对")))
        return
    if all(each is not None for each in told.values()) and sum(v for v, _ in told.values()) == left:
        for row, (value, _) in told.items():
            if value:
                ref = CellRef(form, row, col)
                result.cells[ref] = value
                result.origin[ref] = (figure.sheet, figure.where)
        whence = "、".join(sorted({w for _, w in told.values()}))
        result.warnings.append(Warning_(figure.sheet, figure.where, (
            f"“{figure.name}”一行合印了{form}的 {parts}；按{whence}所列各项（相加与此数相符）分列读入，请核对")))
        return
    result.refused(form, rest, col, figure.sheet, figure.where, figure.raw)
    result.warnings.append(Warning_(figure.sheet, figure.where, (
        f"“{figure.name}”一行合印了{form}的 {'、'.join(rest)}，工作簿中没有能把它分开的数字，"
        f"数字 {text_of(figure.raw)} 未导入，读这几行的核对暂缓")))


def _witnessed(ref: CellRef, result: Result, forms: FormSet) -> tuple[Decimal, str] | None:
    """The figure another table prints that a check of the forms equates with `ref` (公开04-11: 公开04's
    一般公共预算财政拨款收入 = 公开01's), with that table's id; a fixed row printed blank is 0. None when
    no such table was read with the row in the same money unit."""
    for other in _equated(ref, forms):
        if result.money.get(other.form) and result.money.get(ref.form) and result.money[other.form] != result.money[ref.form]:
            continue
        if other in result.cells:
            return result.cells[other], other.form
        if other in result.blank:
            return Decimal(0), other.form
    return None


def _equated(ref: CellRef, forms: FormSet) -> list[CellRef]:
    """The cells of other forms a check says equal `ref`, one cell on each side."""
    found = []
    for form in forms:
        for check in form.checks:
            if check.kind != "equation" or check.op != "=" or len(check.lhs) != 1 or len(check.rhs) != 1:
                continue
            sides = [CellRef(t.form, t.row, t.col) for t in (*check.lhs, *check.rhs) if t.sign == 1 and not t.is_sum]
            if len(sides) == 2 and ref in sides and "@" not in {s.row for s in sides} | {s.col for s in sides}:
                other = sides[1] if sides[0] == ref else sides[0]
                if other.form != ref.form:
                    found.append(other)
    return found


def _other_axis(figures: list[StandInFigure], result: Result) -> None:
    """A table that lists its total by another axis (基本支出, 项目支出 for the 功能分类 类): the rows it
    gives no figure on are unread, named once — a row printed blank beside such a list proves no 0; where
    every one of them has its figure, these figures are no cell of it."""
    first = figures[0]
    left = [row for row in dict.fromkeys(row for f in figures for row in f.rows)
            if not any(CellRef(first.form, row, f.column) in result.cells for f in figures)]
    names = "、".join(f"“{f.name}” {text_of(f.raw)}" for f in figures)
    if not left:
        result.warnings.append(Warning_(first.sheet, first.where, f"{names} 不是{first.form}的行，未导入"))
        return
    for f in figures:
        result.refused(f.form, left, f.column, f.sheet, f.where, f.raw)
    result.warnings.append(Warning_(first.sheet, first.where, (
        f"此表按另一种口径列出{names}，没有{first.form}的 {left[0]} 等 {len(left)} 行的数字，这些数字未导入，读这几行的核对暂缓")))
