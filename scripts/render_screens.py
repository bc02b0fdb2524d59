"""Renders every screen of the window on the sample workspace to PNG files, for looking at them.

Run: python scripts/render_screens.py [OUTPUT_FOLDER]   (offscreen; needs a Chinese font,
e.g. Debian's fonts-wqy-microhei). Each screen at 1366×768, 1280×800 and 1920×1080, in a folder per size.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from desktop.gui.app import application  # noqa: E402
from desktop.gui.findings_model import FINDING_ROLE  # noqa: E402
from desktop.gui.main_window import MainWindow  # noqa: E402
from desktop.gui.new_workspace_dialog import NewWorkspaceDialog  # noqa: E402


SIZES = ((1366, 768), (1280, 800), (1920, 1080))


def settle() -> None:
    """Let the window finish its delayed layouts (a list re-wraps 100 ms after a resize)."""
    end = time.monotonic() + 0.15
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "screens")
    application()
    for width, height in SIZES:
        out = root / f"{width}x{height}"
        out.mkdir(parents=True, exist_ok=True)
        render(out, width, height)
    print(f"已写入 {root.resolve()}")


def render(out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JUESUAN_DATA_DIR"] = tmp  # the view preferences start from their defaults
        path = Path(tmp) / "sample.juesuan"
        load(json.loads(paths.sample_source().read_text(encoding="utf-8")), path).close()
        window = MainWindow()
        window.resize(width, height)
        window.open_path(path)
        window.session.set_unit("选填表", "公开10")
        window.show()
        # The screens as the window settles: the 情况说明 is read a moment after the window is up.
        window.session.recheck_narrative()
        for page in window.nav_model.pages:
            window.show_page(page.key)
            settle()
            window.grab().save(str(out / f"{page.key}.png"))
        # A finding clicked: its form opens with the cells selected.
        pane = window.findings.table
        index = next(
            pane.model().index(r, 0) for r in range(pane.model().rowCount())
            if pane.model().index(r, 0).data(FINDING_ROLE).rule == "公开05-02"
        )
        pane.setCurrentIndex(index)
        window.show_finding(index.data(FINDING_ROLE))
        settle()
        window.grab().save(str(out / "审核结果-点击.png"))
        # 查找 across the tables, stepped to its second hit.
        window.open_find()
        window.find_bar.scope.setCurrentIndex(1)
        window.find_bar.input.setText("2080199")
        window.find_bar.step(1)
        window.find_bar.step(1)
        settle()
        window.grab().save(str(out / "查找.png"))
        # 查找 a rate: first in a project's 绩效自评表, then in the 情况说明.
        window.find_bar.input.setText("57.45")
        window.find_bar.step(1)
        settle()
        window.grab().save(str(out / "查找-绩效.png"))
        window.find_bar.step(1)
        window.find_bar.step(1)
        settle()
        window.grab().save(str(out / "查找-情况说明.png"))
        window.find_bar.close_bar()
        # Every 尾差 outlined (视图 → 显示尾差标记), then the tables zoomed to 125 %.
        window.show_page("公开05")
        window.rounding_action.trigger()
        settle()
        window.grab().save(str(out / "尾差-显示.png"))
        window.rounding_action.trigger()
        window.set_zoom(125)
        settle()
        window.grab().save(str(out / "放大.png"))
        window.set_zoom(100)
        second = MainWindow()
        second.resize(width, height)
        second.open_path(path)
        second.show()
        settle()
        second.grab().save(str(out / "只读.png"))
        # A file changed by another program: a cell holding text, named in the banner.
        damaged = Path(tmp) / "damaged.juesuan"
        load(json.loads(paths.sample_source().read_text(encoding="utf-8")), damaged).close()
        conn = sqlite3.connect(damaged)
        with conn:
            conn.execute("update cells set value = 'abc' where form = '公开09' and col = '会议费'")
        conn.close()
        third = MainWindow()
        third.resize(width, height)
        third.open_path(damaged)
        third.show_page("公开09")
        third.show()
        settle()
        third.grab().save(str(out / "损坏的单元格.png"))
        third.close()
        dialog = NewWorkspaceDialog(window.session.workspace.forms, Path(tmp))
        dialog.show()
        settle()
        dialog.grab().save(str(out / "新建.png"))
        _render_catalogue_dialogs(out, Path(tmp), QApplication.instance())
        _render_set_choice(out, QApplication.instance())
        for widget in (dialog, second, window):
            widget.close()
        settle()


def _render_catalogue_dialogs(out: Path, tmp: Path, app) -> None:
    """导入科目目录 and what it changed, on a 2025 list made from the shipped one with a code dropped and one renamed."""
    from desktop.core.catalogue import load_catalogues
    from desktop.core.catalogue_import import import_catalogue
    from desktop.gui.catalogue_dialog import CatalogueChangesDialog, CatalogueImportDialog

    items = dict(load_catalogues(2024)["功能分类"].items)
    items.pop("2010108")
    items["2010109"] = "人大信访"
    source = tmp / "2025年功能分类科目.txt"
    source.write_text("\n".join(["科目编码\t科目名称"] + [f"{c}\t{n}" for c, n in items.items()]), encoding="utf-8")
    dialog = CatalogueImportDialog(2025, tmp)
    dialog.file.setText(str(source))
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "导入科目目录.png"))
    changes = CatalogueChangesDialog(import_catalogue(source, 2025))
    changes.show()
    app.processEvents()
    changes.grab().save(str(out / "导入科目目录-结果.png"))
    for widget in (dialog, changes):
        widget.close()


def _render_set_choice(out: Path, app) -> None:
    """从 Excel 导入 of a workbook with two units' equally complete sets: which one to import."""
    from desktop.core.excel.block_owner import OwnerSet
    from desktop.gui.set_choice_dialog import SetChoiceDialog

    sets = [
        OwnerSet("某某局", "2024", ["收入支出总表", "收入", "支出"], {"公开01", "公开02", "公开03"}, 3),
        OwnerSet("某某局机关服务中心", "2024", ["中心总表", "中心收入", "中心支出"], {"公开01", "公开02", "公开03"}, 3),
    ]
    dialog = SetChoiceDialog("两个单位.xlsx", sets)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "选择导入的一套表.png"))
    dialog.close()


if __name__ == "__main__":
    main()
