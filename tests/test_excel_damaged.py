"""A damaged hidden `_juesuan` sheet: the workbook is read by its printed tables, with a warning naming the cell."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from factory import as_printed, imported_workspace
from desktop.core.excel.meta import SHEET
from desktop.core.snapshot import dump


def _line(sheet, kind: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == kind)


def _set(sheet, row: int, col: int, value) -> None:
    sheet.cell(row, col).value = value  # sheet.cell(r, c, None) would leave the cell as it is


# (what is done to the hidden sheet, the cell the warning names, a word of its reason)
DAMAGE = {
    "sheet row not a number": (lambda s: _set(s, _line(s, "sheet"), 4, "四"), "D", "起始行"),
    "sheet row negative": (lambda s: _set(s, _line(s, "sheet"), 4, "-3"), "D", "起始行"),
    "sheet row past Excel's last": (lambda s: _set(s, _line(s, "sheet"), 4, "99999999"), "D", "起始行"),
    "grid running past Excel's last row": (lambda s: _set(s, _line(s, "sheet"), 4, "1048570"), "D", "最后一行"),
    "sheet without a name": (lambda s: _set(s, _line(s, "sheet"), 3, None), "C", "工作表名"),
    "unknown form": (lambda s: _set(s, _line(s, "typed"), 2, "公开99"), "B", "公开99"),
    "blank form": (lambda s: _set(s, _line(s, "row"), 2, None), "B", "不是表"),
    "bad 科目 code": (lambda s: _set(s, _line(s, "row"), 3, "20801x"), "C", "科目代码"),
    "typed names an unknown row": (lambda s: _set(s, _line(s, "typed"), 3, "9999999"), "A", "可填单元格"),
    "typed names an unknown column": (lambda s: _set(s, _line(s, "typed"), 4, "不存在的栏"), "A", "可填单元格"),
    "unknown kind of line": (lambda s: _set(s, _line(s, "note"), 1, "gibberish"), "A", "行类型"),
    "wrong format": (lambda s: _set(s, 1, 2, "other-program"), "A", "格式标记"),
    "future version": (lambda s: _set(s, 1, 3, "9"), "A", "格式标记"),
    "missing format line": (lambda s: s.delete_rows(1), "A", "格式标记"),
    "empty sheet": (lambda s: s.delete_rows(1, s.max_row), "A", "格式标记"),
    "bad year": (lambda s: _set(s, next(c.row for c in s["B"] if c.value == "年度"), 3, "²０２４"), "C", "年度"),
    "unknown unit fact": (lambda s: _set(s, _line(s, "unit"), 2, "颜色"), "B", "单位信息"),
    "bad money unit": (lambda s: _set(s, next(c.row for c in s["B"] if c.value == "金额单位"), 3, "美元"), "C", "金额单位"),
    "blank text key": (lambda s: _set(s, _line(s, "text"), 2, None), "B", "名称"),
}


@pytest.fixture
def exported(sample_ws, tmp_path):
    sample_ws.set_text("情况说明", "一、概况\n本单位……")
    book = tmp_path / "book.xlsx"
    write_workbook(sample_ws, book)
    return book


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_hidden_sheet_is_read_as_a_foreign_workbook_with_a_warning(sample_ws, exported, tmp_path, case):
    damage, column, word = DAMAGE[case]
    wb = openpyxl.load_workbook(exported)
    damage(wb[SHEET])
    wb.save(exported)
    snapshot, warnings = read_workbook(exported)
    first = warnings[0]
    assert first.sheet == SHEET and first.cell.startswith(column) and word in first.reason, first
    assert "按表上所见读取" in first.reason
    # The printed tables still give every figure.
    back = imported_workspace(snapshot, tmp_path / "back.juesuan")
    try:
        for form in ("公开01", "公开05", "公开09"):
            for ref in sample_ws.structure.value_cells(form):
                assert back.values.get(ref) == sample_ws.values.get(ref), ref
        assert back.text("情况说明") == sample_ws.text("情况说明")
    finally:
        back.close()


def test_unknown_parent_of_a_custom_row_is_distrusted(sample_ws, tmp_path):
    book = tmp_path / "book.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb[SHEET]
    row = _line(sheet, "row")
    _set(sheet, row, 3, "9990101")
    _set(sheet, row, 4, "自定义")
    _set(sheet, row, 5, "无上级的科目")
    wb.save(book)
    _, warnings = read_workbook(book)
    assert warnings[0].cell == f"C{row}" and "上级科目 999" in warnings[0].reason


def test_version_1_hidden_sheet_is_still_read(sample_ws, tmp_path):
    """Workbooks exported before controls were escaped: a row's name came before its custom mark."""
    sample_ws.add_row("公开02", "2080177", "自定义的就业项目")
    book = tmp_path / "book.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb[SHEET]
    _set(sheet, 1, 3, "1")
    for r in range(1, sheet.max_row + 1):
        if sheet.cell(r, 1).value == "row":
            custom, name = sheet.cell(r, 4).value, sheet.cell(r, 5).value
            _set(sheet, r, 4, name)
            _set(sheet, r, 5, custom)
    wb.save(book)
    snapshot, warnings = read_workbook(book)
    assert warnings == []
    back = imported_workspace(snapshot, tmp_path / "back.juesuan")
    try:
        assert dump(back) == as_printed(sample_ws, dump(sample_ws))
    finally:
        back.close()
