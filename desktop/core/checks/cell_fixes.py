"""Which editable cells count in which failed equations, kept between re-checks: the index one_cause asks.

An equation on a total depends on every 项 below it, thousands in a large workspace; what each equation
counts (EquationLeaves) and which errors each cell counts in (CellFixes) are worked out once and moved
only for the errors that come or go, or whose totals were typed over or given back.
"""

from __future__ import annotations

from collections import defaultdict

from desktop.core.definitions import CellRef

Members = frozenset[tuple[str, int]]  # (error key, sign): the errors a cell counts in, and how
NONE: Members = frozenset()


class CellFixes:
    """The editable cells behind the failed equations, grouped by which equations each one counts in and
    with which sign: kept between re-checks and moved only for the errors that came or went. An equation
    on a total depends on every 项 below it, thousands in a large workspace, and those 项 form one group."""

    def __init__(self, leaves: "EquationLeaves"):
        self.leaves = leaves
        self._members: dict[CellRef, Members] = {}  # cell -> (error key, sign)
        self._groups: dict[Members, set[CellRef]] = {}
        self._held: set[str] = set()
        self._groups_of: dict[str, set[Members]] = {}  # error key -> the groups it is a member of
        self._changed: set[Members] = set()  # groups whose cells changed: see take_changed

    def forget(self, expansions: bool) -> None:
        """A full run: every error is held afresh, and (`expansions`) every equation expanded afresh."""
        if expansions:
            self.leaves.forget()
        self._members.clear()
        self._groups.clear()
        self._groups_of.clear()
        self._held.clear()
        self._changed.clear()

    def hold(self, entering: set[str], leaving: set[str]) -> None:
        """Errors that came (or became mergeable) and went since the last re-check."""
        for key in leaving & self._held:
            self._move(key, drop=True)
        for key in entering - self._held:
            self._move(key, drop=False)

    def expand_again(self, keys: set[str], cells: set[CellRef]) -> None:
        """The equations `keys` count other cells now that `cells` (a total and those computed from it)
        were typed over or given back: their errors move to the cells they count now."""
        held = keys & self._held
        for key in held:
            self._move(key, drop=True)
        self.leaves.forget_some(keys, cells)
        for key in held:
            self._move(key, drop=False)

    @property
    def held(self) -> set[str]:
        return self._held

    def group(self, members: Members) -> set[CellRef]:
        """The cells counting in exactly these errors with these signs (none once the group is gone)."""
        return self._groups.get(members, set())

    def groups_of(self, key: str) -> set[Members]:
        """The groups a held error is a member of: its difference changed, so what they offer may have."""
        return self._groups_of.get(key, set())

    def take_changed(self) -> set[Members]:
        """The groups that gained or lost cells (or came or went) since last asked."""
        changed, self._changed = self._changed, set()
        return changed

    def _move(self, key: str, drop: bool) -> None:
        (self._held.discard if drop else self._held.add)(key)
        members, groups = self._members, self._groups
        plus, minus = self.leaves(key)
        for refs, sign in ((plus, 1), (minus, -1)):
            # Cells with the same errors move to the same group: each move is worked out once.
            moves: dict[Members, Members] = {}
            for ref in refs:
                old = members.get(ref, NONE)
                new = moves.get(old)
                if new is None:
                    new = moves[old] = old - {(key, sign)} if drop else old | {(key, sign)}
                if old:
                    group = groups[old]
                    group.discard(ref)
                    if not group:
                        self._ungroup(old)
                if new:
                    members[ref] = new
                    group = groups.get(new)
                    if group is None:
                        group = self._group(new)
                    group.add(ref)
                else:
                    del members[ref]
            self._changed.update(moves)
            self._changed.update(moves.values())
        self._changed.discard(NONE)

    def _group(self, members: Members) -> set[CellRef]:
        group = self._groups[members] = set()
        for key, _ in members:
            self._groups_of.setdefault(key, set()).add(members)
        return group

    def _ungroup(self, members: Members) -> None:
        del self._groups[members]
        for key, _ in members:
            of = self._groups_of[key]
            of.discard(members)
            if not of:
                del self._groups_of[key]


class EquationLeaves:
    """What each equation's difference depends on: the editable cells behind its terms, with how many
    times (and with which sign) each one counts. Kept between edits; a total typed over or given back to
    its computation changes the expansion, so `forget_some` drops what went through it then."""

    def __init__(self, instances: dict, values, structure):
        self.instances = instances
        self.values = values
        self.structure = structure
        self._by_key: dict[str, tuple[list[CellRef], list[CellRef]]] = {}
        self._by_cell: dict[CellRef, dict[CellRef, int]] = {}

    def forget(self) -> None:
        self._by_key.clear()
        self._by_cell.clear()

    def forget_some(self, keys: set[str], cells: set[CellRef]) -> None:
        for key in keys:
            self._by_key.pop(key, None)
        for ref in cells:
            self._by_cell.pop(ref, None)

    def __call__(self, key: str) -> tuple[list[CellRef], list[CellRef]]:
        """The cells counting once with a plus sign, and once with a minus sign."""
        if key not in self._by_key:
            inst = self.instances[key]
            total: dict[CellRef, int] = defaultdict(int)
            for sign, terms in ((1, inst.lhs), (-1, inst.rhs)):
                for term_sign, ref in terms:
                    for leaf, count in self._of(ref).items():
                        total[leaf] += sign * term_sign * count
            self._by_key[key] = (
                [ref for ref, c in total.items() if c == 1], [ref for ref, c in total.items() if c == -1]
            )
        return self._by_key[key]

    def _of(self, ref: CellRef) -> dict[CellRef, int]:
        if not self.values.is_computed(ref):
            return {ref: 1} if self.structure.is_cell(ref) else {}
        if ref not in self._by_cell:
            total: dict[CellRef, int] = defaultdict(int)
            for part in self.values.formula(ref):
                for leaf, count in self._of(part).items():
                    total[leaf] += count
            self._by_cell[ref] = dict(total)
        return self._by_cell[ref]
