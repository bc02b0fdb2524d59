"""The batch check's files as a Qt table: a row a file, added as each one finishes, found by path."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.core.batch.file_report import UNREADABLE
from desktop.core.review.workbook import first_errors
from desktop.gui import palette
from desktop.gui.titled_columns import TitledColumnsModel

REPORT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("状态", "错误", "警告", "提示", "单位", "年度", "用时（秒）", "文件", "前三条错误（无法读取时为原因）")
STATUS, ERRORS, WARNINGS, NOTES, UNIT, YEAR, SECONDS, PATH, FIRST = range(len(COLUMNS))
_COUNTS = {ERRORS: "错误", WARNINGS: "警告", NOTES: "提示"}
# Unreadable first, then files with 错误: the order a reviewer works through them.
_STATUS_RANK = {UNREADABLE: 0, "有错误": 1, "无错误": 2}


class BatchModel(TitledColumnsModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._reports: list[dict] = []
        self._row_of: dict[str, int] = {}

    def clear(self) -> None:
        self.beginResetModel()
        self._reports, self._row_of = [], {}
        self.endResetModel()

    def add(self, report: dict) -> None:
        """A finished file: a new row, or (checked again) its row replaced."""
        row = self._row_of.get(report["path"])
        if row is not None:
            self._reports[row] = report
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        row = len(self._reports)
        self.beginInsertRows(QModelIndex(), row, row)
        self._reports.append(report)
        self._row_of[report["path"]] = row
        self.endInsertRows()

    def reports(self) -> list[dict]:
        return list(self._reports)

    def report(self, row: int) -> dict:
        return self._reports[row]

    # -- Qt model ------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._reports)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        report = self._reports[index.row()]
        column = index.column()
        if role == REPORT_ROLE:
            return report
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(report, column)
        if role == SORT_ROLE:
            return self._sort_key(report, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (PATH, FIRST, STATUS):
            return report.get("reason") or report["path"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (*_COUNTS, SECONDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and report["status"] != "无错误":
            return palette.SEVERITY["错误"]
        return None

    def _text(self, report: dict, column: int) -> str:
        if column == STATUS:
            return report["status"]
        if column in _COUNTS:
            if report["status"] == UNREADABLE:
                return ""
            return str(report["summary"]["by_severity"][_COUNTS[column]])
        if column == UNIT:
            return report.get("unit", "")
        if column == YEAR:
            return report.get("year", "")
        if column == SECONDS:
            return f"{report.get('seconds', 0):.2f}"
        if column == PATH:
            return report["path"]
        return first_errors(report)

    def _sort_key(self, report: dict, column: int):
        if column == STATUS:
            counts = report.get("summary", {}).get("by_severity", {})
            # One number (the proxy compares plain values, and a float survives the trip through
            # Qt where a large int does not): status first, then most 错误, then most 警告.
            return float(_STATUS_RANK[report["status"]] * 10**12 - counts.get("错误", 0) * 10**6 - counts.get("警告", 0))
        if column in _COUNTS:
            return -1 if report["status"] == UNREADABLE else report["summary"]["by_severity"][_COUNTS[column]]
        if column == SECONDS:
            return report.get("seconds", 0)
        return self._text(report, column)
