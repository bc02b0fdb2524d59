"""Tables cut between rows to fit their pages: a row never split across a page, the header printed
above each piece, the last rows of a table (its 合计 or 总分 among them) never alone on a page, and the
notes under a table kept with them.

Qt breaks a table wherever a page ends, through the lines of a cell, and a page break forced into a
cell moves that cell alone, drawn over the repeated header. So the table is cut in the HTML instead:
each piece its own table under a copy of the header, from a new page. Where to cut is measured on the
table laid out without pages, then checked on the pages, and cut again until every piece fits.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from PySide6.QtGui import QTextDocument, QTextTable

# The last piece of a table holds at least this many rows (or rows kept together): a 合计 or 总分 row
# never stands alone.
LAST_ROWS = 2
ROUNDS = 6
# Left free under each piece: what follows a table within this much of a page's foot lands on the next
# page, and the break before the next piece would then skip a page.
FOOT = 0.02
UNPAGED = 1e9  # a page height no document reaches: rows measured without pages
# A ruled table (caption lines are borderless tables), and how many notes are printed under it.
GRID = re.compile(r'<table\b[^>]*\bborder="1"[^>]*>.*?</table>', re.S)
NOTES = re.compile(r'\bdata-notes="(\d+)"')
ROW = re.compile(r"<tr\b.*?</tr>", re.S)
# Before each piece after the first. Qt puts a line of its own between two tables, which, at a page's
# foot, would carry a page break on the table itself over a second page; this tiny line is that line.
PAGE_BREAK = '<p style="page-break-before:always;font-size:1pt;margin:0">&nbsp;</p>'

Typeset = Callable[[str, float], QTextDocument]  # HTML and a page height -> the laid-out document


class Rows(NamedTuple):
    header: float  # the header's height
    groups: list[tuple[int, float]]  # body rows that stay together (a rowspan): first row, height
    count: int  # body rows
    notes: float  # the notes under the table, from its bottom to the last note's


def lay_out(html: str, typeset: Typeset, body: float) -> QTextDocument:
    """`html` laid out on pages `body` high, its ruled tables cut between rows to fit."""
    document = typeset(html, body)
    if not GRID.search(html):
        return document
    marked = [_marks(t.group(0)) for t in GRID.finditer(html)]
    unpaged = typeset(html, UNPAGED)
    tables = [_measure(t, unpaged, *m) for t, m in zip(grids(unpaged), marked)]
    plans: list[list[int]] = [[] for _ in tables]
    later = [0.0] * len(tables)  # how far down its page a piece after the first begins
    for _ in range(ROUNDS):
        frames = _pieces(document, plans)
        geometry = document.documentLayout()
        tops = [geometry.frameBoundingRect(pieces[0]).top() % body for pieces in frames]
        overflowing = [n for n, pieces in enumerate(frames) if _overflows(document, pieces, tables[n].notes, body)]
        for n in overflowing:
            later[n] += body / 40  # a piece ran over its page: plan the pieces shorter
        wanted = [_cuts(rows, top, later[n], body) for n, (rows, top) in enumerate(zip(tables, tops))]
        if wanted == plans:
            if not overflowing:
                break
            continue
        plans = wanted
        document = typeset(cut(html, plans), body)
    return document


def cut(html: str, plans: list[list[int]]) -> str:
    """The HTML with the n-th ruled table cut before each body row in plans[n], each piece under a copy
    of the header and from a new page (a cut before row 0 moves the whole table to the next page)."""
    plan_of = iter(plans)

    def split(match: re.Match) -> str:
        table = match.group(0)
        plan = next(plan_of, [])
        if not plan:
            return table
        opening = table[: table.index(">") + 1]
        header, rest = "", table[len(opening): -len("</table>")]
        if "</thead>" in rest:
            header, rest = rest.split("</thead>", 1)
            header += "</thead>"
        rows = ROW.findall(rest)
        bounds = [0, *plan, len(rows)]
        parts = [
            f"{PAGE_BREAK if start or plan[0] == 0 else ''}{opening}{header}"
            f"<tbody>{''.join(rows[start:end])}</tbody></table>"
            for start, end in zip(bounds, bounds[1:]) if start != end
        ]
        return "".join(parts)

    return GRID.sub(split, html)


def _marks(table: str) -> tuple[int, set[int]]:
    """From a table's HTML: how many notes are printed under it, and its caption rows (all header
    cells, as 分值/得分 above the 总分 line), which go with the row after them."""
    opening, rest = table.split(">", 1)
    notes = NOTES.search(opening)
    body = rest.split("</thead>", 1)[-1]
    return (int(notes.group(1)) if notes else 0), {n for n, row in enumerate(ROW.findall(body)) if "<td" not in row}


def _cuts(rows: Rows, top: float, later: float, body: float) -> list[int]:
    """Where the pieces begin: as many rows on each page as fit, the notes with the last rows."""
    cuts: list[int] = []
    foot = body * FOOT
    room, used = body - top - rows.header - foot, 0.0
    for g, (first, height) in enumerate(rows.groups):
        need = height + (rows.notes if g == len(rows.groups) - 1 else 0)
        if used + need > room and (used or (not cuts and top > later)):
            cuts.append(first)  # with nothing placed yet: the whole table starts on the next page
            room, used = body - later - rows.header - foot, 0.0
        used += height
    firsts = [f for f, _ in rows.groups]
    if cuts and len(firsts) - firsts.index(cuts[-1]) < min(LAST_ROWS, len(firsts)):
        before = cuts[-2] if len(cuts) > 1 else 0
        earlier = [f for f in firsts[: len(firsts) - LAST_ROWS + 1] if f > before]
        if earlier:
            cuts[-1] = earlier[-1]
    return cuts


def _pieces(document: QTextDocument, plans: list[list[int]]) -> list[list[QTextTable]]:
    """Each table's pieces as laid out, in order."""
    found = iter(grids(document))
    return [[next(found) for _ in range(len(plan) + 1 - (1 if plan and plan[0] == 0 else 0))] for plan in plans]


def _overflows(document: QTextDocument, pieces: list[QTextTable], notes: float, body: float) -> bool:
    geometry = document.documentLayout()
    for n, piece in enumerate(pieces):
        frame = geometry.frameBoundingRect(piece)
        bottom = frame.bottom() + (notes if n == len(pieces) - 1 else 0)
        if int(frame.top() // body) != int((bottom - 1) // body):
            return True
    return False


def grids(document: QTextDocument) -> list[QTextTable]:
    found: list[QTextTable] = []

    def walk(frame) -> None:
        for child in frame.childFrames():
            if isinstance(child, QTextTable) and child.format().border() > 0:
                found.append(child)
            walk(child)

    walk(document.rootFrame())
    return found


def _measure(table: QTextTable, document: QTextDocument, notes: int, captions: set[int]) -> Rows:
    """The table's header and rows as laid out without pages; rows a rowspan joins, and a caption row
    with the row after it, stay one group."""
    geometry = document.documentLayout()
    frame = geometry.frameBoundingRect(table)
    count, columns = table.rows(), table.columns()
    edges: list[float | None] = []
    reach = [0] * count  # the last row the cells beginning in each row run down to
    for r in range(count):
        starting = [table.cellAt(r, c) for c in range(columns) if table.cellAt(r, c).row() == r]
        for cell in starting:
            reach[r] = max(reach[r], r + cell.rowSpan() - 1)
        # The tallest single cell sits at the row's top; a shorter one is centred lower.
        single = [c for c in starting if c.rowSpan() == 1] or starting
        edges.append(min((geometry.blockBoundingRect(c.firstCursorPosition().block()).top() for c in single),
                         default=None))
    inset = (edges[0] if edges[0] is not None else frame.top()) - frame.top()
    edges = [None if e is None else e - inset for e in edges] + [frame.bottom()]
    for r in range(count - 1, -1, -1):  # a row whose cells all run down from above has no edge of its own
        if edges[r] is None:
            edges[r] = edges[r + 1]
    head = min(table.format().headerRowCount(), count)
    groups: list[tuple[int, float]] = []
    reached = max(reach[:head], default=head - 1)
    for r in range(head, count):
        height = edges[r + 1] - edges[r]
        if groups and (reached >= r or r - head - 1 in captions):
            first, joined = groups[-1]
            groups[-1] = (first, joined + height)
        else:
            groups.append((r - head, height))
        reached = max(reached, reach[r])
    return Rows(edges[head] - frame.top(), groups, count - head, _notes_height(table, document, frame.bottom(), notes))


def _notes_height(table: QTextTable, document: QTextDocument, bottom: float, notes: int) -> float:
    geometry = document.documentLayout()
    block = document.findBlock(table.lastPosition() + 1)
    end = bottom
    while notes and block.isValid():
        if block.text().strip():
            end = geometry.blockBoundingRect(block).bottom()
            notes -= 1
        block = block.next()
    return end - bottom
