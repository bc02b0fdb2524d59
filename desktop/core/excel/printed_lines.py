"""The lines printed around a table's figures: the unit line, the 栏次 row, the 空表说明."""

from __future__ import annotations

import re

from desktop.core.excel.reading import is_number_like, text_of
from desktop.core.excel.tables import norm
from desktop.core.labels import normalize_label
from desktop.core.unit_code import UnitCodeError, check_code, check_region

# 编制单位：/编制部门：/部门名称：/单位名称：/填报单位：, colon full or half width or none, the name
# running on to a 年度 or a 金额单位 printed in the same cell.
_UNIT = re.compile(
    r"(编制单位|编制部门|部门名称|单位名称|填报单位)[:：]?(.+?)"
    r"(?:(?:20\d{2})年.*|金额单位.*|单位[:：].*|(?:统一社会信用代码|单位代码|财政区划).*)?$"
)
# 单位代码 and 财政区划 printed as captions, alone or after the unit's name in the same cell.
_CODE = re.compile(r"(?:统一社会信用代码|单位代码)[:：]?([0-9A-Z]+)")
_REGION = re.compile(r"财政区划(?:代码)?[:：]?([0-9]+.*)")
_SUBJECT = {"编制部门": "部门", "部门名称": "部门"}
# The caption alone in its cell, the name in the next one.
_CAPTION = re.compile(r"^(编制单位|编制部门|部门名称|单位名称|填报单位)[:：]?$")
_MONEY = re.compile(r"(?:金额)?单位[:：](万元|元)$")
# Lines a page break leaves in a long table: sums of the rows above, never a row's own figures.
_PAGE_TOTAL = re.compile(r"^(?:本页(?:小计|合计|累计)|累计|承前页|承上页|过次页|转下页|转次页|上页转来)$")
# A page's number as a printout or a PDF converted to Excel leaves it between a table's rows.
_PAGE_NUMBER = re.compile(
    r"^(?:(?:共\d+页)?[,，/]?第\d+页(?:[,，/]?共\d+页)?|[-—－]\d+[-—－]|\d+/\d+|page\d+(?:of\d+)?)$", re.IGNORECASE)
_EMPTY = re.compile(r"空表|无数据|没有数据|不涉及")
_LEAD = re.compile(r"^[\s　]*(?:注|说明|备注)[\s　]*[:：]?[\s　]*")


def unit_facts(texts: list[str], unit: dict[str, str]) -> list[str]:
    """单位名称, 公开主体, 金额单位, 年度, 单位代码 and 财政区划 from the cells of a table's unit line;
    returns why a printed 单位代码 or 财政区划 was not taken."""
    problems = []
    for i, text in enumerate(texts):
        t = norm(text)
        m = _CAPTION.match(t)
        following = next((norm(n) for n in texts[i + 1:] if norm(n)), "")
        if m and following and not unit.get("单位名称") and not _UNIT.match(following) and not _MONEY.search(following):
            unit["单位名称"] = following
            unit["公开主体"] = _SUBJECT.get(m.group(1), "单位")
        for pattern, key, check in ((_CODE, "单位代码", check_code), (_REGION, "财政区划", check_region)):
            m = pattern.search(t.upper() if key == "单位代码" else t)
            if m and not unit.get(key):
                try:
                    unit[key] = check(m.group(1))
                except UnitCodeError as exc:
                    problems.append(f"{exc}，未导入")
        m = _UNIT.match(t)
        if m and m.group(2).strip(":：") and not unit.get("单位名称"):
            unit["单位名称"] = m.group(2).strip(":：")
            unit["公开主体"] = _SUBJECT.get(m.group(1), "单位")
        money = money_unit(t)
        if money:
            unit["金额单位"] = money
        m = re.search(r"(20[0-9]{2})年", t)
        if m and not unit.get("年度"):
            unit["年度"] = m.group(1)
    return problems


def money_unit(text: str) -> str | None:
    """万元 or 元, when the text ends with the 金额单位 it states."""
    m = _MONEY.search(norm(text))
    return m.group(1) if m else None


def is_page_total(text: str) -> bool:
    """本页小计, 累计, 承前页…: a line of sums a page break leaves, whose figures belong to no row."""
    return bool(_PAGE_TOTAL.match(normalize_label(text)))


# What a line under a table's rows starts with: its notes and signatures, never a row.
_TAIL_WORDS = ("注", "说明", "备注", "制表", "审核", "填报", "单位负责人", "财务负责人", "负责人", "联系人", "联系电话")


def is_tail_line(values: list) -> bool:
    """注：…, 单位负责人：… 制表人：…: a line of words under a table, holding no figure."""
    words = [norm(v) for v in values if norm(v)]
    return bool(words) and words[0].startswith(_TAIL_WORDS) and not any(is_number_like(v) for v in values)


def is_page_number(text: str) -> bool:
    """第 2 页, - 3 -, 共 5 页 第 2 页, 第2页/共5页: a page's number, never a figure or a row's name."""
    return bool(_PAGE_NUMBER.match(re.sub(r"\s", "", str(text))))


def empty_note(texts: list[str]) -> str | None:
    """The 空表说明 a line carries ("本表无数据", "此表为空表", "说明：本单位…故本表无数据。"), or None."""
    words = [t for t in texts if t and not t.replace(".", "").isdigit()]
    line = "".join(words)
    if not _EMPTY.search(norm(line)):
        return None
    return _LEAD.sub("", line).strip() or None


def is_numbering(values: list) -> bool:
    """A 栏次 row: the word 栏次, or the numbers 1, 2, 3… (the stub's merged header text beside them is no
    row name)."""
    return is_number_row([v for v in values if is_number_like(v)]) or any(
        isinstance(v, str) and "栏" in v and norm(v) == "栏次" for v in values)


def is_column_numbers(values: list) -> bool:
    """A row of 栏次 numbers in any order (columns printed in another order than numbered): three or more
    whole numbers, each once, that run without a gap (words beside them aside). Not a row of figures."""
    numbers = [text_of(v) for v in values if is_number_like(v)]
    if len(numbers) < 3 or not all(t.isdigit() and len(t) <= 3 for t in numbers):
        return False
    found = sorted(map(int, numbers))
    return len(set(found)) == len(found) and found[-1] - found[0] == len(found) - 1


def is_number_row(values: list) -> bool:
    """A 栏次 row printed without the word 栏次: the numbers 1, 2, 3… in column order (blanks for labels)."""
    numbers = []
    for value in values:
        if isinstance(value, bool):
            return False
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        t = norm(value)
        if not t.isdigit() or len(t) > 3:
            return False
        numbers.append(int(t))
    return len(numbers) >= 2 and numbers[0] in (1, 2) and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
