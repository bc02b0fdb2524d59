"""Wording from other regions, generated from a workspace's own figures (tests/narrative_variants.py):
every class of sentence and every way of writing an amount is read, never flagged when right, and
flagged when one figure or word is changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.narrative.check import check_narrative, review_narrative
from desktop.core.narrative.numbers import normalize, read_figures
from narrative_seeds import seed_workspace
from narrative_variant_tally import measure, new_tally, totals
from narrative_variants import AMOUNT_STYLES, variants, with_last_year


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    ws = seed_workspace("000", tmp_path_factory.mktemp("ws") / "000.juesuan")
    with_last_year(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def generated(ws):
    return variants(ws)


def test_every_class_and_style_is_generated_from_the_workspace(ws, generated):
    classes = {v.cls for v in generated}
    assert {"收支总计", "收入构成", "支出构成", "财政拨款总计", "一般公共预算支出", "支出结构（类）",
            "预算完成（项）", "基本支出", "三公经费", "会议费培训费", "绩效"} <= classes
    assert {v.style for v in generated} == set(AMOUNT_STYLES)
    # The figures are the workspace's: 本年收入合计 as written in each style.
    totals = [normalize(v.text) for v in generated if v.cls == "收入构成" and "本年收入合计" in v.text]
    assert any("73,687.35万元" in t for t in totals) and any("7.37亿元" in t for t in totals)
    assert any("736,873,500.00元" in t for t in totals) and any("73687.35万," in t for t in totals)
    assert any("\uff17\uff13" in v.text for v in generated)  # full-width digits among them


def test_correct_variants_are_read_and_never_flagged(ws, generated):
    tally = new_tally()
    measure(ws, generated, tally, mutate=False)
    total = totals(tally)
    assert total["false"] == 0, tally["false_examples"][:3]
    assert total["silent"] == 0 and total["unread"] == 0, (tally["examples_silent"] + tally["examples_unread"])[:3]
    assert total["read"] >= 0.99 * total["written"] and total["written"] > 1000


def test_one_changed_figure_or_word_is_an_error(ws, generated):
    tally = new_tally()
    measure(ws, generated[::9], tally, mutate=True)
    total = totals(tally)
    assert total["mutations"] > 150
    assert total["caught"] == total["mutations"], tally["examples_missed"][:3]


def test_a_bare_wan_is_money_but_a_wan_of_people_is_not():
    [money] = read_figures("支出决算1,234.56万，占")
    assert (money.value, money.unit) == (Decimal("1234.56"), "万元")
    assert all(f.unit == "" for f in read_figures("服务3.5万人，面积1.2万平方米"))


def test_an_amount_in_yi_is_right_within_its_rounding_and_wrong_beyond(ws):
    assert check_narrative(ws, "2024年度本年收入合计7.37亿元。") == []  # 73,687.35 万元
    [nf] = check_narrative(ws, "2024年度本年收入合计7.47亿元。")
    assert nf.finding.severity == "错误" and "表中为 73,687.35 万元" in nf.finding.message


def test_a_semicolon_keeps_the_funds_and_the_change_of_its_sentence(ws):
    # 财政拨款支出总计 is 公开04's; the rate after “；” is checked against the change before it.
    text = "2024年度财政拨款收入总计73,687.35万元；支出总计73,687.35万元；同比增加7,370.10万元；增长{}。"
    assert check_narrative(ws, text.format("11.11%")) == []
    [nf] = check_narrative(ws, text.format("12.11%"))
    assert nf.finding.rule == "说明-增减" and "应为 11.11%" in nf.finding.message


def test_a_change_of_a_share_in_points_is_checked_against_last_year(ws):
    # 人员经费 4,866.43 of 5,421.81 (89.757%); last year 4,378.42 of 4,878.26 (89.753%)
    book_text = "人员经费4,866.43万元，占一般公共预算财政拨款基本支出的89.76%，较上年提高{}个百分点。"
    review = review_narrative(ws, book_text.format("0.01"))
    assert review.findings == [] and len(review.checked) == 3
    [nf] = check_narrative(ws, book_text.format("1.20"))
    assert nf.finding.rule == "说明-占比" and "个百分点" in nf.finding.message
    # Of a completion rate the tables hold no last year: listed as unread, never compared.
    review = review_narrative(ws, "一般公共预算财政拨款支出完成年初预算的996.15%，较上年提高3.2个百分点。")
    assert review.findings == [] and [r.figure for r in review.unread] == ["3.2个百分点"]


def test_a_rate_of_change_alone_a_bare_share_and_an_increase_rate_word(ws):
    # 收入总计 73,687.35 against last year's 66,317.25: 11.11 %.
    assert check_narrative(ws, "2024年度收入总计73,687.35万元，比上年增长11.11%。") == []
    [nf] = check_narrative(ws, "2024年度收入总计73,687.35万元，比上年增长12.11%。")
    assert nf.finding.rule == "说明-增减" and "应为 11.11%" in nf.finding.message
    [nf] = check_narrative(ws, "2024年度收支总计73,687.35万元，较上年增加7,370.10万元，增幅21.11%。")
    assert "应为 11.11%" in nf.finding.message
    assert check_narrative(ws, "基本支出5,421.81万元，占比7.36%。") == []
    [nf] = check_narrative(ws, "基本支出5,421.81万元，占比8.36%。")
    assert nf.finding.rule == "说明-占比" and "本年支出合计" in nf.finding.message
