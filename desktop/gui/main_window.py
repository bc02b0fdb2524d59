"""The main window: assembles navigation, form editors, 审核结果 and menus, and wires their signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QInputDialog, QLabel, QListView, QMainWindow, QMenu, QMessageBox,
    QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop import paths
from desktop.core.changes import Changes
from desktop.core.checks.findings import Finding, summarize
from desktop.core.workspace import Workspace, WorkspaceError
from desktop.gui import palette, preferences, recent_files
from desktop.gui.background import Background
from desktop.gui.about import APP_NAME, HelpWindow, show_about
from desktop.gui.find_bar import FindBar
from desktop.gui.findings_pane import FindingsPane
from desktop.gui.form_editor import FormEditor
from desktop.gui.budget_page import BudgetPage
from desktop.gui.catalogue_dialog import CatalogueChangesDialog, CatalogueImportDialog
from desktop.gui.narrative_page import NarrativePage
from desktop.gui.performance_page import PerformancePage
from desktop.gui.navigation import BUDGET_PAGE, KEY_ROLE, NARRATIVE_PAGE, UNIT_PAGE, BadgeDelegate, NavigationModel
from desktop.gui.new_workspace_dialog import SUFFIX, NewWorkspaceDialog
from desktop.gui.opening import open_session
from desktop.gui.publishing import Publishing
from desktop.gui.session import Session
from desktop.gui.transfers import FILE_FILTER, Transfers
from desktop.gui.unit_page import UnitPage



class MainWindow(QMainWindow):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.pages: dict[str, QWidget] = {}  # by navigation key, made when first shown
        self.undo_group = QUndoGroup(self)
        self.help_window: HelpWindow | None = None
        self.batch_window = None
        self.find_bar: FindBar | None = None
        self.zoom = preferences.zoom()
        self._session_message = ""  # the last refusal or notice the session put in the status bar
        self.background = Background(self)
        self.transfers = Transfers(
            self, self.background, lambda: self.session, self.statusBar().showMessage, self.open_path,
        )
        self.publishing = Publishing(self.transfers)
        self.resize(1400, 900)
        self.setWindowTitle(APP_NAME)
        self._build_menus()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.findings_dock = QDockWidget("审核结果", self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.view_menu.addAction(self.findings_dock.toggleViewAction())
        self._build_view_menu()

    # -- menus -----------------------------------------------------------------------

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

    # -- 查找 ---------------------------------------------------------------------------

    def open_find(self) -> None:
        if self.find_bar is not None:
            self.find_bar.open_bar()

    def _find_step(self, direction: int) -> None:
        if self.find_bar is not None:
            if self.find_bar.isHidden():
                self.find_bar.open_bar()
            self.find_bar.step(direction)

    def show_hit(self, hit) -> None:
        """A 查找 result: its page on screen, its cell (or words) selected, the typing left in the find bar."""
        if self.statusBar().currentMessage().startswith("查找："):
            self.statusBar().clearMessage()  # it named the last hit's place
        page = self.show_page(hit.form)
        if isinstance(page, FormEditor):
            page.view.select_cells([page.model.index(hit.row, hit.col)])
        elif isinstance(page, PerformancePage):
            page.select_cell(hit.table, hit.row, hit.col)
            if hit.ref is not None:  # the row's name may be scrolled out of sight
                book = self.session.workspace.performance
                row = hit.ref.row.split(":", 1)[1]
                self.statusBar().showMessage(f"查找：{book.describe(book.tables[hit.table], row, hit.ref.col)}", 8000)
        elif isinstance(page, NarrativePage):
            page.select_span(hit.start, hit.end, focus=False)

    def _mark_found(self, hits) -> None:
        """Every 查找 hit in the 情况说明 tinted, as a browser marks each match on the page."""
        narrative = self.pages.get(NARRATIVE_PAGE)
        if narrative is not None:
            narrative.mark_found([(h.start, h.end) for h in hits if h.form == NARRATIVE_PAGE])

    def _find_closed(self) -> None:
        page = self.stack.currentWidget() if self.session else None
        if isinstance(page, (FormEditor, PerformancePage)):
            page.view.setFocus()
        elif isinstance(page, NarrativePage):
            page.narrative.setFocus()

    def _searched_page(self) -> str | None:
        """The key of the page on screen when 查找 can search it (a table, a 绩效 page, the 情况说明)."""
        page = self.stack.currentWidget() if self.session else None
        if isinstance(page, (FormEditor, PerformancePage)):
            return page.form_id
        return NARRATIVE_PAGE if isinstance(page, NarrativePage) else None

    def _flush_narrative(self) -> None:
        narrative = self.pages.get(NARRATIVE_PAGE)
        if narrative is not None:
            narrative.narrative.save()

    def _in_editor(self, act) -> None:
        editor = self.current_editor()
        if editor is None:
            self.statusBar().showMessage("请先打开一张表", 5000)
            return
        act(editor)

    # -- opening -----------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        path = Path(path)
        if self.session is not None and path.exists() and path.samefile(self.session.workspace.path):
            self.statusBar().showMessage(f"“{path}”已经打开", 5000)
            return True
        try:
            session = open_session(path)
        except WorkspaceError as exc:
            QMessageBox.warning(self, "无法打开工作区", str(exc))
            return False
        self._install(session)
        recent_files.remember(path)
        return True

    def show_batch(self) -> None:
        """The reviewer's desk: a window of its own, kept while this one lives."""
        if self.batch_window is None:
            from desktop.gui.batch_window import BatchWindow

            self.batch_window = BatchWindow(self._folder(), self)
            self.batch_window.open_requested.connect(self.open_path)
            self.batch_window.import_requested.connect(self.transfers.import_from)
        self.batch_window.show()
        self.batch_window.raise_()
        self.batch_window.activateWindow()

    def choose_and_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "打开工作区", str(self._folder()), FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def _folder(self) -> Path:
        return self.session.workspace.path.parent if self.session else paths.user_data_dir()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = recent_files.load()
        if not entries:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for path in entries:
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def new_workspace(self) -> None:
        forms = self.session.workspace.forms if self.session else None
        if forms is None:
            from desktop.core.definitions import load_forms

            forms = load_forms()
        dialog = NewWorkspaceDialog(forms, self._folder(), self)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        path = dialog.path()
        try:
            Workspace.create(path, dialog.fields.facts(), forms).close()
        except WorkspaceError as exc:
            QMessageBox.warning(self, "无法新建工作区", str(exc))
            return
        self.open_path(path)

    def import_catalogue(self) -> None:
        """A newer 科目 catalogue into the user's folder; the open workspace takes it up at once."""
        year = self.session.workspace.year if self.session else 0
        dialog = CatalogueImportDialog(year, self._folder(), self)
        if dialog.exec() != CatalogueImportDialog.DialogCode.Accepted or dialog.imported is None:
            return
        if self.session is not None:
            self.session.publish(self.session.workspace.reload_catalogues())
        CatalogueChangesDialog(dialog.imported, self).exec()
        self.statusBar().showMessage(dialog.imported.summary(), 10000)

    def save_as(self) -> None:
        if self.session is None:
            return
        source = self.session.workspace.path
        suggestion = source.with_name(source.stem + "-副本" + SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self, "另存为", str(suggestion), FILE_FILTER)
        if not name:
            return
        target = Path(name) if Path(name).suffix else Path(name).with_suffix(SUFFIX)
        try:
            self.session.workspace.save_copy(target)
        except WorkspaceError as exc:
            QMessageBox.warning(self, "另存为失败", str(exc))
            return
        if self.open_path(target):
            self.statusBar().showMessage(f"已另存为 {target}，此后的修改保存在新文件中", 8000)

    # -- assembling the panes for a session ------------------------------------------------

    def _install(self, session: Session) -> None:
        self._close_session()
        self.session = session
        self.pages = {}
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)

        self.nav_model = NavigationModel(session, self)
        self.nav = QListView()
        self.nav.setModel(self.nav_model)
        self.nav.setItemDelegate(BadgeDelegate(self.nav))
        self.nav.setMinimumWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Long titles (公开09's) wrap onto a second line rather than lose their end.
        self.nav.setWordWrap(True)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.nav.setResizeMode(QListView.ResizeMode.Adjust)
        self.nav.selectionModel().currentChanged.connect(lambda index: self.show_page(index.data(KEY_ROLE)))
        self.stack = QStackedWidget()

        self.banner = QLabel()
        damage = session.workspace.damage()
        self.banner.setText("\n".join(([session.read_only_reason] if session.read_only else []) + damage))
        self.banner.setStyleSheet(f"background: {palette.STATE_BACKGROUND['override'].name()}; padding: 6px;")
        self.banner.setWordWrap(True)
        self.banner.setVisible(bool(self.banner.text()))

        self.find_bar = FindBar(session, self._searched_page, self._flush_narrative)
        self.find_bar.hit_chosen.connect(self.show_hit)
        self.find_bar.hits_found.connect(self._mark_found)
        self.find_bar.closed.connect(self._find_closed)
        self.find_bar.hide()

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        nav_width = max(220, min(300, self.width() * 2 // 9))
        splitter.setSizes([nav_width, max(self.width() - nav_width, 400)])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.find_bar)
        layout.addWidget(splitter, 1)
        old = self.centralWidget()
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()

        self.findings = FindingsPane(session)
        self.findings.finding_activated.connect(self.show_finding)
        self.findings.explain_requested.connect(self.explain)
        old = self.findings_dock.widget()
        self.findings_dock.setWidget(self.findings)
        if old is not None:
            old.deleteLater()

        session.message.connect(self._show_session_message)
        session.values_changed.connect(self._clear_refusal)
        session.findings_changed.connect(self._show_counts)
        session.findings_reset.connect(self._show_counts)
        session.unit_changed.connect(self._show_title)
        session.structure_changed.connect(self._forget_inactive)
        self.save_as_action.setEnabled(True)
        self._show_title()
        self._show_counts()
        # The table is what is worked on: the 审核结果 pane starts at about a quarter of the height.
        self.resizeDocks([self.findings_dock], [max(160, self.height() // 4)], Qt.Orientation.Vertical)
        self.nav.setCurrentIndex(self.nav_model.index(0))

    def _close_session(self) -> None:
        if self.session is None:
            return
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()  # an open cell editor or text field commits what was typed
        narrative = self.pages.get(NARRATIVE_PAGE)
        if narrative is not None:
            narrative.save()
        unit_page = self.pages.get(UNIT_PAGE)
        if unit_page is not None:
            unit_page.merge_panel.stop()  # a 汇总 still reading files must not write after the close
        self.undo_group.removeStack(self.session.undo_stack)
        self.session.close()
        self.session = None

    def closeEvent(self, event) -> None:
        self.background.wait()  # a file being written is finished before the window goes
        if self.batch_window is not None:
            self.batch_window.close()  # stops its workers before the window that owns them goes
        self._close_session()
        super().closeEvent(event)

    # -- pages -------------------------------------------------------------------------

    def show_page(self, key: str | None) -> QWidget | None:
        if key is None or self.session is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = self.pages[key] = self._make_page(key)
            self.stack.addWidget(page)
            if key == NARRATIVE_PAGE and self.find_bar is not None and self.find_bar.isVisible():
                self._mark_found(self.find_bar.hits)
        self.stack.setCurrentWidget(page)
        row = self.nav_model.row_of(key)
        if row >= 0 and self.nav.currentIndex().row() != row:
            self.nav.setCurrentIndex(self.nav_model.index(row))
        return page

    def _make_page(self, key: str) -> QWidget:
        if key == UNIT_PAGE:
            page = UnitPage(self.session)
            page.catalogue_import_requested.connect(self.import_catalogue)
            return page
        if key == NARRATIVE_PAGE:
            return NarrativePage(self.session)
        if key in self.session.workspace.performance.forms:
            page = PerformancePage(self.session, key)
            page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self._dress(page)
            return page
        if key == BUDGET_PAGE:
            page = BudgetPage(self.session)
            page.cell_requested.connect(self.show_cell)
            return page
        page = FormEditor(self.session, key)
        self._dress(page)
        page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.last_year_requested.connect(self.transfers.take_last_year)
        page.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        page.view.customContextMenuRequested.connect(
            lambda pos, view=page.view: QMenu.exec(self.cell_actions, view.viewport().mapToGlobal(pos))
        )
        return page

    def _dress(self, page) -> None:
        """A new table page at the user's zoom, with the 尾差 marks as chosen."""
        self._zoom_page(page)
        page.view.set_rounding_marks(self.rounding_action.isChecked())

    def current_editor(self) -> FormEditor | None:
        page = self.stack.currentWidget() if self.session else None
        return page if isinstance(page, FormEditor) else None

    def _forget_inactive(self) -> None:
        """A regional table switched off in 单位信息 loses its editor."""
        active = {f.id for f in self.session.workspace.structure.active}
        showing = self.current_editor()
        for form_id in [k for k, page in self.pages.items() if isinstance(page, FormEditor) and k not in active]:
            editor = self.pages.pop(form_id)
            self.stack.removeWidget(editor)
            editor.deleteLater()
        if showing is not None and showing.form_id not in active:
            self.show_page(UNIT_PAGE)

    # -- findings ----------------------------------------------------------------------

    def show_finding(self, finding: Finding | None) -> None:
        if finding is None:
            return
        if finding.key in self.session.narrative:
            found = self.session.narrative[finding.key]
            self.show_page(NARRATIVE_PAGE).select_span(found.start, found.end)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        refs = self.session.cells_of(finding.key)
        if finding.form in self.session.workspace.performance.forms:
            self.show_page(finding.form).select_refs(refs)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        if finding.form == UNIT_PAGE:  # the 科目 catalogue's edition, named on that page
            self.show_page(UNIT_PAGE)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        forms = [finding.form] + sorted({r.form for r in refs} - {finding.form})
        form_id = next((f for f in forms if any(r.form == f for r in refs)), finding.form)
        if form_id not in self.session.workspace.structure.rows:
            return
        editor = self.show_page(form_id)
        found = editor.select_refs(refs)
        others = sorted({r.form for r in refs} - {form_id})
        message = f"{finding.severity}：{finding.message}"
        if others:
            message += f"（另涉及{'、'.join(others)}，共 {len(refs) - found} 个单元格）"
        self.statusBar().showMessage(message, 15000)

    def show_cell(self, ref) -> None:
        editor = self.show_page(ref.form)
        if editor is not None:
            editor.select_refs([ref])

    def explain(self, finding: Finding | None) -> None:
        if finding is None:
            return
        if finding.severity == "错误":
            QMessageBox.information(
                self, "出错说明", f"{finding.rule} 是“错误”，须更正数字，不能以出错说明代替。\n\n{finding.message}"
            )
            return
        current = self.session.workspace.explanation(finding.key)
        text, ok = QInputDialog.getMultiLineText(
            self, "出错说明", f"{finding.rule} {finding.message}\n\n请说明原因（将随审核报告提交）：", current
        )
        if ok:
            self.session.set_explanation(finding.key, text)

    def _step_finding(self, step: int) -> None:
        table = self.findings.table
        count = table.model().rowCount()
        if not count:
            return
        row = (table.currentIndex().row() + step) % count if table.currentIndex().isValid() else 0
        index = table.model().index(row, 0)
        table.setCurrentIndex(index)
        self.show_finding(self.findings.finding_at(index))

    def recheck_all(self) -> None:
        self.session.publish(Changes(findings=self.session.workspace.engine.rerun_all()))
        self.statusBar().showMessage("已重新审核全部表", 5000)

    # -- window chrome -----------------------------------------------------------------

    def _show_title(self, *_) -> None:
        unit = self.session.workspace.unit
        suffix = "（只读）" if self.session.read_only else ""
        self.setWindowTitle(f"{unit.get('单位名称', '')} {unit.get('年度', '')}年度{suffix} — {APP_NAME}")

    def _show_session_message(self, text: str) -> None:
        self._session_message = text
        self.statusBar().showMessage(text, 10000)

    def _clear_refusal(self, *_) -> None:
        """A valid edit after a refused one: the refusal no longer describes the table."""
        if self._session_message and self.statusBar().currentMessage() == self._session_message:
            self.statusBar().clearMessage()
        self._session_message = ""

    def _show_counts(self, *_) -> None:
        counts = summarize(self.session.all_findings().values())["by_severity"]
        parts = [
            f"<span style='color:{palette.SEVERITY[s].name()}'>{s} {n}</span>" for s, n in counts.items()
        ]
        self.counts_label.setText("　".join(parts))

    def show_help(self) -> None:
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
