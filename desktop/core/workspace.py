"""The open workspace: unit facts, rows, figures, computed totals and live findings."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from desktop.core.catalogue import Catalogue, load_catalogues
from desktop.core.changes import Changes, EditError
from desktop.core.checks.bound import bound_checks
from desktop.core.checks.catalogue_findings import catalogue_findings
from desktop.core.checks.engine import CheckEngine
from desktop.core.checks.findings import Finding, sort_findings
from desktop.core.coded_rows import RemovedRows, rows_to_add
from desktop.core.definitions import CellRef, FormSet, RowDef, load_forms
from desktop.core.entry_text import NOTE_CHARS, TEXT_CHARS, entered
from desktop.core.explanations import ExplanationEdits
from desktop.core.import_gaps import ImportGaps
from desktop.core.money import AmountError, parse_amount
from desktop.core.performance.book import SelfEvaluation
from desktop.core.store import WorkspaceError, WorkspaceFile
from desktop.core.structure import CodedRow, Structure, note_ref
from desktop.core.unit_facts import UNIT_DEFAULTS, normalized_unit, unit_fact, validate_unit
from desktop.core.unread import Unread, covered
from desktop.core.values import CellValues


class Workspace(ExplanationEdits, ImportGaps):
    """The open workspace file: every write saved before it returns, and returned as one change record."""

    def __init__(self, store: WorkspaceFile, forms: FormSet | None = None, *, checks_held: bool = False):
        self.store = store
        self.forms = forms or load_forms()
        # Many edits at once follow (a workspace filled from a snapshot): the checks are bound and
        # run once, at release_checks, instead of after each edit; until then edits report no findings.
        self._checks_held = checks_held
        self.reload()

    def reload(self) -> None:
        """Reads everything afresh from the file (after a write that was rolled back)."""
        store = self.store
        self.unit = {**UNIT_DEFAULTS, **{k: "" if v is None else str(v) for k, v in store.unit().items()}}
        try:
            # A fact too long, written by other means, must not lock the user out: its writers cope.
            validate_unit(self.unit, bounded=False)
        except EditError as exc:
            raise WorkspaceError(f"工作区文件“{store.path}”的单位信息有误：{exc}。程序没有打开它。") from exc
        self.catalogues: dict[str, Catalogue] = load_catalogues(self.year or 9999)
        self.notes = store.empty_notes()
        self.explanations: dict[str, str] = store.explanations()
        self.texts: dict[str, str] = store.texts()
        self._coded = store.coded_rows()
        # Cells whose stored value is no figure: shown as blank, named, and writable to repair.
        self.damaged: dict[CellRef, str] = store.damaged_cells()
        # What the workbook this was imported from lacked: (form, column), column '' for a table.
        self.absent: set[tuple[str, str]] = {a for a in store.absent() if a[0] in self.forms}
        # Figures it printed that the import could not place: the cells each may be are not known.
        self.unread: list[Unread] = [u for u in store.unread() if u.form in self.forms]
        self.performance = SelfEvaluation(store)  # the 绩效自评表
        self._rebuild(store.typed_cells())

    @classmethod
    def open(cls, path: Path | str, forms: FormSet | None = None, *, read_only: bool = False) -> "Workspace":
        """For writing, or (read_only) a copy in memory: the file is left exactly as it is."""
        store = WorkspaceFile.open(Path(path), read_only=read_only)
        try:
            return cls(store, forms)
        except BaseException:
            store.close()
            raise

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def damage(self) -> list[str]:
        """What is damaged in the file, one sentence a cell, naming the cell; and what opening repaired."""
        return self.store.notices + [f"工作区文件“{self.path}”中{line}（文件曾被其他程序改动）" for line in self.store.damage] + [
            f"工作区文件“{self.path}”中{self.describe(ref)}存的是“{raw}”，不是数字（文件曾被其他程序改动）；"
            "按空白处理，可重新填写或清除"
            for ref, raw in sorted(self.damaged.items())
        ]

    @classmethod
    def create(
        cls, path: Path | str | None, unit: dict[str, str], forms: FormSet | None = None, *, checks_held: bool = False,
    ) -> "Workspace":
        """A new workspace file at `path`, or (None) one in memory that is gone when closed."""
        facts = normalized_unit({**UNIT_DEFAULTS, **{k: unit_fact(k, str(v)) for k, v in unit.items() if v is not None}})
        validate_unit(facts)
        store = WorkspaceFile.in_memory(facts) if path is None else WorkspaceFile.create(Path(path), facts)
        return cls(store, forms, checks_held=checks_held)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def detached_copy(self) -> "Workspace":
        """The same workspace in memory, for a worker thread to read (an export) while edits go on."""
        return Workspace(self.store.detached_copy(), self.forms)

    def save_copy(self, target: Path | str) -> None:
        """另存为: writes a copy; this workspace stays open on its own file."""
        self.store.save_copy(Path(target))

    @property
    def path(self) -> Path:
        return self.store.path

    # -- unit facts --------------------------------------------------------------

    @property
    def year(self) -> int:
        text = self.unit.get("年度", "")
        return int(text) if re.fullmatch(r"[0-9]{4}", text) else 0

    @property
    def money_unit(self) -> str:
        return self.unit.get("金额单位") or "万元"

    @property
    def enabled_optional(self) -> set[str]:
        return {f.strip() for f in self.unit.get("选填表", "").split(",") if f.strip()}

    def set_unit(self, key: str, value: str) -> Changes:
        if key not in UNIT_DEFAULTS:
            raise EditError(f"没有名为“{key}”的单位信息；单位信息有：{'、'.join(UNIT_DEFAULTS)}")
        value = unit_fact(key, value)
        facts = normalized_unit({**self.unit, key: value})
        validate_unit(facts)
        value = facts[key]
        old = self.unit.get(key)
        if value == old:
            return Changes()
        self.store.set_unit(key, value, old)
        self.unit = facts
        if key in ("选填表", "金额单位", "年度"):
            self.catalogues = load_catalogues(self.year or 9999)
            self._rebuild(self.values.typed)
            return Changes(unit={key}, structure=True)
        return Changes(unit={key})

    def reload_catalogues(self) -> Changes:
        """After a catalogue edition was imported: the edition for this 年度 afresh, rows and findings with it."""
        catalogues = load_catalogues(self.year or 9999)
        if catalogues == self.catalogues:
            return Changes()
        self.catalogues = catalogues
        self._rebuild(self.values.typed)
        return Changes(structure=True)

    # -- structure -----------------------------------------------------------------

    def _rebuild(self, typed: dict[CellRef, Decimal]) -> None:
        if self._checks_held:
            # Rows and figures only: the checks, and the totals computed from figures, are bound
            # when the checks are released.
            self.structure = Structure(self.forms, self.catalogues, self._coded, self.enabled_optional)
            instances, rules, standing = [], {}, []
        else:
            self.structure, instances, rules = bound_checks(
                self.forms, self.catalogues, self._coded, self.enabled_optional,
            )
            standing = catalogue_findings(self.structure, self.catalogues, self.year, typed)
        self.values = CellValues(dict(typed), dict(rules))
        self.unknown: set[CellRef] = set()
        self.engine = CheckEngine(
            self.structure, self.values, instances, self.notes, exact=self.money_unit == "元",
            explanations=self.explanations, unknown=self.unknown, absent=self.absent, unread=self.unread, standing=standing,
        )
        self._mark_unknown()
        self.engine.run_all()

    def release_checks(self) -> None:
        """Binds the checks and runs them once, after the edits made with the checks held."""
        if self._checks_held:
            self._checks_held = False
            self._rebuild(self.values.typed)

    def rows(self, form_id: str) -> list[RowDef]:
        return self.structure.rows.get(form_id, [])

    def coded_rows(self, form_id: str) -> list[CodedRow]:
        return [r for r in self._coded if r.form == form_id]

    def coded_rows_all(self) -> list[CodedRow]:
        return list(self._coded)

    def add_row(self, form_id: str, code: str, name: str | None = None) -> Changes:
        """Put a 科目 on a coded form, with its 款 and 类; the record's `added` has the codes."""
        return self.add_rows(form_id, [(code, name)])

    def add_rows(self, form_id: str, entries: list[tuple[str, str | None]]) -> Changes:
        return self.add_rows_to({form_id: entries})

    def add_rows_to(self, entries_by_form: dict[str, list[tuple[str, str | None]]]) -> Changes:
        """Put 科目 on coded forms, with their 款 and 类, in one write; the record's `added` has the codes."""
        added: list[CodedRow] = []
        for form_id, entries in entries_by_form.items():
            added += rows_to_add(self.forms[form_id], self.catalogues, self.structure, entries)
        if added:
            with self.store.transaction():
                for row in added:
                    self.store.add_coded_row(row)
            self._coded += added
            self._rebuild(self.values.typed)
        return Changes(structure=bool(added), added=[r.code for r in added])

    def remove_row(self, form_id: str, code: str) -> Changes:
        """Take a 科目 and everything under it off the form, figures included; the record's
        `removed` (RemovedRows) is what went, for restore_rows (undo) to put back."""
        taken = [r for r in self.coded_rows(form_id) if r.code.startswith(code)]
        doomed = [r.code for r in taken]
        if not doomed:
            raise EditError(f"{form_id} 没有科目 {code}")
        figures = [
            (ref, value) for ref, value in self.values.typed.items() if ref.form == form_id and ref.row in doomed
        ]
        with self.store.transaction():
            self.store.set_cells([(ref, None, value) for ref, value in figures])
            for each in doomed:
                self.store.remove_coded_row(form_id, each)
        typed = {ref: v for ref, v in self.values.typed.items() if ref not in dict(figures)}
        self._coded = [r for r in self._coded if not (r.form == form_id and r.code in doomed)]
        self._rebuild(typed)
        return Changes(structure=True, removed=RemovedRows(form_id, [(r.code, r.name) for r in taken], figures))

    def restore_rows(self, removed: RemovedRows) -> Changes:
        """Put back what remove_row took away, rows and figures, in one step."""
        with self.store.transaction():
            return self.add_rows(removed.form, sorted(removed.rows)) | self.set_values(removed.figures)

    # -- figures -------------------------------------------------------------------

    def value(self, ref: CellRef) -> Decimal | None:
        return self.values.get(ref)

    def describe(self, ref: CellRef) -> str:
        """“公开02「2080101 行政运行」行「财政拨款收入」栏”, for messages."""
        row = self.structure.row(ref.form, ref.row)
        column = self.structure.column(ref.form, ref.row, ref.col)
        label = row.caption if row else ref.row
        return f"{ref.form}「{label}」行「{column.path[-1] if column else ref.col}」栏"

    def parse(self, ref: CellRef, text) -> Decimal | None:
        """Read typed text for a cell (window, paste, `set`); a refusal names the cell."""
        self._require_cell(ref)
        row = self.structure.row(ref.form, ref.row)
        try:
            return parse_amount(text, decimals=row.decimals, unit=self.money_unit if row.unit in (None, "金额") else None)
        except AmountError as exc:
            raise EditError(f"{self.describe(ref)}：{exc}") from exc

    def _require_cell(self, ref: CellRef) -> None:
        if not self.structure.is_cell(ref):
            raise EditError(f"{ref.form} 没有“{ref.row}”行“{ref.col}”栏这个可填单元格")

    def set_value(self, ref: CellRef, value: Decimal | None) -> Changes:
        """Type a figure (None clears it, restoring a computed total); saved before returning."""
        return self.set_values([(ref, value)])

    def set_values(self, changes: list[tuple[CellRef, Decimal | None]]) -> Changes:
        for ref, _ in changes:
            self._require_cell(ref)
        real = [
            (r, v, self.values.typed.get(r)) for r, v in changes
            if self.values.typed.get(r) != v or r in self.damaged
        ]
        result = Changes()
        if not real:
            return result
        present = self._made_present(ref for ref, value, _ in real if value is not None)
        # A figure typed where none was, in a cell an unread figure may be, is that figure.
        found = covered(self.unread, [ref for ref, value, old in real if value is not None and old is None])
        with self.store.transaction():
            self.store.set_cells(real)
            for form, col in sorted(present):
                self.store.set_absent(form, col, False)
            self.store.set_unread(found, False)
        repaired = {ref for ref, _, _ in real if ref in self.damaged}
        for ref in repaired:
            del self.damaged[ref]
        for ref, value, _ in real:
            result.cells |= self.values.set_typed(ref, value)
        if present or found:
            gone = set(found)
            return result | self._absence_changed(self.absent - present, [u for u in self.unread if u not in gone])
        if repaired or self.unknown:
            self._mark_unknown()
        result.findings = self.engine.recheck(result.cells)
        return result

    # -- 空表说明 --------------------------------------------------------------------

    def set_empty_note(self, form_id: str, text: str) -> Changes:
        if form_id not in self.forms or not self.forms[form_id].published:
            raise EditError(f"“{form_id}”不是公开表，不能填写空表说明")
        text = entered(text, f"{form_id}的空表说明", NOTE_CHARS)
        old = self.notes.get(form_id, "")
        if text == old:
            return Changes()
        present = {(form_id, "")} & self.absent if text else set()
        with self.store.transaction():
            self.store.set_empty_note(form_id, text, old)
            if present:
                self.store.set_absent(form_id, "", False)
        if text:
            self.notes[form_id] = text
        else:
            self.notes.pop(form_id, None)
        noted = Changes(empty_notes={form_id})
        if present:  # a table printed empty with its reason is there
            return noted | self._absence_changed(self.absent - present)
        noted.findings = self.engine.recheck({note_ref(form_id)})
        return noted

    # -- free text: the 情况说明 and its descriptive sections ----------------------------

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def set_text(self, key: str, text: str) -> Changes:
        """Saved at once, like a figure; empty text clears. Line ends are kept as typed."""
        text = entered(text.replace("\r\n", "\n"), "文字", TEXT_CHARS)
        old = self.text(key)
        if text == old:
            return Changes()
        self.store.set_text(key, text, old)
        if text:
            self.texts[key] = text
        else:
            self.texts.pop(key, None)
        return Changes(texts={key})

    # -- findings ------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        return sort_findings(self.engine.findings.values())

    def full_check(self) -> list[Finding]:
        self.engine.run_all()
        return self.findings()


# What modules reaching the workspace read from it: its refusals, the unit facts it keeps and checks.
__all__ = ["UNIT_DEFAULTS", "EditError", "Workspace", "WorkspaceError", "normalized_unit", "validate_unit"]
