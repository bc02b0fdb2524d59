"""What is in a cell: totals saved as formulas without a value computed (SUM, + −, nested), never a
guess; figures stored with more decimals than shown read as shown, with one warning a workbook."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktop.core.excel.export import write_workbook
from desktop.core.excel.formulas import compute
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.meta import SHEET
from desktop.core.excel.shown_values import shown_decimals

VALUES = {(1, 1): 1.1, (1, 2): 2.2, (2, 1): "文字", (2, 2): 3, (3, 1): True}


@pytest.mark.parametrize("formula, value", [
    ("=SUM(A1:B2)", "6.3"),  # text in a range counts for nothing, as in Excel
    ("=A1+B1-2", "1.3"),
    ("=SUM(A1,$B$2,(A1-B1))", "3.0"),
    ("= -A1 + 10", "8.9"),
    ("=sum(A1:A1)+A9", "1.1"),  # a blank is 0
    ("=C1+C2", "7.6"),  # other uncalculated formulas, computed first
])
def test_sums_and_differences_are_computed(formula, value):
    formulas = {(1, 3): "=SUM(A1:B2)", (2, 3): "=A1+B1-2", (9, 9): formula}
    assert compute(formulas, VALUES)[(9, 9)] == Decimal(value)


@pytest.mark.parametrize("formula", [
    "=A1*2", "=A1/2", "=ROUND(A1,2)", "=Sheet2!A1", "='公开02'!C7", "=SUM(A:A)", "=A2+1", "=A3+1",
    "=I9", "=J9", "=SUM(", "=1+", "=A1 B1", "=1E999999*0", "=SUM(A1:XFD1048576)",
])
def test_anything_else_is_left_uncomputed(formula):
    # I9 refers to itself, J9 to I9: a cycle computes nothing.
    assert (9, 9) not in compute({(9, 9): formula, (9, 10): "=I9"}, VALUES)


@pytest.mark.parametrize("number_format, places", [
    ("0.00", 2), ("#,##0.00", 2), ("#,##0.00_);[Red](#,##0.00)", 2), ("0", 0), ('0.0"万元"', 1),
    ("General", None), ("@", None), ("0.00%", None), ("0.00E+00", None), ("yyyy-mm-dd", None), ("", None),
])
def test_decimals_a_format_shows(number_format, places):
    assert shown_decimals(number_format) == places


def _foreign(sample_ws, path):
    write_workbook(sample_ws, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]  # read by its layout, as another program's workbook
    return book


def _figures(book, sheet="公开05"):
    return [c for row in book[sheet].iter_rows() for c in row if isinstance(c.value, (int, float)) and c.value > 1]


def test_uncalculated_totals_are_computed(sample_ws, tmp_path):
    path = tmp_path / "formulas.xlsx"
    want, _ = read_workbook(_exported(sample_ws, tmp_path))
    book = _foreign(sample_ws, path)
    sheet = book["公开05"]
    total = next(c for c in _figures(book) if c.row > 6)  # the 合计 row's first figure
    letter = total.column_letter
    classes = [r for r in range(total.row + 1, sheet.max_row + 1)
               if len(str(sheet.cell(r, 1).value or "").strip()) == 3 and sheet.cell(r, total.column).value is not None]
    added = sum(Decimal(repr(sheet.cell(r, total.column).value)) for r in classes)  # 尾差 and all
    first = sheet.cell(classes[0], total.column)
    first.value = f"={first.value}+0"  # a formula the total reads
    total.value = f"=SUM({letter}{classes[0]}:{letter}{classes[0]})" + "".join(f"+{letter}{r}" for r in classes[1:])
    book.save(path)
    got, warnings = read_workbook(path)
    changed = {ref: v for ref, v in got.cells.items() if want.cells.get(ref) != v}
    assert [(ref.form, ref.row, value) for ref, value in changed.items()] == [("公开05", "合计", added)]
    assert not [w for w in warnings if "公式" in w.reason]


def _exported(sample_ws, tmp_path):
    path = tmp_path / "plain.xlsx"
    _foreign(sample_ws, tmp_path / "x.xlsx").save(path)
    return path


def test_figures_stored_with_more_decimals_read_as_shown_with_one_warning(sample_ws, tmp_path):
    path = tmp_path / "unrounded.xlsx"
    want, _ = read_workbook(_exported(sample_ws, tmp_path))
    book = _foreign(sample_ws, path)
    changed = 0
    for sheet in ("公开02", "公开05"):
        for cell in _figures(book, sheet):
            cell.number_format = "#,##0.00"
            cell.value = float(Decimal(repr(cell.value)) + Decimal("0.0049"))  # still shows the same cents
            changed += 1
    book.save(path)
    got, warnings = read_workbook(path)
    assert got.cells == want.cells
    shown = [w for w in warnings if "小数位多于显示的" in w.reason]
    assert len(shown) == 1 and f"{changed} 个数字" in shown[0].reason


def test_a_figure_shown_in_general_format_is_not_rounded(sample_ws, tmp_path):
    path = tmp_path / "general.xlsx"
    book = _foreign(sample_ws, path)
    cell = _figures(book)[0]
    cell.number_format = "General"
    cell.value = 12.3456
    book.save(path)
    _, warnings = read_workbook(path)
    assert [w for w in warnings if w.cell == cell.coordinate and w.sheet == "公开05"]  # named, not guessed


def test_a_float_is_read_as_excel_holds_it_to_fifteen_significant_digits():
    """A sum's float (what another program saved for =A1+A2) is the figure Excel shows, not a
    figure with more decimals than the table takes."""
    from desktop.core.excel.reading import as_excel_shows, figure_of

    assert as_excel_shows(73687.35000000001) == Decimal("73687.35")
    assert figure_of(0.1 + 0.2, 2, "公开01", "C7") == Decimal("0.30")
    assert as_excel_shows(123456789012.34) == Decimal("123456789012.34")
    assert as_excel_shows(-5.0) == Decimal("-5.0") and as_excel_shows(0.0) == 0
