"""What the window shows at a glance: the 审核结果 columns, quiet 尾差 marks, the tables' width,
whole navigation names, a refusal that clears, and the zoom — driven by keys and menus."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from desktop.core.definitions import CellRef
from desktop.gui import palette
from desktop.gui.findings_model import ACTUAL, DIFFERENCE, EXPECTED, FORM, MESSAGE, RULE
from desktop.gui.form_editor import WIDTHS
from desktop.gui.form_model import SEVERITY_ROLE, FINDINGS_ROLE
from desktop.gui.main_window import MainWindow
from desktop.gui.navigation import BadgeDelegate
from test_editing import type_into


def activate(qtbot, window) -> None:
    """The window the user works in is the active one: its menu shortcuts reach it."""
    with qtbot.waitActive(window):
        window.activateWindow()


def _fits(table, row: int, column: int) -> bool:
    index = table.model().index(row, column)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    needed = table.fontMetrics().horizontalAdvance(index.data() or "") + 2 * margin
    return needed <= table.columnWidth(column)


def test_the_findings_columns_show_their_whole_figures_at_1024_pixels(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    window.resize(1024, 768)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    # A finding with wide figures arrives after the pane was laid out on an empty list.
    type_into(qtbot, editor, CellRef("公开03", "2080101", "基本支出"), "1234567.89")
    type_into(qtbot, editor, CellRef("公开03", "合计", "本年支出合计"), "397.3")
    QApplication.processEvents()
    table = window.findings.table
    assert table.model().rowCount() >= 2
    for row in range(table.model().rowCount()):
        for column in (FORM, RULE, EXPECTED, ACTUAL, DIFFERENCE):
            assert _fits(table, row, column), (row, column, table.model().index(row, column).data())
    shown = [table.model().index(r, c).data() for r in range(table.model().rowCount()) for c in (EXPECTED, ACTUAL)]
    assert "1,234,567.89" in shown and "397.30" in shown
    # The message takes the rest: the columns fill the pane without a horizontal scroll.
    header = table.horizontalHeader()
    assert header.sectionSize(MESSAGE) > 200
    assert header.length() <= table.viewport().width()


def test_the_tooltip_gives_each_figure_once(open_window, sample_path):
    window = open_window(sample_path)
    model = window.findings.model
    with_figures = 0
    for row in range(model.rowCount()):
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        for label in ("应为", "实为", "差额"):
            assert len(re.findall(label + r"\s*-?[0-9]", tip)) <= 1, tip
        with_figures += "应为" in tip
    assert with_figures > 10


def _edge_has(image, rect: QRect, colour: QColor) -> bool:
    """Whether the cell's top edge carries pixels of this colour (an outline, dashed or not)."""
    y = rect.top() + 1
    for x in range(rect.left() + 2, rect.right() - 2):
        pixel = image.pixelColor(x, y)
        if abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) + abs(pixel.blue() - colour.blue()) < 60:
            return True
    return False


def _rounding_and_error_cells(editor):
    model = editor.model
    rounding = error = None
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            found = index.data(FINDINGS_ROLE) or []
            if found and all(f.rounding for f in found) and rounding is None:
                rounding = index
            if any(f.severity == "错误" for f in found) and error is None:
                error = index
    return rounding, error


def test_rounding_marks_are_quiet_until_the_view_menu_shows_them(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    rounding, _ = _rounding_and_error_cells(editor)
    assert rounding is not None and rounding.data(SEVERITY_ROLE) == "提示"
    editor.view.scrollTo(rounding)
    QApplication.processEvents()
    rect = editor.view.visualRect(rounding)
    blue = palette.SEVERITY["提示"]
    assert not _edge_has(editor.view.viewport().grab().toImage(), rect, blue)
    assert not window.rounding_action.isChecked()

    window.rounding_action.trigger()  # 视图 → 显示尾差标记
    QApplication.processEvents()
    assert _edge_has(editor.view.viewport().grab().toImage(), rect, blue)
    # Remembered for this user: the next window starts with the marks shown, on every table.
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.rounding_action.isChecked()
    second.close()


def test_a_real_error_keeps_its_outline_while_rounding_is_quiet(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    type_into(qtbot, editor, CellRef("公开03", "2080101", "基本支出"), "100")
    type_into(qtbot, editor, CellRef("公开03", "合计", "本年支出合计"), "90")
    _, error = _rounding_and_error_cells(editor)
    assert error is not None
    QApplication.processEvents()
    image = editor.view.viewport().grab().toImage()
    assert _edge_has(image, editor.view.visualRect(error), palette.SEVERITY["错误"])


def test_tables_use_a_wide_window_and_the_pane_starts_smaller(open_window, sample_path):
    window = open_window(sample_path)
    window.resize(1920, 1080)
    QApplication.processEvents()
    editor = window.show_page("公开03")
    QApplication.processEvents()
    view = editor.view
    used = view.horizontalHeader().length()
    left, _, right, _ = editor.frame.getContentsMargins()
    room = editor.width() - 24
    # The figure columns grew; what they could not take is shared equally on both sides.
    value_cols = [c for c, k in enumerate(editor.model.layout.grid.col_kinds) if k == "value"]
    assert all(view.columnWidth(c) > WIDTHS["value"] for c in value_cols)
    assert abs(left - right) <= 1
    assert used + left + right >= room - view.verticalScrollBar().sizeHint().width() - 8
    assert editor.header_view.columnWidth(value_cols[0]) == view.columnWidth(value_cols[0])
    assert window.centralWidget().height() > 1.5 * window.findings_dock.height()


def test_navigation_names_are_shown_whole(open_window, sample_path):
    window = open_window(sample_path)
    window.resize(1024, 768)
    QApplication.processEvents()
    nav = window.nav
    metrics = QFontMetrics(nav.font())
    for row in range(window.nav_model.rowCount()):
        index = window.nav_model.index(row)
        rect = nav.visualRect(index)
        margin = nav.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, nav) + 1
        width = nav.viewport().width() - BadgeDelegate.BADGES - 2 * margin
        needed = metrics.boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, index.data()).height()
        assert rect.height() >= needed, index.data()
    long_row = next(r for r, p in enumerate(window.nav_model.pages) if p.key == "公开09")
    assert nav.visualRect(window.nav_model.index(long_row)).height() > metrics.height() * 1.8


def test_the_refusal_clears_after_the_next_valid_edit(open_window, empty_path, qtbot):
    window = open_window(empty_path)
    editor = window.show_page("公开03")
    editor.add_row("2080101")
    ref = CellRef("公开03", "2080101", "基本支出")
    type_into(qtbot, editor, ref, "12x")
    assert "不是有效的数字" in window.statusBar().currentMessage()
    line = editor.view.indexWidget(editor.model.index_of(ref))
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    type_into(qtbot, editor, CellRef("公开03", "2080101", "项目支出"), "5")
    assert window.session.workspace.value(CellRef("公开03", "2080101", "项目支出")) == Decimal("5.00")
    assert window.statusBar().currentMessage() == ""


def test_zoom_keys_scale_every_table_and_are_remembered(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    editor = window.show_page("公开05")
    size = editor.view.font().pointSizeF()
    width = editor._widths[0]
    row = editor.view.rowHeight(0)
    activate(qtbot, window)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 125
    assert editor.view.font().pointSizeF() == size * 1.25
    assert editor.header_view.font().pointSizeF() == size * 1.25
    assert editor._widths[0] > width and editor.view.rowHeight(0) > row
    assert window.session.workspace.value(CellRef("公开05", "合计", "小计")) is not None  # nothing typed
    other = window.show_page("公开03")  # made after the zoom: at the same scale
    assert other.view.font().pointSizeF() == size * 1.25
    performance = window.show_page("绩效整体")  # the 绩效自评表 too
    assert performance.view.font().pointSizeF() == size * 1.25
    window.show_page("公开05")
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.zoom == 125
    second.close()
    qtbot.keyClick(editor.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 110
    qtbot.keyClick(editor.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 100 and editor.view.font().pointSizeF() == size
    assert editor._widths[0] == width
    assert performance.view.font().pointSizeF() == size


def test_at_1366_by_768_every_table_fits_the_width_with_its_figures_whole(open_window, sample_path):
    window = open_window(sample_path)
    window.resize(1366, 768)
    QApplication.processEvents()
    for form in ("公开01", "公开02", "公开04", "公开09"):
        editor = window.show_page(form)
        QApplication.processEvents()
        view = editor.view
        assert view.horizontalHeader().length() <= view.viewport().width(), form
        assert not view.horizontalScrollBar().isVisible(), form
        values = [c for c, k in enumerate(editor.model.layout.grid.col_kinds) if k == "value"]
        for row in range(editor.model.rowCount()):
            for column in values:
                assert _fits(view, row, column), (form, row, column, view.model().index(row, column).data())


def test_at_1366_by_768_the_findings_keep_five_rows_under_the_find_bar(sample_path, qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)  # as a maximised window opens its file: the pane sized for this height
    assert window.open_path(sample_path)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("公开03")
    window.find_bar.show()
    QApplication.processEvents()
    table = window.findings.table
    rows = (table.viewport().height()) // table.verticalHeader().defaultSectionSize()
    assert rows >= 5
    assert window.height() == 768 and window.statusBar().geometry().bottom() < window.height()


def test_the_unit_page_scrolls_rather_than_squeezing_its_fields_on_a_low_screen(open_window, sample_path):
    window = open_window(sample_path)
    window.resize(1280, 800)
    page = window.show_page("单位信息")
    window.find_bar.show()
    QApplication.processEvents()
    name = page.fields.name
    assert name.height() >= name.sizeHint().height()
    assert window.height() == 800
