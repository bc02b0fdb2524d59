"""Opening a workbook and reading its cells: refusals in Chinese, figures as exact decimals."""

from __future__ import annotations

import datetime
import re
import unicodedata
import warnings
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from desktop.core.money import SIGNIFICANT, AmountError, OutOfRange, parse_amount


class ExcelError(Exception):
    """A workbook that cannot be used at all; the message is Chinese and names the file."""


class Warning_(NamedTuple):
    """A cell that could not be placed, and why."""

    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        return f"“{self.sheet}”工作表 {self.cell}：{self.reason}"

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "cell": self.cell, "reason": self.reason}


class Formula(str):
    """A formula Excel never calculated (no value saved with it): its text, never a figure."""


class BadFigure(Exception):
    """A figure placed in a table that no table can hold: the workbook is refused, not imported without it."""

    def __init__(self, sheet: str, cell: str, reason: str):
        super().__init__(f"工作表“{sheet}”单元格 {cell}：{reason}")


class NeedsLayout(Exception):
    """A workbook read for values only turned out to need its merged cells: read it in full."""


def require_workbook(path: Path) -> str:
    """The workbook's kind ("xlsx", "xls" or "ods"), told by its content, of a size that may be
    unpacked; ExcelError naming the file and why it is refused otherwise."""
    # Imported here: both modules word their refusals with this module's ExcelError.
    from desktop.core.excel import bounds
    from desktop.core.excel.file_kind import workbook_kind

    kind = workbook_kind(path)
    if kind != "xls":
        bounds.check_size(path)
    return kind


def open_workbook(path: Path, kind: str | None = None):
    """The workbook, for a `kind` that require_workbook has given (asked for here when not),
    refused before it is loaded when its cells pass a bound (bounds)."""
    from desktop.core.excel import bounds

    kind = kind or require_workbook(path)
    if kind == "xls":
        bounds.check_xls(path)
    else:
        bounds.check_parts(path, kind)
    if kind != "xlsx":
        return _other_format(path, kind)
    # Imported here: a workbook this program wrote is read without it (xlsx_values).
    from openpyxl import load_workbook

    from desktop.core.excel.shown_values import settle

    try:
        # Opened here, not by openpyxl, so that a file it fails on is closed all the same.
        with warnings.catch_warnings(), path.open("rb") as fh:
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = load_workbook(fh, data_only=True)
            book.notes = settle(fh, book)
            return book
    except Exception as exc:  # a damaged zip raises anything from BadZipFile to KeyError
        raise ExcelError(f"“{path}”已损坏或不是有效的 Excel 工作簿，无法读取（{type(exc).__name__}）") from exc


def _other_format(path: Path, kind: str):
    from desktop.core.excel.calamine_book import read_book

    try:
        return read_book(path, kind)
    except Exception as exc:  # noqa: BLE001 - calamine reports damage as several exception types
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ExcelError(f"“{path}”设有密码（已加密），无法读取；请在 Excel 中取消密码、另存后再导入") from exc
        raise ExcelError(f"“{path}”已损坏或不是有效的工作簿，无法读取（{type(exc).__name__}）") from exc


def address(row: int, col: int) -> str:
    """“B5” for row 5, column 2."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


_CELL = re.compile(r"^([A-Z]+)([0-9]+)$")


def cell_place(cell: str) -> tuple[int, int] | None:
    """(12, 3) for “C12”, as `address` writes it; None for a place that is no cell (页眉, 工作表名)."""
    m = _CELL.match(cell)
    if not m:
        return None
    column = 0
    for ch in m.group(1):
        column = column * 26 + ord(ch) - 64
    return int(m.group(2)), column


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


# Marks a template prints in a cell not to be filled ("*", "×"): no figure, like a blank.
NOT_APPLICABLE = {"*", "×"}
# A figure typed with its 金额单位 after the digits ("1,234.56万元"): the two units a table is printed in.
_WRITTEN_UNIT = re.compile(r"(万元|元)$")


def written_unit(value) -> str | None:
    """The 金额单位 a figure typed as text carries after its digits, if any."""
    if not isinstance(value, str) or isinstance(value, Formula):
        return None
    found = _WRITTEN_UNIT.search(unicodedata.normalize("NFKC", value).strip())
    return found.group(1) if found else None


ERROR_VALUES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}


def _amount(value, decimals: int, unit: str | None = None) -> Decimal | None:
    """A figure from a cell that holds a number or text like "1,234.50" or "—"; text ending in `unit`
    ("1,234.50万元") is read in it.

    Raises AmountError for a cell that holds no figure (text, a formula never calculated, an
    error value, TRUE/FALSE, a date), OutOfRange for a number no table can hold.
    """
    if value is None:
        return None
    if isinstance(value, Formula):
        raise AmountError(f"公式“{value[:40]}”没有保存计算结果，且不只是 SUM 与加减（请在 Excel 中打开、保存后再导入）")
    if isinstance(value, bool):
        raise AmountError(f"逻辑值 {str(value).upper()} 不是数字")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise AmountError(f"日期或时间“{value}”不是数字")
    if isinstance(value, str) and value.strip() in ERROR_VALUES:
        raise AmountError(f"Excel 错误值 {value.strip()} 不是数字")
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in NOT_APPLICABLE:
        return None
    if isinstance(value, float):
        value = as_excel_shows(value)  # inf and nan too, which parse_amount refuses as out of range
    return parse_amount(value if isinstance(value, (int, Decimal)) else str(value), decimals=decimals, unit=unit)


def as_excel_shows(value: float) -> Decimal:
    """A float as Excel holds and shows it, to 15 significant digits: the float a sum leaves
    (73687.35000000001, which repr spells out to 17) is 73687.35 there."""
    exact = Decimal(repr(value))
    if not exact.is_finite() or not exact:
        return exact
    least = exact.adjusted() - (SIGNIFICANT - 1)
    return exact.quantize(Decimal(1).scaleb(least)) if exact.as_tuple().exponent < least else exact


def past_decimals(value, decimals: int) -> Decimal | None:
    """A number stored with more decimals than a table's figures carry and shown with them all (General
    format: 元 ÷ 10000 left unrounded, 73687.3512), rounded half-up to the table's; None for any other cell."""
    if isinstance(value, bool) or not isinstance(value, (float, Decimal)):
        return None
    stored = as_excel_shows(value) if isinstance(value, float) else value
    if not stored.is_finite() or stored.normalize().as_tuple().exponent >= -decimals:
        return None
    try:
        return stored.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    except InvalidOperation:  # too large to carry its decimals: refused as a figure
        return None


def figure_of(value, decimals: int, sheet: str, cell: str, unit: str | None = None) -> Decimal | None:
    """The figure in a cell a table takes (typed with `unit` after it, when given): a number it cannot
    hold refuses the workbook (BadFigure)."""
    try:
        return _amount(value, decimals, unit)
    except OutOfRange as exc:
        raise BadFigure(sheet, cell, f"{exc}；该数字无法导入，请在 Excel 中更正后重新导入") from exc


def is_number_like(value) -> bool:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return True
    if isinstance(value, str) and not isinstance(value, Formula):
        try:
            return parse_amount(value, unit=written_unit(value)) is not None
        except OutOfRange:
            return True  # a number all the same; where it is not taken, it is reported
        except AmountError:
            return False
    return False


def sheet_grid(sheet) -> dict[tuple[int, int], object]:
    """Non-empty cells by (row, col), 1-based, with a merged range's text in each of its cells: a header or
    label spans them all. A number (a figure, a 栏次 or 行次, a code) is printed once however wide its
    cell: copied, a figure would be read again in each column the range crosses, and 栏次 1, 1, 2, 2 is
    no 栏次 row."""
    grid: dict[tuple[int, int], object] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip()):
                grid[(cell.row, cell.column)] = cell.value
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        if value is None or is_number_like(value):
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid.setdefault((r, c), value)
    return grid
