"""What each start loads: the window and `--version` leave the spreadsheet and Word libraries
(and numpy) alone until a menu or command needs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a start can do without: the spreadsheet and Word libraries, numpy, sqlite-utils; the layout
# reader; and dataclasses (building one compiles six methods: 20 ms a start on the import path).
HEAVY = ("openpyxl", "docx", "numpy", "sqlite_utils", "desktop.core.excel.foreign", "dataclasses")


# What the window's first frame can do without: the 情况说明 checker (read once the window is up), the
# report's printing and its process pool, the 汇总's workbook reading, the drafting of a 情况说明.
AFTER_FIRST_FRAME = ("desktop.core.narrative.check", "desktop.core.narrative.draft", "desktop.printing.report_pdf",
                     "PySide6.QtPrintSupport", "multiprocessing", "desktop.core.merge.files", "dataclasses")


def _loaded(code: str, heavy: tuple[str, ...] = HEAVY, folder: Path | None = None) -> set[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "QT_QPA_PLATFORM": "offscreen"}
    if folder is not None:
        env["JUESUAN_DATA_DIR"] = str(folder)
    probe = f"HEAVY = {heavy!r}\n" + code + "\nimport sys\nprint(' '.join(m for m in HEAVY if sys.modules.get(m)))"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    return set(done.stdout.splitlines()[-1].split()) if done.stdout.strip() else set()


def test_the_window_loads_neither_openpyxl_nor_python_docx():
    assert _loaded("import desktop.gui.main_window, desktop.gui.app") & {"openpyxl", "docx"} == set()


def test_the_window_shows_its_first_frame_without_what_comes_after_it(tmp_path):
    start = (
        "from desktop.gui.app import application\nfrom desktop.gui.main_window import MainWindow\n"
        "from desktop.core.sample import sample_copy\napp = application()\nwindow = MainWindow()\n"
        "assert window.open_path(sample_copy())\nwindow.show()\napp.processEvents()\n"
        "assert window.session.narrative == {}"
    )
    assert _loaded(start, AFTER_FIRST_FRAME, tmp_path) == set()


def test_version_loads_nothing_heavy():
    assert _loaded("from desktop.main import main\nmain(['--version'])") == set()


def test_a_check_of_a_workspace_loads_no_spreadsheet_library(tmp_path):
    from desktop.core.workspace import Workspace

    path = tmp_path / "w.juesuan"
    Workspace.create(path, {"单位名称": "甲", "年度": "2024"}).close()
    loaded = _loaded(f"from desktop.main import main\nmain(['check', {str(path)!r}])")
    assert loaded & {"openpyxl", "docx", "numpy", "sqlite_utils"} == set()


def test_importing_an_own_workbook_loads_neither_the_layout_reader_nor_dataclasses(sample_ws, tmp_path):
    from desktop.core.excel.export import write_workbook

    book = tmp_path / "样本.xlsx"
    write_workbook(sample_ws, book)
    target = tmp_path / "导入.juesuan"
    loaded = _loaded(f"from desktop.main import main\nassert main(['import', {str(book)!r}, '-o', {str(target)!r}]) == 0")
    assert loaded == set() and target.exists()


def test_checking_an_own_workbook_builds_no_dataclass(sample_ws, tmp_path):
    from desktop.core.excel.export import write_workbook

    book = tmp_path / "样本.xlsx"
    write_workbook(sample_ws, book)
    loaded = _loaded(f"from desktop.main import main\nassert main(['check', {str(book)!r}, '--json']) in (0, 1)")
    assert loaded == set()
