"""Writing one cell safely: text Excel cannot take for a formula, figures as numbers."""

from __future__ import annotations

from decimal import Decimal

# Text starting with one of these would be read by Excel as a formula (or DDE payload).
FORMULA_START = ("=", "+", "-", "@")


def put_text(sheet, row: int, col: int, text: str):
    """Writes text that stays text, whatever it starts with."""
    cell = sheet.cell(row=row, column=col)
    cell.value = text
    if isinstance(text, str) and text.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_number(sheet, row: int, col: int, value: Decimal | None):
    cell = sheet.cell(row=row, column=col)
    cell.value = value  # openpyxl writes a Decimal as a number; None leaves the cell blank
    return cell
