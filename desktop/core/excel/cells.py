"""Writing one cell safely: text Excel cannot take for a formula, figures as numbers, no illegal characters."""

from __future__ import annotations

import re
from decimal import Decimal

# Text starting with one of these would be read by Excel as a formula (or DDE payload).
FORMULA_START = ("=", "+", "-", "@")
# XML 1.0 has no place for these: openpyxl raises IllegalCharacterError, Excel calls the file damaged.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel keeps at most 32,767 characters in a cell; longer texts are split into pieces this long.
CELL_LIMIT = 32_767
CHUNK = 30_000


def printable(text: str) -> str:
    """Text as a printed cell shows it.

    Word's manual line break (\\x0b, pasted with a paragraph) and CR line ends become line
    breaks; other control characters have no printed form and are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return ILLEGAL.sub("", text)


def as_printed(text: str) -> str:
    """What put_text writes for a text: printable, and no longer than a cell holds."""
    return printable(text)[:CELL_LIMIT]


def pieces(text: str) -> list[str]:
    """A text in cell-sized pieces, in order; an empty text is one empty piece."""
    return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def put_text(sheet, row: int, col: int, text: str):
    """Writes text that stays text, whatever it starts with and whatever characters it holds.

    A text longer than a cell holds is cut here: callers that must keep it whole (情况说明,
    空表理由) split it with `pieces` first; headings that quote a name (编制单位) are cut, and
    the hidden sheet keeps the name whole.
    """
    text = as_printed(text)
    cell = sheet.cell(row=row, column=col)
    cell.value = text
    if text.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_number(sheet, row: int, col: int, value: Decimal | None):
    cell = sheet.cell(row=row, column=col)
    cell.value = value  # openpyxl writes a Decimal as a number; None leaves the cell blank
    return cell
