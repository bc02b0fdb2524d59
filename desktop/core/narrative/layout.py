"""A 情况说明 as a PDF extractor leaves it, rejoined: lines wrapped inside words and 科目 paths,
blank lines between lines, page numbers, running heads and form feeds, spaces the layout put
between Chinese characters. Each character of the result knows where it stood in the original,
so what the check finds is shown in the text the user gave."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import compress
from typing import NamedTuple

from desktop.core.narrative.numbers import normalize

# “— 26 —”, “- 3 -”, “第 3 页”, “3/12”, “第3页 共25页”: a page's number, not the text's.
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d+|\s*共\s*\d+\s*页)?[-—–－\s]*$")
# A heading or list item starts a paragraph whatever the line before it.
_STARTS_PARAGRAPH = re.compile(r"^(?:#+\s*|[-*]\s+)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、"
                               r"|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))")
# A bullet a converter put before a list item (“- 1. 社会保障…”): not the narrative's.
_BULLET = re.compile(r"^[-*•]\s+(?=\S)")
# A line that starts like this goes on from the line before: a sentence's closing mark, a unit.
_CONTINUES = re.compile(r"^(?:[。，、；：）)%％,;:]|万元|亿元|元(?![\u4e00-\u9fff]{0,1}[年月])|[（(]?(?:类|款|项)[）)])")
_MARKUP = re.compile(r"</?[a-z]{1,6}>")
_CLOSING = "。!?;:！？；：」”)）"
# A running head repeats on every page; one this short without a sentence mark is not text.
_HEAD_REPEATS = 3
_HEAD_MAX = 40


class Rejoined(NamedTuple):
    """The rejoined text and, for each of its characters (and its end), the original position."""

    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of the rejoined text as a span of the original."""
        if end <= start:
            at = self.origin[min(start, len(self.origin) - 1)]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def is_page_number(line: str) -> bool:
    """A line that is a page's number (in either width), not a figure of the text: the one test for
    text pasted from a PDF and for the lines of a PDF read here."""
    return _PAGE_NUMBER.match(normalize(line)) is not None


def starts_paragraph(line: str) -> bool:
    """A heading or a list item: it begins a paragraph whatever the line before it."""
    return _STARTS_PARAGRAPH.match(normalize(line.strip())) is not None


_WIDE = frozenset(("W", "F"))


def _width(text: str) -> int:
    # Counted in C (map, not a generator): every line of a long 情况说明 is measured.
    return len(text) + sum(map(_WIDE.__contains__, map(unicodedata.east_asian_width, text)))


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


class _Line(NamedTuple):
    start: int  # of the content in the original
    content: str
    indent: int
    width: int


def _lines(text: str) -> list[_Line]:
    result = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n").replace("\f", " ")
        content = body.strip()
        if content:
            lead = len(body) - len(body.lstrip())
            result.append(_Line(pos + lead, content, _width(body[:lead]), _width(body.rstrip())))
        pos += len(raw)
    return result


def _wrapped_width(lines: list[_Line]) -> int | None:
    """The width a PDF wrapped its lines at, when it did: many lines end near one width."""
    if len(lines) < 8:
        return None
    widths = sorted(line.width for line in lines)
    top = widths[int(len(widths) * 0.9)]
    near = sum(1 for w in widths if top - 4 <= w <= top + 2)
    return top if near >= len(widths) / 4 else None


def _running_heads(lines: list[_Line]) -> set[str]:
    counts = Counter(normalize(line.content) for line in lines)
    return {text for text, n in counts.items()
            if n >= _HEAD_REPEATS and len(text) <= _HEAD_MAX and not re.search(r"\d|[。;；:：,，%]", text)}


def _joins(before: _Line, line: _Line, wrap: int | None, base_indent: int) -> bool:
    """Whether `line` goes on with the paragraph `before` ends."""
    last, content = normalize(before.content[-1]), normalize(line.content)
    if "\t" in before.content or "\t" in line.content:
        return False  # a table's row: never part of a sentence
    if _CONTINUES.match(content):
        return True
    if starts_paragraph(content):
        return False
    if wrap is None:
        # Lines are paragraphs; one cut mid-sentence (a page break) is long and has no closing mark.
        return len(before.content) > _HEAD_MAX and last not in _CLOSING
    if line.indent > base_indent + 1:
        return False  # an indented line opens a paragraph
    if before.width >= wrap - 6:
        return True  # a full line was wrapped, after a full stop too
    return last in "，、（(“\"" or last.isdigit() or last == "."


def rejoin(text: str) -> Rejoined:
    """One paragraph a line, broken words and paths whole again, layout noise gone."""
    lines = _lines(text)
    heads = _running_heads(lines)
    lines = [line for line in lines if not is_page_number(line.content) and normalize(line.content) not in heads]
    wrap = _wrapped_width(lines)
    base_indent = min((line.indent for line in lines), default=0)
    out: list[str] = []
    origin: list[int] = []
    before: _Line | None = None
    for line in lines:
        if before is not None:
            if _joins(before, line, wrap, base_indent):
                if _needs_space(out[-1][-1] if out else "", line.content[0]):
                    out.append(" ")
                    origin.append(line.start)
            else:
                out.append("\n")
                origin.append(before.start + len(before.content))
        bullet = _BULLET.match(line.content)
        skip = bullet.end() if bullet else 0
        # A line's characters at once, each knowing where it stood.
        out.append(line.content[skip:])
        origin.extend(range(line.start + skip, line.start + len(line.content)))
        before = line
    joined = "".join(out)
    keep = _layout_spaces(joined)
    return Rejoined("".join(compress(joined, keep)), (*compress(origin, keep), len(text)))


def _needs_space(last: str, first: str) -> bool:
    """Two Latin words or numbers side by side keep a space; Chinese joins as it is."""
    return bool(last) and last.isascii() and last.isalnum() and first.isascii() and first.isalpha()


def _layout_spaces(text: str) -> list[bool]:
    """Which characters to keep: spaces next to a Chinese character or mark are the layout's
    (“人力资源和社会保障管理事务 (款)”, “307.82 万元”), not the writer's."""
    keep = [True] * len(text)
    for m in _MARKUP.finditer(text):  # “<u>1527.57</u>”: a converter's underline
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
    for m in re.finditer(r"[ \u3000]+", text):
        left = text[m.start() - 1] if m.start() else ""
        right = text[m.end()] if m.end() < len(text) else ""
        if not left or not right or left == "\n" or right == "\n" or _is_wide(left) or _is_wide(right) \
                or left in "()" or right in "()":
            for i in range(m.start(), m.end()):
                keep[i] = False
    return keep
