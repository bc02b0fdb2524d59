"""The main window: assembles navigation, form editors, 审核结果 and menus, and wires their signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QSplitter,
    QStackedWidget, QVBoxLayout, QWidget,
)

from desktop import paths
from desktop.core.workspace import Workspace, WorkspaceError
from desktop.gui import palette, preferences, recent_files
from desktop.gui.background import Background
from desktop.gui.about import APP_NAME, HelpWindow
from desktop.gui.find_bar import FindBar
from desktop.gui.findings_pane import FindingsPane
from desktop.gui.form_editor import FormEditor
from desktop.gui.budget_page import BudgetPage
from desktop.gui.performance_page import PerformancePage
from desktop.gui.navigation import BUDGET_PAGE, KEY_ROLE, NARRATIVE_PAGE, UNIT_PAGE, NavigationModel, NavigationView
from desktop.gui.new_workspace_dialog import SUFFIX, NewWorkspaceDialog
from desktop.gui.opening import open_session
from desktop.gui.publishing import Publishing
from desktop.gui.session import Session
from desktop.gui.transfers import FILE_FILTER, Transfers
from desktop.gui.window_find import WindowFind
from desktop.gui.window_findings import WindowFindings
from desktop.gui.window_menus import WindowMenus


class MainWindow(WindowMenus, WindowFind, WindowFindings, QMainWindow):
    """Assembles the panes for a session and wires their signals; menus, 查找 and the findings' navigation
    are its parts in window_menus, window_find and window_findings."""

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
        from desktop.gui.catalogue_dialog import CatalogueChangesDialog, CatalogueImportDialog

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
        if not self.session.settle():
            return
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
        self.nav = NavigationView(self.nav_model)
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
        # The 情况说明's findings come after the first frame (see Session): the columns fit them then,
        # as they would have had the rows been there from the start.
        session.narrative_read.connect(self.findings.fit_columns, Qt.ConnectionType.SingleShotConnection)
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
        # The 单位信息 (with its 汇总 panel) and 情况说明 (with its drafting) pages' modules load when the
        # page is first shown: the window opens on a table.
        if key == UNIT_PAGE:
            from desktop.gui.unit_page import UnitPage

            page = UnitPage(self.session)
            page.catalogue_import_requested.connect(self.import_catalogue)
            return page
        if key == NARRATIVE_PAGE:
            from desktop.gui.narrative_page import NarrativePage

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
        page.last_year_pdf_requested.connect(self.transfers.take_last_year_from_pdf)
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
        counts = self.session.tally.by_severity
        parts = [
            f"<span style='color:{palette.SEVERITY[s].name()}'>{s} {n}</span>" for s, n in counts.items()
        ]
        self.counts_label.setText("　".join(parts))

    def show_help(self) -> None:
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
