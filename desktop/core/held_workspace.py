"""A workspace opened to be changed by someone other than its window: held while it is written."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop.core.store.holder import COMMAND, HolderInfo, hold_waiting
from desktop.core.store.file_checks import BUSY_MS, require_writable
from desktop.core.store.workspace_file import WorkspaceFile
from desktop.core.workspace import Workspace, WorkspaceError


@contextmanager
def held_for_writing(path: Path) -> Iterator[Workspace]:
    """The workspace to change, held against windows and other writers until the block ends.

    Refused (WorkspaceError) while a window holds the file: the window would show old
    figures and its undo would overwrite the change. Another short writer is waited for.
    """
    path = Path(path)
    WorkspaceFile.inspect(path)  # a stranger's file gets no lock file beside it
    require_writable(path)
    held = hold_waiting(path, COMMAND, seconds=BUSY_MS / 1000)
    if isinstance(held, HolderInfo):
        raise WorkspaceError(
            f"“{path}”正由{held.describe()}打开，不能同时在别处修改它（窗口会覆盖这次修改）。"
            "请在该窗口中修改，或关闭窗口后再试。"
        )
    if held is None:
        raise WorkspaceError(f"“{path}”正被另一个 juesuan 命令写入，等待 {BUSY_MS // 1000} 秒后仍未空闲。请稍后再试。")
    try:
        with Workspace.open(path) as ws:
            yield ws
    finally:
        held.release()
