"""The streams inside an OLE compound file (what .xls, .doc and password-protected .xlsx are), read
only as far as telling them apart and bounding an .xls before it is loaded: names and one stream.

A hand-written reader of a few dozen lines: the format is small and fixed ([MS-CFB]), and the one
library for it (olefile) would be a dependency for two look-ups. Every chain is bounded, so a
damaged or hostile file ends in OleError, never a loop.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_MINI_CUTOFF = 4096


class OleError(Exception):
    """Not a readable compound file."""


def read_ole(data: bytes) -> "Ole":
    """The compound file's directory; OleError for anything damaged about it."""
    try:
        return Ole(data)
    except (struct.error, IndexError, ValueError, OverflowError) as exc:
        raise OleError(str(exc)) from exc


class Ole:
    """The directory of a compound file held in memory, and its streams by name (read_ole opens one)."""

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(MAGIC):
            raise OleError("header")
        self._data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if not 7 <= shift <= 16 or mini_shift > shift:
            raise OleError("sector size")
        self._size, self._mini_size = 1 << shift, 1 << mini_shift
        fat_count, dir_start = struct.unpack_from("<II", data, 0x2C)
        mini_start, _, difat_start, difat_count = struct.unpack_from("<IIII", data, 0x3C)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END]
        for sector in self._chain_of(difat_start, lambda s: self._difat_next(s), limit=difat_count):
            block = self._sector(sector)
            fat_sectors += [s for s in struct.unpack_from(f"<{len(block) // 4 - 1}I", block) if s < _END]
        self._fat = [n for s in fat_sectors[:fat_count] for n in struct.unpack(f"<{self._size // 4}I", self._sector(s))]
        directory = b"".join(self._sector(s) for s in self._chain(dir_start))
        self.entries: dict[str, tuple[int, int, int]] = {}  # name: (type, first sector, size)
        for at in range(0, len(directory) - 127, 128):
            length, kind = struct.unpack_from("<HB", directory, at + 64)
            if kind and 2 <= length <= 64:
                name = directory[at:at + length - 2].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<II", directory, at + 116)
                self.entries.setdefault(name, (kind, start, size))
        root = next((e for e in self.entries.values() if e[0] == 5), None)
        self._mini_stream = b"".join(self._sector(s) for s in self._chain(root[1])) if root else b""
        self._mini_fat = [n for s in self._chain(mini_start) for n in struct.unpack(f"<{self._size // 4}I", self._sector(s))]

    def _sector(self, n: int) -> bytes:
        at = (n + 1) * self._size
        if at + self._size > len(self._data):
            raise OleError(f"sector {n}")
        return self._data[at:at + self._size]

    def _difat_next(self, sector: int) -> int:
        return struct.unpack_from("<I", self._sector(sector), self._size - 4)[0]

    def _chain_of(self, start: int, following, limit: int | None = None):
        seen: set[int] = set()
        while start < _END and (limit is None or len(seen) < limit):
            if start in seen or len(seen) > len(self._data) // self._size:
                raise OleError("chain loops")
            seen.add(start)
            yield start
            start = following(start)

    def _chain(self, start: int):
        fat = self._fat
        return self._chain_of(start, lambda s: fat[s] if s < len(fat) else _END)

    def stream(self, name: str) -> bytes:
        """The named stream's bytes; OleError when there is none or it is damaged."""
        kind, start, size = self.entries.get(name, (0, 0, 0))
        if kind != 2:
            raise OleError(f"no stream {name}")
        if size >= _MINI_CUTOFF:
            data = b"".join(self._sector(s) for s in self._chain(start))
        else:
            mini, small = self._mini_fat, self._mini_size
            sectors = self._chain_of(start, lambda s: mini[s] if s < len(mini) else _END)
            data = b"".join(self._mini_stream[s * small:(s + 1) * small] for s in sectors)
        if len(data) < size:
            raise OleError(f"{name} cut short")
        return data[:size]
