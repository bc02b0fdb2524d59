"""The 预算执行 screen: budget, actual, rate, difference and reason for every budget comparison, live."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.core.baselines.budget import (
    BudgetLine, budget_difference, budget_lines, missing_budget_notice, rate_text, unbudgeted_rules,
)
from desktop.core.definitions import CellRef
from desktop.core.money import format_amount
from desktop.core.workspace import EditError
from desktop.gui import palette
from desktop.gui.session import FindingsUpdate, Session
from desktop.gui.titled_columns import TitledColumnsModel

COLUMNS = ("科目代码", "项目", "预算数", "决算数", "完成率", "差额", "原因（出错说明）")
CODE, NAME, BUDGET, ACTUAL, RATE, DIFFERENCE, REASON = range(len(COLUMNS))
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING = "【请填写原因】"


class BudgetModel(TitledColumnsModel):
    COLUMNS = COLUMNS

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._load()
        session.values_changed.connect(self._on_values)
        session.findings_changed.connect(self._on_findings)
        session.explanation_changed.connect(self._on_explanation)
        session.structure_changed.connect(self._reset)

    def _shown(self) -> list[BudgetLine]:
        ws = self.session.workspace
        return [
            line for line in budget_lines(ws)
            if ws.value(line.budget) is not None or ws.value(line.actual) is not None
        ]

    def _load(self) -> None:
        self.lines = self._shown()
        self.unbudgeted = unbudgeted_rules(self.session.workspace, self.lines)
        self._rows = {line.key: row for row, line in enumerate(self.lines)}

    def _reset(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def row_of(self, key: str) -> int:
        return self._rows.get(key, -1)

    # -- Qt model ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.lines[index.row()]
        ws = self.session.workspace
        editable = (
            (index.column() == BUDGET and ws.structure.is_cell(line.budget))
            or (index.column() == REASON and self.session.finding(line.key) is not None)
        )
        if editable and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        ws = self.session.workspace
        budget, actual = ws.value(line.budget), ws.value(line.actual)
        if role == LINE_ROLE:
            return line
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if column == CODE:
                return line.code
            if column == NAME:
                return line.name
            if column in (BUDGET, ACTUAL):
                return format_amount(budget if column == BUDGET else actual, grouping=not edit)
            if column == RATE:
                return rate_text(ws, line, self.unbudgeted)
            if column == DIFFERENCE:
                if line.rule in self.unbudgeted:
                    return ""  # against a budget not yet entered, 决算 − 0 is no difference
                return format_amount(budget_difference(budget, actual)) if budget is not None or actual else ""
            reason = ws.explanation(line.key)
            return reason or ("" if edit or not self._needs_reason(line) else MISSING)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (BUDGET, ACTUAL, RATE, DIFFERENCE):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and column == REASON and self._needs_reason(line) \
                and not ws.explanation(line.key):
            return palette.SEVERITY["警告"]
        if role == Qt.ItemDataRole.ToolTipRole:
            finding = self.session.finding(line.key)
            return finding.message if finding else "决算数与预算数一致"
        return None

    def _needs_reason(self, line: BudgetLine) -> bool:
        finding = self.session.finding(line.key)
        return finding is not None and finding.severity != "错误"

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.lines[index.row()]
        if index.column() == REASON:
            return self.session.set_explanation(line.key, str(value))
        if index.column() == BUDGET:
            try:
                amount = self.session.workspace.parse(line.budget, value)
            except EditError as exc:
                self.session.message.emit(str(exc))
                return False
            return self.session.edit_values([(line.budget, amount)], f"填写预算数 {line.name}")
        return False

    # -- session signals -------------------------------------------------------------

    def _emit_row(self, row: int, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def _on_values(self, cells: set[CellRef]) -> None:
        if [line.key for line in self._shown()] != [line.key for line in self.lines] \
                or unbudgeted_rules(self.session.workspace, self.lines) != self.unbudgeted:
            self._reset()  # a line gained its first figure or lost its last, or a first budget came
            return
        for row, line in enumerate(self.lines):
            if line.budget in cells or line.actual in cells:
                self._emit_row(row, BUDGET, REASON)

    def _on_findings(self, update: FindingsUpdate) -> None:
        delta = update.delta
        for key in delta.added | delta.removed | delta.changed:
            row = self.row_of(key)
            if row >= 0:
                self._emit_row(row, REASON, REASON)

    def _on_explanation(self, key: str) -> None:
        row = self.row_of(key)
        if row >= 0:
            self._emit_row(row, REASON, REASON)


class BudgetPage(QWidget):
    """The screen: one table, with the form cell behind a figure one double-click away."""

    cell_requested = Signal(object)  # CellRef

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.model = BudgetModel(session, self)
        title = palette.page_title("预算执行情况")
        note = QLabel(
            "年初预算数在“一般公共预算财政拨款支出年初预算数”表中填写，“三公”经费、会议费、培训费预算数在公开09，"
            "机关运行经费预算数在公开10。决算数与预算数不一致时须填写原因，原因写入情况说明；未填写的为警告。"
            "双击决算数打开所在的表。"
        )
        note.setWordWrap(True)
        self.missing = QLabel()  # said once here, not as 新增 on every line
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(
            f"background: {palette.ABSENT_BANNER.name()}; border-left: 4px solid {palette.SEVERITY['警告'].name()};"
            " padding: 6px;"
        )
        self.model.modelReset.connect(self._show_missing)
        self._show_missing()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_cell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addWidget(self.missing)
        layout.addWidget(self.table, 1)

    def _show_missing(self) -> None:
        text = missing_budget_notice(self.model.session.workspace, self.model.lines)
        self.missing.setText(text)
        self.missing.setVisible(bool(text))

    def _open_cell(self, index) -> None:
        line = index.data(LINE_ROLE)
        if index.column() == ACTUAL:
            self.cell_requested.emit(line.actual)
        elif index.column() == BUDGET and not (self.model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            self.cell_requested.emit(line.budget)
