"""查找: the places on every page (tables, 绩效自评表, 情况说明) that show a code, a name or an amount the user typed."""

from __future__ import annotations

from desktop.core.definitions.layout import GridCell, printed_grid
from desktop.core.find.performance import performance_hits
from desktop.core.find.query import Hit, Query, read_query, spans_in
from desktop.core.labels import plain
from desktop.core.money import format_amount
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace

__all__ = ["Hit", "Query", "find", "pages", "read_query"]


def pages(ws: Workspace) -> list[str]:
    """Every page 查找 searches, in the order its hits come: the tables as printed, the 绩效自评表
    (整体, then the projects), the 情况说明."""
    return [f.id for f in ws.structure.active] + list(ws.performance.forms) + [NARRATIVE_KEY]


def find(ws: Workspace, text: str, forms: list[str] | None = None) -> list[Hit]:
    """Every place on these pages (all of them when None) showing `text`, in reading order: a 科目
    code that starts with it, a name or words that contain it, a figure equal to it ("1234.5",
    "1,234.50" and "1234.50" are one amount; "57.45%" is a rate of 57.45)."""
    query = read_query(text)
    if query is None:
        return []
    hits: list[Hit] = []
    for page in pages(ws) if forms is None else forms:
        if page in ws.forms:
            hits += _table_hits(ws, page, query)
        elif page in ws.performance.forms:
            hits += performance_hits(ws.performance, page, query, ws.money_unit)
        elif page == NARRATIVE_KEY:
            hits += _narrative_hits(ws, query)
    return hits


def _table_hits(ws: Workspace, form_id: str, query: Query) -> list[Hit]:
    grid = printed_grid(ws.forms[form_id], ws.rows(form_id), ws.money_unit)
    kinds = grid.col_kinds
    body = sorted((c for c in grid.cells if c.row >= grid.header_rows), key=lambda c: (c.row, c.col))
    hits = []
    for cell in body:
        shown = _match(ws, cell, kinds[cell.col], query)
        if shown is not None:
            hits.append(Hit(form_id, cell.row - grid.header_rows, cell.col, shown, cell.ref))
    return hits


def _narrative_hits(ws: Workspace, query: Query) -> list[Hit]:
    """Each place in the 情况说明 as saved; its editor shows the same text."""
    text = ws.text(NARRATIVE_KEY)
    return [Hit(NARRATIVE_KEY, 0, 0, text[a:b], start=a, end=b) for a, b in spans_in(text, query, ws.money_unit)]


def _match(ws: Workspace, cell: GridCell, kind: str, query: Query) -> str | None:
    if cell.ref is not None:
        if query.amount is None or query.percent:  # the 公开 tables hold no rates
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
