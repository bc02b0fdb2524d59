"""How other programs and hands print figures and the lines around them: each imports to the source's
figures in their rows, or a warning names the sheet, the cell and why."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from desktop import paths
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.printed_lines import is_page_total, money_unit, unit_facts
from desktop.core.snapshot import load
from layout_variants import Variant, build, measure, with_negatives


def _report(m) -> str:
    return f"{m.name}: placed {m.placed}/{m.present} wrong {m.wrong[:3]} false 错误 {m.false_errors[:3]} {m.failure}"


@pytest.fixture
def negative_ws(tmp_path):
    ws = load(with_negatives(json.loads(paths.sample_source().read_text(encoding="utf-8"))), tmp_path / "neg.juesuan")
    yield ws
    ws.close()


@pytest.mark.parametrize("how, mark", [("paren", "("), ("triangle", "△")])
def test_accounting_negatives_are_read_as_negative_and_named(negative_ws, tmp_path, how, mark):
    m = measure(negative_ws, Variant(negatives=how, figures="text"), tmp_path)
    assert m.ok, _report(m)
    negative = sum(1 for ref in negative_ws.values.typed if negative_ws.values.get(ref) < 0)
    named = [w for w in m.warnings if "按会计写法读作负数" in w and f"“{mark}" in w]
    assert negative > 10 and len(named) >= negative - 2  # a 合计 printed twice is one figure
    assert all("工作表" in w and "栏" in w for w in named)


def test_a_minus_sign_needs_no_word(negative_ws, tmp_path):
    m = measure(negative_ws, Variant(negatives="minus"), tmp_path)
    assert m.ok, _report(m)
    assert not [w for w in m.warnings if "负数" in w]


@pytest.mark.parametrize("mark", ["-", "—", "－", "0.00", "empty", "/"])
def test_blank_marks_are_nothing_and_an_empty_table_keeps_its_reason(sample_ws, tmp_path, mark):
    # Without a 目录 the 空表说明 is printed under its table, whose blanks are printed as the mark.
    m = measure(sample_ws, Variant(blank_as=mark, toc=False, empty_note="under"), tmp_path)
    assert m.ok, _report(m)
    assert m.warnings == []


def test_tables_in_yuan_among_wanyuan_ones_are_converted_and_named(sample_ws, tmp_path):
    m = measure(sample_ws, Variant(money="元_some"), tmp_path)
    assert m.ok, _report(m)
    assert sorted(w.split("：", 1)[1] for w in m.warnings) == [
        "公开06表金额单位为元，已换算为万元", "公开09表金额单位为元，已换算为万元",
    ]


def test_a_workbook_all_in_yuan_is_a_yuan_workspace(sample_ws, tmp_path):
    m = measure(sample_ws, Variant(money="元", unit_line="page_header"), tmp_path)
    assert m.ok and m.money_ok, _report(m)
    assert m.warnings == []


def test_yuan_with_fen_is_rounded_to_the_wanyuan_cent_and_said(sample_ws, tmp_path):
    path = tmp_path / "yuan.xlsx"
    build(sample_ws, Variant(money="元_some"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["表6"]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, int) and c.value > 100000)
    original = cell.value
    cell.value = original + 56.78  # 元 with 分: not a whole 0.01 万元
    book.save(path)
    snapshot, warnings = read_workbook(path)
    assert "公开06表金额单位为元，已换算为万元，四舍五入到分，可能有尾差" in [w.reason for w in warnings]
    assert snapshot.unit["金额单位"] == "万元"
    assert Decimal(original + 56.78).quantize(Decimal("0.01")) / 10000 not in snapshot.cells.values()
    assert (Decimal(original) / 10000 + Decimal("0.01")).quantize(Decimal("0.01")) in snapshot.cells.values()


def test_a_contents_sheet_naming_an_omitted_table_leaves_it_missing(sample_ws, tmp_path):
    m = measure(sample_ws, Variant(contents=True, omit="公开05"), tmp_path)
    assert m.ok and m.missing_ok, _report(m)


@pytest.mark.parametrize("hidden, reason", [
    ("stale", "隐藏的工作表中另有一张公开01表，与可见的重复，未读取"),
    ("empty", "公开07表取自隐藏的工作表，请核对是否为本年度的表"),
])
def test_hidden_sheets_give_only_what_no_visible_sheet_has(sample_ws, tmp_path, hidden, reason):
    m = measure(sample_ws, Variant(hidden=hidden, toc=False, empty_note="under"), tmp_path)
    assert m.ok, _report(m)
    assert any(w.endswith(reason) for w in m.warnings), m.warnings


@pytest.mark.parametrize("variant", [
    Variant(page_totals=True), Variant(page_totals=True, total_at="last", codes="parts", page_break=True),
    Variant(merge_stub=True), Variant(header_breaks=True, lanci="numbers"), Variant(label="附表1"),
    Variant(label="表一", title="unit_year"), Variant(label="公开表01", title="year", arrangement="one"),
    Variant(unit_line="label_cell"), Variant(unit_line="two_rows", blanks=True),
    Variant(sheet_names="pinyin"), Variant(sheet_names="numbered", arrangement="one"),
])
def test_lines_around_the_figures_are_read_for_what_they_are(seed004_ws, tmp_path, variant):
    m = measure(seed004_ws, variant, tmp_path)
    assert m.ok, _report(m)
    assert m.warnings == []  # 本页小计 and 累计 are sums, not rows the workbook failed to place


def test_printed_lines():
    assert is_page_total("本页小计") and is_page_total("累　计") and is_page_total("承前页")
    assert not is_page_total("合计") and not is_page_total("小计")
    assert money_unit("单位：元") == "元" and money_unit("金额单位:万元") == "万元" and money_unit("万元") is None
    unit: dict = {}
    unit_facts(["编制单位：", "某某中心", "2024年度", "单位：元"], unit)
    assert unit == {"单位名称": "某某中心", "公开主体": "单位", "年度": "2024", "金额单位": "元"}
    unit = {}
    unit_facts(["编制部门:", "金额单位：万元"], unit)  # a caption with nothing after it names nobody
    assert "单位名称" not in unit and unit["金额单位"] == "万元"


def test_a_regional_table_in_yuan_converts_its_amounts_not_its_counts(consistent_ws, tmp_path):
    m = measure(consistent_ws, Variant(money="元_some"), tmp_path)
    assert m.ok, _report(m)
    assert any(w.endswith("公开10表金额单位为元，已换算为万元") for w in m.warnings)


def test_a_row_whose_unit_column_says_yuan_is_converted_and_named(consistent_ws, tmp_path):
    path = tmp_path / "row.xlsx"
    build(consistent_ws, Variant(), path)
    book = openpyxl.load_workbook(path)
    sheet = book["表0"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "机关运行经费决算数")
    assert sheet.cell(row, 2).value == "万元"
    sheet.cell(row, 2).value = "元"
    sheet.cell(row, 3).value = int(sheet.cell(row, 3).value * 10000) + 49  # 80,049 元 = 8.0049 万元
    book.save(path)
    snapshot, warnings = read_workbook(path)
    ref = next(ref for ref in snapshot.cells if ref.form == "公开10" and ref.row == "机关运行经费决算数")
    assert snapshot.cells[ref] == consistent_ws.values.get(ref) == Decimal("8.00")
    assert [w.reason for w in warnings] == ["公开10「机关运行经费决算数」行计量单位为元，已换算为万元，四舍五入到分"]
    assert snapshot.unit["金额单位"] == "万元"


def test_an_empty_tables_reason_on_a_row_of_zeros_is_its_reason(sample_ws, tmp_path):
    path = tmp_path / "zeros.xlsx"
    build(sample_ws, Variant(empty_note="first_row", blank_as="0.00", toc=False), path)
    book = openpyxl.load_workbook(path)
    sheet = book["表7"]
    for r in range(sheet.max_row, 0, -1):  # only the reason in the first body row is left
        if str(sheet.cell(r, 1).value or "").startswith("说明"):
            sheet.delete_rows(r)
    reason = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "本表为空表")
    assert [sheet.cell(reason, c).value for c in range(3, 9)] == ["0.00"] * 6
    book.save(path)
    snapshot, warnings = read_workbook(path)
    assert snapshot.empty_notes["公开07"] == "本表为空表"
    assert not [w for w in warnings if w.sheet == "表7"]
