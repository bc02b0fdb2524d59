"""Other regions' wording (issue 12): the phrasing corpus read as expected, each class of wording
solved in general, and what the check read reported."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from desktop.core.definitions import CellRef
from desktop.core.narrative.check import check_narrative, review_narrative
from narrative_seeds import FIXTURES, seed_workspace

PHRASINGS = tomllib.loads((FIXTURES / "narrative-phrasings.toml").read_text(encoding="utf-8"))["phrasing"]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    ws = seed_workspace("000", tmp_path_factory.mktemp("ws") / "000.juesuan")
    yield ws
    ws.close()


def test_the_corpus_has_three_phrasings_of_every_kind():
    kinds: dict[str, int] = {}
    for p in PHRASINGS:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    assert len(kinds) >= 13 and min(kinds.values()) >= 3, kinds


def _status(review, at: int) -> str:
    for status in ("checked", "no_data", "unread", "apart"):
        if any(r.start == at for r in getattr(review, status)):
            return status
    return "not read"


@pytest.mark.parametrize("phrasing", PHRASINGS, ids=[f"{p['kind']}:{p['text'][:24]}" for p in PHRASINGS])
def test_each_phrasing_is_read_as_expected(ws, phrasing):
    text, figure = phrasing["text"], phrasing["figure"]
    review = review_narrative(ws, text)
    assert review.findings == [], [nf.finding.message for nf in review.findings]
    at = text.index(figure) + next(i for i, ch in enumerate(figure) if ch.isdigit())  # past a lead-in
    assert _status(review, at) == phrasing["expect"]
    if "wrong" in phrasing:
        found = check_narrative(ws, text.replace(figure, phrasing["wrong"]))
        assert len(found) == 1, [nf.finding.message for nf in found]
        assert found[0].finding.severity == "错误"
        assert phrasing["name"] in found[0].finding.message


def test_total_said_for_the_years_income_names_the_figure_it_is(tmp_path):
    ws = seed_workspace("000", tmp_path / "ws.juesuan")
    try:
        ws.set_values([(CellRef("公开01", row, "决算数"), Decimal(v)) for row, v in (
            ("年初结转和结余", "12.00"), ("收入总计", "73699.35"), ("年末结转和结余", "12.00"), ("支出总计", "73699.35"))])
        [nf] = check_narrative(ws, "2024年度收支总计73,687.35万元。")
        assert "说明为 73,687.35 万元，表中为 73,699.35 万元" in nf.finding.message
        assert "说明的 73,687.35 是本年收入合计" in nf.finding.message
        assert check_narrative(ws, "2024年度收支总计73,699.35万元，本年收入合计73,687.35万元。") == []
    finally:
        ws.close()


def test_rates_truncated_are_rounding_and_complements_are_named(ws):
    # 会议费 53.41 ÷ 89.50 = 59.676%: “59%” is cut, not rounded; “40.32%” is its complement.
    base = "会议费预算89.5万元，支出决算53.41万元，完成预算的{}。"
    [cut] = check_narrative(ws, base.format("59%"))
    assert cut.finding.severity == "提示" and cut.finding.rounding and "截去了尾数" in cut.finding.message
    [complement] = check_narrative(ws, base.format("40.32%"))
    assert complement.finding.severity == "错误" and "100% 减去完成率" in complement.finding.message


def test_a_fund_scope_never_compares_a_bare_all_funds_name(ws):
    heading = "七、政府性基金预算财政拨款收入支出决算情况说明\n"
    [nf] = check_narrative(ws, heading + "2024年度基本支出5.00万元。")  # 公开07's, which is 0
    assert nf.finding.message.startswith("政府性基金预算财政拨款基本支出决算数：说明为 5.00 万元，表中为 0.00 万元")
    review = review_narrative(ws, heading + "2024年度年末结转和结余5.00万元。")  # no such line of 公开07
    assert review.findings == [] and [r.figure for r in review.unread] == ["5.00万元"]


def test_words_that_carry_a_fact(ws):
    said = "培训费预算125.98万元，支出决算53.15万元，决算数{}年初预算数。"
    assert check_narrative(ws, said.format("小于")) == []
    [nf] = check_narrative(ws, said.format("大于"))
    assert nf.finding.rule == "说明-自相矛盾" and "决算数 53.15 小于预算数 125.98" in nf.finding.message
    [nf] = check_narrative(ws, "会议费预算89.5万元，支出决算53.41万元，决算数与年初预算数无差异。")
    assert nf.finding.rule == "说明-自相矛盾"
    assert check_narrative(ws, "2024年度政府性基金预算财政拨款支出决算0万元。") == []
    [nf] = check_narrative(ws, "2024年度政府性基金预算财政拨款支出决算3.00万元。")
    assert "表中为 0.00 万元" in nf.finding.message


def test_the_unit_and_year_of_the_title_and_openings(ws):
    own = "第二部分 2024年度部门决算情况说明\n榆林市人力资源和社会保障局2024年度本年收入合计73,687.35万元。"
    assert check_narrative(ws, own) == []
    copied = own.replace("2024年度部门", "2023年度部门").replace("榆林市", "延安市")
    found = sorted(nf.finding.message for nf in check_narrative(ws, copied))
    assert found[0].startswith("单位名称写作“延安市人力资源和社会保障局”")
    assert found[1].startswith("说的是 2023 年度，工作区是 2024 年度")


def test_a_year_compared_with_or_beside_this_year_is_no_slip(ws):
    assert check_narrative(ws, "较2023年度决算数增加0.78万元，增长10.8%。") == []
    beside = "2024年度本年收入合计73,687.35万元。2023年度本年收入合计70,000.00万元，其中：基本支出1.00万元。"
    assert not [nf for nf in check_narrative(ws, beside) if "工作区是" in nf.finding.message]
    alone = "2023年度本年收入合计70,000.00万元。"
    [nf] = check_narrative(ws, alone)  # a text copied from last year: its figure is not read as this year's
    assert nf.finding.message.startswith("说的是 2023 年度，工作区是 2024 年度")


def test_a_subject_named_under_another_class(ws):
    text = "1. 卫生健康支出（类）进修及培训（款）培训支出（项）。年初预算125.98万元，支出决算53.15万元。"
    [nf] = check_narrative(ws, text)
    assert nf.finding.rule == "说明-科目名称" and "教育支出（类）进修及培训（款）培训支出（项）" in nf.finding.message


def test_a_narrative_with_no_figure_says_so(ws):
    review = review_narrative(ws, "一、收入支出决算总体情况说明\n本部门无此事项。")
    assert review.figures == 0 and review.message().startswith("情况说明中没有可识别的金额")



# 2,818.24 ÷ 2,700.00 = 104.3793…%: cut, 104.37 and 104.3; rounded, 104.38 and 104.4.
ITEM = ("1.人力资源和社会保障管理事务（款）行政运行（项）。年初预算2,700.00万元，支出决算2,818.24万元，"
        "完成年初预算的{}。")
SHARE = "一般公共预算财政拨款基本支出中，人员经费4,866.43万元，占一般公共预算财政拨款基本支出的{}。"  # 89.7565…%


@pytest.fixture(scope="module")
def budgeted(tmp_path_factory):
    ws = seed_workspace("000", tmp_path_factory.mktemp("ws") / "000.juesuan")
    ws.set_values([(CellRef("年初预算", "2080101", "年初预算数"), Decimal("2700.00"))])
    yield ws
    ws.close()


@pytest.mark.parametrize("text, stated", [(ITEM, "104.37%"), (SHARE, "89.75%")])
def test_a_rate_cut_at_two_decimals_is_right(budgeted, text, stated):
    # Within ±0.01 of the exact rate a percentage is right (DOMAIN §3), cut or rounded: nothing to say.
    assert check_narrative(budgeted, text.format(stated)) == []


@pytest.mark.parametrize("text, stated", [(ITEM, "104.3%"), (SHARE, "89.7%")],
                         ids=["rate one decimal", "share one decimal"])
def test_a_rate_cut_past_its_rounding_is_a_rounding_note(budgeted, text, stated):
    [nf] = check_narrative(budgeted, text.format(stated))
    assert nf.finding.severity == "提示" and nf.finding.rounding
    assert f"说明为 {stated[:-1]}%" in nf.finding.message and "截去了尾数而未四舍五入（尾差）" in nf.finding.message


@pytest.mark.parametrize("text, stated", [(ITEM, "104.38%"), (ITEM, "104.4%"), (SHARE, "89.76%"), (SHARE, "89.8%")])
def test_a_rounded_rate_is_right(budgeted, text, stated):
    assert check_narrative(budgeted, text.format(stated)) == []


def test_a_rate_neither_rounded_nor_cut_is_an_error(budgeted):
    for wrong in ("104.39%", "104.36%", "104.2%", "105%"):
        [nf] = check_narrative(budgeted, ITEM.format(wrong))
        assert nf.finding.severity == "错误" and "截去" not in nf.finding.message, wrong


def test_a_complement_or_a_rate_given_as_a_share_is_an_error_that_says_what_it_is(ws):
    # 劳动保障监察: 14.58 ÷ 78 = 18.69%; 81% (whole) and 81.31% are 100% less the rate.
    item = "1.人力资源和社会保障管理事务（款）劳动保障监察（项）。年初预算78万元，支出决算14.58万元，完成年初预算的{}。"
    for stated in ("81%", "81.31%", "81.3%"):
        [nf] = check_narrative(ws, item.format(stated))
        assert nf.finding.severity == "错误" and "100% 减去完成率（81.31%）" in nf.finding.message, stated
    # 住房保障支出（类）: 422.79 of 一般公共预算财政拨款支出 is 0.57%; 108.92% is its completion rate.
    [nf] = check_narrative(ws, "住房保障支出（类）422.79万元，占一般公共预算财政拨款支出的108.92%。")
    assert nf.finding.severity == "错误"
    assert "说明的 108.92% 是完成率（决算数 ÷ 预算数），不是占比" in nf.finding.message
