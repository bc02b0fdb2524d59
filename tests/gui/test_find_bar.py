"""查找 (Ctrl+F): a bar over the tables that steps through codes, names and amounts with keys."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.definitions import CellRef
from desktop.gui.find_bar import ALL_TABLES
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
    activate(qtbot, window)
    window.current_editor().view.setFocus()
    qtbot.keyClick(window.current_editor().view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
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
