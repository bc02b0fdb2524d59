"""Which year a figure is of, and what a change is measured against: the words before it say so."""

from __future__ import annotations

import re

# A mark that opens a comparison: “较上年”, “比年初预算”, “与2023年度相比”. 占比, 比重, 比例, 比率 are
# shares, and 相比 closes a comparison “与” opened.
_MARK = re.compile(r"较|(?<![占相对])比(?![重例率])|与|同比")
_YEAR = re.compile(r"(\d{4})\s*年(?!\d)")
# “一般公共预算拨款安排的…”: the 预算 of a kind of funds is no 预算数.
FUNDS = re.compile(r"(一般公共|政府性基金|国有资本经营)预算")
# A year right after one of these is the year compared with, not the figure's own.
COMPARED = re.compile(r"(较|比|与|同|对比|相较于?)\s*$")
# How far back before a figure the words are read: any sentence's reach, where a text without
# sentence marks would otherwise be read from its start for every figure (quadratic).
REACH = 300


def compared_with(before: str, last_year_words: list[str]) -> str | None:
    """What the comparison nearest before a figure (`before`: its sentence up to it) is against:
    "budget", "last_year", "other" (a year that is not last year: “比2019年（疫情前）”), or None
    when the sentence has none or does not say."""
    before = before[-REACH:]
    marks = list(_MARK.finditer(before))
    if not marks:
        return None
    # “较 2022 年度”: a PDF's spacing; “与2019年相比，一般公共预算财政拨款…”: a kind of funds.
    after = FUNDS.sub("", re.sub(r"\s", "", before[marks[-1].end():]))
    budget, last_year = "预算" in after, any(w in after for w in last_year_words)
    if budget and last_year:
        return "other"  # “比上年预算数下降”: last year's budget, which no table holds
    if budget:
        return "budget"
    if last_year:
        return "last_year"
    return "other" if _YEAR.search(after) else None


def year_of(before: str) -> int | None:
    """The year the words before a figure give it (“2016年度支出合计…其中：基本支出X”), a year
    compared with (“较2022年度”) not counted; None when they name none."""
    before = before[-REACH:]
    own = [m for m in _YEAR.finditer(before) if not COMPARED.search(before[max(0, m.start() - 16):m.start()])]
    return int(own[-1].group(1)) if own else None


def names_year(text: str, year: int) -> bool:
    return re.search(rf"{year}\s*年", text) is not None
