"""What 查找 looks for and where it found it: the query as typed, a hit, and matching inside free text."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import NamedTuple

from desktop.core.definitions import CellRef
from desktop.core.labels import plain
from desktop.core.money import AmountError, parse_amount
from desktop.core.narrative.numbers import WAN_PER, Figure, normalize, read_figures

# Sub-cent figures (counts, rates) are compared at their own precision.
_QUERY_DECIMALS = 6


class Hit(NamedTuple):
    form: str  # the page: a 公开 form id, a 绩效 form id, or the 情况说明
    row: int  # body row of the printed grid (a 绩效 table's printed line), as the page shows it
    col: int
    text: str  # what the cell shows; in the 情况说明 the words matched
    ref: CellRef | None = None  # the figure cell, when the hit is an amount (any value cell of a 绩效 table)
    table: int | None = None  # the 绩效 table's id
    sheet: int = 0  # the 绩效 table's place on its page: 0 the first table, 1 the next project…
    start: int = 0  # in the 情况说明: where the match starts and ends in the text
    end: int = 0

    def place(self) -> tuple[int, int, int, int]:
        """Where the hit is on its page, in reading order."""
        return self.sheet, self.row, self.col, self.start


class Query(NamedTuple):
    text: str  # as labels compare: one width, no spaces
    amount: Decimal | None  # the query read as a figure, when it is one
    percent: bool = False  # typed with “%”: only rates are that figure

    @property
    def is_code(self) -> bool:
        return self.text.isdigit()


def read_query(text: str) -> Query | None:
    """What the user typed, or None when there is nothing to look for."""
    compared = plain(text)
    if not compared:
        return None
    typed = unicodedata.normalize("NFKC", text).strip()
    percent = typed.endswith("%")
    try:
        amount = parse_amount(typed.removesuffix("%"), decimals=_QUERY_DECIMALS)
    except AmountError:
        amount = None
    return Query(compared, amount, percent and amount is not None)


def number_matches(value: Decimal | None, query: Query, rate: bool) -> bool:
    """A table cell's figure (a rate in percent when `rate`) is the query's."""
    if value is None or query.amount is None or (query.percent and not rate):
        return False
    return value == query.amount


def spans_in(text: str, query: Query, money_unit: str = "万元") -> list[tuple[int, int]]:
    """Where free text says what was typed: a figure equal to the query's as the narrative reader
    reads figures ("1,234.50万元" for 1234.5, and the same amount written in another unit), else
    the words, in either width and across stray spaces and line breaks."""
    if query.amount is not None:
        return [(f.start, f.end) for f in read_figures(text) if _figure_matches(f, text, query, money_unit)]
    return _word_spans(text, query.text.casefold())


def _figure_matches(fig: Figure, text: str, query: Query, money_unit: str) -> bool:
    if query.percent:
        return (fig.is_percent or fig.rate_as_amount) and fig.value == query.amount
    if fig.value == query.amount:
        # A list's ordinal ("1." "2、") is numbering, not a figure the user looks for.
        return bool(fig.unit or fig.decimals) or normalize(text[fig.end:fig.end + 1]) not in (".", "、")
    # The same amount written in another unit: “12,345,000元” for 1234.5 万元.
    return fig.is_amount and not fig.rate_as_amount and fig.unit != money_unit and \
        fig.in_wan / WAN_PER[money_unit] == query.amount


def _word_spans(text: str, wanted: str) -> list[tuple[int, int]]:
    """Each place `wanted` (compared as `plain` compares) occurs, as offsets into the text as written."""
    kept, where = [], []
    for i, ch in enumerate(text):
        for folded in plain(ch).casefold():
            kept.append(folded)
            where.append(i)
    compact = "".join(kept)
    spans, at = [], compact.find(wanted)
    while at >= 0 and wanted:
        spans.append((where[at], where[at + len(wanted) - 1] + 1))
        at = compact.find(wanted, at + len(wanted))
    return spans
