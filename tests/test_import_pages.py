"""Workbooks from a published PDF converted to Excel, or printed page by page by a finance system
(tests/page_effects.py): real layouts with their long tables cut into pages, the header (and title)
printed again, page numbers and running heads between rows, a table's later pages on a sheet of
their own with no title, every table on one sheet. Every figure lands in its place, none of the
table's rules reports a 错误 the figures do not have, and a continuation sheet is named."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.core.excel.import_ import read_workbook
from factory import imported_workspace
from page_effects import paged

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"  # three of the real layout workbooks


@pytest.mark.parametrize("book, effects, seed", [
    ("b05_spaces_head2_unitinheader", ("split",), 1),
    ("b12_yuan_namefirst_indent", ("breaks", "footers", "split"), 2),
    ("b16_shuffled_sheetN_head2", ("breaks", "footers", "split"), 3),
    ("b12_yuan_namefirst_indent", ("breaks", "footers", "one_sheet"), 4),
])
def test_a_paged_workbook_imports_every_figure_in_its_place(tmp_path, book, effects, seed):
    path = tmp_path / f"{book}.xlsx"
    paged(LAYOUTS / f"{book}.xlsx", path, effects, seed)
    snapshot, warnings = read_workbook(path)
    expected = json.loads((LAYOUTS / f"{book}.json").read_text(encoding="utf-8"))["figures"]
    scale = Decimal(10000) if snapshot.unit.get("金额单位") == "元" else Decimal(1)
    got = {f"{ref.form}|{ref.row}|{ref.col}": value / scale for ref, value in snapshot.cells.items()}
    off = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) is None or abs(got[k] - Decimal(v)) > Decimal("0.005")}
    assert off == {}, warnings
    ws = imported_workspace(snapshot, tmp_path / f"{book}.juesuan")
    try:
        assert [f.message for f in ws.findings() if f.severity == "错误"] == []
    finally:
        ws.close()
    continued = [w for w in warnings if w.reason.endswith("续页")]
    assert bool(continued) == ("split" in effects)
    assert all("未导入" not in w.reason for w in warnings), warnings


def test_an_untitled_table_with_other_headers_continues_no_table(tmp_path):
    """The sheet after 公开02 holds 公开03 with its title lines cut off: its headers are not 公开02's,
    so none of its figures is read into 公开02."""
    book = openpyxl.load_workbook(LAYOUTS / "b05_spaces_head2_unitinheader.xlsx")
    sheet = book["公开03"]
    titled = [r for r in range(1, 6) if any("决算表" in str(v) or "公开03表" in str(v) for v in next(sheet.iter_rows(r, r, values_only=True)))]
    sheet.delete_rows(1, max(titled))
    path = tmp_path / "untitled.xlsx"
    book.save(path)
    snapshot, warnings = read_workbook(path)
    expected = json.loads((LAYOUTS / "b05_spaces_head2_unitinheader.json").read_text(encoding="utf-8"))["figures"]
    got = {f"{ref.form}|{ref.row}|{ref.col}": value for ref, value in snapshot.cells.items() if ref.form == "公开02"}
    assert {k: v for k, v in got.items() if abs(v - Decimal(expected.get(k, "0"))) > Decimal("0.005")} == {}
    assert not [w for w in warnings if w.reason.endswith("续页")]


def test_an_untitled_table_under_another_on_one_sheet_is_read_as_its_own(tmp_path):
    """Every table on one sheet, 公开03's title, label and unit lines left blank: its header follows 公开02's
    notes directly. Its rows are not read into 公开02 under 公开02's columns; its header, rows and sums say
    it is 公开03, and that is said."""
    book = openpyxl.load_workbook(LAYOUTS / "b05_spaces_head2_unitinheader.xlsx")
    sheet = book["公开03"]
    for row in sheet.iter_rows(1, 3):  # 支出决算表, 公开03表, 编制单位：…
        for cell in row:
            if not isinstance(cell, openpyxl.cell.cell.MergedCell):
                cell.value = None
    cut = tmp_path / "cut.xlsx"
    book.save(cut)
    path = tmp_path / "one_sheet.xlsx"
    paged(cut, path, ("one_sheet",), 7)
    snapshot, warnings = read_workbook(path)
    expected = json.loads((LAYOUTS / "b05_spaces_head2_unitinheader.json").read_text(encoding="utf-8"))["figures"]
    got = {f"{ref.form}|{ref.row}|{ref.col}": value for ref, value in snapshot.cells.items()}
    off = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) is None or abs(got[k] - Decimal(v)) > Decimal("0.005")}
    assert off == {}, warnings
    assert [w.reason for w in warnings if "没有表名" in w.reason] == [
        next(w.reason for w in warnings if "没有表名" in w.reason)]
    assert "读作公开03表" in next(w.reason for w in warnings if "没有表名" in w.reason)
    ws = imported_workspace(snapshot, tmp_path / "one_sheet.juesuan")
    try:
        assert [f.message for f in ws.findings() if f.severity == "错误"] == []
    finally:
        ws.close()


def _printed_below(sheet, top: int, lines: int) -> None:
    """The sheet's rows from `top` moved `lines` rows down, its merged ranges with them (openpyxl's
    insert_rows leaves merged ranges where they were)."""
    merged = [m.coord for m in sheet.merged_cells.ranges]
    for coord in merged:
        sheet.unmerge_cells(coord)
    cells = {(c.row, c.column): c.value for row in sheet.iter_rows(min_row=top) for c in row if c.value is not None}
    for (r, c) in cells:
        sheet.cell(r, c).value = None
    for (r, c), value in cells.items():
        sheet.cell(r + lines, c).value = value
    for coord in merged:
        c1, first, c2, last = openpyxl.utils.range_boundaries(coord)
        shift = lines if first >= top else 0
        sheet.merge_cells(start_row=first + shift, start_column=c1, end_row=last + shift, end_column=c2)


def test_another_tables_header_printed_over_a_tables_own_is_not_its_header(tmp_path):
    """Under 公开03's title and unit line, 公开02's header and 栏次 rows printed again (a page's 顶端标题行, as a
    workbook printed on one sheet repeats its first table's header on every page), then 公开03's own header:
    the header over its rows is its header; every figure is placed and no rule reports a 错误."""
    book = openpyxl.load_workbook(LAYOUTS / "b05_spaces_head2_unitinheader.xlsx")
    foreign = [[c.value for c in row] for row in book["公开02"].iter_rows(min_row=4, max_row=6)]
    sheet = book["公开03"]
    _printed_below(sheet, 4, len(foreign))
    for r, values in enumerate(foreign, start=4):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c).value = value
    path = tmp_path / "print_titles.xlsx"
    book.save(path)
    snapshot, warnings = read_workbook(path)
    expected = json.loads((LAYOUTS / "b05_spaces_head2_unitinheader.json").read_text(encoding="utf-8"))["figures"]
    got = {f"{ref.form}|{ref.row}|{ref.col}": value for ref, value in snapshot.cells.items()}
    off = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) is None or abs(got[k] - Decimal(v)) > Decimal("0.005")}
    assert off == {}, warnings
    assert not [w for w in warnings if "未导入" in w.reason], warnings
    ws = imported_workspace(snapshot, tmp_path / "print_titles.juesuan")
    try:
        assert [f.message for f in ws.findings() if f.severity == "错误"] == []
    finally:
        ws.close()
