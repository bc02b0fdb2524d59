"""The 情况说明's own headings: “一、…” a section, “（一）…” a subsection, “第二部分 …” the part it was pasted from."""

from __future__ import annotations

import re

SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def heading_level(line: str) -> int | None:
    """1 for a section, 2 for a subsection, None for body text."""
    if SECTION.match(line):
        return 1
    if SUBSECTION.match(line):
        return 2
    return None
