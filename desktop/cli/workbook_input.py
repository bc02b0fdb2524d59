"""A workbook or PDF a command reads: its refusals as usage errors, its warnings printed."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from desktop.cli.set_choice import with_set_hint
from desktop.cli.usage import UsageError
from desktop.core.pdf.opening import is_pdf
from desktop.core.workspace import EditError


def read_snapshot(path: Path, choice: str | None = None):
    """The workbook's or PDF's snapshot and warnings, the warnings printed."""
    from desktop.core.excel.import_ import ExcelError, read_workbook

    if is_pdf(path):
        from desktop.cli.pdf_commands import read_pdf_or_refuse

        snapshot, warnings, _ = read_pdf_or_refuse(path)
        print_warnings(warnings)
        return snapshot, warnings
    try:
        snapshot, warnings = read_workbook(path, choice=choice)
    except ExcelError as exc:
        raise UsageError(with_set_hint(exc)) from exc
    print_warnings(warnings)
    return snapshot, warnings


def print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"警告：{warning}", file=sys.stderr)


@contextmanager
def from_workbook(path: Path):
    """A figure the workspace refuses came from the workbook: the message names it."""
    try:
        yield
    except EditError as exc:
        raise UsageError(f"工作簿“{path}”：{exc}") from exc
