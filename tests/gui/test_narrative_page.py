"""The 情况说明 screen: text saved as typed, kept when the window closes, and read-only when held."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

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
        "公开:保密审查情况", "公开:主要负责人审签情况", "公开:绩效自评报告", "公开:名词解释",
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


def test_a_wrong_figure_in_the_narrative_is_a_finding_that_selects_its_sentence(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("情况说明")
    right = "2024年度收入、支出总计均为73,687.35万元。"
    wrong = "2024年度本年收入合计73,000.00万元。"
    page.narrative.setPlainText(f"一、收入支出决算总体情况说明\n{right}\n{wrong}\n")
    page.narrative.save()
    pane = window.findings.model

    def narrative_rows():
        return [pane.finding(r) for r in range(pane.rowCount()) if pane.finding(r).form == "情况说明"]

    qtbot.waitUntil(lambda: len(narrative_rows()) == 1, timeout=3000)
    finding = narrative_rows()[0]
    assert finding.expected == Decimal("73687.35") and finding.actual == Decimal("73000.00")
    assert window.nav_model.index(window.nav_model.row_of("情况说明")).data(Qt.ItemDataRole.UserRole + 2)["错误"] == 1

    window.show_page("公开01")
    window.show_finding(finding)
    assert window.stack.currentWidget() is page
    assert page.narrative.textCursor().selectedText() == wrong

    # Correcting the figure in the text clears the finding after the short pause.
    page.narrative.setPlainText(f"一、收入支出决算总体情况说明\n{right}\n2024年度本年收入合计73,687.35万元。\n")
    page.narrative.save()
    qtbot.waitUntil(lambda: narrative_rows() == [], timeout=3000)


def test_generate_drafts_the_narrative_and_asks_before_replacing(open_window, sample_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    page = window.show_page("情况说明")
    page.narrative.setPlainText("")  # the sample carries its published text: start from nothing
    page.save()
    assert page.generate()  # nothing written yet: no question
    text = window.session.workspace.text(NARRATIVE_KEY)
    assert text.startswith("一、收入支出决算总体情况说明") and page.narrative.toPlainText().strip() == text
    window.session.recheck_narrative()
    pane = window.findings.model
    assert [r for r in range(pane.rowCount()) if pane.finding(r).form == "情况说明"] == []

    page.narrative.setPlainText("自己写的文字")
    asked = []
    monkeypatch.setattr(
        "desktop.gui.narrative_page.QMessageBox.question",
        lambda *a: asked.append(a[2]) or __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.No,
    )
    assert not page.generate()
    assert asked and window.session.workspace.text(NARRATIVE_KEY) == "自己写的文字"


def test_save_as_word(open_window, sample_path, tmp_path, monkeypatch):
    import docx

    window = open_window(sample_path)
    page = window.show_page("情况说明")
    page.narrative.setPlainText("一、收入支出决算总体情况说明\n2024年度收入、支出总计均为73,687.35万元。")
    target = tmp_path / "说明.docx"
    monkeypatch.setattr("desktop.gui.file_dialogs.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert page.save_word()
    assert [p.text for p in docx.Document(str(target)).paragraphs][1:] == [
        "一、收入支出决算总体情况说明", "2024年度收入、支出总计均为73,687.35万元。",
    ]


def test_what_the_check_read_is_summed_up_and_the_unread_figures_listed(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("情况说明")
    unread = "另安排专项资金120.50万元。"
    page.narrative.setPlainText(f"二、收入决算情况说明\n2024年度本年收入合计73,687.35万元。{unread}\n共有车辆4辆，资产总额300.00万元。\n")
    page.narrative.save()
    qtbot.waitUntil(lambda: "已核对 1 个" in page.summary.text(), timeout=3000)
    assert "未能对应到表中项目 1 个" in page.summary.text()
    assert "另有 1 个说的是表中没有的事项" in page.summary.text()
    assert page.unread_toggle.isVisible() and page.unread_toggle.text() == "未能对应到表中项目的数（1 个）"
    assert not page.unread.isVisible()
    page.unread_toggle.click()
    assert page.unread.isVisible() and page.unread.count() == 1
    item = page.unread.item(0)
    assert item.text().startswith("120.50万元") and unread in item.text()
    page.unread.itemClicked.emit(item)
    assert page.narrative.textCursor().selectedText() == unread
    page.narrative.setPlainText("一、收入支出决算总体情况说明\n本部门无此事项。")
    page.narrative.save()
    qtbot.waitUntil(lambda: "没有可识别的金额" in page.summary.text(), timeout=3000)
    assert not page.unread_toggle.isVisible()


def test_a_generated_draft_over_written_text_is_undone_with_ctrl_z(open_window, sample_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    window = open_window(sample_path)
    page = window.show_page("情况说明")
    page.narrative.setPlainText("自己写的文字")
    page.save()
    monkeypatch.setattr("desktop.gui.narrative_page.QMessageBox.question", lambda *a: QMessageBox.StandardButton.Yes)
    assert page.generate()
    assert window.session.workspace.text(NARRATIVE_KEY).startswith("一、收入支出决算总体情况说明")
    qtbot.keyClick(page.narrative, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.narrative.toPlainText() == "自己写的文字"
    page.save()
    assert window.session.workspace.text(NARRATIVE_KEY) == "自己写的文字"
    qtbot.keyClick(page.narrative, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.narrative.toPlainText().startswith("一、收入支出决算总体情况说明")


def test_a_long_narrative_is_read_off_the_main_thread(open_window, empty_path, qtbot):
    from desktop.gui.session import NARRATIVE_INLINE_CHARS

    window = open_window(empty_path)
    session = window.session
    sentence = "本单位2024年一般公共预算财政拨款支出决算为1,234.56万元，比上年增加12.3%，"
    text = sentence * (NARRATIVE_INLINE_CHARS // len(sentence) + 2)
    read = []
    session.narrative_read.connect(lambda: read.append(session.narrative_review))
    session.save_text(NARRATIVE_KEY, text)
    with qtbot.waitSignal(session.narrative_read, timeout=30000):
        session.recheck_narrative()
        assert read == []  # not read on this thread: the window keeps answering meanwhile
    assert read[-1].figures > 0
