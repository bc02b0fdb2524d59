"""查找 over the printed tables: codes, names and amounts in any spelling, in reading order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.definitions import CellRef
from desktop.core.definitions.layout import printed_grid
from desktop.core.find.pages import find
from desktop.core.find.query import read_query
from desktop.core.workspace import Workspace

UNIT = {"单位名称": "查找局", "年度": "2024", "单位性质": "行政", "金额单位": "万元"}


@pytest.fixture
def ws(tmp_path):
    ws = Workspace.create(tmp_path / "find.juesuan", UNIT)
    ws.add_rows("公开05", [("2080101", None), ("2080199", None), ("2050803", None)])
    ws.add_row("公开03", "2080101")
    ws.set_values([
        (CellRef("公开05", "2080101", "基本支出"), Decimal("1234.50")),
        (CellRef("公开05", "2080101", "项目支出"), Decimal("1.00")),
        (CellRef("公开05", "2080199", "基本支出"), Decimal("10.00")),
        (CellRef("公开05", "2080199", "项目支出"), Decimal("1234.50")),
        (CellRef("公开05", "2050803", "项目支出"), Decimal("1234.51")),
        (CellRef("公开03", "2080101", "基本支出"), Decimal("1234.50")),
    ])
    yield ws
    ws.close()


def _shown(ws, hit) -> str:
    """The text at the hit's place in the printed grid, as the editor draws it."""
    grid = printed_grid(ws.forms[hit.form], ws.rows(hit.form), ws.money_unit)
    return grid.at()[(hit.row + grid.header_rows, hit.col)]


@pytest.mark.parametrize("typed", ["1234.5", "1,234.50", "1234.50", " 1,234.50 ", "１２３４．５"])
def test_an_amount_in_any_spelling_finds_the_equal_figures_only(ws, typed):
    hits = find(ws, typed, ["公开05"])
    assert [(h.ref.row, h.ref.col) for h in hits] == [("2080101", "基本支出"), ("2080199", "项目支出")]
    assert {h.text for h in hits} == {"1,234.50"}
    for hit in hits:
        assert _shown(ws, hit).ref == hit.ref


def test_all_tables_are_searched_in_the_forms_order(ws):
    hits = [h for h in find(ws, "1234.5") if h.ref is not None]
    forms = [h.form for h in hits]
    assert forms == sorted(forms) and forms[0] == "公开03" and forms[-1] == "公开05"
    assert CellRef("公开03", "2080101", "基本支出") in [h.ref for h in hits]
    # Within a table, top to bottom and left to right: the 合计 row's total comes first.
    in_03 = find(ws, "1234.5", ["公开03"])
    assert [(h.row, h.col) for h in in_03] == sorted((h.row, h.col) for h in in_03)
    assert in_03[0].ref == CellRef("公开03", "合计", "本年支出合计")


def test_a_code_finds_the_rows_it_begins(ws):
    hits = find(ws, "208", ["公开05"])
    codes = [h.text for h in hits if h.ref is None]
    assert codes == ["208", "20801", "2080101", "2080199"]
    assert all(_shown(ws, h).text == h.text for h in hits if h.ref is None)
    assert [h.text for h in find(ws, "2080199", ["公开05"]) if h.ref is None] == ["2080199"]


def test_a_name_finds_the_cells_that_contain_it(ws):
    hits = find(ws, "行政运行", ["公开03", "公开05"])
    assert [(h.form, h.text) for h in hits] == [("公开03", "行政运行"), ("公开05", "行政运行")]
    # Names in either width and with stray spaces are the same name.
    assert len(find(ws, " 社会保障 和就业", ["公开05"])) == 1


def test_line_numbers_are_not_amounts_and_nothing_finds_nothing(ws):
    # 公开01 prints 行次 1…; an amount 1 typed is not a line number.
    assert [h for h in find(ws, "1", ["公开01"]) if h.ref is None and h.text.isdigit()] == []
    assert find(ws, "   ", None) == []
    assert find(ws, "不存在的科目名称", None) == []
    assert read_query("1,2.3").amount is None  # a mistyped figure is searched as text, never as 12.3
