"""Copying a workspace file out (另存为, a workspace built in memory written to disk): a new file, whole or not at all."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.core.atomic_file import written_whole
from desktop.core.store import content_digest
from desktop.core.store.failure import WorkspaceError, describe


class FileCopies:
    """The copying part of WorkspaceFile, which holds `conn`, `path` and `_digest`, settles its writes, and checks a copy with `inspect`."""

    def save_copy(self, target: Path) -> None:
        """另存为: a consistent copy through SQLite's backup API; this file stays the open one."""
        self.write_copy(Path(target), "另存为")

    def write_copy(self, target: Path, action: str) -> None:
        """A consistent copy at `target` (a new file, whole or not at all); `action` names the work in messages."""
        if target.resolve() == self.path.resolve() or (
            target.exists() and os.path.samefile(target, self.path)
        ):
            raise WorkspaceError(f"“{target}”就是当前打开的工作区文件，请另选一个文件名。")
        if target.exists():
            raise WorkspaceError(f"文件“{target}”已存在，未做任何改动。请换一个文件名。")
        try:
            self.settle()
            with written_whole(target) as partial:
                if self._digest is None:
                    # Kept in memory (no copy of it could be taken mid-save): its digest is made once,
                    # here, in memory, so the copy is written in one go.
                    with self.conn:
                        content_digest.store(self.conn, content_digest.of_content(self.conn))
                dest = sqlite3.connect(partial)
                try:
                    self.conn.backup(dest)
                finally:
                    dest.close()
                self.inspect(partial)
        except WorkspaceError as exc:  # the copy did not come out whole
            raise WorkspaceError(f"无法{action}“{target}”：{exc}") from exc
        except (OSError, sqlite3.Error) as exc:
            raise WorkspaceError(describe(exc, target, action)) from exc
