"""Definitions parsed from data files once per process: a batch check opens hundreds of workbooks,
and each workspace would otherwise parse the same catalogues and forms again."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_MEMO: dict[tuple, tuple[tuple, object]] = {}


def _signature(files: list[Path]) -> tuple:
    """What the files are now: an edited, added or removed file changes it."""
    out = []
    for path in files:
        stat = path.stat()
        out.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def parsed_once(folder: Path, pattern: str, key: tuple, build: Callable[[list[Path]], T]) -> T:
    """`build(files)` for the files of `folder` matching `pattern` (sorted), reused while none of
    them changes. Callers must not change what it returns: every caller shares it."""
    files = sorted(folder.glob(pattern))
    signature = _signature(files)
    memo_key = (build.__module__, build.__qualname__, str(folder), pattern, key)
    found = _MEMO.get(memo_key)
    if found is not None and found[0] == signature:
        return found[1]  # type: ignore[return-value]
    value = build(files)
    _MEMO[memo_key] = (signature, value)
    return value
