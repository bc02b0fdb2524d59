"""A workspace as one typed value: what every reader returns (own and foreign workbooks, the JSON
sample) and what `apply` puts into a workspace in one transaction."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from desktop.core.changes import Changes, all_or_nothing
from desktop.core.definitions import CellRef, FormSet
from desktop.core.money import from_text, to_text
from desktop.core.performance.snapshot import dump_performance, load_performance
from desktop.core.structure import Structure
from desktop.core.unit_facts import UNIT_DEFAULTS
from desktop.core.unread import Unread
from desktop.core.workspace import Workspace

FORMAT = "juesuan-workspace"


class Snapshot:
    """Everything a workspace holds that the user entered, and what its source lacked.

    `found_forms` is None for a source that has every table (a dumped workspace); a workbook
    names the tables it found, so a required table it lacks is absent, not blank.
    `performance` holds the 绩效自评表 as printed (performance.snapshot); None when the source has
    none, so an import from a workbook without them leaves the workspace's be.
    """

    _FIELDS = ("unit", "rows", "cells", "empty_notes", "explanations", "texts", "found_forms", "absent_columns",
               "absent", "unread", "performance")

    def __init__(
        self, *, unit: dict[str, str] | None = None, rows: list[tuple[str, str, str]] | None = None,
        cells: dict[CellRef, Decimal] | None = None, empty_notes: dict[str, str] | None = None,
        explanations: dict[str, str] | None = None, texts: dict[str, str] | None = None,
        found_forms: set[str] | None = None, absent_columns: dict[str, list[str]] | None = None,
        absent: set[tuple[str, str]] | None = None, unread: list[Unread] | None = None,
        performance: list[dict] | None = None,
    ):
        self.unit = {} if unit is None else unit
        self.rows = [] if rows is None else rows  # (form, code, name) of 科目 rows
        self.cells = {} if cells is None else cells  # typed figures
        self.empty_notes = {} if empty_notes is None else empty_notes  # 空表说明 by form
        self.explanations = {} if explanations is None else explanations  # 出错说明 by finding key
        self.texts = {} if texts is None else texts  # 情况说明 and its sections
        self.found_forms = found_forms
        self.absent_columns = {} if absent_columns is None else absent_columns  # form → columns its layout lacks
        self.absent = set() if absent is None else absent  # recorded absences, column '' for a table
        self.unread = [] if unread is None else unread  # figures printed that the import could not place
        self.performance = performance

    def __eq__(self, other) -> bool:
        return isinstance(other, Snapshot) and all(getattr(self, f) == getattr(other, f) for f in self._FIELDS)

    def __repr__(self) -> str:
        return f"Snapshot({', '.join(f'{f}={getattr(self, f)!r}' for f in self._FIELDS)})"

    @property
    def figure_count(self) -> int:
        return len(self.cells)

    def has_content(self) -> bool:
        return bool(self.cells or self.empty_notes or self.found_forms)

    def absences(self, structure: Structure) -> set[tuple[str, str]]:
        """What the source lacks: (form, column), column '' for a whole table.

        A required table not found is absent unless there is a figure or a 空表说明 for it (a
        table printed empty with its reason is there); a column is absent unless it has a figure.
        """
        filled = {(ref.form, ref.col) for ref in self.cells}
        filled_forms = {form for form, _ in filled} | {f for f, t in self.empty_notes.items() if t.strip()}
        absent = {(form, col) for form, col in self.absent if structure.is_active(form)}
        if self.found_forms is not None:
            absent |= {
                (form.id, "") for form in structure.active
                if form.published and form.id not in self.found_forms
            }
        for form, columns in self.absent_columns.items():
            if not structure.is_active(form):
                continue
            known = {c.key for section in structure.forms[form].sections for c in section.columns}
            absent |= {(form, col) for col in columns if col in known}
        return {
            (form, col) for form, col in absent
            if (form not in filled_forms if col == "" else (form, col) not in filled)
        }

    def waiting(self, structure: Structure) -> list[Unread]:
        """The unread figures of active tables, but for a figure of one cell the source gives elsewhere."""
        return [
            u for u in self.unread if structure.is_active(u.form)
            and not (u.row and u.col and CellRef(u.form, u.row, u.col) in self.cells)
        ]

    # -- JSON -------------------------------------------------------------------------

    def to_json(self) -> dict:
        cells: dict[str, dict[str, dict[str, str]]] = {}
        for ref, value in sorted(self.cells.items()):
            cells.setdefault(ref.form, {}).setdefault(ref.row, {})[ref.col] = to_text(value)
        rows: dict[str, list] = {}
        for form, code, name in sorted(self.rows):
            rows.setdefault(form, []).append([code, name])
        data = {
            "format": FORMAT,
            "version": 1,
            "unit": dict(sorted(self.unit.items())),
            "rows": rows,
            "cells": cells,
            "empty_notes": dict(sorted(self.empty_notes.items())),
            "explanations": dict(sorted(self.explanations.items())),
            "texts": dict(sorted(self.texts.items())),
        }
        if self.absent:
            data["absent"] = [list(pair) for pair in sorted(self.absent)]
        if self.unread:
            data["unread"] = [list(u) for u in self.unread]
        if self.found_forms is not None:
            data["found_forms"] = sorted(self.found_forms)
        if self.absent_columns:
            data["absent_columns"] = {f: list(c) for f, c in sorted(self.absent_columns.items())}
        if self.performance is not None:
            data["performance"] = self.performance
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Snapshot":
        if data.get("format") != FORMAT:
            raise ValueError("不是决算公开工作区快照")
        return cls(
            unit=dict(data["unit"]),
            rows=[(form, e[0], e[1] if len(e) > 1 else "") for form, entries in data.get("rows", {}).items() for e in entries],
            cells={
                CellRef(form, row, col): from_text(text)
                for form, by_row in data.get("cells", {}).items()
                for row, by_col in by_row.items()
                for col, text in by_col.items()
                if from_text(text) is not None
            },
            empty_notes=dict(data.get("empty_notes", {})),
            explanations=dict(data.get("explanations", {})),  # older snapshots have none
            texts=dict(data.get("texts", {})),
            found_forms=set(data["found_forms"]) if "found_forms" in data else None,
            absent_columns={f: list(c) for f, c in data.get("absent_columns", {}).items()},
            absent={(form, col) for form, col in data.get("absent", [])},
            unread=[Unread(*u) for u in data.get("unread", [])],
            performance=data.get("performance"),
        )

    @classmethod
    def of(cls, ws: Workspace) -> "Snapshot":
        return cls(
            unit=dict(ws.unit),
            rows=[(r.form, r.code, r.name) for r in ws.coded_rows_all()],
            cells=dict(ws.values.typed),
            empty_notes=dict(ws.notes),
            explanations=dict(ws.explanations),
            texts=dict(ws.texts),
            absent=set(ws.absent),
            unread=list(ws.unread),
            performance=dump_performance(ws.performance) if ws.performance.tables else None,
        )


def apply(ws: Workspace, snapshot: Snapshot) -> Changes:
    """Makes the workspace hold the snapshot, in one transaction: all of it lands or nothing does.

    Into a workspace that holds figures already, each change is an edit, so history keeps
    the old figures. A failure part-way leaves the file and the open workspace as they were.
    """
    return all_or_nothing(ws, lambda: _replace(ws, snapshot))


def _replace(ws: Workspace, snapshot: Snapshot) -> Changes:
    changes = Changes()
    unit = {**UNIT_DEFAULTS, **snapshot.unit}
    for key in ("年度", "金额单位", "选填表", *UNIT_DEFAULTS):
        if ws.unit.get(key, "") != unit.get(key, ""):
            changes |= ws.set_unit(key, unit.get(key, ""))
    wanted = {(form, code) for form, code, _ in snapshot.rows}
    for row in sorted(ws.coded_rows_all(), key=lambda r: len(r.code)):
        if (row.form, row.code) not in wanted and any(r.code == row.code for r in ws.coded_rows(row.form)):
            changes |= ws.remove_row(row.form, row.code)
    by_form: dict[str, list[tuple[str, str | None]]] = {}
    for form, code, name in snapshot.rows:
        by_form.setdefault(form, []).append((code, name or None))
    changes |= ws.add_rows_to({form: sorted(entries, key=lambda e: len(e[0])) for form, entries in by_form.items()})
    cleared = [(ref, None) for ref in ws.values.typed if ref not in snapshot.cells]
    changes |= ws.set_values(cleared + sorted(snapshot.cells.items()))
    for form in ws.structure.active:
        if form.published:
            changes |= ws.set_empty_note(form.id, snapshot.empty_notes.get(form.id, ""))
    changes |= ws.restore_explanations({**{k: "" for k in ws.explanations}, **snapshot.explanations})
    # Texts the source carries replace the workspace's; a workbook without a 情况说明 leaves it be.
    for key, text in snapshot.texts.items():
        changes |= ws.set_text(key, text)
    changes |= ws.set_absent(snapshot.absences(ws.structure))
    changes |= ws.set_unread(snapshot.waiting(ws.structure))
    if snapshot.performance is not None:
        for table in ws.performance.ordered():
            changes |= ws.performance.remove(table.id)
        load_performance(ws.performance, snapshot.performance, ws.unit.get("单位名称", ""))
        changes.performance |= set(ws.performance.tables)
    return changes


def create(
    snapshot: Snapshot, path: Path | str | None, forms: FormSet | None = None, *, checked: bool = True,
) -> Workspace:
    """A new workspace holding the snapshot: a file at `path`, or (None) one in memory. Its checks
    run once, when it is filled; not at all (`checked=False`) for one that is only written out."""
    ws = Workspace.create(path, snapshot.unit, forms, checks_held=True)
    try:
        apply(ws, snapshot)
    except BaseException:
        ws.close()
        raise
    if checked:
        ws.release_checks()
    return ws


def dump(ws: Workspace) -> dict:
    """Everything the user entered, as JSON: unit facts, 科目 rows, typed figures, 空表说明,
    出错说明, texts, and what the workbook it came from lacked."""
    data = Snapshot.of(ws).to_json()
    for row in ws.coded_rows_all():
        if row.custom:
            entry = next(e for e in data["rows"][row.form] if e[0] == row.code)
            entry.append("自定义")
    return data


def load(data: dict, path: Path | str) -> Workspace:
    """Build a new workspace file at `path` from a JSON snapshot."""
    return create(Snapshot.from_json(data), path)


def load_file(source: Path | str, path: Path | str) -> Workspace:
    import json  # not loaded by commands that read no snapshot file (import, check)

    with open(source, encoding="utf-8") as fh:
        return load(json.load(fh), path)


def dumps(ws: Workspace) -> str:
    import json

    return json.dumps(dump(ws), ensure_ascii=False, indent=1)
