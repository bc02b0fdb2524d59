"""Every user edit as an undoable command that writes through the workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.core.definitions import CellRef

if TYPE_CHECKING:
    from desktop.gui.session import Session


class Command(QUndoCommand):
    """An edit with do/revert. The session runs it first, so a refusal reaches the user
    before anything lands on the undo stack; the stack's own first redo is then skipped."""

    def __init__(self, session: "Session", text: str):
        super().__init__(text)
        self.session = session
        self._done = False

    def run(self) -> None:
        self.do()
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.do()

    def undo(self) -> None:
        self.revert()

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class SetCells(Command):
    """Typed, pasted or cleared figures: one step however many cells."""

    def __init__(self, session, changes: list[tuple[CellRef, Decimal | None, Decimal | None]], text: str):
        super().__init__(session, text)
        self.changes = changes
        self.ended: set[tuple[str, str]] = set()  # absent tables and columns a figure made present

    def do(self) -> None:
        before = set(self.session.workspace.absent)
        self.session.apply_values([(ref, new) for ref, new, _ in self.changes])
        self.ended = before - self.session.workspace.absent

    def revert(self) -> None:
        self.session.apply_values([(ref, old) for ref, _, old in self.changes])
        restore_absence(self.session, self.ended)


def restore_absence(session, ended: set[tuple[str, str]]) -> None:
    """Undoing the first figure typed into an absent table makes it absent again, as imported."""
    if ended:
        ws = session.workspace
        session.publish(ws.set_absent(ws.absent | ended))


class AddRows(Command):
    """A 科目 put on a coded form, with the 款 and 类 it needs."""

    def __init__(self, session, form_id: str, code: str, name: str | None):
        super().__init__(session, f"增加科目 {code}")
        self.form_id, self.code, self.name = form_id, code, name
        self.added: list[str] = []

    def do(self) -> None:
        self.added = self.session.workspace.add_row(self.form_id, self.code, self.name)
        self.session.announce_structure()

    def revert(self) -> None:
        ws = self.session.workspace
        for code in sorted(self.added, key=len, reverse=True):
            if any(r.code == code for r in ws.coded_rows(self.form_id)):
                ws.remove_row(self.form_id, code)
        self.session.announce_structure()


class RemoveRow(Command):
    """A 科目 and everything under it taken off, figures included; undo puts all back."""

    def __init__(self, session, form_id: str, code: str):
        super().__init__(session, f"删除科目 {code}")
        self.form_id, self.code = form_id, code
        self.removed = None  # what the workspace took away, for it to restore

    def do(self) -> None:
        self.removed = self.session.workspace.remove_row(self.form_id, self.code)
        self.session.announce_structure()

    def revert(self) -> None:
        self.session.workspace.restore_rows(self.removed)
        self.session.announce_structure()


class Replace(Command):
    """One stored text swapped for another; undo swaps it back."""

    def __init__(self, session, text: str, key: str, value: str, old: str):
        super().__init__(session, text)
        self.key, self.value, self.old = key, value, old

    def do(self) -> None:
        self.write(self.value)

    def revert(self) -> None:
        self.write(self.old)

    def write(self, value: str) -> None:
        raise NotImplementedError


class SetNote(Replace):
    def __init__(self, session, form_id: str, text: str, old: str):
        super().__init__(session, f"{form_id} 空表说明", form_id, text, old)
        self.ended: set[tuple[str, str]] = set()  # the absent table a 空表说明 made present

    def do(self) -> None:
        before = set(self.session.workspace.absent)
        self.write(self.value)
        self.ended = before - self.session.workspace.absent

    def revert(self) -> None:
        self.write(self.old)
        restore_absence(self.session, self.ended)

    def write(self, value: str) -> None:
        self.session.publish(self.session.workspace.set_empty_note(self.key, value))
        self.session.note_changed.emit(self.key)


class SetUnit(Replace):
    def __init__(self, session, key: str, value: str, old: str):
        super().__init__(session, f"修改{key}", key, value, old)

    def write(self, value: str) -> None:
        self.session.publish(self.session.workspace.set_unit(self.key, value))
        self.session.unit_changed.emit(self.key)


class SetExplanation(Command):
    def __init__(self, session, key: str, text: str, old: str):
        super().__init__(session, "出错说明")
        self.key, self.text, self.old = key, text, old

    def do(self) -> None:
        self.session.publish(self.session.workspace.set_explanation(self.key, self.text))
        self.session.explanation_changed.emit(self.key)

    def revert(self) -> None:
        # Put the old text back even if the finding has since become an 错误.
        self.session.publish(self.session.workspace.restore_explanations({self.key: self.old}))
        self.session.explanation_changed.emit(self.key)
