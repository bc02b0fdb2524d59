"""导出 Excel and 从 Excel 导入 from the window: a new workspace, or an existing one after a yes."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from PySide6.QtWidgets import QMessageBox

from desktop.core.definitions import CellRef
from desktop.core.snapshot import dump
from factory import as_printed


def test_export_then_import_into_a_new_workspace(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    book = tmp_path / "导出.xlsx"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(book), ""))
    window.transfers.export_workbook()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert "公开01" in "".join(openpyxl.load_workbook(book).sheetnames)
    before = dump(window.session.workspace)

    copy = tmp_path / "导入.juesuan"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(book), ""))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.transfers.import_workbook()
    qtbot.waitUntil(lambda: window.session.workspace.path == copy, timeout=20000)
    assert dump(window.session.workspace) == as_printed(window.session.workspace, before)


def test_import_over_the_open_workspace_asks_first_and_keeps_history(
    open_window, sample_path, tmp_path, monkeypatch, qtbot,
):
    window = open_window(sample_path)
    book = tmp_path / "导出.xlsx"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(book), ""))
    window.transfers.export_workbook()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    ref = CellRef("公开09", "决算数", "会议费")
    window.session.edit_values([(ref, Decimal("60.00"))], "填写")

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(
        "desktop.gui.transfers.QMessageBox.question", lambda *a: asked.append(a[2]) or answers.pop(0)
    )
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(book), ""))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(sample_path), ""))
    window.transfers.import_workbook()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20000)
    assert window.session.workspace.value(ref) == Decimal("60.00")  # said no: nothing changed

    window.transfers.import_workbook()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=20000)
    assert window.session.workspace.value(ref) == Decimal("53.41")
    history = window.session.workspace.store.history()
    assert any(h["old"] == "60.00" and h["new"] == "53.41" for h in history)
    assert window.findings.model.rowCount() == len(window.session.all_findings())


def test_a_file_that_is_not_a_workbook_is_reported(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    fake = tmp_path / "假的.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(fake), ""))
    window.transfers.import_workbook()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "假的.xlsx" in shown[0]
    assert window.session.workspace.value(CellRef("公开09", "决算数", "会议费")) == Decimal("53.41")


def test_an_export_that_cannot_be_written_is_explained(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    target = tmp_path / "没有这个目录" / "公开表.xlsx"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.transfers.export_workbook()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert len(shown) == 1 and shown[0].startswith(f"无法导出到“{target}”：文件夹“{target.parent}”不存在")


def test_a_failure_on_another_file_names_that_file(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    """A file met on the way (a program file gone) is named, not the workbook being written."""
    window = open_window(sample_path)
    target = tmp_path / "公开表.xlsx"
    gone = tmp_path / "程序" / "forms" / "公开01.toml"

    def missing(*_args):
        raise FileNotFoundError(2, "No such file or directory", str(gone))

    monkeypatch.setattr("desktop.gui.transfers.export_job", lambda *_a: missing)
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.transfers.export_to(target)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert f"“{gone}”" in shown[0] and f"“{target}”" not in shown[0] and not target.exists()


def _cells(book) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(book)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_export_never_opens_the_workspace_file_again(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    """A second descriptor of the file, once closed, would drop SQLite's locks on it for the whole process."""
    import sqlite3

    from desktop.core.excel.export import write_workbook
    from desktop.core.store.workspace_file import WorkspaceFile
    from desktop.core.workspace import Workspace

    window = open_window(sample_path)
    window.session.edit_values([(CellRef("公开09", "决算数", "会议费"), Decimal("61.00"))], "填写")
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise AssertionError("the open workspace file was opened again")

    connect = sqlite3.connect

    def connect_elsewhere(database, *args, **kwargs):
        if str(database) != ":memory:" and sample_path.name in str(database):
            refuse(database)
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(Workspace, "open", refuse)
    monkeypatch.setattr(WorkspaceFile, "open", refuse)
    monkeypatch.setattr(sqlite3, "connect", connect_elsewhere)
    book = tmp_path / "导出.xlsx"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(book), ""))
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.transfers.export_workbook()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert opened == [] and shown == []
    assert window.statusBar().currentMessage() == f"已导出 {book}"

    reference = tmp_path / "参照.xlsx"
    write_workbook(window.session.workspace, reference)
    assert _cells(book) == _cells(reference)


def test_last_year_from_the_open_file_itself_reads_a_copy(open_window, sample_path, monkeypatch):
    """Choosing the open workspace as last year's asks about the year and never opens the file a second time."""
    from desktop.core.workspace import Workspace

    window = open_window(sample_path)
    editor = window.show_page("上年决算")
    asked = []
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(sample_path), ""))
    monkeypatch.setattr(
        "desktop.gui.transfers.QMessageBox.question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(Workspace, "open", lambda *a, **k: (_ for _ in ()).throw(AssertionError("opened again")))
    editor.last_year_requested.emit()
    assert len(asked) == 1
    assert window.session.workspace.value(CellRef("上年决算", "会议费", "上年决算数")) == Decimal("53.41")
