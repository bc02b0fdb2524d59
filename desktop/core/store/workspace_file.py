"""Opens, creates and writes the workspace file; every write is committed before it returns."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from desktop import __version__
from desktop.core.catalogue import is_code
from desktop.core.atomic_file import written_whole
from desktop.core.definitions import CellRef
from desktop.core.entry_text import printable
from desktop.core.money import stored_amount, to_text
from desktop.core.store import content_digest
from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.store.file_checks import (
    BUSY_MS, RECOVERED, lenient, companions, has_hot_journal, reader, require_short_name,
    require_writable, verify,
)
from desktop.core.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, build
from desktop.core.structure import CodedRow

def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


# The files this process has open for writing, by device and inode. A file is never opened a
# second time here: on POSIX, closing any descriptor of a file drops every fcntl lock the
# process holds on it, SQLite's own included, and another program may then delete the WAL
# the open connection still writes into.
_OPEN: dict[tuple[int, int], "WorkspaceFile"] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class WorkspaceFile:
    """The SQLite file of one unit and year. Every method that writes commits at once."""

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

    # -- opening -----------------------------------------------------------------

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
                    [("created", _now()), ("created_by", __version__)],
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
        store = cls(Path(":memory:"), _memory())
        with store._transaction():
            # Marked and dated as a file would be: a copy of it (an import) is a workspace file.
            store.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            store._build()
            store.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)", [("created", _now()), ("created_by", __version__)],
            )
            store.conn.executemany("INSERT INTO unit (key, value) VALUES (?, ?)", list(unit.items()))
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> "WorkspaceFile":
        """The file for writing, or (read_only) a copy in memory that leaves the file untouched.

        Raises WorkspaceError, naming the file, for anything that is not a healthy workspace.
        """
        path = Path(path)
        live = _OPEN.get(_identity(path)) if path.exists() else None
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
            memory = _memory()
            conn.backup(memory)
        except sqlite3.Error as exc:
            raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
        finally:
            conn.close()
        store = cls(path, memory, read_only=True)
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
        self._identity = _identity(self.path)
        if self._identity is not None:
            _OPEN[self._identity] = self

    def close(self) -> None:
        if self._identity is not None and _OPEN.get(self._identity) is self:
            del _OPEN[self._identity]
        self._identity = None
        self.conn.close()

    def detached_copy(self) -> "WorkspaceFile":
        """A copy in memory, taken through this connection, that another thread may read.

        Background work reads the copy, never the file: see _OPEN for why.
        """
        memory = _memory()
        self.conn.backup(memory)
        return WorkspaceFile(self.path, memory, read_only=True)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- reading -----------------------------------------------------------------

    def unit(self) -> dict[str, str]:
        return self._texts("unit", "key", "value")

    def typed_cells(self) -> dict[CellRef, Decimal]:
        """The stored figures; a cell whose stored value is no figure is left out (see damaged_cells)."""
        return {ref: value for ref, value, _ in self._cells() if value is not None}

    def damaged_cells(self) -> dict[CellRef, str]:
        """Cells whose stored value is no figure (the file was changed by other means).

        They must not make the whole file unusable: they are named, so the user can see
        them and type over or clear them.
        """
        return {ref: raw for ref, value, raw in self._cells() if value is None}

    def _cells(self):
        for r in self._rows("SELECT * FROM cells"):
            raw = r["value"]
            yield (
                CellRef(str(r["form"]), str(r["row"]), str(r["col"])),
                stored_amount(raw),
                raw if isinstance(raw, str) else repr(raw),
            )

    def coded_rows(self) -> list[CodedRow]:
        """The 科目 rows; one another program spoiled (no code, no name) is left out and named in `damage`."""
        rows = []
        for r in self._rows("SELECT * FROM coded_rows ORDER BY rowid"):
            form, code, name = r["form"], r["code"], r["name"]
            if isinstance(form, str) and isinstance(code, str) and is_code(code) and isinstance(name, str) and name:
                rows.append(CodedRow(form, code, name, bool(r["custom"])))
            else:
                self.damage.append(f"{form}的科目行（代码“{code}”，名称“{name}”）已损坏，已略去")
        return sorted(rows, key=lambda row: (row.form, row.code))

    def empty_notes(self) -> dict[str, str]:
        return self._texts("empty_notes", "form", "text")

    def explanations(self) -> dict[str, str]:
        return self._texts("explanations", "key", "text")

    def texts(self) -> dict[str, str]:
        return self._texts("texts", "key", "text")

    def absent(self) -> set[tuple[str, str]]:
        """(form, column) the imported workbook lacked; column '' for the whole table."""
        found = set()
        for r in self._rows("SELECT * FROM absent"):
            if isinstance(r["form"], str) and isinstance(r["col"], str):
                found.add((r["form"], r["col"]))
            else:
                self.damage.append(f"表 absent 中“{r['form']!r}”“{r['col']!r}”已损坏，已略去")
        return found

    def perf_tables(self) -> list[dict]:
        """The 绩效自评表 (id, form, position, name) in order; a spoiled one is named in `damage`."""
        found = []
        for r in self._rows("SELECT * FROM perf_tables ORDER BY position, id"):
            if isinstance(r["id"], int) and isinstance(r["form"], str) and isinstance(r["name"], str):
                found.append(dict(r))
            else:
                self.damage.append(f"绩效自评表“{r['name']!r}”已损坏，已略去")
        return found

    def perf_rows(self) -> dict[int, list[str]]:
        """Each table's repeated rows (tasks, indicators) in order."""
        rows: dict[int, list[str]] = {}
        for r in self._rows("SELECT * FROM perf_rows ORDER BY table_id, position"):
            if isinstance(r["table_id"], int) and isinstance(r["row"], str):
                rows.setdefault(r["table_id"], []).append(r["row"])
        return rows

    def perf_cells(self) -> dict[tuple[int, str, str], str]:
        found = {}
        for r in self._rows("SELECT * FROM perf_cells"):
            if all(isinstance(r[k], t) for k, t in (("table_id", int), ("row", str), ("col", str), ("value", str))):
                found[(r["table_id"], r["row"], r["col"])] = printable(r["value"])
            else:
                self.damage.append(f"绩效自评表第 {r['table_id']!r} 张“{r['row']!r}”行“{r['col']!r}”栏已损坏，已略去")
        return found

    def _texts(self, table: str, key: str, text: str) -> dict[str, str]:
        """Key/text pairs; a pair another program stored as something else than text is named in `damage`."""
        found = {}
        for r in self._rows(f"SELECT * FROM {table}"):
            if isinstance(r[key], str) and isinstance(r[text], str):
                found[r[key]] = printable(r[text])  # what another program wrote: writers get clean text
            else:
                self.damage.append(f"表 {table} 中“{r[key]!r}”的内容（{r[text]!r:.40}）已损坏，已略去")
        return found

    def history(self, limit: int | None = None) -> list[dict]:
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        return [dict(r) for r in self._rows(f"SELECT * FROM history ORDER BY id DESC{tail}")]

    def _rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()

    def count(self, table: str, where: str = "1", params=()) -> int:
        """How many rows of `table` match (for tests and checks of the file's content)."""
        return self.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]

    def table_names(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    # -- writing -----------------------------------------------------------------

    def _upsert(self, table: str, primary: tuple[str, ...], **values) -> None:
        names = ", ".join(values)
        updates = ", ".join(f"{n} = excluded.{n}" for n in values if n not in primary)
        self.conn.execute(
            f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))}) "
            f"ON CONFLICT ({', '.join(primary)}) DO UPDATE SET {updates}",
            tuple(values.values()),
        )

    def _log(self, action: str, form: str, row: str, col: str, old, new) -> None:
        self.conn.execute(
            "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), action, form, row, col, old, new),
        )

    def set_cells(self, changes: list[tuple[CellRef, Decimal | None, Decimal | None]]) -> None:
        """(cell, value, old) in one write, each logged; a value None clears the cell."""
        with self.transaction():
            self.conn.executemany(
                "DELETE FROM cells WHERE form = ? AND row = ? AND col = ?",
                [(ref.form, ref.row, ref.col) for ref, value, _ in changes if value is None],
            )
            self.conn.executemany(
                "INSERT INTO cells (form, row, col, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (form, row, col) DO UPDATE SET value = excluded.value",
                [(ref.form, ref.row, ref.col, to_text(value)) for ref, value, _ in changes if value is not None],
            )
            now = _now()
            self.conn.executemany(
                "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(now, "单元格", ref.form, ref.row, ref.col, to_text(old), to_text(value)) for ref, value, old in changes],
            )

    def transaction(self):
        """Groups several writes (a paste, a removed row with its figures): all land or none."""
        if self.read_only:
            raise WorkspaceError(f"“{self.path}”以只读方式打开，修改不会保存。")
        return self._transaction()

    @contextmanager
    def _transaction(self):
        conn = self.conn
        if conn.in_transaction:
            # A savepoint inside the outer write: a failed inner part undoes only itself.
            conn.execute("SAVEPOINT inner_write")
            delta = self._digest.delta if self._digest is not None else 0
            try:
                yield
            except BaseException:
                if self._digest is not None:
                    self._digest.delta = delta
                # A failure that ended the whole transaction took the savepoint with it.
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO SAVEPOINT inner_write")
                    conn.execute("RELEASE SAVEPOINT inner_write")
                raise
            conn.execute("RELEASE SAVEPOINT inner_write")
            return
        # IMMEDIATE takes the write lock at the start, waiting (busy_timeout) for another
        # program's write; a deferred read that turns into a write would fail at once instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            if self._digest is not None:
                self._digest.fold()
            conn.execute("COMMIT")
        except BaseException:
            if self._digest is not None:
                self._digest.delta = 0
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def add_coded_row(self, row: CodedRow) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO coded_rows (form, code, name, custom) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (form, code) DO UPDATE SET name = excluded.name, custom = excluded.custom",
                (row.form, row.code, row.name, int(row.custom)),
            )
            self._log("增加科目", row.form, row.code, "", None, row.name)

    def remove_coded_row(self, form: str, code: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM coded_rows WHERE form = ? AND code = ?", (form, code))
            self._log("删除科目", form, code, "", code, None)

    def set_empty_note(self, form: str, text: str, old: str) -> None:
        with self.transaction():
            if text:
                self._upsert("empty_notes", ("form",), form=form, text=text)
            else:
                self.conn.execute("DELETE FROM empty_notes WHERE form = ?", (form,))
            self._log("空表说明", form, "", "", old or None, text or None)

    def set_explanation(self, key: str, text: str, old: str, form: str = "") -> None:
        """Empty text deletes. History: action 出错说明, the rule's form (if known), row = the key."""
        with self.transaction():
            if text:
                self._upsert("explanations", ("key",), key=key, text=text)
            else:
                self.conn.execute("DELETE FROM explanations WHERE key = ?", (key,))
            self._log("出错说明", form, key, "", old or None, text or None)

    def set_text(self, key: str, text: str, old: str) -> None:
        """Empty text deletes. History: action 文字, row = the section key."""
        with self.transaction():
            if text:
                self._upsert("texts", ("key",), key=key, text=text)
            else:
                self.conn.execute("DELETE FROM texts WHERE key = ?", (key,))
            self._log("文字", "情况说明", key, "", old or None, text or None)

    def set_absent(self, form: str, col: str, absent: bool) -> None:
        """Records that the workbook lacked a table (col '') or column, or that it is there now.

        History: action 缺表, row '', col the column; old/new 缺/有.
        """
        with self.transaction():
            if absent:
                self.conn.execute("INSERT OR IGNORE INTO absent (form, col) VALUES (?, ?)", (form, col))
            else:
                self.conn.execute("DELETE FROM absent WHERE form = ? AND col = ?", (form, col))
            self._log("缺表", form, "", col, None if absent else "缺", "缺" if absent else None)

    # History of the 绩效自评表: form 绩效整体/绩效项目, row "表号:行", col the column.

    def put_perf_table(self, table_id: int, form: str, position: int, name: str, old_name: str | None) -> None:
        """Adds or renames a table."""
        with self.transaction():
            self._upsert("perf_tables", ("id",), id=table_id, form=form, position=position, name=name)
            self._log("绩效自评表", form, str(table_id), "", old_name, name)

    def drop_perf_table(self, table_id: int, form: str, name: str) -> None:
        """Removes a table with its rows and cells."""
        with self.transaction():
            self.conn.execute("DELETE FROM perf_cells WHERE table_id = ?", (table_id,))
            self.conn.execute("DELETE FROM perf_rows WHERE table_id = ?", (table_id,))
            self.conn.execute("DELETE FROM perf_tables WHERE id = ?", (table_id,))
            self._log("绩效自评表", form, str(table_id), "", name, None)

    def set_perf_rows(self, table_id: int, form: str, rows: list[str], old: list[str]) -> None:
        """The table's repeated rows, in order (an added or removed indicator row)."""
        with self.transaction():
            self.conn.execute("DELETE FROM perf_rows WHERE table_id = ?", (table_id,))
            self.conn.executemany(
                "INSERT INTO perf_rows (table_id, row, position) VALUES (?, ?, ?)",
                [(table_id, row, i) for i, row in enumerate(rows)],
            )
            self._log("绩效行", form, str(table_id), "", ",".join(old) or None, ",".join(rows) or None)

    def set_perf_cells(self, table_id: int, form: str, changes: list[tuple[str, str, str | None, str | None]]) -> None:
        """(row, col, value, old) of one table in one write; a value None clears the cell."""
        with self.transaction():
            self.conn.executemany(
                "DELETE FROM perf_cells WHERE table_id = ? AND row = ? AND col = ?",
                [(table_id, row, col) for row, col, value, _ in changes if value is None],
            )
            self.conn.executemany(
                "INSERT INTO perf_cells (table_id, row, col, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (table_id, row, col) DO UPDATE SET value = excluded.value",
                [(table_id, row, col, value) for row, col, value, _ in changes if value is not None],
            )
            now = _now()
            self.conn.executemany(
                "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(now, "绩效自评", form, f"{table_id}:{row}", col, old, value) for row, col, value, old in changes],
            )

    def set_unit(self, key: str, value: str, old: str | None) -> None:
        with self.transaction():
            self._upsert("unit", ("key",), key=key, value=value)
            self._log("单位信息", "单位信息", key, "", old, value)

    # -- copying -----------------------------------------------------------------

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


def _connect(path: Path) -> sqlite3.Connection:
    return lenient(sqlite3.connect(path, timeout=BUSY_MS / 1000))


def _memory() -> sqlite3.Connection:
    return lenient(sqlite3.connect(":memory:", check_same_thread=False))
