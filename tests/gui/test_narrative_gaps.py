"""生成 shows what the draft could not know: the gaps the 【请填写…】 marks stand for."""

from __future__ import annotations


def test_generate_lists_the_drafts_gaps_under_the_buttons(open_window, sample_path):
    window = open_window(sample_path)
    page = window.show_page("情况说明")
    page.narrative.setPlainText("")  # the sample carries its published text: start from nothing
    page.save()
    assert page.gaps.isHidden()
    assert page.generate()
    assert not page.gaps.isHidden()
    text = page.gaps.text()
    assert text.startswith("草稿中有 ") and "请填写上年收入总计决算数" in text
    assert "请填写国内公务接待批次" in text and "2 处差异原因【请填写原因】" in text
