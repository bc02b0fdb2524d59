"""Every user edit as an undoable command that writes through the workspace.

A command is built with the workspace and a `publish` callable (the window's one place that
tells the views what changed), never with the session itself: `do` and `revert` each return
the workspace's change record, and the command hands it to `publish`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtGui import QUndoCommand

from desktop.core.changes import Changes
from desktop.core.definitions import CellRef
from desktop.core.workspace import Workspace

Publish = Callable[[Changes], None]


class Command(QUndoCommand):
    """An edit with do/revert. The session runs it first, so a refusal reaches the user
    before anything lands on the undo stack; the stack's own first redo is then skipped."""

    def __init__(self, workspace: Workspace, publish: Publish, text: str):
        super().__init__(text)
        self.workspace = workspace
        self.publish = publish
        self._done = False

    def run(self) -> Changes:
        changes = self.do()
        self._done = True
        self.publish(changes)
        return changes

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.publish(self.do())

    def undo(self) -> None:
        self.publish(self.revert())

    def do(self) -> Changes:
        raise NotImplementedError

    def revert(self) -> Changes:
        raise NotImplementedError


class SetCells(Command):
    """Typed, pasted or cleared figures: one step however many cells."""

    def __init__(self, workspace, publish, changes: list[tuple[CellRef, Decimal | None, Decimal | None]], text: str):
        super().__init__(workspace, publish, text)
        self.changes = changes
        self.ended: set = set()  # absent tables and columns a figure made present, unread figures it gave

    def do(self) -> Changes:
        changes = self.workspace.set_values([(ref, new) for ref, new, _ in self.changes])
        self.ended = changes.ended
        return changes

    def revert(self) -> Changes:
        return self.workspace.set_values([(ref, old) for ref, _, old in self.changes]) | self.workspace.restore_ended(
            self.ended)


class SettleUnread(Command):
    """The user checked the workbook: a table's unread figures wait no more, and its rules are checked."""

    def __init__(self, workspace, publish, form_id: str):
        super().__init__(workspace, publish, f"{form_id} 未读入的数字已核对")
        self.form_id = form_id
        self.ended: set = set()

    def do(self) -> Changes:
        changes = self.workspace.set_unread([u for u in self.workspace.unread if u.form != self.form_id])
        self.ended = changes.ended
        return changes

    def revert(self) -> Changes:
        return self.workspace.restore_ended(self.ended)


class AddRows(Command):
    """A 科目 put on a coded form, with the 款 and 类 it needs."""

    def __init__(self, workspace, publish, form_id: str, code: str, name: str | None):
        super().__init__(workspace, publish, f"增加科目 {code}")
        self.form_id, self.code, self.name = form_id, code, name
        self.added: list[str] = []

    def do(self) -> Changes:
        changes = self.workspace.add_row(self.form_id, self.code, self.name)
        self.added = changes.added
        return changes

    def revert(self) -> Changes:
        ws = self.workspace
        changes = Changes()
        for code in sorted(self.added, key=len, reverse=True):
            if any(r.code == code for r in ws.coded_rows(self.form_id)):
                changes |= ws.remove_row(self.form_id, code)
        return changes


class RemoveRow(Command):
    """A 科目 and everything under it taken off, figures included; undo puts all back."""

    def __init__(self, workspace, publish, form_id: str, code: str):
        super().__init__(workspace, publish, f"删除科目 {code}")
        self.form_id, self.code = form_id, code
        self.removed = None  # what the workspace took away, for it to restore

    def do(self) -> Changes:
        changes = self.workspace.remove_row(self.form_id, self.code)
        self.removed = changes.removed
        return changes

    def revert(self) -> Changes:
        return self.workspace.restore_rows(self.removed)


class Replace(Command):
    """One stored text swapped for another; undo swaps it back."""

    def __init__(self, workspace, publish, text: str, key: str, value: str, old: str):
        super().__init__(workspace, publish, text)
        self.key, self.value, self.old = key, value, old

    def do(self) -> Changes:
        return self.write(self.value)

    def revert(self) -> Changes:
        return self.write(self.old)

    def write(self, value: str) -> Changes:
        raise NotImplementedError


class SetNote(Replace):
    def __init__(self, workspace, publish, form_id: str, text: str, old: str):
        super().__init__(workspace, publish, f"{form_id} 空表说明", form_id, text, old)
        self.ended: set[tuple[str, str]] = set()  # the absent table a 空表说明 made present

    def do(self) -> Changes:
        changes = self.write(self.value)
        self.ended = changes.ended
        return changes

    def revert(self) -> Changes:
        return self.write(self.old) | self.workspace.restore_ended(self.ended)

    def write(self, value: str) -> Changes:
        return self.workspace.set_empty_note(self.key, value)


class SetUnit(Replace):
    def __init__(self, workspace, publish, key: str, value: str, old: str):
        super().__init__(workspace, publish, f"修改{key}", key, value, old)

    def write(self, value: str) -> Changes:
        return self.workspace.set_unit(self.key, value)


class SetExplanation(Command):
    def __init__(self, workspace, publish, key: str, text: str, old: str):
        super().__init__(workspace, publish, "出错说明")
        self.key, self.text, self.old = key, text, old

    def do(self) -> Changes:
        return self.workspace.set_explanation(self.key, self.text)

    def revert(self) -> Changes:
        # Put the old text back even if the finding has since become an 错误.
        return self.workspace.restore_explanations({self.key: self.old})
