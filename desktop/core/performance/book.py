"""The 绩效自评表 of a workspace: the 整体 table and any number of project tables, edited and undone."""

from __future__ import annotations

import copy
import re
import unicodedata
from decimal import Decimal, DecimalException
from typing import NamedTuple

from desktop.core.changes import Changes
from desktop.core.definitions.performance import PerfBlock, PerfForm, load_performance_forms
from desktop.core.money import AmountError, parse_amount

WHOLE = "绩效整体"
PROJECT = "绩效项目"
HUNDRED = Decimal(100)


class PerformanceEditError(ValueError):
    """An edit refused; the message is Chinese and names form, project, row and column."""


class PerfTable:
    """One 绩效自评表 of the workspace, as stored."""

    __slots__ = ("id", "form", "name", "position", "rows", "cells")

    def __init__(self, id: int, form: str, name: str, position: int, rows: list[str] | None = None,
                 cells: dict[tuple[str, str], str] | None = None):
        self.id, self.form, self.name, self.position = id, form, name, position
        self.rows = [] if rows is None else rows  # repeated rows in order, "指标#3"
        self.cells = {} if cells is None else cells  # (row, col) -> stored text


class RemovedRow(NamedTuple):
    """An indicator or task row taken off a table, with its cells, for undo."""

    table_id: int
    row: str
    position: int
    cells: dict[tuple[str, str], str]


def parse_rate(text: str) -> tuple[Decimal | None, str]:
    """执行率 as typed: "57.45%", "57.45" (percent) or "0.5745" (a fraction); the note says which was taken."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    percent = raw.endswith("%")
    value = parse_as_typed(raw.rstrip("%"), 6)
    if value is None:
        return None, ""
    if percent:
        return value, ""
    if Decimal(0) < value <= 1:
        # A fraction: its printed decimals less two are the percent's (0.5745 -> 57.45).
        taken = (value * HUNDRED).quantize(Decimal(1).scaleb(min(0, value.as_tuple().exponent + 2)))
        return taken, f"“{text}”视为比例，按 {taken}% 理解"
    return value, f"“{text}”按 {value}% 理解"


def parse_as_typed(text, decimals: int) -> Decimal | None:
    """A figure with the decimals it was typed with (a rate printed “100%” stays whole, “46.90%” keeps its 0)."""
    value = parse_amount(text, decimals=decimals)
    if value is None:
        return None
    typed = unicodedata.normalize("NFKC", str(text)).strip().rstrip("%")
    places = len(typed.split(".", 1)[1].strip()) if "." in typed else 0
    return value.quantize(Decimal(1).scaleb(-min(places, decimals)))


class SelfEvaluation:
    """The tables as the store holds them; every change is written before it returns."""

    def __init__(self, store, forms: dict[str, PerfForm] | None = None):
        self.store = store
        self.forms = forms or load_performance_forms()
        rows = store.perf_rows()
        cells = store.perf_cells()
        self.tables: dict[int, PerfTable] = {}
        for r in store.perf_tables():
            if r["form"] not in self.forms:
                continue
            table = PerfTable(r["id"], r["form"], r["name"], r["position"] or 0, rows.get(r["id"], []))
            table.cells = {(row, col): v for (tid, row, col), v in cells.items() if tid == table.id}
            self.tables[table.id] = table

    # -- reading ---------------------------------------------------------------------

    def whole(self) -> PerfTable | None:
        return next((t for t in self.tables.values() if t.form == WHOLE), None)

    def projects(self) -> list[PerfTable]:
        return sorted((t for t in self.tables.values() if t.form == PROJECT), key=lambda t: (t.position, t.id))

    def ordered(self) -> list[PerfTable]:
        whole = self.whole()
        return ([whole] if whole else []) + self.projects()

    def table(self, table_id: int) -> PerfTable:
        try:
            return self.tables[table_id]
        except KeyError:
            raise PerformanceEditError(f"没有第 {table_id} 张绩效自评表") from None

    def form_of(self, table: PerfTable) -> PerfForm:
        return self.forms[table.form]

    def block_rows(self, table: PerfTable, block: PerfBlock) -> list[str]:
        if block.repeated:
            return [r for r in table.rows if r.split("#", 1)[0] == block.key]
        return list(block.rows)

    def text(self, table: PerfTable, row: str, col: str) -> str:
        return table.cells.get((row, col), "")

    def number(self, table: PerfTable, row: str, col: str) -> Decimal | None:
        """A numeric cell's figure (a rate in percent), None when blank."""
        raw = table.cells.get((row, col))
        if raw is None:
            return None
        try:
            return Decimal(raw)
        except DecimalException:
            return None

    def row_label(self, table: PerfTable, row: str) -> str:
        block = self.form_of(table).block_of_row(row)
        if block is None:
            return row
        if block.repeated:
            return f"{block.row_label} {self.block_rows(table, block).index(row) + 1}" if row in table.rows else row
        return block.label(row)

    def describe(self, table: PerfTable, row: str, col: str) -> str:
        """“项目支出绩效自评表「机关运行经费」「年度资金总额」行「执行率」栏”, for messages."""
        form = self.form_of(table)
        block = form.block_of_row(row)
        column = block.column(col) if block else None
        return f"{form.title}「{table.name}」「{self.row_label(table, row)}」行「{column.label if column else col}」栏"

    # -- tables ----------------------------------------------------------------------

    def _next_id(self) -> int:
        return max(self.tables, default=0) + 1

    def ensure_whole(self, name: str) -> Changes:
        """The 整体 table (whole()), made (empty, named after the unit) the first time it is written."""
        if self.whole() is not None:
            return Changes()
        whole = PerfTable(self._next_id(), WHOLE, name or "本单位", 0)
        self.store.put_perf_table(whole.id, WHOLE, 0, whole.name, None)
        self.tables[whole.id] = whole
        return Changes(performance={whole.id})

    def add_project(self, name: str) -> Changes:
        """A new project table; the record's `performance` holds its id alone."""
        name = self._checked_name(name)
        position = max((t.position for t in self.projects()), default=0) + 1
        table = PerfTable(self._next_id(), PROJECT, name, position)
        self.store.put_perf_table(table.id, PROJECT, position, name, None)
        self.tables[table.id] = table
        return Changes(performance={table.id})

    def rename(self, table_id: int, name: str) -> Changes:
        table = self.table(table_id)
        name = name.strip() if table.form == WHOLE else self._checked_name(name, table_id)
        if not name or name == table.name:
            return Changes()
        self.store.put_perf_table(table.id, table.form, table.position, name, table.name)
        table.name = name
        return Changes(performance={table_id})

    def _checked_name(self, name: str, own: int | None = None) -> str:
        name = re.sub(r"\s+", " ", str(name)).strip()
        if not name:
            raise PerformanceEditError("项目名称不能为空")
        if any(t.name == name and t.id != own for t in self.projects()):
            raise PerformanceEditError(f"已有名为“{name}”的项目绩效自评表")
        return name

    def remove(self, table_id: int) -> Changes:
        """Takes a table off with everything in it; the record's `removed` is it, for restore (undo)."""
        table = self.table(table_id)
        self.store.drop_perf_table(table.id, table.form, table.name)
        del self.tables[table.id]
        return Changes(performance={table_id}, removed=copy.deepcopy(table))

    def restore(self, table: PerfTable) -> Changes:
        """Puts back what remove took away, under the same id, in one write."""
        if table.id in self.tables:
            raise PerformanceEditError(f"绩效自评表“{table.name}”已在，不能再恢复一次")
        table = copy.deepcopy(table)
        with self.store.transaction():
            self.store.put_perf_table(table.id, table.form, table.position, table.name, None)
            if table.rows:
                self.store.set_perf_rows(table.id, table.form, table.rows, [])
            self.store.set_perf_cells(
                table.id, table.form, [(row, col, value, None) for (row, col), value in sorted(table.cells.items())],
            )
        self.tables[table.id] = table
        return Changes(performance={table.id})

    # -- repeated rows -----------------------------------------------------------------

    def add_row(self, table_id: int, block_key: str, after: str | None = None) -> Changes:
        """A new empty task or indicator row, after `after` (or last in its block); its key in `added`."""
        return self.add_rows(table_id, block_key, 1, after)

    def add_rows(self, table_id: int, block_key: str, count: int, after: str | None = None) -> Changes:
        """`count` new empty rows in one write, in order after `after` (or last in their block)."""
        if count == 0:
            return Changes()
        table = self.table(table_id)
        block = self.form_of(table).block(block_key)
        if not block.repeated:
            raise PerformanceEditError(f"“{block.title or block.key}”的行是固定的，不能增加")
        used = [int(r.split("#", 1)[1]) for r in table.rows if r.split("#", 1)[1].isdigit()]
        first = max(used, default=0) + 1
        rows = [f"{block.key}#{n}" for n in range(first, first + count)]
        mine = self.block_rows(table, block)
        anchor = after if after in mine else (mine[-1] if mine else None)
        position = table.rows.index(anchor) + 1 if anchor else len(table.rows)
        self._write_rows(table, table.rows[:position] + rows + table.rows[position:])
        return Changes(performance={table_id}, added=rows)

    def remove_row(self, table_id: int, row: str) -> Changes:
        """Takes a task or indicator row off; the record's `removed` is it, for restore_row (undo)."""
        table = self.table(table_id)
        if row not in table.rows:
            raise PerformanceEditError(f"绩效自评表“{table.name}”没有可删除的“{row}”行")
        cells = {k: v for k, v in table.cells.items() if k[0] == row}
        with self.store.transaction():
            self.store.set_perf_cells(table.id, table.form, [(r, col, None, value) for (r, col), value in cells.items()])
            removed = RemovedRow(table.id, row, table.rows.index(row), cells)
            self._write_rows(table, [r for r in table.rows if r != row])
        for key in cells:
            del table.cells[key]
        return Changes(performance={table_id}, removed=removed)

    def restore_row(self, removed: RemovedRow) -> Changes:
        table = self.table(removed.table_id)
        rows = list(table.rows)
        rows.insert(min(removed.position, len(rows)), removed.row)
        with self.store.transaction():
            self._write_rows(table, rows)
            self.store.set_perf_cells(
                table.id, table.form, [(row, col, value, None) for (row, col), value in removed.cells.items()],
            )
        table.cells.update(removed.cells)
        return Changes(performance={table.id})

    def _write_rows(self, table: PerfTable, rows: list[str]) -> None:
        self.store.set_perf_rows(table.id, table.form, rows, table.rows)
        table.rows = rows

    # -- cells -------------------------------------------------------------------------

    def parse(self, table: PerfTable, row: str, col: str, text) -> tuple[str | None, str]:
        """What to store for typed text, and a note on how a 执行率 was read; refusals name the cell."""
        block = self.form_of(table).block_of_row(row)
        column = block.column(col) if block else None
        if column is None or (block.repeated and row not in table.rows):
            raise PerformanceEditError(f"{self.form_of(table).title}「{table.name}」没有“{row}”行“{col}”栏")
        text = "" if text is None else str(text)
        if column.type == "text":
            text = text.strip()
            return (text or None), ""
        try:
            if column.type == "rate":
                value, note = parse_rate(text)
            else:
                value, note = parse_as_typed(text, 2), ""
        except AmountError as exc:
            what = "分值、得分" if column.type == "score" else ("执行率" if column.type == "rate" else "金额")
            raise PerformanceEditError(f"{self.describe(table, row, col)}：{exc}，{what}须填数字") from exc
        if note:
            note = f"{self.describe(table, row, col)}：{note}"
        return (None if value is None else str(value)), note

    def set_cells(self, table_id: int, changes: list[tuple[str, str, str | None]]) -> Changes:
        """Type text into cells (all or none); the record's `remarks` say how rates were read."""
        table = self.table(table_id)
        parsed = [(row, col, *self.parse(table, row, col, text)) for row, col, text in changes]
        written = self.put_stored(table_id, [(row, col, value) for row, col, value, _ in parsed])
        written.remarks = [note for *_, note in parsed if note]
        return written

    def put_stored(self, table_id: int, values: list[tuple[str, str, str | None]]) -> Changes:
        """Write already-parsed values (an undo puts the old ones back)."""
        table = self.table(table_id)
        real = [(r, c, v) for r, c, v in values if table.cells.get((r, c)) != v]
        if not real:
            return Changes()
        self.store.set_perf_cells(
            table.id, table.form, [(row, col, value, table.cells.get((row, col))) for row, col, value in real],
        )
        for row, col, value in real:
            if value is None:
                table.cells.pop((row, col), None)
            else:
                table.cells[(row, col)] = value
        return Changes(performance={table_id})
