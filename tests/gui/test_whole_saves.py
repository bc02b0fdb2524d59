"""The window's 审核报告 PDF and 情况说明 Word saves appear whole or not at all, as the command line's do."""

from __future__ import annotations

def _half_then_fail(*args):
    target = args[1]
    target.write_bytes(b"half")
    raise OSError(28, "No space left on device")


def _left_beside(folder, name):
    return sorted(p.name for p in folder.iterdir() if p.name != name)


def test_a_report_pdf_that_fails_part_way_leaves_the_earlier_one_whole(
        open_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = open_window(sample_path)
    folder = tmp_path / "报告"
    folder.mkdir()
    target = folder / "报告.pdf"
    target.write_bytes(b"%PDF earlier")
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("desktop.printing.own_process.in_own_process", lambda draw, *args: draw(*args))
    monkeypatch.setattr("desktop.printing.report_pdf.write_pdf", lambda report, path: _half_then_fail(report, path))
    shown = []
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.warning", lambda *a: shown.append(a[2]))
    window.transfers.save_report_pdf()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert shown and "报告.pdf" in shown[0]
    assert target.read_bytes() == b"%PDF earlier" and _left_beside(folder, target.name) == []


def test_a_word_save_that_fails_part_way_leaves_the_earlier_one_whole(open_window, sample_path, tmp_path, monkeypatch):
    window = open_window(sample_path)
    page = window.show_page("情况说明")
    folder = tmp_path / "说明"
    folder.mkdir()
    target = folder / "说明.docx"
    target.write_bytes(b"earlier")
    monkeypatch.setattr("desktop.gui.file_dialogs.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("desktop.core.narrative.word.write_docx", lambda text, path, title: _half_then_fail(text, path))
    shown = []
    monkeypatch.setattr("desktop.gui.narrative_page.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert not page.save_word()
    assert shown and "说明.docx" in shown[0]
    assert target.read_bytes() == b"earlier" and _left_beside(folder, target.name) == []

