"""Schema versions of the workspace file and the forward steps between them."""

from __future__ import annotations

import sqlite3

from desktop.core.store import content_digest

# 'JSWS' — marks the file as ours, so a stranger's database is never taken for a workspace.
APPLICATION_ID = 0x4A535753


def _table(conn: sqlite3.Connection, name: str, columns: dict[str, str], key: tuple[str, ...], current: bool) -> None:
    """A table in the exact words earlier versions (through sqlite_utils) wrote into every file;
    `current`: as the last step leaves it, for a new file (see `build`)."""
    lines = [f'   "{column}" {kind}{" PRIMARY KEY" if key == (column,) else ""}' for column, kind in columns.items()]
    if len(key) > 1:
        lines.append(f'   PRIMARY KEY ({", ".join(f"{chr(34)}{k}{chr(34)}" for k in key)})')
    rowid = " WITHOUT ROWID" if (current and name in _KEYED) or name in _BORN_KEYED else ""
    conn.execute(f'CREATE TABLE IF NOT EXISTS "{name}" (\n' + ",\n".join(lines) + f"\n){rowid};\n        ")


def _v1(conn: sqlite3.Connection, current: bool = False) -> None:
    _table(conn, "meta", {"key": "TEXT", "value": "TEXT"}, ("key",), current)
    _table(conn, "unit", {"key": "TEXT", "value": "TEXT"}, ("key",), current)
    _table(conn, "cells", {"form": "TEXT", "row": "TEXT", "col": "TEXT", "value": "TEXT NOT NULL"}, ("form", "row", "col"), current)
    _table(conn, "coded_rows", {"form": "TEXT", "code": "TEXT", "name": "TEXT", "custom": "INTEGER"}, ("form", "code"), current)
    _table(conn, "empty_notes", {"form": "TEXT", "text": "TEXT"}, ("form",), current)
    _table(conn, "history", {
        "id": "INTEGER", "time": "TEXT", "action": "TEXT", "form": "TEXT", "row": "TEXT", "col": "TEXT",
        "old": "TEXT", "new": "TEXT",
    }, ("id",), current)
    if not current:
        conn.execute('CREATE INDEX "idx_history_form_row_col"\n    ON "history" ("form", "row", "col");')


def _v2(conn: sqlite3.Connection, current: bool = False) -> None:
    # 出错说明: the user's explanation of a 警告 or 提示, keyed by the finding's stable key
    # ("公开06-11:合计:决算数"), so it outlives the finding going away and coming back.
    _table(conn, "explanations", {"key": "TEXT", "text": "TEXT NOT NULL"}, ("key",), current)


def _v3(conn: sqlite3.Connection, current: bool = False) -> None:
    # Free text the narrative needs and the tables lack: the 情况说明 itself and its
    # descriptive sections (主要职责, 机构设置, …), keyed by section.
    _table(conn, "texts", {"key": "TEXT", "text": "TEXT NOT NULL"}, ("key",), current)


def _v4(conn: sqlite3.Connection, current: bool = False) -> None:
    # What the workbook a workspace was imported from lacked: a whole table (col '') or one
    # column of it. Checks that read it are not evaluated until a figure is typed there.
    _table(conn, "absent", {"form": "TEXT NOT NULL", "col": "TEXT NOT NULL"}, ("form", "col"), current)


def _v5(conn: sqlite3.Connection, current: bool = False) -> None:
    # The 绩效自评表: the 整体 table and one per project (any number), their repeated rows
    # (tasks, indicators) in order, and their cells as typed text (indicator values are text).
    _table(conn, "perf_tables", {"id": "INTEGER", "form": "TEXT NOT NULL", "position": "INTEGER", "name": "TEXT NOT NULL"}, ("id",), current)
    _table(conn, "perf_rows", {"table_id": "INTEGER", "row": "TEXT NOT NULL", "position": "INTEGER"}, ("table_id", "row"), current)
    _table(conn, "perf_cells", {"table_id": "INTEGER", "row": "TEXT", "col": "TEXT", "value": "TEXT NOT NULL"},
           ("table_id", "row", "col"), current)


# The keyed tables an edit writes, stored as their key's own b-tree. A rowid table with a
# text key is two b-trees (rows and key index) that one edit changes together: a copy of the
# file taken while a save writes its pages (to a USB stick, by a synced folder) can hold one new
# and the other old, which SQLite's check calls damage. coded_rows keeps its rowid: its order.
_KEYED = ("meta", "unit", "cells", "empty_notes", "explanations", "texts", "absent", "perf_rows", "perf_cells")
# Keyed tables made after that step, made so from the start.
_BORN_KEYED = ("unread",)


def _v6(conn: sqlite3.Connection, current: bool = False) -> None:
    # The history's index was never read, and it was the second b-tree every edit wrote. The
    # digest of the content (content_digest) tells a copy taken mid-save from a whole one.
    conn.execute('DROP INDEX IF EXISTS "idx_history_form_row_col"')
    for name in _KEYED:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()[0]
        if sql.rstrip().upper().endswith("WITHOUT ROWID"):
            continue  # made so by `build`, or a file marked back to an earlier version after this step
        conn.execute(f'ALTER TABLE "{name}" RENAME TO "{name}_v5"')
        conn.execute(sql.rstrip().rstrip(";").rstrip() + " WITHOUT ROWID")
        conn.execute(f'INSERT INTO "{name}" SELECT * FROM "{name}_v5"')
        conn.execute(f'DROP TABLE "{name}_v5"')
    content_digest.store(conn, content_digest.of_content(conn))


def _v7(conn: sqlite3.Connection, current: bool = False) -> None:
    # Figures the imported workbook printed that the import could not place (see core/unread): the
    # cells each may be (row or col '' for any), where it is printed and as what. Checks that read
    # those cells are not evaluated until a figure is typed there or the user says the table is whole.
    _table(conn, "unread", {"form": "TEXT NOT NULL", "row": "TEXT NOT NULL", "col": "TEXT NOT NULL",
                            "place": "TEXT NOT NULL", "figure": "TEXT NOT NULL"}, ("form", "row", "col", "place"), current)


# Index i holds the step from version i to i + 1. Append; never change what a released step does
# to a file of its version (`current` only spares a new file the rebuilding of what an earlier made).
MIGRATIONS = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
SCHEMA_VERSION = len(MIGRATIONS)


def build(conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """A new database's tables as a file of `version` has them; the latest made directly in their
    last form (a step that rebuilds tables costs every new workspace and every check of a workbook)."""
    for step in MIGRATIONS[:version]:
        step(conn, current=version == SCHEMA_VERSION)
