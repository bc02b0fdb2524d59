"""The main window's menus and view settings (zoom, rounding marks): a part of MainWindow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.gui import preferences
from desktop.gui.about import show_about
from desktop.gui.form_editor import FormEditor
from desktop.gui.performance_page import PerformancePage


class WindowMenus:
    """A part of MainWindow, which holds what it uses (session, pages, menus, status bar)."""

    def _action(self, menu, text: str, slot, shortcut=None, owned_by_view: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
            if owned_by_view:
                # The table handles these keys itself; the menu only shows them.
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "新建…", self.new_workspace, QKeySequence.StandardKey.New)
        self._action(file_menu, "打开…", self.choose_and_open, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_as_action = self._action(file_menu, "另存为…", self.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self._action(file_menu, "导出 Excel…", self.transfers.export_workbook, "Ctrl+E")
        self._action(file_menu, "从 Excel 导入…", self.transfers.import_workbook, "Ctrl+I")
        self._action(file_menu, "从公开文件（PDF）导入…", self.transfers.import_pdf)
        file_menu.addSeparator()
        self._action(file_menu, "批量审核…", self.show_batch)
        self._action(file_menu, "导入科目目录…", self.import_catalogue)
        file_menu.addSeparator()
        self._action(file_menu, "打印审核报告…", self.transfers.print_report, QKeySequence.StandardKey.Print)
        self._action(file_menu, "审核报告存为 PDF…", self.transfers.save_report_pdf)
        file_menu.addSeparator()
        self._action(file_menu, "生成公开文件…", self.publishing.publish)
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, "Ctrl+Q")

        edit = bar.addMenu("编辑(&E)")
        undo = self.undo_group.createUndoAction(self, "撤销")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_group.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, "复制", lambda: self._in_editor(lambda e: e.view.copy()), "Ctrl+C", True)
        self._action(edit, "粘贴", lambda: self._in_editor(lambda e: e.view.paste()), "Ctrl+V", True)
        self._action(
            edit, "清除", lambda: self._in_editor(lambda e: e.model.clear(e.view.selectedIndexes())),
            "Delete", True,
        )
        self._action(edit, "恢复自动计算", lambda: self._in_editor(lambda e: e.restore_computed()), "Ctrl+R")
        edit.addSeparator()
        self._action(edit, "删除所在科目", lambda: self._in_editor(lambda e: e.remove_current_row()))
        # The same actions make the table's context menu.
        self.cell_actions = [a for a in edit.actions() if a is not undo and a is not redo]
        edit.addSeparator()
        self._action(edit, "查找…", self.open_find, QKeySequence.StandardKey.Find)
        self._action(edit, "查找下一个", lambda: self._find_step(1), "F3")
        self._action(edit, "查找上一个", lambda: self._find_step(-1), "Shift+F3")

        check = bar.addMenu("审核(&C)")
        self._action(check, "重新审核全部", self.recheck_all, "F9")
        self._action(check, "下一条审核结果", lambda: self._step_finding(1), "F8")
        self._action(check, "上一条审核结果", lambda: self._step_finding(-1), "Shift+F8")
        self.view_menu = bar.addMenu("视图(&V)")
        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "使用说明", self.show_help, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "关于", lambda: show_about(self, self.session.workspace if self.session else None))

    def _build_view_menu(self) -> None:
        self.view_menu.addSeparator()
        self._action(self.view_menu, "放大", lambda: self.set_zoom(preferences.zoom_step(self.zoom, 1)),
                     ["Ctrl+=", "Ctrl++"])
        self._action(self.view_menu, "缩小", lambda: self.set_zoom(preferences.zoom_step(self.zoom, -1)), "Ctrl+-")
        self._action(self.view_menu, "实际大小", lambda: self.set_zoom(100), "Ctrl+0")
        self.view_menu.addSeparator()
        self.rounding_action = self._action(self.view_menu, "显示尾差标记", self.set_rounding_marks)
        self.rounding_action.setCheckable(True)
        self.rounding_action.setChecked(preferences.rounding_marks())
        self.rounding_action.setToolTip("勾选时每个尾差都加虚线框；不勾选时只在单元格右下角标一个淡色小角")

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        preferences.set_zoom(percent)
        for page in self._sheets():
            self._zoom_page(page)
        self.statusBar().showMessage(f"表格显示比例 {percent}%", 3000)

    def set_rounding_marks(self, shown: bool) -> None:
        preferences.set_rounding_marks(shown)
        for page in self._sheets():
            page.view.set_rounding_marks(shown)

    def _sheets(self) -> list[QWidget]:
        """The pages that show a table: the forms and the 绩效自评表."""
        return [page for page in self.pages.values() if isinstance(page, (FormEditor, PerformancePage))]

    def _zoom_page(self, page) -> None:
        if isinstance(page, FormEditor):
            page.set_zoom(self.zoom)
        else:
            page.view.scale_to(self.zoom)
