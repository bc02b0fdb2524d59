"""The 查找 bar over every page (tables, 绩效自评表, 情况说明): type a code, name, words or amount;
Enter, Shift+Enter and F3 step through."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.core.find.pages import find
from desktop.core.find.query import Hit
from desktop.gui.session import Session

THIS_TABLE, ALL_TABLES = "本表", "全部表"


class FindBar(QWidget):
    hit_chosen = Signal(object)  # Hit: select its cell, switching table when needed
    hits_found = Signal(object)  # list[Hit]: every hit of the search just made ([] when the bar closes)
    closed = Signal()

    def __init__(self, session: Session, current_page: Callable[[], str | None],
                 flush: Callable[[], None] = lambda: None, parent=None):
        super().__init__(parent)
        self.session = session
        self.current_page = current_page  # the key of the searchable page on screen, None for another
        self.flush = flush  # writes text still being typed, so the search sees what the page shows
        self.hits: list[Hit] = []
        self.position = -1  # the hit last chosen
        self._searched: tuple | None = None  # (text, forms) the hits are for

        self.input = QLineEdit()
        self.input.setPlaceholderText(
            "查找科目代码、名称、文字或金额（如 2080101、机关运行经费、1,234.50、57.45%），回车下一个"
        )
        self.input.setClearButtonEnabled(True)
        self.input.textChanged.connect(self._typed)
        self.input.installEventFilter(self)
        self.scope = QComboBox()
        self.scope.addItems([THIS_TABLE, ALL_TABLES])
        self.scope.currentIndexChanged.connect(self._typed)
        self.count = QLabel()
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("0000/0000"))
        previous = QToolButton()
        previous.setText("上一个")
        previous.setToolTip("上一个（Shift+Enter，Shift+F3）")
        previous.clicked.connect(lambda: self.step(-1))
        following = QToolButton()
        following.setText("下一个")
        following.setToolTip("下一个（Enter，F3）")
        following.clicked.connect(lambda: self.step(1))
        close = QToolButton()
        close.setText("关闭")
        close.setToolTip("关闭查找（Esc）")
        close.clicked.connect(self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("查找："))
        layout.addWidget(self.input, 1)
        layout.addWidget(self.scope)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.count)
        layout.addWidget(close)
        for signal in (session.values_changed, session.structure_changed, session.text_changed,
                       session.performance_changed):
            signal.connect(self._stale)

    # -- opening and closing -------------------------------------------------------------

    def open_bar(self) -> None:
        if self.isHidden() and self.hits:
            self.hits_found.emit(self.hits)  # the marks closing took away
        self.show()
        self.input.setFocus()
        self.input.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.hits_found.emit([])
        self.closed.emit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.input and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step(-1 if back else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    # -- searching -----------------------------------------------------------------------

    def _pages(self) -> list[str] | None:
        """The pages in scope: the one on screen (a table, a 绩效 page with all its projects, the
        情况说明), or all (also when the page on screen has nothing to search)."""
        page = self.current_page()
        return [page] if self.scope.currentText() == THIS_TABLE and page else None

    def _search(self) -> None:
        self.flush()
        wanted = (self.input.text(), tuple(self._pages() or ()))
        if wanted == self._searched:
            return
        self._searched = wanted
        self.hits = find(self.session.workspace, self.input.text(), self._pages())
        self.position = -1
        self.hits_found.emit(self.hits)

    def _typed(self, *_) -> None:
        self._searched = None
        self._search()
        self._show_count()

    def _stale(self, *_) -> None:
        """Figures or rows changed: the next step searches again, from the same place on."""
        self._searched = None

    def step(self, direction: int) -> Hit | None:
        """Choose the next (1) or previous (-1) hit, wrapping around; None when there is none."""
        if not self.input.text().strip():
            self.open_bar()
            return None
        last = self.hits[self.position] if 0 <= self.position < len(self.hits) else None
        self._search()
        if not self.hits:
            self._show_count()
            return None
        if last is not None and self.position < 0:
            # Searched again (an edit, another table): go on from where the last hit was.
            if last in self.hits:
                self.position = self.hits.index(last)
            else:
                after = next((i for i, h in enumerate(self.hits) if _after(h, last, self.hits)), len(self.hits))
                self.position = after - 1 if direction > 0 else after
        elif self.position < 0 and direction < 0:
            self.position = 0  # Shift+Enter on a fresh search starts from the last hit
        self.position = (self.position + direction) % len(self.hits)
        self._show_count()
        hit = self.hits[self.position]
        self.hit_chosen.emit(hit)
        return hit

    def _show_count(self) -> None:
        if not self.input.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText("无结果")
        else:
            self.count.setText(f"{self.position + 1 if self.position >= 0 else 0}/{len(self.hits)}")


def _after(hit: Hit, last: Hit, hits: list[Hit]) -> bool:
    """Whether `hit` comes after `last` in reading order (pages in the order the hits list them)."""
    forms = list(dict.fromkeys(h.form for h in hits))
    if last.form not in forms:
        return False
    return (forms.index(hit.form), *hit.place()) > (forms.index(last.form), *last.place())
