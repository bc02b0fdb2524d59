"""The narrative cut into paragraphs and sentences, each with its character span in the original text."""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.core.narrative.layout import starts_paragraph
from desktop.core.narrative.numbers import normalize

# A paragraph that stops without closing punctuation and is longer than a heading was cut
# by a page break in the PDF: it goes on in the next paragraph.
_CLOSING = "。.!?;:：；！？」”)）"
_HEADING_MAX = 40
_SENTENCE_END = re.compile(r"[。!?;]")
# A “；” joins the clauses of one sentence: what the first says of funds or of last year holds for the next.
_FULL_STOP = re.compile(r"[。!?]")


class Span(NamedTuple):
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def _is_table_line(line: str) -> bool:
    # Text extracted from a PDF table: tab-separated cells. Tables are not narrative.
    return sum(1 for cell in line.split("\t") if cell.strip()) >= 2


def paragraphs(text: str) -> list[Span]:
    """Logical paragraphs: non-blank lines, a page-broken sentence joined back together."""
    lines: list[Span] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped and not _is_table_line(body):
            lead = len(body) - len(body.lstrip())
            lines.append(Span(pos + lead, pos + lead + len(stripped)))
        elif stripped:
            lines.append(None)  # a table line ends any paragraph around it
        pos += len(raw)
    result: list[Span] = []
    joinable = False
    for line in lines:
        if line is None:
            joinable = False
            continue
        if joinable and result and not starts_paragraph(text[line.start:line.end]):
            result[-1] = Span(result[-1].start, line.end)
        else:
            result.append(line)
        last = text[result[-1].start:result[-1].end]
        joinable = len(last) > _HEADING_MAX and normalize(last[-1]) not in _CLOSING
    return result


def sentences(text: str, paragraph: Span, clauses: bool = True) -> list[Span]:
    """Sentences of one paragraph, ending at 。！？ and, with `clauses`, at ； (the mark included)."""
    norm = normalize(text[paragraph.start:paragraph.end])
    result = []
    start = 0
    for m in (_SENTENCE_END if clauses else _FULL_STOP).finditer(norm):
        if m.end() > start:
            result.append(Span(paragraph.start + start, paragraph.start + m.end()))
        start = m.end()
        while start < len(norm) and norm[start].isspace():
            start += 1
    if start < len(norm):
        result.append(Span(paragraph.start + start, paragraph.end))
    return result


def sentence_at(spans: list[Span], pos: int) -> Span:
    for span in spans:
        if span.start <= pos < span.end:
            return span
    return spans[-1]
