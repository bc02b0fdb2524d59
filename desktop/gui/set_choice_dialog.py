"""从 Excel 导入 of a workbook holding several units' or years' sets of tables: which one to import."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from desktop.gui.dialog_buttons import action_buttons

_HEADERS = ("单位", "年度", "工作表", "表数")


class SetChoiceDialog(QDialog):
    """Lists the sets the reader found (core's OwnerSet: unit, year, sheets, forms); `choice()` is the
    number of the one picked, as the reader takes it."""

    def __init__(self, file_name: str, sets, parent=None):
        super().__init__(parent)
        self.setWindowTitle("选择要导入的一套表")
        intro = QLabel(
            f"“{file_name}”中有 {len(sets)} 套同样完整的决算公开表，属于不同的单位或年度，不能混在一起导入。"
            "请选择要导入的一套，其余的表不导入："
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(sets), len(_HEADERS))
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, each in enumerate(sets):
            texts = (each.unit or "（未写）", f"{each.year}年度" if each.year else "（未写）", "、".join(each.sheets), str(len(each.forms)))
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        buttons = action_buttons(self, "导入这一套")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 140 + 30 * len(sets))

    def choice(self) -> str:
        return str(self.table.currentRow() + 1)
