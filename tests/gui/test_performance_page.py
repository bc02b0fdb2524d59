"""The 绩效自评 pages driven as a user does: the sample's finding, typing, pasting, projects and rows with undo."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core.definitions import CellRef
from desktop.gui.findings_model import FINDING_ROLE
from desktop.gui.opening import open_session
from desktop.gui.performance_model import PerformanceModel
from test_editing import type_into


def _pane_keys(window) -> list[str]:
    model = window.findings.table.model()
    return [model.index(r, 0).data(FINDING_ROLE).key for r in range(model.rowCount())]


def _project(ws, name):
    return next(t for t in ws.performance.projects() if t.name == name)


def test_the_sample_opens_with_the_running_costs_finding(open_window, sample_path):
    window = open_window(sample_path)
    ws = window.session.workspace
    running = _project(ws, "机关运行经费")
    keys = _pane_keys(window)
    assert keys[0] == f"说明-绩效自评:{running.id}:actual"
    # A table finding opens its project with the cells selected.
    key = next(k for k in keys if k.startswith("绩效项目-06:"))
    window.show_finding(window.session.finding(key))
    page = window.pages["绩效项目"]
    assert window.stack.currentWidget() is page
    assert page.model.table.id == int(key.split(":")[1])
    selected = {page.model.ref_at(i.row(), i.column()).col for i in page.view.selectedIndexes()}
    assert selected == {"得分", "分值", "执行率"}


def test_typing_a_rate_and_a_score(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("绩效项目")
    ws = window.session.workspace
    running = _project(ws, "机关运行经费")
    page.select_table(running.id)
    type_into(qtbot, page, CellRef("绩效项目", f"{running.id}:当年财政拨款", "执行率"), "0.5747")
    assert ws.performance.number(running, "当年财政拨款", "执行率") == Decimal("57.47")
    assert "视为比例，按 57.47% 理解" in window.statusBar().currentMessage()
    assert f"绩效项目-01:{running.id}:当年财政拨款:执行率" in _pane_keys(window)
    score = page.model.index_of(CellRef("绩效项目", f"{running.id}:总分", "得分"))
    assert page.model.refusal(score, "九十四").startswith("项目支出绩效自评表「机关运行经费」「总分」行「得分」栏")
    assert not page.model.setData(score, "九十四")
    assert ws.performance.number(running, "总分", "得分") == Decimal("94")
    window.session.undo_stack.undo()
    assert ws.performance.number(running, "当年财政拨款", "执行率") == Decimal("57.45")
    assert f"绩效项目-01:{running.id}:当年财政拨款:执行率" not in _pane_keys(window)


def test_pasting_indicator_rows_from_excel_is_one_step(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("绩效项目")
    ws = window.session.workspace
    stack = window.session.undo_stack
    table = page.model.table
    first = ws.performance.block_rows(table, ws.performance.form_of(table).block("指标"))[0]
    steps = stack.count()
    QGuiApplication.clipboard().setText("13000平方米\t13059平方米\r\n")
    page.view.setCurrentIndex(page.model.index_of(CellRef("绩效项目", f"{table.id}:{first}", "年度指标值")))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert ws.performance.text(table, first, "年度指标值") == "13000平方米"
    assert stack.count() == steps + 1


def test_projects_and_rows_are_added_renamed_removed_and_undone(open_window, sample_path):
    window = open_window(sample_path)
    page = window.show_page("绩效项目")
    ws = window.session.workspace
    stack = window.session.undo_stack
    with mock.patch.object(QInputDialog, "getText", return_value=("人才引进专项", True)):
        page.add_project()
    added = _project(ws, "人才引进专项")
    assert page.model.table.id == added.id and page.projects.count() == 9
    page.add_row()
    assert len(added.rows) == 1
    with mock.patch.object(QInputDialog, "getText", return_value=("人才引进专项经费", True)):
        page.rename_project()
    assert page.projects.currentItem().text() == "人才引进专项经费"
    running = _project(ws, "机关运行经费")
    page.select_table(running.id)
    with mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        page.remove_project()
    assert "机关运行经费" not in [t.name for t in ws.performance.projects()]
    stack.undo()
    assert _project(ws, "机关运行经费").id == running.id
    for _ in range(3):
        stack.undo()
    assert "人才引进专项" not in [t.name for t in ws.performance.projects()]
    assert page.projects.count() == 8


def test_the_model_passes_the_model_tester(qtmodeltester, sample_path):
    session = open_session(sample_path)
    try:
        model = PerformanceModel(session, "绩效项目")
        model.show_table(session.workspace.performance.projects()[1].id)
        qtmodeltester.check(model, force_py=True)
        table = model.table
        model.setData(model.index_of(CellRef("绩效项目", f"{table.id}:年度资金总额", "得分")), "5")
        session.undo_stack.undo()
        qtmodeltester.check(model, force_py=True)
    finally:
        session.close()
