"""导入科目目录…: the official 科目 list of a year, from Excel or text, and what it renames or drops."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
)

from desktop.core.catalogue_import import CatalogueImportError, Imported, import_catalogue
from desktop.gui import palette
from desktop.gui.dialog_buttons import action_buttons

AUTOMATIC = "按代码判断"
FILE_FILTER = "科目目录 (*.xlsx *.xlsm *.txt *.csv);;所有文件 (*)"


class CatalogueImportDialog(QDialog):
    """Chooses the file, year and kind; refusals stay in the dialog, naming the file and line or cell."""

    def __init__(self, year: int, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入科目目录")
        self.folder = folder
        self.imported: Imported | None = None
        explain = QLabel(
            "从财政部发布的政府收支分类科目载入一年的科目目录：Excel 工作簿（.xlsx）或文本文件，"
            "每行为科目代码（3 位类、5 位款、7 位项）和科目名称。导入后该年度的所有工作区都使用它。"
        )
        explain.setWordWrap(True)
        self.file = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        line = QHBoxLayout()
        line.addWidget(self.file, 1)
        line.addWidget(browse)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year - 1)
        self.kind = QComboBox()
        self.kind.addItems([AUTOMATIC, "功能分类", "经济分类"])
        form = QFormLayout()
        form.addRow("文件：", line)
        form.addRow("年度：", self.year)
        form.addRow("科目类别：", self.kind)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.SEVERITY['错误'].name()}")
        self.error.setWordWrap(True)
        buttons = action_buttons(self, "导入")
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择科目目录文件", str(self.folder), FILE_FILTER)
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        text = self.file.text().strip()
        if not text:
            self.error.setText("请选择科目目录文件")
            return
        kind = None if self.kind.currentText() == AUTOMATIC else self.kind.currentText()
        try:
            self.imported = import_catalogue(Path(text), self.year.value(), kind)
        except CatalogueImportError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class CatalogueChangesDialog(QDialog):
    """What the new edition renames or drops, against the one in use, and the lines not read."""

    def __init__(self, imported: Imported, parent=None):
        super().__init__(parent)
        self.setWindowTitle("科目目录已导入")
        summary = QLabel(imported.summary())
        summary.setWordWrap(True)
        lines = imported.changes.lines()
        heading = QLabel(
            f"与{imported.changes.previous}相比改名或取消的科目（工作区中用到取消的科目时，逐行列入审核结果）："
            if lines else f"与{imported.changes.previous}相比没有改名或取消的科目。"
        )
        heading.setWordWrap(True)
        self.changes = QPlainTextEdit("\n".join(lines))
        self.changes.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(heading)
        layout.addWidget(self.changes, 1)
        self.changes.setVisible(bool(lines))
        if imported.unread:
            unread = QLabel(f"以下 {len(imported.unread)} 行像是科目代码但未能读入：")
            layout.addWidget(unread)
            self.unread = QPlainTextEdit("\n".join(imported.unread))
            self.unread.setReadOnly(True)
            layout.addWidget(self.unread, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 420)
