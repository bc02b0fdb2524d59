"""One way to compare printed labels and headers, for the importer and for addressing alike."""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
# Leading ordinals as regions print them: 一、 （一） (1) 1. 1、 ①, and a 其中： before a part.
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.]|\d+[、.](?!\d)|[①-⑳])")
_PART = re.compile(r"^其中[:：]?")


def numbered(text: str) -> bool:
    """Whether a label begins with an ordinal (一、 （一） 1.): a body row's mark, never a header's."""
    return bool(_ORDINAL.match(plain(str(text))))


@functools.lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Text for comparing headers and titles: NFKC (digits and brackets in one width), no spaces or quotes."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text).translate(_QUOTES)
    return text.replace("(", "（").replace(")", "）")


@functools.lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """A row label as a reader compares it: `plain`, without leading ordinals or 其中："""
    text = plain(str(text))
    for _ in range(3):  # “其中：1.” or “（一）其中：”
        stripped = _PART.sub("", _ORDINAL.sub("", text))
        if stripped == text:
            break
        text = stripped
    return text
