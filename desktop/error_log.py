"""The log of unexpected errors, shared by the window and the command line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from desktop import paths

log = logging.getLogger("juesuan")


def log_file() -> Path:
    return paths.user_data_dir() / "juesuan.log"


def setup_logging() -> None:
    # A log that cannot be written (a full disk, a file-size quota) must not print its own
    # tracebacks over the Chinese message.
    logging.raiseExceptions = False
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
