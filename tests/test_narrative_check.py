"""check_narrative on planted sentences: contradictions, tolerances, silence on what the workspace does not know."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop.core.definitions import CellRef
from desktop.core.narrative.check import NarrativeFinding, check_narrative
from desktop.core.narrative.facts import build_facts, load_vocabulary
from narrative_seeds import seed_workspace

ITEM = "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。"  # 2,807.71 → 2,818.24


@pytest.fixture
def ws(tmp_path):
    workspace = seed_workspace("000", tmp_path / "000.juesuan")
    yield workspace
    workspace.close()


def rules(ws, text):
    return [nf.finding.rule for nf in check_narrative(ws, text)]


def test_rate_of_100_with_a_difference_is_found(ws):
    # No figures stated: the difference is compared with the tables.
    found = check_narrative(ws, ITEM + "完成年初预算的100%，决算数大于预算数55.93万元。")
    assert [nf.finding.rule for nf in found] == ["说明-增减"]
    assert found[0].finding.expected == Decimal("10.53") and found[0].finding.actual == Decimal("55.93")
    # An item the tables lack (公开10 not in use): the paragraph's own budget shows the contradiction.
    found = check_narrative(ws, "2024年度机关运行经费预算263.27万元，完成预算的100%，决算数大于预算数55.93万元。")
    assert [nf.finding.rule for nf in found] == ["说明-自相矛盾"]
    assert found[0].finding.expected == Decimal("121.24")
    # Nothing but the rate and the difference: 100% means equal.
    assert rules(ws, "某专项完成预算的100%，决算数大于预算数55.93万元。") == ["说明-自相矛盾"]


def test_rate_written_in_an_amounts_place_is_found(ws):
    text = "2024年度财政拨款安排会议费预算89.5万元，支出决算53.41万元，完成预算的59.68%。决算数较预算数减少36.09%万元。"
    [nf] = check_narrative(ws, text)
    assert nf.finding.rule == "说明-自相矛盾" and "36.09%万元" in nf.finding.message
    assert text[nf.figure_start:nf.figure_end] == "36.09%万元"
    assert nf.sentence == "决算数较预算数减少36.09%万元。"


def test_difference_against_the_figures_stated_beside_it(ws):
    text = "2024年度财政拨款安排会议费预算89.5万元，支出决算53.41万元，完成预算的59.68%。决算数较预算数减少3.61万元。"
    [nf] = check_narrative(ws, text)
    assert nf.finding.rule == "说明-自相矛盾"
    assert (nf.finding.expected, nf.finding.actual) == (Decimal("-36.09"), Decimal("-3.61"))


def test_direction_word_against_the_figures(ws):
    text = ITEM + "年初预算2,807.71万元，支出决算2,818.24万元，完成年初预算的100.38%，决算数小于年初预算数的主要原因是：节约。"
    [nf] = check_narrative(ws, text)
    assert nf.finding.rule == "说明-自相矛盾" and "决算数小于年初预算数" in nf.finding.message
    right = text.replace("小于", "大于")
    assert check_narrative(ws, right) == []


def test_item_sentence_checks_budget_actual_and_rate(ws):
    good = ITEM + "年初预算2,807.71万元，支出决算2,818.24万元，完成年初预算的100.38%。"
    assert check_narrative(ws, good) == []
    assert rules(ws, good.replace("2,807.71", "2,870.71")) == ["说明-金额"]
    assert rules(ws, good.replace("2,818.24", "2,881.24")) == ["说明-金额"]
    assert rules(ws, good.replace("100.38%", "103.38%")) == ["说明-完成率"]


def test_item_found_by_its_name_in_the_tables(ws):
    text = ITEM + "年初预算2,807.71万元，支出决算2,818.24万元。"
    [nf] = check_narrative(ws, text.replace("2,818.24", "2,000.00"))
    cell = nf.finding.cells[0]
    assert (cell.form, cell.row, cell.column) == ("公开05", "2080101", "小计")
    assert "行政运行（项）" in nf.finding.message


def test_share_with_explicit_and_default_base(ws):
    assert check_narrative(ws, "2024年度本年支出合计73,687.35万元，其中：基本支出5,421.81万元，占7.36%；"
                               "项目支出68,265.54万元，占92.64%。") == []
    assert rules(ws, "其中：基本支出5,421.81万元，占7.63%。") == ["说明-占比"]
    assert rules(ws, "一般公共预算财政拨款支出73,687.35万元，占本年支出合计的90%。") == ["说明-占比"]


def test_change_rate_must_follow_from_the_change_amount(ws):
    good = "2024年度收入总计、支出总计均为73,687.35万元，与上年相比收入总计、支出总计均增加6,141.18万元，增长9.09%。"
    assert check_narrative(ws, good) == []
    [nf] = check_narrative(ws, good.replace("增长9.09%", "增长9.90%"))
    assert nf.finding.rule == "说明-增减" and nf.finding.expected == Decimal("9.09")


def test_rounding_within_tolerance_is_no_finding(ws):
    # 尾差: one figure off by 0.01; "100%" is right to ±0.5; rates from the stated rounded figures.
    assert check_narrative(ws, "其中：基本支出5,421.82万元，占7.36%。") == []
    assert check_narrative(ws, ITEM + "年初预算2,807.71万元，支出决算2,818.24万元，完成年初预算的100%。") == []
    assert rules(ws, "其中：基本支出5,421.83万元。") == ["说明-金额"]


def test_unknown_items_and_figures_stay_silent(ws):
    text = (
        "本部门在部门决算中反映劳动保障大厦维修改造经费、机关运行经费等8个一级项目的绩效自评结果，"
        "涉及预算资金1510.61万元，占部门预算项目支出总额的63.95%。\n"
        "国内公务接待支出0.99万元。单价100万元及以上的设备0台（套）。\n"
        "1. 劳动保障大厦维修改造项目支出绩效自评综述：全年预算数379万元，执行数287.14万元，完成预算的75.76%。\n"
        "全市发放创业担保贷款2.32亿元，帮扶就业率达98.3%。\n"
    )
    assert check_narrative(ws, text) == []


def test_budget_not_typed_is_not_known(tmp_path, sample_ws):
    # The sample has no 年初预算数: a stated budget cannot be checked, the 决算 still is.
    text = ITEM + "年初预算999.99万元，支出决算2,818.24万元，完成年初预算的281.83%。"
    assert check_narrative(sample_ws, text) == []
    assert rules(sample_ws, text.replace("2,818.24", "2,000.00")) == ["说明-金额"]


def test_full_width_and_spaced_figures(ws):
    text = "2024年度一般公共预算财政拨款基本支出５，４２１．８１万元，包括人员经费和公用经费。其中：（一）人员经费4, 866. 43万元。"
    assert check_narrative(ws, text) == []
    assert rules(ws, text.replace("５，４２１．８１", "５，４３１．８１")) == ["说明-金额"]
    assert rules(ws, text.replace("4, 866. 43", "4, 886. 43")) == ["说明-金额"]


def test_finding_json_carries_the_span(ws):
    text = "前言。\n\n其中：基本支出5,421.81万元，占7.63%。"
    [nf] = check_narrative(ws, text)
    assert isinstance(nf, NarrativeFinding)
    data = json.loads(json.dumps(nf.to_json(), ensure_ascii=False))
    assert data["rule"] == "说明-占比" and data["form"] == "情况说明"
    assert (data["expected"], data["actual"], data["difference"]) == ("7.36", "7.63", "0.27")
    assert text[data["start"]:data["end"]] == "其中：基本支出5,421.81万元，占7.63%。"
    assert text[data["figure_start"]:data["figure_end"]] == "7.63%"


def test_vocabulary_is_data(ws):
    vocab = load_vocabulary()
    edited = {**vocab, "fact": [dict(f) for f in vocab["fact"]]}
    for fact in edited["fact"]:
        if fact["name"] == "公用经费":
            fact["aliases"] = [*fact.get("aliases", []), "日常公用经费"]
    text = "日常公用经费565.39万元。"
    assert check_narrative(ws, text) == []
    assert [nf.finding.rule for nf in check_narrative(ws, text, edited)] == ["说明-金额"]
    assert "日常公用经费" in build_facts(ws, edited).get("公用经费").names


def test_workspace_in_yuan_is_compared_in_wan(tmp_path, ws):
    ws.set_unit("金额单位", "元")
    ws.set_values([(CellRef("公开09", "决算数", "会议费"), Decimal("534100.00"))])
    assert check_narrative(ws, "2024年度财政拨款安排会议费支出决算53.41万元。") == []
    assert rules(ws, "2024年度财政拨款安排会议费支出决算53.51万元。") == ["说明-金额"]


def test_keys_stay_while_figures_and_other_paragraphs_change(ws):
    text = "其中：基本支出5,421.81万元，占7.63%。"
    [first] = check_narrative(ws, text)
    [second] = check_narrative(ws, "前面加了一段。\n\n" + text.replace("7.63", "7.73"))
    assert first.finding.key == second.finding.key
    twice = check_narrative(ws, text + "\n" + text)
    assert [nf.finding.key for nf in twice] == [first.finding.key, first.finding.key + "#2"]


def test_every_cell_the_vocabulary_names_exists(tmp_path):
    from desktop.core.narrative.facts import unknown_cells

    ws = seed_workspace("004", tmp_path / "004.juesuan")  # 公开10 in use
    try:
        assert unknown_cells(ws) == []
    finally:
        ws.close()


def test_change_against_the_budget_and_its_rate(ws):
    good = ("2024年度一般公共预算财政拨款支出年初预算7,397.18万元，支出决算73,687.35万元，"
            "比年初预算增加66,290.17万元，增长896.15%。")
    assert check_narrative(ws, good) == []
    assert rules(ws, good.replace("66,290.17", "66,920.17")) == ["说明-自相矛盾"]
    [nf] = check_narrative(ws, good.replace("896.15%", "996.15%"))
    assert nf.finding.rule == "说明-增减" and nf.finding.expected == Decimal("896.15")


def test_new_spending_only_without_a_budget(ws):
    new = "社会保障和就业支出（类）就业补助（款）其他就业补助支出（项）。年初预算0万元，支出决算894.98万元，新增支出的主要原因是：调整功能分类。"
    assert check_narrative(ws, new) == []
    [nf] = check_narrative(ws, new.replace("新增支出的主要原因是", "完成年初预算的100%，主要原因是"))
    assert nf.finding.rule == "说明-自相矛盾" and "新增" in nf.finding.message
    budgeted = ITEM + "年初预算2,807.71万元，支出决算2,818.24万元，为新增支出。"
    [nf] = check_narrative(ws, budgeted)
    assert nf.finding.rule == "说明-自相矛盾" and nf.sentence.endswith("为新增支出。")
    [nf] = check_narrative(ws, ITEM + "支出决算2,818.24万元，为新增支出。")
    assert nf.finding.rule == "说明-完成率" and nf.finding.expected == Decimal("2807.71")


def test_items_of_public_funds_are_the_economic_rows_in_a_公用经费_paragraph(ws):
    # 培训费 is 公开09's column (53.15, project spending included) in its own paragraph, but
    # 30216 of 公开06 (3.54, base spending only) where the paragraph is about 公用经费.
    assert check_narrative(ws, "2024年度财政拨款安排培训费预算125.98万元，支出决算53.15万元。") == []
    assert check_narrative(ws, "（二）公用经费555.39万元，其中：培训费3.54万元，办公费50.80万元。") == []
    [nf] = check_narrative(ws, "（二）公用经费555.39万元，其中：培训费53.15万元。")
    assert nf.finding.cells[0].form == "公开06" and nf.finding.expected == Decimal("3.54")


def test_never_raises_on_pieces_of_real_documents(tmp_path):
    import random

    from narrative_seeds import FIXTURES, narrative

    ws = seed_workspace("004", tmp_path / "004.juesuan")
    try:
        texts = [narrative("000"), narrative("004"), (FIXTURES / "narrative-001.txt").read_text(encoding="utf-8")]
        rnd = random.Random(5)
        for _ in range(300):
            text = rnd.choice(texts)
            start = rnd.randrange(len(text))
            piece = list(text[start:start + rnd.randrange(1, 500)])
            for _ in range(rnd.randrange(4)):
                piece[rnd.randrange(len(piece))] = rnd.choice("0123456789.,%，。万元 \n０")
            piece = "".join(piece)
            for nf in check_narrative(ws, piece):
                assert piece[nf.start:nf.end] == nf.sentence
        for edge in ["", "\n\n", "万元", "%", "占%", "完成预算的%", "增长%", ".万元", "0万元，占0%"]:
            check_narrative(ws, edge)
    finally:
        ws.close()
