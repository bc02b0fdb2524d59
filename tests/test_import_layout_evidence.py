"""Real layout workbooks (realdocs/layouts) changed as other templates and hands change them: the
importer reads each by its evidence and says what it could not tell, never guessing in silence."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

from desktop import paths
from desktop.core.definitions import CellRef, load_forms
from desktop.core.excel.import_ import read_workbook
from factory import imported_workspace
from layout_books import BOOKS, changed, score


def _rename_header(old: str, new: str, sheet: str):
    def change(book) -> None:
        for row in book[sheet].iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
    return change


def test_a_column_printed_beside_is_read_by_the_forms_the_import_uses(tmp_path):
    # A form set that knows 年初预算数 by another name; the shipped one does not.
    folder = tmp_path / "forms"
    folder.mkdir()
    for each in paths.forms_dir().glob("*.toml"):
        shutil.copy(each, folder)
    budget = folder / "年初预算.toml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        'columns = [{ key = "年初预算数", number = 1 }]',
        'columns = [{ key = "年初预算数", number = 1, aliases = ["年初批复预算数"] }]'), encoding="utf-8")
    forms = load_forms(folder)
    path = changed("b09_extra05_extra09", _rename_header("年初预算数", "年初批复预算数", "公开05"), tmp_path)
    snapshot, warnings = read_workbook(path, forms)
    assert snapshot.cells[CellRef("年初预算", "合计", "年初预算数")] == Decimal("70573.46")
    assert not [w for w in warnings if w.sheet == "公开05" and "未导入" in w.reason]


def _without_unit(sheets=None, rename=False):
    """Every 金额单位 line of the given sheets (all when None) blanked; `rename` puts the unit in the sheet's name."""
    def change(book) -> None:
        for ws in book.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and ("金额单位" in cell.value or cell.value.startswith("单位：")):
                        stated = "万元" if "万元" in cell.value else "元"
                        cell.value = None
            if rename:
                ws.title = f"{ws.title}（{stated}）"
    return change


def _unit_warnings(scored) -> list[str]:
    return [w for w in scored.warnings if "未注明金额单位" in w]


def test_a_table_without_its_unit_is_read_in_the_unit_its_shared_figures_confirm(tmp_path):
    # A workbook in 元 where four tables lost their unit line: read as 万元 they were 10,000 times too large.
    name = "b12_yuan_namefirst_indent"
    scored = score(name, changed(name, _without_unit({"公开02", "公开05", "公开06", "公开09"}), tmp_path), tmp_path)
    assert (scored.placed, scored.present, scored.wrong, scored.errors) == (173, 173, [], [])
    assert scored.money == "元"
    # 公开02, 05, 06 share figures with the tables in 元: confirmed, nothing to say. 公开09 shares none.
    said = _unit_warnings(scored)
    assert len(said) == 1 and "公开09表未注明金额单位" in said[0] and "按本工作簿其他表的元读取" in said[0], said


def test_a_unit_in_the_sheet_name_is_the_tables_unit(tmp_path):
    name = "b12_yuan_namefirst_indent"
    scored = score(name, changed(name, _without_unit(rename=True), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.money) == (scored.present, [], "元")
    assert _unit_warnings(scored) == []


def test_a_workbook_stating_no_unit_is_read_in_wan_and_says_so_once(tmp_path):
    name = "b03_colorder"
    scored = score(name, changed(name, _without_unit(), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    said = _unit_warnings(scored)
    assert len(said) == 1 and "公开01、公开02、公开03、公开04、公开05、公开06、公开09表" in said[0], said
    assert "按万元读取" in said[0]


def test_a_workbook_in_yuan_stating_no_unit_whose_figures_no_unit_could_hold_in_wan_is_read_in_yuan(tmp_path):
    # A workbook in 元 (its totals adding up to the 元) a hundred times the unit's size, no unit anywhere and no
    # 情况说明: its 收入总计 691,290,000 read as 万元 would be 6.9万亿元, beyond any one unit's year.
    def change(book) -> None:
        _without_unit()(book)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, float | int) and not isinstance(cell.value, bool) and abs(cell.value) >= 0.01:
                        cell.value = round(cell.value * 100, 2)
    name = "b12_yuan_namefirst_indent"
    snapshot, warnings = read_workbook(changed(name, change, tmp_path))
    figures = json.loads((BOOKS / f"{name}.json").read_text(encoding="utf-8"))["figures"]
    got = {f"{ref.form}|{ref.row}|{ref.col}": v for ref, v in snapshot.cells.items()}
    assert snapshot.unit["金额单位"] == "元"
    assert {k for k, v in figures.items() if abs(got.get(k, 0) - Decimal(v) * 1000000) > Decimal("0.5")} == set()
    said = [w.reason for w in warnings if "金额单位" in w.reason]
    assert len(said) == 1 and "最大的数字超过一万亿元" in said[0] and "按元读取" in said[0], said
    ws = imported_workspace(snapshot, tmp_path / "yuan.juesuan")
    try:
        assert [f.message for f in ws.findings() if f.severity == "错误"] == []
    finally:
        ws.close()


def test_a_table_in_yuan_that_does_not_say_so_is_told_by_its_shared_figures(tmp_path):
    # 公开06 printed in 元 with its unit line lost, in a workbook in 万元: read as 万元 it was 10,000 times too large.
    def change(book) -> None:
        _without_unit({"公开06"})(book)
        for row in book["公开06"].iter_rows():
            for cell in row:
                if isinstance(cell.value, float | int) and not isinstance(cell.value, bool):
                    cell.value = round(cell.value * 10000, 2)
    name = "b03_colorder"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors, scored.money) == (scored.present, [], [], "万元")
    said = _unit_warnings(scored)
    assert len(said) == 1 and "公开06表未注明金额单位" in said[0] and "读作元" in said[0], said


def _untitled(*sheets):
    """The title and 公开0X表 label (the first two rows) of the given sheets blanked."""
    def change(book) -> None:
        for name in sheets:
            for row in book[name].iter_rows(min_row=1, max_row=2):
                for cell in row:
                    if type(cell).__name__ != "MergedCell":
                        cell.value = None
    return change


def test_tables_without_a_title_are_found_by_their_headers_rows_and_sums(tmp_path):
    # Sheets named Sheet1…Sheet9, so that only the tables themselves can tell which form each is;
    # Sheet8 is 公开07, empty (its header and 空表说明 alone).
    name = "b16_shuffled_sheetN_head2"
    untitled = ("Sheet1", "Sheet2", "Sheet3", "Sheet4", "Sheet6", "Sheet7", "Sheet8")
    scored = score(name, changed(name, _untitled(*untitled), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    said = [w for w in scored.warnings if "没有表名" in w]
    assert len(said) == len(untitled) and all("读作公开0" in w and "请核对" in w for w in said), said


def test_a_table_without_a_title_two_forms_read_alike_is_named_not_guessed(tmp_path):
    # 公开05 and 公开08 have the same columns and rows: with neither title, nor a sheet name, to tell them apart.
    name = "b16_shuffled_sheetN_head2"
    path = changed(name, _untitled("Sheet5", "Sheet9"), tmp_path)
    scored = score(name, path, tmp_path)
    assert scored.wrong == []
    said = [w for w in scored.warnings if "没有表名" in w]
    assert any(w.startswith("“Sheet5”工作表 A3：第3–36行") and "公开05、公开08" in w and "未导入" in w for w in said), said


def test_titles_other_regions_publish_name_their_forms(tmp_path):
    # Wordings from published 部门决算 (sources in forms/公开02, 03, 09.toml); the label row blanked so that
    # the title alone names the table. The 三公 one had been read as 公开05.
    titles = {"Sheet3": "2024年度收入决算总表", "Sheet4": "支出决算总表", "Sheet7": "一般公共预算财政拨款“三公”经费支出决算表"}

    def change(book) -> None:
        _untitled(*titles)(book)
        for sheet, title in titles.items():
            book[sheet]["A1"] = title
    name = "b16_shuffled_sheetN_head2"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert not [w for w in scored.warnings if "没有表名" in w or "未导入" in w]


def _names_only_kuan_below(sheet: str, drop: str = ""):
    """The 科目 of `sheet` printed by name alone, each 款 under its 项 (its subtotal below them); the row
    named `drop` left out."""
    def change(book) -> None:
        ws = book[sheet]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        body = [i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].isdigit() and len(r[0]) in (3, 5, 7)]
        order, kuan = [], None
        for r in rows[body[0]:body[-1] + 1]:
            if len(r[0]) != 7 and kuan:
                order.append(kuan)
                kuan = None
            if len(r[0]) == 5:
                kuan = r
            else:
                order.append(r)
        order += [kuan] if kuan else []
        order = [[None, *r[1:]] if r[1] != drop else [None] * len(r) for r in order]
        for i, r in enumerate(order):
            for j, v in enumerate(r):
                ws.cell(body[0] + 1 + i, j + 1).value = v
    return change


def test_a_name_several_kemu_bear_is_read_as_the_one_the_subtotals_confirm(tmp_path):
    # 行政运行, 事业运行, 信息化建设 stand under 类 208 with their 款 printed only below them: every 款 has them.
    name = "b03_colorder"
    scored = score(name, changed(name, _names_only_kuan_below("公开03"), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    said = [w for w in scored.warnings if "按表内合计读作" in w]
    assert len(said) == 3 and any("“行政运行”" in w and "读作 2080101" in w for w in said), said


def test_a_name_the_sums_cannot_place_is_named_not_guessed(tmp_path):
    # The 款 人力资源和社会保障管理事务 left out: no subtotal tells which 款's 行政运行 this is.
    name = "b03_colorder"
    scored = score(name, changed(name, _names_only_kuan_below("公开03", "人力资源和社会保障管理事务"), tmp_path), tmp_path)
    assert scored.wrong == []
    assert any("“行政运行”" in w and "无法确定是哪一个" in w and "未导入" in w for w in scored.warnings), scored.warnings


def test_tables_without_titles_one_under_another_are_told_apart_by_their_unit_lines(tmp_path):
    # 公开02 and 公开03 on one sheet, each from its 编制单位 line down: no title, no label, no sheet name to go by.
    def change(book) -> None:
        stacked = book.create_sheet("Sheet1")
        for name in ("公开02", "公开03"):
            for values in list(book[name].iter_rows(min_row=3, values_only=True)):
                stacked.append(values)
            del book[name]
    name = "b03_colorder"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    said = [w for w in scored.warnings if "没有表名" in w]
    assert len(said) == 2 and "读作公开02表" in said[0] and "读作公开03表" in said[1], said


def test_a_workbook_stating_no_unit_is_told_by_the_amounts_its_narrative_quotes(tmp_path):
    # A workbook in 元 with no unit anywhere, and a 情况说明 sheet quoting its totals in 万元.
    def change(book) -> None:
        _without_unit()(book)
        book.create_sheet("情况说明").append([
            "本年收入合计691.29万元，本年支出合计691.29万元，其中基本支出108.04万元，项目支出583.26万元。"
            "社会保障和就业支出679.30万元，卫生健康支出4.17万元，住房保障支出7.55万元。人员经费99.23万元，公用经费8.80万元。"])
    name = "b12_yuan_namefirst_indent"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.money) == (scored.present, [], "元")
    said = _unit_warnings(scored)
    assert any("公开01表未注明金额单位" in w and "读作元" in w for w in said), said
