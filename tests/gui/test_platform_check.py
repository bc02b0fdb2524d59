"""A missing xcb library is named, with the package to install, before Qt could abort in English."""

import sys

import pytest

from desktop.gui import app
from desktop.gui.platform_check import explanation, missing_packages, no_display
from desktop.main import main as entry


def test_missing_xcb_cursor_names_the_package():
    find = lambda name: None if name == "xcb-cursor" else f"lib{name}.so"  # noqa: E731
    missing = missing_packages({"DISPLAY": ":0"}, "linux", find)
    assert missing == ["libxcb-cursor0"]
    assert "sudo apt-get install -y libxcb-cursor0" in explanation(missing)


def test_offscreen_wayland_and_windows_need_no_xcb():
    find = lambda name: None  # noqa: E731
    assert missing_packages({"QT_QPA_PLATFORM": "offscreen"}, "linux", find) == []
    assert missing_packages({"XDG_SESSION_TYPE": "wayland"}, "linux", find) == []
    assert missing_packages({}, "win32", find) == []
    assert len(missing_packages({"QT_QPA_PLATFORM": "xcb"}, "linux", find)) == 7


def test_the_window_start_stops_with_the_chinese_message(monkeypatch, capsys):
    monkeypatch.setattr(app, "missing_packages", lambda: ["libxcb-cursor0"])
    assert app.run() == 2
    assert "无法打开窗口" in capsys.readouterr().err


def test_no_display_is_said_in_chinese_before_qt_could_abort():
    assert "没有图形界面" in no_display({}, "linux")
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display({}, "win32") is None


def test_the_window_start_without_a_display_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(app, "no_display", lambda: "没有图形界面：找不到显示器")
    assert app.run() == 2
    assert capsys.readouterr().err.startswith("没有图形界面")


@pytest.fixture
def entry_process(monkeypatch):
    """The entry point keeps numpy out of its process (sys.modules["numpy"] = None): undone after the test."""
    monkeypatch.setitem(sys.modules, "numpy", sys.modules.get("numpy"))


def test_an_unknown_word_is_an_unknown_command_not_a_window(capsys, entry_process):
    assert entry(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：未知命令：frobnicate。") and "narrative-check" in err


def test_a_missing_workspace_file_is_named_before_the_window_starts(tmp_path, capsys, entry_process):
    missing = tmp_path / "没有的.juesuan"
    assert entry([str(missing)]) == 2
    assert capsys.readouterr().err == f"错误：找不到工作区文件“{missing}”。\n"
