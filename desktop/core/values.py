"""Cell values: what the user typed, and totals computed from their parts where nothing is typed."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.definitions.loader import FormDefinitionError


class Shown(dict):
    """Every cell's figure as shown, worked out when first asked: what is typed there, else its total
    computed from its parts, else None. A plain dict lookup once known: the checks read figures in their
    inner loop."""

    __slots__ = ("typed", "rules")

    def __init__(self, typed: dict[CellRef, Decimal], rules: dict[CellRef, tuple[CellRef, ...]]):
        super().__init__()
        self.typed = typed
        self.rules = rules

    def __missing__(self, ref: CellRef) -> Decimal | None:
        if ref in self.typed:
            total = self.typed[ref]
        else:
            total = None
            for part in self.rules.get(ref, ()):
                value = self[part]
                if value is not None:
                    total = value if total is None else total + value
        self[ref] = total
        return total


class CellValues:
    def __init__(self, typed: dict[CellRef, Decimal], rules: dict[CellRef, tuple[CellRef, ...]]):
        self.typed = typed
        self.rules = rules
        self.shown = Shown(typed, rules)
        self._dependents: dict[CellRef, set[CellRef]] = {}
        for target, parts in rules.items():
            for part in parts:
                self._dependents.setdefault(part, set()).add(target)
        self._reject_cycles()

    def _reject_cycles(self) -> None:
        state: dict[CellRef, int] = {}

        def visit(ref: CellRef) -> None:
            state[ref] = 1
            for part in self.rules.get(ref, ()):
                if state.get(part) == 1:
                    raise FormDefinitionError(f"计算公式循环引用：{ref.form} {ref.row} {ref.col}")
                if part not in state:
                    visit(part)
            state[ref] = 2

        for target in self.rules:
            if target not in state:
                visit(target)

    def get(self, ref: CellRef) -> Decimal | None:
        return self.shown[ref]

    def is_typed(self, ref: CellRef) -> bool:
        return ref in self.typed

    def is_computed(self, ref: CellRef) -> bool:
        """A total shown from its parts because nothing is typed there."""
        return ref in self.rules and ref not in self.typed

    def can_compute(self, ref: CellRef) -> bool:
        return ref in self.rules

    def formula(self, ref: CellRef) -> tuple[CellRef, ...]:
        return self.rules.get(ref, ())

    def affected_by(self, ref: CellRef) -> set[CellRef]:
        """The cell and every total computed, directly or not, from it."""
        seen = {ref}
        stack = [ref]
        while stack:
            for target in self._dependents.get(stack.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def set_typed(self, ref: CellRef, value: Decimal | None) -> set[CellRef]:
        """Type a figure (None clears it); returns the cells whose shown value may change."""
        if value is None:
            self.typed.pop(ref, None)
        else:
            self.typed[ref] = value
        affected = self.affected_by(ref)
        for cell in affected:
            self.shown.pop(cell, None)
        return affected
