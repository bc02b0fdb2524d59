"""The window takes a published PDF: 文件 → 从公开文件（PDF）导入…, and last year's PDF into the 上年 column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from desktop.core.definitions import CellRef
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace

REAL = Path(__file__).parent.parent / "fixtures" / "putuo-shegong-2024.pdf"


def _menu_action(window, text: str):
    return next(a for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text() == text)


def test_the_file_menu_imports_a_published_pdf_into_a_new_workspace(open_window, empty_path, tmp_path, monkeypatch, qtbot):
    window = open_window(empty_path)
    target = tmp_path / "社工部.juesuan"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(REAL), ""))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    _menu_action(window, "从公开文件（PDF）导入…").trigger()
    qtbot.waitUntil(lambda: window.session.workspace.path == target, timeout=30000)
    ws = window.session.workspace
    assert ws.unit["单位名称"] == "中共上海市普陀区委社会工作部"
    assert ws.value(CellRef("公开01", "本年收入合计", "决算数")) == Decimal("307.82")
    assert ws.text(NARRATIVE_KEY).startswith("第三部分")


def test_last_years_pdf_fills_the_last_year_column_naming_each_page(open_window, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "社工部-2025.juesuan"
    Workspace.create(path, {"单位名称": "中共上海市普陀区委社会工作部", "年度": "2025", "单位性质": "行政",
                            "主管部门": "", "金额单位": "万元"}).close()
    window = open_window(path)
    editor = window.show_page("上年决算")
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(REAL), ""))
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.exec", lambda box: shown.append(box.detailedText()))
    button = next(b for b in editor.findChildren(QPushButton) if b.text() == "从上年公开文件取数…")
    button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert window.session.workspace.value(CellRef("上年决算", "收入支出总计", "上年决算数")) == Decimal("307.82")
    assert "收入支出总计：307.82（取自公开01表第1页）" in shown[0]
    window.session.undo_stack.undo()  # one step, undoable
    assert window.session.workspace.value(CellRef("上年决算", "收入支出总计", "上年决算数")) is None
