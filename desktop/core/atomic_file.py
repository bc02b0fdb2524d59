"""Files the program writes appear whole or not at all: written beside the target, then renamed."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# What SQLite may leave beside a database it wrote.
_JOURNALS = ("-wal", "-shm", "-journal")


@contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A path beside `target` to write to; it becomes `target` only if the block ends without error.

    A failed write (a full disk, a crash in the writer) leaves neither a half file nor the
    journals SQLite keeps beside a database, and an existing `target` untouched.
    """
    target = Path(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    _remove(partial)
    try:
        yield partial
        os.replace(partial, target)
    finally:
        _remove(partial)


def _remove(path: Path) -> None:
    for each in [path] + [path.with_name(path.name + end) for end in _JOURNALS]:
        each.unlink(missing_ok=True)
