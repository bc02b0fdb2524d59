"""文件 → 批量审核: the table fills in as files finish, sorts worst first, cancels, exports, opens a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.cli.main import main
from desktop.core.snapshot import load, load_file
from factory import sample_tables_only
from desktop.gui.batch_findings import FileFindingsDialog
from desktop.gui.batch_model import ERRORS, PATH, REPORT_ROLE, STATUS
from desktop.gui.batch_window import BatchWindow

SEED_004 = Path(__file__).parents[1] / "fixtures" / "seed-004.json"


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "收件"
    folder.mkdir()
    load(sample_tables_only(), folder / "sample.juesuan").close()
    load_file(SEED_004, folder / "004.juesuan").close()
    shutil.copy(folder / "004.juesuan", folder / "wrong.juesuan")
    assert main(["set", str(folder / "wrong.juesuan"), "公开01", "事业收入", "决算数", "99999"]) == 0
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return folder


@pytest.fixture
def window(qtbot, tmp_path):
    window = BatchWindow(tmp_path)
    qtbot.addWidget(window)
    window.show()
    return window


def _rows(window):
    proxy = window.proxy
    return [(proxy.index(r, STATUS).data(), Path(proxy.index(r, PATH).data()).name) for r in range(proxy.rowCount())]


def test_a_folder_fills_the_table_worst_first_and_exports_the_summary(
    window, inbox, qtbot, monkeypatch, tmp_path, qtmodeltester,
):
    window.start([inbox], jobs=1)
    assert not window.files_button.isEnabled() and window.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: window.run is None, timeout=60000)
    assert _rows(window)[:2] == [("无法读取", "broken.xlsx"), ("有错误", "wrong.juesuan")]
    assert sorted(_rows(window)[2:]) == [("无错误", "004.juesuan"), ("无错误", "sample.juesuan")]
    assert "共 4 个文件：无错误 2，有错误 1，无法读取 1" in window.totals.text()
    assert window.progress.value() == 4 and window.progress.maximum() == 4
    qtmodeltester.check(window.model)
    window.table.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    assert _rows(window)[0] == ("有错误", "wrong.juesuan")
    target = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export()
    qtbot.waitUntil(lambda: target.exists(), timeout=20000)
    window.background.wait()
    assert [r[3] for r in load_workbook(target)["按文件"].iter_rows(min_row=2, values_only=True)][:2] == ["无法读取", "有错误"]


def test_double_click_shows_the_files_findings_and_offers_to_open_it(window, inbox, qtbot, monkeypatch):
    window.start([inbox / "wrong.juesuan", inbox / "broken.xlsx"], jobs=1)
    qtbot.waitUntil(lambda: window.run is None, timeout=60000)
    shown = []
    monkeypatch.setattr(FileFindingsDialog, "open", lambda self: shown.append(self))
    opened = []
    window.open_requested.connect(opened.append)
    row = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, STATUS).data() == "有错误")
    window.show_file(window.proxy.index(row, 0))
    dialog = shown[-1]
    qtbot.addWidget(dialog)
    report = window.proxy.index(row, 0).data(REPORT_ROLE)
    assert dialog.table.rowCount() == len(report["findings"])
    assert dialog.table.item(0, 0).text() == "错误" and dialog.table.item(0, 1).text() == "公开01"
    dialog.act.click()
    assert opened == [inbox / "wrong.juesuan"]
    broken = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, STATUS).data() == "无法读取")
    window.show_file(window.proxy.index(broken, 0))
    qtbot.addWidget(shown[-1])
    assert shown[-1].table.rowCount() == 0 and not hasattr(shown[-1], "act")


def test_cancel_stops_before_every_file_is_checked(window, inbox, qtbot):
    many = [inbox / "sample.juesuan"] + [inbox / f"copy{i}.juesuan" for i in range(30)]
    for path in many[1:]:
        shutil.copy(inbox / "004.juesuan", path)
    window.start(many, jobs=1)
    qtbot.waitUntil(lambda: window.model.rowCount() >= 1, timeout=60000)
    window.cancel()
    qtbot.waitUntil(lambda: window.run is None, timeout=60000)
    assert window.model.rowCount() < len(many)
    assert "已取消" in window.totals.text()
    assert window.files_button.isEnabled() and window.export_button.isEnabled()


def test_the_file_menu_opens_the_batch_window(open_window, tmp_path):
    path = tmp_path / "t.juesuan"
    load_file(SEED_004, path).close()
    main_window = open_window(path)
    action = next(a for a in main_window.menuBar().actions()[0].menu().actions() if a.text() == "批量审核…")
    action.trigger()
    assert main_window.batch_window.isVisible() and main_window.batch_window.windowTitle() == "批量审核"
    main_window.batch_window.close()
