"""Headings and the scope they give their paragraphs: the item a section is about, the funds it
speaks of (一般公共预算财政拨款…), and sections about things no table holds (国有资产, 绩效)."""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.core.narrative.facts import Fact, FactBook
from desktop.core.narrative.numbers import normalize

_NUM = "一二三四五六七八九十"
# Markdown marks and list marks a PDF extractor or a converter leaves in front of a heading.
_MARK = re.compile(
    rf"^[#\s]*(?:(?P<l0>第[{_NUM}]+部分)|(?P<l1>[{_NUM}]+、)|(?P<l2>\([{_NUM}]+\))|(?P<l3>\d+[.、](?!\d)))\s*"
)
# A heading ends with these words; what follows on the same line is a sentence run into it.
_HEADING_END = re.compile(r"情况说明|说明|情况|明细表|决算表|总表")
_HEADING_MAX = 40


class Heading(NamedTuple):
    level: int
    text: str  # without its mark
    end: int  # where the heading stops in the paragraph (a run-in sentence may follow)


class Scope(NamedTuple):
    """What the headings above a paragraph say about it."""

    subject: Fact | None = None
    qualifier: str = ""
    apart: bool = False
    # A section about an item whose 经济分类 breakdown no table has (项目支出): its 办公费 is not
    # 公开06's, and a figure it cannot attribute is apart.
    economic_apart: bool = False


def heading(paragraph: str) -> Heading | None:
    """The heading a paragraph is or starts with; a numbered item with figures is not one."""
    text = normalize(paragraph)
    m = _MARK.match(text)
    if m is None:
        return None
    level = next(i for i, g in enumerate(("l0", "l1", "l2", "l3")) if m.group(g))
    rest = text[m.end():]
    stop = rest.find("。")
    head = rest if stop < 0 else rest[:stop]
    if len(head) <= _HEADING_MAX and not re.search(r"\d", _figures_only(head)):
        return Heading(level, head.rstrip("。.:："), m.end() + len(head))
    end = _HEADING_END.search(rest[:_HEADING_MAX])
    if end is None or level == 3:
        return None
    return Heading(level, rest[:end.end()], m.end() + end.end())


def _figures_only(text: str) -> str:
    """Digits that are figures, not the year of a title (“2024年度…”)."""
    return re.sub(r"\d{4}\s*年度?", "", text)


class Headings:
    """The headings met so far, innermost last, and the scope they give."""

    def __init__(self, book: FactBook, qualifiers: list[str], apart_words: list[str],
                 no_economic: list[str] = ()):
        self.book = book
        self.no_economic = set(no_economic)
        self.qualifiers = sorted((normalize(q) for q in qualifiers), key=len, reverse=True)
        self.apart_words = [normalize(w) for w in apart_words]
        self.stack: list[Heading] = []
        self.item = False  # the paragraph is a numbered item with its figures: about its own item

    def enter(self, paragraph: str) -> Heading | None:
        found = heading(paragraph)
        if found is not None:
            self.stack = [h for h in self.stack if h.level < found.level] + [found]
        elif (m := _MARK.match(normalize(paragraph))) is not None:
            # “6、…（项）。年初预算…”: a numbered item with its figures ends the item before it.
            level = next(i for i, g in enumerate(("l0", "l1", "l2", "l3")) if m.group(g))
            self.stack = [h for h in self.stack if h.level < level]
            self.item = True
            return None
        self.item = False
        return found

    def scope(self) -> Scope:
        apart = any(w in h.text for h in self.stack for w in self.apart_words)
        subject, qualifier = None, ""
        for h in self.stack:
            named = {m.fact.name: m.fact for m in self.book.find(h.text)}
            named.update((h.text[s:e], Fact(h.text[s:e])) for s, e in self.book.unnamed_paths(h.text))
            if len(named) == 1:
                subject = next(iter(named.values()))
            elif named:
                subject = None  # “三公”经费及会议费、培训费: no one item
            qualifier = next((q for q in self.qualifiers if q in h.text), qualifier)
        economic_apart = subject is not None and subject.name in self.no_economic
        return Scope(None if apart or self.item else subject, qualifier, apart, economic_apart)
