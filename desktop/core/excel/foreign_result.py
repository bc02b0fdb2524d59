"""What reading a workbook made elsewhere gathers: figures, rows, notes, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.definitions import CellRef, StandIn
from desktop.core.excel.reading import Warning_, text_of
from desktop.core.money import AmountError, parse_amount
from desktop.core.unread import Unread, printed_at


@dataclass
class Tie:
    """A row printed by a 科目 name that several 科目 bear, the 类 and 款 above it telling none, or by a label
    several fixed rows bear, printed out of the form's order (`fixed`: `codes` are then the rows' keys): its
    figures wait for the table's sums to choose (see row_settle)."""

    sheet: str
    form: str
    name: str
    codes: list[str]
    figures: list[tuple[str, str, object, str]] = field(default_factory=list)  # (form, column, raw cell, where)
    fixed: bool = False


@dataclass
class StandInFigure:
    """A figure printed on a row another template prints for several of the form's rows (see merged_rows)."""

    sheet: str
    form: str
    name: str  # as printed
    stand_in: StandIn
    rows: list[str]  # the form's rows it stands for
    column: str
    raw: object
    where: str


@dataclass
class Result:
    unit: dict[str, str] = field(default_factory=dict)
    cells: dict[CellRef, Decimal] = field(default_factory=dict)
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # form → code → name
    notes: dict[str, str] = field(default_factory=dict)
    found: set[str] = field(default_factory=set)
    origin: dict[CellRef, tuple[str, str]] = field(default_factory=dict)  # sheet and cell of each figure
    warnings: list[Warning_] = field(default_factory=list)
    columns: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # form → (section, column) printed
    money: dict[str, str | None] = field(default_factory=dict)  # form → the 金额单位 its table states
    money_origin: dict[str, tuple[str, str]] = field(default_factory=dict)  # where it says so
    counts: set[CellRef] = field(default_factory=set)  # figures that are no amount (辆, 台): never converted
    cell_money: dict[CellRef, str] = field(default_factory=dict)  # 元 or 万元 a row's 计量单位 states
    printed_in: dict[str, str] = field(default_factory=dict)  # a form printed beside → the table it is in
    ties: list[Tie] = field(default_factory=list)
    sheet_money: dict[str, str] = field(default_factory=dict)  # form → the 金额单位 a table above it on its sheet states
    blank: set[CellRef] = field(default_factory=set)  # cells of fixed rows printed with no figure
    # A cell printed with no figure on a label several fixed rows bear, out of order: (form, rows, column).
    blank_ties: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)  # figures refused, with the cells each may be
    stand_ins: list[StandInFigure] = field(default_factory=list)

    def refused(self, form: str, rows, col: str, sheet: str, where: str, raw) -> None:
        """A figure left out whose table is known: the cells it may be (each of `rows`, '' for any row;
        col '' for any column) are not known to the checks."""
        self.unread += [Unread(form, row, col, printed_at(sheet, where), text_of(raw)) for row in rows]


def nothing(value) -> bool:
    """A cell that means no figure: a blank mark, or a zero (a row or column that holds nothing)."""
    try:
        return not parse_amount(text_of(value) if not isinstance(value, (int, Decimal)) else value)
    except AmountError:
        return False
