"""The records of an .xls's Workbook stream (BIFF8): what bounding the file and reading its number
formats both walk."""

from __future__ import annotations

import struct
from collections.abc import Iterator

from desktop.core.excel.ole import read_ole

BOF = 0x0809
WORKSHEET = 0x0010  # a BOF's kind: a worksheet's records follow


def workbook_stream(data: bytes) -> bytes:
    """The stream holding the workbook's records; OleError when the file has none."""
    ole = read_ole(data)
    return ole.stream("Workbook" if "Workbook" in ole.entries else "Book")


def records(stream: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(offset, kind, body) of each record, to the stream's end or the first record cut short."""
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield at, kind, stream[at + 4:at + 4 + length]
        at += 4 + length

