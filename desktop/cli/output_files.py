"""A file a command writes: refused when it is there already or of a format the command does not write,
and a failed write said in words."""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path

from desktop.cli.usage import UsageError
from desktop.core.store.failure import describe_failure


def refuse_existing(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise UsageError(f"文件“{target}”已存在；如要覆盖请加 --force")


@contextmanager
def writing(target: Path, holder: str):
    """A file that cannot be written is the user's to solve: say which file and why, in words."""
    try:
        yield
    except OSError as exc:
        raise UsageError(describe_failure(exc, target, "写入", holder)) from exc
    except Exception as exc:
        # lxml, which writes the workbook's XML, reports a failed write as SerialisationError("IO_EFBIG").
        code = getattr(errno, str(exc).removeprefix("IO_"), None) if type(exc).__name__ == "SerialisationError" else None
        if not isinstance(code, int):
            raise
        raise UsageError(describe_failure(OSError(code, os.strerror(code)), target, "写入", holder)) from exc


def require_format(target: Path, formats: dict[str, str], what: str) -> None:
    """Refuses an output name whose suffix is not a format the command writes, as `publish` does."""
    if target.suffix.lower() not in formats:
        kinds = " 或 ".join(f"{suffix}（{name}）" for suffix, name in formats.items())
        raise UsageError(f"不能生成“{target.name}”：{what}只能存为 {kinds}，请改用该扩展名")
