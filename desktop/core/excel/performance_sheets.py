"""The 绩效自评表 in the workbook: a sheet per form, written as printed (projects one after another)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter

from desktop.core.definitions.performance import PerfColumn, PerfForm
from desktop.core.excel import print_setup
from desktop.core.excel.cells import put_number, put_text
from desktop.core.performance.layout import performance_lines, table_width
from desktop.core.performance.book import SelfEvaluation

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# The stub and the value columns, in Excel character units.
WIDTHS = (22, 16)
TOP = 3  # below the title and the 年度 line


def performance_sheets(book: SelfEvaluation) -> list[PerfForm]:
    """The forms that have a table to print, in order."""
    return [f for f in book.forms.values() if any(t.form == f.id for t in book.tables.values())]


def write_performance(ws, workbook, toc) -> None:
    """A sheet per form (the projects one after another), and a 目录 line for each."""
    book: SelfEvaluation = ws.performance
    row = toc.max_row + 1
    number = sum(1 for r in range(3, toc.max_row + 1) if str(toc.cell(r, 1).value or "").startswith("表"))
    for form in performance_sheets(book):
        number += 1
        tables = [t for t in book.ordered() if t.form == form.id]
        for c, text in enumerate((f"表{number}", form.title, "否", f"共 {len(tables)} 张" if form.repeated else ""), 1):
            cell = put_text(toc, row, c, text)
            cell.border, cell.font = BORDER, print_setup.BODY
            cell.alignment = print_setup.LEFT if c in (2, 4) else print_setup.CENTER
        row += 1
        _write_sheet(ws, book, form, workbook.create_sheet(form.id))


def _write_sheet(ws, book: SelfEvaluation, form: PerfForm, sheet) -> None:
    """Printed as the 公开 sheets are: 宋体, rows as high as their wrapped text, amounts grouped with
    cents, one page wide, and a project starting a new page rather than breaking where it fits on one."""
    width = table_width(book, form.id)
    widths = [WIDTHS[0]] + [WIDTHS[1]] * (width - 1)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    title = put_text(sheet, 1, 1, form.title)
    title.font, title.alignment = print_setup.TITLE, print_setup.CENTER
    sheet.row_dimensions[1].height = print_setup.TITLE_ROW_PT
    sheet.merge_cells(f"A2:{last}2")
    year = put_text(sheet, 2, 1, f"（{ws.unit.get('年度', '')}年度）")
    year.font, year.alignment = print_setup.BODY, print_setup.CENTER
    row = TOP
    projects = []  # each project's first and last sheet row
    for table in (t for t in book.ordered() if t.form == form.id):
        first = row
        for line in performance_lines(book, table):
            lines = 1
            for c, item in enumerate(line, 1):
                if item.kind == "value" and item.column.numeric:
                    _put_figure(sheet, row, c, book.text(table, item.row, item.column.key), item.column)
                    continue
                cell = put_text(sheet, row, c, item.text)
                bold = item.kind in ("caption", "header", "name")
                cell.font = print_setup.HEADER if bold else print_setup.BODY
                cell.alignment = print_setup.CENTER if item.kind == "header" else print_setup.LEFT
                lines = max(lines, print_setup.lines_needed(item.text, widths[c - 1]))
            for c in range(1, width + 1):
                sheet.cell(row, c).border = BORDER
            sheet.row_dimensions[row].height = print_setup.LINE_PT * lines
            row += 1
        projects.append((first, row - 1))
        row += 1  # a blank line between projects
    for c, units in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = units
    scale = print_setup.fitting_scale(sum(print_setup.column_points(w) for w in widths))
    print_setup.set_up_scaled_pages(sheet, scale, _project_starts(sheet, scale, projects))


def _project_starts(sheet, scale: int, projects: list[tuple[int, int]]) -> list[int]:
    """A project that would run over the foot of a page starts the next one: whole on it when it fits,
    else from its top, running on over the pages it needs."""
    room = print_setup.PRINTABLE_HEIGHT_PT * print_setup.SLACK * 100 / scale

    def height(first: int, last: int) -> float:
        return sum(sheet.row_dimensions[r].height or print_setup.LINE_PT for r in range(first, last + 1))

    starts = []
    used = height(1, TOP - 1)  # the title and the 年度 line, above the first project
    for n, (first, last) in enumerate(projects):
        need = height(first, last)
        if n and used + need > room:
            starts.append(first)
            used = 0.0
        # A project longer than a page has its pages to itself: where its last page ends is too close
        # to call for the next one to start under it.
        used = room if need > room else used + need + print_setup.LINE_PT
    return starts


def _put_figure(sheet, row: int, col: int, text: str, column: PerfColumn) -> None:
    """An amount grouped by thousands with cents (more decimals where it was typed finer), a rate as a
    percentage, a score with the decimals it was typed with: the format carries them for reading back."""
    if not text:
        cell = put_number(sheet, row, col, None)
        cell.border, cell.font = BORDER, print_setup.BODY
        return
    value = Decimal(text)
    places = max(0, -value.as_tuple().exponent)
    if column.type == "amount":
        places = max(2, places)  # one format for every amount: grouped, with cents
    digits = "0" + ("." + "0" * places if places else "")
    cell = put_number(sheet, row, col, value / 100 if column.type == "rate" else value)
    if column.type == "rate":
        cell.number_format = digits + "%"
    elif column.type == "amount":
        cell.number_format = "#,##" + digits + print_setup.PAD
    else:
        cell.number_format = digits + print_setup.PAD
    cell.font, cell.alignment = print_setup.BODY, print_setup.NUMBER
