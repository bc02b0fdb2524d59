"""Every figure typed, pasted or `set` is read to the exact intended figure in the workspace's unit, or refused."""

from __future__ import annotations

import pytest

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.workspace import EditError, Workspace

MEETING = CellRef("公开09", "决算数", "会议费")
NO = "refused"
BLANK = "blank"

# (typed, figure in a 万元 workspace, figure in a 元 workspace)
TABLE = [
    ("100", "100.00", "100.00"),
    ("0", "0.00", "0.00"),
    ("-0", "0.00", "0.00"),
    ("+12.5", "12.50", "12.50"),
    ("-12.5", "-12.50", "-12.50"),
    ("(12.50)", "-12.50", "-12.50"),
    ("△12.3", "-12.30", "-12.30"),
    ("▲ 12.3", "-12.30", "-12.30"),
    ("−7", "-7.00", "-7.00"),
    ("1,234.56", "1234.56", "1234.56"),
    ("1,234,567", "1234567.00", "1234567.00"),
    ("１２３．４", "123.40", "123.40"),
    ("１，２３４", "1234.00", "1234.00"),
    ("\u3000１２\n", "12.00", "12.00"),
    # a currency sign, as an accounting format exported to text leaves it (its zero "¥ -")
    ("¥1,234.56", "1234.56", "1234.56"),
    ("-￥5", "-5.00", "-5.00"),
    ("(¥5)", "-5.00", "-5.00"),
    ("¥ -", BLANK, BLANK),
    ("¥¥5", NO, NO),
    ("5¥", NO, NO),
    (" 5372. 50 ", "5372.50", "5372.50"),
    (".5", "0.50", "0.50"),
    ("5.", "5.00", "5.00"),
    ("", BLANK, BLANK),
    ("-", BLANK, BLANK),
    ("—", BLANK, BLANK),
    ("/", BLANK, BLANK),
    # units: read in the unit written, or refused with the figure to type; never in the other unit
    ("100万元", "100.00", NO),
    ("100 万元", "100.00", NO),
    ("100元", NO, "100.00"),
    ("100 元", NO, "100.00"),
    ("１００元", NO, "100.00"),
    ("1亿元", NO, NO),
    ("1,000万元", "1000.00", NO),
    ("(5)万元", "-5.00", NO),
    ("万元", NO, NO),
    ("元", NO, NO),
    ("12.345万元", NO, NO),
    ("100美元", NO, NO),
    ("100万", NO, NO),
    # separators
    ("12 34", NO, NO),
    ("５ ０", NO, NO),
    ("1 234.00", "1234.00", "1234.00"),  # a space grouping thousands exactly, as a comma does
    ("1 2345", NO, NO),
    ("12 345 6", NO, NO),
    ("12\u00a034", NO, NO),
    ("1,23", NO, NO),
    ("1234,567", NO, NO),
    ("1.234,5", NO, NO),
    (",123", NO, NO),
    ("1,2.3", NO, NO),
    ("12\t34", NO, NO),
    ("1.2.3", NO, NO),
    ("、", NO, NO),
    ("12、34", NO, NO),
    # exponents and other spellings of numbers
    ("1e3", NO, NO),
    ("1E3", NO, NO),
    ("1e-2", NO, NO),
    ("1e999999999999999999", NO, NO),
    ("inf", NO, NO),
    ("NaN", NO, NO),
    ("0x10", NO, NO),
    ("١٢٣", NO, NO),
    ("一百", NO, NO),
    ("12%", NO, NO),
    # signs
    ("--5", NO, NO),
    ("+-5", NO, NO),
    ("-(5)", NO, NO),
    ("△-5", NO, NO),
    ("5-", NO, NO),
    # decimals and size: what the exported workbook holds exactly
    ("1.005", NO, NO),
    ("0.001", NO, NO),
    ("9,999,999,999,999.99", "9999999999999.99", "9999999999999.99"),
    ("-9999999999999.99", "-9999999999999.99", "-9999999999999.99"),
    ("10000000000000", NO, NO),
    ("90,071,992,547,409.93", NO, NO),
    ("999,999,999,999,999.99", NO, NO),
]


def _read(ws: Workspace, text: str) -> str:
    try:
        value = ws.parse(MEETING, text)
    except EditError:
        return NO
    return BLANK if value is None else str(value)


@pytest.fixture(scope="module", params=["万元", "元"])
def workspace(request):
    ws = Workspace.create(None, {"单位名称": "测试单位", "年度": "2024", "金额单位": request.param})
    yield ws
    ws.close()


def test_the_table_is_large_enough():
    assert len(TABLE) >= 60


def test_every_typed_figure_is_read_exactly_or_refused(workspace):
    column = 1 if workspace.money_unit == "万元" else 2
    wrong = [(row[0], row[column], _read(workspace, row[0])) for row in TABLE if _read(workspace, row[0]) != row[column]]
    assert wrong == []


def test_a_figure_in_another_unit_names_the_figure_to_type(workspace):
    typed, meant = ("100元", "0.01") if workspace.money_unit == "万元" else ("100万元", "1000000")
    with pytest.raises(EditError, match=f"应填 {meant}，"):
        workspace.parse(MEETING, typed)


def test_a_figure_too_large_names_the_largest(workspace):
    with pytest.raises(EditError, match="9,999,999,999,999.99"):
        workspace.parse(MEETING, "10000000000000")


@pytest.mark.parametrize("typed", ["100元", "12 34", "1e3", "、"])
def test_set_refuses_and_writes_nothing(tmp_path, capsys, typed):
    path = tmp_path / "w.juesuan"
    Workspace.create(path, {"单位名称": "测试单位", "年度": "2024"}).close()
    before = path.read_bytes()
    assert main(["set", str(path), "公开09", "决算数", "会议费", typed]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert path.read_bytes() == before
