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
from desktop.gui.platform_check import explanation, missing_packages, no_display
from desktop.printing.fonts import chinese_family, register_bundled_fonts

_SET_UP = "juesuan_set_up"


def application() -> QApplication:
    """The application object, named, with our icon, font and Chinese Qt dialogs (once)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Not the application name: Qt takes that from the program file, which in the bundle already
    # is 决算公开填报审核, and the translations, fonts and icon would never be set up.
    if app.property(_SET_UP):
        return app
    app.setProperty(_SET_UP, True)
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


def run(path: Path | None = None, quit_after_show: bool = False, print_report_to: Path | None = None) -> int:
    """`juesuan [FILE]`: the sample workspace when no file is given.

    `print_report_to` prints the 审核报告 through the window's own printer path into a PDF file and
    quits: how a built bundle proves its print plugins load, with no dialog to click.
    """
    setup_logging()
    why_not = no_display()
    if why_not:
        print(why_not, file=sys.stderr)
        return 2
    missing = missing_packages()
    if missing:  # QApplication would abort the process with Qt's English message
        print(explanation(missing), file=sys.stderr)
        return 2
    app = application()
    install_excepthook()
    window = MainWindow()
    window.open_path(path if path is not None else sample_copy())
    window.show()
    if print_report_to is not None:
        window.transfers.print_report(print_report_to)
    if quit_after_show or print_report_to is not None:
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)
    return app.exec()
