"""Writing a 公开文件 to disk: whole or not at all, and a Chinese message naming the file when it cannot be."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop.core.atomic_file import written_whole
from desktop.core.store.failure import describe_failure, is_about


# Said to the user when the file is written, never printed in it: a published document carries no
# instructions to its maker.
TOC_NOTE = ("目录页码由 Word 在打开文件时更新（如询问是否更新域，请选“是”）；"
            "若所用软件未显示页码，请在目录上单击右键，选择“更新域”或“更新目录”。")


class OutputError(Exception):
    """The 公开文件 could not be written; the message is Chinese and names the file."""


@contextmanager
def written_output(target: Path) -> Iterator[Path]:
    """A path to write the document to; it replaces `target` only when the block succeeds."""
    target = Path(target)
    try:
        with written_whole(target) as partial:
            yield partial
    except PermissionError as exc:
        if not is_about(exc, target):  # a file met on the way, not the one being written
            raise OutputError(describe_failure(exc, target, "写入")) from exc
        # Windows refuses to replace a file Word, WPS or a PDF reader holds open: the usual cause.
        raise OutputError(
            f"文件“{target}”正被其他程序（如 Word、WPS 或 PDF 阅读器）打开，或所在文件夹不允许写入，无法写入；"
            "原文件未改动。请关闭该文件后再试。"
        ) from exc
    except OSError as exc:
        raise OutputError(describe_failure(exc, target, "写入")) from exc
