"""The 绩效自评表 in a workspace snapshot (the sample, fixtures): tables by name, rows in order."""

from __future__ import annotations

from desktop.core.performance.book import WHOLE, PerformanceEditError, SelfEvaluation


def dump_performance(book: SelfEvaluation) -> list[dict]:
    """Each table as printed: fixed rows by key, repeated rows as lists; rates carry their “%”."""
    tables = []
    for table in book.ordered():
        form = book.form_of(table)
        entry: dict = {"form": table.form, "name": table.name, "cells": {}, "rows": {}}
        for block in form.blocks:
            def row_of(row: str) -> dict[str, str]:
                values = {}
                for column in block.columns:
                    text = table.cells.get((row, column.key))
                    if text is not None:
                        values[column.key] = f"{text}%" if column.type == "rate" else text
                return values
            if block.repeated:
                entry["rows"][block.key] = [row_of(r) for r in book.block_rows(table, block)]
            else:
                for row in block.rows:
                    if values := row_of(row):
                        entry["cells"][row] = values
        tables.append(entry)
    return tables


def load_performance(book: SelfEvaluation, tables: list[dict], unit_name: str = "") -> None:
    """Enter a snapshot's tables; a value that is not what its column takes is refused, naming the cell."""
    for entry in tables:
        if entry.get("form") == WHOLE:
            book.ensure_whole(entry.get("name") or unit_name)
            table = book.whole()
            book.rename(table.id, entry.get("name") or table.name)
        elif entry.get("form") in book.forms:
            (table_id,) = book.add_project(entry["name"]).performance
            table = book.table(table_id)
        else:
            raise PerformanceEditError(f"快照中的绩效自评表“{entry.get('form')}”不是已知的表")
        changes = [(row, col, text) for row, by_col in entry.get("cells", {}).items() for col, text in by_col.items()]
        for block_key, rows in entry.get("rows", {}).items():
            for row, values in zip(book.add_rows(table.id, block_key, len(rows)).added, rows):
                changes += [(row, col, text) for col, text in values.items()]
        book.set_cells(table.id, changes)
