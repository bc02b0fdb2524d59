"""Figures as the narrative writes them: "73,687.35万元", "2936.74 万元", "100%", "１４, ３４４. １２"."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple


class _Folds(dict):
    """Each character's NFKC form where that is one character, filled in as characters are met
    (str.translate asks the table for every character of every text)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        self[code] = folded = folded if len(folded) == 1 else ch
        return folded


_FOLDS = _Folds()


@lru_cache(maxsize=4096)  # a check normalizes each paragraph and sentence several times
def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII, one character for one so offsets stay put."""
    if text.isascii():
        return text
    return text.translate(_FOLDS)


# 万元 in one of each unit an amount is written in.
WAN_PER = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}


class Figure(NamedTuple):
    value: Decimal
    decimals: int  # as written: "0.7" has 1, "100" has 0
    start: int
    end: int  # end of the number and its unit
    unit: str  # "万元", "元", "亿元", "%", "个百分点", or "" (a count, a year, a list number)
    rate_as_amount: bool = False  # "42.19%万元": a rate written where an amount belongs

    @property
    def is_amount(self) -> bool:
        return self.unit in ("万元", "元", "亿元")

    @property
    def spread(self) -> Decimal:
        """How much further than a published cent the exact 万元 figure may lie from what is
        written: “7.37亿元” is anything from 73,650 to 73,750 万元."""
        if self.unit == "亿元":
            return Decimal(5).scaleb(-self.decimals - 1) * WAN_PER["亿元"]
        return Decimal(0)

    @property
    def in_wan(self) -> Decimal:
        """An amount in 万元, whichever unit it is written in; any other figure as written."""
        return self.value * WAN_PER[self.unit] if self.is_amount else self.value

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_points(self) -> bool:
        """“提高1.2个百分点”: a change of a percentage."""
        return self.unit == "个百分点"


# Thousands groups may carry a stray space after the comma ("14, 344. 12"), the decimal
# point may have spaces around it; a digit or a point right before means we are mid-number.
# “1234.56万，” is 万元 as other regions write it; “3.5万人”, “1.2万平方米” are counts: a 万 or 亿
# followed by another character is money only before the words that follow an amount (较, 占, 其中…).
_NUMBER = re.compile(
    r"(?<![\d.])"
    r"(?P<int>\d{1,3}(?:,[ \t]?\d{3})+(?!\d)|\d+)"
    # A space after the point only before two decimals: "344. 12" is a figure, "12. 2024年" a list item.
    r"(?:[ \t]?\.(?P<frac>\d+)|[ \t]?\.[ \t]+(?P<sfrac>\d{1,2})(?!\d))?"
    r"(?P<gap>\s*)"  # a page break may fall between a figure and its unit
    r"(?P<unit>个百分点|%\s*万元|%|万元|亿元|元|(?P<bare>[万亿])(?![\u4e00-\u9fff])|(?P<lead>[万亿])(?=[较比占其与主增减同均]))?"
)


def read_figures(text: str) -> list[Figure]:
    """Every number in `text` (already normalized or not), with its unit and character span."""
    norm = normalize(text)
    figures = []
    for m in _NUMBER.finditer(norm):
        whole = re.sub(r"[,\s]", "", m.group("int"))
        frac = m.group("frac") or m.group("sfrac") or ""
        value = Decimal(f"{whole}.{frac}" if frac else whole)
        unit = m.group("unit") or ""
        if m.group("bare") or m.group("lead"):
            unit += "元"
        mixed = unit.startswith("%") and unit.endswith("万元")
        if mixed:
            unit = "万元"
        end = m.end() if unit else m.end("frac" if m.group("frac") else "sfrac") if frac else m.end("int")
        figures.append(Figure(value, len(frac), m.start(), end, unit, mixed))
    return figures


def read_figure(text: str) -> Figure | None:
    """The single figure a short text holds, or None."""
    found = read_figures(text)
    return found[0] if len(found) == 1 else None


def percent_tolerance(decimals: int) -> Decimal:
    """How far a stated percentage may be from the exact one: 0.01 at two decimals, half a unit coarser."""
    if decimals >= 2:
        return Decimal("0.01")
    return Decimal(5).scaleb(-decimals - 1)


HUNDRED = Decimal(100)

# A published amount is rounded to 0.01: the exact figure lies within half a cent of it.
ROUNDING = Decimal("0.005")


def percent_range(numerator: Decimal, numerator_error: Decimal,
                  denominator: Decimal, denominator_error: Decimal) -> tuple[Decimal, Decimal] | None:
    """The percentages numerator ÷ denominator can be when each is only known to ± its error."""
    low_den, high_den = denominator - denominator_error, denominator + denominator_error
    if low_den <= 0:
        return None
    corners = [
        n / d * 100
        for n in (numerator - numerator_error, numerator + numerator_error)
        for d in (low_den, high_den)
    ]
    return min(corners), max(corners)


def percent_agrees(stated: Decimal, decimals: int, bounds: tuple[Decimal, Decimal]) -> bool:
    """A stated percentage is right when it rounds from some value the rounded figures allow."""
    tolerance = percent_tolerance(decimals)
    low, high = bounds
    return low - tolerance <= stated <= high + tolerance


def rounded_from(stated: Decimal, decimals: int, bounds: tuple[Decimal, Decimal]) -> bool:
    """Some value the figures allow rounds to the stated digits (within half a unit of the last
    one; percent_agrees allows a whole 0.01 at two decimals)."""
    half = Decimal(5).scaleb(-decimals - 1)
    low, high = bounds
    return low - half <= stated <= high + half


def truncated(stated: Decimal, decimals: int, bounds: tuple[Decimal, Decimal]) -> bool:
    """A percentage cut at its last decimal instead of rounded (12.34 for 12.3468): some value the
    figures allow starts with the stated digits."""
    low, high = bounds
    step = Decimal(1).scaleb(-decimals)
    return low - step < stated <= high
