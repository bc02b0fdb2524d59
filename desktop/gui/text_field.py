"""A multi-line text box that saves to the workspace shortly after typing stops, and on leaving."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.gui.session import Session

# Long enough not to write on every key, short enough that a power cut loses a phrase at most.
SAVE_AFTER_MS = 800


class TextField(QPlainTextEdit):
    def __init__(self, session: Session, key: str, hint: str = "", parent=None):
        super().__init__(parent)
        self.session = session
        self.key = key
        self.setPlaceholderText(hint)
        self.setPlainText(session.workspace.text(key))
        self.setReadOnly(session.read_only)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        self.textChanged.connect(self._timer.start)
        session.text_changed.connect(self._show)

    def save(self) -> None:
        self._timer.stop()
        self.session.save_text(self.key, self.toPlainText())

    def replace_all(self, text: str) -> None:
        """The whole text replaced as one edit of this box, so Ctrl+Z brings back what was there."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        self.save()

    def focusOutEvent(self, event) -> None:
        self.save()
        super().focusOutEvent(event)

    def _show(self, key: str) -> None:
        """Text written elsewhere (a generated draft) replaces what is shown, unless it is the same."""
        if key == self.key and self.toPlainText().strip() != self.session.workspace.text(key):
            self.blockSignals(True)
            self.setPlainText(self.session.workspace.text(key))
            self.blockSignals(False)
