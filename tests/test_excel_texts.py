"""Texts of any content and length survive export and import: control characters, texts past Excel's cell limit."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktop.core.definitions import CellRef
from desktop.core.entry_text import UNIT_NAME_CHARS
from desktop.core.excel.cells import CELL_LIMIT, printable
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from factory import as_printed, imported_workspace
from desktop.core.excel.meta import escape, unescape
from desktop.core.snapshot import dump

# Every C0 control, in the middle of the text (stored texts are stripped at their ends).
CONTROLS = "".join(chr(c) for c in range(32))
ODD = f"甲{CONTROLS}乙\\u000b丙\r\n丁\x7f\ufffe\uffff戊"


def _round_trip(ws, tmp_path):
    book = tmp_path / "book.xlsx"
    write_workbook(ws, book)
    snapshot, warnings = read_workbook(book)
    back = imported_workspace(snapshot, tmp_path / "back.juesuan")
    try:
        return book, dump(back), warnings
    finally:
        back.close()


def _fill(ws, text: str, explanation: str) -> None:
    ws.set_unit("单位名称", "单位" + text)
    ws.set_empty_note("公开07", "无" + text)
    ws.set_explanation(next(f.key for f in ws.findings() if f.severity != "错误"), "说明" + explanation)
    ws.set_text("情况说明", "一、" + text)
    ws.set_text("概况:主要职责", "职责" + text)
    ws.add_row("公开02", "2080177", "自定义" + text)
    ws.set_value(CellRef("公开02", "2080177", "财政拨款收入"), Decimal("1.25"))


def test_control_characters_export_without_error_and_come_back_exactly(sample_ws, tmp_path):
    _fill(sample_ws, ODD, ODD)
    expected = as_printed(sample_ws, dump(sample_ws))
    # Entry takes control characters out (no Word, PDF or xlsx file can hold them); the rest comes back.
    assert not any(c in expected["unit"]["单位名称"] for c in CONTROLS[1:]) and "乙" in expected["unit"]["单位名称"]
    book, back, warnings = _round_trip(sample_ws, tmp_path)
    assert back == expected and warnings == []
    wb = openpyxl.load_workbook(book)
    cells = [c for s in wb.worksheets for row in s.iter_rows() for c in row if c.value is not None]
    assert [c for c in cells if c.data_type == "f"] == []
    # The printed sheets show Word's line break and CR as line breaks, and nothing unprintable.
    maker = wb["公开01"]["A3"].value
    assert maker == f"编制部门：{expected['unit']['单位名称']}"
    assert not any(isinstance(c.value, str) and printable(c.value) != c.value for c in cells)


def test_hidden_sheet_escapes_are_reversible():
    for text in (ODD, "\\", "\\\\u0041", "a\\u00zz", "\\u000b", ""):
        assert unescape(escape(text)) == text
    assert "\x0b" not in escape(ODD) and "\r" not in escape(ODD)


def test_texts_past_the_cell_limit_come_back_whole(sample_ws, tmp_path):
    paragraph = "".join(chr(0x4E00 + i % 500) for i in range(100_000))
    note = "无" + "此项支出" * 10_000
    sample_ws.set_text("情况说明", "一、概况\n" + paragraph + "\n二、结尾")
    sample_ws.set_empty_note("公开08", note)
    sample_ws.set_unit("单位名称", "长" * UNIT_NAME_CHARS)  # the longest entry takes
    sample_ws.add_row("公开02", "2080177", "名" * 33_000)
    sample_ws.set_explanation(next(f.key for f in sample_ws.findings() if f.severity != "错误"), "释" * 70_000)
    expected = as_printed(sample_ws, dump(sample_ws))
    book, back, warnings = _round_trip(sample_ws, tmp_path)
    assert back == expected and warnings == []
    wb = openpyxl.load_workbook(book)
    assert max(len(c.value) for s in wb.worksheets for row in s.iter_rows() for c in row
               if isinstance(c.value, str)) <= CELL_LIMIT
    printed = [c.value for c in wb["情况说明"]["A"] if c.value]
    assert "".join(printed[2:-1]) == paragraph and printed[-1] == "二、结尾"
    toc = [[c.value for c in row] for row in wb["目录"].iter_rows(min_row=3)]
    at = next(i for i, row in enumerate(toc) if row[1] == "国有资本经营预算财政拨款支出决算表")
    assert "".join(row[3] for row in toc[at:at + 2]) == note and toc[at + 1][:3] == [None, None, None]


@pytest.mark.parametrize("drop_hidden", [True])
def test_a_long_note_printed_over_rows_is_read_whole_without_the_hidden_sheet(sample_ws, tmp_path, drop_hidden):
    note = "无" + "此项支出" * 10_000
    sample_ws.set_empty_note("公开08", note)
    book = tmp_path / "book.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    del wb["_juesuan"]
    wb.save(book)
    snapshot, _ = read_workbook(book)
    assert snapshot.empty_notes["公开08"] == note
    assert snapshot.empty_notes["公开07"] == sample_ws.notes["公开07"]
