"""A table view that edits like a spreadsheet: type over, Enter down, Tab right, copy and paste ranges."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QAbstractScrollArea, QLineEdit, QStyledItemDelegate, QTableView,
)

from desktop.core.clipboard import format_table, parse_table
from desktop.gui import palette
from desktop.gui.form_model import FINDINGS_ROLE, SEVERITY_ROLE, STATE_ROLE, FormModel


# Excel: Enter commits and moves down, Tab moves right; neither opens the next cell.
_MOVES = {
    Qt.Key.Key_Return: QAbstractItemView.CursorAction.MoveDown,
    Qt.Key.Key_Enter: QAbstractItemView.CursorAction.MoveDown,
    Qt.Key.Key_Tab: QAbstractItemView.CursorAction.MoveNext,
    Qt.Key.Key_Backtab: QAbstractItemView.CursorAction.MovePrevious,
}


class CellDelegate(QStyledItemDelegate):
    """Draws the finding outline and the override mark; edits in a right-aligned line."""

    show_rounding = False  # 尾差 outlined like other findings, or only a faint corner mark

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        severity = index.data(SEVERITY_ROLE)
        state = index.data(STATE_ROLE)
        if not severity and state != "override":
            return
        painter.save()
        rect: QRect = option.rect
        if state == "override":
            # A small corner mark, as spreadsheets flag a cell that differs from its formula.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.SEVERITY["警告"])
            corner = rect.topLeft()
            painter.drawPolygon(QPolygon([corner, corner + QPoint(7, 0), corner + QPoint(0, 7)]))
        if severity and all(f.rounding for f in index.data(FINDINGS_ROLE)) and not self.show_rounding:
            # A screen of rounded totals would bury the one real error: a 尾差 gets a faint
            # corner, across from the override mark, and its tooltip still explains it.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.ROUNDING_MARK)
            corner = rect.bottomRight()
            painter.drawPolygon(QPolygon([corner, corner - QPoint(6, 0), corner - QPoint(0, 6)]))
        elif severity:
            pen = QPen(palette.SEVERITY[severity])
            pen.setWidth(2)
            if all(f.rounding for f in index.data(FINDINGS_ROLE)):
                pen.setWidth(1)
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        editor.setProperty("row", index.row())
        editor.setProperty("column", index.column())
        return editor

    def eventFilter(self, editor, event) -> bool:
        # Enter or Tab on text that is not a figure: say why and keep the editor open with
        # the text, so nothing the user typed is lost and the cell keeps its value.
        if event.type() == QEvent.Type.KeyPress and event.key() in _MOVES:
            view = self.parent()
            model = view.model()
            index = model.index(editor.property("row"), editor.property("column"))
            problem = model.refusal(index, editor.text())
            if problem:
                model.session.message.emit(problem)
                editor.selectAll()
                return True
            view.next_move = _MOVES[event.key()]
        return super().eventFilter(editor, event)


class SheetView(QTableView):
    """The body of a form editor."""

    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self._base = None  # what scale_to scales from
        self.next_move = None  # where the cell being committed by Enter or Tab moves to

    def model(self) -> FormModel:
        return super().model()

    def scale_to(self, percent: int) -> None:
        """Font, column widths and row heights at `percent` of those the page first set (for a
        page that sizes its columns once; the form editor lays its own out at each zoom)."""
        if self._base is None:
            header = self.horizontalHeader()
            self._base = (QFont(self.font()), [self.columnWidth(c) for c in range(header.count())],
                          header.defaultSectionSize())
        font, widths, default = self._base
        scaled = QFont(font)
        scaled.setPointSizeF(font.pointSizeF() * percent / 100)
        self.setFont(scaled)
        self.horizontalHeader().setDefaultSectionSize(round(default * percent / 100))
        for column, width in enumerate(widths):
            self.setColumnWidth(column, round(width * percent / 100))
        self.resizeRowsToContents()

    def set_rounding_marks(self, shown: bool) -> None:
        self.itemDelegate().show_rounding = shown
        self.viewport().update()

    # -- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.model().clear(self.selectedIndexes())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move(QAbstractItemView.CursorAction.MoveDown)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        # Qt repaints the whole viewport when the view gains or loses focus, yet only the current cell's
        # focus frame depends on it (selections are drawn by the window being active): each figure typed
        # moves focus to its editor and back, and repainting every cell on screen for it was most of the
        # time from Enter to the findings shown.
        if not self.currentIndex().isValid():
            super().focusInEvent(event)  # Qt picks the first cell as the current one
            return
        QAbstractScrollArea.focusInEvent(self, event)
        editable = bool(self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)
        self.update(self.currentIndex())

    def focusOutEvent(self, event) -> None:
        QAbstractScrollArea.focusOutEvent(self, event)
        self.update(self.currentIndex())

    def commitData(self, editor) -> None:
        # The cell Enter or Tab goes to is brought into view before the figure lands: Qt repaints the whole
        # viewport when it scrolls while cells wait to be repainted, and a figure repaints several.
        if self.next_move is not None:
            self.scrollTo(self.moveCursor(self.next_move, Qt.KeyboardModifier.NoModifier))
        super().commitData(editor)

    def closeEditor(self, editor, hint) -> None:
        # Excel: Enter commits and moves down, Tab moves right; neither opens the next cell.
        moves = {
            QAbstractItemDelegate.EndEditHint.SubmitModelCache: QAbstractItemView.CursorAction.MoveDown,
            QAbstractItemDelegate.EndEditHint.EditNextItem: QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: QAbstractItemView.CursorAction.MovePrevious,
        }
        move = moves.get(hint)
        self.next_move = None
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if move is not None:
            self._move(move)

    def _move(self, action) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    # -- clipboard -------------------------------------------------------------------

    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes()
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy(self) -> None:
        rect = self._selected_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        model = self.model()
        block = []
        for row in range(top, bottom + 1):
            line = []
            for col in range(left, right + 1):
                index = model.index(row, col)
                role = Qt.ItemDataRole.EditRole if model.ref_at(row, col) else Qt.ItemDataRole.DisplayRole
                line.append(index.data(role) or "")
            block.append(line)
        QGuiApplication.clipboard().setText(format_table(block))
        self.status.emit(f"已复制 {bottom - top + 1} 行 × {right - left + 1} 列")

    def paste(self) -> None:
        rect = self._selected_rect()
        text = QGuiApplication.clipboard().text()
        if rect is None or not text:
            return
        block = parse_table(text)
        top, left, bottom, right = rect
        if len(block) == 1 and len(block[0]) == 1 and (bottom > top or right > left):
            # One value pasted over a selection fills it, as in Excel.
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        if self.model().paste(top, left, block):
            last_row = min(top + len(block), self.model().rowCount()) - 1
            last_col = min(left + max(map(len, block)), self.model().columnCount()) - 1
            self._select_block(top, left, last_row, last_col)

    def _select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.model()
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_cells(self, indexes) -> None:
        """Select exactly these cells (a finding's) and bring the first into view."""
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags)
        if indexes:
            self.selectionModel().setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(indexes[0])
