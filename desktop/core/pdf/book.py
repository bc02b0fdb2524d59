"""The tables of a PDF as a workbook the layout reader takes: a sheet for each run of pages a
titled table starts, its cells and merged ranges as openpyxl gives them, each row traceable to its page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.core.definitions import FormSet
from desktop.core.excel.reading import address
from desktop.core.excel.tables import identify
from desktop.core.narrative.layout import is_page_number
from desktop.core.pdf.layout import Line, Page, Table
from desktop.core.pdf.text_table import text_table

# A table title the layout reader knows, or another printed table's (绩效自评表, 公开10): a new sheet.
_TITLE = re.compile(r"(表|情况|统计)[)）]?$")
_COLUMN_MATCH = 3.0  # points: a continued table's column edges within this are the same columns


class Cell(NamedTuple):
    row: int
    column: int
    value: object

    @property
    def coordinate(self) -> str:
        return address(self.row, self.column)


class Range(NamedTuple):
    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class Merged:
    ranges: list[Range] = field(default_factory=list)


class Origin(NamedTuple):
    """Where a sheet row was printed: its page, and its line there (a table's row from 1, or a text line)."""

    page: int
    line: int
    in_table: bool


@dataclass
class Sheet:
    """A run of pages as one sheet: what openpyxl's worksheet offers the layout reader."""

    title: str
    rows: list[list[Cell]] = field(default_factory=list)
    merged_cells: Merged = field(default_factory=Merged)
    origins: list[Origin] = field(default_factory=list)  # of row n at n - 1
    sheet_state: str = "visible"
    columns: list[float] | None = None  # the last table's column edges, for a table continued overleaf

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, values_only: bool = False):
        """Rows as openpyxl gives them: every column up to the widest row's, blanks as None."""
        width = max((c.column for cells in self.rows for c in cells), default=0)
        for n, cells in enumerate(self.rows[min_row - 1:max_row], min_row):
            row = [Cell(n, c, None) for c in range(1, width + 1)]
            for cell in cells:
                row[cell.column - 1] = cell
            yield tuple(c.value for c in row) if values_only else tuple(row)

    def origin(self, row: int) -> Origin:
        return self.origins[row - 1]


class Book:
    """The sheets, by title, as openpyxl's workbook offers them."""

    def __init__(self, sheets: list[Sheet]):
        self.worksheets = sheets
        self.sheetnames = [s.title for s in sheets]

    def __getitem__(self, name: str) -> Sheet:
        return next(s for s in self.worksheets if s.title == name)


def table_book(pages: list[Page], forms: FormSet) -> Book:
    """The pages' tables with the lines printed around them. A page whose first table has a title
    above it starts a sheet; one whose table starts the page goes on with the sheet before (a table
    run over onto the next page). Pages before the first titled table (the 概况) are left out."""
    sheets: list[Sheet] = []
    for page in pages:
        if not page.tables:
            # No ruling lines: a titled table, or one going on from the page before, read by its text columns.
            titled = any(_is_title(line, forms) for line in page.lines)
            if not (titled or sheets and sheets[-1].origins[-1].page == page.number - 1) or not _from_text(page):
                continue
        above = [line for line in page.lines if line.top < page.tables[0].top]
        if any(_is_title(line, forms) for line in above) or not sheets:
            if not any(_is_title(line, forms) for line in page.lines):
                continue
            sheets.append(Sheet(""))
        _add_page(sheets[-1], page)
    for sheet in sheets:
        first, last = sheet.origins[0].page, sheet.origins[-1].page
        sheet.title = f"第{first}页" if first == last else f"第{first}–{last}页"
    return Book(sheets)


def _from_text(page: Page) -> bool:
    """Puts the table the page prints without ruling lines in its tables; False where it has none."""
    found = text_table(page.lines)
    if found is None:
        return False
    table, page.lines = found
    page.tables.append(table)
    return True


def _is_title(line: Line, forms: FormSet) -> bool:
    text = line.text.replace(" ", "")
    return len(text) <= 60 and (identify(text, forms) is not None or bool(_TITLE.search(text)))


def _add_page(sheet: Sheet, page: Page) -> None:
    """The page's lines and table rows, top to bottom; a text line's printed items in columns from 1."""
    items: list[tuple[float, object]] = [(line.top, line) for line in page.lines]
    items += [(table.top, table) for table in page.tables]
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Line) and is_page_number(item.text):
            continue
        if isinstance(item, Line):
            sheet.origins.append(Origin(page.number, page.lines.index(item) + 1, False))
            sheet.rows.append([Cell(len(sheet.rows) + 1, i + 1, text) for i, text in enumerate(item.items)])
        else:
            _add_table(sheet, item, page.number)


def _add_table(sheet: Sheet, table: Table, page: int) -> None:
    columns = _columns(sheet.columns, table.columns)
    sheet.columns = table.columns
    first = len(sheet.rows) + 1
    for r in range(table.rows):
        sheet.origins.append(Origin(page, r + 1, True))
        cells = [Cell(first + r, columns[c] + 1, text) for (row, c), text in sorted(table.cells.items()) if row == r and text]
        sheet.rows.append(cells)
    for (r, c), (down, across) in table.spans.items():
        left, right = columns[c] + 1, columns[min(c + across, len(columns)) - 1] + 1
        sheet.merged_cells.ranges.append(Range(first + r, left, first + r + down - 1, right))


def _columns(before: list[float] | None, edges: list[float]) -> list[int]:
    """Each column's number on the sheet: the same as the table before where its left edge matches
    one of that table's (a table continued on the next page), else its own order."""
    if before is None or len(before) == len(edges):
        return list(range(len(edges) - 1))
    own = list(range(len(edges) - 1))
    matched = [next((i for i, x in enumerate(before[:-1]) if abs(x - e) <= _COLUMN_MATCH), None) for e in edges[:-1]]
    if None in matched or len(set(matched)) != len(matched):
        return own
    return matched
