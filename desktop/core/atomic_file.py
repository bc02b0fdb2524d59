"""Files the program writes appear whole or not at all: written beside the target, then renamed."""

from __future__ import annotations

import glob
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# What SQLite may leave beside a database it wrote.
_JOURNALS = ("-wal", "-shm", "-journal")
_PARTIAL = ".partial"


@contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A path beside `target` to write to; it becomes `target` only if the block ends without error.

    A failed write (a full disk, a crash in the writer) leaves neither a half file nor the
    journals SQLite keeps beside a database, and an existing `target` untouched.
    """
    target = Path(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}{_PARTIAL}")
    _remove(partial)
    _remove_left_behind(target)
    try:
        yield partial
        os.replace(partial, target)
    finally:
        _remove(partial)


def _remove_left_behind(target: Path) -> None:
    """Hidden partial files of `target` that a killed writer (an import, an export) left behind."""
    try:
        found = list(target.parent.glob(f".{glob.escape(target.name)}.*{_PARTIAL}"))
    except OSError:
        return
    for partial in found:
        pid = partial.name[len(target.name) + 2:-len(_PARTIAL)]
        if pid.isdigit() and not _running(int(pid), partial):
            _remove(partial)


def _running(pid: int, partial: Path) -> bool:
    """Whether the writer of `partial` may still be at work."""
    if sys.platform == "win32":
        # No harmless way to ask Windows about a process here (os.kill would end it): an hour
        # without a write is a writer long gone.
        try:
            return time.time() - partial.stat().st_mtime < 3600
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: not ours to judge
    return True


def stands_for(path: Path, target: Path) -> bool:
    """`path` is `target` or the file written in its place: an error about either is about `target`."""
    path, target = Path(os.path.abspath(path)), Path(os.path.abspath(target))
    if path == target:
        return True
    name = path.name
    return path.parent == target.parent and name.startswith(f".{target.name}.") and name.endswith(_PARTIAL)


def _remove(path: Path) -> None:
    for each in [path] + [path.with_name(path.name + end) for end in _JOURNALS]:
        each.unlink(missing_ok=True)
