"""Copy trials: the workspace file copied (as a user copies it to a USB stick) while a window-like child edits it.

Every edit the child acknowledged before the copy began must be in the copy, and the copy must
be a healthy workspace. Edits begun while the copy was made may or may not be in it. The child
is the one of durability_trials (edits through the session, exports beside them). Shared by
tests/test_durability.py and bench/copy_while_open.py.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from durability_trials import _child_error, _kill, _lines, _start_child, _wait_for, file_cells

Key = tuple[str, str, str]


@dataclass
class CopyResult:
    acknowledged: int = 0  # edits acknowledged before the copy began
    missing: list[str] = field(default_factory=list)  # of those, not in the copy
    unhealthy: str = ""  # the copy is no healthy workspace, or holds a figure no edit wrote
    child_error: str = ""
    seconds: float = 0.0
    # The copy was taken while a save was being written, and the program says so on opening it
    # (refused as damaged, or a notice that it disagrees with its digest): nothing read silently.
    told: str = ""

    @property
    def sound(self) -> bool:
        return self.told != "" or not (self.missing or self.unhealthy or self.child_error)


def _edits(lines: list[str]) -> tuple[dict[Key, Decimal], dict[Key, set[Decimal]]]:
    """The acknowledged value of each cell, and every value tried on it."""
    acked: dict[Key, Decimal] = {}
    tried: dict[Key, set[Decimal]] = {}
    for line in lines:
        kind, _, rest = line.partition("|")
        if kind in ("try", "ok"):
            form, row, col, value = rest.split("|")
            if kind == "try":
                tried.setdefault((form, row, col), set()).add(Decimal(value))
            else:
                acked[(form, row, col)] = Decimal(value)
    return acked, tried


def copy_trial(template: Path, folder: Path, seed: int) -> CopyResult:
    """One child editing; the file copied at a random moment; the copy checked against the child's log."""
    start = time.monotonic()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    result = CopyResult()
    child, path, log = _start_child(folder, template, seed, "random")
    copy = folder / "复制件.juesuan"
    try:
        if not _wait_for(child, log, "ready"):
            result.child_error = _child_error(folder, child, "the child did not start")
            return result
        time.sleep(rng.uniform(0.02, 0.6))
        before = _lines(log)
        shutil.copyfile(path, copy)  # the file alone, as a user copies it
        after = _lines(log)
        if child.poll() is not None:
            result.child_error = _child_error(folder, child, "the child ended before the copy")
            return result
    finally:
        _kill(child)
    acked, _ = _edits(before)
    # Edits begun after the last one acknowledged before the copy: each may be in it or not.
    last_try = max((i for i, line in enumerate(before) if line.startswith("try|")), default=len(before))
    _, tried = _edits(after[last_try:])
    result.acknowledged = sum(1 for line in before if line.startswith("ok|"))
    base, _ = file_cells(template, read_only=True)
    try:
        have, result.unhealthy = file_cells(copy, read_only=True)
    except sqlite3.DatabaseError as exc:
        result.unhealthy = str(exc)
        result.told = _told(copy)
        return result
    for key in set(base) | set(have) | set(acked):
        value = have.get(key)
        if value == acked.get(key, base.get(key)):
            continue
        if value in tried.get(key, ()):
            continue  # an edit under way during the copy (or after it was acknowledged) landed
        if key in acked:
            result.missing.append(f"{'|'.join(key)}: acknowledged {acked[key]}, copy has {value}")
        else:
            result.unhealthy = result.unhealthy or f"{'|'.join(key)} changed from {base.get(key)} to {value}"
    if result.missing or result.unhealthy:
        result.told = _told(copy)
    result.seconds = time.monotonic() - start
    return result


def _told(copy: Path) -> str:
    """What the program says opening the copy, when it says it is not whole ("" when it says nothing)."""
    from desktop.core.store import WorkspaceError
    from desktop.core.workspace import Workspace

    try:
        with Workspace.open(copy, read_only=True) as ws:
            return next((n for n in ws.store.notices if "复制出来的副本" in n), "")
    except WorkspaceError as exc:
        return str(exc)
