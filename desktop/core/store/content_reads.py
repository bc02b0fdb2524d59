"""Reading a workspace file's content: what another program spoiled is left out and named, never a crash."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from desktop.core.catalogue import is_code
from desktop.core.definitions import CellRef
from desktop.core.entry_text import printable
from desktop.core.money import stored_amount
from desktop.core.structure import CodedRow
from desktop.core.unread import Unread


class ContentReads:
    """The reading part of WorkspaceFile, which holds `conn` and `damage`."""

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

    def unread(self) -> list[Unread]:
        """Figures the imported workbook printed that the import could not place, in the file's order."""
        found = []
        for r in self._rows("SELECT * FROM unread ORDER BY form, row, col, place"):
            values = [r[k] for k in Unread._fields]
            if all(isinstance(v, str) for v in values):
                found.append(Unread(*values))
            else:
                self.damage.append(f"表 unread 中“{r['form']!r}”“{r['place']!r}”已损坏，已略去")
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
