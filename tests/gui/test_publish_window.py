"""文件 → 生成公开文件…: the path asked, 错误 warned of, the file written off the main thread, the gaps shown."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pypdf import PdfReader


def test_publish_asks_about_errors_then_writes_the_pdf_and_lists_the_gaps(
    open_window, sample_path, tmp_path, monkeypatch, qtbot,
):
    window = open_window(sample_path)
    target = tmp_path / "公开"
    monkeypatch.setattr(
        "desktop.gui.publishing.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")
    )
    asked, answers = [], [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.question", lambda *a: asked.append(a[2]) or answers.pop(0))
    shown = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.exec", lambda box: shown.append(box.text()))

    window.publishing.publish()
    assert "审核有 3 条错误" in asked[0]
    assert not window.background.busy and not (tmp_path / "公开.pdf").exists()  # said no: nothing written

    window.publishing.publish()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    pdf = tmp_path / "公开.pdf"  # the suffix of the chosen filter is added
    assert len(PdfReader(pdf).pages) > 40
    assert "其中 5 处印为【请填写】" in shown[0] and "· 封面：保密审查情况未填写" in shown[0]
    assert window.statusBar().currentMessage().startswith(f"已生成公开文件 {pdf}（")


def test_a_clean_workspace_publishes_word_without_asking(open_window, empty_path, tmp_path, monkeypatch, qtbot):
    window = open_window(empty_path)
    target = tmp_path / "公开.docx"
    monkeypatch.setattr("desktop.gui.publishing.error_count", lambda ws: 0)
    monkeypatch.setattr(
        "desktop.gui.publishing.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "Word 文档 (*.docx)")
    )
    shown = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.exec", lambda box: shown.append(box.text()))
    window.publishing.publish()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=60000)
    assert target.read_bytes().startswith(b"PK")
    assert shown and "【请填写】" in shown[0]  # an empty workspace has no 情况说明 or 概况 yet


def test_a_file_that_cannot_be_written_is_said_in_chinese(open_window, empty_path, tmp_path, monkeypatch, qtbot):
    window = open_window(empty_path)
    target = tmp_path / "公开.docx"  # written in the window's process, where the failure is staged
    monkeypatch.setattr("desktop.gui.publishing.error_count", lambda ws: 0)
    monkeypatch.setattr(
        "desktop.gui.publishing.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "Word 文档 (*.docx)")
    )

    def held(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr("desktop.core.atomic_file.os.replace", held)
    warned = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.publishing.publish()
    qtbot.waitUntil(lambda: bool(warned), timeout=60000)
    assert "没有生成公开文件" in warned[0] and str(target) in warned[0] and "打开" in warned[0]
    assert not target.exists()


def test_an_unknown_suffix_is_refused_before_anything_runs(open_window, empty_path, tmp_path, monkeypatch):
    window = open_window(empty_path)
    monkeypatch.setattr(
        "desktop.gui.publishing.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "公开.txt"), "")
    )
    warned = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.publishing.publish()
    assert "“公开.txt”" in warned[0] and not window.background.busy


def test_a_missing_program_file_is_named_as_the_command_line_names_it(
    open_window, empty_path, tmp_path, monkeypatch, qtbot,
):
    """Word's template gone from the installation: named, not taken for the chosen file or the workspace."""
    from desktop.core import official_docx

    window = open_window(empty_path)
    target = tmp_path / "公开.docx"
    gone = official_docx.TEMPLATE.with_name("没有.docx")
    monkeypatch.setattr(official_docx, "TEMPLATE", gone)
    monkeypatch.setattr("desktop.gui.publishing.error_count", lambda ws: 0)
    monkeypatch.setattr(
        "desktop.gui.publishing.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "Word 文档 (*.docx)")
    )
    warned = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.publishing.publish()
    qtbot.waitUntil(lambda: bool(warned), timeout=60000)
    assert warned == [f"没有生成公开文件：找不到程序文件“{gone}”，程序安装不完整（文件被删除或移动）。请重新安装程序。"]
    assert not target.exists()


def test_an_outline_missing_before_writing_is_named(open_window, empty_path, tmp_path, monkeypatch):
    from desktop import paths

    window = open_window(empty_path)
    outline = paths.resources_dir() / "publish" / "outlines.toml"

    def missing(ws, outline_name=None):
        raise FileNotFoundError(2, "No such file or directory", str(outline))

    monkeypatch.setattr("desktop.core.publish.document.build_document", missing)  # loaded when asked for
    warned = []
    monkeypatch.setattr("desktop.gui.publishing.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.publishing.publish_to(tmp_path / "公开.pdf")
    assert warned == [f"没有生成公开文件：找不到程序文件“{outline}”，程序安装不完整（文件被删除或移动）。请重新安装程序。"]
    assert not window.background.busy
