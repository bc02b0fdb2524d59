"""The decimals each figure of an .xls or .ods shows, from the file's own number formats.

calamine, which reads these two formats, gives values only; a figure stored with more decimals
than it shows (what a 元→万元 formula leaves, shown as 0.00) must be read as shown, as an .xlsx's
is (shown_values). Only formats that show a fixed number of decimals count: General, percent,
date and text formats show none to round to.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.parsers import expat

from desktop.core.excel.biff import BOF, WORKSHEET, records, workbook_stream
from desktop.core.excel.bounds import read_part
from desktop.core.excel.ole import OleError
from desktop.core.excel.shown_values import shown_decimals

Places = dict[str, dict[tuple[int, int], int]]  # sheet: (row, column) 1-based: decimals shown

# Excel's built-in number formats that show fixed decimals, by their number ([MS-XLS] 2.4.126).
_BUILT_IN = {1: 0, 2: 2, 3: 0, 4: 2, 5: 0, 6: 0, 7: 2, 8: 2, 37: 0, 38: 0, 39: 2, 40: 2, 41: 0, 42: 0, 43: 2, 44: 2}
_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
_BOUNDSHEET, _FORMAT, _XF = 0x0085, 0x041E, 0x00E0


def shown_places(path: Path, kind: str) -> Places:
    """{} when the formats cannot be read: the figures are then named, as before, never guessed."""
    try:
        if kind == "xls":
            return _xls(workbook_stream(path.read_bytes()))
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            styles = read_part(archive, "styles.xml") if "styles.xml" in names else b""
            return _ods(styles, read_part(archive, "content.xml"))
    except (OleError, OSError, zipfile.BadZipFile, KeyError, struct.error, ValueError, expat.ExpatError):
        return {}


def _xls(stream: bytes) -> Places:
    formats: dict[int, int | None] = dict(_BUILT_IN)
    cell_formats: list[int] = []  # each XF record's number format, in order: a cell names its XF by position
    sheets: dict[int, str] = {}  # a worksheet's BOF offset: its name
    places: Places = {}
    current: dict[tuple[int, int], int] | None = None

    def put(row: int, col: int, xf: int) -> None:
        shown = formats.get(cell_formats[xf]) if xf < len(cell_formats) else None
        if current is not None and shown is not None:
            current[(row + 1, col + 1)] = shown

    for at, kind, body in records(stream):
        if kind == _FORMAT and len(body) >= 5:
            formats[struct.unpack_from("<H", body)[0]] = shown_decimals(_xls_text(body, 2))
        elif kind == _XF and len(body) >= 4:
            cell_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == _BOUNDSHEET and len(body) >= 8:
            count, flags = body[6], body[7]
            sheets[struct.unpack_from("<I", body)[0]] = (
                body[8:8 + 2 * count].decode("utf-16-le", "replace") if flags & 1 else body[8:8 + count].decode("latin-1"))
        elif kind == BOF:
            worksheet = len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == WORKSHEET
            current = places.setdefault(sheets[at], {}) if worksheet and at in sheets else None
        elif kind in (_NUMBER, _RK, _FORMULA) and len(body) >= 6:
            put(*struct.unpack_from("<HHH", body))
        elif kind == _MULRK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            for i in range((len(body) - 6) // 6):
                put(row, first + i, struct.unpack_from("<H", body, 4 + 6 * i)[0])
    return places


def _xls_text(body: bytes, at: int) -> str:
    """An XLUnicodeString: its length, its flags (wide characters, rich runs, extra data), its characters."""
    count, flags = struct.unpack_from("<HB", body, at)
    at += 3 + (2 if flags & 0x08 else 0) + (4 if flags & 0x04 else 0)
    return body[at:at + 2 * count].decode("utf-16-le", "replace") if flags & 1 else body[at:at + count].decode("latin-1")


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0 "
_NUMBER_NS = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_FIGURES = ("float", "currency")


class _OdsStyles:
    """The data styles (decimals shown) and cell styles (their data style, their parent) of an .ods."""

    def __init__(self):
        self.decimals: dict[str, int | None] = {}
        self.cells: dict[str, tuple[str, str]] = {}  # cell style: (data style, parent style)
        self._data_style = ""

    def start(self, name: str, attrs: dict) -> None:
        local = name.rpartition(" ")[2]
        if name.startswith(_NUMBER_NS) and local.endswith("-style"):
            self._data_style = attrs.get(f"{_STYLE}name", "")
            self.decimals[self._data_style] = None  # a percentage, date or text style shows no figure's decimals
        elif name == f"{_NUMBER_NS}number" and self._data_style:
            decimals = attrs.get(f"{_NUMBER_NS}decimal-places")
            self.decimals[self._data_style] = int(decimals) if decimals and decimals.isdigit() else 0
        elif name == f"{_STYLE}style" and attrs.get(f"{_STYLE}family") == "table-cell":
            self.cells[attrs.get(f"{_STYLE}name", "")] = (
                attrs.get(f"{_STYLE}data-style-name", ""), attrs.get(f"{_STYLE}parent-style-name", ""))

    def end(self, name: str) -> None:
        if name.startswith(_NUMBER_NS) and name.endswith("-style") and name.rpartition(" ")[2] != "number":
            self._data_style = ""

    def shown(self, style: str) -> int | None:
        for _ in range(20):  # a style's parents, bounded: a damaged file may name them in a circle
            if style not in self.cells:
                return None
            data, parent = self.cells[style]
            if data:
                return self.decimals.get(data)
            style = parent or ("Default" if style != "Default" else "")
        return None


def _ods(styles_xml: bytes, content_xml: bytes) -> Places:
    styles = _OdsStyles()
    places: Places = {}
    state = {"row": 0, "col": 0, "rows": 1, "row_style": ""}
    table: dict[tuple[int, int], int] = {}
    columns: list[tuple[int, str]] = []  # (last column, default cell style), in order

    def column_style(col: int) -> str:
        return next((style for last, style in columns if col <= last), "")

    def start(name, attrs):
        nonlocal table
        styles.start(name, attrs)
        if name == f"{_TABLE}table":
            table = places.setdefault(attrs.get(f"{_TABLE}name", ""), {})
            state["row"], state["rows"] = 0, 1
            columns.clear()
        elif name == f"{_TABLE}table-column":
            last = (columns[-1][0] if columns else 0) + int(attrs.get(f"{_TABLE}number-columns-repeated", 1))
            columns.append((last, attrs.get(f"{_TABLE}default-cell-style-name", "")))
        elif name == f"{_TABLE}table-row":
            state["row"] += state["rows"]
            state["rows"] = int(attrs.get(f"{_TABLE}number-rows-repeated", 1))
            state["col"], state["row_style"] = 0, attrs.get(f"{_TABLE}default-cell-style-name", "")
        elif name in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            repeated = int(attrs.get(f"{_TABLE}number-columns-repeated", 1))
            if attrs.get(f"{_OFFICE}value-type") in _FIGURES:
                for col in range(state["col"] + 1, state["col"] + repeated + 1):
                    style = attrs.get(f"{_TABLE}style-name") or state["row_style"] or column_style(col) or "Default"
                    shown = styles.shown(style)
                    if shown is not None:
                        for row in range(state["row"], state["row"] + state["rows"]):
                            table[(row, col)] = shown
            state["col"] += repeated

    for xml, handle_start in ((styles_xml, styles.start), (content_xml, start)):
        if not xml:
            continue
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = handle_start
        parser.EndElementHandler = styles.end
        parser.Parse(xml, True)
    return places
