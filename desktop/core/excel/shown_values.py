"""A workbook's cells as a reader sees them on screen: a formula saved without its value computed
(or marked uncomputed), and a figure stored with more decimals than its number format shows read
as shown, rounded half-up, with one warning for the workbook."""

from __future__ import annotations

import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from desktop.core.excel.bounds import read_part
from desktop.core.excel.formulas import compute
from desktop.core.excel.reading import Formula, Warning_, address, as_excel_shows

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
# Quoted text, escaped characters, [colour]/[condition] codes, padding and fill: none is a digit place.
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')


def settle(fh, book) -> list[Warning_]:
    """Computes what formulas it can, marks the rest, rounds figures to what they show; the one
    warning for the rounding, when there was any."""
    _formulas(fh, book)
    return _as_shown(book)


def _formulas(fh, book) -> None:
    """Puts a formula's computed value, or a Formula to be named, where a cell has a formula but
    no saved value: read for values only such a cell looks empty and a total would go missing."""
    with zipfile.ZipFile(fh) as archive:
        if not any(_FORMULA_TAG.search(read_part(archive, n)) for n in archive.namelist() if n.startswith("xl/worksheets/")):
            return
    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell

    fh.seek(0)
    formulas = load_workbook(fh, read_only=True)
    try:
        for sheet in formulas.worksheets:
            if sheet.title not in book.sheetnames or not hasattr(sheet, "iter_rows"):
                continue
            values = book[sheet.title]
            uncalculated = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    target = values.cell(cell.row, cell.column)
                    if target.value is None and not isinstance(target, MergedCell):
                        uncalculated[(cell.row, cell.column)] = getattr(cell.value, "text", None) or str(cell.value)
            if not uncalculated:
                continue
            held = {at: c.value for at, c in values._cells.items() if c.value is not None}  # as in _as_shown
            computed = compute(uncalculated, held)
            for at, text in uncalculated.items():
                # Set past the value setter, which would make a plain str of a Formula.
                values.cell(*at)._value = computed.get(at, Formula(text))
    finally:
        formulas.close()


@lru_cache(maxsize=256)
def shown_decimals(number_format: str) -> int | None:
    """The decimals a number format shows for a positive figure; None for General, text, percent,
    scientific and date formats (nothing to round a figure to)."""
    section = _LITERALS.sub("", (number_format or "").split(";")[0])
    if not section or section.lower() == "general" or re.search(r"[%Ee@yYmMdDhHsS]", section):
        return None
    if not re.search(r"[0#?]", section):
        return None
    fraction = re.search(r"\.([0#?]*)", section)
    return len(fraction.group(1)) if fraction else 0


def past_shown(stored: Decimal, places: int | None) -> bool:
    """A figure stored with more decimals than `places` shows; a whole figure read as 5.0 (an .ods
    gives every figure as a float) shows no more than 5."""
    return places is not None and stored.is_finite() and stored.normalize().as_tuple().exponent < -places


class ShownRounding:
    """Figures stored with more decimals than they show, read as shown (rounded half-up), and the
    one warning for the workbook that says so."""

    def __init__(self):
        self.count, self._first = 0, None

    def shown(self, sheet: str, row: int, col: int, value, places: int | None):
        """The value as its `places` show it; anything else (text, a whole figure) as it is."""
        if isinstance(value, bool) or not isinstance(value, (float, int, Decimal)):
            return value
        stored = value if isinstance(value, Decimal) else as_excel_shows(value)
        if not past_shown(stored, places):
            return value
        try:
            shown = stored.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        except InvalidOperation:  # too large to carry its decimals: refused as a figure later
            return value
        self.count += 1
        if self._first is None:
            self._first = (sheet, address(row, col), stored, shown)
        return shown

    def warnings(self) -> list[Warning_]:
        if not self.count:
            return []
        sheet, where, stored, shown = self._first
        return [Warning_(sheet, where, (
            f"{self.count} 个数字存的小数位多于显示的（如 {stored} 显示为 {shown}），均按显示的数读取（四舍五入）；"
            "如需精确数，请在 Excel 中把它们四舍五入后保存"))]


def _as_shown(book) -> list[Warning_]:
    rounding = ShownRounding()
    for sheet in book.worksheets:
        # The cells the sheet holds (openpyxl's own dict): iter_rows would create every cell of the span.
        for cell in getattr(sheet, "_cells", {}).values():
            if isinstance(cell.value, (float, Decimal)):
                cell._value = rounding.shown(sheet.title, cell.row, cell.column, cell.value, shown_decimals(cell.number_format))
    return rounding.warnings()
