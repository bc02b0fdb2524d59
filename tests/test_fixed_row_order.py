"""公开01/04's fixed rows printed in another order than the form's: each row is named by its label; where
one label names two rows (公开04's 一般公共预算财政拨款, an income item and a part of 年初财政拨款结转和结余),
the rows' place no longer tells which, and the table's own sums decide, or a warning names the cell."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from desktop.core.definitions import CellRef
from desktop.core.excel.import_ import read_workbook
from factory import imported_workspace
from layout_random import Shape, reshaper
from layout_variants import Variant, measure

SHUFFLED = Shape(fixed_order="shuffled")


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("words", ["收入", "bare", "bare_all"])
def test_fixed_rows_in_another_order_import_to_their_rows(consistent_ws, tmp_path, seed, words):
    variant = Variant(income_words=words)
    m = measure(consistent_ws, variant, tmp_path, f"{seed}_", reshaper(variant, SHUFFLED, seed))
    assert m.ok, f"placed {m.placed}/{m.present} wrong {m.wrong[:3]} false 错误 {m.false_errors[:3]} {m.failure}"


def _put(sheet, r, values):
    for c, value in enumerate(values, start=1):
        if value is not None:
            sheet.cell(r, c, value)


# 公开04 as the national layout prints it (income items without 收入), the items and the three kinds under
# 年初财政拨款结转和结余 each in another order than the form's. Every sum of the table holds.
_HEAD = [
    ["财政拨款收入支出决算总表"],
    ["编制单位：某某局", None, None, None, None, None, None, "金额单位：万元"],
    ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
]


def _fiscal_book(path, income, opening, closing, totals=("125.00", "13.00", "138.00"), spent=("110.00", "22.00", "6.00")):
    """公开04 on one sheet, no 行次: `income` and `opening` as (label, figure) in their printed order, `closing`
    the 年末 row's four figures, `totals` 本年收入合计, 年初财政拨款结转和结余 and 总计, `spent` 支出总计's kinds."""
    book = openpyxl.Workbook()
    s = book.active
    for r, row in enumerate(_HEAD, start=1):
        _put(s, r, row)
    income_total, opening_total, total = totals
    body = [
        [*income[0], "一、一般公共服务支出"],
        [*income[1], "八、社会保障和就业支出", "120.00", "95.00", "20.00", "5.00"],
        [*income[2]],
        ["本年收入合计", income_total, "本年支出合计", "120.00", "95.00", "20.00", "5.00"],
        ["年初财政拨款结转和结余", opening_total, "年末财政拨款结转和结余", *closing],
        [*opening[0]], [*opening[1]], [*opening[2]],
        ["总计", total, "总计", total, *spent],
    ]
    for r, row in enumerate(body, start=4):
        # 行次 columns printed empty: B and E.
        _put(s, r, [row[0], None, row[1], *([row[2], None, *row[3:]] if len(row) > 2 else [])])
    book.save(path)
    return path


def _own_errors(snapshot, tmp_path) -> list[str]:
    ws = imported_workspace(snapshot, tmp_path / "ws.juesuan")
    try:  # the table's own sums; the tables this workbook leaves out are another matter
        return [f.key for f in ws.findings() if f.severity == "错误" and f.key.split("::")[0] in {
            f"公开04-{n:02d}" for n in range(1, 11)}]
    finally:
        ws.close()


def test_a_label_two_rows_bear_goes_where_the_sums_hold(tmp_path):
    path = _fiscal_book(
        tmp_path / "t.xlsx",
        income=[("二、政府性基金预算财政拨款", "20.00"), ("一、一般公共预算财政拨款", "100.00"),
                ("三、国有资本经营预算财政拨款", "5.00")],
        opening=[("国有资本经营预算财政拨款", "1.00"), ("一般公共预算财政拨款", "10.00"), ("政府性基金预算财政拨款", "2.00")],
        closing=["18.00", "15.00", "2.00", "1.00"],
    )
    snapshot, warnings = read_workbook(path)
    fiscal = {ref.row: v for ref, v in snapshot.cells.items() if ref.form == "公开04" and ref.col == "金额"}
    assert fiscal == {
        "一般公共预算财政拨款收入": Decimal("100.00"), "政府性基金预算财政拨款收入": Decimal("20.00"),
        "国有资本经营预算财政拨款收入": Decimal("5.00"), "本年收入合计": Decimal("125.00"),
        "年初财政拨款结转和结余": Decimal("13.00"), "年初财政拨款结转和结余/一般公共预算财政拨款": Decimal("10.00"),
        "年初财政拨款结转和结余/政府性基金预算财政拨款": Decimal("2.00"),
        "年初财政拨款结转和结余/国有资本经营预算财政拨款": Decimal("1.00"), "收入总计": Decimal("138.00"),
    }
    said = [str(w) for w in warnings if "按表内合计读作" in str(w)]
    assert "“Sheet”工作表 C5：“一、一般公共预算财政拨款”可指公开04的 一般公共预算财政拨款收入、年初财政拨款结转和结余/一般公共预算财政拨款，" \
           "此表这几行的次序与公开04不同，按所在位置无法确定；按表内合计读作 一般公共预算财政拨款收入（只有这样读，表内合计才相符），请核对" in said
    assert _own_errors(snapshot, tmp_path) == []


def test_rows_the_sums_cannot_tell_apart_are_named_not_guessed(tmp_path):
    # 一般 100 over 10 and 政府性基金 2 over 92: read either way round, every sum of the table holds alike.
    path = _fiscal_book(
        tmp_path / "t.xlsx",
        income=[("三、国有资本经营预算财政拨款", "23.00"), ("一、一般公共预算财政拨款", "100.00"),
                ("二、政府性基金预算财政拨款", "2.00")],
        opening=[("政府性基金预算财政拨款", "92.00"), ("一般公共预算财政拨款", "10.00"), ("国有资本经营预算财政拨款", None)],
        closing=["107.00", "15.00", "74.00", "18.00"], totals=("125.00", "102.00", "227.00"), spent=("110.00", "94.00", "23.00"),
    )
    snapshot, warnings = read_workbook(path)
    for row in ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "年初财政拨款结转和结余/一般公共预算财政拨款",
                "年初财政拨款结转和结余/政府性基金预算财政拨款"):
        assert CellRef("公开04", row, "金额") not in snapshot.cells
    assert snapshot.cells[CellRef("公开04", "国有资本经营预算财政拨款收入", "金额")] == Decimal("23.00")
    texts = [str(w) for w in warnings]
    assert ("“Sheet”工作表 C5：“一、一般公共预算财政拨款”可指公开04的 一般公共预算财政拨款收入、"
            "年初财政拨款结转和结余/一般公共预算财政拨款，此表这几行的次序与公开04不同，按所在位置无法确定是哪一行，"
            "数字 100.00 未导入") in texts
    assert not [t for t in texts if "按表内合计读作" in t]


def test_a_first_row_without_figures_is_a_row_not_a_header_line(tmp_path):
    # No 栏次 and no 行次 under the header, and the first rows print no figure (a unit with no 财政拨款):
    # “一、…” numbers a body row, which a header line never is.
    book = openpyxl.Workbook()
    s = book.active
    rows = [
        ["收入支出决算总表"],
        ["编制单位：某某中心", None, "金额单位：万元"],
        ["项目", "金额", "项目", "金额"],
        ["一、一般公共预算财政拨款收入", None, "一、一般公共服务支出"],
        ["二、政府性基金预算财政拨款收入", None, "二、外交支出"],
        ["五、事业收入", "300.00", "八、社会保障和就业支出", "280.00"],
        ["本年收入合计", "300.00", "本年支出合计", "280.00"],
        ["使用非财政拨款结余（含专用结余）", None, "结余分配"],
        ["年初结转和结余", "10.00", "年末结转和结余", "30.00"],
        ["总计", "310.00", "总计", "310.00"],
    ]
    for r, row in enumerate(rows, start=1):
        _put(s, r, row)
    book.save(tmp_path / "t.xlsx")
    snapshot, _ = read_workbook(tmp_path / "t.xlsx")
    assert {ref.row: v for ref, v in snapshot.cells.items() if ref.form == "公开01"} == {
        "事业收入": Decimal("300.00"), "本年收入合计": Decimal("300.00"), "年初结转和结余": Decimal("10.00"),
        "收入总计": Decimal("310.00"), "社会保障和就业支出": Decimal("280.00"), "本年支出合计": Decimal("280.00"),
        "年末结转和结余": Decimal("30.00"), "支出总计": Decimal("310.00"),
    }
