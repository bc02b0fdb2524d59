"""Reading figures out of narrative text, and cutting it into paragraphs and sentences."""

from decimal import Decimal

import pytest

from desktop.core.narrative.numbers import normalize, percent_tolerance, read_figure, read_figures
from desktop.core.narrative.sentences import paragraphs, sentences


@pytest.mark.parametrize(
    "text, value, decimals, unit",
    [
        ("73,687.35万元", "73687.35", 2, "万元"),
        ("2936.74 万元", "2936.74", 2, "万元"),
        ("0.7万元", "0.7", 1, "万元"),
        ("100%", "100", 0, "%"),
        ("996.15%", "996.15", 2, "%"),
        ("14, 344. 12万元", "14344.12", 2, "万元"),
        ("１４，３４４．１２万元", "14344.12", 2, "万元"),
        ("７３，６８７.３５ 万元", "73687.35", 2, "万元"),
        ("４２．１９％", "42.19", 2, "%"),
        ("1,487万元", "1487", 0, "万元"),
        ("5,372. 50万元", "5372.50", 2, "万元"),
        ("2.32亿元", "2.32", 2, "亿元"),
        ("93.5元", "93.5", 1, "元"),
        ("0万元", "0", 0, "万元"),
    ],
)
def test_figure_shapes(text, value, decimals, unit):
    figure = read_figure(text)
    assert figure is not None
    assert figure.value == Decimal(value)
    assert figure.decimals == decimals
    assert figure.unit == unit
    assert (figure.start, figure.end) == (0, len(text))


def test_rate_written_as_amount_is_marked():
    [figure] = read_figures("决算数较预算数减少42.19%万元，主要原因是")
    assert figure.value == Decimal("42.19")
    assert figure.rate_as_amount and figure.is_amount


def test_figures_in_a_sentence_keep_their_offsets():
    text = "其中：财政拨款收入７３，６８７.３５万元，占100%；基本支出5,421.81万元"
    figures = read_figures(text)
    assert [(f.value, f.unit) for f in figures] == [
        (Decimal("73687.35"), "万元"), (Decimal("100"), "%"), (Decimal("5421.81"), "万元"),
    ]
    assert [text[f.start:f.end] for f in figures] == ["７３，６８７.３５万元", "100%", "5,421.81万元"]


def test_list_numbers_years_and_counts_have_no_money_unit():
    figures = read_figures("12. 2024年度共接待国内来访团组14个，来宾84人次")
    assert [f.unit for f in figures] == ["", "", "", ""]
    assert not any(f.is_amount or f.is_percent for f in figures)


def test_a_comma_between_two_short_numbers_is_not_a_thousands_separator():
    assert [f.value for f in read_figures("第1,2项")] == [Decimal(1), Decimal(2)]


def test_normalize_keeps_every_offset():
    text = "（一）人员经费４，８６６．４３万元；占１００％。"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == "(一)人员经费4,866.43万元;占100%。"


def test_percent_tolerance_follows_the_precision_given():
    assert percent_tolerance(2) == Decimal("0.01")
    assert percent_tolerance(1) == Decimal("0.05")
    assert percent_tolerance(0) == Decimal("0.5")


def test_paragraphs_join_a_sentence_cut_by_a_page_break():
    text = (
        "标题\n\n"
        "12. 年初预算494.51万元，支出决算428.80万元，完成年初预算的86.71%，决算数小于\n\n"
        "年初预算数的主要原因是：停保。\n\n"
        "下一段。\n"
        "表头\t金额\t比例\n"
    )
    spans = paragraphs(text)
    assert [s.text(text) for s in spans][0] == "标题"
    assert spans[1].text(text).startswith("12. 年初预算") and spans[1].text(text).endswith("停保。")
    assert spans[2].text(text) == "下一段。"
    assert len(spans) == 3  # the tab-separated table line is not narrative


def test_sentences_carry_their_spans():
    text = "一、总体\n\n本年收入合计73,687.35万元。其中：财政拨款收入73,687.35万元，占100%；其他0万元。"
    para = paragraphs(text)[1]
    cut = [s.text(text) for s in sentences(text, para)]
    assert cut == ["本年收入合计73,687.35万元。", "其中：财政拨款收入73,687.35万元，占100%；", "其他0万元。"]
