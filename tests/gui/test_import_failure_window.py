"""从 Excel 导入 from the window that fails part-way: the workspace, open or not, stays as it was,
the views show it as it was, and the user is told in Chinese."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from desktop.core.snapshot import dump
from desktop.core.store.workspace_file import WorkspaceFile
from desktop.core.workspace import Workspace

REF = CellRef("公开09", "决算数", "会议费")


@pytest.fixture
def other_book(sample_path, tmp_path):
    """The sample with a figure in five changed: importing it rewrites hundreds of cells."""
    path = tmp_path / "另一份.xlsx"
    with Workspace.open(sample_path) as ws:
        for ref in sorted(ws.values.typed)[::5]:
            ws.set_value(ref, ws.values.typed[ref] + Decimal("2.00"))
        ws.set_empty_note("公开08", "本单位没有国有资本经营预算财政拨款收支，故本表为空表。")
        write_workbook(ws, path)
        # Back to the sample, so the window opens on something else than the workbook holds.
        for ref in sorted(ws.values.typed)[::5]:
            ws.set_value(ref, ws.values.typed[ref] - Decimal("2.00"))
        ws.set_empty_note("公开08", "")
    return path


def _fail_cell_write_at(monkeypatch, k: int) -> None:
    """The disk fails writing the k-th cell of the import, the cells before it written."""
    real = WorkspaceFile.set_cells
    written = [0]

    def failing(self, changes):
        before = written[0]
        written[0] += len(changes)
        if before < k <= written[0]:
            real(self, changes[:k - before - 1])
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, changes)

    monkeypatch.setattr(WorkspaceFile, "set_cells", failing)


def _state(ws) -> tuple:
    return dump(ws), ws.store.history()


@pytest.mark.parametrize("k", [1, 17, 50])
def test_a_failed_import_into_the_open_workspace_changes_nothing(open_window, sample_path, other_book, monkeypatch, qtbot, k):
    window = open_window(sample_path)
    window.session.edit_values([(REF, Decimal("60.00"))], "填写")
    ws = window.session.workspace
    before = _state(ws)
    warned = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(sample_path), ""))
    snapshot, warnings = read_workbook(other_book)
    _fail_cell_write_at(monkeypatch, k)
    window.transfers._imported(other_book, snapshot, warnings)

    assert len(warned) == 1 and "没有从" in warned[0] and "未做任何改动" in warned[0]
    assert window.session.workspace is ws and _state(ws) == before
    assert ws.value(REF) == Decimal("60.00")
    assert window.session.undo_stack.canUndo()  # the typed figure can still be taken back
    # What the window shows is the workspace as it was.
    model = window.show_page("公开09").model
    assert model.data(model.index_of(REF)) == "60.00"
    assert window.findings.model.rowCount() == len(window.session.all_findings())

    monkeypatch.undo()
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(sample_path), ""))
    window.transfers._imported(other_book, snapshot, warnings)
    assert ws.value(REF) != Decimal("60.00") and ws.notes.get("公开08")


def test_a_failed_import_into_another_workspace_file_changes_nothing(open_window, empty_path, sample_path, other_book, monkeypatch, qtbot):
    window = open_window(empty_path)
    with Workspace.open(sample_path) as ws:
        before = _state(ws)
    warned = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(sample_path), ""))
    snapshot, warnings = read_workbook(other_book)
    _fail_cell_write_at(monkeypatch, 30)
    window.transfers._imported(other_book, snapshot, warnings)
    assert len(warned) == 1 and window.session.workspace.path == empty_path
    with Workspace.open(sample_path) as ws:
        assert _state(ws) == before
