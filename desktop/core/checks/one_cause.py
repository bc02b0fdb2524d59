"""One wrong figure, one finding: failed equations that a single cell explains are reported once, naming it.

A mistyped total breaks every rule that reads it (its row's sum, its column's sum, the other table's
matching figure). A cell explains a failed equation when changing that cell alone, to one value, makes the
equation hold (exactly, or within its 尾差). When one cell, and no other, explains two or more failed
equations with the same value, those findings become one that names the cell and lists the rules; every
other finding stays as it was, so an independent error is never folded into someone else's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from desktop.core.checks.findings import Finding, cell_of
from desktop.core.definitions import CellRef
from desktop.core.money import format_amount


def merged_findings(errors, leaves, values, structure, exact: bool) -> list[tuple[Finding, tuple[str, ...]]]:
    """The findings that replace groups of errors explained by one cell, each with the keys it replaces.

    `errors` are failed "=" equations (错误, not 尾差); `leaves(key)` gives the editable cells each one's
    difference depends on once, with a plus sign and with a minus sign.
    """
    # For each cell, the value that would make each failed equation hold exactly, and how far from it the
    # equation still holds as 尾差 (its parts are rounded figures).
    fixes: dict[CellRef, list[tuple[Decimal, Decimal, str]]] = defaultdict(list)
    for finding in errors:
        slack = Decimal(0) if exact else (finding.tolerance or Decimal(0))
        option = (finding.difference, slack, finding.key)
        negated = (-finding.difference, slack, finding.key)
        plus, minus = leaves(finding.key)
        for ref in plus:
            fixes[ref].append(option)
        for ref in minus:
            fixes[ref].append(negated)
    explains: dict[tuple[CellRef, Decimal], tuple[frozenset[str], Decimal]] = {}
    for ref, options in fixes.items():
        if len(options) < 2:
            continue
        current = values.get(ref) or Decimal(0)
        for change, own_slack, _ in options:
            keys = frozenset(key for other, slack, key in options if abs(other - change) <= slack)
            fixed = current - change
            if len(keys) > 1 and own_slack <= explains.get((ref, fixed), (None, own_slack))[1]:
                explains[(ref, fixed)] = (keys, own_slack)
    # Most rules first; among values fixing the same rules, the one exact for the strictest rule (a
    # one-figure comparison) rather than one that leaves a 尾差 there.
    ranked = sorted(
        ((keys, ref, fixed, slack) for (ref, fixed), (keys, slack) in explains.items()),
        key=lambda g: (-len(g[0]), g[1].form, g[1].row, g[1].col, g[3], g[2]),
    )
    containing: dict[str, list[tuple[frozenset[str], CellRef]]] = defaultdict(list)
    for keys, ref, _, _ in ranked:
        for key in keys:
            containing[key].append((keys, ref))
    by_key = {f.key: f for f in errors}
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
    return replace(
        members[0], message=message, cells=(cell,), expected=fixed, actual=actual, difference=actual - fixed,
        tolerance=None, covers=tuple(f.key for f in members),
    )


class EquationLeaves:
    """What each equation's difference depends on: the editable cells behind its terms, with how many
    times (and with which sign) each one counts. Kept between edits; a total typed over or given back to
    its computation changes the expansion, so `forget` drops it then."""

    def __init__(self, instances: dict, values, structure):
        self.instances = instances
        self.values = values
        self.structure = structure
        self._by_key: dict[str, tuple[list[CellRef], list[CellRef]]] = {}
        self._by_cell: dict[CellRef, dict[CellRef, int]] = {}

    def forget(self) -> None:
        self._by_key.clear()
        self._by_cell.clear()

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
