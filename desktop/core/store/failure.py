"""What went wrong with a workspace file, in words the user can act on.

SQLite and the operating system report a full disk, a read-only file and a busy file each
in their own way; every message the program shows about a file comes from here, so the
user reads "磁盘已满" rather than "已损坏" when the disk is full.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from desktop.core.atomic_file import stands_for
from desktop.paths import is_program_file


class WorkspaceError(Exception):
    """A workspace file that cannot be used; the message is Chinese and names the file."""


# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 11, 13, 14, 26
_PERM, _IOERR, _AUTH = 3, 10, 23


FULL = "磁盘已满，这次没有写入任何内容（已保存的内容不受影响）。请腾出磁盘空间后再试。"
# Less room than this on the file's disk, and an I/O failure is a full disk.
_NEARLY_FULL = 256 * 1024


def is_busy(exc: BaseException) -> bool:
    """Another program is writing the file this moment: worth waiting for and trying again."""
    return isinstance(exc, sqlite3.OperationalError) and _code(exc) in (_BUSY, _LOCKED)


def describe(exc: BaseException, path: Path, doing: str) -> str:
    """“无法{doing}“{path}”：{why}” for an sqlite3.Error or OSError met while `doing` it."""
    return f"无法{doing}“{path}”：{reason(exc, Path(path))}"


def describe_failure(exc: BaseException, default: Path, doing: str, holder: str | None = None) -> str:
    """describe() about the file that failed: the one an OSError names when it names another than
    `default` (a missing folder, a program file, any file met on the way), else `default`. With
    `holder`, a refusal to write `default` itself asks whether that program holds it open."""
    named = _named(exc)
    if is_about(exc, default):
        held = f"（文件是否正被{holder}打开？）" if holder and isinstance(exc, PermissionError) else ""
        return (_folder_missing(exc, Path(default), doing) or describe(exc, default, doing)) + held
    if is_program_file(named):
        if isinstance(exc, OSError) and exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"找不到程序文件“{named}”，程序安装不完整（文件被删除或移动）。请重新安装程序。"
        return f"无法读取程序文件“{named}”：{reason(exc, named)}请重新安装程序。"
    return _folder_missing(exc, named, "访问") or describe(exc, named, "访问")


def is_about(exc: BaseException, target: Path) -> bool:
    """The error names `target` (or the file written in its place), or names no file at all."""
    named = _named(exc)
    return named is None or stands_for(named, target)


def _named(exc: BaseException) -> Path | None:
    name = getattr(exc, "filename", None) if isinstance(exc, OSError) else None
    return Path(os.fsdecode(name)) if isinstance(name, (str, bytes, os.PathLike)) else None


def _folder_missing(exc: BaseException, path: Path, doing: str) -> str | None:
    """A file in a folder that is not there: name the folder, which is what the user must fix."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOENT, errno.ENOTDIR) and not path.parent.is_dir():
        return f"无法{doing}“{path}”：文件夹“{path.parent}”不存在（可能已被移动、删除或改名）。"
    return None


def reason(exc: BaseException, path: Path | None = None) -> str:
    # SQLite reports a full disk as a plain I/O error when it cannot grow its -shm file.
    if path is not None and _disk_full(path) and isinstance(exc, (sqlite3.Error, OSError)):
        return FULL
    if isinstance(exc, sqlite3.Error):
        code = _code(exc)
        if code == _FULL:
            return FULL
        if code == _READONLY:
            return "文件是只读的（文件属性或所在文件夹不允许写入），没有写入任何内容。"
        if code in (_BUSY, _LOCKED):
            return "文件正被其他程序写入，等待后仍未空闲，没有写入任何内容。请稍后再试。"
        if code in (_CANTOPEN, _PERM, _AUTH):
            return "无法打开文件（文件夹不存在、只读，或没有访问权限）。"
        if code in (_CORRUPT, _NOTADB):
            return f"文件已损坏（{exc}），程序没有改动它。请从备份恢复。"
        if code == _IOERR:
            return f"读写文件时出错（{exc}）。请检查磁盘空间、文件权限或存储设备。"
        return f"{exc}"
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return FULL
        if exc.errno == errno.EFBIG:
            return "文件超过了系统允许的大小（文件大小限制或磁盘配额），没有写完（已保存的内容不受影响）。请解除限制后再试。"
        if exc.errno == errno.EROFS:
            return "所在磁盘或文件夹是只读的，没有写入任何内容。"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "找不到该文件或其所在的文件夹。"
        if exc.errno == errno.EISDIR:
            return "这是一个文件夹，不是文件。"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "没有访问权限（文件或所在文件夹只读，或正被其他程序占用）。"
        return exc.strerror or str(exc)
    return str(exc)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        # Errors raised before a connection exists carry no code; their text still tells.
        text = str(exc).lower()
        for words, known in (
            ("disk is full", _FULL), ("readonly", _READONLY), ("locked", _BUSY),
            ("not a database", _NOTADB), ("malformed", _CORRUPT), ("unable to open", _CANTOPEN),
        ):
            if words in text:
                return known
        return None
    return code & 0xFF


def _disk_full(path: Path) -> bool:
    import shutil  # asked only when a write failed: every start would load it (bz2, lzma) for nothing

    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False
