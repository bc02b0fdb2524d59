"""The workspace files this process has open for writing, by device and inode.

A file is never opened a second time here: on POSIX, closing any descriptor of a file drops every
fcntl lock the process holds on it, SQLite's own included, and another program may then delete
the WAL the open connection still writes into.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.store.workspace_file import WorkspaceFile

Identity = tuple[int, int]

_OPEN: dict[Identity, WorkspaceFile] = {}


def open_here(path: Path) -> WorkspaceFile | None:
    """The file's open WorkspaceFile when this process has it open for writing."""
    return _OPEN.get(_identity(path)) if path.exists() else None


def register(store: WorkspaceFile) -> Identity | None:
    """Records `store` as its file's open one; the identity to forget it by (None for a file that is not there)."""
    identity = _identity(store.path)
    if identity is not None:
        _OPEN[identity] = store
    return identity


def forget(identity: Identity | None, store: WorkspaceFile) -> None:
    if identity is not None and _OPEN.get(identity) is store:
        del _OPEN[identity]


def _identity(path: Path) -> Identity | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
