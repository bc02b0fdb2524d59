"""Opening a workbook and reading its cells: refusals in Chinese, figures as exact decimals."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop.core.money import AmountError, parse_amount


class ExcelError(Exception):
    """A workbook that cannot be used at all; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Warning_:
    """A cell that could not be placed, and why."""

    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        return f"“{self.sheet}”工作表 {self.cell}：{self.reason}"

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "cell": self.cell, "reason": self.reason}


def open_workbook(path: Path):
    if not path.exists():
        raise ExcelError(f"找不到文件“{path}”")
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == b"PK\x03\x04" and not zipfile.is_zipfile(path):
        raise ExcelError(f"“{path}”已损坏（不完整），无法读取；请重新从原处复制或导出")
    if not zipfile.is_zipfile(path):
        raise ExcelError(f"“{path}”不是 Excel 工作簿（.xlsx），无法读取；如是 .xls 或 WPS 文件，请先另存为 .xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            return load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged zip raises anything from BadZipFile to KeyError
        raise ExcelError(f"“{path}”已损坏或不是有效的 Excel 工作簿，无法读取（{type(exc).__name__}）") from exc


def address(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def amount_of(value, decimals: int) -> Decimal | None:
    """A figure from a cell that holds a number or text like "1,234.50" or "—"; raises AmountError."""
    if value is None:
        return None
    if isinstance(value, float):
        # repr gives the shortest decimal that reads back as this float: what Excel shows.
        # It spells inf and nan too, which parse_amount refuses as out of range.
        value = Decimal(repr(value))
    return parse_amount(value if isinstance(value, (int, Decimal)) else str(value), decimals=decimals)


def is_number_like(value) -> bool:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return True
    if isinstance(value, str):
        try:
            return parse_amount(value) is not None
        except AmountError:
            return False
    return False


def sheet_grid(sheet) -> dict[tuple[int, int], object]:
    """Non-empty cells by (row, col), 1-based, with a merged range's value in each of its cells."""
    grid: dict[tuple[int, int], object] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip()):
                grid[(cell.row, cell.column)] = cell.value
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        if value is None:
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid.setdefault((r, c), value)
    return grid
