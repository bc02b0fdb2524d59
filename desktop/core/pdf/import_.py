"""A published PDF into a workspace: its tables read by the workbook importer's layout reader, its
情况说明 as the narrative, each figure not placed named by page, table and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from desktop.core.definitions import FormSet, load_forms
from desktop.core.definitions.performance import load_performance_forms
from desktop.core.excel.foreign import read_foreign
from desktop.core.excel.performance_reading import read_performance
from desktop.core.excel.reading import BadFigure, Warning_, cell_place, sheet_grid
from desktop.core.excel.tables import find_blocks
from desktop.core.labels import plain
from desktop.core.pdf.book import Book, Sheet, table_book
from desktop.core.pdf.layout import Page
from desktop.core.pdf.narrative_part import narrative_text
from desktop.core.pdf.opening import PdfError, read_pages
from desktop.core.pdf.pages import PageIndex, page_index
from desktop.core.snapshot import Snapshot, create
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.unread import Unread, sheet_cell
from desktop.core.workspace import Workspace

# “中共上海市普陀区委社会工作部2024年度部门决算表”: the unit, the year and who publishes, from a title.
_TITLE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分)?(?P<unit>[^，。；：,;:]+?)(?P<year>20\d{2})年度?(?P<who>部门|单位)?决算(?:表|情况|情况说明|说明)?$"
)
# A 绩效自评表's title within a sheet's first lines: a part heading (第五部分 附件) and an item
# heading (一、部门（单位）整体支出绩效自评表) may stand above the table's own title.
_HEAD_LINES = 3


class PdfWarning(Warning_):
    """A figure of a PDF that could not be placed: where it is printed, by page and line."""

    def __str__(self) -> str:
        return f"{self.sheet} {self.cell}：{self.reason}"


class PdfRead(NamedTuple):
    snapshot: Snapshot
    warnings: list[Warning_]
    pages: PageIndex  # where each table, coded row and 情况说明 page is printed, for findings to cite


def read_pdf(path: Path, forms: FormSet | None = None) -> PdfRead:
    """A workspace snapshot of the PDF, the figures that could not be placed, and where things are printed.

    Raises PdfError (an ExcelError) for a file that is no PDF, is damaged, encrypted or a scan,
    or has no 决算公开 table.
    """
    forms = forms or load_forms()
    pages = read_pages(path)
    book = table_book(pages, forms)
    performance_forms = load_performance_forms()
    # The 绩效自评表 go to their own reader only: to the nine tables' reader their figures are in no table.
    titles = {plain(t) for form in performance_forms.values() for t in (form.title, *form.aliases)}
    evaluations = [s for s in book.worksheets if any(t in _first_text(s) for t in titles)]
    tables = Book([s for s in book.worksheets if all(s is not e for e in evaluations)])
    try:
        snapshot, warnings = read_foreign(tables, forms)
    except BadFigure as exc:
        raise PdfError(f"“{path}”{_located(book, forms, exc)}") from exc
    if not snapshot.has_content():
        raise PdfError(f"“{path}”中没有可识别的决算公开表，不是部门决算公开文件？")
    performance, more = read_performance(Book(evaluations), performance_forms, own=False, title_rows=_HEAD_LINES)
    if performance:
        snapshot.performance = performance
    # A 自评表 may stand inside the 情况说明: only the nine tables' pages are not narrative.
    table_pages = {origin.page for sheet in tables.worksheets for origin in sheet.origins}
    narrative, narrative_pages = narrative_text(pages, table_pages)
    if narrative:
        snapshot.texts[NARRATIVE_KEY] = narrative
    _unit_from_titles(pages, table_pages, snapshot.unit)
    located = [_relocate(book, forms, w) for w in warnings + more]
    snapshot.unread = [_relocated(book, forms, u) for u in snapshot.unread]
    return PdfRead(snapshot, located, page_index(tables, forms, narrative_pages))


def workspace_from_pdf(path: Path, forms: FormSet | None = None) -> tuple[Workspace, list[Warning_], PageIndex]:
    """The PDF as a workspace in memory (nothing written), the figures it could not place and
    where things are printed; the caller closes the workspace."""
    forms = forms or load_forms()
    snapshot, warnings, pages = read_pdf(path, forms)
    return create(snapshot, None, forms), warnings, pages


def _first_text(sheet: Sheet) -> str:
    """The text of the sheet's first lines, where a 绩效自评表's title stands."""
    return "".join(plain(str(c.value)) for row in sheet.rows[:_HEAD_LINES] for c in row if c.value)


def _unit_from_titles(pages: list[Page], table_pages: set[int], unit: dict[str, str]) -> None:
    """单位名称, 年度 and 公开主体 where no 编制单位 line gave them: from the tables' part title
    (“××局2024年度部门决算表”), else the other titles (the 情况说明's, the cover's). A name another
    title spells longer (“上海市规划…” beside “上海市普陀区规划…”) is the same unit, shortened."""
    ordered = [p for p in pages if p.number in table_pages] + [p for p in pages if p.number not in table_pages]
    found = [m for page in ordered for line in page.lines if (m := _TITLE.match(line.text.replace(" ", "")))]
    found = [m for m in found if len(m.group("unit")) >= 2]
    if not found:
        return
    first = found[0]
    name = next((m.group("unit") for m in found[1:] if _shortened(first.group("unit"), m.group("unit"))), first.group("unit"))
    if not unit.get("单位名称"):
        unit["单位名称"] = name
        if first.group("who"):
            unit["公开主体"] = first.group("who")
    unit["年度"] = unit.get("年度") or first.group("year")


def _shortened(short: str, long: str) -> bool:
    """`short` is `long` with some characters left out."""
    rest = iter(long)
    return len(short) < len(long) and all(ch in rest for ch in short)


def _relocate(book: Book, forms: FormSet, warning: Warning_) -> Warning_:
    """“第8页 公开02表第5行第3列”, not the cell of the sheet the pages were read as."""
    sheet = next((s for s in book.worksheets if s.title == warning.sheet), None)
    place = cell_place(warning.cell)
    if sheet is None or place is None:
        return PdfWarning(warning.sheet, warning.cell, warning.reason)
    return PdfWarning(*_where(sheet, forms, *place), warning.reason)


def _relocated(book: Book, forms: FormSet, unread: Unread) -> Unread:
    """An unread figure's place by page and line, as its warning says it."""
    at = sheet_cell(unread.place)
    if at is None:
        return unread
    where = _relocate(book, forms, Warning_(*at, ""))
    return unread._replace(place=f"{where.sheet} {where.cell}")


def _located(book: Book, forms: FormSet, exc: BadFigure) -> str:
    """A refused figure's message with its page and line in place of a sheet's cell."""
    text = str(exc)
    m = re.match(r"工作表“(.+?)”单元格 ([A-Z]+[0-9]+)：(.*)$", text, re.S)
    sheet = next((s for s in book.worksheets if m and s.title == m.group(1)), None)
    if sheet is None:
        return text
    page, where = _where(sheet, forms, *cell_place(m.group(2)))
    return f"{page} {where}：{m.group(3)}"


def _where(sheet: Sheet, forms: FormSet, row: int, column: int) -> tuple[str, str]:
    origin = sheet.origin(row)
    if not origin.in_table:
        return f"第{origin.page}页", f"第{origin.line}行文字"
    blocks = getattr(sheet, "blocks", None)
    if blocks is None:
        blocks = sheet.blocks = find_blocks(sheet_grid(sheet), forms)  # type: ignore[attr-defined]
    block = next((b for b in blocks if b.first <= row <= b.last), None)
    table = f"{block.form.id}表" if block else "表格"
    return f"第{origin.page}页", f"{table}第{origin.line}行第{column}列"
