"""Opening a workspace for the window: the lock that makes a second window read-only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop.core.workspace import Workspace
from desktop.gui.session import Session


def lock_path(path: Path) -> str:
    return str(path.with_name(path.name + ".lock"))


def open_session(path: Path) -> Session:
    """Opens the file; read-only when another window or program already holds it.

    Raises WorkspaceError (a Chinese message naming the file) when it cannot be opened.
    """
    lock = QLockFile(lock_path(path))
    # A workspace stays open all day: never take a live holder's lock as stale because of its age.
    lock.setStaleLockTime(0)
    held = lock.tryLock(0)
    try:
        workspace = Workspace.open(path)
    except Exception:
        if held:
            lock.unlock()
        raise
    return Session(workspace, lock if held else None)


def holder(path: Path) -> str:
    """Who holds the lock, for the read-only notice."""
    info = QLockFile(lock_path(path)).getLockInfo()
    if not isinstance(info, tuple) or len(info) != 3 or not info[0]:
        return "另一个窗口"
    pid, host, app = info
    return f"{app}（进程 {pid}，计算机 {host}）"
