"""One write's change record: what every view may need to refresh, and what undo needs to put it back;
and the refusal of a write (EditError).

Every mutating method of the workspace returns one `Changes`, whatever it wrote, so a caller
hands it on whole (the window's one `publish`) instead of knowing which part to look at.
"""

from __future__ import annotations

from typing import Any, Callable

from desktop.core.definitions import CellRef


class FindingsDelta:
    """What a re-check changed: keys of findings that appeared, went away or changed."""

    __slots__ = ("added", "removed", "changed")

    def __init__(self, added: set[str] | None = None, removed: set[str] | None = None,
                 changed: set[str] | None = None):
        self.added = set() if added is None else added
        self.removed = set() if removed is None else removed
        self.changed = set() if changed is None else changed

    def __eq__(self, other) -> bool:
        return isinstance(other, FindingsDelta) and (self.added, self.removed, self.changed) == (
            other.added, other.removed, other.changed)

    def __repr__(self) -> str:
        return f"FindingsDelta(added={self.added!r}, removed={self.removed!r}, changed={self.changed!r})"

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __or__(self, other: "FindingsDelta") -> "FindingsDelta":
        """Two re-checks one after the other, as one: a key that came and went is gone."""
        added = (self.added - other.removed) | (other.added - self.removed)
        removed = (self.removed - other.added) | (other.removed - self.added)
        changed = (self.changed | other.changed | (self.removed & other.added)) - added - removed
        return FindingsDelta(added, removed, changed)


class EditError(ValueError):
    """An edit the workspace refuses; the message is Chinese and names form, row and column."""


class Changes:
    """One write's record. A plain class, not a dataclass: the import path loads no dataclasses (building
    one compiles six methods at start)."""

    __slots__ = ("cells", "findings", "structure", "absences", "ended", "unit", "empty_notes", "explanations",
                 "texts", "performance", "added", "removed", "remarks")

    def __init__(
        self, *, cells: set[CellRef] | None = None, findings: FindingsDelta | None = None, structure: bool = False,
        absences: bool = False, ended: set[tuple[str, str]] | None = None, unit: set[str] | None = None,
        empty_notes: set[str] | None = None, explanations: set[str] | None = None, texts: set[str] | None = None,
        performance: set[int] | None = None, added: list[str] | None = None, removed: Any = None,
        remarks: list[str] | None = None,
    ):
        # Cells whose shown value may differ (typed, or a total computed from them).
        self.cells = set() if cells is None else cells
        # Findings of the tables' checks that came, went or changed.
        self.findings = FindingsDelta() if findings is None else findings
        # Rows came or went, or which forms are active: every form and finding is read afresh.
        self.structure = structure
        # Tables or columns the imported workbook lacked that were filled, or are absent again.
        self.absences = absences
        # The absences this write ended (a first figure or 空表说明 in an absent table): undo restores them.
        self.ended = set() if ended is None else ended
        self.unit = set() if unit is None else unit  # unit fact keys
        self.empty_notes = set() if empty_notes is None else empty_notes  # form ids whose 空表说明 changed
        self.explanations = set() if explanations is None else explanations  # finding keys whose 出错说明 changed
        self.texts = set() if texts is None else texts  # free text keys (the 情况说明, its sections)
        # 绩效自评表 ids: cells, rows, name, or it came or went.
        self.performance = set() if performance is None else performance
        # What came into being, for undo to take away: 科目 codes, or a 绩效 table's new row keys.
        self.added = [] if added is None else added
        # What went, for undo to put back: RemovedRows, a PerfTable or a RemovedRow.
        self.removed = removed
        # How typed 绩效 rates were read (“0.5745” as 57.45%), for the user to see.
        self.remarks = [] if remarks is None else remarks

    def __or__(self, later: "Changes") -> "Changes":
        """This write followed by `later`, as one record (a command that writes twice)."""
        return Changes(
            cells=self.cells | later.cells,
            findings=self.findings | later.findings,
            structure=self.structure or later.structure,
            absences=self.absences or later.absences,
            ended=self.ended | later.ended,
            unit=self.unit | later.unit,
            empty_notes=self.empty_notes | later.empty_notes,
            explanations=self.explanations | later.explanations,
            texts=self.texts | later.texts,
            performance=self.performance | later.performance,
            added=self.added + later.added,
            removed=later.removed if later.removed is not None else self.removed,
            remarks=self.remarks + later.remarks,
        )


def read_afresh() -> Changes:
    """The workspace read itself back from its file (a write rolled back): every view reads it all again."""
    return Changes(structure=True, absences=True)


def all_or_nothing(ws, write: Callable[[], Changes]) -> Changes:
    """`write` on the workspace in one transaction: all of it lands or nothing does, and on a failure
    part-way the figures in memory follow the file back to where they were."""
    try:
        with ws.store.transaction():
            return write()
    except BaseException:
        ws.reload()
        raise
