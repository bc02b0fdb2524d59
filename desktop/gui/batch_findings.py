"""One file of a batch check, read-only: its findings, or why it could not be read, and what to do next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPushButton, QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.batch.file_report import UNREADABLE
from desktop.core.batch.sources import is_workbook
from desktop.gui import palette
from desktop.gui.listing_table import listing_table

COLUMNS = ("严重程度", "表", "行", "列", "规则", "说明")


class FileFindingsDialog(QDialog):
    open_requested = Signal(object)
    import_requested = Signal(object)

    def __init__(self, report: dict, parent=None):
        super().__init__(parent)
        self.report = report
        path = Path(report["path"])
        self.setWindowTitle(f"审核结果 — {path.name}")
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(palette.page_title(report.get("unit") or path.name))
        layout.addWidget(QLabel(self._summary()))
        self.table = listing_table(COLUMNS, len(COLUMNS) - 1)
        self._fill()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if report["status"] != UNREADABLE:
            if is_workbook(path):
                self.act = QPushButton("导入为新工作区…")
                self.act.clicked.connect(lambda: self._hand_on(self.import_requested))
            else:
                self.act = QPushButton("在窗口中打开")
                self.act.clicked.connect(lambda: self._hand_on(self.open_requested))
            buttons.addButton(self.act, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

    def _summary(self) -> str:
        report = self.report
        if report["status"] == UNREADABLE:
            return f"{report['path']}\n无法读取：{report['reason']}"
        counts = report["summary"]["by_severity"]
        lines = [
            f"{report['path']}（{report.get('year', '')}年度）",
            f"错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条",
        ]
        if report.get("missing_tables"):
            lines.append(f"缺表：{'、'.join(report['missing_tables'])}")
        if report.get("unchecked"):
            lines.append(f"未核对的审核规则 {len(report['unchecked'])} 条")
        if report.get("import_warnings"):
            lines.append(f"导入警告 {len(report['import_warnings'])} 条（未能导入的单元格等）")
        return "\n".join(lines)

    def _fill(self) -> None:
        findings = self.report.get("findings", [])
        self.table.setRowCount(len(findings))
        for r, finding in enumerate(findings):
            cell = finding["cells"][0] if finding["cells"] else {}
            texts = (finding["severity"], finding["form"], str(cell.get("row", "")), cell.get("column", ""),
                     finding["rule"], finding["message"])
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setForeground(palette.SEVERITY[finding["severity"]])
                if c == len(texts) - 1:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)

    def _hand_on(self, signal) -> None:
        signal.emit(Path(self.report["path"]))
        self.accept()
