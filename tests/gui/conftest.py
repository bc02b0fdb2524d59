"""GUI fixtures: a window on a fresh workspace file per test, user data in a temporary folder."""

from __future__ import annotations

import json

import pytest

from desktop import paths
from desktop.core.snapshot import load
from desktop.core.workspace import Workspace
from desktop.gui.app import application
from desktop.gui.main_window import MainWindow

UNIT = {"单位名称": "测试局", "年度": "2024", "单位性质": "行政", "主管部门": "", "金额单位": "万元"}


@pytest.fixture(autouse=True)
def user_data(tmp_path, monkeypatch):
    folder = tmp_path / "userdata"
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_unexpected_dialog(monkeypatch):
    """A message box nobody patched would wait forever for a click on the offscreen platform:
    fail the test at once instead, naming the dialog."""
    from PySide6.QtWidgets import QMessageBox

    for name in ("question", "warning", "information", "critical"):
        def refuse(*args, _name=name, **kwargs):
            texts = [a for a in args if isinstance(a, str)]
            raise AssertionError(f"unexpected QMessageBox.{_name}: {texts}")
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))


@pytest.fixture
def open_window(qtbot):
    """Opens a window on a workspace file; closes it (releasing the lock) after the test."""

    def make(path) -> MainWindow:
        application()  # as the program starts it: icon, font, Chinese Qt dialogs
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.open_path(path)
        window.show()
        qtbot.waitExposed(window)
        # The window reads the 情况说明 a moment after it is up (Session); a test starts from what it
        # shows then, without waiting for the timer.
        window.session.recheck_narrative()
        return window

    return make


@pytest.fixture
def empty_path(tmp_path):
    path = tmp_path / "测试局-2024.juesuan"
    Workspace.create(path, UNIT).close()
    return path


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), path).close()
    return path
