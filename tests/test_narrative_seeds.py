"""The checker measured on two real published 情况说明 (DOMAIN.md §5): their mistakes found, nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.narrative.check import check_narrative
from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.numbers import read_figures
from narrative_seeds import narrative, seed_workspace, unknown_tables_workspace

# Every finding the checker gives on each document, each a true mistake of the document.
EXPECTED = {
    "000": [
        # 九（二）培训费: a rate written in an amount's place (the difference is 53.15 − 125.98 = −72.83).
        ("说明-自相矛盾", "42.19%万元", "决算数较预算数减少42.19%万元", Decimal("-72.83"), Decimal("-42.19")),
        # 十三（三）机关运行: its 项目绩效自评表 says 执行数 146.49, 执行率 57.45%.
        ("说明-绩效自评", "247.78万元", "机关运行项目支出绩效自评综述", Decimal("146.49"), Decimal("247.78")),
        ("说明-绩效自评", "97.16%", "机关运行项目支出绩效自评综述", Decimal("57.45"), Decimal("97.16")),
    ],
    "004": [
        # 九（二）培训费: 预算 0.3, 决算 0.28 stated just before, so the difference is 0.02, not 0.2.
        ("说明-自相矛盾", "0.2万元", "决算数较预算数减少0.2万元", Decimal("-0.02"), Decimal("-0.20")),
    ],
}


@pytest.fixture(params=["000", "004"])
def seed(request, tmp_path):
    ws = seed_workspace(request.param, tmp_path / f"{request.param}.juesuan")
    yield request.param, ws, narrative(request.param)
    ws.close()


def test_real_mistakes_found_and_no_false_alarm(seed):
    name, ws, text = seed
    found = check_narrative(ws, text)
    got = [
        (nf.finding.rule, text[nf.figure_start:nf.figure_end], nf.sentence, nf.finding.expected, nf.finding.actual)
        for nf in found
    ]
    assert len(got) == len(EXPECTED[name]), got
    for (rule, figure, sentence, expected, actual), want in zip(got, EXPECTED[name]):
        assert (rule, figure) == want[:2]
        assert want[2] in sentence
        assert (expected, actual) == want[3:]


def test_findings_select_their_sentence(seed):
    _, ws, text = seed
    for nf in check_narrative(ws, text):
        assert text[nf.start:nf.end] == nf.sentence
        assert nf.start <= nf.figure_start < nf.figure_end <= nf.end
        assert nf.finding.form == "情况说明" and nf.finding.severity == "错误"


def _item_figures(text: str):
    """The figures of the 项 sentences (年初预算A，支出决算B，完成年初预算的C%)."""
    for figure in read_figures(text):
        line = text[text.rfind("\n", 0, figure.start) + 1:text.find("\n", figure.end)]
        if "（项）" in line and (figure.is_amount or figure.is_percent):
            yield figure


def test_changing_one_figure_of_an_item_sentence_gives_one_finding_on_it(seed):
    name, ws, text = seed
    before = {(nf.finding.rule, nf.sentence) for nf in check_narrative(ws, text)}
    figures = list(_item_figures(text))
    assert len(figures) >= (45 if name == "000" else 20)
    for figure in figures:
        changed = figure.value + (Decimal("5.00") if figure.is_percent else Decimal("0.10"))
        new_text = text[:figure.start] + f"{changed}{figure.unit}" + text[figure.end:]
        new = [nf for nf in check_narrative(ws, new_text) if (nf.finding.rule, nf.sentence) not in before]
        assert len(new) == 1, (text[figure.start:figure.end], [nf.finding.message for nf in new])
        assert new[0].figure_start == figure.start
        assert new[0].finding.actual == changed


@pytest.mark.parametrize(
    "seed_name, old, new, rule, name",
    [
        ("000", "基本支出5,421.81万元，占7.36%", "基本支出5,421.81万元，占7.63%", "说明-占比", "基本支出"),
        ("000", "（二）公用经费555.39万元", "（二）公用经费565.39万元", "说明-金额", "公用经费"),
        ("000", "“三公”经费支出预算2.57万元", "“三公”经费支出预算2.75万元", "说明-金额", "“三公”经费"),
        ("000", "完成年初预算的996.15%", "完成年初预算的996.51%", "说明-完成率", "一般公共预算财政拨款支出"),
        ("000", "均增加6,141.18万元，增长9.09%", "均增加6,141.18万元，增长9.19%", "说明-增减", "增减率"),
        ("000", "会议费预算89.5万元，支出决算53.41万元", "会议费预算89.5万元，支出决算58.41万元", "说明-金额", "会议费"),
        ("004", "政府采购货物支出44.56万元", "政府采购货物支出45.56万元", "说明-金额", "政府采购货物支出"),
        ("004", "机关运行经费预算8.8万元", "机关运行经费预算9.8万元", "说明-金额", "机关运行经费"),
        ("004", "其中：财政拨款收入691.29万元", "其中：财政拨款收入619.29万元", "说明-金额", "财政拨款收入"),
        ("004", "基本支出108.04万元，占15.63%", "基本支出108.04万元，占16.53%", "说明-占比", "基本支出"),
        ("004", "（一）人员经费99.23万元", "（一）人员经费92.23万元", "说明-金额", "人员经费"),
    ],
)
def test_changing_one_figure_gives_exactly_one_finding_naming_it(tmp_path, seed_name, old, new, rule, name):
    ws = seed_workspace(seed_name, tmp_path / "ws.juesuan")
    try:
        text = narrative(seed_name)
        assert text.count(old) == 1
        before = {(nf.finding.rule, nf.sentence) for nf in check_narrative(ws, text)}
        edited = text.replace(old, new)
        added = [nf for nf in check_narrative(ws, edited) if (nf.finding.rule, nf.sentence) not in before]
        assert len(added) == 1, [nf.finding.message for nf in added]
        assert added[0].finding.rule == rule
        assert name in added[0].finding.message
        at = edited.index(new)
        assert at <= added[0].figure_start < at + len(new)
    finally:
        ws.close()


def _last_year(ws, figures: dict[str, str]) -> None:
    from desktop.core.definitions import CellRef

    ws.set_values([(CellRef("上年决算", row, "上年决算数"), Decimal(v)) for row, v in figures.items()])


def test_changes_against_last_years_figures(tmp_path):
    # Last year's figures as the narratives imply them: the changes then hold.
    ws = seed_workspace("000", tmp_path / "000.juesuan")
    try:
        text = narrative("000")
        _last_year(ws, {"收入支出总计": "67546.17", "财政拨款收入支出总计": "67191.60"})
        assert [nf.finding.rule for nf in check_narrative(ws, text)] == ["说明-自相矛盾"] + ["说明-绩效自评"] * 2
        # Last year's 收入支出总计 off by 100: the change that quotes it is found once (both 收入总计
        # and 支出总计 cells named); the rate stays right against the narrative's own figures.
        _last_year(ws, {"收入支出总计": "67446.17"})
        [nf] = [nf for nf in check_narrative(ws, text) if nf.finding.rule == "说明-增减"]
        assert text[nf.figure_start:nf.figure_end] == "6,141.18万元"
        assert nf.finding.expected == Decimal("6241.18")
        assert {(c.form, c.row) for c in nf.finding.cells} == {
            ("上年决算", "收入支出总计"), ("公开01", "收入总计"), ("公开01", "支出总计")}
    finally:
        ws.close()


def test_change_of_an_item_named_before_it(tmp_path):
    ws = seed_workspace("004", tmp_path / "004.juesuan")
    try:
        text = narrative("004")
        _last_year(ws, {"机关运行经费": "9.10", "收入支出总计": "318.39"})
        assert [nf.finding.rule for nf in check_narrative(ws, text)] == ["说明-自相矛盾"]
        _last_year(ws, {"机关运行经费": "9.20"})
        [nf] = [nf for nf in check_narrative(ws, text) if nf.finding.rule == "说明-增减"]
        assert "机关运行经费" in nf.finding.message and nf.sentence.startswith("支出决算比上年减少0.30万元")
        assert (nf.finding.expected, nf.finding.actual) == (Decimal("-0.40"), Decimal("-0.30"))
    finally:
        ws.close()


def test_other_regions_template_without_tables_gives_no_false_alarm(tmp_path):
    # Seed 001 (乌海, another template; its tables were images): every table absent, so each
    # figure is attributed but only the narrative's own consistency is checked — rates from its
    # stated budget and actual, shares from its stated parts, 上年 rates from its stated change —
    # and all of it holds within rounding.
    ws = unknown_tables_workspace(tmp_path / "ws.juesuan")
    try:
        text = narrative("001")
        # 2,931.85 ÷ 3,843.73 = 76.276% printed cut as 76.27%: within ±0.01, right (DOMAIN §3).
        assert check_narrative(ws, text) == []
        planted = text.replace("完成年初预算的 84.39%", "完成年初预算的 88.39%")
        [nf] = [nf for nf in check_narrative(ws, planted) if nf.finding.severity == "错误"]
        assert nf.finding.rule == "说明-完成率" and nf.finding.expected == Decimal("84.39")
        planted = text.replace("本年其他收入 2.04 万元，占 0.07%", "本年其他收入 2.04 万元，占 0.7%")
        [nf] = [nf for nf in check_narrative(ws, planted) if nf.finding.severity == "错误"]
        assert nf.finding.rule == "说明-占比" and nf.finding.expected == Decimal("0.07")
    finally:
        ws.close()


def test_seed_001_attributes_what_names_a_table_item_and_sets_reasons_apart(tmp_path):
    ws = unknown_tables_workspace(tmp_path / "ws.juesuan")
    try:
        review = review_narrative(ws, narrative("001"))
        assert review.coverage >= 0.95
        apart = {r.figure for r in review.apart}
        # Details of a reason (“差异原因：…按照资金管理办法盟市需配套500万元周转金”) name no table item.
        assert {"500万元", "0.11 万元", "16.26 万元", "35.81 万元"} <= apart
        # Its 绩效 sentences are compared with its own 项目支出绩效自评表, 自评得分 too.
        checked = {r.figure for r in review.checked}
        assert {"95分", "94.64分", "150万元", "88.6%"} <= checked
        # A figure naming an item in a reason is still attributed (人员经费 has no 上年决算数 here).
        assert any(r.figure == "157.26万元" for r in review.no_data)
    finally:
        ws.close()
