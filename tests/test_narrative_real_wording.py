"""Classes of wording the real-sentence corpus taught (tests/fixtures/real_sentences/), each held on
one real sentence: read right as written, and a changed figure or year in it flagged."""

from __future__ import annotations

from desktop.core.narrative.check import check_narrative
from narrative_real_sentences import Passage, measure, passage_workspace


def _findings(year: int, figures: list, text: str) -> list[str]:
    ws = passage_workspace(Passage("test", "https://example.invalid", year, text, figures))
    try:
        return [nf.finding.message for nf in check_narrative(ws, text)]
    finally:
        ws.close()


SANGONG = [["28.98万元", "“三公”经费", "A"], ["21.55万元", "“三公”经费", "B"],
           ["6.15万元", "公务接待费", "A"], ["6.16万元", "公务接待费", "B"]]
STATEMENT = ("其中:公务接待费支出决算为6.15万元,完成预算6.16万元的99.8%。"
             "2017年度“三公”经费支出决算大于预算数的主要原因是部分公车用车运行费从省级专项资金中支出。")


def test_a_statement_speaks_of_the_name_opening_its_own_clause():
    text = "“三公”经费财政拨款支出决算为28.98万元,完成预算21.55万元的134%。" + STATEMENT
    assert _findings(2017, SANGONG, text) == []
    wrong = text.replace("决算大于预算数", "决算小于预算数")
    assert any(m.startswith("“三公”经费：说明写“决算小于预算数”") for m in _findings(2017, SANGONG, wrong))


def test_the_year_of_a_cited_document_is_not_the_texts():
    text = ("按照青岛市财政局《关于财政部对市本级2016年度地方预决算公开专项检查结果的通报》(青财办[2017]7号)要求,"
            "现对涉及我部门2015年度决算未公开“三公”经费的有关内容做如下补充说明:")
    assert _findings(2015, [], text) == []


def test_this_years_figure_under_last_years_year_flags_the_year():
    figures = [["3.46万元", "“三公”经费", "A"], ["2.4万元", "“三公”经费", "D+"]]
    text = "2022年“三公”经费财政拨款支出决算为3.46万元,较上年增加2.4万元。"
    [message] = _findings(2023, figures, text)
    assert message.startswith("说的是 2022 年，而 3.46 万元是工作区 2023 年度“三公”经费的决算数")
    assert _findings(2023, figures, text.replace("2022年", "2023年")) == []


DIQING = [["1134万元", "“三公”经费", "A"], ["1174万元", "“三公”经费", "L"], ["1237万元", "“三公”经费", "B"]]
MEASURED = ("2021年,州本级一般公共预算财政拨款“三公”经费支出决算汇总数为1134万元,较上年1174万元减少40万元,"
            "下降3%,较预算数1237万元减少103万元,下降8%。")


def test_the_figure_a_change_is_measured_from_is_last_years_or_the_budget():
    assert _findings(2021, DIQING, MEASURED) == []
    assert any("上年数：说明为 1,184.00 万元" in m for m in _findings(2021, DIQING, MEASURED.replace("较上年1174", "较上年1184")))
    assert any("预算数：说明为 1,247.00 万元" in m for m in _findings(2021, DIQING, MEASURED.replace("预算数1237", "预算数1247")))


def test_a_rate_after_the_budget_figure_is_the_completion_rate():
    figures = [["62.07万元", "“三公”经费", "A"], ["84.82万元", "“三公”经费", "B"]]
    text = "广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的73.2%。"
    assert _findings(2023, figures, text) == []
    assert any("完成率：说明为 83.2%" in m for m in _findings(2023, figures, text.replace("73.2%", "83.2%")))


def test_parts_stated_of_a_whole_must_add_up_to_it():
    figures = [["911.7万元", "一般公共预算财政拨款基本支出", "A"], ["489.18万元", "人员经费", "A"],
               ["46.89万元", "公用经费", "A"]]
    text = ("2023年一般公共预算财政拨款基本支出911.7万元,其中:\n人员经费489.18万元,主要包括:基本工资、津贴补贴。\n"
            "公用经费46.89万元,主要包括:办公费、印刷费。")
    [message] = _findings(2023, figures, text)
    assert message.startswith("一般公共预算财政拨款基本支出：说明为 911.70 万元，而其中 人员经费 489.18 + 公用经费 46.89")
    right = [["536.07万元", "一般公共预算财政拨款基本支出", "A"], *figures[1:]]
    assert _findings(2023, right, text.replace("911.7万元", "536.07万元")) == []


def test_a_bare_year_opening_the_texts_own_words_is_its_year():
    text = "2015年衢江区“三公”经费支出决算同比下降的原因主要是:区级各单位从严控制和压缩“三公”经费。"
    [message] = _findings(2016, [], text)
    assert message.startswith("说的是 2015 年度，工作区是 2016 年度")
    assert _findings(2021, [], "二是2020年下拨了军休人员抚恤金74.31万元;") == []


FUJIAN = ("公务用车购置及运行费1.41亿元,包括公务用车购置费0.14亿元和公务用车运行费1.27亿元,与2015年相比,"
          "分别减少0.18亿元和0.56亿元,下降133.1%和43.7%;")


def test_changes_given_respectively_are_the_listed_items_in_their_order():
    # Each rate over its own item's last year (0.18 ÷ 0.32, 0.56 ÷ 1.83), never over the last named.
    right = FUJIAN.replace("133.1%", "56.3%").replace("43.7%", "30.6%")
    assert _findings(2016, [], right) == []
    found = _findings(2016, [], FUJIAN)
    assert any(m.startswith("公务用车购置费增减率：说明为下降 133.1%") for m in found)
    assert any(m.startswith("公务用车运行维护费增减率：说明为下降 43.7%") for m in found)
    # A list the sentence does not give as many items as changes: none of it read, nothing flagged.
    assert _findings(2016, [], FUJIAN.replace("包括公务用车购置费0.14亿元和", "其中")) == []


def test_funds_the_sentence_names_leave_a_bare_total_unread():
    figures = [["1095.67万元", "本年支出合计", "A"], ["164.61万元", "年末结转和结余", "A"],
               ["1070.67万元", "一般公共预算财政拨款支出", "A"]]
    text = "2018年度一般公共预算收入总计1085.31万元,本年支出1070.67万元,年末结转和结余30.65万元。"
    assert _findings(2018, figures, text) == []
    assert any("本年支出合计决算数" in m for m in _findings(2018, figures, text.replace("一般公共预算收入总计", "收入总计")))


def test_an_amount_right_after_an_amount_is_what_a_change_is_measured_from():
    figures = [["832.05万元", "“三公”经费", "B"], ["820.33万元", "“三公”经费", "A"], ["688.84万元", "“三公”经费", "L"]]
    text = ("云县2023“三公”经费预算数为832.05万元,决算支出数为820.33万元,完成年初预算数的98.59%,"
            "较2022年决算数688.84万元131.49万元,增长19.09%。")
    assert _findings(2023, figures, text) == []
    assert any("增减率" in m for m in _findings(2023, figures, text.replace("19.09%", "29.09%")))


def test_next_years_budget_beside_this_years_accounts_is_no_year_slip():
    text = "2022年度“三公”经费预算总计21.8万元,其中:因公出国(境)经费0万元,公务接待11.8万元。"
    assert _findings(2021, [["20.12万元", "“三公”经费", "A"]], text) == []


def test_after_an_item_the_reader_does_not_know_nothing_is_the_subjects():
    # “因公出国(境)” is no name the reader has: its figures, difference and rates are its own, never
    # the 公务接待费 named before.
    figures = [["2352万元", "公务接待费", "A"], ["6200万元", "公务接待费", "B"], ["2452万元", "公务接待费", "L"]]
    text = ("分项看,公务接待费2352万元,相比年初预算数6200万元下降62.1%;"
            "因公出国(境)次之,共1.2亿元,相比年初预算数的1.5亿元减少0.3亿元,下降24%。")
    assert _findings(2015, figures, text) == []
    assert _findings(2015, figures, text.replace("相比年初预算数的1.5亿元减少0.3亿元,", "完成预算的80%,比上年")) == []


def test_a_rate_or_difference_of_another_budget_than_the_tables_is_not_measured_by_it():
    # The table's 预算数 may be the 年初 one: “调整后预算”, “全年预算” are measured only by a budget
    # the text states in the same words.
    figures = [["62.07万元", "“三公”经费", "A"], ["90万元", "“三公”经费", "B"]]
    assert _findings(2022, figures, "“三公”经费支出决算为62.07万元,完成调整后预算的73.2%。") == []
    assert _findings(2022, figures, "“三公”经费支出决算为62.07万元,较全年预算减少22.75万元,下降26.82%。") == []
    stated = "“三公”经费年初预算90万元,调整后预算84.82万元,支出决算62.07万元,完成调整后预算的73.2%。"
    assert _findings(2022, figures, stated) == []
    assert any("完成率" in m for m in _findings(2022, figures, "“三公”经费支出决算为62.07万元,完成年初预算的73.2%。"))


def test_a_figure_said_of_last_year_is_the_subjects_last_year_figure():
    figures = [["50万元", "公务接待费", "A"], ["20万元", "公务接待费", "L"]]
    text = "公务接待费支出50万元,上年为20万元,增加30万元,增长150%。"
    assert _findings(2022, figures, text) == []
    assert _findings(2022, figures[:1], text) == []
    assert any("上年数：说明为 25.00 万元" in m for m in _findings(2022, figures, text.replace("为20万元", "为25万元")))


def test_a_one_character_direction_after_the_figure_compared_with():
    figures = [["50万元", "公务接待费", "A"], ["60万元", "公务接待费", "B"]]
    text = "公务接待费支出50万元,比年初预算60万元少支出10万元。"
    assert _findings(2022, figures, text) == []
    assert any("减少 20.00 万元" in m for m in _findings(2022, figures, text.replace("10万元", "20万元")))


def test_a_quoted_path_may_give_its_class_without_its_zhichu():
    # 上海 石泉路街道 2025: “一般公共服务（类）…” is 201 一般公共服务支出, opened by a quotation mark.
    figures = [["3.39万元", "2010506", "A"], ["3.84万元", "2010506", "B"], ["88.28%", "2010506", "R"]]
    text = ("“一般公共服务（类）统计信息事务（款）统计管理（项）”3.39万元，主要用于：非公统筹调查研究。"
            "年初预算为3.84万元，支出决算为3.39万元，完成年初预算的88.28%。")
    assert _findings(2025, figures, text) == []
    misnamed = _findings(2025, figures, text.replace("“一般公共服务（类）", "“教育（类）"))
    assert any(m.startswith("科目名称：说明写““教育（类）”") for m in misnamed)


def test_a_class_under_its_name_before_2019_is_that_class():
    # 上海 宜川路街道 2025: 207 文化旅游体育与传媒支出 was 文化体育与传媒支出 before 2019.
    figures = [["20.00万元", "2070308", "A"], ["20.00万元", "2070308", "B"]]
    text = ("10、文化体育与传媒支出（类）体育（款）群众体育（项）20.00万元，主要用于：社区全民健身工作方面的支出。"
            "年初预算为20.00万元，支出决算为20.00万元。决算数等于预算数。")
    assert _findings(2025, figures, text) == []
    assert any("21.00" in m for m in _findings(2025, figures, text.replace("支出决算为20.00", "支出决算为21.00")))


def test_dangnian_before_the_role_word_is_this_years():
    # 上海 生态环境局 2025: “年初预算为 215.00 万元，当年支出决算为 213.10 万元”.
    figures = [["215.00万元", "2110302", "B"], ["213.10万元", "2110302", "A"]]
    text = ("15.节能环保支出（类）污染防治（款）水体（项），主要用于地表水水质监测等项目支出。"
            "年初预算为215.00万元，当年支出决算为213.10万元，决算数小于预算数的主要原因：费用节省。")
    assert _findings(2025, figures, text) == []
    assert any("223.10" in m for m in _findings(2025, figures, text.replace("213.10", "223.10")))


def test_parts_written_in_whole_wan_add_up_within_their_rounding():
    figures = [["2364万元", "“三公”经费", "A"], ["12万元", "因公出国（境）费", "A"],
               ["995万元", "公务用车购置及运行维护费", "A"], ["1356万元", "公务接待费", "A"]]
    text = "2016年“三公”经费2364万元。其中:因公出国(境)费12万元;公务用车购置及运行维护费995万元;公务接待费1356万元。"
    assert _findings(2016, figures, text) == []
    wrong = _findings(2016, [["2366万元", "“三公”经费", "A"], *figures[1:]], text.replace("2364万元", "2366万元"))
    assert any(m.startswith("“三公”经费：说明为 2,366.00 万元，而其中") for m in wrong)


def test_a_change_written_as_jianzhi_is_a_decrease():
    figures = [["142.56万元", "公务接待费", "A"], ["10.72万元", "公务接待费", "D-"]]
    text = "公务接待费支出142.56万元,比上年减支10.72万元,降低6.99%。"
    assert _findings(2021, figures, text) == []
    assert any("6.99" in m for m in _findings(2021, figures, text.replace("6.99%", "8.13%")))


def test_a_place_before_the_name_says_whose_figure_it_is():
    figures = [["1645.14万元", "“三公”经费", "A"]]
    text = "2021年阿图什市“三公经费”财政拨款支出1645.14万元。"
    assert _findings(2021, figures, text) == []
    assert any("1,645.14" in m or "1645.14" in m for m in _findings(2021, figures, text.replace("1645.14", "1654.14")))


def test_gongche_is_short_for_gongwu_yongche():
    figures = [["1502.58万元", "公务用车购置及运行维护费", "A"]]
    text = "公车购置及运行维护费支出1502.58万元。"
    assert _findings(2021, figures, text) == []
    assert _findings(2021, figures, text.replace("1502.58", "1520.58")) != []


def test_the_kinds_of_body_a_total_is_summed_over_and_its_funds_say_whose_it_is():
    figures = [["1023万元", "“三公”经费", "A"]]
    text = ("经井研县财政局汇总,2020年井研县行政单位(含参照公务员法管理的事业单位)、事业单位和其他单位"
            "使用当年财政拨款安排的“三公”经费决算总额为1023万元。")
    assert _findings(2020, figures, text) == []
    assert _findings(2020, figures, text.replace("1023万元", "1032万元")) != []


def test_items_named_another_way_in_real_texts():
    figures = [["20.12万元", "“三公”经费", "A"], ["0万元", "因公出国（境）费", "A"], ["12.39万元", "公务接待费", "A"],
               ["7.73万元", "公务用车运行维护费", "A"]]
    text = "2021年度“三公”经费合计支出20.12万元,其中:因公出国(境)经费0万元,公务接待12.39万元,公务用车运行费用7.73万元。"
    assert _findings(2021, figures, text) == []
    assert _findings(2021, figures, text.replace("公务接待12.39", "公务接待13.39")) != []
    assert _findings(2021, figures, text.replace("运行费用7.73", "运行费用7.93")) != []
    for name in ("车辆运行费", "公务用车运行及维护支出"):
        said = f"{name}7.73万元。"
        assert _findings(2021, figures[-1:], said) == [] and _findings(2021, figures[-1:], "车辆" + said[2:]) == []
        assert _findings(2021, figures[-1:], said.replace("7.73", "7.93")) != []


YUNNAN = [["26,085.58元", "“三公”经费", "A"], ["18,987.42元", "“三公”经费", "D-"],
          ["3,080元", "公务接待费", "A"], ["17,993元", "公务接待费", "D-"]]
PARTS = ("2022年度一般公共预算财政拨款“三公”经费支出决算为26,085.58元,比上年减少18,987.42元,下降42.13%。"
         "其中:公务接待费支出决算为3,080元,减少17,993元,下降85.38%。")


def test_parts_after_qizhong_are_compared_as_the_whole_before_them():
    ws = passage_workspace(Passage("test", "https://example.invalid", 2022, PARTS, YUNNAN, unit="元"))
    try:
        assert [nf.finding.message for nf in check_narrative(ws, PARTS)] == []
        wrong = [nf.finding.message for nf in check_narrative(ws, PARTS.replace("85.38%", "95.38%"))]
        assert any("95.38" in m for m in wrong)
    finally:
        ws.close()


def test_a_rate_of_nothing_both_years_is_read():
    text = ("上海市嘉定区司法局2017年度“三公”经费财政拨款支出年初预算为22.00万元,支出决算为8.77万元,完成预算的39.86%,"
            "其中:因公出国(境)费决算为0万元,完成预算的0%。\n"
            "2017年度“三公”经费财政拨款支出决算数比2016年度减少0.28万元,降低3.09%,其中:因公出国(境)费支出决算减少0万元,降低0%;")
    figures = [["22.00万元", "“三公”经费", "B"], ["8.77万元", "“三公”经费", "A"], ["39.86%", "“三公”经费", "R"],
               ["0万元", "因公出国（境）费", "A"], ["0%", "因公出国（境）费", "R"], ["0.28万元", "“三公”经费", "D-"],
               ["3.09%", "“三公”经费", "P"], ["0万元", "因公出国（境）费", "D-"], ["0%", "因公出国（境）费", "P"]]
    [tally] = measure([Passage("test", "https://example.invalid", 2017, text, figures)]).values()
    assert tally.false_flags == 0 and tally.attributed == len(figures)


def test_a_rate_against_the_budget_with_no_amount_before_it():
    figures = [["238万元", "公务接待费", "A"], ["410万元", "公务接待费", "B"]]
    text = "2020年公务接待费决算支出238万元,较年初预算下降42%。"
    [tally] = measure([Passage("test", "https://example.invalid", 2020, text, figures[:1] + [["42%", "公务接待费", "BP"]])]).values()
    assert tally.attributed == 2 and tally.false_flags == 0
    assert _findings(2020, figures, text) == []
    assert any("52" in m for m in _findings(2020, figures, text.replace("42%", "52%")))


def test_a_name_in_mixed_quotes_and_the_year_said_as_bennian_du():
    figures = [["2.05万元", "“三公”经费", "A"], ["2.95万元", "“三公”经费", "B"]]
    text = "2018年度本部门一般公共预算财政拨款安排的“三公\"经费支出2.05万元,年初预算为2.95万元。"
    assert _findings(2018, figures, text) == []
    assert _findings(2018, figures, text.replace("2.05万元", "2.15万元")) != []
    figures = [["12,270.36万元", "基本支出", "A"]]
    text = "①基本支出:本年度我院基本支出12,270.36万元。"
    assert _findings(2016, figures, text) == []
    assert _findings(2016, figures, text.replace("12,270.36", "12,207.36")) != []


def test_a_difference_from_the_budget_that_says_no_direction():
    figures = [["2.05万元", "公务接待费", "A"], ["2万元", "公务接待费", "B"]]
    text = "公务接待费支出2.05万元,年初预算为2万元,差值为0.05万元,原因为项目增多,下乡次数增加。"
    assert _findings(2018, figures, text) == []
    assert _findings(2018, figures, text.replace("差值为0.05", "差值为0.5")) != []
    figures = [["1691.24万元", "“三公”经费", "B"], ["1645.14万元", "“三公”经费", "A"]]
    text = "2021年“三公”经费财政拨款支出合计预算数1691.24万元,决算数1645.14万元,预决算差异率-2.72%。"
    [tally] = measure([Passage("test", "https://example.invalid", 2021, text, figures + [["-2.72%", "“三公”经费", "BP"]])]).values()
    assert tally.attributed == 3 and tally.false_flags == 0
    assert _findings(2021, figures, text.replace("-2.72%", "-3.72%")) != []


def test_juesuan_shuzi_is_the_juesuan_figure():
    figures = [["15.5万元", "公务接待费", "A"], ["19万元", "公务接待费", "B"], ["18.5万元", "公务接待费", "L"]]
    text = "其中公务接待费15.5万元,比上年预算数字下降18.42%,比上年决算数字下降16.22%;"
    assert _findings(2020, figures, text) == []
    assert any("26.22" in m for m in _findings(2020, figures, text.replace("16.22%", "26.22%")))


def test_figures_given_respectively_are_the_listed_items_in_their_order():
    figures = [["0.28亿元", "因公出国（境）费", "B"], ["2.71亿元", "公务用车购置及运行维护费", "B"],
               ["0.69亿元", "公务接待费", "B"]]
    text = ("具体来说,今年南京市级因公出国(境)费、公务用车购置及运行维护费、公务接待费预算分别为"
            "0.28亿元、2.71亿元和0.69亿元,相比去年的决算都有所减少。")
    assert _findings(2014, figures, text) == []
    [wrong] = _findings(2014, figures, text.replace("2.71亿元", "2.17亿元"))
    assert wrong.startswith("公务用车购置及运行维护费预算数：说明为 21,700.00 万元")
    assert _findings(2014, figures, text.replace("和0.69亿元", "")) == []  # two figures for three names: unread


def test_zhixing_zong_e_is_the_actual_figure():
    figures = [["29.27亿元", "“三公”经费", "A"], ["3.14亿元", "“三公”经费", "D-"]]
    text = "2018年江西省“三公”经费执行总额为29.27亿元,同比减少3.14亿元,下降9.69%。"
    [tally] = measure([Passage("test", "https://example.invalid", 2018, text, figures + [["9.69%", "“三公”经费", "P"]])]).values()
    assert tally.attributed == 3 and tally.false_flags == 0
    assert any("29.72" in m for m in _findings(2018, figures, text.replace("29.27亿元", "29.72亿元")))


def test_caizheng_bokuan_de_before_a_one_funds_item_is_part_of_its_name():
    figures = [["53.73亿元", "“三公”经费", "A"], ["63.16亿元", "“三公”经费", "B"]]
    text = "报告显示,2015年中央行政事业单位财政拨款的“三公”经费支出合计53.73亿元,比预算数减少9.43亿元。"
    assert _findings(2015, figures, text) == []
    assert _findings(2015, figures, text.replace("9.43亿元", "9.34亿元")) != []
