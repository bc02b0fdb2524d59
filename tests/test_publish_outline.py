"""The 公开文件's outline is data: both shipped orders load, an unknown name is refused in Chinese."""

import pytest

from desktop.core.publish.outline import OutlineError, chinese_number, load_outline, outline_names
from desktop.core.text_sections import text_sections


def test_both_orders_load_with_tables_before_or_after_the_narrative():
    assert outline_names() == ["标准", "决算表在前"]
    standard = [p.content for p in load_outline().parts]
    first = [p.content for p in load_outline("决算表在前").parts]
    assert standard == ["texts", "narrative", "tables", "text", "attachments"]
    assert first == ["texts", "tables", "narrative", "text", "attachments"]
    assert [s.label for s in load_outline().statements] == ["保密审查情况", "主要负责人审签情况"]


def test_unknown_outline_is_refused_naming_the_choices():
    with pytest.raises(OutlineError, match="没有名为“甲”的公开文件提纲。可用的提纲：标准、决算表在前"):
        load_outline("甲")


def test_part_numbers_in_chinese():
    assert [chinese_number(n) for n in (1, 9, 10, 14, 20)] == ["一", "九", "十", "十四", "二十"]


def test_glossary_section_ships_a_default_text_shown_as_the_hint():
    glossary = next(s for s in text_sections() if s.key == "公开:名词解释")
    assert glossary.default.startswith("1. 财政拨款收入：")
    assert glossary.hint.endswith(glossary.default)
    every_key = {i.key for p in load_outline().parts for i in p.items} | {p.key for p in load_outline().parts if p.key}
    assert every_key <= {s.key for s in text_sections()}
