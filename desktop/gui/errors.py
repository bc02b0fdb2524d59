"""The one error path: anything unexpected is logged and shown in Chinese, never lost silently."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from desktop import __version__, paths

log = logging.getLogger("juesuan")


def log_file() -> Path:
    return paths.user_data_dir() / "juesuan.log"


def setup_logging() -> None:
    try:
        log_file().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
    except OSError:
        # A windowed bundle has no stderr; then the dialog is the only report.
        handler = logging.StreamHandler(sys.stderr) if sys.stderr else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    for old in list(log.handlers):  # a second window or test run logs once, to the current file
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)


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
