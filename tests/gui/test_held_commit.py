"""A typed figure is shown with its findings first and committed after the window has painted them;
a commit the file refuses takes the window back to what the file holds, and says so."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from desktop.core.definitions import CellRef
from tests.gui.test_editing import type_into

PART = CellRef("公开05", "2080501", "基本支出")


def _on_disk(path) -> str | None:
    """The figure as another program reading the file sees it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM cells WHERE form = ? AND row = ? AND col = ?",
                           (PART.form, PART.row, PART.col)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


class _Flushes(QObject):
    def __init__(self, order: list[str]):
        super().__init__()
        self.order = order

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.order.append("painted")
        return False


def test_the_figure_and_its_findings_are_painted_before_the_commit_waits_for_the_disk(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    session, store = window.session, window.session.workspace.store
    before = _on_disk(sample_path)
    order: list[str] = []
    flushes = _Flushes(order)
    window.installEventFilter(flushes)
    session.findings_changed.connect(lambda _update: order.append("findings"))
    settle = store.settle

    def settling() -> None:
        if store.unsettled:
            order.append(f"settled {_on_disk(sample_path)}")
        settle()

    store.settle = settling
    type_into(qtbot, editor, PART, "9")
    for _ in range(3):
        QApplication.processEvents()
    assert order.index("findings") < order.index("painted") < order.index(f"settled {before}")
    assert not store.unsettled and _on_disk(sample_path) == "9.00"
    assert session.workspace.value(PART) == Decimal("9")


def test_a_commit_the_file_refuses_takes_the_window_back_to_the_file(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    session = window.session
    before = session.workspace.value(PART)
    shown = editor.model.data(editor.model.index_of(PART))
    said: list[str] = []
    session.message.connect(said.append)
    session.workspace.store.conn.execute("PRAGMA busy_timeout = 50")
    reader = sqlite3.connect(sample_path)  # another program in the middle of a long read
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM cells").fetchone()
    try:
        type_into(qtbot, editor, PART, "9")
        for _ in range(3):
            QApplication.processEvents()
    finally:
        reader.close()
    assert len(said) == 1 and said[0].endswith("最近的修改没有保存，窗口已按文件中保存的内容重新显示。"), said
    assert "文件正被其他程序" in said[0]
    assert session.workspace.value(PART) == before and _on_disk(sample_path) == f"{before:.2f}"
    assert editor.model.data(editor.model.index_of(PART)) == shown
    assert session.undo_stack.count() == 0 and not session.workspace.store.unsettled
    type_into(qtbot, editor, PART, "9")
    QApplication.processEvents()
    assert _on_disk(sample_path) == "9.00" and session.undo_stack.count() == 1
