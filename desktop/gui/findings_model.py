"""The 审核结果 list as a Qt model, kept in step with the engine one finding at a time."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from desktop.core.checks.findings import SEVERITY_ORDER, Finding
from desktop.core.money import format_amount
from desktop.gui import palette
from desktop.gui.form_model import finding_lines
from desktop.gui.session import FindingsUpdate, Session
from desktop.gui.titled_columns import TitledColumnsModel

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("严重程度", "表", "规则", "说明", "应为", "实为", "差额", "出错说明")
SEVERITY, FORM, RULE, MESSAGE, EXPECTED, ACTUAL, DIFFERENCE, EXPLANATION = range(len(COLUMNS))
_NUMBERS = {EXPECTED: "expected", ACTUAL: "actual", DIFFERENCE: "difference"}


def _order(finding: Finding) -> tuple:
    return (SEVERITY_ORDER[finding.severity], finding.form, finding.key)


class FindingsModel(TitledColumnsModel):
    COLUMNS = COLUMNS

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._load()
        session.findings_changed.connect(self._on_changed)
        session.findings_reset.connect(self._on_reset)
        session.explanation_changed.connect(self._on_explanation)

    def _load(self) -> None:
        self._rows: list[Finding] = sorted(self.session.all_findings().values(), key=_order)
        self._keys = [_order(f) for f in self._rows]  # the rows' sort keys, in order: a row is found by bisection
        self._placed = {f.key: place for f, place in zip(self._rows, self._keys)}  # by finding key

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        place = self._placed.get(key)
        return -1 if place is None else bisect.bisect_left(self._keys, place)

    # -- Qt model ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(finding, column)
        if role == FINDING_ROLE:
            return finding
        if role == Qt.ItemDataRole.ForegroundRole and column == SEVERITY:
            return palette.SEVERITY[finding.severity]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = finding_lines(finding, self.session.workspace.explanation_of(finding))
            if finding.severity != "错误":
                lines.append("双击可填写出错说明")
            return "\n".join(lines)
        return None

    def _text(self, finding: Finding, column: int) -> str:
        if column == SEVERITY:
            return finding.severity + ("（尾差）" if finding.rounding else "")
        if column == FORM:
            return finding.form
        if column == RULE:
            return finding.rule
        if column == MESSAGE:
            return finding.message
        if column == EXPLANATION:
            return self.session.workspace.explanation_of(finding)
        return format_amount(getattr(finding, _NUMBERS[column]))

    # -- session signals -------------------------------------------------------------

    def _on_changed(self, update: FindingsUpdate) -> None:
        """Each finding that changed in place is one row's dataChanged; one that came, went or moved in the
        order is one row inserted or removed."""
        delta = update.delta
        for key in delta.removed | delta.changed:
            row = self.row_of(key)
            if row < 0:
                continue
            finding = self.session.listed(key)
            if finding is not None and _order(finding) == self._keys[row]:
                self._rows[row] = finding
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self._keys[row], self._placed[key]
            self.endRemoveRows()
        for key in delta.added | delta.changed:
            finding = self.session.listed(key)
            if finding is None or key in self._placed:
                continue
            place = _order(finding)
            row = bisect.bisect_left(self._keys, place)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, finding)
            self._keys.insert(row, place)
            self._placed[key] = place
            self.endInsertRows()

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _on_explanation(self, key: str) -> None:
        row = self.row_of(key)
        if row >= 0:
            self.dataChanged.emit(self.index(row, EXPLANATION), self.index(row, EXPLANATION))


class FindingsFilter(QSortFilterProxyModel):
    """Narrows the list by severity, form and rule; keeps the model's order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severities: set[str] = set(SEVERITY_ORDER)
        self.form = ""
        self.rule = ""
        self.hide_rounding = False

    def set_filter(self, *, severities=None, form=None, rule=None, hide_rounding=None) -> None:
        self.beginFilterChange()
        if severities is not None:
            self.severities = set(severities)
        if form is not None:
            self.form = form
        if rule is not None:
            self.rule = rule.strip()
        if hide_rounding is not None:
            self.hide_rounding = hide_rounding
        self.endFilterChange()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        finding: Finding = self.sourceModel().finding(source_row)
        return (
            finding.severity in self.severities
            and (not self.form or finding.form == self.form or any(c.form == self.form for c in finding.cells))
            and (not self.rule or self.rule in finding.rule or self.rule in finding.title)
            and not (self.hide_rounding and finding.rounding)
        )
