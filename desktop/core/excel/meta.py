"""The hidden `_juesuan` sheet: what a round trip needs beyond the printed tables.

Key/value rows: unit facts, 科目 rows (custom names included), which figures were typed
(a computed total is printed like any figure but must come back computed), 空表说明,
出错说明, the 情况说明 texts, and where each form's grid sits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.definitions import CellRef
from desktop.core.excel.cells import put_text

SHEET = "_juesuan"
FORMAT = "juesuan-excel"
VERSION = "1"


@dataclass
class Meta:
    unit: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)  # form, code, name, custom
    typed: list[CellRef] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    sheets: dict[str, tuple[str, int]] = field(default_factory=dict)  # form → (sheet, grid top row)
    # Typed figures of forms that are not published (年初预算 and the like): no printed sheet holds them.
    values: dict[CellRef, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # the 情况说明 and its sections


# Excel keeps at most 32,767 characters in a cell; a long 情况说明 spans several.
CHUNK = 30000


def write_meta(book, meta: Meta) -> None:
    sheet = book.create_sheet(SHEET)
    sheet.sheet_state = "hidden"
    lines: list[tuple[str, ...]] = [("format", FORMAT, VERSION)]
    lines += [("unit", k, v) for k, v in meta.unit.items()]
    lines += [("row", form, code, name, "自定义" if custom else "") for form, code, name, custom in meta.rows]
    lines += [("typed", ref.form, ref.row, ref.col) for ref in meta.typed]
    lines += [("note", form, text) for form, text in meta.notes.items()]
    lines += [("explanation", key, text) for key, text in meta.explanations.items()]
    lines += [("sheet", form, name, str(top)) for form, (name, top) in meta.sheets.items()]
    lines += [("value", ref.form, ref.row, ref.col, text) for ref, text in meta.values.items()]
    lines += [
        ("text", key, *(text[i:i + CHUNK] for i in range(0, len(text), CHUNK))) for key, text in meta.texts.items()
    ]
    for r, line in enumerate(lines, start=1):
        for c, text in enumerate(line, start=1):
            put_text(sheet, r, c, text)


def read_meta(book) -> Meta | None:
    """The round-trip data of a workbook this program wrote; None for any other workbook."""
    if SHEET not in book.sheetnames:
        return None
    meta = Meta()
    found = False
    for line in book[SHEET].iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in line]
        cells += [""] * (6 - len(cells))
        kind = cells[0]
        if kind == "format":
            found = cells[1] == FORMAT
        elif kind == "unit":
            meta.unit[cells[1]] = cells[2]
        elif kind == "row":
            meta.rows.append((cells[1], cells[2], cells[3], cells[4] == "自定义"))
        elif kind == "typed":
            meta.typed.append(CellRef(cells[1], cells[2], cells[3]))
        elif kind == "note":
            meta.notes[cells[1]] = cells[2]
        elif kind == "explanation":
            meta.explanations[cells[1]] = cells[2]
        elif kind == "value":
            meta.values[CellRef(cells[1], cells[2], cells[3])] = cells[4]
        elif kind == "sheet":
            meta.sheets[cells[1]] = (cells[2], int(cells[3]))
        elif kind == "text":
            meta.texts[cells[1]] = "".join(cells[2:])
    return meta if found else None
