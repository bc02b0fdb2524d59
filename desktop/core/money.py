"""Amounts as exact decimals: parsing what people type or paste, and printing it back."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, DecimalException

CENT = Decimal("0.01")
# Beyond a trillion 万元 a figure is a typing accident, not an amount.
LIMIT = Decimal("1e15")

# Marks that mean "nothing" in published tables and in Excel exports.
_NOTHING = {"", "-", "—", "－", "--", "——", "/", "、"}
# The Chinese accountant's minus sign: △12.30 is −12.30.
_TRIANGLES = ("△", "▲")
# ASCII digits only: \d and Decimal() also take Arabic-Indic, Devanagari and other scripts'
# digits, which no one types into a final-accounts table on purpose. Thousands separators
# must group exactly three digits in the integer part: "1,23" is a mistyped decimal comma,
# and reading it as 123 would publish a figure a hundred times too large.
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_COMMA_NUMBER = re.compile(r"[+-]?[0-9,]*[0-9][0-9,]*(?:\.[0-9,]*)?(?:[eE][+-]?[0-9]+)?")


class AmountError(ValueError):
    """Text that is not a usable amount; the message is Chinese and says why."""


class OutOfRange(AmountError):
    """A number, but not one a table can hold (infinite, not a number, or beyond LIMIT)."""


def parse_amount(text: str | int | Decimal | None, *, decimals: int = 2) -> Decimal | None:
    """Read a typed or pasted figure; None means a blank (nothing).

    Accepts thousands separators (every three digits), full-width digits and punctuation, stray spaces inside
    the number ("5372. 50"), accounting negatives "(12.00)" and "△12.00" (▲ too) and a trailing
    "万元"/"元" unit. Refuses anything else, and anything with more than `decimals` decimals.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise AmountError(f"{_quoted(text)}不是有效的数字")
    if isinstance(text, Decimal):
        return _checked(text, str(text), decimals)
    if isinstance(text, int):
        return _checked(Decimal(text), str(text), decimals)
    raw = str(text)
    # NFKC leaves the minus sign U+2212 that PDF converters and typesetting put for a hyphen.
    s = unicodedata.normalize("NFKC", raw).strip().replace("\u2212", "-")
    if s in _NOTHING:
        return None
    s = s.removesuffix("万元").removesuffix("元").strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    elif s.startswith(_TRIANGLES):
        negative, s = True, s[1:].lstrip()
    # Spaces only (NFKC has made no-break and ideographic spaces plain): a tab or a line
    # break inside a cell separates two figures, and joining them would invent a third.
    s = s.replace(" ", "")
    if s.startswith(("-", "+")) and negative:
        raise AmountError(f"{_quoted(raw)}不是有效的数字")
    if not _NUMBER.fullmatch(s):
        if "," in s and _COMMA_NUMBER.fullmatch(s):
            raise AmountError(f"{_quoted(raw)}的千位分隔符位置不对：逗号只能在整数部分每三位一个（小数点请用“.”）")
        raise AmountError(f"{_quoted(raw)}不是有效的数字")
    try:
        value = Decimal(s.replace(",", ""))
    except DecimalException as exc:  # an exponent beyond what Decimal can hold
        raise OutOfRange(f"{_quoted(raw)}超出可填报的范围（绝对值须小于 1,000,000,000,000,000）") from exc
    if negative:
        value = -value
    return _checked(value, raw, decimals)


def _quoted(raw) -> str:
    """The offending text in a message, cut short: a cell can hold 32,767 characters."""
    raw = str(raw)
    return f"“{raw if len(raw) <= 40 else raw[:40] + '…'}”"


def _checked(value: Decimal, raw: str, decimals: int) -> Decimal:
    if not value.is_finite():
        raise OutOfRange(f"{_quoted(raw)}不是有效的数字")
    # copy_abs, not abs(): abs() rounds to the context and overflows on "1e999999999999999999".
    if value.copy_abs() >= LIMIT:
        raise OutOfRange(f"{_quoted(raw)}超出可填报的范围（绝对值须小于 1,000,000,000,000,000）")
    quantum = Decimal(1).scaleb(-decimals)
    if value != value.quantize(quantum):
        if decimals == 0:
            raise AmountError(f"{_quoted(raw)}须为整数")
        raise AmountError(f"{_quoted(raw)}的小数超过 {decimals} 位")
    value = value.quantize(quantum)
    # -0 and 0 are the same figure; keep one spelling in the store.
    return value.copy_abs() if value.is_zero() else value


def format_amount(value: Decimal | None, *, decimals: int = 2, grouping: bool = True) -> str:
    """Print as published: thousands separators, fixed decimals, blank for nothing."""
    if value is None:
        return ""
    spec = f"{',' if grouping else ''}.{decimals}f"
    return format(value, spec)


def to_text(value: Decimal | None) -> str | None:
    """The store's exact spelling of a figure."""
    return None if value is None else str(value)


def from_text(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def stored_amount(raw) -> Decimal | None:
    """A figure as the store spells it, or None when what is stored is no usable figure."""
    if not isinstance(raw, (str, int)) or isinstance(raw, bool):
        return None
    try:
        value = Decimal(raw)
    except (DecimalException, ValueError):
        return None
    return value if value.is_finite() and value.copy_abs() < LIMIT else None
