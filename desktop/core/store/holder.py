"""Who holds a workspace for writing: a lock file beside it, locked by the operating system.

A window holds its file all day; a writing command holds it for the moment it writes. The
lock is the OS's own (flock on POSIX, a byte-range lock on Windows), so it goes away with
the process that held it: a crash never leaves a stale lock behind. The file's text only
says who the holder is, for messages. flock, unlike fcntl locks, is not dropped when the
process closes some other descriptor of the file.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

WINDOW = "窗口"
COMMAND = "命令行"
# Windows locks a byte range; one far past the holder's text leaves that text readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class HolderInfo(NamedTuple):
    kind: str  # WINDOW or COMMAND
    pid: int
    host: str

    def describe(self) -> str:
        who = "决算公开填报审核窗口" if self.kind == WINDOW else "juesuan 命令"
        return f"{who}（进程 {self.pid}，计算机 {self.host}）"


class Holder:
    """This process's hold on one workspace file; release() (or exit) lets it go."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is None:
            return
        # Unlink while still locked: whoever opened the old file sees it is gone and retries.
        try:
            lock_path(self.path).unlink(missing_ok=True)
        except OSError:
            pass  # Windows keeps an open file; the next holder reuses it
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None


def try_hold(path: Path, kind: str) -> Holder | None:
    """Hold the file, or None when another window or command holds it now.

    Raises OSError when the lock file cannot be made (a read-only folder, say).
    """
    target = lock_path(Path(path))
    while True:
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        if not _lock(fd):
            os.close(fd)
            return None
        if not _same_file(fd, target):
            # The previous holder removed it between our open and our lock: try the new one.
            _unlock(fd)
            os.close(fd)
            continue
        try:
            import socket  # only a writer names its computer; every check and export starts without it

            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n{kind}\n{socket.gethostname()}\n".encode("utf-8"))
        except OSError:
            pass  # a full disk: the lock holds all the same, only the holder goes unnamed
        return Holder(Path(path), fd)


def hold_waiting(path: Path, kind: str, seconds: float) -> Holder | HolderInfo | None:
    """Hold the file; wait while a command holds it, give up at once for a window.

    Returns the Holder, or the holding window's info, or None if a command kept it too long.
    """
    deadline = time.monotonic() + seconds
    while True:
        held = try_hold(path, kind)
        if held is not None:
            return held
        info = holder_of(path)
        if info is not None and info.kind == WINDOW:
            return info
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)


def holder_of(path: Path) -> HolderInfo | None:
    """Who the lock file names (only meaningful while someone holds it)."""
    try:
        text = lock_path(Path(path)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    parts = text.splitlines()
    if len(parts) < 3 or not parts[0].isdigit():
        return None
    return HolderInfo(parts[1], int(parts[0]), parts[2])


def _same_file(fd: int, target: Path) -> bool:
    if sys.platform == "win32":
        return True  # an open file cannot be removed there
    try:
        return os.path.samestat(os.fstat(fd), os.stat(target))
    except FileNotFoundError:
        return False


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        os.lseek(fd, 0, os.SEEK_SET)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
