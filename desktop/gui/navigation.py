"""The navigation pane: every screen of the workspace, each form with its live 错误/警告 badge."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
)

from desktop.core.absence import absence_mark, absence_notice
from desktop.core.checks.findings import SEVERITY_ORDER
from desktop.gui import palette
from desktop.gui.session import FindingsUpdate, Session

UNIT_PAGE = "单位信息"
BUDGET_PAGE = "预算执行"
NARRATIVE_PAGE = "情况说明"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the page key: a form id or UNIT_PAGE
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2  # {severity: count}
BADGE_ROLES = [COUNTS_ROLE, Qt.ItemDataRole.ToolTipRole]  # what a changed count changes: never a page's size


class Page(NamedTuple):  # not a dataclass: the window's start builds none (building one compiles six methods)
    key: str
    title: str


class NavigationModel(QAbstractListModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._load()
        session.findings_changed.connect(self._recount)
        session.findings_reset.connect(lambda: self._recount())
        session.structure_changed.connect(self._reload)
        session.absence_changed.connect(self._remark)

    def _load(self) -> None:
        forms = self.session.workspace.structure.active
        self.pages = [Page(f.id, f"{f.id} {f.title}" if f.published else f.title) for f in forms]
        self.pages += [Page(f.id, f.title) for f in self.session.workspace.performance.forms.values()]
        self.pages.append(Page(BUDGET_PAGE, "预算执行情况"))
        self.pages.append(Page(NARRATIVE_PAGE, "情况说明"))
        self.pages.append(Page(UNIT_PAGE, UNIT_PAGE))
        self.counts = self._counts()

    def _counts(self) -> dict[str, dict[str, int]]:
        return {form: dict(counts) for form, counts in self.session.tally.by_form.items()}

    def _reload(self) -> None:
        keys = [p.key for p in self.pages]
        forms = self.session.workspace.structure.active
        if keys[:len(forms)] != [f.id for f in forms]:
            self.beginResetModel()
            self._load()
            self.endResetModel()

    def _recount(self, update: FindingsUpdate | None = None) -> None:
        """The badges of the forms an update touched (every form's after a reset) follow the session's tally."""
        tally = self.session.tally.by_form
        for row, page in enumerate(self.pages):
            if update is not None and page.key not in update.forms:
                continue
            new = tally.get(page.key)
            if self.counts.get(page.key) != new:
                if new is None:
                    del self.counts[page.key]
                else:
                    self.counts[page.key] = dict(new)
                index = self.index(row)
                self.dataChanged.emit(index, index, BADGE_ROLES)

    def _remark(self) -> None:
        """An absent table typed into (or undone back to absent) changes its mark."""
        if self.pages:
            self.dataChanged.emit(self.index(0), self.index(len(self.pages) - 1), [
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
            ])

    def row_of(self, key: str) -> int:
        return next((i for i, p in enumerate(self.pages) if p.key == key), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pages)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        page = self.pages[index.row()]
        ws = self.session.workspace
        mark = absence_mark(ws, page.key) if page.key in ws.forms else ""
        if role == Qt.ItemDataRole.DisplayRole:
            # After the form id, where a long title's elision cannot hide it.
            return page.title.replace(page.key, f"{page.key}（{mark}）", 1) if mark else page.title
        if role == Qt.ItemDataRole.ForegroundRole and mark:
            return palette.ABSENT_TEXT
        if role == KEY_ROLE:
            return page.key
        if role == COUNTS_ROLE:
            return dict(self.counts.get(page.key) or {s: 0 for s in SEVERITY_ORDER})
        if role == Qt.ItemDataRole.ToolTipRole:
            counts = self.counts.get(page.key)
            lines = [page.title]
            if counts:
                lines.append("，".join(f"{s} {n} 条" for s, n in counts.items()))
            if mark:
                lines.append(absence_notice(ws, page.key))
            return "\n".join(lines)
        return None


class BadgeDelegate(QStyledItemDelegate):
    """Draws the page name with round 错误 and 警告 counts at the right."""

    BADGES = 56  # room kept at the right for two badges

    def sizeHint(self, option, index) -> QSize:
        # A name wraps within the pane's width less the badges, and its row grows to fit it.
        option = QStyleOptionViewItem(option)
        width = self.parent().viewport().width() - self.BADGES
        option.rect = QRect(0, 0, max(width, 80), 1000)  # a valid rect: the style wraps within it
        size = super().sizeHint(option, index)
        return QSize(max(width, 80) + self.BADGES, max(size.height() + 8, 28))

    def paint(self, painter: QPainter, option, index) -> None:
        counts = index.data(COUNTS_ROLE) or {}
        badges = [(s, counts.get(s, 0)) for s in ("错误", "警告") if counts.get(s)]
        metrics = option.fontMetrics
        widths = [max(20, metrics.horizontalAdvance(str(n)) + 12) for _, n in badges]
        # The text wraps where sizeHint measured it, badges or not, so the row fits it.
        reserved = max(sum(widths) + 6 * len(widths), self.BADGES)
        # The row's background and selection span the pane; the text keeps clear of the badges.
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        whole.text = ""
        style = whole.widget.style() if whole.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, whole, painter, whole.widget)
        option.rect = option.rect.adjusted(0, 0, -reserved, 0)
        super().paint(painter, option, index)
        option.rect = option.rect.adjusted(0, 0, reserved, 0)
        x = option.rect.right() - 4
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for (severity, n), width in zip(reversed(badges), reversed(widths)):
            rect = QRect(x - width, option.rect.center().y() - 9, width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.SEVERITY[severity])
            painter.drawRoundedRect(rect, 9, 9)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
            x -= width + 6
        painter.restore()


class NavigationView(QListView):
    """The pages, names wrapped within the pane's width, each with its badges."""

    def __init__(self, model: NavigationModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(BadgeDelegate(self))
        self.setMinimumWidth(200)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Long titles (公开09's) wrap onto a second line rather than lose their end.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:
        # A list lays out every page again on any change, since a name may now wrap differently; a badge's
        # count leaves the page's size as it was, so only that page is repainted (once per keystroke).
        if roles and set(roles) <= set(BADGE_ROLES):
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)
        else:
            super().dataChanged(top_left, bottom_right, roles)
