"""The 绩效自评表 in the workbook: a sheet per form, written as printed (projects one after another)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.core.definitions.performance import PerfColumn, PerfForm
from desktop.core.excel.cells import put_number, put_text
from desktop.core.performance_layout import performance_lines, table_width
from desktop.core.self_evaluation import SelfEvaluation

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
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
            put_text(toc, row, c, text).border = BORDER
        row += 1
        _write_sheet(ws, book, form, workbook.create_sheet(form.id))


def _write_sheet(ws, book: SelfEvaluation, form: PerfForm, sheet) -> None:
    width = table_width(book, form.id)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    put_text(sheet, 1, 1, form.title).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = CENTER
    sheet.merge_cells(f"A2:{last}2")
    put_text(sheet, 2, 1, f"（{ws.unit.get('年度', '')}年度）").alignment = CENTER
    row = TOP
    for table in (t for t in book.ordered() if t.form == form.id):
        for line in performance_lines(book, table):
            for c, item in enumerate(line, 1):
                if item.kind == "value" and item.column.numeric:
                    _put_figure(sheet, row, c, book.text(table, item.row, item.column.key), item.column)
                else:
                    cell = put_text(sheet, row, c, item.text)
                    cell.alignment = CENTER if item.kind == "header" else WRAP
                    if item.kind in ("caption", "header", "name"):
                        cell.font = Font(bold=True)
            for c in range(1, width + 1):
                sheet.cell(row, c).border = BORDER
            row += 1
        row += 1  # a blank line between projects
    sheet.column_dimensions["A"].width = WIDTHS[0]
    for c in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[1]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"


def _put_figure(sheet, row: int, col: int, text: str, column: PerfColumn) -> None:
    """A number with the decimals it was typed with (the format keeps them for reading back);
    a rate as a percentage."""
    if not text:
        put_number(sheet, row, col, None).border = BORDER
        return
    value = Decimal(text)
    places = max(0, -value.as_tuple().exponent)
    digits = "0" + ("." + "0" * places if places else "")
    cell = put_number(sheet, row, col, value / 100 if column.type == "rate" else value)
    cell.number_format = digits + "%" if column.type == "rate" else digits
    cell.alignment = RIGHT
