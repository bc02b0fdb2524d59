"""A missing xcb library is named, with the package to install, before Qt could abort in English."""

from desktop.gui import app
from desktop.gui.platform_check import explanation, missing_packages


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
