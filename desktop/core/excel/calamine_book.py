"""An .xls or .ods workbook read by python-calamine, given the shape of openpyxl's that the layout
reader asks for (sheet names, rows of cells, merged ranges, hidden sheets).

calamine gives values, not number formats: the decimals each figure shows are read from the
file's own formats (shown_places), and a figure stored with more decimals is read as shown, as an
.xlsx's is; where the formats cannot be read it stays as stored (and is named, not rounded).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple

from desktop.core.excel.shown_values import ShownRounding
from desktop.core.excel.xlsx_values import _Value


class _Range(NamedTuple):
    min_row: int
    min_col: int
    max_row: int
    max_col: int


class _Merged:
    def __init__(self, ranges: list[_Range]):
        self.ranges = ranges


def read_book(path: Path, kind: str) -> "CalamineBook":
    """Raises whatever calamine raises for a file it cannot read; the caller words the refusal."""
    from python_calamine import CalamineWorkbook  # loaded only for the formats that need it

    from desktop.core.excel.shown_places import shown_places

    # From its bytes, not its path: calamine then tells the format by content, as file_kind did,
    # where from a path it goes by the name (an .xls saved as "x.xlsx" would be read as a zip).
    book = CalamineBook(CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes())))
    book.notes = book.as_shown(shown_places(path, kind))
    return book


class CalamineBook:
    """Every worksheet's cells, read when the book is opened (the file is closed at once)."""

    def __init__(self, workbook):
        self.worksheets: list[GridSheet] = []
        visible = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in workbook.sheets_metadata}
        for name in workbook.sheet_names:
            if str(next(m.typ for m in workbook.sheets_metadata if m.name == name)).lower().endswith("chartsheet"):
                continue
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [_Range(a + 1, b + 1, c + 1, d + 1) for (a, b), (c, d) in (sheet.merged_cell_ranges or [])]
            self.worksheets.append(GridSheet(name, rows, merged, "visible" if visible.get(name) == "visible" else "hidden"))
        workbook.close()
        self.sheetnames = [s.title for s in self.worksheets]
        self.notes: list = []  # what reading it warns of, as an .xlsx's (shown_values)

    def as_shown(self, places) -> list:
        """Figures rounded to the decimals they show; the warning saying so, if any was."""
        rounding = ShownRounding()
        for sheet in self.worksheets:
            shown = places.get(sheet.title, {})
            for at, value in sheet._cells.items():
                if at in shown:
                    sheet._cells[at] = rounding.shown(sheet.title, *at, value, shown[at])
        return rounding.warnings()

    def __getitem__(self, name: str) -> "GridSheet":
        return next(s for s in self.worksheets if s.title == name)

    def close(self) -> None:
        """Nothing stays open: present because every reader of a workbook closes it."""


class GridSheet:
    """One sheet's values by position (1-based), as openpyxl's cells."""

    def __init__(self, title: str, rows: list[list], merged: list[_Range], state: str):
        self.title, self.sheet_state = title, state
        self.merged_cells = _Merged(merged)
        self._cells = {
            (r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v != "" and v is not None
        }
        self.max_row = max((r for r, _ in self._cells), default=0)
        self.max_column = max((c for _, c in self._cells), default=0)

    def cell(self, row: int, column: int) -> _Value:
        return _Value(self._cells.get((row, column)), row, column)

    def iter_rows(self, max_row: int | None = None, values_only: bool = False):
        for r in range(1, min(self.max_row, max_row or self.max_row) + 1):
            values = [self._cells.get((r, c)) for c in range(1, self.max_column + 1)]
            yield tuple(values) if values_only else tuple(_Value(v, r, c) for c, v in enumerate(values, 1))

