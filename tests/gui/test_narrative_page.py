"""The 情况说明 screen: text saved as typed, kept when the window closes, and read-only when held."""

from __future__ import annotations

from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace


def test_text_is_saved_shortly_after_typing(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    page = window.show_page("情况说明")
    page.narrative.setFocus()
    qtbot.keyClicks(page.narrative, "yi shou ru zhi chu")
    qtbot.waitUntil(lambda: window.session.workspace.text(NARRATIVE_KEY) == "yi shou ru zhi chu", timeout=3000)
    page.narrative.setPlainText("一、收入支出决算总体情况说明")
    window.close()  # what the timer had not saved yet is saved on closing
    ws = Workspace.open(empty_path)
    try:
        assert ws.text(NARRATIVE_KEY) == "一、收入支出决算总体情况说明"
    finally:
        ws.close()


def test_descriptive_sections_come_from_data(open_window, empty_path):
    window = open_window(empty_path)
    page = window.show_page("情况说明")
    assert list(page.fields) == [
        "概况:主要职责", "概况:机构设置", "概况:人员情况", "说明:政府采购", "说明:国有资产", "说明:预算绩效", "说明:其他",
    ]
    field = page.fields["概况:人员情况"]
    field.setPlainText("编制 120 人，实有 118 人。")
    field.save()
    assert window.session.workspace.text("概况:人员情况") == "编制 120 人，实有 118 人。"


def test_read_only_window_cannot_change_text(open_window, empty_path):
    first = open_window(empty_path)
    second = open_window(empty_path)
    page = second.show_page("情况说明")
    assert page.narrative.isReadOnly()
    assert not second.session.save_text(NARRATIVE_KEY, "不应保存")
    assert first.session.workspace.text(NARRATIVE_KEY) == ""
