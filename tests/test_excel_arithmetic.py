"""Headers that leave a column open, and the table's own sums deciding it: only a reading under which
the form's checks hold is taken, and only when it is the only one; else nothing is guessed."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from desktop.core.definitions import CellRef
from desktop.core.excel.import_ import read_workbook

_UNIT = ["编制单位：某局", "2024年度", "金额单位：万元"]


def _read(tmp_path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    snapshot, warnings = read_workbook(tmp_path / "t.xlsx")
    return snapshot.cells, [w.reason for w in warnings]


def _table03(head, body):
    rows = [["科目代码", "科目名称", *head], [None, "合计", *body[0]]]
    rows += [[code, name, *figures] for (code, name), figures in zip(
        [("208", "社会保障和就业支出"), ("20801", "人力资源和社会保障管理事务"), ("2080101", "行政运行")], body[1:])]
    return [["支出决算表"], _UNIT, *rows]


def _by_arithmetic(reasons):
    return [r for r in reasons if "按表内合计关系确定" in r]


def test_a_name_cut_short_is_taken_when_the_sums_confirm_it(tmp_path):
    # Columns in an unusual order, two of them abbreviated: 经营 and 基本 fit one column each, but
    # a name cut short is never enough alone.
    rows = _table03(["基本", "项目支出", "经营", "合计"], [[10, 15, 5, 30]] * 4)
    cells, reasons = _read(tmp_path, rows)
    assert cells[CellRef("公开03", "2080101", "基本支出")] == 10
    assert cells[CellRef("公开03", "合计", "经营支出")] == 5
    said = _by_arithmetic(reasons)
    assert len(said) == 1 and "A栏" not in said[0] and "C栏“基本”读作「基本支出」" in said[0]


def test_a_name_cut_short_whose_sums_fail_is_not_placed(tmp_path):
    rows = _table03(["合计", "基本", "项目支出"], [[30, 11, 20]] * 4)
    cells, reasons = _read(tmp_path, rows)
    assert not any(ref.col == "基本支出" for ref in cells)
    assert not _by_arithmetic(reasons)
    assert any("栏目“基本”不是公开03的栏，数字 11 未导入" in r for r in reasons)


def _table09(first, second):
    """三公 in one row per 预算数/决算数, its 合计 and its 公务用车 小计 both headed 小计, no groups."""
    head = ["项目", first, "因公出国（境）费", second, "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    return [["财政拨款“三公”经费支出决算表"], _UNIT, head, ["预算数", 11, 1, 6, 2, 4, 4], ["决算数", 10, 1, 5, 2, 3, 4]]


def test_two_columns_headed_alike_are_told_apart_by_the_sums(tmp_path):
    cells, reasons = _read(tmp_path, _table09("小计", "小计"))
    assert cells[CellRef("公开09", "决算数", "合计")] == 10
    assert cells[CellRef("公开09", "决算数", "公务用车购置及运行维护费小计")] == 5
    assert cells[CellRef("公开09", "预算数", "合计")] == 11
    [said] = _by_arithmetic(reasons)
    assert "B栏“小计”读作「合计」" in said and "D栏“小计”读作「公务用车购置及运行维护费小计」" in said


def test_when_both_readings_balance_nothing_is_decided_by_arithmetic(tmp_path):
    # Nothing beside the car costs: 合计 = 小计 whichever is which, and the sums cannot tell them apart.
    rows = _table09("小计", "小计")
    for row in rows[3:]:
        row[2:] = [None, row[1], None, None, None]
        row[3] = row[1]
    cells, reasons = _read(tmp_path, rows)
    assert not _by_arithmetic(reasons)
    assert CellRef("公开09", "决算数", "合计") not in cells or cells[CellRef("公开09", "决算数", "合计")] == Decimal(10)


def test_a_yuan_table_is_judged_with_its_rounding(tmp_path):
    # A 元 table copied from one in 万元 keeps its 尾差 as 100 元: still a 尾差, still balancing.
    rows = _table03(["合计", "基本", "项目支出"], [[300100, 100000, 200000]] * 4)
    rows[1] = ["编制单位：某局", "2024年度", "金额单位：元"]
    cells, reasons = _read(tmp_path, rows)
    assert cells[CellRef("公开03", "合计", "基本支出")] == 100000  # the workbook is in 元
    assert len(_by_arithmetic(reasons)) == 1


def _titled(title, label, head, figures):
    rows = _table03(head, [figures] * 4)
    rows[0] = [title]
    rows.insert(1, [label])
    return rows


def test_a_title_and_a_number_that_disagree_are_settled_by_the_sums(tmp_path):
    # Title 公开05, number 公开03; the header prints three words of each (上缴 is cut short):
    # only as 公开03, with 上缴 its 上缴上级支出, does the 合计 equal its parts.
    rows = _titled("一般公共预算财政拨款支出决算表", "公开03表", ["合计", "基本支出", "项目支出", "上缴"], [35, 10, 20, 5])
    cells, reasons = _read(tmp_path, rows)
    assert cells[CellRef("公开03", "合计", "上缴上级支出")] == 5
    assert not any(ref.form == "公开05" for ref in cells)
    assert any("表名指公开05，表号印作公开03；按表内合计关系读作公开03" in r for r in reasons)


def test_when_both_forms_balance_the_title_stands(tmp_path):
    rows = _titled("一般公共预算财政拨款支出决算表", "公开08表", ["合计", "基本支出", "项目支出"], [30, 10, 20])
    cells, reasons = _read(tmp_path, rows)
    assert cells[CellRef("公开05", "合计", "基本支出")] == 10
    assert any("表名指公开05，表号印作公开08；按表头栏目读作公开05" in r for r in reasons)
