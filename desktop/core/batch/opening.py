"""A file to check or to sum, workbook, published PDF or workspace, opened in memory: the file itself is never written."""

from __future__ import annotations

from pathlib import Path

from desktop.core.batch.sources import is_workbook
from desktop.core.definitions import FormSet
from desktop.core.excel.import_ import workspace_from_workbook
from desktop.core.pdf.opening import is_pdf
from desktop.core.workspace import Workspace


def open_any(path: Path, forms: FormSet) -> tuple[Workspace, list]:
    """The file as a workspace the caller closes, and (for a workbook) the cells it could not place."""
    path = Path(path)
    if is_pdf(path):
        from desktop.core.pdf.import_ import workspace_from_pdf  # the layout reader: loaded for a PDF only

        ws, warnings, _ = workspace_from_pdf(path, forms)
        return ws, warnings
    if is_workbook(path):
        return workbook_workspace(path, forms)
    return Workspace.open(path, forms, read_only=True), []


def open_to_check(path: Path, forms: FormSet) -> tuple[Workspace, list, object | None]:
    """open_any, and for a PDF where its tables, rows and 情况说明 pages are printed (its PageIndex),
    which the findings cite; None for any other file."""
    if is_pdf(path):
        from desktop.core.pdf.import_ import workspace_from_pdf

        return workspace_from_pdf(path, forms)
    return (*open_any(path, forms), None)


def workbook_workspace(path: Path, forms: FormSet) -> tuple[Workspace, list]:
    """A workbook as an in-memory workspace the caller closes, and the cells it could not place."""
    return workspace_from_workbook(path, forms)
