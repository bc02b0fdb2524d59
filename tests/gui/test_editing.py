"""Editing like Excel: type, move, refuse bad input, paste ranges, undo and redo, coded rows."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.core.definitions import CellRef
from desktop.gui.findings_model import FINDING_ROLE


def press(widget, char: str) -> None:
    """A key press carrying any character, full-width digits included (QTest knows only ASCII)."""
    key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, editor, ref: CellRef, text: str, key=Qt.Key.Key_Return) -> None:
    """Select the cell and type over it the way a user does, ending with Enter (or Tab)."""
    view = editor.view
    index = editor.model.index_of(ref)
    assert index.isValid(), ref
    view.setCurrentIndex(index)
    view.setFocus()
    press(view, text[0])
    line = view.indexWidget(index)
    assert line is not None, "typing a character must open the cell editor"
    for char in text[1:]:
        press(line, char)
    qtbot.keyClick(line, key)
    QApplication.processEvents()  # the delegate commits on a queued call


def pane_rules(window) -> list[tuple[str, str, str]]:
    model = window.findings.model
    return [
        (f.rule, f.severity, f.cells[0].row if f.cells else "")
        for f in (model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount()))
    ]


def codes(editor) -> list[str]:
    rows = editor.session.workspace.structure.value_rows(editor.form_id)
    return [r.code for r in rows if r.code]


def test_typing_saves_moves_down_and_checks_at_once(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    assert editor.add_row("2080101") and editor.add_row("2080102")
    ws = window.session.workspace
    basic = CellRef("公开03", "2080101", "基本支出")

    type_into(qtbot, editor, basic, "1,234.5")

    assert ws.value(basic) == Decimal("1234.50")
    assert ws.store.typed_cells()[basic] == Decimal("1234.50")  # on disk, no Save
    assert editor.view.currentIndex() == editor.model.index_of(CellRef("公开03", "2080102", "基本支出"))
    total = CellRef("公开03", "合计", "本年支出合计")
    assert ws.value(total) == Decimal("1234.50") and ws.values.is_computed(total)
    assert editor.model.index_of(total).data() == "1,234.50"
    # 公开01 is still blank: the cross-table rule is a 提示 "公开01 尚未填写" in the pane at once.
    assert ("公开03-11", "提示", "合计") in pane_rules(window)  # 公开01 not filled yet
    assert "错误 " in window.counts_label.text()

    type_into(qtbot, editor, CellRef("公开03", "2080102", "项目支出"), "５６", key=Qt.Key.Key_Tab)
    assert ws.value(CellRef("公开03", "2080102", "项目支出")) == Decimal("56.00")
    assert editor.view.currentIndex() == editor.model.index_of(CellRef("公开03", "2080102", "上缴上级支出"))


def test_text_in_a_number_cell_is_refused_and_the_cell_keeps_its_value(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    ref = CellRef("公开03", "2080101", "基本支出")
    type_into(qtbot, editor, ref, "12")
    type_into(qtbot, editor, ref, "十二万")
    assert window.session.workspace.value(ref) == Decimal("12.00")
    message = window.statusBar().currentMessage()
    assert "公开03" in message and "2080101 行政运行" in message and "基本支出" in message
    assert "不是有效的数字" in message
    # The editor stays open with what was typed, to be corrected or abandoned with Esc.
    line = editor.view.indexWidget(editor.model.index_of(ref))
    assert line is not None and line.text() == "十二万"
    line.setText("12.5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.session.workspace.value(ref) == Decimal("12.50")


def test_paste_a_block_from_excel_is_one_undo_step(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    for code in ("2080101", "2080102", "2080104", "2080105", "2080106"):
        editor.add_row(code)
    ws = window.session.workspace
    stack = window.session.undo_stack
    steps = stack.count()
    excel = (
        "1,234.50\t10\t\r\n"
        "５６\t-\t0.5\r\n"
        " 7 \t—\t8\r\n"
        "9.1\t2\t3\r\n"
        "4\t5\t6\r\n"
    )
    QGuiApplication.clipboard().setText(excel)
    editor.view.setCurrentIndex(editor.model.index_of(CellRef("公开03", "2080101", "基本支出")))
    qtbot.keyClick(editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    columns = ("基本支出", "项目支出", "上缴上级支出")
    rows = ("2080101", "2080102", "2080104", "2080105", "2080106")
    expected = [
        ["1234.50", "10.00", None], ["56.00", None, "0.50"], ["7.00", None, "8.00"],
        ["9.10", "2.00", "3.00"], ["4.00", "5.00", "6.00"],
    ]
    pasted = {
        CellRef("公开03", row, col): (Decimal(v) if v else None)
        for row, line in zip(rows, expected) for col, v in zip(columns, line)
    }
    assert {ref: ws.value(ref) for ref in pasted} == pasted
    assert stack.count() == steps + 1
    assert len(editor.view.selectedIndexes()) == 15
    total = CellRef("公开03", "合计", "本年支出合计")
    assert ws.value(total) == Decimal("1345.10")
    assert ("公开03-11", "提示", "合计") in pane_rules(window)  # 公开01 not filled yet

    window.undo_group.undo()
    assert all(ws.value(ref) is None for ref in pasted)
    assert ws.store.typed_cells() == {}
    assert ("公开03-11", "提示", "合计") not in pane_rules(window)
    window.undo_group.redo()
    assert {ref: ws.value(ref) for ref in pasted} == pasted
    assert ("公开03-11", "提示", "合计") in pane_rules(window)  # 公开01 not filled yet


def test_a_paste_with_one_bad_figure_changes_nothing(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    editor.add_row("2080102")
    QGuiApplication.clipboard().setText("1\t2\r\n3\tabc\r\n")
    editor.view.setCurrentIndex(editor.model.index_of(CellRef("公开03", "2080101", "基本支出")))
    editor.view.paste()
    assert window.session.workspace.store.typed_cells() == {}
    assert "未粘贴" in window.statusBar().currentMessage() and "abc" in window.statusBar().currentMessage()


def test_copy_gives_excel_text(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开09")
    view = editor.view
    first = editor.model.index_of(CellRef("公开09", "预算数", "合计"))
    last = editor.model.index_of(CellRef("公开09", "决算数", "因公出国（境）费"))
    view.setCurrentIndex(first)
    view.selectionModel().select(
        type(view.selectionModel().selection())(first, last),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "2.57\t\r\n2.57\t\r\n"


def test_delete_clears_and_a_typed_total_returns_to_computing(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    ws = window.session.workspace
    part = CellRef("公开03", "2080101", "基本支出")
    row_total = CellRef("公开03", "2080101", "本年支出合计")
    type_into(qtbot, editor, part, "10")
    type_into(qtbot, editor, row_total, "11")
    assert ws.values.is_typed(row_total)
    assert ("公开03-01", "错误", "2080101") in pane_rules(window)
    assert "手工填写" in editor.model.index_of(row_total).data(Qt.ItemDataRole.ToolTipRole)

    editor.view.setCurrentIndex(editor.model.index_of(row_total))
    assert editor.restore_computed()
    assert ws.value(row_total) == Decimal("10.00") and ws.values.is_computed(row_total)
    assert ("公开03-01", "错误", "2080101") not in pane_rules(window)
    assert "自动计算" in editor.model.index_of(row_total).data(Qt.ItemDataRole.ToolTipRole)

    editor.view.setCurrentIndex(editor.model.index_of(part))
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert ws.value(part) is None and ws.value(row_total) is None


def test_adding_a_item_brings_its_kuan_and_lei_and_totals_recompute(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开05")
    editor.code_input.setText("2080105")
    qtbot.keyClick(editor.code_input, Qt.Key.Key_Return)
    assert codes(editor) == ["208", "20801", "2080105"]
    editor.code_input.setText("2010101 行政运行")  # picked from the completer
    qtbot.keyClick(editor.code_input, Qt.Key.Key_Return)
    assert codes(editor) == ["201", "20101", "2010101", "208", "20801", "2080105"]
    assert editor.code_input.text() == ""

    ws = window.session.workspace
    type_into(qtbot, editor, CellRef("公开05", "2080105", "基本支出"), "30")
    type_into(qtbot, editor, CellRef("公开05", "2010101", "项目支出"), "12.5")
    assert ws.value(CellRef("公开05", "20801", "小计")) == Decimal("30.00")
    assert ws.value(CellRef("公开05", "208", "基本支出")) == Decimal("30.00")
    assert ws.value(CellRef("公开05", "合计", "小计")) == Decimal("42.50")
    assert editor.model.index_of(CellRef("公开05", "合计", "小计")).data() == "42.50"

    # Removing the 类 takes its 款, 项 and figures; undo brings them all back.
    editor.view.setCurrentIndex(editor.model.index_of(CellRef("公开05", "208", "小计")))
    assert editor.remove_current_row()
    assert codes(editor) == ["201", "20101", "2010101"]
    assert ws.value(CellRef("公开05", "合计", "小计")) == Decimal("12.50")
    window.undo_group.undo()
    assert codes(editor) == ["201", "20101", "2010101", "208", "20801", "2080105"]
    assert ws.value(CellRef("公开05", "2080105", "基本支出")) == Decimal("30.00")
    window.undo_group.undo()
    window.undo_group.undo()
    window.undo_group.undo()  # the two figures, then the 201 rows
    assert codes(editor) == ["208", "20801", "2080105"]


def test_a_code_missing_from_the_catalogue_is_added_with_its_name(open_window, empty_path, qtbot, monkeypatch):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    monkeypatch.setattr(
        "desktop.gui.form_editor.QInputDialog.getText", lambda *a, **k: ("地方自设科目", True)
    )
    editor.code_input.setText("2080188")
    qtbot.keyClick(editor.code_input, Qt.Key.Key_Return)
    assert codes(editor) == ["208", "20801", "2080188"]
    row = window.session.workspace.structure.row("公开03", "2080188")
    assert row.custom and row.label == "地方自设科目"
    name_cell = next(
        editor.model.index(r, 1) for r in range(editor.model.rowCount())
        if editor.model.index(r, 0).data() == "2080188"
    )
    assert "不在科目表中" in name_cell.data(Qt.ItemDataRole.ToolTipRole)


def test_an_unknown_name_is_refused_with_a_message(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.code_input.setText("没有这个科目")
    qtbot.keyClick(editor.code_input, Qt.Key.Key_Return)
    assert codes(editor) == []
    assert "没有这个科目" in window.statusBar().currentMessage()
