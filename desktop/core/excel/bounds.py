"""Bounds on what one workbook may make the reader hold, checked from the file before any reader
loads it: its expanded size, its cells, the grid its cells span, its merged ranges, its sheets.

A 部门决算 workbook has a few thousand cells; these bounds are hundreds of times that, and keep a
zip bomb or a sheet merged end to end from taking the machine (a reader lays out every cell of
the span it is given). Past one, ExcelError names the file and the bound.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.parsers import expat

from desktop.core.excel.biff import BOF, WORKSHEET, records, workbook_stream
from desktop.core.excel.ole import OleError
from desktop.core.excel.reading import ExcelError

EXPANDED = 100 * 1024 * 1024  # bytes, all parts of the zip together, as their headers declare
CELLS = 200_000  # cells holding anything, all sheets together
TAGS = 1_000_000  # elements of the XML parts a reader parses: a tree of them is what costs memory
SPAN = 250_000  # rows × columns from A1 to the farthest cell, all sheets together (readers visit each)
MERGED = 100_000  # cells inside merged ranges, all sheets together (the layout reader fills each)
SHEETS = 1_000
MEMBERS = 10_000

_CHUNK = 1 << 20
# Counted with bytes.count (a regular expression starting at every "<" costs ten times as much):
# a tag that merely starts like these ("<col", "<rowBreaks") makes the count high, never low.
_CELL_TAGS, _ROW_TAGS = (b"<c", b":c ", b":c>"), (b"<row", b":row")
_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_MERGE = re.compile(rb'mergeCell [^>]*?ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')


class Tally:
    """What the sheets read so far hold, refused as soon as it passes a bound."""

    def __init__(self, path: Path):
        self.path, self.cells, self.span, self.merged, self.tags = path, 0, 0, 0, 0

    def add(self, cells: int, rows: int, columns: int, merged: int, tags: int = 0) -> None:
        self.cells += cells
        self.span += rows * columns
        self.merged += merged
        self.tags += tags
        for total, bound, what in ((self.cells, CELLS, "个有内容的单元格"), (self.span, SPAN, "个单元格的表格范围"),
                                   (self.merged, MERGED, "个合并的单元格"), (self.tags, TAGS, "个 XML 元素")):
            if total > bound:
                raise ExcelError(f"“{self.path}”超过 {bound:,} {what}（远大于任何决算公开表），为防止卡死，不予读取")


def refuse_doctype(path: Path, data: bytes) -> None:
    """A document type declaration has no place in a workbook's XML: its entities are the way to
    make a parser expand a few bytes a billion times, so the file is refused before any parser."""
    if b"<!DOCTYPE" in data:
        raise ExcelError(f"“{path}”的 XML 中含文档类型定义（DTD），正常的工作簿没有，可能是恶意构造的文件，不予读取")


def _refuse(path: Path, what: str) -> ExcelError:
    return ExcelError(f"“{path}”{what}（远大于任何决算公开表），为防止卡死，不予读取")


def check_size(path: Path) -> None:
    """Refuses a zip workbook whose parts, as its directory declares them, expand past the bound
    (zipfile stops reading a part at its declared size, so this bounds what any reader unpacks)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception:  # noqa: BLE001 - a damaged zip is left to the reader's own refusal
        return
    if len(infos) > MEMBERS:
        raise _refuse(path, f"含 {len(infos):,} 个部件")
    if sum(i.file_size for i in infos) > EXPANDED:
        raise _refuse(path, f"解压后超过 {EXPANDED // 1024 // 1024} MB")


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of a zip read a megabyte at a time: zipfile stops at the declared size (and calls a
    part longer than that damaged) only for small reads; one read() of a bomb unpacks it whole."""
    with archive.open(name) as fh:
        return b"".join(iter(lambda: fh.read(_CHUNK), b""))


def check_parts(path: Path, kind: str) -> None:
    """Refuses an .xlsx or .ods with a part that unpacks to other than its declared size (a zip
    bomb that lies about its size: no reader then sees more than check_size allowed), or whose
    sheets pass a bound on cells, span or merged area, before a reader that lays out every cell
    loads it."""
    tally = Tally(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            if len(sheets) > SHEETS:
                raise _refuse(path, f"含 {len(sheets):,} 张工作表")
            for name in names:
                if name in sheets:
                    data = read_part(archive, name)
                    refuse_doctype(path, data[:4096])
                    scan_sheet(data, tally)
                elif kind == "ods" and name == "content.xml":
                    with archive.open(name) as fh:
                        refuse_doctype(path, fh.read(4096))
                    with archive.open(name) as fh:
                        _scan_ods(fh, tally)
                else:
                    with archive.open(name) as fh:
                        for n, chunk in enumerate(iter(lambda: fh.read(_CHUNK), b"")):
                            if n == 0:
                                refuse_doctype(path, chunk[:4096])  # it comes before the root element
                            tally.add(0, 0, 0, 0, chunk.count(b"<"))
    except ExcelError:
        raise
    except Exception as exc:  # noqa: BLE001 - damage shows as BadZipFile, zlib.error, ExpatError …
        raise ExcelError(f"“{path}”已损坏或不是有效的工作簿，无法读取（{type(exc).__name__}）") from exc


def scan_sheet(data: bytes, tally: Tally) -> None:
    """Adds one worksheet's XML to the tally: cells, farthest row and column, merged area."""
    cells = sum(data.count(tag) for tag in _CELL_TAGS)
    rows = sum(data.count(tag) for tag in _ROW_TAGS)
    far_row = far_col = merged = 0
    for letters, row in _REF.findall(data):
        far_row, far_col = max(far_row, int(row)), max(far_col, _column(letters))
    if b"mergeCell" in data:
        for a, r1, b, r2 in _MERGE.findall(data):
            if b:
                merged += (abs(int(r2) - int(r1)) + 1) * (abs(_column(b) - _column(a)) + 1)
    tally.add(cells, max(rows, far_row), max(far_col, 1 if cells else 0), merged, data.count(b"<"))


def _scan_ods(fh, tally: Tally) -> None:
    """The same for an .ods: rows and cells repeated by attribute count as many as they stand for,
    where they hold anything (LibreOffice writes a million empty ones at the end of every sheet)."""
    state = {"cells": 0, "row": 1, "rows": 0, "width": 0, "far": 0, "merged": 0}
    prefix = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

    def start(name, attrs):
        local = name.rpartition(" ")[2]
        if local == "table-row":
            state["row"] = int(attrs.get(f"{prefix} number-rows-repeated", 1))
            state["width"] = state["far"] = 0
        elif local in ("table-cell", "covered-table-cell"):
            n = int(attrs.get(f"{prefix} number-columns-repeated", 1))
            state["width"] += n
            if local == "table-cell" and any(k.endswith("value-type") for k in attrs):
                state["far"] = state["width"]
                state["cells"] += n * state["row"]
                rows, cols = int(attrs.get(f"{prefix} number-rows-spanned", 1)), int(attrs.get(f"{prefix} number-columns-spanned", 1))
                state["merged"] += rows * cols if rows * cols > 1 else 0

    def end(name):
        if name.rpartition(" ")[2] == "table-row" and state["far"]:
            tally.add(0, state["row"], state["far"], 0)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    while chunk := fh.read(_CHUNK):
        parser.Parse(chunk, False)
        tally.add(state["cells"], 0, 0, state["merged"])
        state["cells"] = state["merged"] = 0
    parser.Parse(b"", True)


# BIFF8 records that place one cell (row, column first) and the two that place a run of them.
_ONE_CELL = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6}
_RUN = {0x00BD, 0x00BE}
_MERGE_RECORD = 0x00E5


def check_xls(path: Path) -> None:
    """Refuses an .xls whose cells (records of its Workbook stream) pass a bound; a damaged one is
    left to the reader's refusal."""
    try:
        stream = workbook_stream(path.read_bytes())
    except (OleError, struct.error, IndexError, ValueError):
        return
    tally = Tally(path)
    cells = far_row = far_col = merged = sheets = 0
    for _at, kind, body in records(stream):
        if kind == BOF and len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] == WORKSHEET:
            sheets += 1  # BOF of a worksheet: the previous one's span ends here
            tally.add(cells, far_row, far_col, merged)
            cells = far_row = far_col = merged = 0
        elif kind in _ONE_CELL | _RUN and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind in _RUN and len(body) >= 6 else col
            cells += max(1, last - col + 1)
            far_row, far_col = max(far_row, row + 1), max(far_col, last + 1)
        elif kind == _MERGE_RECORD and len(body) >= 2:
            for i in range(min(struct.unpack_from("<H", body)[0], (len(body) - 2) // 8)):
                r1, r2, c1, c2 = struct.unpack_from("<HHHH", body, 2 + 8 * i)
                merged += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
    if sheets > SHEETS:
        raise _refuse(path, f"含 {sheets:,} 张工作表")
    tally.add(cells, far_row, far_col, merged)


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
