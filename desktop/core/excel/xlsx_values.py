"""A workbook's cell values read straight from its XML, for reading back what this program wrote.

openpyxl takes longer to import than this takes to read a whole export. Anything this reader
does not expect (a formula, a date, a chart sheet, an escape openpyxl would undo) makes it
give up (None), and the workbook is read with openpyxl as before: it is a shortcut, never a
second opinion.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import XMLParser, XMLPullParser

from desktop.core.excel.bounds import Tally, read_part, refuse_doctype, scan_sheet
from desktop.core.excel.reading import as_excel_shows
from desktop.core.excel.shown_values import past_shown, shown_decimals

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_C, _V, _F, _IS = (f"{MAIN}{tag}" for tag in ("c", "v", "f", "is"))
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ones).
_DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)}
_LITERALS = re.compile(r'\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]|"[^"]*"|\\.|[_*].')
_DATE_CODE = re.compile(r"[dmhysDMHYS]")
_CELL = re.compile(r"([A-Z]{1,3})([0-9]+)$")
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CHUNK = 16384  # bytes of a sheet's XML fed at a time when only its first rows are wanted
# ECMA-376's built-in number formats as openpyxl names them; an id outside it reads "General".
_BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)', 42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}


class _Unexpected(Exception):
    """Something only openpyxl reads the way the rest of the program expects."""


def read_values(path: Path) -> "XmlBook | None":
    """The workbook's values, or None when openpyxl must read it (see the module's docstring).

    The caller has checked that the file is a zip; a damaged one is left to openpyxl's refusal.
    """
    try:
        archive = zipfile.ZipFile(path)
    except GIVE_UP:
        return None
    try:
        return XmlBook(archive)
    except GIVE_UP:
        archive.close()
        return None


# What a workbook this reader does not expect raises (damage included: openpyxl then names it
# to the user); each means: let openpyxl read it.
GIVE_UP = (
    _Unexpected, LookupError, ValueError, TypeError, AttributeError, SyntaxError, OSError, EOFError,
    zipfile.BadZipFile, zlib.error, struct.error, NotImplementedError, RuntimeError,
)


def _xml(archive: zipfile.ZipFile, name: str, tally: Tally):
    # A parser of its own: no entity expansion beyond XML's five, as in openpyxl (defusedxml aside).
    data = read_part(archive, name)
    tally.add(0, 0, 0, 0, data.count(b"<"))  # past the bound on elements: ExcelError, before a tree is built
    refuse_doctype(tally.path, data[:4096])
    parser = XMLParser()
    parser.feed(data)
    return parser.close()


class XmlBook:
    """Sheet names in order and each worksheet's values, read when first asked for."""

    def __init__(self, archive: zipfile.ZipFile):
        self._archive = archive
        self._tally = Tally(Path(archive.filename))
        book = _xml(archive, "xl/workbook.xml", self._tally)
        if book.find(f"{MAIN}workbookPr[@date1904='1']") is not None:
            raise _Unexpected("1904")
        targets = {
            rel.get("Id"): rel.get("Target", "") for rel in _xml(archive, "xl/_rels/workbook.xml.rels", self._tally).iter(f"{RELS}Relationship")
        }
        self._strings: list[str] | None = None
        self._dates: set[int] | None = None
        self._formats: list[str] = []
        self.sheetnames: list[str] = []
        self._parts: dict[str, str] = {}
        self._sheets: dict[str, XmlSheet] = {}
        for sheet in book.iter(f"{MAIN}sheet"):
            target = targets[sheet.get(REL_ID)]
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if "/worksheets/" not in f"/{name}":
                raise _Unexpected("chart sheet")
            title = sheet.get("name")
            self.sheetnames.append(title)
            self._parts[title] = name

    def __getitem__(self, name: str) -> "XmlSheet":
        """Reading it raises one of GIVE_UP for a sheet this reader does not expect."""
        if name not in self._sheets:
            archive = self._archive
            if self._strings is None:
                names = archive.namelist()
                self._strings = _shared_strings(archive, self._tally) if "xl/sharedStrings.xml" in names else []
                self._dates, self._formats = _styles(archive, self._tally) if "xl/styles.xml" in names else (set(), [])
            data = read_part(archive, self._parts[name])
            refuse_doctype(self._tally.path, data[:4096])
            scan_sheet(data, self._tally)  # past a bound: ExcelError, as the full reading would refuse it
            self._sheets[name] = XmlSheet(name, data, self._strings, self._dates, self._formats)
        return self._sheets[name]

    def close(self) -> None:
        self._archive.close()


def _shared_strings(archive, tally: Tally) -> list[str]:
    strings = []
    for item in _xml(archive, "xl/sharedStrings.xml", tally).iter(f"{MAIN}si"):
        text = _text(item)
        if "x005F_" in text:
            raise _Unexpected("escaped text")
        strings.append(text)
    return strings


def _text(node) -> str:
    """A string item's text: its own and its runs' (not the phonetic guide)."""
    text = "".join([node.findtext(f"{MAIN}t") or ""] + [run.findtext(f"{MAIN}t") or "" for run in node.findall(f"{MAIN}r")])
    if _ESCAPE.search(text):
        raise _Unexpected("escaped text")
    return text


def _styles(archive, tally: Tally) -> tuple[set[int], list[str]]:
    """The cell styles that show a number as a date or time (openpyxl reads those as dates), and
    each style's number format as openpyxl names it (a 绩效 figure keeps the decimals it shows)."""
    styles = _xml(archive, "xl/styles.xml", tally)
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iter(f"{MAIN}numFmt")}
    xfs = styles.find(f"{MAIN}cellXfs")
    dates, formats = set(), []
    for index, xf in enumerate(xfs.findall(f"{MAIN}xf") if xfs is not None else []):
        fmt = int(xf.get("numFmtId", "0"))
        code = _LITERALS.sub("", custom.get(fmt, "").split(";")[0])
        if fmt in _DATE_FORMAT_IDS or fmt in custom and _DATE_CODE.search(code):
            dates.add(index)
        formats.append(custom[fmt] if fmt in custom else _BUILTIN_FORMATS.get(fmt, "General"))
    return dates, formats


class XmlSheet:
    """One worksheet's values by position (1-based), read when first asked for: a sheet looked at only
    for its title (the 情况说明, the 目录) is read no further than its first rows."""

    def __init__(self, title: str, data: bytes, strings: list[str], dates: set[int], formats: list[str]):
        self.title = title
        self._data = data
        self._strings, self._dates, self._formats = strings, dates, formats
        self._plain = formats[0] if formats else "General"
        self._cells: dict[tuple[int, int], object] | None = None
        self._styled: dict[tuple[int, int], str] = {}
        self._height = self._width = 0

    def _whole(self) -> dict[tuple[int, int], object]:
        if self._cells is None:
            parser = XMLParser()
            parser.feed(self._data)
            cells, styled = self._read(parser.close().iter(f"{MAIN}row"))
            self._cells, self._styled = cells, styled
            self._height = max((r for r, _ in cells), default=0)
            self._width = max((c for _, c in cells), default=0)
        return self._cells

    def _read(self, rows, last: int | None = None) -> tuple[dict, dict]:
        """The values and number formats of `rows` (elements), up to row `last` when given."""
        cells: dict[tuple[int, int], object] = {}
        styled: dict[tuple[int, int], str] = {}
        strings, dates, formats = self._strings, self._dates, self._formats
        last_row = 0
        for row in rows:
            r = int(row.get("r") or last_row + 1)
            if r <= last_row:
                raise _Unexpected(f"row {r}")  # out of order: reading the first rows alone would miss it
            if last is not None and r > last:
                break
            last_row, c = r, 0
            skipped = None  # the address of the last blank passed over, unread
            for cell in row:
                if cell.tag != _C:
                    continue
                ref = cell.get("r")
                if not len(cell) and ref:
                    # A styled blank (no value, no formula), most of an exported sheet: its address
                    # matters only to a next cell that has none.
                    skipped = ref
                    continue
                if ref:
                    c = _column_at(ref, r)
                elif skipped:
                    c = _column_at(skipped, r) + 1
                else:
                    c += 1
                skipped = None
                if not len(cell):
                    continue
                value = _value(cell, strings, dates)
                if value is not None:
                    cells[(r, c)] = value
                    style = int(cell.get("s") or 0)
                    if style:
                        styled[(r, c)] = shown = formats[style] if style < len(formats) else "General"
                        if type(value) is float and past_shown(as_excel_shows(value), shown_decimals(shown)):
                            raise _Unexpected("stored with more decimals than shown")  # read as shown there
        return cells, styled

    def _head(self, last: int) -> list[tuple]:
        """The values of rows 1 to `last`, the XML read only as far as it takes."""
        parser = XMLPullParser(events=("end",))

        def rows():
            for start in range(0, len(self._data), _CHUNK):
                parser.feed(self._data[start:start + _CHUNK])
                for _, element in parser.read_events():
                    if element.tag == f"{MAIN}row":
                        yield element
            parser.close()

        cells, _ = self._read(rows(), last)
        height = max((r for r, _ in cells), default=0)
        width = max((c for _, c in cells), default=0)
        return [tuple(cells.get((r, c)) for c in range(1, width + 1)) for r in range(1, height + 1)]

    def cell(self, row: int, column: int) -> "_Value":
        return _Value(self._whole().get((row, column)), row, column, self._styled.get((row, column), self._plain))

    def iter_rows(self, max_row: int | None = None, values_only: bool = False):
        """Rows as openpyxl gives them: values, or cells with their value and coordinate."""
        if self._cells is None and max_row is not None and values_only:
            yield from self._head(max_row)
            return
        cells = self._whole()
        for r in range(1, min(self._height, max_row or self._height) + 1):
            values = [cells.get((r, c)) for c in range(1, self._width + 1)]
            if values_only:
                yield tuple(values)
            else:
                yield tuple(_Value(v, r, c, self._styled.get((r, c), self._plain))
                            for c, v in enumerate(values, 1))


def _value(cell, strings: list[str], dates: set[int]):
    raw = inline = None
    for child in cell:
        tag = child.tag
        if tag == _V:
            raw = child.text
        elif tag == _F:
            raise _Unexpected("formula")  # only the full reading tells an uncalculated one from a blank
        elif tag == _IS:
            inline = child
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return None if inline is None else _text(inline)
    if not raw:
        return None
    if kind == "n":
        if int(cell.get("s") or 0) in dates:
            raise _Unexpected("date")
        return float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
    if kind == "s":
        return strings[int(raw)]
    if kind == "b":
        return bool(int(raw))
    if kind in ("str", "e"):
        return raw
    raise _Unexpected(kind)


def _column_at(ref: str, row: int) -> int:
    """The column of a cell address on `row`; a malformed or misplaced one is unexpected."""
    m = _CELL.match(ref)
    if m is None or int(m.group(2)) != row:
        raise _Unexpected(ref)
    return _column(m.group(1))


@lru_cache(maxsize=None)
def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Value:
    """A cell as openpyxl gives it: value, number format and (when asked: most never are) its address."""

    __slots__ = ("value", "row", "column", "number_format")

    def __init__(self, value, row: int, column: int, number_format: str = "General"):
        self.value = value
        self.row, self.column = row, column
        self.number_format = number_format

    @property
    def coordinate(self) -> str:
        return f"{_letters(self.column)}{self.row}"
