"""How the exported tables print: official fonts, padded cells, one scale for every table, and
page breaks placed by the program so a table's 合计/总计 rows never stand alone on a page.

Excel, WPS and LibreOffice each fit a sheet to the page on their own and break pages where the
paper ends; left to them, small tables print at different sizes and a long table's closing
totals land alone on the last page. So the workbook states one scale and its own row breaks,
and every row has a stated height so that the program's page arithmetic is the printer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.page import PageMargins

BODY_FACE = "宋体"
TITLE_FACE = "黑体"
BODY_PT = 10
TITLE_PT = 16
BODY = Font(name=BODY_FACE, size=BODY_PT)
HEADER = Font(name=BODY_FACE, size=BODY_PT, bold=True)
TITLE = Font(name=TITLE_FACE, size=TITLE_PT)
# One indent step keeps text off the left border; numbers keep a space's width off the right
# through their format (`_ `), which every spreadsheet program honours, unlike a right indent.
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
NUMBER = Alignment(horizontal="right", vertical="center")
PAD = "_ "

# Row heights in points: a body line of 10 pt text with air above and below (Excel's own default).
LINE_PT = 15
TITLE_ROW_PT = 30

# A4 landscape in points, and margins (inches, as the file stores them) that leave room for the footer.
PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 842, 595
MARGINS = PageMargins(left=0.6, right=0.6, top=0.6, bottom=0.75, header=0.3, footer=0.3)
PRINTABLE_WIDTH_PT = PAGE_WIDTH_PT - (MARGINS.left + MARGINS.right) * 72
PRINTABLE_HEIGHT_PT = PAGE_HEIGHT_PT - (MARGINS.top + MARGINS.bottom) * 72
# Fonts render a little differently in each program: leave this share of a page unused.
SLACK = 0.96
# A page that continues a table starts with at least this many ordinary rows above its totals.
ROWS_KEPT_WITH_TOTALS = 2
TOTAL_WORDS = ("合计", "总计")
# Totals this few rows apart, with the lines between them, form one closing block.
CLOSING_BLOCK_ROWS = 6


def official_default_font(book) -> None:
    """The workbook's default style in 宋体: a cell given no font of its own, and a cell the user adds
    later, prints in it rather than in Calibri. openpyxl offers no setter: its first font is the default."""
    from openpyxl.utils.indexed_list import IndexedList

    book._fonts = IndexedList([BODY])
    book._named_styles["Normal"].font = BODY


def column_points(width: float) -> float:
    """A column width in Excel's character units as printed points.

    A unit is the default font's digit width: 5.25 pt in Excel with Calibri, 7 pt where Calibri is
    missing and a wider face stands in (LibreOffice on Linux). The wider one is taken, so a
    table fits one page wide everywhere; where the unit is narrower it prints with a wider margin.
    """
    return width * 7


def text_units(text: str) -> int:
    """Width of a text in character units: a Chinese character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a cell this wide (character units, one taken by the indent)."""
    room = max(int(width) - 1, 1)
    return max(1, -(-text_units(text) // room))


@dataclass
class PrintedTable:
    """What the page arithmetic needs of one table sheet, in sheet rows (1-based)."""

    sheet: object
    widths: list[float]
    first_header: int  # the header rows repeat on every page
    last_header: int
    last_row: int  # the last printed row, notes included
    # Rows that must share a page with the row above them: totals, and notes below the grid.
    kept: set[int] = field(default_factory=set)

    @property
    def width_pt(self) -> float:
        return sum(column_points(w) for w in self.widths)

    def height(self, row: int) -> float:
        return self.sheet.row_dimensions[row].height or LINE_PT


def is_total(label: str) -> bool:
    return any(word in label for word in TOTAL_WORDS)


def kept_rows(body_rows: list[tuple[int, bool]]) -> set[int]:
    """Body rows (sheet row, is a total) that must print on the page of the row above.

    A total stays with what it sums, and so does a row printed inside a closing block of totals
    (公开01's 年初结转和结余 between 本年收入合计 and 总计); a total that heads the table (公开02's
    合计 under the header) is on the first page anyway.
    """
    totals = [row for row, total in body_rows if total]
    kept = set(totals)
    for before, after in zip(totals, totals[1:]):
        if after - before <= CLOSING_BLOCK_ROWS:
            kept.update(range(before + 1, after))
    return kept


def one_scale(tables: list[PrintedTable]) -> int:
    """The print scale (percent) at which the widest table fits one page wide; never enlarged."""
    return fitting_scale(max((t.width_pt for t in tables), default=0))


def fitting_scale(width_pt: float) -> int:
    """The print scale (percent) at which this width fits one page wide; never enlarged."""
    return max(10, min(100, int(PRINTABLE_WIDTH_PT / width_pt * 100))) if width_pt else 100


def page_starts(table: PrintedTable, scale: int) -> list[int]:
    """The rows that begin a new page, placed so no page begins with a kept row or leaves
    fewer than ROWS_KEPT_WITH_TOTALS ordinary rows above the totals it carries."""
    room = PRINTABLE_HEIGHT_PT * SLACK * 100 / scale
    repeated = sum(table.height(r) for r in range(table.first_header, table.last_header + 1))
    first_body = table.last_header + 1

    def may_start(row: int) -> bool:
        if row <= first_body:
            return False
        ahead = range(row, min(row + ROWS_KEPT_WITH_TOTALS, table.last_row + 1))
        return not any(r in table.kept for r in ahead)

    starts: list[int] = []
    page_top = 1
    used = 0.0
    row = 1
    while row <= table.last_row:
        used += table.height(row)
        if used > room and row > first_body and row > page_top:
            start = next((r for r in range(row, page_top, -1) if may_start(r)), row)
            starts.append(start)
            page_top = start
            used = repeated + sum(table.height(r) for r in range(start, row + 1))
        row += 1
    return starts


def set_up_table_pages(tables: list[PrintedTable]) -> None:
    """Every table at one scale, with its print area, repeated header and program-placed breaks."""
    scale = one_scale(tables)
    for table in tables:
        sheet = table.sheet
        set_up_scaled_pages(sheet, scale, page_starts(table, scale), f"{table.first_header}:{table.last_header}")
        sheet.print_area = f"A1:{get_column_letter(len(table.widths))}{table.last_row}"


def set_up_scaled_pages(sheet, scale: int, starts: list[int], title_rows: str | None = None) -> None:
    """A sheet printed at `scale` percent with a new page at each row of `starts`. Not “fit to one
    page wide”: Excel ignores the program's page breaks on a sheet fitted that way."""
    _paper(sheet)
    sheet.page_setup.scale = scale
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    if title_rows:
        sheet.print_title_rows = title_rows
    breaks = RowBreak()
    for start in starts:
        breaks.append(Break(id=start - 1))
    sheet.row_breaks = breaks


def set_up_list_pages(sheet, landscape: bool, title_rows: str | None = None) -> None:
    """A sheet that is a list, not a table (目录, 情况说明): one page wide, as long as it runs."""
    _paper(sheet, landscape)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if title_rows:
        sheet.print_title_rows = title_rows


def _paper(sheet, landscape: bool = True) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_margins = MARGINS
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.font = BODY_FACE
    sheet.oddFooter.center.size = BODY_PT
    sheet.print_options.horizontalCentered = True
