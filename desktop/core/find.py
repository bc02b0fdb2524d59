"""查找: the printed cells of the tables that show a 科目 code, a name or an amount the user typed."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from desktop.core.definitions import CellRef
from desktop.core.definitions.layout import GridCell, printed_grid
from desktop.core.labels import plain
from desktop.core.money import AmountError, format_amount, parse_amount
from desktop.core.workspace import Workspace

# Sub-cent figures (counts, rates) are compared at their own precision.
_QUERY_DECIMALS = 6


class Hit(NamedTuple):
    form: str
    row: int  # body row of the printed grid (its header rows not counted), as the editor shows it
    col: int
    text: str  # what the cell shows
    ref: CellRef | None = None  # the figure cell, when the hit is an amount


class Query(NamedTuple):
    text: str  # as labels compare: one width, no spaces
    amount: Decimal | None  # the query read as a figure, when it is one

    @property
    def is_code(self) -> bool:
        return self.text.isdigit()


def read_query(text: str) -> Query | None:
    """What the user typed, or None when there is nothing to look for."""
    compared = plain(text)
    if not compared:
        return None
    try:
        amount = parse_amount(text, decimals=_QUERY_DECIMALS)
    except AmountError:
        amount = None
    return Query(compared, amount)


def find(ws: Workspace, text: str, forms: list[str] | None = None) -> list[Hit]:
    """Every cell of these forms (all active forms when None) showing `text`, in reading order:
    a 科目 code that starts with it, a name that contains it, a figure equal to it
    ("1234.5", "1,234.50" and "1234.50" are one amount)."""
    query = read_query(text)
    if query is None:
        return []
    ids = forms if forms is not None else [f.id for f in ws.structure.active]
    hits: list[Hit] = []
    for form_id in ids:
        if form_id not in ws.forms:
            continue
        grid = printed_grid(ws.forms[form_id], ws.rows(form_id), ws.money_unit)
        kinds = grid.col_kinds
        body = sorted((c for c in grid.cells if c.row >= grid.header_rows), key=lambda c: (c.row, c.col))
        for cell in body:
            shown = _match(ws, cell, kinds[cell.col], query)
            if shown is not None:
                hits.append(Hit(form_id, cell.row - grid.header_rows, cell.col, shown, cell.ref))
    return hits


def _match(ws: Workspace, cell: GridCell, kind: str, query: Query) -> str | None:
    if cell.ref is not None:
        if query.amount is None:
            return None
        value = ws.value(cell.ref)
        if value is None or value != query.amount:
            return None
        decimals = cell.source.decimals if cell.source else 2
        return format_amount(value, decimals=decimals)
    if not cell.text or kind == "line":  # 行次 numbers would drown every amount typed
        return None
    shown = plain(cell.text)
    if query.is_code and shown.isdigit():
        return cell.text if shown.startswith(query.text) else None
    return cell.text if query.text.casefold() in shown.casefold() else None
