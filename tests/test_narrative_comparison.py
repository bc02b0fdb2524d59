"""What a change is measured against and which year a figure is of (desktop/core/narrative/comparison.py)."""

from __future__ import annotations

import pytest

from desktop.core.narrative.comparison import compared_with, year_of

LAST_YEAR = ["上年", "去年", "2022年"]


@pytest.mark.parametrize(("before", "against"), [
    ("公务接待费20万元,公务接待费较上年减少2.5万元,较年初预算数减少", "budget"),
    ("决算为62.07万元,完成全年预算84.82万元的73.2%,比上年决算数增加", "last_year"),
    ("比上年决算数增加38.97万元,增长168.7%;比2019年(疫情前)决算数减少", "other"),
    ("较 2022 年度决算数增加", "last_year"),
    ("与2022年相比,一般公共预算财政拨款增加", "last_year"),
    ("“三公”经费决算数,比上年预算数字下降", "other"),
    ("基本支出占比", None),
    ("本年收入合计100万元", None),
])
def test_the_comparison_nearest_the_figure_says_what_it_is_against(before, against):
    assert compared_with(before, LAST_YEAR) == against


@pytest.mark.parametrize(("before", "year"), [
    ("2016年度支出合计628万元,其中:基本支出", 2016),
    ("2017年度基本支出279万元,2016年度基本支出", 2016),
    ("较2022年度决算数增加", None),
    ("2023年收入合计比2022年", 2023),
    ("截至2023年12月31日,资产总额", None),
])
def test_a_year_compared_with_is_not_the_figures_year(before, year):
    assert year_of(before) == year
