"""A figure typed and committed with Enter: each view changes only what the edit changed, and shows what a full
repaint would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.core.checks.findings import summarize
from desktop.core.definitions import CellRef
from desktop.gui.navigation import COUNTS_ROLE
from tests.gui.test_editing import type_into

PART = CellRef("公开05", "2080501", "基本支出")  # a 项 under computed totals, compared with 公开01 and 公开03


def _idle() -> None:
    for _ in range(3):  # a view lays itself out on a zero timer, and repaints on the pass after
        QApplication.processEvents()


def _screen(window):
    """What the window shows: its backing store, not a fresh rendering."""
    return QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()


def test_the_pane_gets_a_row_for_each_finding_that_comes_or_goes_never_a_reset(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    model = window.findings.model
    signals = []
    model.modelAboutToBeReset.connect(lambda: signals.append("reset"))
    model.rowsInserted.connect(lambda _p, first, last: signals.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: signals.append(("removed", first, last)))
    before = set(window.session.all_findings())
    type_into(qtbot, editor, PART, "9")
    after = set(window.session.all_findings())
    assert "reset" not in signals
    assert sum(1 for s in signals if s[0] == "inserted") == len(after - before)
    assert all(first == last for _, first, last in signals)
    listed = [model.finding(row) for row in range(model.rowCount())]
    assert [f.key for f in listed] == [f.key for f in sorted(window.session.all_findings().values(),
                                                              key=lambda f: model._keys[listed.index(f)])]
    assert {f.key for f in listed} == after
    assert all(model.row_of(f.key) == row for row, f in enumerate(listed))


class _Painted(QObject):
    """The area of a widget repainted, from its paint events."""

    def __init__(self):
        super().__init__()
        self.area = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.area += sum(rect.width() * rect.height() for rect in event.region())
        return False


def test_a_badge_that_changes_repaints_its_page_without_laying_out_every_page(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    editor.view.setFocus()  # the list losing focus repaints it whole: that is not the badge's doing
    _idle()
    row = window.nav_model.row_of("公开05")
    errors = window.nav_model.index(row).data(COUNTS_ROLE)["错误"]
    painted = _Painted()
    window.nav.viewport().installEventFilter(painted)
    type_into(qtbot, editor, PART, "9")
    _idle()
    assert window.nav_model.index(row).data(COUNTS_ROLE)["错误"] > errors
    item = window.nav.visualRect(window.nav_model.index(row))
    assert 0 < painted.area <= item.width() * item.height()
    assert window.session.tally.by_form == summarize(window.session.all_findings().values())["by_form"]
    assert window.session.tally.by_severity == summarize(window.session.all_findings().values())["by_severity"]


def test_enter_repaints_the_cells_the_figure_changed_and_the_screen_matches_a_full_repaint(
        open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    view = editor.view
    _idle()
    # The last row in view: Enter moves below it, so the view scrolls as the figure lands.
    bottom = view.rowAt(view.viewport().height() - 2)
    column = editor.model.index_of(PART).column()
    refs = (editor.model.ref_at(row, column) for row in range(bottom, 0, -1))
    ref = next(r for r in refs if r and not window.session.workspace.values.can_compute(r))
    painted = _Painted()
    view.viewport().installEventFilter(painted)
    type_into(qtbot, editor, ref, "9")
    _idle()
    assert view.currentIndex().row() > editor.model.index_of(ref).row()
    whole = view.viewport().width() * view.viewport().height()
    assert 0 < painted.area < whole / 2
    screen = _screen(window)
    window.repaint()
    _idle()
    assert _screen(window) == screen
