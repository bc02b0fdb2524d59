"""The rules of the 公开文件's tables, drawn as whole lines.

Qt draws a table's border cell by cell, each of a cell's four edges a filled rectangle of its own with
the colour and graphics state written out again each time: two thirds of a table page's drawing
operators, which every reader of the PDF then parses (a 30-page document took about twice as long to
read back). The tables are laid out with their border (its width keeps its room) but with its style
set to none, so Qt draws none; the rules are drawn here instead, one line for each run of cell edges.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument, QTextTable


def table_rules(document: QTextDocument, tables: list[QTextTable], scale: float) -> tuple[list[QLineF], float]:
    """The rules of `tables` as laid out in `document`, in its coordinates, and their width; `scale`
    is the device's pixels to a CSS pixel, in which the tables give their border and padding."""
    geometry = document.documentLayout()
    lines: list[QLineF] = []
    width = 0.0
    for table in tables:
        cells = _cells(table, geometry)
        if not cells:
            continue
        fmt = table.format()
        gap = (fmt.border() + 2 * fmt.cellPadding()) * scale  # between two cells' text: padding, border, padding
        width = max(width, fmt.border() * scale)
        xs = _edges(table.columns(), [(c, cs, box.left(), box.right()) for (_, c, _, cs), box in cells.items()], gap)
        ys = _edges(table.rows(), [(r, rs, box.top(), box.bottom()) for (r, _, rs, _), box in cells.items()], gap)
        horizontal: dict[float, list[tuple[float, float]]] = defaultdict(list)
        vertical: dict[float, list[tuple[float, float]]] = defaultdict(list)
        for r, c, rs, cs in cells:
            for y in (ys[r], ys[r + rs]):
                horizontal[y].append((xs[c], xs[c + cs]))
            for x in (xs[c], xs[c + cs]):
                vertical[x].append((ys[r], ys[r + rs]))
        lines += [QLineF(a, y, b, y) for y, spans in horizontal.items() for a, b in _joined(spans)]
        lines += [QLineF(x, a, x, b) for x, spans in vertical.items() for a, b in _joined(spans)]
    return lines, width


def on_page(lines: list[QLineF], band: QRectF) -> list[QLineF]:
    """The lines that reach into `band` (a page of the document): a page's content carries only its own."""
    return [line for line in lines if min(line.y1(), line.y2()) <= band.bottom() and max(line.y1(), line.y2()) >= band.top()]


def _cells(table: QTextTable, geometry: QAbstractTextDocumentLayout) -> dict[tuple[int, int, int, int], QRectF]:
    """Each cell (row, column, rows, columns) with the box its text is laid out in."""
    cells: dict[tuple[int, int, int, int], QRectF] = {}
    for r in range(table.rows()):
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue
            first = geometry.blockBoundingRect(cell.firstCursorPosition().block())
            last = geometry.blockBoundingRect(cell.lastCursorPosition().block())
            cells[(r, c, cell.rowSpan(), cell.columnSpan())] = first.united(last)
    return cells


def _edges(count: int, spans: list[tuple[int, int, float, float]], gap: float) -> list[float]:
    """The rule between each two rows (or columns), and the outer two: halfway between the text boxes
    that end before it and those that begin after it. A box centred in a taller row ends short of
    the row's foot; the one that begins below does not, so the nearest of each side is taken."""
    ends: dict[int, float] = {}
    starts: dict[int, float] = {}
    for first, span, low, high in spans:
        starts[first] = min(starts.get(first, low), low)
        ends[first + span] = max(ends.get(first + span, high), high)
    edges: list[float] = []
    for k in range(count + 1):
        if k in starts and k in ends:
            edges.append((starts[k] + ends[k]) / 2)
        elif k in starts:
            edges.append(starts[k] - gap / 2)
        elif k in ends:
            edges.append(ends[k] + gap / 2)
        else:  # no cell begins or ends here: no rule is drawn on it
            edges.append(edges[-1] if edges else 0.0)
    return edges


def _joined(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Touching or overlapping stretches of one line as one."""
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 0.5:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]
