"""Starting the window: the application object, fonts, the error hook, and the first workspace."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.core.sample import sample_copy
from desktop.gui.errors import install_excepthook, setup_logging
from desktop.gui.about import APP_NAME
from desktop.gui.main_window import MainWindow
from desktop.gui.platform_check import explanation, missing_packages
from desktop.printing.fonts import chinese_family, register_bundled_fonts

def application() -> QApplication:
    """The application object, named, with our icon, font and Chinese Qt dialogs (once)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if app.applicationName() == APP_NAME:
        return app
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("juesuan")
    app.setWindowIcon(QIcon(str(paths.icon_file())))
    # Qt's own dialogs (确定/取消, file choosers) in Chinese.
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    register_bundled_fonts()
    family = chinese_family()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    return app


def run(path: Path | None = None, quit_after_show: bool = False) -> int:
    """`juesuan [FILE]`: the sample workspace when no file is given."""
    setup_logging()
    missing = missing_packages()
    if missing:  # QApplication would abort the process with Qt's English message
        print(explanation(missing), file=sys.stderr)
        return 2
    app = application()
    install_excepthook()
    window = MainWindow()
    window.open_path(path if path is not None else sample_copy())
    window.show()
    if quit_after_show:
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)
    return app.exec()
