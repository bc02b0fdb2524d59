"""The 绩效自评表 in the workbook: written as printed (projects one after another), read back by their labels."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.core.definitions.performance import PerfBlock, PerfColumn, PerfForm
from desktop.core.excel.cells import put_number, put_text
from desktop.core.excel.reading import Warning_, text_of
from desktop.core.labels import plain
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


# -- reading back ----------------------------------------------------------------------------


def read_performance(workbook, forms: dict[str, PerfForm]) -> tuple[list[dict], list[Warning_]]:
    """Every 绩效自评表 on a sheet named after its form (or titled with it), as snapshot entries."""
    tables: list[dict] = []
    warnings: list[Warning_] = []
    for form in forms.values():
        name = next((n for n in workbook.sheetnames if n == form.id), None) or next(
            (n for n in workbook.sheetnames if plain(form.title) in plain(str(workbook[n].cell(1, 1).value or ""))),
            None,
        )
        if name is not None:
            _Reader(form, workbook[name], tables, warnings).run()
    return tables, warnings


class _Reader:
    def __init__(self, form: PerfForm, sheet, tables: list[dict], warnings: list[Warning_]):
        self.form, self.sheet, self.tables, self.warnings = form, sheet, tables, warnings
        self.entry: dict | None = None
        self.block: PerfBlock | None = None
        self.columns: dict[int, PerfColumn] = {}

    def run(self) -> None:
        for cells in self.sheet.iter_rows():
            texts = [plain(text_of(c.value)) for c in cells]
            filled = [i for i, t in enumerate(texts) if t]
            if not filled:
                continue
            first = texts[filled[0]]
            if first == plain(self.form.name_label):
                name = next((text_of(cells[i].value) for i in filled[1:]), "")
                self.entry = {"form": self.form.id, "name": name.strip(), "cells": {}, "rows": {}}
                self.tables.append(self.entry)
                self.block = None
                continue
            if self.entry is None or self._header(cells, texts):
                continue
            self._body(cells, texts, filled)

    def _header(self, cells, texts) -> bool:
        """A block's header line: its title (maybe blank) then its columns' labels; of blocks with
        the same title, the one whose columns the line names most completely."""
        best = None
        for block in self.form.blocks:
            if block.plain or texts[0] != plain(block.title):
                continue
            mapping = {}
            for i, text in enumerate(texts[1:], 1):
                column = next((c for c in block.columns if text in _labels(c)), None)
                if column is not None:
                    mapping[i] = column
                elif text:
                    break
            else:
                rank = (len(mapping) == len(block.columns), len(mapping))
                if mapping and (best is None or rank > best[0]):
                    best = (rank, block, mapping)
        if best is None:
            return False
        _, self.block, self.columns = best
        return True

    def _body(self, cells, texts, filled) -> None:
        label = texts[filled[0]]
        for block in self.form.blocks:
            if block.plain:
                row = next((r for r in block.rows if label in (plain(block.label(r)), plain(r))), None)
                if row is not None:
                    value = next((text_of(cells[i].value) for i in filled[1:]), "")
                    self.entry["cells"][row] = {block.columns[0].key: value}
                    return
        if self.block is None:
            self.warnings.append(Warning_(self.sheet.title, cells[filled[0]].coordinate, "不在任何栏目行之下，未导入"))
            return
        values = {col.key: v for i, col in self.columns.items() if i < len(cells) and (v := _text(cells[i], col))}
        if self.block.repeated:
            self.entry["rows"].setdefault(self.block.key, []).append(values)
            return
        row = next((r for r in self.block.rows if texts[0] in {plain(self.block.label(r)), plain(r)}
                    | {plain(a) for a in self.block.aliases.get(r, ())}), None)
        if row is None:
            self.warnings.append(Warning_(self.sheet.title, cells[0].coordinate,
                                          f"“{text_of(cells[0].value)}”不是{self.form.title}的行，未导入"))
            return
        if values:
            self.entry["cells"][row] = values


def _labels(column: PerfColumn) -> set[str]:
    return {plain("/".join(column.path)), plain(column.path[-1]), plain(column.key)}


def _text(cell, column: PerfColumn) -> str:
    """A cell as typed text: a number with the decimals of its format; a percentage as “57.45%”."""
    value = cell.value
    if column.type == "text" or not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return text_of(value)
    fmt = cell.number_format or ""
    places = len(fmt.split(".", 1)[1].rstrip("%")) if "." in fmt else 0
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return text_of(value)
    if "%" in fmt:
        return f"{(number * 100).quantize(Decimal(1).scaleb(-places))}%"
    if fmt in ("General", "") or not fmt.startswith("0"):
        return text_of(value)
    return str(number.quantize(Decimal(1).scaleb(-places)))
