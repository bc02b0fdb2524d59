"""Tables not filled yet: a comparison with a table that has no figure and no 空表说明 is a 提示, not an 错误.

While a workspace is being filled, the tables the user has not reached yet are blank; comparing the table
filled first with them would paint it red for the other table's absence. A table declared empty (its
空表说明) is filled — empty on purpose — and compares as usual; a table an imported workbook lacked is
absent, which the engine reports separately and does not compare at all.
"""

from __future__ import annotations

from desktop.core.structure import NOTE_COLUMN

UNFILLED_SEVERITY = "提示"


class UnfilledTables:
    """Which published tables are still entirely blank, kept current edit by edit."""

    def __init__(self, structure, values, notes, instances):
        self.structure = structure
        self.values = values
        self.notes = notes
        self.forms: set[str] = set()
        # The cross-table equations reading each table: their severity turns when the table is first filled.
        self.readers: dict[str, list] = {}
        for inst in instances:
            read = self.forms_read(inst)
            if len(read) > 1:
                for form in read:
                    self.readers.setdefault(form, []).append(inst)

    def forms_read(self, inst) -> set[str]:
        if inst.check.kind != "equation":
            return set()
        return {
            ref.form for ref in inst.reads
            if ref.col != NOTE_COLUMN and self.structure.forms[ref.form].published
        }

    def refresh_all(self) -> None:
        self.forms = {form for form in self.readers if self._blank(form)}

    def refresh(self, cells) -> list:
        """After an edit of these cells: the instances to re-run because a table became filled or blank."""
        rerun = []
        typed = self.values.typed
        for form in {ref.form for ref in cells} & set(self.readers):
            mine = [ref for ref in cells if ref.form == form]
            filled_here = any(ref in typed for ref in mine)
            noted = any(ref.col == NOTE_COLUMN for ref in mine)
            if not noted and filled_here != (form in self.forms):
                continue  # a figure typed into a filled table, or a blank one still without any
            blank = self._blank(form)
            if blank != (form in self.forms):
                (self.forms.add if blank else self.forms.discard)(form)
                rerun += self.readers[form]
        return rerun

    def among(self, inst) -> list[str]:
        """The tables this cross-table equation reads that are not filled yet (none for a one-table rule)."""
        if not self.forms or inst.check.kind != "equation":
            return []
        read = self.forms_read(inst)
        return sorted(read & self.forms) if len(read) > 1 else []

    def _blank(self, form: str) -> bool:
        if self.notes.get(form, "").strip():
            return False
        typed = self.values.typed
        return not any(ref in typed for ref in self.structure.value_cells(form))
