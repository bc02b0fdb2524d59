"""查找 in the main window: the find bar, stepping through hits, and showing one: a part of MainWindow."""

from __future__ import annotations

from desktop.gui.form_editor import FormEditor
from desktop.gui.performance_page import PerformancePage
from desktop.gui.navigation import NARRATIVE_PAGE


class WindowFind:
    """A part of MainWindow, which holds what it uses (session, pages, menus, status bar)."""

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
        elif self._is_narrative(page):
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
        elif self._is_narrative(page):
            page.narrative.setFocus()

    def _searched_page(self) -> str | None:
        """The key of the page on screen when 查找 can search it (a table, a 绩效 page, the 情况说明)."""
        page = self.stack.currentWidget() if self.session else None
        if isinstance(page, (FormEditor, PerformancePage)):
            return page.form_id
        return NARRATIVE_PAGE if self._is_narrative(page) else None

    def _is_narrative(self, page) -> bool:
        """Told by its key, not its class: the 情况说明 page's module loads when the page is first shown."""
        return page is not None and page is self.pages.get(NARRATIVE_PAGE)

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
