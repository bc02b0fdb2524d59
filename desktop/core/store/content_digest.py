"""A digest of everything a workspace holds, written in the same commit as each change.

SQLite writes a commit's pages into the file one after another. A copy of the file taken at
that instant (to a USB stick, by a synced folder) can hold some pages new and the rest old; when
a page splits, rows that moved between pages can be missing from it although the copy reads as
a sound database. The digest tells such a copy apart: it is the XOR of a hash of every row, so
one commit changes it by the rows it wrote, and a copy holding anything but a whole commit's
state disagrees with it.
"""

from __future__ import annotations

import sqlite3

# hashlib's own module, without the OpenSSL hashlib loads first (4 ms at every start).
from _blake2 import blake2b

# Every table a user's work lives in; the history and meta (which holds the digest) are not.
TABLES = ("unit", "cells", "coded_rows", "empty_notes", "explanations", "texts", "absent",
          "perf_tables", "perf_rows", "perf_cells", "unread")
KEY = "content_digest"
_FUNCTION = "juesuan_row_written"


def _row(table: str, values: tuple[bytes | None, ...]) -> int:
    data = b"\x1f".join([table.encode(), *(b"\x00" if v is None else b"\x01" + v for v in values)])
    return int.from_bytes(blake2b(data, digest_size=16).digest(), "big")


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's columns, in order; a table the file lacks has none."""
    return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in TABLES}


def _bytes(names: list[str], prefix: str = "") -> str:
    # As bytes: a value another program spoiled with broken UTF-8 is hashed, not a decoding failure.
    return ", ".join(f'CAST({prefix}"{c}" AS BLOB)' for c in names)


def of_content(conn: sqlite3.Connection) -> int:
    """The digest of the rows the file holds now."""
    digest = 0
    for table, names in _columns(conn).items():
        if names:
            for values in conn.execute(f'SELECT {_bytes(names)} FROM "{table}"'):
                digest ^= _row(table, tuple(values))
    return digest


def stored(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
    try:
        return int(row[0], 16) if row else None
    except (TypeError, ValueError):
        return None


def store(conn: sqlite3.Connection, digest: int) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (KEY, f"{digest:032x}"))


def matches(conn: sqlite3.Connection) -> bool:
    return stored(conn) == of_content(conn)


class Tracker:
    """Follows one connection's writes (through temporary triggers) and folds them into the
    stored digest when the transaction commits. The stored value is read under the write lock,
    so other programs' commits in between are counted."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.delta = 0
        self.rebase = False  # the stored digest is not to be trusted: made anew at the next commit
        conn.create_function(_FUNCTION, -1, self._written)  # not deterministic: each call counts
        for table, names in _columns(conn).items():
            if not names:
                continue
            new, old = _bytes(names, "NEW."), _bytes(names, "OLD.")
            for event, rows in (("INSERT", [new]), ("DELETE", [old]), ("UPDATE", [old, new])):
                body = " ".join(f"SELECT {_FUNCTION}('{table}', {r});" for r in rows)
                conn.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS "digest_{table}_{event.lower()}" '
                             f'AFTER {event} ON main."{table}" BEGIN {body} END;')

    def _written(self, table: str, *values) -> None:
        self.delta ^= _row(table, values)

    def fold(self) -> None:
        """Into the stored digest, inside the transaction about to commit."""
        if self.rebase:
            store(self.conn, of_content(self.conn))
            self.rebase = False
        elif self.delta:
            base = stored(self.conn)
            if base is not None:
                store(self.conn, base ^ self.delta)
        self.delta = 0
