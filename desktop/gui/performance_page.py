"""The 绩效自评 pages: the 整体 table, and the project tables with their list (add, rename, remove)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from desktop.gui import palette
from desktop.gui.performance_commands import AddPerfRow, AddProject, RemovePerfRow, RemoveProject, RenameProject
from desktop.gui.performance_model import PerformanceModel
from desktop.gui.session import Session
from desktop.gui.sheet_view import SheetView

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTHS = (170, 150)  # the stub column, every other


class PerformancePage(QWidget):
    status = Signal(str)

    def __init__(self, session: Session, form_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.book = session.workspace.performance
        self.form = self.book.forms[form_id]
        self.model = PerformanceModel(session, form_id, self)
        self.view = SheetView()
        self.view.setModel(self.model)
        self.view.status.connect(self.status)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTHS[1])
        self.view.setColumnWidth(0, COLUMN_WIDTHS[0])

        add_row = QPushButton("增加指标行")
        add_row.clicked.connect(self.add_row)
        remove_row = QPushButton("删除所在行")
        remove_row.clicked.connect(self.remove_row)
        self.row_buttons = [add_row, remove_row]
        buttons = QHBoxLayout()
        for button in self.row_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        title = palette.page_title(self.form.title)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body_layout.addWidget(title)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self.view, 1)

        layout = QVBoxLayout(self)
        if self.form.repeated:
            self.projects = QListWidget()
            self.projects.currentItemChanged.connect(lambda item, _old: self._show(item))
            add = QPushButton("增加项目")
            add.clicked.connect(self.add_project)
            rename = QPushButton("重命名")
            rename.clicked.connect(self.rename_project)
            remove = QPushButton("删除项目")
            remove.clicked.connect(self.remove_project)
            side = QWidget()
            side_layout = QVBoxLayout(side)
            side_layout.setContentsMargins(0, 0, 0, 0)
            side_layout.addWidget(QLabel("项目"))
            side_layout.addWidget(self.projects, 1)
            for button in (add, rename, remove):
                side_layout.addWidget(button)
            self.project_buttons = [add, rename, remove]
            splitter = QSplitter()
            splitter.addWidget(side)
            splitter.addWidget(body)
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([220, 900])
            layout.addWidget(splitter)
            session.performance_changed.connect(lambda _table: self._fill_projects())
            self._fill_projects()
        else:
            self.projects = None
            self.project_buttons = []
            layout.addWidget(body)
            whole = self.book.whole()
            if whole is None and not session.read_only:
                session.publish(self.book.ensure_whole(session.workspace.unit.get("单位名称", "")))
                whole = self.book.whole()
            self.model.show_table(whole.id if whole else None)
            session.performance_changed.connect(lambda _table: self._follow_whole())
        for button in self.row_buttons + self.project_buttons:
            button.setEnabled(not session.read_only)
        self._fit_rows()

    # -- which table -----------------------------------------------------------------------

    def _fill_projects(self) -> None:
        current = self.current_table_id()
        self.projects.blockSignals(True)
        self.projects.clear()
        for table in self.book.projects():
            item = QListWidgetItem(table.name)
            item.setData(ID_ROLE, table.id)
            self.projects.addItem(item)
        self.projects.blockSignals(False)
        ids = [t.id for t in self.book.projects()]
        if ids:
            self.select_table(current if current in ids else ids[0])
        else:
            self.model.show_table(None)

    def _follow_whole(self) -> None:
        whole = self.book.whole()
        if whole is not None and (self.model.table is None or self.model.table.id != whole.id):
            self.model.show_table(whole.id)

    def _show(self, item: QListWidgetItem | None) -> None:
        table_id = item.data(ID_ROLE) if item is not None else None
        if self.model.table is None or self.model.table.id != table_id:
            self.model.show_table(table_id)
            self._fit_rows()

    def current_table_id(self) -> int | None:
        return self.model.table.id if self.model.table is not None else None

    def select_table(self, table_id: int) -> None:
        if self.projects is None:
            return
        for row in range(self.projects.count()):
            if self.projects.item(row).data(ID_ROLE) == table_id:
                self.projects.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._show(self.projects.item(row))
                return

    def select_refs(self, refs) -> int:
        """Open the table of these cells (a finding's) and select them; returns how many were shown."""
        mine = [r for r in refs if r.form == self.form_id]
        if not mine:
            return 0
        self.select_table(int(mine[0].row.split(":", 1)[0]))
        indexes = [i for i in (self.model.index_of(r) for r in mine) if i.isValid()]
        self.view.select_cells(indexes)
        return len(indexes)

    def select_cell(self, table_id: int, row: int, col: int) -> None:
        """Open this table (a project's) and select one printed cell (a 查找 hit's)."""
        if self.projects is not None:
            self.select_table(table_id)
        self.view.select_cells([self.model.index(row, col)])

    def _fit_rows(self) -> None:
        self.view.resizeRowsToContents()

    # -- projects --------------------------------------------------------------------------

    def add_project(self) -> None:
        name, ok = QInputDialog.getText(self, "增加项目", "项目名称：")
        if ok and name.strip() and self.session.run_command(AddProject, name):
            self.select_table(self.book.projects()[-1].id)

    def rename_project(self) -> None:
        table_id = self.current_table_id()
        if table_id is None:
            return
        name, ok = QInputDialog.getText(self, "重命名项目", "项目名称：", text=self.book.table(table_id).name)
        if ok and name.strip():
            self.session.run_command(RenameProject, table_id, name)

    def remove_project(self) -> None:
        table_id = self.current_table_id()
        if table_id is None:
            return
        name = self.book.table(table_id).name
        answer = QMessageBox.question(self, "删除项目", f"删除项目“{name}”及其绩效自评表？（可撤销）")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.run_command(RemoveProject, table_id)

    # -- indicator rows ----------------------------------------------------------------------

    def _current_row(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.row_key_at(index.row()) if index.isValid() else None

    def add_row(self) -> None:
        table_id = self.current_table_id()
        if table_id is None:
            return
        row = self._current_row()
        block = self.form.block_of_row(row) if row else None
        repeated = block is not None and block.repeated
        # Under the selected task or indicator row; with none selected, a new last indicator.
        self.session.run_command(AddPerfRow, table_id, block.key if repeated else "指标", row if repeated else None)
        self._fit_rows()

    def remove_row(self) -> None:
        table_id = self.current_table_id()
        row = self._current_row()
        table = self.model.table
        if table_id is None or row is None or row not in table.rows:
            self.session.message.emit("请先选中要删除的任务行或指标行（固定行不能删除）")
            return
        self.session.run_command(RemovePerfRow, table_id, row)
        self._fit_rows()
