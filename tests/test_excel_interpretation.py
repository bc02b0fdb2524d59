"""Which table, which row, which column, whose figures: the layout reader's interpretation, piece by piece."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.core.catalogue import load_catalogues
from desktop.core.definitions import CellRef, load_forms
from desktop.core.excel.codes import NameResolver, is_code_cell, split_code
from desktop.core.excel.columns import column_for, rivals, strip_unit
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.tables import identify_text


@pytest.fixture(scope="module")
def forms():
    return load_forms()


@pytest.mark.parametrize(("cell", "code"), [
    ("2080101", "2080101"), ("208.01.01", "2080101"), ("208 01 01", "2080101"), (2080101, "2080101"),
    ("301.01", "30101"), ("2080101 行政运行", "2080101"), ("205", "205"),
])
def test_a_code_in_any_notation(cell, code):
    assert split_code(cell)[0] == code


@pytest.mark.parametrize("cell", ["2024年度", "53.15", "20801011", "合计"])
def test_what_is_no_code(cell):
    assert split_code(cell) is None


def test_a_figure_with_one_dot_is_not_taken_for_a_code_cell():
    assert is_code_cell("208.01.01") and is_code_cell("20801") and not is_code_cell("153.15")


def test_a_name_alone_is_found_under_the_rows_above_it():
    resolver = NameResolver(load_catalogues(2024)["功能分类"])
    resolver.saw("208")
    assert resolver.code_of("人力资源和社会保障管理事务") == ("20801", "")
    assert resolver.code_of("行政运行") == ("2080101", "")  # under 20801, not 2010101
    fresh = NameResolver(load_catalogues(2024)["功能分类"])
    code, why = fresh.code_of("行政运行")  # nothing above: one of dozens
    assert code is None and "无法确定" in why


@pytest.mark.parametrize(("title", "form"), [
    ("国有资本经营预算财政拨款收入支出决算表", "公开08"),  # holds 公开03's whole title too
    ("财政拨款收入支出决算总表", "公开04"),
    ("一般公共预算财政拨款支出决算明细表", "公开05"),
    ("一般公共预算财政拨款基本支出决算明细表", "公开06"),
    ("某局2024年度收入决算表", "公开02"),
])
def test_a_title_names_the_form_it_holds_best(forms, title, form):
    assert identify_text(title, forms) == (forms[form], True)


def test_the_unit_in_a_header_is_no_part_of_its_name():
    assert strip_unit("本年支出合计（万元）") == ("本年支出合计", "万元")
    assert strip_unit("完成率（%）") == ("完成率", None)
    assert strip_unit("因公出国（境）费") == ("因公出国（境）费", None)


def test_a_column_by_its_whole_path_and_synonyms(forms):
    f02, f09 = forms["公开02"], forms["公开09"]
    assert column_for(f02, list(f02.sections), ["合计"])[1].key == "本年收入合计"
    assert column_for(f02, list(f02.sections), ["财政拨款"])[1].key == "财政拨款收入"
    # Merely ending like a column is not being it.
    assert column_for(f02, list(f02.sections), ["上年事业收入"]) == (None, None)
    assert column_for(f09, list(f09.sections), ["财政拨款三公经费", "公务用车购置及运行维护费", "小计"])[1].key == (
        "公务用车购置及运行维护费小计")


def _book(path, tables):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in tables:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _table09(unit, year, budget):
    return [
        ["财政拨款“三公”经费支出决算表"],
        [f"编制单位：{unit}", f"{year}年度", "金额单位：万元"],
        ["项目", "预算数", "决算数"],
        ["“三公”经费合计", budget, 1.0],
        ["1.因公出国（境）费", None, None],
        ["2.公务用车购置及运行维护费", budget, 1.0],
        ["（1）公务用车购置费", None, None],
        ["（2）公务用车运行维护费", budget, 1.0],
        ["3.公务接待费", None, None],
    ]


def test_a_table_on_its_side_and_one_of_another_year(tmp_path):
    path = _book(tmp_path / "t.xlsx", [
        ("本年", _table09("某局", 2024, 2.0)),
        ("上年", _table09("某局", 2023, 9.0)),
        ("另一张", _table09("某局", 2024, 2.0)),
    ])
    snapshot, warnings = read_workbook(path)
    assert snapshot.cells[CellRef("公开09", "预算数", "合计")] == 2
    assert snapshot.cells[CellRef("公开09", "决算数", "公务用车运行维护费")] == 1
    # Last year's table is named once, not figure by figure; the repeat is named too.
    assert [w.reason for w in warnings if w.sheet == "上年"] == ["这张公开09表是2023年度的表（本工作簿为2024年度），其数字未导入"]
    assert any("又有一张公开09表" in w.reason for w in warnings if w.sheet == "另一张")


def test_a_header_two_columns_fit_equally_is_named_not_guessed(forms):
    # A form whose 合计 and 小计 both take “合计” as a synonym: a bare “合计” header is either.
    f07 = forms["公开07"]
    section = f07.sections[0]
    columns = tuple(c._replace(aliases=("合计",)) if c.key in ("年初结转和结余", "本年支出小计") else c for c in section.columns)
    twice = f07._replace(id="公开99", sections=(section._replace(columns=columns),))
    assert column_for(twice, list(twice.sections), ["合计"]) == (None, None)
    assert rivals(twice, ["合计"]) == ["年初结转和结余", "本年支出小计"]
    assert rivals(f07, ["合计"]) == []
