"""The 情况说明 of a PDF: found by its part heading, its lines rejoined into paragraphs across lines
and pages, without page numbers and running heads."""

from __future__ import annotations

import re

from desktop.core.narrative.layout import is_page_number
from desktop.core.pdf.layout import Line, Page

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
# A heading mark at a line's start begins a paragraph even where the line before runs to the margin;
# a number of three digits or more in brackets is no item's (“（0912）3525653” going on from “联系电话：”).
_MARK = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（](?:[一二三四五六七八九十]+|\d{1,2})[)）]|\d{1,2}[、.](?!\d))")
_INDENT = 0.8  # of the font size: a line starting further right than the page's margin starts a paragraph
_SHORT = 1.5  # of the font size: a line ending this far left of the margin ends its paragraph
# A line ends short of the margin where what the next line starts with could not be broken and did
# not fit. A line may not break before a closing mark, after an opening one, on either side of a
# quotation mark (they are glued to both neighbours), nor inside a figure or Latin word.
_CLOSING = set("）)”’》】」』〕，。、；：？！,.;:?!%％·…")
_OPENING = set("（(“‘《【「『〔")
_QUOTES = set("“”‘’\"'")
_WORD = re.compile(r"[\dA-Za-z.,%％+\-]")
_RUNNING = 2 / 3  # of the pages from a running head's first to its last: those that carry it
_FULL = 0.95  # of a page width's lines: those that end short of where this share of them ends
_ENOUGH = 10  # lines of a page, or of a page width: fewer do not show where full lines end
_HALF = 0.5  # of the font size: the width of a digit or Latin letter, about; other characters a whole


def narrative_text(pages: list[Page], table_pages: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """The text of the part whose heading says 说明 (第三部分 …情况说明), or "" where there is none,
    and where each page starts in it (offset, page number). Pages that hold the tables are left
    out: their titles and notes are not the narrative."""
    located = _paragraphs([p for p in pages if p.number not in table_pages])
    paragraphs = [text for text, _ in located]
    starts = [i for i, text in enumerate(paragraphs) if _PART.match(text)]
    best: tuple[int, int, int] | None = None  # (length, start, end)
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        head = "".join(paragraphs[start:start + 2])[:60]
        # The 目录 names the same part: its section is a few short lines, the part itself pages.
        size = sum(len(p) for p in paragraphs[start:end])
        if "说明" in head and (best is None or size > best[0]):
            best = (size, start, end)
    if best is None:
        return "", []
    starts_at: list[tuple[int, int]] = []
    offset = 0
    for text, turns in located[best[1]:best[2]]:
        for at, page in turns:
            if not starts_at or starts_at[-1][1] != page:
                starts_at.append((offset + at, page))
        offset += len(text) + 1
    return "\n".join(paragraphs[best[1]:best[2]]), starts_at


def _paragraphs(pages: list[Page]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Paragraphs, each with where in it a page starts: (offset, page), the first at 0."""
    furniture = _running_heads(pages)
    paragraphs: list[tuple[str, list[tuple[int, int]]]] = []
    room: float | None = None  # how far short of the right margin the last line ended
    last = ""  # the text of the page before's last line
    kept = {page.number: [line for line in page.lines if not _is_furniture(line, page, furniture)] for page in pages}
    margins = _margins(pages, kept)
    for page in pages:
        lines = kept[page.number]
        if lines and lines[0].text == last:
            # The page before's last line again, above this page's first: a paragraph run over a
            # page drawn as a whole on each page, clipped out of sight (as Qt draws it), is in the file twice.
            lines = lines[1:]
        if not lines:
            continue
        last = lines[-1].text
        left, right = margins[page.number]
        for line in lines:
            text = line.text.strip()
            starts = line.x0 > left + _INDENT * line.size or bool(_MARK.match(text))
            reach = max(_SHORT * line.size, _first_word(text, line.size) + _HALF * line.size)
            if room is not None and room <= reach and not starts and paragraphs:
                before, turns = paragraphs[-1]
                joined = _join(before, text)
                if turns[-1][1] != page.number:  # a sentence going on overleaf
                    turns.append((len(joined) - len(text), page.number))
                paragraphs[-1] = (joined, turns)
            else:
                paragraphs.append((text, [(0, page.number)]))
            room = right - line.x1
    return paragraphs


def _margins(pages: list[Page], kept: dict[int, list[Line]]) -> dict[int, tuple[float, float]]:
    """Each page's left and right margin: its own where it has lines enough to show them (a document
    may print odd and even pages with their margins mirrored), else those of all pages of its width
    (a page of two caption lines above a table shows no right margin of its own). The right one is
    where nearly all full lines end, so a line drawn out into the margin does not move it; with too
    few lines of a width to tell, it is as far in from the right edge as the left one from the left."""

    def of(lines: list[Line], width: float) -> tuple[float, float]:
        left = min(line.x0 for line in lines)
        ends = sorted(line.x1 for line in lines)
        return left, ends[int(_FULL * (len(ends) - 1))] if len(ends) >= _ENOUGH else width - left

    by_width: dict[float, list[Line]] = {}
    for page in pages:
        by_width.setdefault(page.width, []).extend(kept[page.number])
    shared = {width: of(lines, width) for width, lines in by_width.items() if lines}
    return {page.number: of(kept[page.number], page.width) if len(kept[page.number]) >= _ENOUGH else shared.get(page.width, (0.0, page.width))
            for page in pages}


def _first_word(text: str, size: float) -> float:
    """The width, about, of what the line starts with that a line may not be broken inside."""
    end = len(text)
    for i in range(1, len(text)):
        before, ch = text[i - 1], text[i]
        glued = (ch in _CLOSING or before in _OPENING or ch in _QUOTES or before in _QUOTES
                 or bool(_WORD.match(before) and _WORD.match(ch)))
        if not glued:
            end = i
            break
    return sum(_HALF if ch.isascii() else 1.0 for ch in text[:end]) * size


def _join(before: str, after: str) -> str:
    # Chinese runs on without a space; two words of Latin letters keep theirs.
    if before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() and after[:1].isalpha():
        return f"{before} {after}"
    return before + after


def _running_heads(pages: list[Page]) -> set[str]:
    """Texts printed as the first or last line of at least three pages (digits aside), and of nearly
    every page from the first of them to the last: a running head or foot. A caption repeated above
    some tables of a part (“市级项目绩效自评表”) stands on some pages only, and is kept."""
    seen: dict[str, list[int]] = {}
    for n, page in enumerate(pages):
        for text in {_key(page.lines[0].text), _key(page.lines[-1].text)} if page.lines else ():
            seen.setdefault(text, []).append(n)
    return {text for text, at in seen.items() if text and len(at) >= 3 and len(at) >= _RUNNING * (at[-1] - at[0] + 1)}


def _key(text: str) -> str:
    return re.sub(r"\d+|\s", "", text)


def _is_furniture(line: Line, page: Page, heads: set[str]) -> bool:
    edge = line is page.lines[0] or line is page.lines[-1]
    return edge and (is_page_number(line.text) or _key(line.text) in heads)
