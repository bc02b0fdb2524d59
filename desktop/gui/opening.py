"""Opening a workspace for the window: held for writing, or read-only with the reason why."""

from __future__ import annotations

from pathlib import Path

from desktop.core.store.failure import reason
from desktop.core.store.holder import WINDOW, HolderInfo, hold_waiting, holder_of
from desktop.core.store.file_checks import require_writable
from desktop.core.store.workspace_file import WorkspaceFile
from desktop.core.workspace import Workspace, WorkspaceError
from desktop.gui.session import Session

# A command-line write holds the file for a moment; a window opening then waits this long for it.
COMMAND_WAIT_S = 2.0


def open_session(path: Path) -> Session:
    """Opens the file for writing; read-only when another window holds it or it cannot be written.

    Raises WorkspaceError (a Chinese message naming the file) when it cannot be opened at all.
    """
    WorkspaceFile.inspect(path)  # a stranger's file gets no lock file beside it
    try:
        require_writable(path)
    except WorkspaceError as exc:
        return Session(Workspace.open(path, read_only=True), None, str(exc))
    try:
        held = hold_waiting(path, WINDOW, COMMAND_WAIT_S)
    except OSError as exc:
        return Session(Workspace.open(path, read_only=True), None, f"无法在“{path.parent}”中建立锁文件（{reason(exc, path.parent)}），本窗口为只读。")
    if held is None or isinstance(held, HolderInfo):
        who = held or holder_of(path)
        held_by = f"此文件正由{who.describe() if who else '另一个窗口或程序'}打开，本窗口为只读，修改不会保存。"
        return Session(Workspace.open(path, read_only=True), None, held_by)
    try:
        workspace = Workspace.open(path)
    except BaseException:
        held.release()
        raise
    return Session(workspace, held)
