"""The quantities a narrative may name: a figure with its cells, and a named item with its figures."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from desktop.core.definitions import CellRef


class Quantity(NamedTuple):
    """A figure in 万元 with the cells it comes from (each one a rounded addend)."""

    value: Decimal
    cells: tuple[CellRef, ...]

    @property
    def terms(self) -> int:
        return len(self.cells)


class Fact:
    """A quantity the narrative may name. A plain class, not a dataclass: building one costs every
    command's start (see changes.Changes); equal when every field is, as a dataclass was."""

    __slots__ = ("name", "actual", "budget", "last_year", "share_of", "group", "names", "all_funds", "economic",
                 "unfilled")

    def __init__(self, name: str, actual: Quantity | None = None, budget: Quantity | None = None,
                 last_year: Quantity | None = None, share_of: str | None = None, group: tuple[str, ...] = (),
                 names: tuple[str, ...] = (), all_funds: bool = False, economic: bool = False,
                 unfilled: tuple[str, ...] = ()):
        self.name = name
        self.actual = actual
        self.budget = budget
        self.last_year = last_year
        self.share_of = share_of
        self.group = group  # one name for several facts ("收入总计、支出总计")
        self.names = names  # every spelling, normalized
        # A figure of all funds: said bare inside a narrower funds scope (a 政府性基金 section) it is
        # that scope's figure, never this one.
        self.all_funds = all_funds
        self.economic = economic  # a 经济分类 款 of 公开06 (基本支出 only)
        self.unfilled = unfilled  # tables its figures come from that the user has not filled in yet

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other) -> bool:
        return self._fields() == other._fields() if other.__class__ is self.__class__ else NotImplemented
