"""The hidden `_juesuan` sheet: what a round trip needs beyond the printed tables.

Key/value rows: unit facts, 科目 rows (custom names included), which figures were typed
(a computed total is printed like any figure but must come back computed), 空表说明,
出错说明, the 情况说明 texts, where each form's grid sits, and the tables and columns the
workbook the workspace was imported from lacked.

The sheet is read only if every line of it makes sense; one that does not (a damaged file,
a hand edit) raises Untrusted, and the workbook is read like any other workbook.
"""

from __future__ import annotations

import re

from desktop.core.definitions import CellRef, FormSet
from desktop.core.excel.cells import pieces, put_text
from desktop.core.excel.reading import address
from desktop.core.workspace import UNIT_DEFAULTS, EditError, validate_unit

SHEET = "_juesuan"
FORMAT = "juesuan-excel"
# Version 2 escapes control characters and lets every line's last field run on across cells.
VERSION = "2"
CUSTOM = "自定义"
# Excel's last row; a grid said to start below it is not a grid this program wrote.
MAX_ROW = 1_048_576


class Untrusted(Exception):
    """A `_juesuan` sheet that cannot be believed; says which cell and why, in Chinese."""

    def __init__(self, cell: str, reason: str):
        super().__init__(f"{cell}：{reason}")
        self.cell, self.reason = cell, reason


class Meta:
    """What the hidden sheet says: written from a workspace by the export, read back by the import."""

    def __init__(self, *, unit: dict[str, str] | None = None, rows: list[tuple[str, str, str, bool]] | None = None,
                 typed: list[CellRef] | None = None, notes: dict[str, str] | None = None,
                 explanations: dict[str, str] | None = None, texts: dict[str, str] | None = None,
                 absent: list[tuple[str, str]] | None = None):
        self.unit = unit or {}
        self.rows = rows or []  # form, code, name, custom
        self.typed = typed or []
        self.notes = notes or {}
        self.explanations = explanations or {}
        self.texts = texts or {}  # the 情况说明 and its sections
        # What the workbook the workspace was imported from lacked: (form, column), column '' for a table.
        self.absent = absent or []
        self.sheets: dict[str, tuple[str, int]] = {}  # form → (sheet, grid top row)
        # Typed figures of forms that are not published (年初预算 and the like): no printed sheet holds them.
        self.values: dict[CellRef, str] = {}
        # Where each line about a cell or row was read, so that a later check can name it.
        self.origin: dict[object, str] = {}


# Control characters are escaped here, not dropped as on the printed sheets: this sheet is
# what the round trip reads, and a text must come back exactly as stored. CR is escaped too,
# since XML readers turn a raw CR into LF; the backslash escapes itself so that a typed
# "\u000b" stays those six characters.
_ESCAPE = re.compile(r"[\\\x00-\x08\x0b-\x1f\ufffe\uffff]")
_UNESCAPE = re.compile(r"\\(\\|u[0-9a-f]{4})")


def escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\u{ord(m.group()):04x}", text)


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)


# The fields of each kind of line; the last may run on across the cells to its right.
FIELDS = {
    "format": 2, "unit": 2, "row": 4, "typed": 3, "note": 2, "explanation": 2, "sheet": 3, "value": 4, "text": 2,
    "absent": 2,
}


def write_meta(book, meta: Meta) -> None:
    sheet = book.create_sheet(SHEET)
    sheet.sheet_state = "hidden"
    lines: list[tuple[str, ...]] = [("format", FORMAT, VERSION)]
    lines += [("unit", k, v) for k, v in meta.unit.items()]
    lines += [("row", form, code, CUSTOM if custom else "", name) for form, code, name, custom in meta.rows]
    lines += [("typed", ref.form, ref.row, ref.col) for ref in meta.typed]
    lines += [("note", form, text) for form, text in meta.notes.items()]
    lines += [("explanation", key, text) for key, text in meta.explanations.items()]
    lines += [("sheet", form, name, str(top)) for form, (name, top) in meta.sheets.items()]
    lines += [("value", ref.form, ref.row, ref.col, text) for ref, text in meta.values.items()]
    lines += [("text", key, text) for key, text in meta.texts.items()]
    lines += [("absent", form, col) for form, col in meta.absent]
    for r, line in enumerate(lines, start=1):
        fields = [escape(text) for text in line]
        for c, text in enumerate(fields[:-1] + pieces(fields[-1]), start=1):
            put_text(sheet, r, c, text)


def read_meta(book, forms: FormSet) -> Meta | None:
    """The round-trip data of a workbook this program wrote; None for any other workbook.

    Raises Untrusted, naming the first cell that makes no sense, for a sheet that is damaged.
    """
    if SHEET not in book.sheetnames:
        return None
    sheet = book[SHEET]
    if not hasattr(sheet, "iter_rows"):  # a chart sheet of that name
        raise Untrusted("A1", "不是工作表")
    lines = list(sheet.iter_rows(values_only=True))
    first = _fields(lines[0], 3, escaped=False) if lines else []
    if first[:2] != ["format", FORMAT] or first[2] not in ("1", VERSION):
        raise Untrusted("A1", "第一行不是本程序的格式标记（juesuan-excel 1 或 2）")
    version = first[2]
    meta = Meta()
    for r, line in enumerate(lines[1:], start=2):
        kind = "" if line[0] is None else str(line[0])
        if kind not in FIELDS or kind == "format":
            if all(v is None for v in line):
                continue
            raise Untrusted(address(r, 1), f"不认识的行类型“{kind[:20]}”")
        if version == "1":
            fields = _fields_v1(kind, line)
        else:
            fields = _fields(line, FIELDS[kind] + 1, escaped=True)[1:]
        _take(meta, kind, fields, r, forms)
    return meta


def _fields(line, count: int, *, escaped: bool) -> list[str]:
    """The first count-1 cells as they are, the last field joined from the cells after them."""
    cells = ["" if v is None else str(v) for v in line]
    cells += [""] * (count - len(cells))
    fields = cells[:count - 1] + ["".join(cells[count - 1:])]
    return [unescape(f) for f in fields] if escaped else fields


def _fields_v1(kind: str, line) -> list[str]:
    """Version 1: no escapes, only `text` ran on, and a row's name came before its custom mark."""
    fields = _fields(line, FIELDS[kind] + 1, escaped=False)[1:] if kind == "text" else [
        "" if v is None else str(v) for v in list(line[1:FIELDS[kind] + 1])
    ]
    fields += [""] * (FIELDS[kind] - len(fields))
    if kind == "row":
        form, code, name, custom = fields
        fields = [form, code, custom, name]
    return fields


def _take(meta: Meta, kind: str, fields: list[str], r: int, forms: FormSet) -> None:
    def refuse(col: int, reason: str):
        raise Untrusted(address(r, col), reason)

    def known_form(col: int, published: bool = False) -> str:
        form = fields[col - 2]
        if form not in forms.forms or (published and not forms[form].published):
            refuse(col, f"“{form[:20]}”不是{'公开表' if published else '表'}")
        return form

    if kind == "unit":
        key, value = fields
        if key not in UNIT_DEFAULTS:
            refuse(2, f"“{key[:20]}”不是单位信息")
        # validate_unit takes "²" for a digit (str.isdigit) and then fails to read it as a year.
        if key == "年度" and value and not re.fullmatch(r"[0-9]{4}", value):
            refuse(3, f"年度“{value[:20]}”应为四位年份")
        try:
            validate_unit({**UNIT_DEFAULTS, key: value})
        except EditError as exc:
            refuse(3, str(exc))
        meta.unit[key] = value
    elif kind == "row":
        form, code, custom, name = known_form(2), fields[1], fields[2], fields[3]
        if not re.fullmatch(r"[0-9]{3}|[0-9]{5}|[0-9]{7}", code):
            refuse(3, f"科目代码“{code[:20]}”应为 3、5 或 7 位数字")
        if custom not in ("", CUSTOM) or custom and not name.strip():
            refuse(4, "自定义科目须有名称")
        meta.rows.append((form, code, name, custom == CUSTOM))
        meta.origin[(form, code)] = address(r, 3)
    elif kind in ("typed", "value"):
        ref = CellRef(known_form(2), fields[1], fields[2])
        if kind == "typed":
            meta.typed.append(ref)
        else:
            meta.values[ref] = fields[3]
        meta.origin[ref] = address(r, 1)
    elif kind == "note":
        meta.notes[known_form(2, published=True)] = fields[1]
    elif kind == "explanation":
        if not fields[0]:
            refuse(2, "出错说明没有审核结果编号")
        meta.explanations[fields[0]] = fields[1]
    elif kind == "sheet":
        form, name, top = known_form(2, published=True), fields[1], fields[2]
        if not name:
            refuse(3, "没有工作表名")
        if not re.fullmatch(r"[0-9]{1,7}", top) or not 1 <= int(top) <= MAX_ROW:
            refuse(4, f"表格起始行“{top[:20]}”不是有效的行号")
        meta.sheets[form] = (name, int(top))
        meta.origin[("sheet", form)] = address(r, 4)
    elif kind == "absent":
        form, col = known_form(2), fields[1]
        if col and col not in {c.key for section in forms[form].sections for c in section.columns}:
            refuse(3, f"{form} 没有“{col[:20]}”栏")
        meta.absent.append((form, col))
    elif kind == "text":
        if not fields[0]:
            refuse(2, "文字没有名称")
        meta.texts[fields[0]] = fields[1]
