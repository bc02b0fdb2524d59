"""The one error path: anything unexpected is logged and shown in Chinese, never lost silently."""

from __future__ import annotations

import sys
import traceback

from desktop import __version__
from desktop.error_log import log, log_file, setup_logging

__all__ = ["install_excepthook", "log", "log_file", "setup_logging", "show_error"]


def install_excepthook() -> None:
    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("未处理的异常（版本 %s）：\n%s", __version__, text)
        show_error(
            "程序出错",
            f"程序遇到意外错误：{value}\n\n已完成的修改都已保存在工作区文件中。\n"
            f"详细信息已写入日志：{log_file()}",
            text,
        )

    sys.excepthook = hook


def show_error(title: str, message: str, details: str = "") -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(message, file=sys.stderr)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    if details:
        box.setDetailedText(details)
    box.exec()
