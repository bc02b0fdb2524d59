"""单位代码 (统一社会信用代码, GB 32100-2015) and 财政区划 (行政区划代码 and name): read, checked, written one way."""

from __future__ import annotations

import re
import unicodedata

# The 31 characters a credit code may use: digits and capitals without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Weight of each of the first 17 characters: 3^i mod 31.
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CODE_LENGTH = 18
REGION_DIGITS = 6


class UnitCodeError(ValueError):
    """A 单位代码 or 财政区划 the program refuses; the message is Chinese and says what is wrong."""


def check_character(first17: str) -> str:
    """The 18th character of a credit code whose first 17 are these (all in ALPHABET)."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def normalized_code(text: str) -> str:
    """As typed or pasted: full-width characters, lower case and spaces inside taken as meant."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()


def check_code(text: str) -> str:
    """The credit code written the one way (upper case, no spaces); empty stays empty (未填)."""
    code = normalized_code(text)
    if not code:
        return ""
    if len(code) != CODE_LENGTH:
        raise UnitCodeError(f"单位代码“{code}”有 {len(code)} 位，统一社会信用代码应为 18 位")
    wrong = [c for c in code if c not in _VALUE]
    if wrong:
        raise UnitCodeError(
            f"单位代码“{code}”中的“{wrong[0]}”不是统一社会信用代码可用的字符（数字和除 I、O、Z、S、V 以外的大写字母）"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise UnitCodeError(
            f"单位代码“{code}”的校验位（第 18 位）是“{code[17]}”，按前 17 位应为“{expected}”，请核对是否抄错"
        )
    return code


def check_region(text: str) -> str:
    """“610802 榆林市榆阳区” or “610802”: six digits, then the name if given, one space between."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return ""
    m = re.fullmatch(r"([0-9]+)\s*(.*)", text)
    if not m:
        raise UnitCodeError(f"财政区划“{text}”应以 6 位行政区划代码开头，如“610802 榆林市榆阳区”")
    digits, name = m.group(1), re.sub(r"\s+", "", m.group(2))
    if len(digits) != REGION_DIGITS:
        raise UnitCodeError(
            f"财政区划代码“{digits}”有 {len(digits)} 位，行政区划代码应为 6 位，如“610802 榆林市榆阳区”"
        )
    if digits.startswith("00"):
        raise UnitCodeError(f"财政区划代码“{digits}”不是行政区划代码（前两位是省级代码，不能为 00）")
    return f"{digits} {name}" if name else digits
