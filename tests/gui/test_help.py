"""帮助 opens the shipped guide; 关于 tells version, catalogue year and where the data lives."""

from __future__ import annotations

from desktop import __version__
from desktop.gui.about import about_text
from desktop.gui.errors import log_file


def test_help_shows_the_chinese_guide(open_window, empty_path):
    window = open_window(empty_path)
    window.show_help()
    text = window.help_window.browser.toPlainText()
    assert "使用说明" in text and "错误" in text and "警告" in text and "提示" in text
    assert "Ctrl+V" in text


def test_about_names_version_catalogues_and_files(open_window, empty_path):
    window = open_window(empty_path)
    text = about_text(window.session.workspace)
    assert __version__ in text
    assert "功能分类 2024 年版" in text and "经济分类 2024 年版" in text
    assert str(empty_path) in text and str(log_file()) in text


def test_window_icon_is_set(open_window, empty_path):
    from desktop.gui.app import application

    assert not application().windowIcon().isNull()
