"""Writing a workspace file's content: each change in one transaction (see transactions.py), and logged."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.money import to_text
from desktop.core.structure import CodedRow
from desktop.core.unread import Unread


def timestamp() -> str:
    """The time a change (or a new file) is stamped with."""
    return datetime.now().isoformat(timespec="milliseconds")


class ContentWrites:
    """The writing part of WorkspaceFile, which holds `conn` and its transactions."""

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
            (timestamp(), action, form, row, col, old, new),
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
            now = timestamp()
            self.conn.executemany(
                "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(now, "单元格", ref.form, ref.row, ref.col, to_text(old), to_text(value)) for ref, value, old in changes],
            )

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

    def set_unread(self, unread: list[Unread], waiting: bool) -> None:
        """Records figures the import could not place, or that they wait no more, in one write.

        History: action 未读入, form/row/col its cells ('' for any); old/new the place and figure.
        """
        with self.transaction():
            if waiting:
                self.conn.executemany("INSERT OR IGNORE INTO unread (form, row, col, place, figure) VALUES (?, ?, ?, ?, ?)", unread)
            else:
                self.conn.executemany("DELETE FROM unread WHERE form = ? AND row = ? AND col = ? AND place = ?", [u[:4] for u in unread])
            now = timestamp()
            self.conn.executemany(
                "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(now, "未读入", u.form, u.row, u.col, None if waiting else u.said, u.said if waiting else None) for u in unread],
            )

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
            now = timestamp()
            self.conn.executemany(
                "INSERT INTO history (time, action, form, row, col, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(now, "绩效自评", form, f"{table_id}:{row}", col, old, value) for row, col, value, old in changes],
            )

    def set_unit(self, key: str, value: str, old: str | None) -> None:
        with self.transaction():
            self._upsert("unit", ("key",), key=key, value=value)
            self._log("单位信息", "单位信息", key, "", old, value)
