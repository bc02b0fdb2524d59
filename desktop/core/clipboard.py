"""Clipboard text of a cell range, read and written the way Excel and WPS do."""

from __future__ import annotations

_QUOTE_WHEN = ("\t", "\n", "\r", '"')


def parse_table(text: str) -> list[list[str]]:
    """Rows by newline, cells by tab; quoted cells may hold tabs, newlines and doubled quotes.

    A trailing newline ends the last row rather than starting an empty one, and ragged rows
    are padded with "" to the widest, so the result is always a rectangle.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        ch = text[i]
        if at_cell_start and ch == '"':
            end = _closing_quote(text, i)
            if end is not None:
                cell.append(text[i + 1:end].replace('""', '"'))
                i = end + 1
                at_cell_start = False
                continue
        at_cell_start = False
        if ch == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif ch in "\r\n":
            if ch == "\r" and text.startswith("\n", i + 1):
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(ch)
        i += 1
    if cell or row or not rows:
        row.append("".join(cell))
        rows.append(row)
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _closing_quote(text: str, start: int) -> int | None:
    """Where a quoted cell opened at `start` closes, or None if it is not a quoted cell.

    Excel quotes only whole cells, so the closing quote must be followed by a tab, a newline
    or the end; otherwise the quote is an ordinary character (a cell typed as `"abc" d`).
    """
    i = start + 1
    while True:
        i = text.find('"', i)
        if i < 0:
            return None
        if text.startswith('"', i + 1):
            i += 2
            continue
        if i + 1 == len(text) or text[i + 1] in "\t\r\n":
            return i
        return None


def format_table(rows: list[list[str]]) -> str:
    """The inverse of parse_table, as Excel on Windows writes it: "\\r\\n" after every row."""
    return "".join("\t".join(_quote(cell) for cell in row) + "\r\n" for row in rows)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in _QUOTE_WHEN):
        return '"' + cell.replace('"', '""') + '"'
    return cell
