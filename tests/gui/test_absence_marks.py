"""An absent table or column in the window: marked in the list, explained over the form, and
typing into it (a figure or a 空表说明) makes it present until undone."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.core.definitions import CellRef
from desktop.core.unread import Unread
from desktop.core.workspace import Workspace

FIGURE = CellRef("公开05", "合计", "基本支出")


def _absent_05(sample_path):
    with Workspace.open(sample_path) as ws:
        ws.set_values([(ref, None) for ref in ws.values.typed if ref.form == "公开05"])
        ws.set_values([(ref, None) for ref in ws.values.typed if ref.form == "公开09" and ref.col == "会议费"])
        ws.set_absent({("公开05", ""), ("公开09", "会议费")})


def _nav_text(window, key: str) -> str:
    return window.nav_model.index(window.nav_model.row_of(key)).data(Qt.ItemDataRole.DisplayRole)


def test_an_absent_table_is_marked_and_a_figure_makes_it_present_until_undone(open_window, sample_path, qtbot):
    _absent_05(sample_path)
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    assert _nav_text(window, "公开05").startswith("公开05（缺表）") and _nav_text(window, "公开09").startswith("公开09（缺栏）")
    assert "（缺" not in _nav_text(window, "公开04")
    assert editor.absence.isVisible() and "导入的工作簿中没有本表" in editor.absence.text()
    assert "未核对" in editor.absence.text()
    assert "“会议费”栏" in window.show_page("公开09").absence.text()
    window.show_page("公开05")

    model = editor.model
    assert model.setData(model.index_of(FIGURE), "12.5", Qt.ItemDataRole.EditRole)
    ws = window.session.workspace
    assert ("公开05", "") not in ws.absent and ws.value(FIGURE) == Decimal("12.50")
    assert not editor.absence.isVisible() and "（缺表）" not in _nav_text(window, "公开05")

    window.session.undo_stack.undo()
    assert ("公开05", "") in ws.absent and ws.value(FIGURE) is None
    assert editor.absence.isVisible() and "（缺表）" in _nav_text(window, "公开05")
    assert ws.missing_tables() == ["公开05"] and "公开05-00::" in ws.engine.findings
    window.session.undo_stack.redo()
    assert ("公开05", "") not in ws.absent and ws.value(FIGURE) == Decimal("12.50")


def test_a_note_makes_an_absent_table_present_and_undo_makes_it_absent_again(open_window, sample_path, qtbot):
    _absent_05(sample_path)
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    editor.note.setText("本单位本年度没有一般公共预算财政拨款支出，故本表为空表。")
    editor.note.editingFinished.emit()
    ws = window.session.workspace
    assert ws.missing_tables() == [] and not editor.absence.isVisible()
    window.session.undo_stack.undo()
    assert ws.missing_tables() == ["公开05"] and editor.absence.isVisible() and editor.note.text() == ""
    # The undo wrote through the workspace: the file says the same.
    assert ws.store.absent() == {("公开05", ""), ("公开09", "会议费")}


UNREAD = [Unread("公开05", "", "项目支出", "“公开05”工作表 E14", "14.58"),
          Unread("公开05", "2080101", "小计", "“公开05”工作表 C13", "2818.24（含结转）")]


def test_unread_figures_are_marked_and_checking_the_table_ends_their_wait_until_undone(open_window, sample_path, qtbot):
    with Workspace.open(sample_path) as ws:
        ws.set_values([(CellRef("公开05", "2080101", "小计"), None)])
        ws.set_unread(UNREAD)
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    ws = window.session.workspace
    assert _nav_text(window, "公开05").startswith("公开05（未读入）")
    assert editor.absence.isVisible() and editor.settled.isVisible()
    assert "2 个数字未能读入（“公开05”工作表 E14 的 14.58、“公开05”工作表 C13 的 2818.24（含结转））" in editor.absence.text()
    assert "「项目支出」栏、「2080101 行政运行」行「小计」栏" in editor.absence.text()
    assert not window.show_page("公开04").settled.isVisible()
    window.show_page("公开05")
    assert CellRef("公开05", "合计", "项目支出") in ws.unknown

    qtbot.mouseClick(editor.settled, Qt.MouseButton.LeftButton)
    assert ws.unread == [] and not editor.absence.isVisible() and not editor.settled.isVisible()
    assert "（未读入）" not in _nav_text(window, "公开05")
    assert CellRef("公开05", "合计", "项目支出") not in ws.unknown
    window.session.undo_stack.undo()
    assert sorted(ws.unread) == sorted(UNREAD) and editor.settled.isVisible()

    # The figure typed into the one cell it may be: that wait ends, the other stays.
    model = editor.model
    assert model.setData(model.index_of(CellRef("公开05", "2080101", "小计")), "2818.24", Qt.ItemDataRole.EditRole)
    assert ws.unread == UNREAD[:1] and "1 个数字未能读入" in editor.absence.text()
    window.session.undo_stack.undo()
    assert sorted(ws.unread) == sorted(UNREAD)
