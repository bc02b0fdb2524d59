"""The first bytes of a file, to tell what it is: of regular files only."""

from __future__ import annotations

from pathlib import Path


def first_bytes(path: Path, count: int) -> bytes:
    """The first `count` bytes of a regular file; none of anything else or of what cannot be read.
    Opening a named pipe to look would wait, for ever, for something to write into it."""
    path = Path(path)
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as fh:
            return fh.read(count)
    except OSError:
        return b""
