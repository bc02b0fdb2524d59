"""Prints a form as a plain-text table laid out like the printed form."""

from __future__ import annotations

import unicodedata

from desktop.core.definitions.layout import printed_grid
from desktop.core.money import format_amount
from desktop.core.workspace import Workspace


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, wide: int, right: bool) -> str:
    gap = " " * (wide - width(text))
    return gap + text if right else text + gap


def render_form(ws: Workspace, form_id: str) -> str:
    form = ws.forms[form_id]
    grid = printed_grid(form, ws.rows(form.id), ws.money_unit)
    table = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    marks = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    for cell in grid.cells:
        if cell.ref is not None:
            row = ws.structure.row(cell.ref.form, cell.ref.row)
            value = ws.value(cell.ref)
            table[cell.row][cell.col] = format_amount(value, decimals=row.decimals if row else 2)
            if value is not None and ws.values.is_computed(cell.ref):
                marks[cell.row][cell.col] = "*"
        else:
            table[cell.row][cell.col] = cell.text
    widths = [
        max([width(table[r][c] + marks[r][c]) for r in range(grid.n_rows)] + [2])
        for c in range(grid.n_cols)
    ]
    numeric = [kind == "value" for kind in grid.col_kinds]
    subject = ws.unit.get("公开主体", "单位")
    lines = [
        form.title,
        form.label,
        f"编制{subject}：{ws.unit.get('单位名称', '')}    {ws.unit.get('年度', '')}年度    单位：{ws.money_unit}",
        "",
    ]
    for r in range(grid.n_rows):
        parts = [
            pad(table[r][c] + marks[r][c], widths[c], numeric[c] and r >= grid.header_rows)
            for c in range(grid.n_cols)
        ]
        lines.append("  ".join(parts).rstrip())
        if r == grid.header_rows - 1:
            lines.append("-" * (sum(widths) + 2 * (grid.n_cols - 1)))
    note = ws.notes.get(form_id)
    if note:
        lines += ["", f"空表说明：{note}"]
    lines += ["", form.footnote.replace("{主体}", subject), "（带 * 的数字由其组成部分自动计算）"]
    return "\n".join(lines)
