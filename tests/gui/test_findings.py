"""The 审核结果 pane: a click selects the finding's cells; 出错说明 are kept in the file; filters; badges."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.definitions import CellRef
from desktop.gui.app import application
from desktop.gui.findings_model import EXPLANATION, FINDING_ROLE
from desktop.gui.main_window import MainWindow
from desktop.gui.navigation import COUNTS_ROLE


def pane_row(window, predicate) -> int:
    table = window.findings.table
    for row in range(table.model().rowCount()):
        finding = table.model().index(row, 0).data(FINDING_ROLE)
        if predicate(finding):
            return row
    raise AssertionError("no such finding in the pane")


def click_row(qtbot, window, row: int, double: bool = False) -> None:
    table = window.findings.table
    table.scrollTo(table.model().index(row, 2))
    centre = table.visualRect(table.model().index(row, 2)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if double:  # the press that precedes a double click, as the system sends it
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def selected_refs(editor) -> set[CellRef]:
    return {editor.model.ref_at(i.row(), i.column()) for i in editor.view.selectedIndexes()}


def test_clicking_a_finding_opens_its_form_and_selects_its_cells(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    window.show_page("公开01")
    row = pane_row(window, lambda f: f.rule == "公开05-02" and f.cells[0].row == "20801")
    finding = window.findings.table.model().index(row, 0).data(FINDING_ROLE)
    click_row(qtbot, window, row)

    editor = window.current_editor()
    assert editor.form_id == "公开05"
    expected = {CellRef(c.form, c.row, c.column) for c in finding.cells}
    assert len(expected) > 2 and selected_refs(editor) == expected
    assert window.nav.currentIndex().data() .startswith("公开05")
    # The involved cells carry the finding: outline colour role and tooltip with the figures.
    index = editor.model.index_of(CellRef("公开05", "20801", finding.cells[0].column))
    assert index.data(Qt.ItemDataRole.UserRole + 3) == "提示"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "公开05-02" in tip and "应为" in tip and "实为" in tip and "差额" in tip


def test_a_cross_table_finding_selects_the_cells_on_its_own_form(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    window.session.edit_values([(CellRef("公开03", "2080101", "基本支出"), 5)], "填写")
    window.show_page("单位信息")
    row = pane_row(window, lambda f: f.rule == "公开03-11")
    click_row(qtbot, window, row)
    editor = window.current_editor()
    assert editor.form_id == "公开03"
    assert selected_refs(editor) == {CellRef("公开03", "合计", "本年支出合计")}
    assert "另涉及公开01" in window.statusBar().currentMessage()


def test_an_explanation_is_kept_in_the_file(open_window, sample_path, qtbot, monkeypatch):
    monkeypatch.setattr(
        "desktop.gui.window_findings.QInputDialog.getMultiLineText",
        lambda *a, **k: ("按财政批复口径四舍五入，差 0.01 万元。", True),
    )
    window = open_window(sample_path)
    row = pane_row(window, lambda f: f.rule == "公开01-03")
    key = window.findings.table.model().index(row, 0).data(FINDING_ROLE).key
    click_row(qtbot, window, row, double=True)
    assert window.findings.table.model().index(row, EXPLANATION).data() == "按财政批复口径四舍五入，差 0.01 万元。"
    window.close()

    again = open_window(sample_path)
    row = pane_row(again, lambda f: f.key == key)
    assert again.findings.table.model().index(row, EXPLANATION).data() == "按财政批复口径四舍五入，差 0.01 万元。"
    editor = again.show_page("公开01")
    cell = next(iter(again.session.cells_of(key)))
    assert "出错说明：按财政批复口径" in editor.model.index_of(cell).data(Qt.ItemDataRole.ToolTipRole)


def test_an_error_cannot_be_explained_away(open_window, empty_path, qtbot, monkeypatch):
    asked, told = [], []
    monkeypatch.setattr(
        "desktop.gui.window_findings.QInputDialog.getMultiLineText", lambda *a, **k: asked.append(1) or ("x", True)
    )
    monkeypatch.setattr("desktop.gui.window_findings.QMessageBox.information", lambda *a: told.append(a[2]))
    window = open_window(empty_path)
    row = pane_row(window, lambda f: f.severity == "错误")
    click_row(qtbot, window, row, double=True)
    assert asked == [] and window.session.workspace.explanations == {}
    assert len(told) == 1 and "须更正" in told[0]


def test_filters_narrow_the_list(open_window, sample_path):
    window = open_window(sample_path)
    pane = window.findings
    total = pane.proxy.rowCount()
    # The tables' 23 尾差, and what the sample's 情况说明 and 绩效自评表 print wrong or doubtful.
    assert total == 23 + 3 + 5
    pane.severity_boxes["提示"].setChecked(False)
    assert pane.proxy.rowCount() == 6
    pane.severity_boxes["提示"].setChecked(True)
    pane.show_form("公开06")
    assert 0 < pane.proxy.rowCount() < total
    assert all(
        "公开06" in {c.form for c in pane.proxy.index(r, 0).data(FINDING_ROLE).cells} | {
            pane.proxy.index(r, 0).data(FINDING_ROLE).form}
        for r in range(pane.proxy.rowCount())
    )
    pane.show_form("")
    pane.rule_box.setText("公开02-02")
    assert pane.proxy.rowCount() == sum(
        1 for f in window.session.workspace.findings() if f.rule == "公开02-02"
    )
    assert pane.shown.text() == f"显示 {pane.proxy.rowCount()} / {total} 条"


def test_badges_follow_edits(open_window, empty_path):
    window = open_window(empty_path)
    nav = window.nav_model
    row = nav.row_of("公开03")
    assert nav.index(row).data(COUNTS_ROLE)["错误"] == 1  # empty and no 空表说明
    editor = window.show_page("公开03")
    editor.note.setText("本单位无此项支出，故本表为空表。")
    editor.note.editingFinished.emit()
    assert window.session.workspace.notes["公开03"] == "本单位无此项支出，故本表为空表。"
    assert nav.index(row).data(COUNTS_ROLE)["错误"] == 0
    editor.add_row("2080101")
    window.session.edit_values([(CellRef("公开03", "2080101", "基本支出"), 5)], "填写")
    # 合计 and 类 differ from 公开01, which is not filled yet: two 提示, no 错误 on the table filled first.
    counts = nav.index(row).data(COUNTS_ROLE)
    assert counts["错误"] == 0
    assert sum("公开01 尚未填写" in f.message for f in window.session.workspace.findings()) == 2
    window.undo_group.undo()
    assert nav.index(row).data(COUNTS_ROLE)["错误"] == 0


def test_the_narrative_is_read_once_the_window_is_up(qtbot, sample_path):
    application()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    assert window.session.narrative == {}  # the first frame shows the tables' findings alone
    with qtbot.waitSignal(window.session.narrative_read, timeout=10_000):
        window.show()
    assert window.findings.proxy.rowCount() == 23 + 3 + 5
