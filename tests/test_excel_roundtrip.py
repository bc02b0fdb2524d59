"""Export and import of the program's own workbook: the same workspace comes back, computed totals included."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from factory import as_printed, imported_workspace
from desktop.core.snapshot import dump
from desktop.core.workspace import Workspace


def marks(ws):
    return {
        ref: ("typed" if ws.values.is_typed(ref) else "computed" if ws.values.is_computed(ref) else "")
        for form in ws.structure.active for ref in ws.structure.value_cells(form.id)
    }


def test_sample_round_trip_is_identical(sample_ws, tmp_path):
    # Make the workspace less regular than the sample: a custom 科目, an overridden total, an explanation.
    sample_ws.add_row("公开02", "2080177", "自定义的就业项目")
    sample_ws.set_value(CellRef("公开02", "2080177", "财政拨款收入"), Decimal("1.25"))
    total = CellRef("公开09", "决算数", "合计")
    sample_ws.set_value(total, None)  # the sample types every published figure; let this one compute
    assert sample_ws.values.is_computed(total)
    sample_ws.add_row("年初预算", "2080101")  # not a published form: carried in the hidden sheet
    sample_ws.set_value(CellRef("年初预算", "2080101", "年初预算数"), Decimal("5000.00"))
    sample_ws.set_explanation(next(f.key for f in sample_ws.findings() if f.severity != "错误"), "尾差，已核对")
    book = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, book)

    snapshot, warnings = read_workbook(book)
    assert warnings == []
    back = imported_workspace(snapshot, tmp_path / "back.juesuan")
    try:
        assert dump(back) == as_printed(sample_ws, dump(sample_ws))
        assert marks(back) == marks(sample_ws)
        assert back.values.is_computed(total)
        assert back.values.get(total) == sample_ws.values.get(total) is not None
        assert back.notes == sample_ws.notes and back.notes  # 空表说明 of 公开07/08
        assert back.structure.row("公开02", "2080177").custom
    finally:
        back.close()


def test_printed_sheet_holds_numbers_formats_and_print_setup(sample_ws, tmp_path):
    book = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["目录"] + [f"公开0{i}" for i in range(1, 10)] + ["绩效整体", "绩效项目", "情况说明", "_juesuan"]
    assert wb["_juesuan"].sheet_state == "hidden"
    toc = [[c.value for c in row] for row in wb["目录"].iter_rows(min_row=2, max_row=10)]
    assert toc[0] == ["序号", "表名", "是否空表", "空表理由"]
    assert toc[7][:3] == ["表7", "政府性基金预算财政拨款收入支出决算表", "是"]
    assert toc[7][3] == sample_ws.notes["公开07"]
    sheet = wb["公开05"]
    assert sheet["A1"].value == "一般公共预算财政拨款支出决算表"
    assert sheet["A2"].value == "公开05表"
    figures = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert figures and all(c.number_format == "#,##0.00_ " for c in figures)
    assert not any(isinstance(c.value, str) and c.value.replace(".", "").replace(",", "").isdigit()
                   and "." in c.value for row in sheet.iter_rows() for c in row)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.scale == wb["公开01"].page_setup.scale  # one scale for all tables
    assert sheet.print_title_rows and sheet.freeze_panes
    assert "&P" in sheet.oddFooter.center.text
    assert any(str(c.value or "").startswith("注：本表反映部门") for row in sheet.iter_rows() for c in row)
    # 公开04's long fund-kind headers wrap: their header row is made taller than one line.
    four = wb["公开04"]
    header = next(c for row in four.iter_rows() for c in row if c.value == "政府性基金预算财政拨款")
    assert (four.row_dimensions[header.row].height or 0) >= 30
    # The 编制单位 line spans the stub columns, so a long name is not clipped by the year.
    assert any(str(r) .startswith("A3:") and r.max_col >= 2 for r in sheet.merged_cells.ranges)


def test_figure_changed_in_excel_comes_back_typed_and_warned(sample_ws, tmp_path):
    sample_ws.set_value(CellRef("公开09", "决算数", "合计"), None)
    book = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["公开09"]
    # The 决算数 row's computed 合计 (first value column of the 决算数 row) is overwritten by hand.
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "决算数" and c.column == 1)
    total = sheet.cell(cell.row, 2)
    total.value = 999.99
    wb.save(book)
    snapshot, warnings = read_workbook(book)
    assert snapshot.cells[CellRef("公开09", "决算数", "合计")] == Decimal("999.99")
    assert len(warnings) == 1 and warnings[0].sheet == "公开09" and warnings[0].cell == total.coordinate


def test_cli_export_refuses_existing_target(sample_ws, tmp_path, capsys):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"keep me")
    sample_ws.close()
    assert main(["export", str(sample_ws.path), "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"
    assert main(["export", str(sample_ws.path), "-o", str(target), "--force"]) == 0
    assert openpyxl.load_workbook(target).sheetnames[0] == "目录"


def test_cli_import_over_existing_workspace_keeps_history(sample_ws, tmp_path, capsys):
    book = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, book)
    expected = as_printed(sample_ws, dump(sample_ws))
    sample_ws.close()
    other = tmp_path / "other.juesuan"
    assert main(["new", str(other), "--unit", "别的单位", "--year", "2024"]) == 0
    assert main(["set", str(other), "公开01", "事业收入", "决算数", "12.00"]) == 0
    assert main(["import", str(book), "-o", str(other)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["import", str(book), "-o", str(other), "--force"]) == 0
    ws = Workspace.open(other)
    try:
        assert dump(ws) == expected
        replaced = [h for h in ws.store.history() if h.get("row") == "事业收入"]
        assert any(h.get("old") == "12.00" for h in replaced), replaced
    finally:
        ws.close()


@pytest.mark.parametrize("money", ["万元", "元"])
def test_empty_workspace_round_trip(tmp_path, money):
    ws = Workspace.create(tmp_path / "e.juesuan", {"单位名称": "空单位", "年度": "2024", "金额单位": money})
    try:
        write_workbook(ws, tmp_path / "e.xlsx")
        snapshot, warnings = read_workbook(tmp_path / "e.xlsx")
        assert warnings == []
        back = imported_workspace(snapshot, tmp_path / "back.juesuan")
        assert dump(back) == dump(ws)
        back.close()
    finally:
        ws.close()


def test_own_sheet_with_inserted_row_is_read_by_names_not_positions(sample_ws, tmp_path):
    book = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    sheet = wb["公开05"]
    sheet.insert_rows(8)  # an accountant's blank line inside the table
    wb.save(book)
    snapshot, warnings = read_workbook(book)
    assert [w.sheet for w in warnings] == ["公开05"] and "改动" in warnings[0].reason
    back = imported_workspace(snapshot, tmp_path / "back.juesuan")
    try:
        for ref in sample_ws.structure.value_cells("公开05"):
            assert back.values.get(ref) == sample_ws.values.get(ref), ref
        assert dump(back)["cells"]["公开02"] == dump(sample_ws)["cells"]["公开02"]
    finally:
        back.close()


def test_the_narrative_travels_on_its_own_sheet(sample_ws, tmp_path):
    import openpyxl

    from desktop.core.excel.export import write_workbook
    from desktop.core.excel.import_ import read_workbook
    from desktop.core.snapshot import dump

    text = "一、收入支出决算总体情况说明\n" + "=2024年度收入、支出总计均为73,687.35万元。" * 2000
    sample_ws.set_text("情况说明", text)
    sample_ws.set_text("概况:主要职责", "贯彻落实人力资源和社会保障法律法规。")
    book = tmp_path / "公开表.xlsx"
    write_workbook(sample_ws, book)
    sheet = openpyxl.load_workbook(book)["情况说明"]
    assert sheet["A1"].value == "榆林市人力资源和社会保障局2024年度部门决算情况说明"
    assert sheet["A2"].value == "一、收入支出决算总体情况说明"
    assert sheet["A3"].data_type == "s" and sheet["A3"].value.startswith("=2024")  # never a formula
    assert max(len(c.value or "") for c in sheet["A"]) <= 32767  # what an Excel cell holds
    snapshot, warnings = read_workbook(book)
    assert snapshot.texts == dump(sample_ws)["texts"] and warnings == []


def test_a_foreign_narrative_sheet_is_read(tmp_path, sample_ws):
    import openpyxl

    from desktop.core.excel.export import write_workbook
    from desktop.core.excel.import_ import read_workbook
    from desktop.core.excel.meta import SHEET

    book_path = tmp_path / "别处.xlsx"
    write_workbook(sample_ws, book_path)
    book = openpyxl.load_workbook(book_path)
    del book[SHEET]  # now it is a workbook like any other
    del book["情况说明"]  # the sample's own, replaced by another program's
    narrative = book.create_sheet("情况说明")
    narrative["A1"] = "某局2024年度部门决算情况说明"
    narrative["A2"] = "一、收入支出决算总体情况说明"
    narrative["A4"] = "2024年度收入、支出总计均为73,687.35万元。"
    book.save(book_path)
    snapshot, _ = read_workbook(book_path)
    assert snapshot.texts == {"情况说明": "一、收入支出决算总体情况说明\n2024年度收入、支出总计均为73,687.35万元。"}
