"""Opens, creates and writes the workspace file; every write is committed before it returns."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import sqlite_utils

from desktop import __version__
from desktop.core.definitions import CellRef
from desktop.core.money import from_text, to_text
from desktop.core.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from desktop.core.structure import CodedRow

SQLITE_HEADER = b"SQLite format 3\x00"


class WorkspaceError(Exception):
    """A workspace file that cannot be used; the message is Chinese and names the file."""


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


class WorkspaceFile:
    """The SQLite file of one unit and year. Every method that writes commits at once."""

    def __init__(self, path: Path, db: sqlite_utils.Database):
        self.path = path
        self.db = db

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, unit: dict[str, str]) -> "WorkspaceFile":
        path = Path(path)
        if path.exists():
            raise WorkspaceError(f"文件“{path}”已存在，未做任何改动。请换一个文件名。")
        try:
            db = sqlite_utils.Database(path)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"无法创建工作区文件“{path}”：{exc}") from exc
        store = cls(path, db)
        store._configure()
        with db.atomic():
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            store._migrate(0)
            db["meta"].insert_all(
                [
                    {"key": "created", "value": _now()},
                    {"key": "created_by", "value": __version__},
                ]
            )
            for key, value in unit.items():
                db["unit"].insert({"key": key, "value": value})
        return store

    @classmethod
    def open(cls, path: Path) -> "WorkspaceFile":
        path = Path(path)
        cls._inspect(path)
        try:
            db = sqlite_utils.Database(path)
            store = cls(path, db)
            store._configure()
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                with db.atomic():
                    store._migrate(version)
        except sqlite3.Error as exc:
            raise WorkspaceError(f"无法打开工作区文件“{path}”：{exc}") from exc
        return store

    @staticmethod
    def _inspect(path: Path) -> None:
        """Refuses anything that is not a healthy workspace of a version we can read."""
        if not path.exists():
            raise WorkspaceError(f"找不到工作区文件“{path}”。")
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise WorkspaceError(f"无法读取“{path}”：{exc.strerror or exc}") from exc
        if header != SQLITE_HEADER:
            raise WorkspaceError(
                f"“{path}”不是决算公开工作区文件（不是 SQLite 数据库），程序没有改动它。"
            )
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(
                f"工作区文件“{path}”已损坏（{exc}），程序没有改动它。请从备份恢复。"
            ) from exc
        if problems != ["ok"]:
            detail = "；".join(problems[:3])
            raise WorkspaceError(
                f"工作区文件“{path}”已损坏（{detail}），程序没有改动它。请从备份恢复。"
            )
        if app_id != APPLICATION_ID:
            raise WorkspaceError(f"“{path}”是 SQLite 数据库，但不是决算公开工作区文件，程序没有改动它。")
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"“{path}”由更新版本的程序写入（文件格式第 {version} 版，本程序只支持到第 "
                f"{SCHEMA_VERSION} 版），为免损坏数据未打开。请升级程序后再打开。"
            )

    def _configure(self) -> None:
        # WAL keeps readers and the writer apart; FULL sync makes each commit survive a power cut.
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA busy_timeout = 5000")

    def _migrate(self, version: int) -> None:
        for step in MIGRATIONS[version:]:
            step(self.db)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def detached_copy(self) -> "WorkspaceFile":
        """A copy in memory, taken through this connection, that another thread may read.

        Background work reads the copy: opening the file a second time in this process would
        drop SQLite's POSIX locks on it (closing any descriptor of a file drops them all).
        """
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.conn.backup(memory)
        return WorkspaceFile(self.path, sqlite_utils.Database(memory))

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- reading -----------------------------------------------------------------

    def unit(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db["unit"].rows}

    def typed_cells(self) -> dict[CellRef, Decimal]:
        return {
            CellRef(r["form"], r["row"], r["col"]): from_text(r["value"])
            for r in self.db["cells"].rows
        }

    def coded_rows(self) -> list[CodedRow]:
        return [
            CodedRow(r["form"], r["code"], r["name"], bool(r["custom"]))
            for r in self.db["coded_rows"].rows_where(order_by="form, code")
        ]

    def empty_notes(self) -> dict[str, str]:
        return {r["form"]: r["text"] for r in self.db["empty_notes"].rows}

    def explanations(self) -> dict[str, str]:
        return {r["key"]: r["text"] for r in self.db["explanations"].rows}

    def texts(self) -> dict[str, str]:
        return {r["key"]: r["text"] for r in self.db["texts"].rows}

    def history(self, limit: int | None = None) -> list[dict]:
        return list(self.db["history"].rows_where(order_by="id desc", limit=limit))

    # -- writing -----------------------------------------------------------------

    def _log(self, action: str, form: str, row: str, col: str, old, new) -> None:
        self.db["history"].insert(
            {
                "time": _now(), "action": action, "form": form, "row": row, "col": col,
                "old": old, "new": new,
            }
        )

    def set_cell(self, ref: CellRef, value: Decimal | None, old: Decimal | None) -> None:
        with self.db.atomic():
            if value is None:
                self.db["cells"].delete_where(
                    "form = ? and row = ? and col = ?", [ref.form, ref.row, ref.col]
                )
            else:
                self.db["cells"].upsert(
                    {"form": ref.form, "row": ref.row, "col": ref.col, "value": to_text(value)},
                    pk=("form", "row", "col"),
                )
            self._log("单元格", ref.form, ref.row, ref.col, to_text(old), to_text(value))

    def transaction(self):
        """Groups several writes (a paste, a removed row with its figures): all land or none."""
        return self.db.atomic()

    def add_coded_row(self, row: CodedRow) -> None:
        with self.db.atomic():
            self.db["coded_rows"].upsert(
                {"form": row.form, "code": row.code, "name": row.name, "custom": int(row.custom)},
                pk=("form", "code"),
            )
            self._log("增加科目", row.form, row.code, "", None, row.name)

    def remove_coded_row(self, form: str, code: str) -> None:
        with self.db.atomic():
            self.db["coded_rows"].delete_where("form = ? and code = ?", [form, code])
            self._log("删除科目", form, code, "", code, None)

    def set_empty_note(self, form: str, text: str, old: str) -> None:
        with self.db.atomic():
            if text:
                self.db["empty_notes"].upsert({"form": form, "text": text}, pk="form")
            else:
                self.db["empty_notes"].delete_where("form = ?", [form])
            self._log("空表说明", form, "", "", old or None, text or None)

    def set_explanation(self, key: str, text: str, old: str, form: str = "") -> None:
        """Empty text deletes. History: action 出错说明, the rule's form (if known), row = the key."""
        with self.db.atomic():
            if text:
                self.db["explanations"].upsert({"key": key, "text": text}, pk="key")
            else:
                self.db["explanations"].delete_where("key = ?", [key])
            self._log("出错说明", form, key, "", old or None, text or None)

    def set_text(self, key: str, text: str, old: str) -> None:
        """Empty text deletes. History: action 文字, row = the section key."""
        with self.db.atomic():
            if text:
                self.db["texts"].upsert({"key": key, "text": text}, pk="key")
            else:
                self.db["texts"].delete_where("key = ?", [key])
            self._log("文字", "情况说明", key, "", old or None, text or None)

    def set_unit(self, key: str, value: str, old: str | None) -> None:
        with self.db.atomic():
            self.db["unit"].upsert({"key": key, "value": value}, pk="key")
            self._log("单位信息", "单位信息", key, "", old, value)

    # -- copying -----------------------------------------------------------------

    def save_copy(self, target: Path) -> None:
        """另存为: a consistent copy through SQLite's backup API; this file stays the open one."""
        target = Path(target)
        if target.resolve() == self.path.resolve() or (
            target.exists() and os.path.samefile(target, self.path)
        ):
            raise WorkspaceError(f"“{target}”就是当前打开的工作区文件，请另选一个文件名。")
        if target.exists():
            raise WorkspaceError(f"文件“{target}”已存在，未做任何改动。请换一个文件名。")
        # Copy beside the target and rename at the end, so a failed copy leaves no half file.
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
        except OSError as exc:
            raise WorkspaceError(f"无法另存为“{target}”：{exc.strerror or exc}") from exc
        os.close(handle)
        partial = Path(name)
        try:
            dest = sqlite3.connect(partial)
            try:
                self.db.conn.backup(dest)
            finally:
                dest.close()
            self._inspect(partial)
            os.replace(partial, target)
        except (OSError, sqlite3.Error, WorkspaceError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise WorkspaceError(f"无法另存为“{target}”：{detail}") from exc
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
