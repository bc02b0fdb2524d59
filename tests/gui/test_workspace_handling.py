"""Opening, locking, 新建, 另存为, 单位信息, the entry point and the error hook."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.core.definitions import CellRef
from desktop.core.sample import SAMPLE_NAME
from desktop.core.snapshot import dump
from desktop.core.workspace import Workspace
from desktop.gui import errors, recent_files
from desktop.gui.main_window import MainWindow
from desktop.gui.new_workspace_dialog import NewWorkspaceDialog


def test_a_file_open_in_another_window_opens_read_only(open_window, empty_path, qtbot):
    first = open_window(empty_path)
    second = open_window(empty_path)
    assert not first.session.read_only
    assert second.session.read_only
    assert not second.banner.isHidden() and "只读" in second.banner.text()
    assert "（只读）" in second.windowTitle()
    editor = second.show_page("公开03")
    assert editor.note.isReadOnly() and not editor.code_input.isEnabled()
    assert not editor.add_row("2080101")
    assert "只读" in second.statusBar().currentMessage()
    assert not (editor.model.flags(editor.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable)
    assert not second.session.set_note("公开03", "空表")
    assert first.session.workspace.notes == {} and Workspace.open(empty_path, read_only=True).coded_rows_all() == []

    first.close()  # the lock goes with the window
    third = open_window(empty_path)
    assert not third.session.read_only


def test_a_file_a_command_holds_opens_once_the_command_is_done(open_window, empty_path, qtbot):
    from desktop.core.store.holder import COMMAND, try_hold

    command = try_hold(empty_path, COMMAND)
    finishing = threading.Timer(0.3, command.release)  # a juesuan set finishing while the window waits
    finishing.start()
    window = open_window(empty_path)
    finishing.join()
    assert not window.session.read_only


def test_a_folder_that_cannot_be_written_opens_read_only_saying_why(open_window, empty_path, qtbot, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if m & os.W_OK and Path(p) == empty_path.parent
                        else real(p, m, *a, **k))
    window = open_window(empty_path)
    assert window.session.read_only and "文件夹是只读的" in window.banner.text()
    assert not window.banner.isHidden() and "（只读）" in window.windowTitle()
    assert not (empty_path.parent / (empty_path.name + ".lock")).exists()


def test_a_damaged_cell_is_named_above_the_tables_and_can_be_typed_over(open_window, sample_path, qtbot):
    conn = sqlite3.connect(sample_path)
    with conn:
        conn.execute("update cells set value = 'abc' where form = '公开09' and row = '决算数' and col = '会议费'")
    conn.close()
    window = open_window(sample_path)
    assert not window.session.read_only
    assert "公开09" in window.banner.text() and "会议费" in window.banner.text() and "abc" in window.banner.text()
    ref = CellRef("公开09", "决算数", "会议费")
    assert window.session.edit_values([(ref, Decimal("35.44"))], "填写")
    assert window.session.workspace.damaged == {} and window.session.workspace.value(ref) == Decimal("35.44")


def test_a_damaged_file_gets_a_message_naming_it(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "坏文件.juesuan"
    bad.write_bytes(b"not a database at all")
    shown = []
    monkeypatch.setattr("desktop.gui.main_window.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_path(bad)
    assert len(shown) == 1 and "坏文件.juesuan" in shown[0]
    assert bad.read_bytes() == b"not a database at all"


def test_new_workspace_from_the_dialog(qtbot, open_window, empty_path, tmp_path, monkeypatch):
    window = open_window(empty_path)

    def fill(dialog):
        dialog.fields.name.setText("新单位")
        dialog.fields.year.setCurrentText("2025")
        dialog.fields.nature.setCurrentText("事业")
        dialog.fields.parent.setText("某某局")
        dialog.fields.optional["公开10"].setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewWorkspaceDialog, "exec", fill)
    window.new_workspace()
    path = tmp_path / "新单位-2025.juesuan"
    assert window.session.workspace.path == path
    assert window.session.workspace.unit["单位性质"] == "事业"
    assert window.session.workspace.unit["主管部门"] == "某某局"
    assert window.windowTitle().startswith("新单位 2025年度")
    assert window.nav_model.row_of("公开10") >= 0
    assert recent_files.load()[0] == path.resolve()


def test_new_workspace_dialog_refuses_missing_name_and_existing_file(qtbot, empty_path, forms):
    dialog = NewWorkspaceDialog(forms, empty_path.parent)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and "单位名称" in dialog.error.text()
    dialog.fields.name.setText("测试局")
    dialog.fields.year.setCurrentText("2024")
    dialog.accept()
    assert dialog.result() == 0 and "已存在" in dialog.error.text()


def test_save_as_copies_and_continues_in_the_copy(open_window, sample_path, tmp_path, monkeypatch):
    window = open_window(sample_path)
    target = tmp_path / "副本.juesuan"
    monkeypatch.setattr("desktop.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    before = dump(window.session.workspace)
    window.save_as()
    assert window.session.workspace.path == target
    assert dump(window.session.workspace) == before
    window.session.edit_values([(CellRef("公开09", "预算数", "会议费"), 1)], "填写")
    original = Workspace.open(sample_path)
    assert original.value(CellRef("公开09", "预算数", "会议费")) != 1
    original.close()


def test_unit_page_edits_are_saved_undoable_and_shown(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    page = window.show_page("单位信息")
    page.fields.name.setText("改名后的局")
    page.fields.name.editingFinished.emit()
    assert window.session.workspace.store.unit()["单位名称"] == "改名后的局"
    assert window.windowTitle().startswith("改名后的局")
    editor = window.show_page("公开01")
    assert editor.unit_line.text() == "编制单位：改名后的局"

    window.show_page("单位信息")
    page.fields.optional["公开10"].click()
    assert window.nav_model.row_of("公开10") >= 0
    window.undo_group.undo()
    assert window.nav_model.row_of("公开10") < 0
    window.undo_group.undo()
    assert page.fields.name.text() == "测试局"

    page.fields.year.setCurrentText("1999")
    page.fields.year.activated.emit(0)
    assert window.session.workspace.unit["年度"] == "2024"


def test_no_argument_opens_the_window_on_a_copy_of_the_sample(user_data):
    env = {**os.environ, "JUESUAN_DATA_DIR": str(user_data), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--quit-after-show"], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    copy = user_data / SAMPLE_NAME
    assert copy.exists()
    assert Workspace.open(copy).unit["单位名称"] == "榆林市人力资源和社会保障局"
    assert not Path(f"{copy}.lock").exists()  # released on quit
    assert recent_files.load() == [copy.resolve()]


def test_a_file_argument_opens_that_file(empty_path, user_data):
    env = {**os.environ, "JUESUAN_DATA_DIR": str(user_data), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", str(empty_path), "--quit-after-show"], capture_output=True,
        text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert recent_files.load() == [empty_path.resolve()]
    assert not (user_data / SAMPLE_NAME).exists()


def test_unexpected_errors_are_logged_and_shown(qtbot, monkeypatch, user_data):
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda title, message, details="": shown.append((message, details)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.setup_logging()
    errors.install_excepthook()
    try:
        raise RuntimeError("模拟的故障")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    message, details = shown[0]
    assert "模拟的故障" in message and str(errors.log_file()) in message
    assert "RuntimeError" in details
    assert "模拟的故障" in errors.log_file().read_text(encoding="utf-8")


def test_switching_the_regional_table_off_while_it_is_shown(open_window, empty_path):
    window = open_window(empty_path)
    assert window.session.set_unit("选填表", "公开10")
    assert window.findings.form_box.findData("公开10") > 0
    editor = window.show_page("公开10")
    assert window.current_editor() is editor
    window.undo_group.undo()  # 公开10 goes away under the user's eyes
    assert window.nav_model.row_of("公开10") < 0
    assert window.current_editor() is None and window.stack.currentWidget() is window.pages["单位信息"]
    assert window.nav.currentIndex().data() == "单位信息"
    assert window.findings.form_box.findData("公开10") < 0


def test_a_lock_file_that_cannot_be_made_opens_read_only_saying_why(empty_path, monkeypatch, qtbot):
    import errno

    from desktop.gui import opening

    def refuse(*_args):
        raise PermissionError(errno.EACCES, "Permission denied", str(empty_path) + ".lock")

    monkeypatch.setattr(opening, "hold_waiting", refuse)
    session = opening.open_session(empty_path)
    try:
        assert session.read_only
        assert session.read_only_reason == (
            f"无法在“{empty_path.parent}”中建立锁文件（没有访问权限（文件或所在文件夹只读，或正被其他程序占用）。），本窗口为只读。")
    finally:
        session.workspace.close()
