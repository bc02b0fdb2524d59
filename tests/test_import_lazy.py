"""What each start loads: the window and `--version` leave the spreadsheet and Word libraries
(and numpy) alone until a menu or command needs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loaded(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "QT_QPA_PLATFORM": "offscreen"}
    probe = code + "\nimport sys\nprint(' '.join(m for m in ('openpyxl', 'docx', 'numpy', 'sqlite_utils') if sys.modules.get(m)))"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    return set(done.stdout.splitlines()[-1].split()) if done.stdout.strip() else set()


def test_the_window_loads_neither_openpyxl_nor_python_docx():
    assert _loaded("import desktop.gui.main_window, desktop.gui.app") & {"openpyxl", "docx"} == set()


def test_version_loads_nothing_heavy():
    assert _loaded("from desktop.main import main\nmain(['--version'])") == set()


def test_a_check_of_a_workspace_loads_no_spreadsheet_library(tmp_path):
    from desktop.core.workspace import Workspace

    path = tmp_path / "w.juesuan"
    Workspace.create(path, {"单位名称": "甲", "年度": "2024"}).close()
    loaded = _loaded(f"from desktop.main import main\nmain(['check', {str(path)!r}])")
    assert loaded & {"openpyxl", "docx", "numpy", "sqlite_utils"} == set()
