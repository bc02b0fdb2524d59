"""What an imported workbook lacked survives the program's own export and import."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.absence import absence_mark, absence_notice
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook, workspace_from_workbook


def test_export_then_import_keeps_absent_tables_and_columns(sample_ws, tmp_path):
    ws = sample_ws
    for ref in [r for r in ws.values.typed if r.form == "公开05" or (r.form == "公开09" and r.col == "培训费")]:
        ws.set_value(ref, None)
    ws.set_absent({("公开05", ""), ("公开09", "培训费")})
    path = tmp_path / "out.xlsx"
    write_workbook(ws, path)
    snapshot, warnings = read_workbook(path)
    assert warnings == [] and snapshot.absent == {("公开05", ""), ("公开09", "培训费")}
    back, _ = workspace_from_workbook(path)
    with back:
        assert back.absent == ws.absent and back.missing_tables() == ["公开05"]
        assert {e["rule"] for e in back.unchecked()} == {e["rule"] for e in ws.unchecked()} != set()
        assert absence_mark(back, "公开05") == "缺表" and absence_mark(back, "公开09") == "缺栏"
        assert "没有本表" in absence_notice(back, "公开05")
        assert "“培训费”栏" in absence_notice(back, "公开09") and absence_notice(back, "公开01") == ""


def test_a_figure_typed_in_excel_into_an_absent_table_makes_it_present(sample_ws, tmp_path):
    import openpyxl

    ws = sample_ws
    for ref in [r for r in ws.values.typed if r.form == "公开09"]:
        ws.set_value(ref, None)
    ws.set_absent({("公开09", "")})
    path = tmp_path / "out.xlsx"
    write_workbook(ws, path)
    book = openpyxl.load_workbook(path)
    sheet = book["公开09"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "决算数")
    sheet.cell(cell.row, cell.column + 4).value = 12.5  # a 公务接待费 figure
    book.save(path)
    back, _ = workspace_from_workbook(path)
    with back:
        assert back.absent == set()
        assert Decimal("12.50") in {v for r, v in back.values.typed.items() if r.form == "公开09"}
        assert CellRef("公开09", "决算数", "合计") not in back.values.typed  # a computed total stays computed
