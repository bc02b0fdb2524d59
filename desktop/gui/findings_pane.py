"""The 审核结果 pane: findings with filters; a click goes to the cells, a double-click explains."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from desktop.core.checks.findings import SEVERITY_ORDER, Finding
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.gui.findings_model import (
    ACTUAL, DIFFERENCE, EXPECTED, EXPLANATION, FINDING_ROLE, FORM, MESSAGE, RULE, SEVERITY, FindingsFilter,
    FindingsModel,
)
from desktop.gui.session import Session

ALL_FORMS = "全部表"
EXPLANATION_WIDTH = 150  # the 出错说明 column starts narrow (its text is in the tooltip) and can be widened
# The pane never shrinks below this many findings, whatever the find bar or a banner takes above.
LEAST_ROWS = 5
FITTED_ROWS = 100  # rows measured to fit the columns (see setResizeContentsPrecision below)
FITTED = (SEVERITY, FORM, RULE, EXPECTED, ACTUAL, DIFFERENCE)  # columns as wide as their text


class FindingsPane(QWidget):
    finding_activated = Signal(object)  # Finding: show its cells
    explain_requested = Signal(object)  # Finding: write its 出错说明

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.model = FindingsModel(session, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.severity_boxes: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for severity in SEVERITY_ORDER:
            box = QCheckBox(severity)
            box.setChecked(True)
            box.toggled.connect(self._apply)
            self.severity_boxes[severity] = box
            bar.addWidget(box)
        self.hide_rounding = QCheckBox("隐藏尾差")
        self.hide_rounding.toggled.connect(self._apply)
        bar.addWidget(self.hide_rounding)
        bar.addSpacing(12)
        bar.addWidget(QLabel("表："))
        self.session = session
        self.form_box = QComboBox()
        self._fill_forms()
        session.structure_changed.connect(self._fill_forms)
        self.form_box.currentIndexChanged.connect(self._apply)
        bar.addWidget(self.form_box)
        bar.addWidget(QLabel("规则："))
        self.rule_box = QLineEdit()
        self.rule_box.setPlaceholderText("规则编号或名称，如 公开05-11")
        self.rule_box.setClearButtonEnabled(True)
        self.rule_box.textChanged.connect(self._apply)
        bar.addWidget(self.rule_box, 1)
        self.shown = QLabel()
        bar.addWidget(self.shown)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # The short columns fit their text: measured over the first hundred rows when the list is read
        # afresh or filtered, and widened for a finding that comes or changes, never measured over every
        # row after a keystroke (Qt's ResizeToContents does: thousands of cells for each figure typed).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(EXPLANATION, EXPLANATION_WIDTH)
        header.setResizeContentsPrecision(FITTED_ROWS)
        self.table.clicked.connect(lambda index: self.finding_activated.emit(self.finding_at(index)))
        self.table.activated.connect(lambda index: self.finding_activated.emit(self.finding_at(index)))
        self.table.doubleClicked.connect(lambda index: self.explain_requested.emit(self.finding_at(index)))
        self.table.setMinimumHeight(
            header.sizeHint().height() + LEAST_ROWS * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._count)
        self.proxy.rowsInserted.connect(lambda _parent, first, last: self._widen(first, last))
        self.proxy.dataChanged.connect(lambda top, bottom, _roles: self._widen(top.row(), bottom.row()))
        self.proxy.modelReset.connect(self._fit)
        self._count()
        self._fit()

    def _fill_forms(self) -> None:
        """The form filter lists the active forms (a regional table comes and goes)."""
        chosen = self.form_box.currentData() or ""
        self.form_box.blockSignals(True)
        self.form_box.clear()
        self.form_box.addItem(ALL_FORMS, "")
        for form in self.session.workspace.structure.active:
            self.form_box.addItem(form.id, form.id)
        for form_id in self.session.workspace.performance.forms:
            self.form_box.addItem(form_id, form_id)
        self.form_box.addItem(NARRATIVE_KEY, NARRATIVE_KEY)
        self.form_box.setCurrentIndex(max(self.form_box.findData(chosen), 0))
        self.form_box.blockSignals(False)

    def fit_columns(self) -> None:
        """The fitted columns measured again, as for a pane that had its rows from the start."""
        self.table.horizontalHeader().resizeSections()

    def finding_at(self, index) -> Finding:
        return index.data(FINDING_ROLE)

    def _apply(self) -> None:
        self.proxy.set_filter(
            severities=[s for s, box in self.severity_boxes.items() if box.isChecked()],
            form=self.form_box.currentData() or "",
            rule=self.rule_box.text(),
            hide_rounding=self.hide_rounding.isChecked(),
        )
        self._count()
        self._fit()

    def _fit(self) -> None:
        for column in FITTED:
            self.table.resizeColumnToContents(column)

    def _widen(self, first: int, last: int) -> None:
        """Columns wide enough for the rows first..last, as resizeColumnToContents measures them."""
        header, grid = self.table.horizontalHeader(), int(self.table.showGrid())
        for column in FITTED:
            needed = max(
                self.table.sizeHintForIndex(self.proxy.index(row, column)).width() + grid
                for row in range(first, last + 1)
            )
            if needed > header.sectionSize(column):
                header.resizeSection(column, needed)

    def _count(self) -> None:
        self.shown.setText(f"显示 {self.proxy.rowCount()} / {self.model.rowCount()} 条")

    def show_form(self, form_id: str) -> None:
        position = self.form_box.findData(form_id)
        self.form_box.setCurrentIndex(max(position, 0))

    def select_key(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True
