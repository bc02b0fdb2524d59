"""Edits of the 绩效自评表 as undoable commands; the core removes and restores, the command keeps what it returned."""

from __future__ import annotations

from desktop.core.changes import Changes
from desktop.gui.commands import Command


class _PerfCommand(Command):
    @property
    def book(self):
        return self.workspace.performance


class SetPerfCells(_PerfCommand):
    """Typed, pasted or cleared cells of one table: one step however many."""

    def __init__(self, workspace, publish, table_id: int, changes: list[tuple[str, str, str | None, str | None]],
                 text: str):
        super().__init__(workspace, publish, text)
        self.table_id, self.changes = table_id, changes

    def do(self) -> Changes:
        return self.book.put_stored(self.table_id, [(row, col, new) for row, col, new, _ in self.changes])

    def revert(self) -> Changes:
        return self.book.put_stored(self.table_id, [(row, col, old) for row, col, _, old in self.changes])


class AddProject(_PerfCommand):
    def __init__(self, workspace, publish, name: str):
        super().__init__(workspace, publish, f"增加项目“{name.strip()}”")
        self.name = name
        self.table_id: int | None = None

    def do(self) -> Changes:
        changes = self.book.add_project(self.name)
        (self.table_id,) = changes.performance
        return changes

    def revert(self) -> Changes:
        return self.book.remove(self.table_id)


class RenameProject(_PerfCommand):
    def __init__(self, workspace, publish, table_id: int, name: str):
        super().__init__(workspace, publish, f"项目改名为“{name.strip()}”")
        self.table_id, self.name = table_id, name
        self.old = workspace.performance.table(table_id).name

    def do(self) -> Changes:
        return self.book.rename(self.table_id, self.name)

    def revert(self) -> Changes:
        return self.book.rename(self.table_id, self.old)


class RemoveProject(_PerfCommand):
    """A project's table taken off with everything in it; undo puts it back under the same id."""

    def __init__(self, workspace, publish, table_id: int):
        super().__init__(workspace, publish, f"删除项目“{workspace.performance.table(table_id).name}”")
        self.table_id = table_id
        self.removed = None  # the PerfTable the core took off, for it to restore

    def do(self) -> Changes:
        changes = self.book.remove(self.table_id)
        self.removed = changes.removed
        return changes

    def revert(self) -> Changes:
        return self.book.restore(self.removed)


class AddPerfRow(_PerfCommand):
    def __init__(self, workspace, publish, table_id: int, block: str, after: str | None):
        super().__init__(workspace, publish, "增加指标行" if block == "指标" else f"增加{block}行")
        self.table_id, self.block, self.after = table_id, block, after
        self.row: str | None = None

    def do(self) -> Changes:
        changes = self.book.add_row(self.table_id, self.block, self.after)
        (self.row,) = changes.added
        return changes

    def revert(self) -> Changes:
        return self.book.remove_row(self.table_id, self.row)


class RemovePerfRow(_PerfCommand):
    def __init__(self, workspace, publish, table_id: int, row: str):
        book = workspace.performance
        super().__init__(workspace, publish, f"删除{book.row_label(book.table(table_id), row)}")
        self.table_id, self.row = table_id, row
        self.removed = None  # the RemovedRow the core took off, for it to restore

    def do(self) -> Changes:
        changes = self.book.remove_row(self.table_id, self.row)
        self.removed = changes.removed
        return changes

    def revert(self) -> Changes:
        return self.book.restore_row(self.removed)
