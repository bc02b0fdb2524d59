"""A figure is never compared with a table the user has not filled in (issue 12): every value cell
blank and no 空表说明 means “not entered”; in a table with any figure or a 空表说明 a blank is 0."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.definitions import CellRef
from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.draft import draft_with_gaps
from desktop.core.narrative.facts import unfilled_forms

SENTENCE = "十、机关运行经费支出情况说明\n2024年度机关运行经费预算263.27万元，支出决算526.15万元，完成预算的199.85%。"


@pytest.fixture
def ws(tables_only_ws):
    tables_only_ws.set_unit("选填表", "公开10")
    return tables_only_ws


def test_an_activated_table_not_filled_in_is_no_data_not_zero(ws):
    assert "公开10" in unfilled_forms(ws)
    review = review_narrative(ws, SENTENCE)
    assert review.findings == [], [nf.finding.message for nf in review.findings]
    assert [r.figure for r in review.no_data] == ["263.27万元", "526.15万元"]
    assert review.unfilled == ["公开10《部门决算公开相关信息统计表》"]
    assert "公开10《" in review.message() and "尚未填写，不据以核对" in review.message()


def test_a_blank_line_of_a_filled_table_is_zero(ws):
    ws.set_values([(CellRef("公开10", "政府采购支出总额", "数值"), Decimal("88.81"))])
    assert "公开10" not in unfilled_forms(ws)
    review = review_narrative(ws, SENTENCE)
    amounts = sorted(nf.finding.message.split("。")[0] for nf in review.findings if nf.finding.rule == "说明-金额")
    assert amounts == ["机关运行经费决算数：说明为 526.15 万元，表中为 0.00 万元",
                       "机关运行经费预算数：说明为 263.27 万元，表中为 0.00 万元"]
    assert review.unfilled == []


def test_an_empty_table_with_its_note_is_filled_with_zeros(ws):
    ws.set_empty_note("公开10", "本单位无机关运行经费、政府采购，故本表为空表")
    assert "公开10" not in unfilled_forms(ws)
    [nf] = [nf for nf in review_narrative(ws, "2024年度政府采购支出总额12.00万元。").findings]
    assert "表中为 0.00 万元" in nf.finding.message


def test_the_draft_asks_for_the_table_instead_of_writing_zeros(ws):
    draft = draft_with_gaps(ws)
    assert "公开10《" in draft.text and "该表尚未填写" in draft.text
    assert "机关运行经费预算0.00万元" not in draft.text
