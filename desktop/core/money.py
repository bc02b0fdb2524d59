"""Amounts as exact decimals: parsing what people type or paste, and printing it back."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, DecimalException

CENT = Decimal("0.01")
# Beyond a trillion 万元 a stored figure is no amount but damage (see stored_amount).
LIMIT = Decimal("1e15")
# The exported workbook holds a figure as a float, which keeps 15 significant digits exactly:
# a figure typed with more would come back altered, so entry takes no more than these.
SIGNIFICANT = 15
# What one unit of each money unit is worth in 元.
YUAN_PER = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}

# Marks that mean "nothing" in published tables and in Excel exports.
_NOTHING = {"", "-", "—", "－", "--", "——", "/"}
# The Chinese accountant's minus sign: △12.30 is −12.30.
_TRIANGLES = ("△", "▲")
# ASCII digits only: \d and Decimal() also take Arabic-Indic, Devanagari and other scripts'
# digits, which no one types into a final-accounts table on purpose. Thousands separators
# must group exactly three digits in the integer part: "1,23" is a mistyped decimal comma,
# and reading it as 123 would publish a figure a hundred times too large. No exponent: "1e3"
# is a spreadsheet's spelling, never an accountant's.
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)")
_COMMA_NUMBER = re.compile(r"[+-]?[0-9,]*[0-9][0-9,]*(?:\.[0-9,]*)?")
# Two digits with only spaces between: "12 34" is two figures or a slip, never 1234. A single
# space that groups thousands exactly as a comma does ("9 071.62", printed so in some regions'
# workbooks) is a separator all the same.
_SPLIT_DIGITS = re.compile(r"[0-9][ ]+[0-9]")
_SPACED_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:\. ?[0-9]*)?")
_UNIT = re.compile(r"(亿元|万元|元)$")
# A currency sign before the digits ("¥1,234.56", "-¥12.34", "(¥12.34)"), as an accounting format
# exported to text leaves it; NFKC has made the full-width ￥ this one. It names no unit.
_CURRENCY = re.compile(r"^([+\-(]?)\s*¥\s*")


class AmountError(ValueError):
    """Text that is not a usable amount; the message is Chinese and says why."""


class OutOfRange(AmountError):
    """A number, but not one a table can hold (infinite, not a number, or too large to export exactly)."""


def parse_amount(
    text: str | int | Decimal | None, *, decimals: int = 2, unit: str | None = None,
) -> Decimal | None:
    """Read a typed, pasted or imported figure; None means a blank (nothing). The one parser of figures.

    Accepts thousands separators (every three digits), full-width digits and punctuation, a space
    beside the decimal point ("5372. 50"), accounting negatives "(12.00)" and "△12.00" (▲ too), a ¥ sign.
    A trailing 元/万元/亿元 is taken only when it is `unit` (the workspace's money unit): a figure in
    another unit, or with a unit where `unit` is None, is refused with the figure it would be, never
    read in the wrong unit. Refuses digits split by spaces, exponents, more than `decimals` decimals
    and figures of more than SIGNIFICANT digits.
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
    written = _UNIT.search(s)
    s = s[:written.start()].strip() if written else s
    signed, s = s, _CURRENCY.sub(r"\1", s).strip()
    if s != signed and s in _NOTHING:  # "¥ -", an accounting format's zero
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    elif s.startswith(_TRIANGLES):
        negative, s = True, s[1:].lstrip()
    # Spaces only (NFKC has made no-break and ideographic spaces plain): a tab or a line
    # break inside a cell separates two figures, and joining them would invent a third.
    if _SPLIT_DIGITS.search(s) and not _SPACED_THOUSANDS.fullmatch(s):
        raise AmountError(f"{_quoted(raw)}的数字之间有空格，无法确定是哪个数；请去掉空格或分开填写")
    s = s.replace(" ", "")
    if s.startswith(("-", "+")) and negative:
        raise AmountError(f"{_quoted(raw)}不是有效的数字")
    if not _NUMBER.fullmatch(s):
        if "," in s and _COMMA_NUMBER.fullmatch(s):
            raise AmountError(f"{_quoted(raw)}的千位分隔符位置不对：逗号只能在整数部分每三位一个（小数点请用“.”）")
        if re.fullmatch(r"[+-]?[0-9.,]+[eE][+-]?[0-9]+", s):
            _checked(Decimal(s.replace(",", "")), raw, decimals)  # one too large is out of range all the same
            raise AmountError(f"{_quoted(raw)}是科学记数法，请直接填写数字")
        raise AmountError(f"{_quoted(raw)}不是有效的数字")
    value = Decimal(s.replace(",", ""))
    if negative:
        value = -value
    if written:
        value = _in_unit(value, written.group(1), unit, raw)
    return _checked(value, raw, decimals)


def _in_unit(value: Decimal, written: str, unit: str | None, raw: str) -> Decimal:
    """A figure written with a unit, if that unit is the table's; else a refusal saying what to type."""
    if written == unit:
        return value
    if unit is None:
        raise AmountError(f"{_quoted(raw)}带有金额单位“{written}”，此处只填数字")
    meant = format((value * YUAN_PER[written] / YUAN_PER[unit]).normalize(), "f")
    raise AmountError(
        f"{_quoted(raw)}的单位是{written}，本工作区金额单位为{unit}：按{unit}应填 {meant}，"
        f"请填该数字（不带单位），以免差 {_ratio(written, unit)} 倍"
    )


def _ratio(a: str, b: str) -> str:
    big, small = max(YUAN_PER[a], YUAN_PER[b]), min(YUAN_PER[a], YUAN_PER[b])
    return f"{big / small:,.0f}"


def largest(decimals: int) -> Decimal:
    """The largest figure entry takes with `decimals` decimals: SIGNIFICANT nines."""
    return Decimal(10).scaleb(SIGNIFICANT - decimals - 1) - Decimal(1).scaleb(-decimals)


def _quoted(raw) -> str:
    """The offending text in a message, cut short: a cell can hold 32,767 characters."""
    raw = str(raw)
    return f"“{raw if len(raw) <= 40 else raw[:40] + '…'}”"


def _checked(value: Decimal, raw: str, decimals: int) -> Decimal:
    if not value.is_finite():
        raise OutOfRange(f"{_quoted(raw)}不是有效的数字")
    # copy_abs, not abs(): abs() rounds to the context and overflows on "1e999999999999999999".
    if value.copy_abs() > largest(decimals):
        raise OutOfRange(
            f"{_quoted(raw)}超出可填报的范围（绝对值最大为 {format_amount(largest(decimals), decimals=decimals)}，"
            "更大的数导出到 Excel 后无法原样读回）"
        )
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
