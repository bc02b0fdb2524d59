"""单位代码 and 财政区划 travel with the workbook: this program's `_juesuan` sheet, and captions other
workbooks print (统一社会信用代码：…, 财政区划：…)."""

from __future__ import annotations

import openpyxl

from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.meta import SHEET

CODE = "91350100M000100Y43"


def test_own_workbook_round_trip_keeps_code_and_region(tables_only_ws, tmp_path):
    tables_only_ws.set_unit("单位代码", CODE)
    tables_only_ws.set_unit("财政区划", "610802 榆林市榆阳区")
    path = tmp_path / "own.xlsx"
    write_workbook(tables_only_ws, path)
    snapshot, warnings = read_workbook(path)
    assert warnings == []
    assert (snapshot.unit["单位代码"], snapshot.unit["财政区划"]) == (CODE, "610802 榆林市榆阳区")


def _as_foreign(tables_only_ws, tmp_path, caption: str):
    """The exported workbook without its `_juesuan` sheet, a caption beside the 编制单位 of 公开02."""
    path = tmp_path / "own.xlsx"
    write_workbook(tables_only_ws, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    sheet = book["公开02"]
    sheet.unmerge_cells(next(str(r) for r in sheet.merged_cells.ranges if r.min_row == 3 and r.min_col > 1))
    sheet.cell(3, sheet.max_column, caption)
    foreign = tmp_path / "foreign.xlsx"
    book.save(foreign)
    return read_workbook(foreign)


def test_a_printed_credit_code_caption_is_read(tables_only_ws, tmp_path):
    snapshot, warnings = _as_foreign(tables_only_ws, tmp_path, f"统一社会信用代码：{CODE.lower()}")
    assert snapshot.unit["单位代码"] == CODE
    assert snapshot.unit["单位名称"] == tables_only_ws.unit["单位名称"]
    assert not [w for w in warnings if "单位代码" in w.reason]


def test_a_printed_code_with_a_wrong_check_character_is_a_warning_not_taken(tables_only_ws, tmp_path):
    snapshot, warnings = _as_foreign(tables_only_ws, tmp_path, "单位代码：91350100M000100Y44")
    assert snapshot.unit["单位代码"] == ""
    named = [w for w in warnings if "校验位" in w.reason]
    assert len(named) == 1 and named[0].sheet == "公开02" and named[0].cell.endswith("3")
    assert named[0].reason.endswith("未导入")


def test_a_printed_region_caption_is_read(tables_only_ws, tmp_path):
    snapshot, _ = _as_foreign(tables_only_ws, tmp_path, "财政区划：610802榆林市榆阳区")
    assert snapshot.unit["财政区划"] == "610802 榆林市榆阳区"
