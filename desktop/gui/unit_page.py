"""The 单位信息 screen: unit facts used by table headers, exports and the check report."""

from __future__ import annotations

from PySide6.QtCore import Qt, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.core.catalogue import editions_text
from desktop.core.changes import EditError
from desktop.core.unit_facts import normalized_unit, validate_unit
from desktop.gui import palette
from desktop.gui.merge_panel import MergePanel
from desktop.gui.session import Session
from desktop.gui.unit_form import UnitFields


class UnitPage(QWidget):
    catalogue_import_requested = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        title = palette.page_title("单位信息")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields = UnitFields(session.workspace.forms, form)
        self.path = QLabel(str(session.workspace.path))
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("工作区文件：", self.path)
        self.catalogue = QLabel()
        self.catalogue.setWordWrap(True)
        load = QPushButton("导入科目目录…")
        load.setToolTip("从财政部发布的政府收支分类科目（Excel 或文本文件）载入新版科目目录")
        load.clicked.connect(self.catalogue_import_requested)
        line = QHBoxLayout()
        line.addWidget(self.catalogue, 1)
        line.addWidget(load)
        form.addRow("科目目录：", line)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {palette.SEVERITY['错误'].name()}")
        self.error.setWordWrap(True)
        form.addRow("", self.error)
        explain = QLabel(
            "这些信息用于各表表头（编制单位、年度、金额单位）、导出的 Excel 和审核报告。"
            "修改即时保存，可撤销。"
        )
        explain.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addWidget(explain)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(720)
        layout.addWidget(holder)
        self.merge_panel = MergePanel(session)
        layout.addWidget(self.merge_panel, 1)
        self._show_merge_panel()
        layout.addStretch(1)
        # On a low screen the page scrolls: its fields keep their height instead of being squeezed.
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.fields.show(session.workspace.unit)
        for key, widget in self.fields.widgets().items():
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(lambda k=key, w=widget: self._commit(k, w.text().strip()))
            elif isinstance(widget, QComboBox):
                widget.activated.connect(lambda _i, k=key, w=widget: self._commit(k, w.currentText()))
        for box in self.fields.optional.values():
            box.clicked.connect(lambda _c: self._commit("选填表", self.fields.optional_text()))
        session.unit_changed.connect(self._refresh)
        session.unit_changed.connect(self._show_merge_panel)
        session.structure_changed.connect(self._show_catalogue)
        self._show_catalogue()
        if session.read_only:
            holder.setEnabled(False)

    def _show_merge_panel(self, *_) -> None:
        """A 部门 lists the units it sums; a unit's own workspace has none."""
        self.merge_panel.setVisible(self.session.workspace.unit.get("公开主体") == "部门")

    def _show_catalogue(self) -> None:
        ws = self.session.workspace
        text = editions_text(ws.catalogues)
        older = [c for c in ws.catalogues.values() if ws.year and c.year < ws.year]
        if older:
            text += f"（早于{ws.year}年度，请导入{ws.year}年政府收支分类科目）"
        self.catalogue.setText(text)
        self.catalogue.setToolTip("\n".join(c.title for c in ws.catalogues.values()))
        self.catalogue.setStyleSheet(f"color: {palette.SEVERITY['警告'].name()}" if older else "")

    def _commit(self, key: str, value: str) -> None:
        try:
            validate_unit(normalized_unit({**self.session.workspace.unit, key: value}))
        except EditError as exc:
            # Kept as typed, with what is wrong beside it, so a long code is corrected rather than retyped.
            self.error.setText(str(exc))
            return
        self.error.clear()
        if not self.session.set_unit(key, value):
            self._refresh()

    def _refresh(self, *_) -> None:
        blockers = [QSignalBlocker(w) for w in self.fields.widgets().values()]
        self.fields.show(self.session.workspace.unit)
        del blockers
