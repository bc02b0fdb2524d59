"""A workspace as plain JSON: the shipped sample, test fixtures, and comparisons."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.definitions import CellRef
from desktop.core.money import from_text, to_text
from desktop.core.performance_snapshot import dump_performance, load_performance
from desktop.core.structure import Structure
from desktop.core.workspace import Workspace

FORMAT = "juesuan-workspace"


def dump(ws: Workspace) -> dict:
    """Everything the user entered: unit facts, 科目 rows, typed figures, 空表说明, 出错说明,
    and what the workbook it came from lacked."""
    cells: dict[str, dict[str, dict[str, str]]] = {}
    for ref, value in sorted(ws.values.typed.items()):
        cells.setdefault(ref.form, {}).setdefault(ref.row, {})[ref.col] = to_text(value)
    rows: dict[str, list] = {}
    for row in sorted(ws.coded_rows_all(), key=lambda r: (r.form, r.code)):
        entry = [row.code, row.name] + (["自定义"] if row.custom else [])
        rows.setdefault(row.form, []).append(entry)
    data = {
        "format": FORMAT,
        "version": 1,
        "unit": dict(sorted(ws.unit.items())),
        "rows": rows,
        "cells": cells,
        "empty_notes": dict(sorted(ws.notes.items())),
        "explanations": dict(sorted(ws.explanations.items())),
        "texts": dict(sorted(ws.texts.items())),
    }
    if ws.absent:
        data["absent"] = [list(pair) for pair in sorted(ws.absent)]
    if ws.performance.tables:
        data["performance"] = dump_performance(ws.performance)
    return data


def absent_in(data: dict, structure: Structure) -> set[tuple[str, str]]:
    """What a snapshot lacks: (form, column), column '' for a whole table.

    A workbook's snapshot names the tables it found (`found_forms`) and, per table, the columns
    its layout lacks (`absent_columns`); a dumped workspace lists them (`absent`). A required
    table not found is absent unless the snapshot has a figure or a 空表说明 for it (a table
    printed empty with its reason is there); a column is absent unless it has a figure.
    """
    filled = {(form, col) for form, by_row in data.get("cells", {}).items()
              for by_col in by_row.values() for col in by_col}
    filled_forms = {form for form, _ in filled} | {f for f, t in data.get("empty_notes", {}).items() if t.strip()}
    absent = {(form, col) for form, col in data.get("absent", []) if structure.is_active(form)}
    if "found_forms" in data:
        found = set(data["found_forms"])
        absent |= {
            (form.id, "") for form in structure.active
            if form.published and form.id not in found and form.id not in filled_forms
        }
    for form, columns in data.get("absent_columns", {}).items():
        if not structure.is_active(form):
            continue
        known = {c.key for section in structure.forms[form].sections for c in section.columns}
        absent |= {(form, col) for col in columns if col in known}
    return {
        (form, col) for form, col in absent
        if (form not in filled_forms if col == "" else (form, col) not in filled)
    }


def load(data: dict, path: Path | str) -> Workspace:
    """Build a new workspace file at `path` from a snapshot."""
    if data.get("format") != FORMAT:
        raise ValueError("不是决算公开工作区快照")
    ws = Workspace.create(path, data["unit"])
    with ws.store.transaction():
        for form, rows in data.get("rows", {}).items():
            ws.add_rows(form, [(entry[0], entry[1] if len(entry) > 1 else None) for entry in rows])
        changes = [
            (CellRef(form, row, col), from_text(text))
            for form, by_row in data.get("cells", {}).items()
            for row, by_col in by_row.items()
            for col, text in by_col.items()
        ]
        ws.set_values(changes)
        for form, text in data.get("empty_notes", {}).items():
            ws.set_empty_note(form, text)
        # Older snapshots have no 出错说明.
        ws.restore_explanations(data.get("explanations", {}))
        for key, text in data.get("texts", {}).items():
            ws.set_text(key, text)
        ws.set_absent(absent_in(data, ws.structure))
        load_performance(ws.performance, data.get("performance", []), ws.unit.get("单位名称", ""))
    return ws


def figure_count(data: dict) -> int:
    """How many typed figures a snapshot carries."""
    return sum(len(by_col) for by_row in data.get("cells", {}).values() for by_col in by_row.values())


def load_file(source: Path | str, path: Path | str) -> Workspace:
    with open(source, encoding="utf-8") as fh:
        return load(json.load(fh), path)


def dumps(ws: Workspace) -> str:
    return json.dumps(dump(ws), ensure_ascii=False, indent=1)
