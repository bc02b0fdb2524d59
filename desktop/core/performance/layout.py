"""A 绩效自评表 as printed lines: one grid feeds the window and the workbook, as printed_grid does for the 公开表."""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import NamedTuple

from desktop.core.definitions.performance import PerfColumn
from desktop.core.money import format_amount
from desktop.core.performance.book import PerfTable, SelfEvaluation

NAME_ROW = "名称"  # the line that names the table (项目名称 / 部门（单位）名称)


class PerfItem(NamedTuple):
    """One printed cell: a caption, a header, or a value cell (row key, column) of the table."""

    text: str
    kind: str  # "name", "caption", "header", "label", "value"
    row: str = ""
    column: PerfColumn | None = None


def table_width(book: SelfEvaluation, form_id: str) -> int:
    """The stub column plus the widest block."""
    return 1 + max(len(b.columns) for b in book.forms[form_id].blocks)


def performance_lines(book: SelfEvaluation, table: PerfTable) -> list[list[PerfItem]]:
    """The table top to bottom: its name, then each block's header line and rows."""
    form = book.form_of(table)
    lines = [[PerfItem(form.name_label, "caption"), PerfItem(table.name, "name", NAME_ROW)]]
    for block in form.blocks:
        if block.plain:  # 主管部门, 实施单位: caption and text, no header line
            for row in block.rows:
                lines.append([PerfItem(block.label(row), "caption")]
                             + [PerfItem(book.text(table, row, c.key), "value", row, c) for c in block.columns])
            continue
        lines.append([PerfItem(block.title, "caption")] + [PerfItem("/".join(c.path), "header") for c in block.columns])
        for row in book.block_rows(table, block):
            label = book.row_label(table, row) if block.repeated else block.label(row)
            lines.append([PerfItem(label, "label", row)]
                         + [PerfItem(shown(book, table, row, c), "value", row, c) for c in block.columns])
    return lines


def shown(book: SelfEvaluation, table: PerfTable, row: str, column: PerfColumn) -> str:
    """A cell as printed: text as typed, a rate with its “%”."""
    text = book.text(table, row, column.key)
    return f"{text}%" if text and column.type == "rate" else text


def as_printed(item: PerfItem) -> str:
    """A cell as published: amounts with thousands separators and two decimals, the rest as typed."""
    if item.kind == "value" and item.column is not None and item.column.type == "amount" and item.text:
        try:
            return format_amount(Decimal(item.text))
        except DecimalException:
            return item.text
    return item.text
