"""The quick reader of a workbook's XML gives exactly what openpyxl gives, or gives up."""

from __future__ import annotations

import datetime
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from desktop.core.excel.export import write_workbook
from desktop.core.definitions import load_forms
from desktop.core.definitions.performance import load_performance_forms
from desktop.core.excel.import_ import _read, _read_own_values, _with_performance, read_workbook
from desktop.core.excel.reading import open_workbook
from desktop.core.excel.xlsx_values import read_values

sys.path.insert(0, str(Path(__file__).parent))
from layout_variants import Variant, build  # noqa: E402


def _same_as_openpyxl(path: Path) -> None:
    book = read_values(path)
    assert book is not None
    full = openpyxl.load_workbook(path, data_only=True)
    try:
        assert book.sheetnames == full.sheetnames
        for name in full.sheetnames:
            sheet, quick = full[name], book[name]
            for row in sheet.iter_rows():
                for cell in row:
                    got = quick.cell(cell.row, cell.column)
                    assert got.value == cell.value and type(got.value) is type(cell.value), (name, cell.coordinate)
                    if cell.value is not None:
                        assert got.number_format == cell.number_format, (name, cell.coordinate)
            assert [tuple(v for v in r) for r in quick.iter_rows(values_only=True)] == [
                tuple(v for v in r) for r in sheet.iter_rows(values_only=True)
            ] or sheet.max_row == 1
    finally:
        book.close()


def test_the_sample_export_reads_the_same(sample_ws, tmp_path):
    sample_ws.set_text("情况说明", "第一行\n第二行\t制表\u000b符 & <尖括号> “引号” x005F")
    sample_ws.set_empty_note("公开08", "  前后空格  ")
    path = tmp_path / "s.xlsx"
    write_workbook(sample_ws, path)
    _same_as_openpyxl(path)


def test_the_sample_with_its_self_evaluation_is_read_quickly_and_the_same(sample_ws, tmp_path):
    # The 绩效自评表 keep the decimals their cells show: the quick reader must know each format.
    assert sample_ws.performance.tables
    path = tmp_path / "s.xlsx"
    write_workbook(sample_ws, path)
    forms, performance = load_forms(), load_performance_forms()
    quick = _read_own_values(path, forms, performance)
    assert quick is not None
    book = open_workbook(path)
    full = _with_performance(book, performance, *_read(book, forms, path))
    assert quick[0].performance and quick[0] == full[0]
    assert [str(w) for w in quick[1]] == [str(w) for w in full[1]]


def test_the_seed_export_reads_the_same(seed004_ws, tmp_path):
    path = tmp_path / "004.xlsx"
    write_workbook(seed004_ws, path)
    _same_as_openpyxl(path)


@pytest.mark.parametrize("variant", [
    Variant(arrangement="one", blanks=True, figures="text", tail_lines=True, extra_sheet=True, codes="parts"),
    Variant(sangong="twelve", groups06=4, page_break=True, lanci="numbers"),
])
def test_other_layouts_read_the_same(sample_ws, tmp_path, variant):
    path = tmp_path / "v.xlsx"
    build(sample_ws, variant, path)
    _same_as_openpyxl(path)


def _chart_sheet(book) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.add_data(Reference(book["公开09"], min_col=2, min_row=8, max_row=9))
    book.create_chartsheet("图").add_chart(chart)


def test_formulas_dates_and_chart_sheets_are_left_to_openpyxl(sample_ws, tmp_path):
    path = tmp_path / "s.xlsx"
    write_workbook(sample_ws, path)
    for change in (
        lambda b: b["公开09"].cell(30, 30, "=1+1"),
        lambda b: b["公开09"].cell(30, 30, datetime.date(2024, 1, 2)),
        _chart_sheet,
    ):
        book = openpyxl.load_workbook(path)
        change(book)
        other = tmp_path / "other.xlsx"
        book.save(other)
        assert _read_own_values(other, load_forms(), load_performance_forms()) is None
        snapshot, _ = read_workbook(other)  # read all the same, by openpyxl
        assert snapshot.cells == read_workbook(path)[0].cells


def test_cells_written_without_an_address_are_placed_after_the_blank_before_them(sample_ws, tmp_path):
    """Excel may leave out a cell's address when it follows the one before; the quick reader passes
    over blank cells without reading theirs, and must still place the cell after one rightly."""
    path, bare = tmp_path / "样本.xlsx", tmp_path / "无地址.xlsx"
    write_workbook(sample_ws, path)
    dropped = 0
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                # Every other cell's address goes where Excel may leave it out: a cell right after
                # the one before it in its row (never a row's first), blanks and figures alike.
                seen, before = [0], [None]

                def every_other(m):
                    place = (m.group(3), column_index_from_string(m.group(2)))
                    follows = before[0] is not None and before[0][0] == place[0] and before[0][1] + 1 == place[1]
                    before[0] = place
                    if not follows:
                        return m.group(0)
                    seen[0] += 1
                    return m.group(1) + "<c" if seen[0] % 2 else m.group(0)

                text, _ = re.subn(r'(</c>|/>)<c r="([A-Z]+)([0-9]+)"', every_other, data.decode("utf-8"))
                dropped += (seen[0] + 1) // 2
                data = text.encode("utf-8")
            target.writestr(item, data)
    assert dropped > 1000
    _same_as_openpyxl(bare)
