"""One wrong figure, one finding: failed equations that a single cell explains are reported once, naming it.

A mistyped total breaks every rule that reads it (its row's sum, its column's sum, the other table's
matching figure). A cell explains a failed equation when changing that cell alone, to one value, makes the
equation hold (exactly, or within its 尾差). When one cell, and no other, explains two or more failed
equations with the same value, those findings become one that names the cell and lists the rules; every
other finding stays as it was, so an independent error is never folded into someone else's.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from desktop.core.checks.findings import Finding, cell_of
from desktop.core.definitions import CellRef
from desktop.core.money import format_amount


def merged_findings(errors, groups, values, structure, exact: bool) -> list[tuple[Finding, tuple[str, ...]]]:
    """The findings that replace groups of errors explained by one cell, each with the keys it replaces.

    `errors` are failed "=" equations (错误, not 尾差); `groups` (from CellFixes.groups) are the
    editable cells each one's difference depends on once, by the errors they count in with which signs.
    """
    by_key = {f.key: f for f in errors}
    order = {key: i for i, key in enumerate(by_key)}  # equal changes written alike (1 and 1.00) keep the first's
    # For each cell, the value that would make each failed equation hold exactly, and how far from it the
    # equation still holds as 尾差 (its parts are rounded figures). Cells of one group have the same
    # options: the sets of rules they explain are worked out once a group.
    explains: dict[tuple[CellRef, Decimal], tuple[frozenset[str], Decimal]] = {}
    alike: list[frozenset[str]] = []  # rules two or more cells explain alike: naming one would be a guess
    for members, refs in groups.items():
        options = [
            (sign * by_key[key].difference, Decimal(0) if exact else (by_key[key].tolerance or Decimal(0)), key)
            for key, sign in sorted(members, key=lambda member: order[member[0]])
        ]
        by_change: dict[Decimal, tuple[frozenset[str], Decimal]] = {}
        for change, own_slack, _ in options:
            keys = frozenset(key for other, slack, key in options if abs(other - change) <= slack)
            if len(keys) > 1 and own_slack <= by_change.get(change, (None, own_slack))[1]:
                by_change[change] = (keys, own_slack)
        if len(refs) > 1:
            alike += [keys for keys, _ in by_change.values()]
            continue
        ref = next(iter(refs))
        current = values.get(ref) or Decimal(0)
        for change, found in by_change.items():
            explains[(ref, current - change)] = found
    # Most rules first; among values fixing the same rules, the one exact for the strictest rule (a
    # one-figure comparison) rather than one that leaves a 尾差 there.
    ranked = sorted(
        ((keys, ref, fixed, slack) for (ref, fixed), (keys, slack) in explains.items()),
        key=lambda g: (-len(g[0]), g[1].form, g[1].row, g[1].col, g[3], g[2]),
    )
    containing: dict[str, list[tuple[frozenset[str], CellRef | None]]] = defaultdict(list)
    for keys, ref in [(keys, ref) for keys, ref, _, _ in ranked] + [(keys, None) for keys in alike]:
        for key in keys:
            containing[key].append((keys, ref))
    taken: set[str] = set()
    out = []
    for keys, ref, fixed, _ in ranked:
        left = keys - taken
        if len(left) < 2:
            continue
        # Another cell that would fix the same rules as well: naming one would be a guess.
        rarest = min(left, key=lambda k: len(containing[k]))
        if any(r != ref and left <= r_keys for r_keys, r in containing[rarest]):
            continue
        taken |= left
        members = sorted((by_key[k] for k in left), key=lambda f: f.key)
        out.append((_one(members, ref, fixed, values, structure), tuple(f.key for f in members)))
    return out


def _one(members: list[Finding], ref: CellRef, fixed: Decimal, values, structure) -> Finding:
    cell = cell_of(structure, ref, values.get(ref))
    actual = values.get(ref) or Decimal(0)
    row = structure.row(ref.form, ref.row)
    caption = row.caption if row else cell.row_label
    side = f" {cell.section}方" if cell.section else ""
    where = f"{ref.form}{side}「{caption}」行「{cell.column_label}」栏"
    rules = "；".join(f"{f.rule} {f.title}" for f in members)
    message = (
        f"{where}为 {format_amount(actual)}，若为 {format_amount(fixed)}，以下 {len(members)} 条审核都成立，"
        f"请核对这一格：{rules}。"
    )
    return members[0]._replace(
        message=message, cells=(cell,), expected=fixed, actual=actual, difference=actual - fixed,
        tolerance=None, covers=tuple(f.key for f in members),
    )


class CellFixes:
    """The editable cells behind the failed equations, grouped by which equations each one counts in and
    with which sign: kept between re-checks and moved only for the errors that came or went. An equation
    on a total depends on every 项 below it, thousands in a large workspace, and those 项 form one group."""

    def __init__(self, leaves: "EquationLeaves"):
        self.leaves = leaves
        self._members: dict[CellRef, frozenset[tuple[str, int]]] = {}  # cell -> (error key, sign)
        self._groups: dict[frozenset[tuple[str, int]], set[CellRef]] = {}
        self._held: set[str] = set()

    def forget(self, expansions: bool) -> None:
        """A full run: every error is held afresh, and (`expansions`) every equation expanded afresh."""
        if expansions:
            self.leaves.forget()
        self._members.clear()
        self._groups.clear()
        self._held.clear()

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

    def cluster(self, keys) -> set[str]:
        """The held errors linked to `keys` through a cell counting in both, and theirs in turn.

        A cell can only name errors it counts in, so what one cluster merges never depends on another:
        a re-check need merge again only the clusters its changed errors were or are in.
        """
        seen: set[str] = set()
        stack = [key for key in keys if key in self._held]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            for refs in self.leaves(key):
                for ref in refs:
                    stack += [other for other, _ in self._members.get(ref, ()) if other not in seen]
        return seen

    def groups(self, keys: set[str]) -> dict[frozenset[tuple[str, int]], set[CellRef]]:
        """For the held errors `keys` (whole clusters), the cells counting in two or more, by (key, sign)."""
        out = {}
        for key in keys & self._held:
            for refs in self.leaves(key):
                for ref in refs:
                    members = self._members[ref]
                    if len(members) > 1 and members not in out:
                        out[members] = self._groups[members]
        return out

    def _move(self, key: str, drop: bool) -> None:
        (self._held.discard if drop else self._held.add)(key)
        plus, minus = self.leaves(key)
        for refs, sign in ((plus, 1), (minus, -1)):
            for ref in refs:
                old = self._members.get(ref, frozenset())
                new = old - {(key, sign)} if drop else old | {(key, sign)}
                group = self._groups.get(old)
                if group is not None:
                    group.discard(ref)
                    if not group:
                        del self._groups[old]
                if new:
                    self._members[ref] = new
                    self._groups.setdefault(new, set()).add(ref)
                else:
                    self._members.pop(ref, None)


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
