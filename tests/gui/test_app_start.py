"""The application object as the built program starts it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[1]])
from desktop.gui.app import application
application()
print(QCoreApplication.translate("QPlatformTheme", "Cancel"))
print(app.font().family())
print(app.windowIcon().isNull())
"""


def test_a_program_file_named_like_the_application_still_gets_chinese_dialogs_font_and_icon(tmp_path):
    # The bundle's program file is 决算公开填报审核, which Qt takes as the application name.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "JUESUAN_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE, "/程序/决算公开填报审核"], capture_output=True,
                            text=True, encoding="utf-8", env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    cancel, family, no_icon = result.stdout.splitlines()
    assert cancel == "取消"
    assert family not in ("", "Sans Serif") and no_icon == "False"
