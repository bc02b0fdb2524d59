"""Odd cell content on import: numbers no table holds refuse the workbook; what is no number is warned, never guessed."""

from __future__ import annotations

import datetime
import re
import time
import zipfile

import openpyxl
import pytest

from desktop.cli.main import main
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import ExcelError, read_workbook, write_workspace
from desktop.core.excel.meta import SHEET


def _export(ws, path, *, hidden: bool):
    write_workbook(ws, path)
    wb = openpyxl.load_workbook(path)
    if not hidden:
        del wb[SHEET]  # read by headers and row names, as a workbook made elsewhere
    return wb


def _figure_cell(wb):
    """The first figure printed on 公开05 (a typed one, so the own reader takes it as it stands)."""
    return next(c for row in wb["公开05"].iter_rows(min_row=5) for c in row if isinstance(c.value, (int, float)))


@pytest.mark.parametrize("hidden", [True, False], ids=["own", "foreign"])
@pytest.mark.parametrize("value", [1e300, -1e300, "-1e400", "1e300", 12345678901234567890, "99999999999999999999"])
def test_a_number_no_table_holds_refuses_the_workbook_naming_sheet_and_cell(sample_ws, tmp_path, hidden, value):
    path = tmp_path / "extreme.xlsx"
    wb = _export(sample_ws, path, hidden=hidden)
    cell = _figure_cell(wb)
    cell.value = value
    wb.save(path)
    with pytest.raises(ExcelError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert str(path) in message and "工作表“公开05”" in message and f"单元格 {cell.coordinate}" in message
    assert "超出可填报的范围" in message or "不是有效的数字" in message


@pytest.mark.parametrize("hidden", [True, False], ids=["own", "foreign"])
@pytest.mark.parametrize(
    "value, why",
    [
        # openpyxl saves a formula without its value; one beyond SUM and + − is not computed
        ("=PRODUCT(A1:A3)", "没有保存计算结果"),
        ("inf", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("#REF!", "错误值 #REF!"),
        (True, "逻辑值 TRUE"),
        (datetime.datetime(2024, 1, 31), "日期"),
        ("12\t34\n5", "不是有效的数字"),
        ("12_x000B_34", "不是有效的数字"),  # how Excel spells a control character in a cell
        ("七" * 32_000, "不是有效的数字"),
        ("1,23", "千位分隔符"),
    ],
)
def test_what_is_no_number_is_warned_never_guessed(sample_ws, tmp_path, hidden, value, why):
    path = tmp_path / "odd.xlsx"
    wb = _export(sample_ws, path, hidden=hidden)
    cell = _figure_cell(wb)
    cell.value = value
    if isinstance(value, str) and value.startswith("=") and hidden:
        assert cell.data_type == "f"
    wb.save(path)
    snapshot, warnings = read_workbook(path)
    mine = [w for w in warnings if w.sheet == "公开05" and w.cell == cell.coordinate]
    assert len(mine) == 1 and why in mine[0].reason and len(mine[0].reason) < 200, warnings
    write_workspace(snapshot, tmp_path / "back.juesuan")


def _rewrite_cell(path, wb, sheet: str, coordinate: str, inner: str) -> None:
    """Puts raw XML in a cell, as programs other than openpyxl write it (openpyxl keeps no formula values)."""
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"  # openpyxl numbers parts in order
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[part].decode()
    start = xml.index(f'<c r="{coordinate}"')
    end = xml.index("</c>", start) + 4
    style = re.search(r's="(\d+)"', xml[start:end])
    parts[part] = (xml[:start] + f'<c r="{coordinate}" s="{style.group(1) if style else 0}">{inner}</c>' + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_a_formula_with_its_value_saved_is_read_as_that_value(tmp_path, sample_ws):
    """What Excel shows is what is imported; only formulas never calculated are warned."""
    path = tmp_path / "calc.xlsx"
    wb = _export(sample_ws, path, hidden=True)
    cell = _figure_cell(wb)
    _rewrite_cell(path, wb, "公开05", cell.coordinate, f"<f>SUM(1,2)</f><v>{cell.value}</v>")
    snapshot, warnings = read_workbook(path)
    assert warnings == []
    assert snapshot == read_workbook(tmp_path / "calc.xlsx")[0]


@pytest.mark.parametrize("raw", ["inf", "-inf", "NaN", "1e400", "-1.5E+300", "1.5e400"])
def test_a_number_cell_holding_no_usable_number_refuses_the_workbook(tmp_path, sample_ws, raw):
    path = tmp_path / "raw.xlsx"
    wb = _export(sample_ws, path, hidden=True)
    cell = _figure_cell(wb)
    _rewrite_cell(path, wb, "公开05", cell.coordinate, f"<v>{raw}</v>")
    with pytest.raises(ExcelError) as caught:
        read_workbook(path)
    # openpyxl reads "inf" without a point or exponent as an integer and fails: a damaged file,
    # which no spreadsheet program writes. The others are read, and named to the cell.
    where = "已损坏" if raw in ("inf", "-inf", "NaN") else f"工作表“公开05”单元格 {cell.coordinate}"
    assert str(path) in str(caught.value) and where in str(caught.value)


def test_cli_import_of_an_extreme_number_exits_2_and_writes_nothing(sample_ws, tmp_path, capsys):
    path = tmp_path / "extreme.xlsx"
    wb = _export(sample_ws, path, hidden=True)
    cell = _figure_cell(wb)
    cell.value = 1e300
    wb.save(path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["import", str(path), "-o", str(out / "new.juesuan")]) == 2
    err = capsys.readouterr().err
    assert "extreme.xlsx" in err and "公开05" in err and cell.coordinate in err
    assert list(out.iterdir()) == []


def test_a_10000_row_sheet_imports_in_seconds(sample_ws, tmp_path):
    path = tmp_path / "big.xlsx"
    wb = _export(sample_ws, path, hidden=False)
    sheet = wb["公开05"]
    top = sheet.max_row + 2
    for r in range(top, top + 10_000):
        sheet.cell(r, 1, f"第{r}行")
        for c in range(2, 8):
            sheet.cell(r, c, r * 1.25)
    wb.save(path)
    start = time.perf_counter()
    snapshot, warnings = read_workbook(path)
    write_workspace(snapshot, tmp_path / "big.juesuan")
    assert time.perf_counter() - start < 10
    assert len([w for w in warnings if w.sheet == "公开05"]) >= 10_000  # each unplaced figure is reported
