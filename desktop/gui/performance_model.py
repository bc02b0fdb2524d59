"""One 绩效自评表 as a table model the sheet view edits: its printed lines, cells by (row key, column)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.core.definitions import CellRef
from desktop.core.performance.layout import PerfItem, as_printed, performance_lines, table_width
from desktop.core.performance.book import PerformanceEditError, PerfTable
from desktop.gui import palette
from desktop.gui.form_model import FINDINGS_ROLE, SEVERITY_ROLE, STATE_ROLE, CellTableModel, _bold, finding_lines
from desktop.gui.performance_commands import SetPerfCells
from desktop.gui.session import Session

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


class PerformanceModel(CellTableModel):
    def __init__(self, session: Session, form_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.book = session.workspace.performance
        self.table: PerfTable | None = None
        self.lines: list[list[PerfItem]] = []
        self.width = table_width(self.book, form_id)
        session.performance_changed.connect(self._on_table)
        session.findings_changed.connect(lambda update: self._emit_refs(update.cells, [SEVERITY_ROLE, FINDINGS_ROLE]))

    # -- which table ------------------------------------------------------------------

    def show_table(self, table_id: int | None) -> None:
        self.beginResetModel()
        self.table = self.book.tables.get(table_id) if table_id is not None else None
        self.lines = performance_lines(self.book, self.table) if self.table else []
        self.endResetModel()

    def _on_table(self, table_id: int) -> None:
        if self.table is None or table_id != self.table.id:
            return
        table = self.book.tables.get(table_id)
        lines = performance_lines(self.book, table) if table else []
        if table is self.table and [[(i.kind, i.row) for i in line] for line in lines] == \
                [[(i.kind, i.row) for i in line] for line in self.lines]:
            self.lines = lines  # same rows: only values changed
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.show_table(table_id if table else None)

    # -- addressing ---------------------------------------------------------------------

    def item(self, row: int, col: int) -> PerfItem | None:
        if 0 <= row < len(self.lines) and 0 <= col < len(self.lines[row]):
            return self.lines[row][col]
        return None

    def ref_at(self, row: int, col: int) -> CellRef | None:
        """The finding address of an editable cell: form, "表号:行", column."""
        item = self.item(row, col)
        if item is None or item.kind != "value" or self.table is None:
            return None
        return CellRef(self.form_id, f"{self.table.id}:{item.row}", item.column.key)

    def index_of(self, ref: CellRef) -> QModelIndex:
        for r, line in enumerate(self.lines):
            for c, _ in enumerate(line):
                if self.ref_at(r, c) == ref:
                    return self.index(r, c)
        return QModelIndex()

    def row_key_at(self, row: int) -> str | None:
        return next((i.row for i in self.lines[row] if i.row), None) if 0 <= row < len(self.lines) else None

    def _emit_refs(self, refs, roles) -> None:
        for ref in refs:
            if ref.form == self.form_id:
                index = self.index_of(ref)
                if index.isValid():
                    self.dataChanged.emit(index, index, roles)

    # -- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.width

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        item = self.item(index.row(), index.column()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return as_printed(item)
        if role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if item.kind == "header":
                return _CENTER
            return _RIGHT if item.column is not None and item.column.numeric else _LEFT
        if role == Qt.ItemDataRole.FontRole and item.kind in ("caption", "header", "name"):
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole and item.kind == "header":
            return palette.STATE_BACKGROUND.get("computed")
        ref = self.ref_at(index.row(), index.column())
        if ref is None:
            return None
        if role == STATE_ROLE:
            return "typed" if item.text else "blank"
        if role == FINDINGS_ROLE:
            return self.session.findings_at(ref)
        if role == SEVERITY_ROLE:
            found = self.session.findings_at(ref)
            return found[0].severity if found else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.book.describe(self.table, item.row, item.column.key)]
            for finding in self.session.findings_at(ref):
                lines += finding_lines(finding, self.session.workspace.explanation_of(finding))
            return "\n".join(lines)
        return None

    # -- edits --------------------------------------------------------------------------

    def refusal(self, index, text: str) -> str | None:
        item = self.item(index.row(), index.column())
        if item is None or item.kind != "value":
            return None
        try:
            self.book.parse(self.table, item.row, item.column.key, text)
        except PerformanceEditError as exc:
            return str(exc)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self._edit({(index.row(), index.column()): str(value)}, "填写")

    def paste(self, top: int, left: int, block: list[list[str]]) -> bool:
        """A block copied from Excel, as one undo step; all or nothing."""
        cells = {}
        skipped = 0
        for i, line in enumerate(block):
            for j, text in enumerate(line):
                if self.ref_at(top + i, left + j) is None:
                    skipped += bool(text.strip())
                    continue
                cells[(top + i, left + j)] = text
        done = self._edit(cells, f"粘贴 {len(block)}×{max(map(len, block), default=0)}")
        if done and skipped:
            self.session.message.emit(f"已粘贴；{skipped} 个内容落在表头、栏目名或表外等不可填写的位置，已跳过")
        return done

    def clear(self, indexes) -> bool:
        return self._edit({(i.row(), i.column()): "" for i in indexes if self.ref_at(i.row(), i.column())}, "清除")

    def _edit(self, cells: dict[tuple[int, int], str], verb: str) -> bool:
        if self.table is None or not cells:
            return False
        changes, notes = [], []
        for (r, c), text in cells.items():
            item = self.item(r, c)
            key = item.column.key
            try:
                stored, note = self.book.parse(self.table, item.row, key, text)
            except PerformanceEditError as exc:
                self.session.message.emit(f"未填写：{exc}")
                return False
            notes += [note] if note else []
            old = self.table.cells.get((item.row, key))
            if stored != old:
                changes.append((item.row, key, stored, old))
        if not changes:
            return False
        done = self.session.run_command(SetPerfCells, self.table.id, changes, f"{verb} {self.table.name}")
        if done and notes:
            self.session.message.emit("；".join(notes))
        return done
