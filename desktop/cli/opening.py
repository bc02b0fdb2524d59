"""The workspace a command works on: a copy in memory to read, or the file held while it is written."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from desktop.cli.usage import UsageError
from desktop.core.held_workspace import held_for_writing
from desktop.core.workspace import Workspace


def open_for_reading(path: Path) -> Workspace:
    """For a command that only reads: a copy in memory, the file left exactly as it is."""
    ws = Workspace.open(path, read_only=True)
    report_damage(ws)
    return ws


@contextmanager
def open_for_writing(path: Path):
    with held_for_writing(path) as ws:
        report_damage(ws)
        yield ws


def report_damage(ws: Workspace) -> None:
    for line in ws.damage():
        print(f"警告：{line}", file=sys.stderr)


def active_form(ws: Workspace, form_id: str) -> str:
    if form_id not in ws.forms or not ws.structure.is_active(form_id):
        names = "、".join(f.id for f in ws.structure.active)
        raise UsageError(f"没有表“{form_id}”。可用的表：{names}")
    return form_id
