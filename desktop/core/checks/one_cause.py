"""One wrong figure, one finding: failed equations that a single cell explains are reported once, naming it.

A mistyped total breaks every rule that reads it (its row's sum, its column's sum, the other table's
matching figure). A cell explains a failed equation when changing that cell alone, to one value, makes the
equation hold (exactly, or within its 尾差). When one cell, and no other, explains two or more failed
equations with the same value, those findings become one that names the cell and lists the rules; every
other finding stays as it was, so an independent error is never folded into someone else's.

Each group of cells (CellFixes: the cells counting in the same errors with the same signs) makes offers:
a set of errors that one value of its cell would fix. Only the groups an edit changed are asked again, and
only the errors linked to them through offers are merged again; random figures leave hundreds of errors
that share cells, but few that one value fixes together.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from desktop.core.checks.cell_fixes import CellFixes, Members
from desktop.core.checks.findings import CellNames, Finding
from desktop.core.definitions import CellRef
from desktop.core.money import format_amount

ZERO = Decimal(0)


class Offer(NamedTuple):
    """Errors one value of a cell would fix; `ref` None when two or more cells would alike (naming one
    would be a guess), so the offer only stands in the way of others."""

    keys: frozenset[str]
    ref: CellRef | None
    fixed: Decimal | None  # the value that fixes them
    slack: Decimal | None  # how far from it the strictest of them still holds as 尾差


class OneCause:
    """The offers of every group of cells, kept between re-checks, and the errors they merge."""

    def __init__(self, fixes: CellFixes, values, cell_names: CellNames, exact: bool):
        self.fixes = fixes
        self.values = values
        self.cell_names = cell_names
        self.exact = exact  # 元 workspaces: no 尾差 slack
        self._offers: dict[Members, list[Offer]] = {}
        # Error key -> the offers naming it, each with how many groups make it (alike offers can repeat).
        self._naming: dict[str, dict[Offer, int]] = {}

    def forget(self) -> None:
        self._offers.clear()
        self._naming.clear()

    def merge(self, raw: dict[str, Finding], order: dict[str, int], stay: set[str],
              touched: set[str]) -> tuple[list[tuple[Finding, tuple[str, ...]]], set[str]]:
        """After the raw findings `touched` changed (or came to count other cells): the merged findings of
        the errors whose offers changed or that are linked to them through offers, each with the keys it
        stands for, and all those keys.

        `order` is the raw findings' order (equal changes written alike keep the first's digits); `stay`
        are the touched errors that stayed held, whose groups' offers may differ with their difference.
        """
        changed = self.fixes.take_changed()
        for key in stay:
            if key in self._naming or self._near(key, raw):
                changed |= self.fixes.groups_of(key)
        linked = set(touched)
        for members in changed:
            refs = self.fixes.group(members)
            offers = _offers(members, refs, raw, order, self.values, self.exact) if len(members) > 1 and refs else []
            before = self._offers.pop(members, [])
            if offers:
                self._offers[members] = offers
            if _same(offers, before):
                continue  # what the errors it names merge into stands, unless one of them was touched
            for offer in before:
                linked |= offer.keys
                self._name(offer, -1)
            for offer in offers:
                linked |= offer.keys
                self._name(offer, 1)
        region = self._linked(linked)
        return self._best(region, raw), region

    def _near(self, key: str, raw: dict[str, Finding]) -> bool:
        """Whether an error sharing a cell with this one is off by about as much, either way: only then can
        one value of that cell fix both, so an error no offer named, near no other, leaves its groups' offers
        as they were however its difference changed."""
        finding = raw[key]
        size, slack = abs(finding.difference), self._slack(finding)
        others = {other for members in self.fixes.groups_of(key) for other, _ in members}
        others.discard(key)
        return any(
            abs(abs(raw[other].difference) - size) <= max(slack, self._slack(raw[other])) for other in others
        )

    def _slack(self, finding: Finding) -> Decimal:
        return ZERO if self.exact else (finding.tolerance or ZERO)

    def _name(self, offer: Offer, step: int) -> None:
        for key in offer.keys:
            naming = self._naming.setdefault(key, {})
            count = naming.get(offer, 0) + step
            if count:
                naming[offer] = count
            else:
                del naming[offer]
                if not naming:
                    del self._naming[key]

    def _linked(self, keys: set[str]) -> set[str]:
        """The keys and every error linked to them through an offer naming both, and theirs in turn: what
        merging decides for one never depends on errors outside."""
        seen: set[str] = set()
        stack = list(keys)
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            for offer in self._naming.get(key, ()):
                stack += offer.keys - seen
        return seen

    def _best(self, region: set[str], raw: dict[str, Finding]) -> list[tuple[Finding, tuple[str, ...]]]:
        naming = self._naming
        offers = {offer for key in region for offer in naming.get(key, ())}
        # Most rules first; among values fixing the same rules, the one exact for the strictest rule (a
        # one-figure comparison) rather than one that leaves a 尾差 there.
        ranked = sorted(
            (offer for offer in offers if offer.ref is not None),
            key=lambda o: (-len(o.keys), o.ref.form, o.ref.row, o.ref.col, o.slack, o.fixed),
        )
        taken: set[str] = set()
        out = []
        for keys, ref, fixed, _ in ranked:
            left = keys - taken
            if len(left) < 2:
                continue
            # Another cell that would fix the same rules as well: naming one would be a guess.
            rarest = min(left, key=lambda k: len(naming[k]))
            if any(other.ref != ref and left <= other.keys for other in naming[rarest]):
                continue
            taken |= left
            members = sorted((raw[k] for k in left), key=lambda f: f.key)
            out.append((_one(members, ref, fixed, self.values, self.cell_names), tuple(f.key for f in members)))
        return out


def _offers(members: Members, refs: set[CellRef], raw, order, values, exact: bool) -> list[Offer]:
    """What one group of cells offers: for each value of its cell, the errors it fixes (two or more)."""
    options = [
        (sign * raw[key].difference, ZERO if exact else (raw[key].tolerance or ZERO), key) for key, sign in members
    ]
    if not _close(options):
        return []
    options.sort(key=lambda option: order[option[2]])
    by_change: dict[Decimal, tuple[frozenset[str], Decimal]] = {}
    for change, own_slack, _ in options:
        keys = frozenset(key for other, slack, key in options if abs(other - change) <= slack)
        if len(keys) > 1 and own_slack <= by_change.get(change, (None, own_slack))[1]:
            by_change[change] = (keys, own_slack)
    if len(refs) > 1:
        return [Offer(keys, None, None, None) for keys, _ in by_change.values()]
    ref = next(iter(refs))
    current = values.get(ref) or ZERO
    return [Offer(keys, ref, current - change, slack) for change, (keys, slack) in by_change.items()]


def _same(offers: list[Offer], before: list[Offer]) -> bool:
    """The same offers, the values that fix them written alike (a merged finding gives that value)."""
    return offers == before and all(str(a.fixed) == str(b.fixed) for a, b in zip(offers, before))


def _close(options) -> bool:
    """Whether any two errors' changes are within one's slack: most groups have none, told by comparing
    neighbours in order of change instead of every pair."""
    slack = max(option[1] for option in options)
    changes = sorted(option[0] for option in options)
    return any(later - earlier <= slack for earlier, later in zip(changes, changes[1:]))


def _one(members: list[Finding], ref: CellRef, fixed: Decimal, values, cell_names: CellNames) -> Finding:
    cell = cell_names(ref, values.get(ref))
    actual = values.get(ref) or Decimal(0)
    row = cell_names.structure.row(ref.form, ref.row)
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
