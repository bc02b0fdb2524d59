"""What the workbook a workspace was imported from lacked (tables, columns) or printed and the import
could not place (unread figures): the cells not known because of them, and their ending."""

from __future__ import annotations

from desktop.core.changes import Changes
from desktop.core.structure import NOTE_COLUMN
from desktop.core.unread import Unread, covering


class ImportGaps:
    """The gaps part of Workspace, which holds `absent`, `unread`, `unknown`, `damaged`, `engine`,
    `structure`, `values` and `store`."""

    def _mark_unknown(self) -> None:
        """The damaged cells, the cells of absent tables and columns, the cells an unread figure may be,
        and the totals computed from them, in place (the engine shares the set)."""
        self.unknown.clear()
        seeds = set(self.damaged)
        if self.absent or self.unread:
            engine = self.engine
            forms = {form for form, _ in self.absent} | {u.form for u in self.unread}
            # A rule may read a row the table would have had (a 科目 it never printed, or printed unread).
            cells = {ref for form in forms for ref in self.structure.value_cells(form)} | {
                ref for inst in engine.instances for ref in inst.reads if ref.form in forms and ref.col != NOTE_COLUMN
            }
            unread = covering(self.unread)
            seeds |= {ref for ref in cells if engine.is_absent(ref) or unread(ref)}
        for ref in seeds:
            self.unknown.add(ref)
            self.unknown |= {c for c in self.values.affected_by(ref) if not self.values.is_typed(c)}

    def missing_tables(self) -> list[str]:
        """The required tables the imported workbook lacked."""
        return [f.id for f in self.structure.active if f.published and (f.id, "") in self.absent]

    def unchecked(self) -> list[dict]:
        """The rules not evaluated because a figure they read is absent, unread or damaged, with why."""
        return self.engine.unchecked()

    def set_unread(self, unread: list[Unread]) -> Changes:
        """Records the figures the imported workbook printed and the import could not place (replacing
        what was recorded), in one write."""
        unread = list(dict.fromkeys(u for u in unread if u.form in self.forms))
        if unread == self.unread:
            return Changes()
        now, then = set(unread), set(self.unread)
        with self.store.transaction():
            self.store.set_unread([u for u in self.unread if u not in now], False)
            self.store.set_unread([u for u in unread if u not in then], True)
        return self._absence_changed(self.absent, unread)

    def restore_ended(self, ended: set) -> Changes:
        """Undoing what ended an absence or an unread figure's wait (a first figure typed) restores it."""
        if not ended:
            return Changes()
        unread = [e for e in ended if isinstance(e, Unread)]
        absent = set(ended) - set(unread)
        return (self.set_absent(self.absent | absent) if absent else Changes()) | (
            self.set_unread(self.unread + unread) if unread else Changes())

    def set_absent(self, absent: set[tuple[str, str]]) -> Changes:
        """Records what the imported workbook lacked (replacing what was recorded), in one write."""
        absent = set(absent)
        if absent == self.absent:
            return Changes()
        with self.store.transaction():
            for form, col in sorted(self.absent - absent):
                self.store.set_absent(form, col, False)
            for form, col in sorted(absent - self.absent):
                self.store.set_absent(form, col, True)
        return self._absence_changed(absent)

    def _absence_changed(self, absent: set[tuple[str, str]], unread: list[Unread] | None = None) -> Changes:
        before = set(self.unknown)
        unread = self.unread if unread is None else unread
        ended: set = (self.absent - absent) | (set(self.unread) - set(unread))
        self.absent.clear()
        self.absent |= absent
        self.unread[:] = unread  # in place: the engine shares the list
        self._mark_unknown()
        return Changes(cells=before ^ self.unknown, findings=self.engine.rerun_all(), absences=True, ended=ended)

    def _made_present(self, refs) -> set[tuple[str, str]]:
        """The absences a figure typed into these cells (or a 空表说明) ends."""
        refs = list(refs)
        return {
            a for a in self.absent for ref in refs
            if a[0] == ref.form and (a[1] == "" or a[1] == ref.col)
        }
