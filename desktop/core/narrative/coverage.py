"""What the check read of a narrative: every amount and percentage, checked, unread, or about
something no table holds (人数, 资产, 车辆), so nothing is dropped silently."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from desktop.core.narrative.findings import NarrativeFinding
from desktop.core.narrative.numbers import normalize
from desktop.core.narrative.sentences import Span, sentence_at


class FigureRead(NamedTuple):
    """A figure of the text with the sentence it stands in (spans in the checked text)."""

    figure: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    allowed: tuple | None = None  # the values the check accepts, when wider than a cent

    def to_json(self) -> dict:
        return {"figure": self.figure, "start": self.start, "end": self.end, "sentence": self.sentence,
                "sentence_start": self.sentence_start, "sentence_end": self.sentence_end}


class NarrativeReview:
    """What a reading found and read. A plain class, not a dataclass: every command's start would
    pay for building one (see changes.Changes)."""

    def __init__(self) -> None:
        self.findings: list[NarrativeFinding] = []
        self.checked: list[FigureRead] = []
        # Named, but nothing to compare with: a table the workspace lacks, 上年决算数 not filled.
        self.no_data: list[FigureRead] = []
        self.unread: list[FigureRead] = []
        self.apart: list[FigureRead] = []
        self.unfilled: list[str] = []  # tables a figure named that are not filled in yet

    @property
    def figures(self) -> int:
        return len(self.checked) + len(self.no_data) + len(self.unread) + len(self.apart)

    @property
    def coverage(self) -> float | None:
        """Attributed share of the figures that name a table item; None when there is none."""
        attributed = len(self.checked) + len(self.no_data)
        named = attributed + len(self.unread)
        return attributed / named if named else None

    def summary(self) -> dict:
        return {"figures": self.figures, "checked": len(self.checked), "no_data": len(self.no_data),
                "unread": len(self.unread), "apart": len(self.apart), "unfilled": list(self.unfilled)}

    def count_quotes(self, text: str, spans: list[Span], compared, no_data) -> None:
        """The 绩效 figures compared with the 绩效自评表 (spans in `text`) are checked, their 自评得分
        too, which the paragraph reader does not count; not apart or unread as it left them."""
        for status, found in (("checked", compared), ("no_data", no_data)):
            for start, end in found:
                for kind in ("checked", "no_data", "unread", "apart"):
                    reads = getattr(self, kind)
                    reads[:] = [r for r in reads if r.start != start]
                getattr(self, status).append(figure_read(text, spans, start, end))
        for kind in ("checked", "no_data"):
            getattr(self, kind).sort(key=lambda r: r.start)

    def message(self) -> str:
        """One line for the pane and the command line."""
        if not self.figures:
            return "情况说明中没有可识别的金额（万元、元）或百分比，未作核对"
        text = f"情况说明中有金额和百分比 {self.figures} 个：已核对 {len(self.checked)} 个"
        if self.no_data:
            text += f"，对应到表中项目但工作区没有可比的数 {len(self.no_data)} 个"
            if self.unfilled:
                text += f"（{'、'.join(self.unfilled)}尚未填写，不据以核对）"
        text += f"，未能对应到表中项目 {len(self.unread)} 个"
        if self.apart:
            text += f"；另有 {len(self.apart)} 个说的是表中没有的事项（人数、资产、绩效指标等），不核对"
        return text


def figure_read(text: str, spans: list[Span], start: int, end: int, allowed=None) -> FigureRead:
    sentence = sentence_at(spans, start)
    return FigureRead(text[start:end], start, end, text[sentence.start:sentence.end], sentence.start,
                      sentence.end, allowed)


class WordPlaces:
    """Where any of some words stands in a text, to ask whether one stands wholly inside a span: a
    figure whose own clause talks about something no table holds. Found once for the whole text, so
    asking for every figure of a long paragraph stays linear."""

    def __init__(self, words: list[str], text: str):
        folded = normalize(text)  # one character for one: places in it are places in the text
        places = sorted((m.start(), m.start() + len(w)) for w in set(words) if w
                        for m in re.finditer(f"(?={re.escape(w)})", folded))
        self._starts = [start for start, _ in places]
        # From each place on, the earliest end: a word inside [lo, hi) is one starting at or after
        # lo whose end is at most hi.
        self._first_end = [end for _, end in places]
        for i in range(len(places) - 2, -1, -1):
            self._first_end[i] = min(self._first_end[i], self._first_end[i + 1])

    def inside(self, lo: int, hi: int) -> bool:
        i = bisect_left(self._starts, lo)
        return i < len(self._starts) and self._first_end[i] <= hi


def in_original(review: NarrativeReview, rejoined, original: str) -> NarrativeReview:
    """The review of a rejoined text with every span (and the text it covers) as it stands in the original."""
    def read(r: FigureRead) -> FigureRead:
        start, end = rejoined.to_original(r.start, r.end)
        s_start, s_end = rejoined.to_original(r.sentence_start, r.sentence_end)
        return r._replace(figure=original[start:end], start=start, end=end, sentence=original[s_start:s_end],
                          sentence_start=s_start, sentence_end=s_end)

    def finding(nf: NarrativeFinding) -> NarrativeFinding:
        start, end = rejoined.to_original(nf.start, nf.end)
        nf = nf._replace(start=start, end=end, sentence=original[start:end])
        if nf.figure_start is None:
            return nf
        f_start, f_end = rejoined.to_original(nf.figure_start, nf.figure_end)
        return nf._replace(figure_start=f_start, figure_end=f_end)

    for kind in ("checked", "no_data", "unread", "apart"):
        setattr(review, kind, [read(r) for r in getattr(review, kind)])
    review.findings = [finding(nf) for nf in review.findings]
    return review
