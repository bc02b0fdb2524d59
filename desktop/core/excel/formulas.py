"""Totals saved as formulas with no value (what openpyxl and other programs write; Excel would
calculate them on opening), computed from the sheet: SUM over cells and ranges, + and − of cells,
numbers and brackets, formulas that name other such formulas. Nothing else is guessed: a formula
with anything more (another sheet, ×, ÷, a function other than SUM, a cycle, a text operand) is
left uncomputed, and the reader names its cell.

A small evaluator rather than a library: the calculation libraries for Python (formulas, pycel)
pull in numpy and dozens of functions to compute two; this grammar is all a 决算 total needs.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?[0-9]+:\$?[A-Z]{1,3}\$?[0-9]+)|(?P<ref>\$?[A-Z]{1,3}\$?[0-9]+)"
                    r"|(?P<number>[0-9]+(?:\.[0-9]*)?(?:[Ee][+-]?[0-9]+)?)|(?P<sum>SUM\()|(?P<op>[-+(),]))", re.IGNORECASE)
_ADDRESS = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+)", re.IGNORECASE)


# Cells all the SUM ranges of one sheet may visit: a hundred times a 决算 workbook's.
BUDGET = 2_000_000


class Uncomputed(Exception):
    """A formula outside what this evaluator computes."""


def compute(formulas: dict[tuple[int, int], str], values: dict[tuple[int, int], object]) -> dict[tuple[int, int], Decimal]:
    """The value of each formula it can compute, by (row, column); `values` are the sheet's other
    non-empty cells."""
    sheet = _Sheet(formulas, values)
    for at in formulas:
        try:
            sheet.value_of(at)
        except Uncomputed:
            pass
    return {at: v for at, v in sheet.done.items() if v is not None}


class _Sheet:
    """The cells formulas read, and each formula's value once computed (None: cannot be)."""

    def __init__(self, formulas: dict, values: dict):
        self.formulas, self.values = formulas, values
        self.done: dict[tuple[int, int], Decimal | None] = {}
        self.budget = BUDGET

    def value_of(self, at: tuple[int, int]) -> Decimal:
        if at not in self.formulas:
            return _number(self.values.get(at))
        if at not in self.done:
            self.done[at] = None  # being computed: a reference back to it is a cycle
            try:
                self.done[at] = _Expression(self.formulas[at], self).value()
            except (Uncomputed, InvalidOperation, RecursionError):
                pass
        if self.done[at] is None:
            raise Uncomputed(at)
        return self.done[at]

    def range_sum(self, first: tuple[int, int], last: tuple[int, int]) -> Decimal:
        rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
        cols = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
        # The rectangle's cells or the sheet's, whichever are fewer: a range over a whole column
        # costs what the sheet holds, and all ranges together no more than a budget.
        if len(rows) * len(cols) <= len(self.values) + len(self.formulas):
            inside = [(r, c) for r in rows for c in cols]
        else:
            inside = [at for at in (*self.values, *self.formulas) if at[0] in rows and at[1] in cols]
        self.budget -= len(inside)
        if self.budget < 0:
            raise Uncomputed("too many cells")
        total = Decimal(0)
        for at in inside:
            total += self.value_of(at) if at in self.formulas else _number(self.values.get(at), in_range=True)
        return total


def _number(value, in_range: bool = False) -> Decimal:
    """A referenced cell's value: a blank is 0; inside a SUM range text and TRUE/FALSE count for
    nothing, as in Excel; referenced alone they cannot be added."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        if in_range:
            return Decimal(0)
        raise Uncomputed(value)
    return value if isinstance(value, Decimal) else Decimal(repr(value))


class _Expression:
    """One formula's text parsed and computed at once (recursive descent over its tokens)."""

    def __init__(self, text: str, sheet: _Sheet):
        text = text.lstrip("=")
        self._tokens, at = [], 0
        while at < len(text.rstrip()):
            m = _TOKEN.match(text, at)
            if m is None:
                raise Uncomputed(text)
            self._tokens.append((m.lastgroup, m.group(m.lastgroup)))
            at = m.end()
        self._at, self._sheet = 0, sheet

    def value(self) -> Decimal:
        result = self._sum()
        if self._at != len(self._tokens):
            raise Uncomputed("trailing")
        return result

    def _next(self):
        token = self._tokens[self._at] if self._at < len(self._tokens) else (None, None)
        self._at += 1
        return token

    def _peek(self, *ops: str) -> bool:
        return self._at < len(self._tokens) and self._tokens[self._at] in [("op", o) for o in ops]

    def _sum(self) -> Decimal:
        total = self._term()
        while self._peek("+", "-"):
            sign = self._next()[1]
            total = total + self._term() if sign == "+" else total - self._term()
        return total

    def _term(self) -> Decimal:
        kind, text = self._next()
        if (kind, text) in (("op", "-"), ("op", "+")):
            return -self._term() if text == "-" else self._term()
        if kind == "number":
            return Decimal(text)
        if kind == "ref":
            return self._sheet.value_of(_address(text))
        if (kind, text) == ("op", "("):
            inner = self._sum()
            if self._next() != ("op", ")"):
                raise Uncomputed("bracket")
            return inner
        if kind == "sum":
            return self._function_sum()
        raise Uncomputed(text)

    def _function_sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            if self._at < len(self._tokens) and self._tokens[self._at][0] == "range":
                total += self._range(self._next()[1])
            else:
                total += self._sum()
            kind, text = self._next()
            if text == ")":
                return total
            if text != ",":
                raise Uncomputed("SUM")

    def _range(self, text: str) -> Decimal:
        first, last = (_address(part) for part in text.split(":"))
        return self._sheet.range_sum(first, last)


def _address(text: str) -> tuple[int, int]:
    letters, row = _ADDRESS.fullmatch(text).groups()
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return int(row), column
