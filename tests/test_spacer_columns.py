"""A workbook saved from a PDF by a converter (or laid out by hand to look like the print) has
narrow empty columns between the printed ones, their headers blank or merged with the column
beside them. They are passed over: every figure lands in its cell and no check fails."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook, write_workspace
from desktop.core.workspace import Workspace


def _with_spacers(source, target, merged_headers: bool) -> None:
    """Each column followed by an empty one; merged ranges widened over it; with `merged_headers`
    every header cell of its own merged with its spacer too (a converter's merged header)."""
    book = openpyxl.load_workbook(source)
    out = openpyxl.Workbook()
    out.remove(out.active)
    for sheet in book.worksheets:
        copy = out.create_sheet(sheet.title)
        if not sheet.title.startswith("公开"):  # the 绩效自评表 and the 目录 as they were
            for row in sheet.iter_rows():
                for cell in row:
                    copy.cell(cell.row, cell.column, cell.value).number_format = cell.number_format
            continue
        covered = {(r, c) for m in sheet.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
                   for c in range(m.min_col, m.max_col + 1)}
        last_header = next((r[0].row for r in sheet.iter_rows() if any(c.value == "栏次" for c in r)), 0)
        for row in sheet.iter_rows():
            header = row[0].row <= last_header
            for cell in row:
                if cell.value is None:
                    continue
                target_cell = copy.cell(cell.row, 2 * cell.column - 1, cell.value)
                target_cell.number_format = cell.number_format
                if merged_headers and header and (cell.row, cell.column) not in covered:
                    copy.merge_cells(start_row=cell.row, start_column=2 * cell.column - 1,
                                     end_row=cell.row, end_column=2 * cell.column)
        for m in sheet.merged_cells.ranges:
            copy.merge_cells(start_row=m.min_row, start_column=2 * m.min_col - 1,
                             end_row=m.max_row, end_column=2 * m.max_col)
    out.save(target)


@pytest.mark.parametrize("merged_headers", [False, True], ids=["表头空白", "表头合并"])
def test_empty_columns_between_the_printed_ones_are_passed_over(sample_ws, tmp_path, merged_headers):
    plain, spaced = tmp_path / "表.xlsx", tmp_path / "隔列.xlsx"
    write_workbook(sample_ws, plain)
    _with_spacers(plain, spaced, merged_headers)
    snapshot, warnings = read_workbook(spaced)
    assert [str(w) for w in warnings if "未导入" in str(w)] == []
    write_workspace(snapshot, tmp_path / "导入.juesuan")
    with Workspace.open(tmp_path / "导入.juesuan") as imported:
        published = {f.id for f in sample_ws.structure.active if f.published}
        want = {r: v for r, v in sample_ws.values.typed.items() if r.form in published}
        got = {r: imported.values.typed.get(r) for r in want}
        assert got == want
        assert [f.rule for f in imported.findings() if f.severity == "错误"] == \
            [f.rule for f in sample_ws.findings() if f.severity == "错误" and f.rule.startswith("公开")]
