"""A table printed without ruling lines, read from its text columns: the columns are where the
figures of its body rows stand; a header item over several columns is a merged cell."""

from __future__ import annotations

from desktop.core.excel.reading import is_number_like
from desktop.core.excel.tables import is_meta_row
from desktop.core.pdf.layout import Line, Table

_NOTE = ("注", "说明", "备注")


def is_figure_line(line: Line) -> bool:
    """A table's body row as text: two printed items or more, one of them a figure alone."""
    return len(line.items) >= 2 and any(is_number_like(item.replace(" ", "")) for item in line.items)


def text_table(lines: list[Line]) -> tuple[Table, list[Line]] | None:
    """The table the lines print (from the first line that is no title or 单位 line to a 注 line),
    and the lines left outside it; None where fewer than two lines hold figures."""
    start = next((i for i, line in enumerate(lines) if len(line.items) >= 2 and not is_meta_row(line.items)), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(lines)) if lines[i].text.startswith(_NOTE)), len(lines))
    rows = lines[start:end]
    body = [line for line in rows if is_figure_line(line)]
    if len(body) < 2:
        return None
    columns = _columns([span for line in body for span in line.spans])
    table = Table(rows[0].top, rows[-1].top + rows[-1].size, [c[0] for c in columns] + [columns[-1][1]])
    for r, line in enumerate(rows):
        for text, (x0, x1) in zip(line.items, line.spans):
            over = [c for c, (left, right) in enumerate(columns) if x0 < right and x1 > left]
            if not over:  # in a gap between columns: the nearest one
                over = [min(range(len(columns)), key=lambda c: abs((columns[c][0] + columns[c][1]) / 2 - (x0 + x1) / 2))]
            first = over[0]
            table.cells[(r, first)] = f"{table.cells[(r, first)]} {text}" if (r, first) in table.cells else text
            if len(over) > 1:
                table.spans[(r, first)] = (1, len(over))
    table.rows = len(rows)
    return table, lines[:start] + lines[end:]


def _columns(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The x ranges the body rows' items fill, overlapping ones merged: one a column."""
    merged: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(x0, x1) for x0, x1 in merged]
