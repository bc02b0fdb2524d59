"""A workbook into a workspace: a snapshot read from it, applied to a new file, an open workspace
(history kept) or a workspace in memory for checking."""

from __future__ import annotations

from pathlib import Path

from desktop.core.definitions import FormSet, load_forms
from desktop.core.definitions.performance import load_performance_forms
from desktop.core.excel.meta import SHEET, Untrusted, read_meta
from desktop.core.excel.own import read_own
from desktop.core.excel.performance_reading import performance_sheet_names, read_performance
from desktop.core.excel.reading import (
    BadFigure, ExcelError, NeedsLayout, Warning_, open_workbook, require_workbook, text_of,
)
from desktop.core.excel.xlsx_values import GIVE_UP, read_values
from desktop.core.snapshot import Snapshot, apply, create
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.unread import sheet_cell
from desktop.core.workspace import Workspace


def read_workbook(path: Path, forms: FormSet | None = None, choice: str | None = None) -> tuple[Snapshot, list[Warning_]]:
    """A workspace snapshot of the workbook and the cells that could not be placed; `choice` picks
    the set of tables to read from a workbook holding several units' or years' (see file_owner).

    Raises ExcelError for a file that is not a workbook, is damaged, or has no table, and its
    SetsToChoose when it holds equally complete sets of tables and `choice` picks none of them.
    """
    forms = forms or load_forms()
    performance_forms = load_performance_forms()
    try:
        kind = require_workbook(path)
        fast = _read_own_values(path, forms, performance_forms) if kind == "xlsx" else None
        if fast is not None:
            return fast
        book = open_workbook(path, kind)
        snapshot, warnings = _read(book, forms, path, choice)
    except BadFigure as exc:
        # Imported without it, the figure's table would balance to a wrong total.
        raise ExcelError(f"工作簿“{path}”{exc}") from exc
    return _with_performance(book, performance_forms, snapshot, warnings)


def _with_performance(book, performance_forms, snapshot: Snapshot, warnings: list[Warning_]):
    tables, more = read_performance(book, performance_forms, own=SHEET in book.sheetnames)
    if tables:
        snapshot.performance = tables
    if warnings or snapshot.unread:
        # The 绩效自评表's sheets are read by their own reader, which names what it leaves out.
        theirs = performance_sheet_names(book, performance_forms)
        warnings = [w for w in warnings if w.sheet not in theirs]
        snapshot.unread = [u for u in snapshot.unread if (sheet_cell(u.place) or ("",))[0] not in theirs]
    return snapshot, warnings + more


def _read_own_values(path: Path, forms: FormSet, performance_forms) -> tuple[Snapshot, list[Warning_]] | None:
    """A workbook this program wrote, read from its XML for its values alone; None when openpyxl's
    full reading is needed (another program's workbook, formulas, dates, a damaged hidden sheet,
    a re-laid-out table)."""
    book = read_values(path)
    if book is None:
        return None
    try:
        meta = read_meta(book, forms)
        return None if meta is None else _with_performance(book, performance_forms, *read_own(book, meta, forms))
    except (Untrusted, NeedsLayout, *GIVE_UP):
        return None
    finally:
        book.close()


def _read(book, forms: FormSet, path: Path, choice: str | None = None) -> tuple[Snapshot, list[Warning_]]:
    distrust: list[Warning_] = []
    try:
        meta = read_meta(book, forms)
        if meta is not None:
            snapshot, warnings = read_own(book, meta, forms)
            return snapshot, book.notes + warnings
    except Untrusted as exc:
        # Reading the printed tables by their headers loses only what the hidden sheet adds
        # (typed or computed, custom names, 出错说明); guessing from a damaged one could be wrong.
        distrust.append(Warning_(SHEET, exc.cell, f"{exc.reason}。隐藏的 {SHEET} 工作表已损坏或被改动，本工作簿按表上所见读取"))
    from desktop.core.excel.foreign import read_foreign  # the layout reader: not loaded for own workbooks

    narrative = _narrative_sheet(book)
    snapshot, warnings = read_foreign(book, forms, choice=choice, path=path, narrative=narrative)
    warnings = book.notes + distrust + warnings
    if not snapshot.has_content():
        raise ExcelError(f"“{path}”中没有可识别的决算公开表（按表名或“公开0X表”查找）")
    if narrative:
        snapshot.texts[NARRATIVE_KEY] = narrative
    return snapshot, warnings


def _narrative_sheet(book) -> str:
    """The text of a sheet named 情况说明, a paragraph per row, without its title line."""
    name = next((n for n in book.sheetnames if NARRATIVE_KEY in n), None)
    if name is None:
        return ""
    lines = [
        "".join(text_of(v) for v in row if v is not None).strip()
        for row in book[name].iter_rows(values_only=True)
    ]
    lines = [line for line in lines if line]
    if lines and lines[0].endswith(NARRATIVE_KEY):
        lines = lines[1:]
    return "\n".join(lines)


def write_workspace(snapshot: Snapshot, target: Path, forms: FormSet | None = None) -> None:
    """A new workspace file at `target` holding the snapshot: built in memory, then written in one
    copy that appears at `target` only when complete (no file at all if the snapshot is refused)."""
    with create(snapshot, None, forms, checked=False) as ws:
        ws.store.write_copy(Path(target), "导入")


def workspace_from_workbook(
    path: Path, forms: FormSet | None = None, choice: str | None = None,
) -> tuple[Workspace, list[Warning_]]:
    """The workbook as a workspace in memory (nothing written to disk), and the cells that
    could not be placed; the caller closes the workspace.

    Raises ExcelError for a file that is not a workbook, is damaged, or has no table, and
    EditError for a figure or row the workspace refuses (the message names it).
    """
    forms = forms or load_forms()
    snapshot, warnings = read_workbook(path, forms, choice)
    return create(snapshot, None, forms), warnings


__all__ = ["ExcelError", "Warning_", "apply", "read_workbook", "workspace_from_workbook", "write_workspace"]
