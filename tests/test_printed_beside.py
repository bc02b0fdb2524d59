"""Some regions print the 年初预算数 beside 公开05's 决算数 (and a 完成率): that column's figures
are the 年初预算数 table's, on the same 科目, and its budget checks run on them."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook, write_workspace
from desktop.core.excel.meta import SHEET
from desktop.core.workspace import Workspace


def test_the_budget_printed_beside_the_outturn_goes_to_its_own_table(sample_ws, tmp_path):
    book = tmp_path / "表.xlsx"
    write_workbook(sample_ws, book)
    wb = openpyxl.load_workbook(book)
    del wb[SHEET]  # read as another program's workbook, by its layout
    sheet = wb["公开05"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 3).value == "小计")
    sheet.cell(header - 1, 6, "年初预算数")  # a column of its own, headed over both header rows
    sheet.merge_cells(start_row=header - 1, start_column=6, end_row=header, end_column=6)
    budget = {}
    for r in range(header + 2, sheet.max_row + 1):
        code, label, outturn = (sheet.cell(r, c).value for c in (1, 1, 3))
        if isinstance(outturn, (int, float)):
            figure = (Decimal(str(outturn)) * Decimal("0.9")).quantize(Decimal("0.01"))
            sheet.cell(r, 6, float(figure))
            budget[str(code)] = figure
    wb.save(book)

    snapshot, warnings = read_workbook(book)
    assert [str(w) for w in warnings if "公开05" in str(w) and "未导入" in str(w)] == []
    write_workspace(snapshot, tmp_path / "导入.juesuan")
    with Workspace.open(tmp_path / "导入.juesuan") as ws:
        got = {r.row: v for r, v in ws.values.typed.items() if r.form == "年初预算"}
        assert got == {("合计" if code == "合计" else code): v for code, v in budget.items()}
        assert ws.value(CellRef("公开05", "2080101", "小计")) == sample_ws.value(CellRef("公开05", "2080101", "小计"))
        completion = [f for f in ws.findings() if f.rule == "年初预算-11"]
        assert completion and all("完成年初预算的" in f.message for f in completion)
