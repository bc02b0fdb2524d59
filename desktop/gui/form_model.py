"""Qt models of one form as printed: the header rows, and the body whose figure cells are edited."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.checks.findings import Finding
from desktop.core.definitions import CellRef
from desktop.core.definitions.layout import GridCell, PrintedGrid, printed_grid
from desktop.core.money import format_amount
from desktop.core.workspace import EditError
from desktop.gui import palette
from desktop.gui.session import FindingsUpdate, Session

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # CellRef of a figure cell, else None
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "computed", "override", "typed", "blank" or None
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # worst severity among the cell's findings
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 4  # list[Finding] involving the cell

_VALUE_ROLES = [
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole, STATE_ROLE,
]
_FINDING_ROLES = [Qt.ItemDataRole.ToolTipRole, SEVERITY_ROLE, FINDINGS_ROLE]
_ALIGN = {
    "value": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "name": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
}
_CENTER = Qt.AlignmentFlag.AlignCenter


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class FormLayout:
    """The printed grid of a form in the open workspace, split into header and body."""

    def __init__(self, session: Session, form_id: str):
        ws = session.workspace
        self.grid: PrintedGrid = printed_grid(ws.forms[form_id], ws.rows(form_id), ws.money_unit)
        self.header = self.grid.header_rows
        self.cells = self.grid.at()

    def spans(self, header: bool) -> list[GridCell]:
        return [
            c for c in self.grid.cells
            if (c.rowspan > 1 or c.colspan > 1) and (c.row < self.header) == header
        ]


class FormHeaderModel(QAbstractTableModel):
    """The merged header rows and the 栏次 row; read-only."""

    def __init__(self, layout: FormLayout, parent=None):
        super().__init__(parent)
        self.layout = layout

    def set_layout(self, layout: FormLayout) -> None:
        self.beginResetModel()
        self.layout = layout
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.header

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.grid.n_cols

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.layout.cells.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text if cell else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            return palette.HEADER
        if role == Qt.ItemDataRole.FontRole and cell and cell.kind == "header":
            return _bold()
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags


class CellTableModel(QAbstractTableModel):
    """A printed table whose value cells (those its `ref_at` names) are editable unless the session is read-only."""

    session: Session

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.ref_at(index.row(), index.column()) and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class FormModel(CellTableModel):
    """The body of a form: stub cells and figure cells, figures live from the workspace."""

    def __init__(self, session: Session, form_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self._load()
        session.values_changed.connect(self._on_values)
        session.findings_changed.connect(self._on_findings)
        session.explanation_changed.connect(self._on_explanation)
        session.structure_changed.connect(self.reload)

    # -- layout --------------------------------------------------------------------

    def _load(self) -> None:
        self.layout = FormLayout(self.session, self.form_id)
        self._pos: dict[CellRef, tuple[int, int]] = {
            c.ref: (c.row - self.layout.header, c.col) for c in self.layout.grid.value_cells()
        }

    def reload(self) -> None:
        """Rows changed (a 科目 added or removed): the whole form is laid out again."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def cell(self, row: int, col: int) -> GridCell | None:
        return self.layout.cells.get((row + self.layout.header, col))

    def ref_at(self, row: int, col: int) -> CellRef | None:
        cell = self.cell(row, col)
        return cell.ref if cell else None

    def index_of(self, ref: CellRef) -> QModelIndex:
        pos = self._pos.get(ref)
        return self.index(*pos) if pos else QModelIndex()

    def refs(self) -> list[CellRef]:
        return list(self._pos)

    # -- Qt model ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.grid.n_rows - self.layout.header

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.grid.n_cols

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if cell.ref is None:
            return self._stub_data(cell, role)
        return self._value_data(cell, role)

    def _stub_data(self, cell: GridCell, role):
        kind = self.layout.grid.col_kinds[cell.col]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN.get(kind if cell.colspan == 1 else "name", _CENTER)
        if role == Qt.ItemDataRole.FontRole and cell.source and _is_total(cell.source):
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and cell.source and cell.source.custom:
            return "此科目不在科目表中，由用户自行增加"
        if role == Qt.ItemDataRole.ForegroundRole and cell.source and cell.source.custom:
            return palette.CUSTOM_TEXT
        return None

    def _value_data(self, cell: GridCell, role):
        ref = cell.ref
        values = self.session.workspace.values
        if role == Qt.ItemDataRole.DisplayRole:
            return format_amount(values.get(ref), decimals=cell.source.decimals)
        if role == Qt.ItemDataRole.EditRole:
            return format_amount(values.get(ref), decimals=cell.source.decimals, grouping=False)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN["value"]
        if role == STATE_ROLE:
            return _state(values, ref)
        if role == Qt.ItemDataRole.BackgroundRole:
            return palette.STATE_BACKGROUND.get(_state(values, ref))
        if role == Qt.ItemDataRole.FontRole and _is_total(cell.source):
            return _bold()
        if role == REF_ROLE:
            return ref
        if role == FINDINGS_ROLE:
            return self.session.findings_at(ref)
        if role == SEVERITY_ROLE:
            found = self.session.findings_at(ref)
            return found[0].severity if found else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ref)
        return None

    def _tooltip(self, ref: CellRef) -> str:
        ws = self.session.workspace
        values = ws.values
        lines = [ws.describe(ref)]
        state = _state(values, ref)
        if state == "computed":
            lines.append("自动计算：" + self._formula_text(ref))
        elif state == "override":
            lines.append("手工填写，覆盖了自动计算；将与分项之和核对。用“恢复自动计算”可改回。")
            lines.append("分项：" + self._formula_text(ref))
        for finding in self.session.findings_at(ref):
            lines.append("")
            lines += finding_lines(finding, ws.explanation_of(finding))
        return "\n".join(lines)

    def _formula_text(self, ref: CellRef) -> str:
        parts = self.session.workspace.values.formula(ref)
        names = [self._short(part) for part in parts[:8]]
        more = f" 等 {len(parts)} 项" if len(parts) > 8 else ""
        return " + ".join(names) + more

    def _short(self, ref: CellRef) -> str:
        row = self.session.workspace.structure.row(ref.form, ref.row)
        label = row.caption if row else ref.row
        prefix = "" if ref.form == self.form_id else ref.form
        column = "" if ref.col == self._only_column(ref) else f"·{ref.col}"
        return f"{prefix}{label}{column}"

    def _only_column(self, ref: CellRef) -> str | None:
        columns = self.session.workspace.structure.columns(ref.form, ref.row)
        return columns[0].key if len(columns) == 1 else None

    def refusal(self, index, text: str) -> str | None:
        """Why typed text cannot go into the cell, or None if it can."""
        ref = self.ref_at(index.row(), index.column())
        if ref is None:
            return None
        try:
            self.session.workspace.parse(ref, text)
        except EditError as exc:
            return str(exc)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.ref_at(index.row(), index.column())
        if ref is None:
            return False
        try:
            amount = self.session.workspace.parse(ref, value)
        except EditError as exc:
            self.session.message.emit(str(exc))
            return False
        self.session.edit_values([(ref, amount)], f"填写 {self.session.workspace.describe(ref)}")
        return True

    # -- edits on ranges -------------------------------------------------------------

    def paste(self, top: int, left: int, block: list[list[str]]) -> bool:
        """Put a block copied from Excel at (top, left) as one undo step; all or nothing."""
        ws = self.session.workspace
        changes: list[tuple[CellRef, Decimal | None]] = []
        skipped = 0
        for i, line in enumerate(block):
            for j, text in enumerate(line):
                row, col = top + i, left + j
                if row >= self.rowCount() or col >= self.columnCount():
                    skipped += bool(text.strip())
                    continue
                ref = self.ref_at(row, col)
                if ref is None:
                    cell = self.cell(row, col)
                    skipped += bool(text.strip()) and (cell is None or text.strip() != cell.text)
                    continue
                try:
                    changes.append((ref, ws.parse(ref, text)))
                except EditError as exc:
                    self.session.message.emit(f"未粘贴：{exc}")
                    return False
        done = self.session.edit_values(changes, f"粘贴 {len(block)}×{max(map(len, block), default=0)}")
        if skipped:
            self.session.message.emit(f"已粘贴；{skipped} 个内容落在表头、科目或表外等不可填写的位置，已跳过")
        return done

    def clear(self, indexes: list[QModelIndex]) -> bool:
        """Delete: typed figures go; a computed total typed over returns to computing."""
        typed = self.session.workspace.values.typed
        refs = [self.ref_at(i.row(), i.column()) for i in indexes]
        changes = [(ref, None) for ref in refs if ref is not None and ref in typed]
        return self.session.edit_values(changes, "清除")

    def restore_computed(self, indexes: list[QModelIndex]) -> bool:
        values = self.session.workspace.values
        refs = [self.ref_at(i.row(), i.column()) for i in indexes]
        changes = [(r, None) for r in refs if r is not None and values.can_compute(r) and values.is_typed(r)]
        if not changes:
            self.session.message.emit("所选单元格没有手工覆盖的自动计算数")
            return False
        return self.session.edit_values(changes, "恢复自动计算")

    # -- session signals -------------------------------------------------------------

    def _emit_cells(self, refs, roles) -> None:
        for ref in refs:
            pos = self._pos.get(ref)
            if pos is not None:
                index = self.index(*pos)
                self.dataChanged.emit(index, index, roles)

    def _on_values(self, refs: set[CellRef]) -> None:
        self._emit_cells(refs, _VALUE_ROLES)

    def _on_findings(self, update: FindingsUpdate) -> None:
        self._emit_cells(update.cells, _FINDING_ROLES)

    def _on_explanation(self, key: str) -> None:
        self._emit_cells(self.session.cells_of(key), [Qt.ItemDataRole.ToolTipRole])


def _state(values, ref: CellRef) -> str:
    if values.is_computed(ref):
        return "computed"
    if values.can_compute(ref):
        return "override"
    return "typed" if values.is_typed(ref) else "blank"


def _is_total(row) -> bool:
    """Captions, 合计 lines and the 类 rows of coded forms print bold, as on the published forms."""
    coded_lei = row.key == row.code and len(row.code or "") == 3
    return row.heading or coded_lei or "合计" in row.tags or row.label.endswith(("合计", "总计"))


def finding_lines(finding: Finding, explanation: str = "") -> list[str]:
    """How a finding reads in a tooltip: message, then expected, actual and difference."""
    lines = [f"【{finding.severity}】{finding.rule} {finding.message}"]
    # Most messages state them in their own words already: each figure is said once.
    figures = [
        f"{label} {format_amount(value)}"
        for label, value in (("应为", finding.expected), ("实为", finding.actual), ("差额", finding.difference))
        if value is not None and label not in finding.message
    ]
    if figures:
        lines.append("，".join(figures))
    if explanation:
        lines.append(f"出错说明：{explanation}")
    return lines


__all__ = [
    "FINDINGS_ROLE", "REF_ROLE", "SEVERITY_ROLE", "STATE_ROLE",
    "FormHeaderModel", "FormLayout", "FormModel", "finding_lines",
]
