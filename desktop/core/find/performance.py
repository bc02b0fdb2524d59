"""查找 in the 绩效自评表: names and text by their words, amounts, scores and rates by value."""

from __future__ import annotations

from desktop.core.definitions import CellRef
from desktop.core.find.query import Hit, Query, number_matches, spans_in
from desktop.core.performance.layout import PerfItem, as_printed, performance_lines
from desktop.core.performance.book import PerfTable, SelfEvaluation


def performance_hits(book: SelfEvaluation, form_id: str, query: Query, money_unit: str) -> list[Hit]:
    """Every printed cell of this form's tables (the projects in their order) that shows the query."""
    hits = []
    tables = [t for t in book.ordered() if t.form == form_id]
    for sheet, table in enumerate(tables):
        for r, line in enumerate(performance_lines(book, table)):
            for c, item in enumerate(line):
                if _matches(book, table, item, query, money_unit):
                    ref = CellRef(form_id, f"{table.id}:{item.row}", item.column.key) if item.kind == "value" else None
                    hits.append(Hit(form_id, r, c, as_printed(item), ref, table.id, sheet))
    return hits


def _matches(book: SelfEvaluation, table: PerfTable, item: PerfItem, query: Query, money_unit: str) -> bool:
    if not item.text or item.kind in ("caption", "header"):  # headers would answer every query on every table
        return False
    if item.kind == "label":
        block = book.form_of(table).block_of_row(item.row)
        if block is not None and block.repeated:  # “指标 3” numbers the rows, like a 行次
            return False
    column = item.column
    if item.kind == "value" and column is not None and column.type != "text":
        return number_matches(book.number(table, item.row, column.key), query, column.type == "rate")
    return bool(spans_in(item.text, query, money_unit))

