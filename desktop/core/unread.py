"""A figure an imported workbook printed that the import could not place, and the cells it may be.

The checks never compare with a figure the workspace lacks: the cells an unread figure may belong
to are not known (their rules wait as 未核对) until the user types the figure or says the
table is complete.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SHEET_CELL = re.compile(r"“(.+)”工作表 ([A-Z]+[0-9]+)")


class Unread(NamedTuple):
    form: str
    row: str  # '' when the row is not known (a label nothing names)
    col: str  # '' when the column is not known
    place: str  # where the workbook prints it: “Sheet4”工作表 F30
    figure: str  # as printed

    @property
    def said(self) -> str:
        """“Sheet4”工作表 F30 的 1.21"""
        return f"{self.place} 的 {self.figure}"


def _scopes(form: str, row: str, col: str) -> tuple[tuple[str, str, str], ...]:
    """The (form, row, col) an unread figure of this cell is recorded under: its row or column '' when not known."""
    return (form, "", ""), (form, row, ""), (form, "", col), (form, row, col)


def covering(unread: list[Unread]):
    """The first of these figures (in their order) that a cell (form, row, col) may be, or None: looked up by
    its scopes, not by walking the list, for it is asked of every cell a rule reads after each edit."""
    first: dict[tuple[str, str, str], tuple[int, Unread]] = {}
    for i, u in enumerate(unread):
        first.setdefault(u[:3], (i, u))

    def at(ref):
        found = [first[scope] for scope in _scopes(*ref) if scope in first]
        return min(found)[1] if found else None
    return at


def covered(unread: list[Unread], cells) -> list[Unread]:
    """The figures any of these cells (form, row, col) may be."""
    scopes = {scope for cell in cells for scope in _scopes(*cell)}
    return [u for u in unread if u[:3] in scopes]


def printed_at(sheet: str, cell: str) -> str:
    """Where a workbook prints a figure, as the user finds it: “Sheet4”工作表 F30."""
    return f"“{sheet}”工作表 {cell}"


def sheet_cell(place: str) -> tuple[str, str] | None:
    """The sheet and cell of a place `printed_at` wrote; None for another (a PDF's page and line)."""
    m = _SHEET_CELL.fullmatch(place)
    return (m.group(1), m.group(2)) if m else None
