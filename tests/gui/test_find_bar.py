"""查找 (Ctrl+F): a bar over the tables that steps through codes, names and amounts with keys."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.definitions import CellRef
from desktop.gui.find_bar import ALL_TABLES, THIS_TABLE
from desktop.gui.narrative_page import NarrativePage
from desktop.gui.navigation import NARRATIVE_PAGE
from desktop.gui.performance_page import PerformancePage
from test_editing import press
from test_window_view import activate


def _filled(window):
    session = window.session
    session.add_rows("公开05", "2080101")
    session.add_rows("公开05", "2080199")
    session.add_rows("公开03", "2080101")
    session.edit_values([
        (CellRef("公开05", "2080101", "基本支出"), Decimal("1234.50")),
        (CellRef("公开05", "2080101", "项目支出"), Decimal("1")),
        (CellRef("公开05", "2080199", "基本支出"), Decimal("10")),
        (CellRef("公开05", "2080199", "项目支出"), Decimal("1234.5")),
        (CellRef("公开03", "2080101", "基本支出"), Decimal("7")),
        (CellRef("公开03", "2080101", "项目支出"), Decimal("1234.5")),
    ], "填写")


def _selected(window) -> set[CellRef]:
    editor = window.current_editor()
    return {editor.model.ref_at(i.row(), i.column()) for i in editor.view.selectedIndexes()}


def _open(qtbot, window):
    return _open_on(qtbot, window, window.current_editor().view)


def _open_on(qtbot, window, widget):
    activate(qtbot, window)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.input
    return bar


def test_an_amount_is_found_in_the_table_and_stepped_through_with_keys(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    _filled(window)
    window.show_page("公开05")
    bar = _open(qtbot, window)
    qtbot.keyClicks(bar.input, "1,234.50")
    assert bar.count.text() == "0/2"  # found, nothing chosen yet: the table does not jump while typing

    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert bar.count.text() == "1/2"
    assert _selected(window) == {CellRef("公开05", "2080101", "基本支出")}
    assert QApplication.focusWidget() is bar.input  # Enter again goes on
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert _selected(window) == {CellRef("公开05", "2080199", "项目支出")} and bar.count.text() == "2/2"
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)  # wraps round
    assert bar.count.text() == "1/2"
    qtbot.keyClick(bar.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(window) == {CellRef("公开05", "2080199", "项目支出")} and bar.count.text() == "2/2"
    qtbot.keyClick(bar.input, Qt.Key.Key_F3)
    assert bar.count.text() == "1/2"

    qtbot.keyClick(bar.input, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is window.current_editor().view


def test_across_all_tables_the_next_hit_switches_table(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    _filled(window)
    window.show_page("公开05")
    bar = _open(qtbot, window)
    bar.scope.setCurrentText(ALL_TABLES)
    qtbot.keyClicks(bar.input, "1234.5")
    total = len(bar.hits)
    assert total >= 3 and bar.count.text() == f"0/{total}"
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert window.current_editor().form_id == "公开03"  # the first table in order that has it
    assert _selected(window) == {bar.hits[0].ref}
    forms = []
    for _ in range(total - 1):
        qtbot.keyClick(bar.input, Qt.Key.Key_F3)
        forms.append(window.current_editor().form_id)
    assert forms[-1] == "公开05" and bar.count.text() == f"{total}/{total}"
    assert _selected(window) == {CellRef("公开05", "2080199", "项目支出")}


def test_a_code_and_a_name_select_their_stub_cells(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    _filled(window)
    editor = window.show_page("公开05")
    bar = _open(qtbot, window)
    qtbot.keyClicks(bar.input, "2080199")
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    index = editor.view.selectedIndexes()[0]
    assert index.data() == "2080199" and bar.count.text() == "1/1"

    bar.input.clear()
    for char in "行政运行":
        press(bar.input, char)
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert editor.view.selectedIndexes()[0].data() == "行政运行"

    bar.input.clear()
    qtbot.keyClicks(bar.input, "99999")
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert bar.count.text() == "无结果"


def test_an_edit_keeps_the_place_in_the_results(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    _filled(window)
    window.show_page("公开05")
    bar = _open(qtbot, window)
    qtbot.keyClicks(bar.input, "1234.5")
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    # The figure under the first hit changes: the next step finds what is there now, from there on.
    window.session.edit_values([(CellRef("公开05", "2080101", "基本支出"), Decimal("3"))], "填写")
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert _selected(window) == {CellRef("公开05", "2080199", "项目支出")}
    assert bar.count.text() == "1/1"


def _text_selected(page) -> str:
    # Qt gives a selection's line breaks as U+2029.
    return page.narrative.textCursor().selectedText().replace("\u2029", "\n")


def test_a_rate_is_found_in_the_project_table_and_in_the_narrative(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    window.show_page("公开01")
    bar = _open(qtbot, window)
    bar.scope.setCurrentText(ALL_TABLES)
    qtbot.keyClicks(bar.input, "57.45")
    text = window.session.workspace.text(NARRATIVE_PAGE)
    total = 2 + text.count("57.45")
    assert bar.count.text() == f"0/{total}"

    qtbot.keyClick(bar.input, Qt.Key.Key_F3)
    page = window.stack.currentWidget()
    assert isinstance(page, PerformancePage) and page.form_id == "绩效项目"
    assert page.model.table.name == "机关运行经费"
    assert page.projects.currentItem().text() == "机关运行经费"
    selected = page.view.selectedIndexes()
    assert [i.data() for i in selected] == ["57.45%"]
    assert page.model.ref_at(selected[0].row(), selected[0].column()).col == "执行率"
    assert bar.count.text() == f"1/{total}" and QApplication.focusWidget() is bar.input
    assert window.statusBar().currentMessage() == "查找：项目支出绩效自评表「机关运行经费」「年度资金总额」行「执行率（B/A）」栏"

    qtbot.keyClick(bar.input, Qt.Key.Key_F3)
    qtbot.keyClick(bar.input, Qt.Key.Key_F3)
    narrative = window.stack.currentWidget()
    assert isinstance(narrative, NarrativePage)
    assert _text_selected(narrative) == "57.45%"
    assert narrative.narrative.textCursor().selectionStart() == text.index("57.45%")
    assert QApplication.focusWidget() is bar.input  # the next F3 goes on from the bar
    assert window.statusBar().currentMessage() == ""  # the project's cell is no longer the place
    assert len(narrative.narrative.extraSelections()) == total - 2  # the page was made by this step
    for _ in range(total - 3):
        qtbot.keyClick(bar.input, Qt.Key.Key_F3)
    assert bar.count.text() == f"{total}/{total}"
    qtbot.keyClick(bar.input, Qt.Key.Key_F3)  # wraps round to the project table
    assert window.stack.currentWidget() is page and bar.count.text() == f"1/{total}"
    qtbot.keyClick(bar.input, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # and back
    assert window.stack.currentWidget() is narrative
    assert narrative.narrative.textCursor().selectionStart() == text.rindex("57.45%")


def test_this_page_on_the_narrative_searches_its_text_only(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page(NARRATIVE_PAGE)
    activate(qtbot, window)
    page.narrative.setFocus()
    qtbot.keyClick(page.narrative, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.scope.currentText() == THIS_TABLE
    for char in "机关运行经费":
        press(bar.input, char)
    text = window.session.workspace.text(NARRATIVE_PAGE)
    count = text.count("机关运行经费")
    assert count >= 2 and bar.count.text() == f"0/{count}"  # not the project's name nor the 上年决算 row
    qtbot.keyClick(bar.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # from the end
    assert window.stack.currentWidget() is page and bar.count.text() == f"{count}/{count}"
    cursor = page.narrative.textCursor()
    assert _text_selected(page) == "机关运行经费" and cursor.selectionStart() == text.rindex("机关运行经费")

    # Text typed into the narrative a moment ago is searched too.
    page.narrative.moveCursor(QTextCursor.MoveOperation.End)
    page.narrative.insertPlainText("\n十五、机关运行经费另附。")
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert bar.count.text() == f"{count + 1}/{count + 1}"
    assert page.narrative.textCursor().selectionStart() == page.narrative.toPlainText().rindex("机关运行经费")

    qtbot.keyClick(bar.input, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.narrative


def test_this_page_on_the_projects_steps_through_every_project(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("绩效项目")
    bar = _open_on(qtbot, window, page.view)
    qtbot.keyClicks(bar.input, "100%")
    names = [window.session.workspace.performance.tables[h.table].name for h in bar.hits]
    assert bar.hits and {h.form for h in bar.hits} == {"绩效项目"} and len(set(names)) > 2
    seen = []
    for _ in bar.hits:
        qtbot.keyClick(bar.input, Qt.Key.Key_Return)
        index = page.view.selectedIndexes()[0]
        seen.append((page.model.table.name, index.data()))
    assert seen == [(name, h.text) for name, h in zip(names, bar.hits)]
    assert {h.text for h in bar.hits} == {"100%", "100.00%"}  # a rate of 100 is one figure however printed


def test_this_page_on_the_whole_table_selects_its_cells(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("绩效整体")
    bar = _open_on(qtbot, window, page.view)
    name = page.model.table.name
    bar.input.setText(name)
    assert {h.form for h in bar.hits} == {"绩效整体"}
    qtbot.keyClick(bar.input, Qt.Key.Key_Return)
    assert [i.data() for i in page.view.selectedIndexes()] == [name]
    assert window.stack.currentWidget() is page


def test_every_match_in_the_narrative_is_tinted_until_the_bar_closes(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page(NARRATIVE_PAGE)
    bar = _open_on(qtbot, window, page.narrative)
    bar.input.setText("146.49")
    text = window.session.workspace.text(NARRATIVE_PAGE)
    marks = page.narrative.extraSelections()
    assert [(m.cursor.selectionStart(), m.cursor.selectedText()) for m in marks] == [
        (h.start, text[h.start:h.end]) for h in bar.hits
    ]
    assert len(marks) == text.count("146.49") >= 2
    qtbot.keyClick(bar.input, Qt.Key.Key_Escape)
    assert page.narrative.extraSelections() == []
    qtbot.keyClick(page.narrative, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert len(page.narrative.extraSelections()) == len(marks)
