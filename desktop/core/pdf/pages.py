"""Where a finding is printed in the PDF: the pages of its table's rows, or of its 情况说明 sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from desktop.core.definitions import FormSet
from desktop.core.excel.reading import sheet_grid
from desktop.core.excel.other_tables import set_apart
from desktop.core.excel.tables import find_blocks
from desktop.core.pdf.book import Book

_DIGITS = re.compile(r"^\d{2,7}$")


@dataclass
class PageIndex:
    """Pages by table, by 科目 code within a table, and by offset in the 情况说明."""

    tables: dict[str, list[int]] = field(default_factory=dict)
    coded: dict[tuple[str, str], int] = field(default_factory=dict)  # (form, code) → page
    narrative: list[tuple[int, int]] = field(default_factory=list)  # (offset, page), by offset

    def of_cell(self, form: str, row: str) -> list[int]:
        """The page a table's row is printed on where its code says so, else its table's pages."""
        page = self.coded.get((form, row))
        return [page] if page else list(self.tables.get(form, ()))

    def of_finding(self, finding, start: int | None = None) -> list[int]:
        """A table finding's pages: its coded rows' where they are known, else its tables';
        a 情况说明 finding (`start` its sentence's offset) the page of that sentence."""
        if start is not None and self.narrative:
            return [self.narrative[max(0, bisect_right([o for o, _ in self.narrative], start) - 1)][1]]
        pages: set[int] = set()
        for cell in finding.cells:
            pages |= set(self.of_cell(cell.form, cell.row))
        if not pages:
            pages = set(self.tables.get(finding.form, ()))
        return sorted(pages)


def page_index(book: Book, forms: FormSet, narrative: list[tuple[int, int]]) -> PageIndex:
    index = PageIndex(narrative=narrative)
    for sheet in book.worksheets:
        grid = sheet_grid(sheet)
        set_apart(sheet.title, grid, forms, [])  # another table's pages are none of a form's (the import names it)
        for block in find_blocks(grid, forms):
            rows = range(block.first, block.last + 1)
            pages = index.tables.setdefault(block.form.id, [])
            pages += sorted({sheet.origin(r).page for r in rows} - set(pages))
            for r in rows:
                # A 科目 code in one cell or split over 类/款/项 cells, at the row's start.
                parts = []
                for c in sorted(c for (rr, c) in grid if rr == r):
                    text = str(grid[(r, c)]).strip()
                    if not _DIGITS.match(text):
                        break
                    parts.append(text)
                for code in {parts[0] if parts else "", "".join(parts)} - {""}:
                    index.coded.setdefault((block.form.id, code), sheet.origin(r).page)
    return index
