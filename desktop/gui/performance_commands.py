"""Edits of the 绩效自评表 as undoable commands; the core removes and restores, the command keeps what it returned."""

from __future__ import annotations

from desktop.core.self_evaluation import PerfTable, RemovedRow
from desktop.gui.commands import Command


class _PerfCommand(Command):
    @property
    def book(self):
        return self.session.workspace.performance


class SetPerfCells(Command):
    """Typed, pasted or cleared cells of one table: one step however many."""

    def __init__(self, session, table_id: int, changes: list[tuple[str, str, str | None, str | None]], text: str):
        super().__init__(session, text)
        self.table_id, self.changes = table_id, changes

    def do(self) -> None:
        self._put([(row, col, new) for row, col, new, _ in self.changes])

    def revert(self) -> None:
        self._put([(row, col, old) for row, col, _, old in self.changes])

    def _put(self, values) -> None:
        self.session.workspace.performance.put_stored(self.table_id, values)
        self.session.performance_edited(self.table_id)


class AddProject(_PerfCommand):
    def __init__(self, session, name: str):
        super().__init__(session, f"增加项目“{name.strip()}”")
        self.name = name
        self.table_id: int | None = None

    def do(self) -> None:
        self.table_id = self.book.add_project(self.name).id
        self.session.performance_edited(self.table_id)

    def revert(self) -> None:
        self.book.remove(self.table_id)
        self.session.performance_edited(self.table_id)


class RenameProject(_PerfCommand):
    def __init__(self, session, table_id: int, name: str):
        super().__init__(session, f"项目改名为“{name.strip()}”")
        self.table_id, self.name = table_id, name
        self.old = session.workspace.performance.table(table_id).name

    def do(self) -> None:
        self.book.rename(self.table_id, self.name)
        self.session.performance_edited(self.table_id)

    def revert(self) -> None:
        self.book.rename(self.table_id, self.old)
        self.session.performance_edited(self.table_id)


class RemoveProject(_PerfCommand):
    """A project's table taken off with everything in it; undo puts it back under the same id."""

    def __init__(self, session, table_id: int):
        super().__init__(session, f"删除项目“{session.workspace.performance.table(table_id).name}”")
        self.table_id = table_id
        self.removed: PerfTable | None = None

    def do(self) -> None:
        self.removed = self.book.remove(self.table_id)
        self.session.performance_edited(self.table_id)

    def revert(self) -> None:
        self.book.restore(self.removed)
        self.session.performance_edited(self.table_id)


class AddPerfRow(_PerfCommand):
    def __init__(self, session, table_id: int, block: str, after: str | None):
        super().__init__(session, "增加指标行" if block == "指标" else f"增加{block}行")
        self.table_id, self.block, self.after = table_id, block, after
        self.row: str | None = None

    def do(self) -> None:
        self.row = self.book.add_row(self.table_id, self.block, self.after)
        self.session.performance_edited(self.table_id)

    def revert(self) -> None:
        self.book.remove_row(self.table_id, self.row)
        self.session.performance_edited(self.table_id)


class RemovePerfRow(_PerfCommand):
    def __init__(self, session, table_id: int, row: str):
        super().__init__(session, f"删除{session.workspace.performance.row_label(session.workspace.performance.table(table_id), row)}")
        self.table_id, self.row = table_id, row
        self.removed: RemovedRow | None = None

    def do(self) -> None:
        self.removed = self.book.remove_row(self.table_id, self.row)
        self.session.performance_edited(self.table_id)

    def revert(self) -> None:
        self.book.restore_row(self.removed)
        self.session.performance_edited(self.table_id)
