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
    for topic in ("导出 Excel", "从 Excel 导入", "打印审核报告", "生成情况说明", "预算执行情况", "上年决算数"):
        assert topic in text, topic


def test_about_names_version_catalogues_and_files(open_window, empty_path):
    window = open_window(empty_path)
    text = about_text(window.session.workspace)
    assert __version__ in text
    assert "功能分类2024年版" in text and "经济分类2024年版" in text
    assert str(empty_path) in text and str(log_file()) in text


def test_window_icon_is_set(open_window, empty_path):
    from desktop.gui.app import application

    assert not application().windowIcon().isNull()


def test_report_to_pdf_and_print_preview(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    window = open_window(sample_path)
    target = tmp_path / "报告.pdf"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window.transfers.save_report_pdf()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert target.read_bytes().startswith(b"%PDF") and "4 页" in window.statusBar().currentMessage()

    printed = tmp_path / "打印.pdf"

    def preview(dialog):
        # What the preview does when it paints: the printer here writes a PDF file instead.
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    window.transfers.print_report()
    assert printed.read_bytes().startswith(b"%PDF")


def test_a_report_that_cannot_be_written_is_explained(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    target = tmp_path / "没有这个目录" / "报告.pdf"
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.transfers.save_report_pdf()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert len(shown) == 1 and "报告.pdf" in shown[0]
