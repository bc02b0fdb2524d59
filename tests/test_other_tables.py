"""Tables printed beside the nine that are none of them (tests/fixtures/other_tables.toml) are named once and
never read into a form, whether titled or not, before or after the form they resemble."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktop.core.definitions import CellRef
from desktop.core.definitions.loader import load_forms
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.tables import identify, other_title

_HEAD05 = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
_ROWS05 = [[None, "合计", 300, 100, 200], ["208", "社会保障和就业支出", 300, 100, 200],
           ["20801", "人力资源和社会保障管理事务", 300, 100, 200], ["2080101", "行政运行", 300, 100, 200]]
# 一般公共预算财政拨款项目支出决算表 by 科目 (渠县农业综合技术服务中心2024年度单位决算，附表九): a part of the 项目支出.
_PROJECTS = [[None, "合计", 80], ["208", "社会保障和就业支出", 80], ["20801", "人力资源和社会保障管理事务", 80],
             ["2080101", "行政运行", 80]]


def _sheet(book, name, lines):
    sheet = book.create_sheet(name)
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            if value is not None:
                sheet.cell(r, c, value)


def _workbook(path, other_first: bool, titled: bool, head=("科目编码", "科目名称", "合计")):
    """The table of 项目支出 by 科目 before or after 公开05 (its 合计 reads as 公开05's and 公开08's alike), and an
    empty 公开08."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    other = (["一般公共预算财政拨款项目支出决算表"],) if titled else ()
    tables = [("项目支出", [*other, ["单位：万元"], list(head), *_PROJECTS]),
              ("公开05", [["一般公共预算财政拨款支出决算表"], ["编制单位：某局", None, "单位：万元"], _HEAD05, *_ROWS05]),
              ("公开08", [["国有资本经营预算财政拨款支出决算表"], ["编制单位：某局", None, "单位：万元"], _HEAD05,
                          [None, "合计"], ["说明：本单位无国有资本经营预算财政拨款支出，故本表为空表。"]])]
    for name, lines in tables if other_first else tables[1:] + tables[:1]:
        _sheet(book, name, lines)
    book.save(path)
    return path


@pytest.mark.parametrize("other_first", [True, False])
@pytest.mark.parametrize("titled", [True, False])
def test_a_table_like_a_form_is_not_read_into_it(other_first, titled, tmp_path):
    snapshot, warnings = read_workbook(_workbook(tmp_path / "b.xlsx", other_first, titled), load_forms())
    got = {ref: v for ref, v in snapshot.cells.items() if ref.form == "公开05"}
    assert got[CellRef("公开05", "2080101", "小计")] == Decimal("300")
    assert got[CellRef("公开05", "合计", "项目支出")] == Decimal("200")
    assert Decimal("80") not in got.values()
    assert not [ref for ref, v in snapshot.cells.items() if ref.form == "公开08" and v]
    about = [w.reason for w in warnings if w.sheet == "项目支出" and ("决算公开表" in w.reason or "没有表名" in w.reason)]
    assert len(about) == 1, about
    # Untitled, it reads as 公开05 and 公开08 alike: named as neither, its figures left out (and listed).
    assert ("“一般公共预算财政拨款项目支出决算表”不是决算公开表" if titled else "无法判断是哪一张") in about[0]
    if titled:
        assert [w for w in warnings if w.sheet == "项目支出"] == [w for w in warnings if w.reason in about]


def test_the_title_as_a_whole_names_the_table():
    forms = load_forms()
    assert identify("一般公共预算财政拨款项目支出决算表", forms) is None
    assert identify("一般公共预算财政拨款项目支出决算明细表", forms) is None
    assert identify("某局2024年度一般公共预算财政拨款支出决算表", forms).id == "公开05"
    assert other_title("政府采购情况表", forms) == "政府采购情况表"
    assert other_title("一般公共预算财政拨款支出决算表", forms) is None


def test_a_table_after_an_empty_one_is_not_its_next_page(tmp_path):
    """The 项目支出 table with no title on the sheet after an empty 公开08 (realdocs b16 with it added): not
    公开08's next page, nor a copy of it, though its header names 公开08's columns."""
    path = _workbook(tmp_path / "b.xlsx", other_first=False, titled=False)
    snapshot, warnings = read_workbook(path, load_forms())
    assert not [ref for ref, v in snapshot.cells.items() if ref.form == "公开08" and v]
    assert snapshot.empty_notes.get("公开08")
    assert not [w for w in warnings if "续页" in w.reason]


def test_a_table_read_as_a_form_the_workbook_lacks_must_agree_with_the_tables_read(tmp_path):
    """The 项目支出 table with no title in a workbook without 公开05 (left out, or lost): read as 公开05 it would
    fill the gap, but its figures are not 公开04's 一般公共预算财政拨款 by 类. Named, not read."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    _sheet(book, "公开04", [
        ["财政拨款收入支出决算总表"], ["编制单位：某局", None, None, "单位：万元"],
        ["收入", None, "支出"], ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
        ["一般公共预算财政拨款", 300, "社会保障和就业支出", 300, 300], ["本年收入合计", 300, "本年支出合计", 300, 300],
        ["总计", 300, "总计", 300, 300],
    ])
    _sheet(book, "公开08", [["国有资本经营预算财政拨款支出决算表"], ["单位：万元"], _HEAD05, [None, "合计"],
                           ["说明：本单位无国有资本经营预算财政拨款支出，故本表为空表。"]])
    _sheet(book, "项目支出", [["单位：万元"], ["科目编码", "科目名称", "项目支出"], *_PROJECTS])
    book.save(tmp_path / "b.xlsx")
    snapshot, warnings = read_workbook(tmp_path / "b.xlsx", load_forms())
    assert not [ref for ref, v in snapshot.cells.items() if ref.form == "公开05" and v]
    assert [w.reason for w in warnings if w.sheet == "项目支出"] == [
        "第1–6行的表没有表名，按表头可读作公开05表，但与已读入的表不符（各类一般公共预算财政拨款支出等于公开05同类小计），应是另一张表，未导入，请核对"]
