"""Text the user enters (unit facts, 空表说明, 出错说明, 情况说明): bounded, and free of what no document holds.

Control characters and NUL cannot be written into Word, PDF or xlsx files (their XML refuses
them), and a lone surrogate (a command-line argument that was not UTF-8) cannot even be saved:
they are taken out at entry, and again when the file is read, so every writer gets clean text.
"""

from __future__ import annotations

import re

from desktop.core.changes import EditError

# C0 and C1 controls, DEL and the two noncharacters XML refuses; tab and line ends are kept where
# the text may have lines. Lone surrogates are what a non-UTF-8 argument decodes to.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Word's manual line break (\x0b) and page break (\x0c) in pasted text: line breaks.
_WORD_BREAKS = str.maketrans("\x0b\x0c", "\n\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\r\n]+")

# The most characters each kind of text takes: far beyond any real one, short of what makes
# a report or a publication run for minutes (a unit name is also a Word title, at most 255).
UNIT_NAME_CHARS = 100
UNIT_FACT_CHARS = 200
NOTE_CHARS = 100_000
TEXT_CHARS = 200_000


class TextTooLong(EditError):
    """Entered text beyond its bound: the edit is refused, the message naming the field and the bound."""


def printable(text: str) -> str:
    """The text without control characters (tab and line ends kept, Word's breaks made line ends) and
    with no lone surrogate."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text.translate(_WORD_BREAKS)))


def undecoded(text: str) -> bool:
    """The text holds bytes that were not UTF-8 (Python passes them on as lone surrogates)."""
    return _SURROGATE.search(text) is not None


def entered(text: str, what: str, limit: int, *, lines: bool = True) -> str:
    """Entered text made printable and trimmed; a single-line field has its breaks made spaces."""
    text = printable(text)
    if not lines:
        text = _LINE_BREAKS.sub(" ", text)
    text = text.strip()
    if len(text) > limit:
        raise TextTooLong(f"{what}太长（{len(text):,} 个字符），最多 {limit:,} 个字符")
    return text
