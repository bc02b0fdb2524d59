"""A workspace as plain JSON: the shipped sample, test fixtures, and comparisons."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.definitions import CellRef
from desktop.core.money import from_text, to_text
from desktop.core.workspace import Workspace

FORMAT = "juesuan-workspace"


def dump(ws: Workspace) -> dict:
    """Everything the user entered: unit facts, 科目 rows, typed figures, 空表说明, 出错说明."""
    cells: dict[str, dict[str, dict[str, str]]] = {}
    for ref, value in sorted(ws.values.typed.items()):
        cells.setdefault(ref.form, {}).setdefault(ref.row, {})[ref.col] = to_text(value)
    rows: dict[str, list] = {}
    for row in sorted(ws.coded_rows_all(), key=lambda r: (r.form, r.code)):
        entry = [row.code, row.name] + (["自定义"] if row.custom else [])
        rows.setdefault(row.form, []).append(entry)
    return {
        "format": FORMAT,
        "version": 1,
        "unit": dict(sorted(ws.unit.items())),
        "rows": rows,
        "cells": cells,
        "empty_notes": dict(sorted(ws.notes.items())),
        "explanations": dict(sorted(ws.explanations.items())),
        "texts": dict(sorted(ws.texts.items())),
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
    return ws


def figure_count(data: dict) -> int:
    """How many typed figures a snapshot carries."""
    return sum(len(by_col) for by_row in data.get("cells", {}).values() for by_col in by_row.values())


def load_file(source: Path | str, path: Path | str) -> Workspace:
    with open(source, encoding="utf-8") as fh:
        return load(json.load(fh), path)


def dumps(ws: Workspace) -> str:
    return json.dumps(dump(ws), ensure_ascii=False, indent=1)
