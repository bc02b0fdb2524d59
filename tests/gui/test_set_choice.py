"""从 Excel 导入 a workbook of two units' sets: the window asks which with a dialog, then imports that one."""

from __future__ import annotations

from desktop.core.definitions import CellRef
from desktop.gui.set_choice_dialog import SetChoiceDialog
from workbook_sets import two_sets


def test_the_window_asks_which_set_and_imports_it(open_window, empty_path, tmp_path, monkeypatch, qtbot):
    window = open_window(empty_path)
    book = two_sets(tmp_path / "两套.xlsx")
    target = tmp_path / "乙中心.juesuan"
    shown = []

    def pick_second(dialog):
        shown.append([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())])
        dialog.grab().save(str(tmp_path / "set_choice.png"))
        dialog.table.selectRow(1)
        return SetChoiceDialog.DialogCode.Accepted

    monkeypatch.setattr(SetChoiceDialog, "exec", pick_second)
    monkeypatch.setattr("desktop.gui.transfers.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("desktop.gui.transfers.QMessageBox.exec", lambda box: 0)  # the note of tables not imported
    window.transfers.import_from(book)
    qtbot.waitUntil(lambda: window.session.workspace.path == target, timeout=20000)
    assert shown == [["甲局", "乙中心"]]
    assert window.session.workspace.value(CellRef("公开03", "合计", "本年支出合计")) == 6
    assert (tmp_path / "set_choice.png").stat().st_size > 0


def test_cancelling_imports_nothing(open_window, empty_path, tmp_path, monkeypatch, qtbot):
    window = open_window(empty_path)
    asked = []
    monkeypatch.setattr(SetChoiceDialog, "exec", lambda dialog: asked.append(1) or SetChoiceDialog.DialogCode.Rejected)
    window.transfers.import_from(two_sets(tmp_path / "两套.xlsx"))
    qtbot.waitUntil(lambda: bool(asked) and not window.background.busy, timeout=20000)
    assert window.session.workspace.path == empty_path
