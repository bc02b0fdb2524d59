"""Opens, creates and closes the workspace file; its reads, writes and copies are the parts it is made of."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop import __version__
from desktop.core.store import content_digest, open_files
from desktop.core.store.content_reads import ContentReads
from desktop.core.store.content_writes import ContentWrites, timestamp
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.store.file_checks import (
    BUSY_MS, RECOVERED, lenient, companions, has_hot_journal, memory, reader, require_short_name,
    require_writable, verify,
)
from desktop.core.store.file_copies import FileCopies
from desktop.core.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, build
from desktop.core.store.transactions import Transactions


class WorkspaceFile(ContentReads, ContentWrites, FileCopies, Transactions):
    """The SQLite file of one unit and year. Every method that writes commits at once, or, held, at settle()."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._identity: tuple[int, int] | None = None
        # What reading found spoiled by other programs and left out, in words (the cells aside).
        self.damage: list[str] = []
        # What opening did that the user should know (a crash's unfinished write rolled back).
        self.notices: list[str] = []
        self._digest: content_digest.Tracker | None = None

    @classmethod
    def create(cls, path: Path, unit: dict[str, str]) -> "WorkspaceFile":
        path = Path(path)
        if path.exists():
            raise WorkspaceError(f"文件“{path}”已存在，未做任何改动。请换一个文件名。")
        require_short_name(path)
        try:
            store = cls(path, _connect(path))
            store._configure()
            with store._transaction():
                store.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                store._build()
                store._digest = content_digest.Tracker(store.conn)
                store.conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("created", timestamp()), ("created_by", __version__)],
                )
                store.conn.executemany("INSERT INTO unit (key, value) VALUES (?, ?)", list(unit.items()))
        except (sqlite3.Error, OSError) as exc:
            # A file this call began is not the user's: take it away rather than leave half of it.
            if "store" in locals():
                store.conn.close()
            for leftover in companions(path):
                leftover.unlink(missing_ok=True)
            raise WorkspaceError(describe(exc, path, "新建工作区文件")) from exc
        store._register()
        return store

    @classmethod
    def in_memory(cls, unit: dict[str, str]) -> "WorkspaceFile":
        """A new workspace that lives in memory only (a workbook being checked); nothing on disk."""
        store = cls(Path(":memory:"), memory())
        with store._transaction():
            # Marked and dated as a file would be: a copy of it (an import) is a workspace file.
            store.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            store._build()
            store.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)", [("created", timestamp()), ("created_by", __version__)],
            )
            store.conn.executemany("INSERT INTO unit (key, value) VALUES (?, ?)", list(unit.items()))
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> "WorkspaceFile":
        """The file for writing, or (read_only) a copy in memory that leaves the file untouched.

        Raises WorkspaceError, naming the file, for anything that is not a healthy workspace.
        """
        path = Path(path)
        live = open_files.open_here(path)
        if live is not None:
            if read_only:
                return live.detached_copy()
            raise WorkspaceError(f"“{path}”已在本程序中打开，不能再打开一次。")
        if read_only:
            return cls._read_only_copy(path)
        cls.inspect(path)
        require_writable(path)
        journals = [p for p in companions(path)[1:] if not p.exists()]
        hot = has_hot_journal(path)
        try:
            store = cls(path, _connect(path))
            try:
                store._configure()  # its first read rolls back a journal a crash left
                if hot and not has_hot_journal(path):
                    store.notices.append(f"工作区文件“{path}”：{RECOVERED}")
                version = store.schema_version
                if version < SCHEMA_VERSION:
                    with store._transaction():
                        store._migrate(version)
                store._digest = content_digest.Tracker(store.conn)
                store._check_digest()
            except BaseException:
                store.conn.close()
                raise
        except sqlite3.Error as exc:
            # An open that failed (a full disk, say) takes away the empty journals it began.
            for journal in journals:
                if journal.exists() and (journal.name.endswith("-shm") or journal.stat().st_size == 0):
                    journal.unlink(missing_ok=True)
            raise WorkspaceError(describe(exc, path, "打开工作区文件")) from exc
        store._register()
        return store

    @classmethod
    def _read_only_copy(cls, path: Path) -> "WorkspaceFile":
        conn, notice = reader(path)
        try:
            version = verify(conn, path)
            copy = memory()
            conn.backup(copy)
        except sqlite3.Error as exc:
            raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
        finally:
            conn.close()
        store = cls(path, copy, read_only=True)
        if notice:
            store.notices.append(f"工作区文件“{path}”：{notice}（只读查看，文件本身未改动）")
        if version < SCHEMA_VERSION:
            with store._transaction():
                store._migrate(version)  # in memory: the file keeps its version
        store._check_digest()
        return store

    @staticmethod
    def inspect(path: Path) -> None:
        """Refuses anything that is not a healthy workspace of a version we can read.

        Reads through SQLite alone, read-only, and creates nothing beside the file.
        """
        conn, _ = reader(path)
        try:
            verify(conn, path)
        finally:
            conn.close()

    def _configure(self) -> None:
        # The wait comes first: switching the journal mode itself needs the file for a moment.
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        # A rollback journal, not WAL: each commit is in the file itself when it returns, so a copy
        # of the file taken while the window is open (to a USB stick, a mail, a synced folder) holds
        # every acknowledged edit; WAL kept them in the -wal beside it until the window closed.
        # FULL sync makes each commit survive a power cut.
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
            if self.conn.execute("PRAGMA journal_mode = delete").fetchone()[0] != "delete":
                raise WorkspaceError(f"“{self.path}”正被其他程序打开，无法切换日志方式；请关闭其他程序后再试。")
        self.conn.execute("PRAGMA synchronous = FULL")

    def _check_digest(self) -> None:
        """Says so when the content disagrees with its digest: a copy taken while a save was being
        written, or a change another program made. Opened for writing, the content as it stands
        becomes the file's with the first edit (a command that changes nothing leaves it alone)."""
        if content_digest.matches(self.conn):
            return
        self.notices.append(
            f"工作区文件“{self.path}”的内容与它上次保存时记下的校验值不符：它可能是在程序正在保存的那一刻"
            "复制出来的副本（其中的数字和文字可能不全，请从原文件重新复制一次），也可能被其他程序改动过"
            + ("；程序按它现有的内容继续使用。" if self._digest else "（只读查看，文件本身未改动）。")
        )
        if self._digest:
            self._digest.rebase = True

    def _build(self) -> None:
        build(self.conn)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate(self, version: int) -> None:
        for step in MIGRATIONS[version:]:
            step(self.conn)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _register(self) -> None:
        self._identity = open_files.register(self)

    def close(self) -> None:
        try:
            self.settle()
        finally:
            open_files.forget(self._identity, self)
            self._identity = None
            self.conn.close()

    def detached_copy(self) -> "WorkspaceFile":
        """A copy in memory, taken through this connection, that another thread may read.

        Background work reads the copy, never the file: see open_files for why.
        """
        self.settle()  # a backup through a connection with its write open would wait for it forever
        copy = memory()
        self.conn.backup(copy)
        return WorkspaceFile(self.path, copy, read_only=True)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]


def _connect(path: Path) -> sqlite3.Connection:
    return lenient(sqlite3.connect(path, timeout=BUSY_MS / 1000))
