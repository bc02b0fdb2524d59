"""A workbook into a workspace: a new file, or written through an open workspace (history kept)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.atomic_file import written_whole
from desktop.core.definitions import CellRef, FormSet, load_forms
from desktop.core.definitions.performance import load_performance_forms
from desktop.core.excel.foreign import read_foreign
from desktop.core.excel.meta import SHEET, Untrusted, read_meta
from desktop.core.excel.own import read_own
from desktop.core.excel.performance_sheets import read_performance
from desktop.core.excel.reading import BadFigure, ExcelError, Warning_, open_workbook, text_of
from desktop.core.money import from_text
from desktop.core.performance_snapshot import load_performance
from desktop.core.snapshot import absent_in, load
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import UNIT_DEFAULTS, Workspace


def read_workbook(path: Path, forms: FormSet | None = None) -> tuple[dict, list[Warning_]]:
    """A workspace snapshot of the workbook and the cells that could not be placed.

    Raises ExcelError for a file that is not a workbook, is damaged, or has no table.
    """
    forms = forms or load_forms()
    book = open_workbook(path)
    try:
        snapshot, warnings = _read(book, forms, path)
    except BadFigure as exc:
        # Imported without it, the figure's table would balance to a wrong total.
        raise ExcelError(f"工作簿“{path}”{exc}") from exc
    tables, more = read_performance(book, load_performance_forms(), own=SHEET in book.sheetnames)
    if tables:
        snapshot["performance"] = tables
    return snapshot, warnings + more


def _read(book, forms: FormSet, path: Path) -> tuple[dict, list[Warning_]]:
    distrust: list[Warning_] = []
    try:
        meta = read_meta(book, forms)
        if meta is not None:
            return read_own(book, meta, forms)
    except Untrusted as exc:
        # Reading the printed tables by their headers loses only what the hidden sheet adds
        # (typed or computed, custom names, 出错说明); guessing from a damaged one could be wrong.
        distrust.append(Warning_(SHEET, exc.cell, f"{exc.reason}。隐藏的 {SHEET} 工作表已损坏或被改动，本工作簿按表上所见读取"))
    snapshot, warnings = read_foreign(book, forms)
    warnings = distrust + warnings
    if not snapshot["cells"] and not snapshot["empty_notes"] and not snapshot["found_forms"]:
        raise ExcelError(f"“{path}”中没有可识别的决算公开表（按表名或“公开0X表”查找）")
    # found_forms and absent_columns stay: they tell a table the workbook lacks, and a column its
    # layout does not print, from one left blank (snapshot.absent_in).
    narrative = _narrative_sheet(book)
    if narrative:
        snapshot.setdefault("texts", {})[NARRATIVE_KEY] = narrative
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


def create_workspace(snapshot: dict, target: Path) -> Workspace:
    """Builds the workspace beside `target` and moves it into place only when complete."""
    with written_whole(target) as partial:
        load(snapshot, partial).close()
    return Workspace.open(target)


def apply_snapshot(ws: Workspace, snapshot: dict) -> None:
    """Replaces what the workspace holds by the snapshot, edit by edit, so history keeps the old figures."""
    unit = {**UNIT_DEFAULTS, **snapshot["unit"]}
    for key in ("年度", "金额单位", "选填表", *UNIT_DEFAULTS):
        if ws.unit.get(key, "") != unit.get(key, ""):
            ws.set_unit(key, unit.get(key, ""))
    wanted = {(form, entry[0]): entry for form, entries in snapshot.get("rows", {}).items() for entry in entries}
    for row in sorted(ws.coded_rows_all(), key=lambda r: len(r.code)):
        if (row.form, row.code) not in wanted and any(r.code == row.code for r in ws.coded_rows(row.form)):
            ws.remove_row(row.form, row.code)
    for form, entries in snapshot.get("rows", {}).items():
        ws.add_rows(form, [(e[0], e[1] if len(e) > 1 else None) for e in entries])
    new = {
        CellRef(form, row, col): from_text(text)
        for form, by_row in snapshot.get("cells", {}).items()
        for row, by_col in by_row.items()
        for col, text in by_col.items()
    }
    changes = [(ref, None) for ref in ws.values.typed if ref not in new] + list(new.items())
    ws.set_values(changes)
    notes = snapshot.get("empty_notes", {})
    for form in ws.structure.active:
        if form.published:
            ws.set_empty_note(form.id, notes.get(form.id, ""))
    explanations = snapshot.get("explanations", {})
    ws.restore_explanations({**{k: "" for k in ws.explanations}, **explanations})
    # Texts the workbook carries replace the workspace's; a workbook without a 情况说明 leaves it be.
    for key, text in snapshot.get("texts", {}).items():
        ws.set_text(key, text)
    ws.set_absent(absent_in(snapshot, ws.structure))
    if "performance" in snapshot:  # the workbook's 绩效自评表 replace the workspace's
        for table in ws.performance.ordered():
            ws.performance.remove(table.id)
        load_performance(ws.performance, snapshot["performance"], ws.unit.get("单位名称", ""))


__all__ = ["ExcelError", "Warning_", "apply_snapshot", "create_workspace", "read_workbook"]
