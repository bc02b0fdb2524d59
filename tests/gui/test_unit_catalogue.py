"""单位代码 and 财政区划 in 新建 and 单位信息 (refusal, undo); the 科目目录 edition and 文件 → 导入科目目录…."""

from __future__ import annotations

from desktop.core.catalogue import load_catalogues
from desktop.gui import catalogue_dialog
from desktop.gui.catalogue_dialog import CatalogueChangesDialog, CatalogueImportDialog
from desktop.gui.navigation import UNIT_PAGE
from desktop.gui.new_workspace_dialog import NewWorkspaceDialog

CODE = "91350100M000100Y43"


def test_new_workspace_with_code_and_region(open_window, empty_path, tmp_path, monkeypatch):
    window = open_window(empty_path)

    def fill(dialog):
        dialog.fields.name.setText("新单位")
        dialog.fields.year.setCurrentText("2024")
        dialog.fields.code.setText(CODE.lower())
        dialog.fields.region.setText("610802 榆林市榆阳区")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewWorkspaceDialog, "exec", fill)
    window.new_workspace()
    unit = window.session.workspace.unit
    assert window.session.workspace.path == tmp_path / "新单位-2024.juesuan"
    assert (unit["单位代码"], unit["财政区划"]) == (CODE, "610802 榆林市榆阳区")
    page = window.show_page(UNIT_PAGE)
    assert page.fields.code.text() == CODE


def test_new_workspace_dialog_refuses_a_wrong_check_character(qtbot, tmp_path, forms):
    dialog = NewWorkspaceDialog(forms, tmp_path)
    qtbot.addWidget(dialog)
    dialog.fields.name.setText("新单位")
    dialog.fields.code.setText("91350100M000100Y44")
    dialog.accept()
    assert dialog.result() == 0
    assert "校验位（第 18 位）是“4”，按前 17 位应为“3”" in dialog.error.text()
    dialog.fields.code.setText("")
    dialog.fields.region.setText("61080")
    dialog.accept()
    assert dialog.result() == 0 and "有 5 位" in dialog.error.text()
    assert list(tmp_path.glob("*.juesuan")) == []


def test_unit_page_edits_code_with_undo_and_keeps_a_refused_one_as_typed(open_window, empty_path):
    window = open_window(empty_path)
    page = window.show_page(UNIT_PAGE)
    assert page.catalogue.text() == "2024年版"
    page.fields.code.setText(CODE)
    page.fields.code.editingFinished.emit()
    assert window.session.workspace.store.unit()["单位代码"] == CODE
    page.fields.code.setText("91350100M000100Y4")
    page.fields.code.editingFinished.emit()
    assert "有 17 位" in page.error.text()
    assert page.fields.code.text() == "91350100M000100Y4"  # left to be corrected, not wiped
    assert window.session.workspace.store.unit()["单位代码"] == CODE
    page.fields.region.setText("610802")
    page.fields.region.editingFinished.emit()
    assert page.error.text() == ""
    window.undo_group.undo()
    assert window.session.workspace.store.unit()["财政区划"] == ""
    window.undo_group.undo()
    assert window.session.workspace.store.unit()["单位代码"] == ""
    assert page.fields.code.text() == ""


def _list_2025(folder):
    items = dict(load_catalogues(2024)["功能分类"].items)
    del items["2010108"]
    source = folder / "2025功能.txt"
    source.write_text("\n".join(f"{c}\t{n}" for c, n in items.items()), encoding="utf-8")
    return source


def test_menu_item_imports_and_the_open_workspace_takes_it_up(open_window, empty_path, tmp_path, monkeypatch, user_data):
    window = open_window(empty_path)
    window.session.set_unit("年度", "2025")
    window.session.add_rows("公开02", "2010108")
    page = window.show_page(UNIT_PAGE)
    assert page.catalogue.text().startswith("2024年版（早于2025年度")
    assert "科目目录-01" in {f.rule for f in window.session.all_findings().values()}
    source = _list_2025(tmp_path)
    shown = []

    def choose(dialog):
        assert dialog.year.value() == 2025
        dialog.file.setText(str(source))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CatalogueImportDialog, "exec", choose)
    monkeypatch.setattr(CatalogueChangesDialog, "exec", lambda dialog: shown.append(dialog.changes.toPlainText()))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "导入科目目录…")
    action.trigger()
    assert shown == ["取消 2010108 代表工作"]
    assert (user_data / "catalogues" / "functional-2025.toml").is_file()
    assert page.catalogue.text() == "功能分类2025年版（导入），经济分类2024年版（早于2025年度，请导入2025年政府收支分类科目）"
    dropped = window.session.all_findings()["公开02-科目:2010108:"]
    assert dropped.severity == "警告"
    window.show_finding(dropped)
    assert window.stack.currentWidget() is window.pages["公开02"]


def test_import_dialog_keeps_a_refusal_in_the_dialog(qtbot, tmp_path, monkeypatch):
    source = tmp_path / "空.txt"
    source.write_text("科目编码\t科目名称\n", encoding="utf-8")
    dialog = CatalogueImportDialog(2025, tmp_path)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(catalogue_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    dialog._browse()
    dialog.accept()
    assert dialog.result() == 0 and dialog.imported is None
    assert "空.txt" in dialog.error.text() and "没有可识别的科目代码" in dialog.error.text()
