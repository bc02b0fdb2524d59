"""新建: the unit facts and where the new workspace file goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout,
)

from desktop.core.changes import EditError
from desktop.core.definitions import FormSet
from desktop.core.unit_facts import validate_unit
from desktop.gui.dialog_buttons import action_buttons
from desktop.gui.unit_form import UnitFields

SUFFIX = ".juesuan"


class NewWorkspaceDialog(QDialog):
    def __init__(self, forms: FormSet, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建工作区")
        self.folder = folder
        form = QFormLayout()
        self.fields = UnitFields(forms, form)
        self.file = QLineEdit()
        self.file.setPlaceholderText("默认按单位名称和年度命名")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        line = QHBoxLayout()
        line.addWidget(self.file, 1)
        line.addWidget(browse)
        form.addRow("保存到：", line)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d32f2f")
        self.error.setWordWrap(True)
        buttons = action_buttons(self, "新建")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "工作区文件保存到", str(self.path() or self.folder), f"决算公开工作区 (*{SUFFIX})"
        )
        if name:
            self.file.setText(name)

    def path(self) -> Path | None:
        text = self.file.text().strip()
        if text:
            path = Path(text)
            return path if path.suffix else path.with_suffix(SUFFIX)
        facts = self.fields.facts()
        if not facts["单位名称"]:
            return None
        return self.folder / f"{facts['单位名称']}-{facts['年度']}{SUFFIX}"

    def accept(self) -> None:
        facts = self.fields.facts()
        problem = None
        if not facts["单位名称"]:
            problem = "请填写单位名称"
        else:
            try:
                validate_unit(facts)
            except EditError as exc:
                problem = str(exc)
        path = self.path()
        if problem is None and path is not None and path.exists():
            problem = f"文件“{path}”已存在，请换一个文件名"
        if problem:
            self.error.setText(problem)
            return
        super().accept()
