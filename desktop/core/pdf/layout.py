"""One PDF page as lines of text and ruled tables of cell texts, from its characters and ruling lines."""

from __future__ import annotations

from bisect import bisect_right
import re
from dataclasses import dataclass, field

# Characters of one line share a baseline; a figure set in another font than the words around it
# has another `top` (ONLYOFFICE and WPS print digits in Times beside 仿宋), so `top` would split the line.
_SAME_LINE = 0.3  # of the font size
_WORD_GAP = 0.5  # a gap wider than this (of the font size) between two characters is a space
_CHUNK_GAP = 2.0  # a gap wider than this on a line outside tables separates two printed items
_SNAP = 1.5  # points: ruling lines this close are one line
_FIGURE = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


@dataclass
class Line:
    """A line of text outside the tables: its printed items (split at wide gaps) and where it starts."""

    top: float
    x0: float
    x1: float
    size: float
    items: list[str]
    spans: list[tuple[float, float]] = field(default_factory=list)  # each item's left and right x

    @property
    def text(self) -> str:
        return " ".join(self.items)


@dataclass
class Table:
    """A ruled table: cell texts by (row, column) from 0, each merged cell at its top-left with its span."""

    top: float
    bottom: float
    columns: list[float]  # the x of each column's left edge, and the right edge of the last
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (rows, columns) over 1
    rows: int = 0


@dataclass
class Page:
    number: int  # from 1, as a reader counts
    width: float
    lines: list[Line]
    tables: list[Table]


def read_page(page, number: int) -> Page:
    chars = [c for c in page.chars if c["text"].strip()]
    _mark_drawn_spaces(chars, [c for c in page.chars if not c["text"].strip()])
    found = page.find_tables() if page.lines or page.rects or page.curves else []
    lattices = [_Lattice(t) for t in found]
    loose = []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        home = next((t for t in lattices if t.holds(cx, cy)), None)
        if home is None:
            loose.append(c)
        else:
            home.chars.append(c)
    lines = _lines(loose)
    for lattice in lattices:
        lines = [line for line in lines if not lattice.takes_row(line)]
    tables = [t.table() for t in lattices]
    return Page(number, float(page.width), [_line(group) for group in lines], [t for t in tables if t.rows])


def _snap(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """The lattice edge at or just before `v` (edges within _SNAP count as `v`)."""
    return max(0, bisect_right(edges, v + _SNAP) - 1)


class _Lattice:
    """A table pdfplumber found from its ruling lines: the grid its cells' edges make, and the
    characters inside it."""

    def __init__(self, found):
        self.bbox = found.bbox
        self.xs = _snap([x for c in found.cells for x in (c[0], c[2])])
        self.ys = _snap([y for c in found.cells for y in (c[1], c[3])])
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot → the cell covering it
        self.chars: list = []
        for x0, top, x1, bottom in found.cells:
            r0, c0 = _index(self.ys, top), _index(self.xs, x0)
            r1, c1 = max(r0 + 1, _index(self.ys, bottom)), max(c0 + 1, _index(self.xs, x1))
            if (r1 - r0, c1 - c0) != (1, 1):
                self.spans[(r0, c0)] = (r1 - r0, c1 - c0)
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.owner.setdefault((r, c), (r0, c0))

    def takes_row(self, line: list) -> bool:
        """Takes a line printed just under the table in two or more of its columns: its last row,
        whose rule under it the finder missed (a table that goes on overleaf)."""
        size = max(c["size"] for c in line)
        top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
        if not 0 <= top - self.ys[-1] <= 1.5 * size or line[0]["x0"] < self.xs[0] or line[-1]["x1"] > self.xs[-1]:
            return False
        if len({_index(self.xs, (c["x0"] + c["x1"]) / 2) for c in line}) < 2:
            return False
        r = len(self.ys) - 1
        self.ys.append(bottom + 1)
        for c in range(len(self.xs) - 1):
            self.owner[(r, c)] = (r, c)
        self.chars += line
        return True

    def holds(self, x: float, y: float) -> bool:
        return self.bbox[0] <= x <= self.bbox[2] and self.bbox[1] <= y <= self.bbox[3]

    def table(self) -> Table:
        by_cell: dict[tuple[int, int], list] = {}
        for c in self.chars:
            cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            owner = self.owner.get((_index(self.ys, cy), _index(self.xs, cx)))
            if owner is not None:
                by_cell.setdefault(owner, []).append(c)
        lines = {slot: _lines(chars) for slot, chars in by_cell.items()}
        rows = len(self.ys) - 1
        place = {}  # cell → its line within its ruled row: 0, or 1 for a body row sharing it with a header line
        for r in range(rows):
            place.update(_shared_row({slot: cl for slot, cl in lines.items() if slot[0] == r}))
        start = [0]
        for r in range(rows):
            start.append(start[-1] + 1 + any(place.get(slot) for slot in lines if slot[0] == r))
        cells, spans = {}, {}
        for (r, c), cell_lines in lines.items():
            down = self.spans.get((r, c), (1, 1))
            row = start[r] + place.get((r, c), 0)
            # A cell's text wraps inside it (“本年收入合/计”): its lines run on without a break.
            cells[(row, c)] = "".join(_words(line) for line in cell_lines)
            if (start[r + down[0]] - row, down[1]) != (1, 1):
                spans[(row, c)] = (start[r + down[0]] - row, down[1])
        return Table(self.ys[0], self.ys[-1], self.xs, cells, spans, start[-1])


def _baseline(line: list) -> float:
    return round(line[0]["matrix"][5], 1)


def _shared_row(here: dict) -> dict:
    """Cells of the body row that shares a ruled row with the header's last line (no rule between
    “类 款 项” and “合计 2,946.25”): {cell: 1} for each, or {} for an ordinary row. The header words
    are the 类/款/项 captions, or a line of words set above a line holding figures."""
    texts = {slot: _words(cl[0]) for slot, cl in here.items()}
    if any(len(cl) > 1 for cl in here.values()) or not any(_FIGURE.match(t) for t in texts.values()):
        return {}
    if sum(t in ("类", "款", "项") for t in texts.values()) >= 2:
        return {slot: 1 for slot, t in texts.items() if t not in ("类", "款", "项")}
    levels = sorted({_baseline(cl[0]) for cl in here.values()}, reverse=True)  # PDF y grows upwards
    size = max(c["size"] for cl in here.values() for c in cl[0])
    if len(levels) != 2 or levels[0] - levels[1] < _SAME_LINE * 2 * size:
        return {}
    upper = [t for slot, t in texts.items() if _baseline(here[slot][0]) == levels[0]]
    if any(_FIGURE.match(t) for t in upper):
        return {}
    return {slot: 1 for slot, cl in here.items() if _baseline(cl[0]) == levels[1]}


def _lines(chars: list) -> list[list]:
    """Characters grouped by baseline, top line first, each line left to right."""
    lines: list[list] = []
    for c in sorted(chars, key=lambda c: -c["matrix"][5]):
        if lines and abs(lines[-1][0]["matrix"][5] - c["matrix"][5]) <= _SAME_LINE * max(c["size"], 1):
            lines[-1].append(c)
        else:
            lines.append([c])
    return [_once(sorted(line, key=lambda c: c["x0"])) for line in lines]


def _once(line: list) -> list:
    """A character drawn twice a hair apart (bold faked by overprinting, as Qt prints headers) is one."""
    kept: list = []
    for c in line:
        if kept and kept[-1]["text"] == c["text"] and c["x0"] - kept[-1]["x0"] < _SAME_LINE * max(c["size"], 1):
            continue
        kept.append(c)
    return kept


def _mark_drawn_spaces(chars: list, blanks: list) -> None:
    """Marks each character that follows a space the PDF draws (Qt draws one, narrower than a
    gap that reads as a space: “1. 保障” would come back “1.保障”). The blanks themselves are left
    out of the lines: a run of them only pads, and would join the items a gap separates."""
    if not blanks:
        return
    by_line: dict[int, list] = {}
    for c in chars:
        by_line.setdefault(round(c["matrix"][5]), []).append(c)
    for blank in blanks:
        baseline = round(blank["matrix"][5])
        row = [c for key in (baseline - 1, baseline, baseline + 1) for c in by_line.get(key, ())]
        after = min((c for c in row if c["x0"] >= blank["x1"] - _SNAP), key=lambda c: c["x0"], default=None)
        if after is not None and after["x0"] - blank["x1"] <= _WORD_GAP * max(after["size"], 1):
            after["spaced"] = True


def _words(line: list, gap: float = _WORD_GAP) -> str:
    text = ""
    for prev, c in zip([None, *line], line):
        if prev is not None and (c.get("spaced") or c["x0"] - prev["x1"] > gap * max(c["size"], 1)):
            text += " "
        text += c["text"]
    return text


def _line(chars: list) -> Line:
    items: list[list] = [[chars[0]]]
    for prev, c in zip(chars, chars[1:]):
        if c["x0"] - prev["x1"] > _CHUNK_GAP * max(c["size"], 1):
            items.append([c])
        else:
            items[-1].append(c)
    size = max(c["size"] for c in chars)
    return Line(min(c["top"] for c in chars), chars[0]["x0"], chars[-1]["x1"], size, [_words(i) for i in items],
                [(i[0]["x0"], i[-1]["x1"]) for i in items])
