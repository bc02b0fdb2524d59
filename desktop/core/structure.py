"""The rows a workspace's forms have: fixed rows from the form files plus the 科目 the unit uses."""

from __future__ import annotations

from typing import NamedTuple

from desktop.core.catalogue import CODE_WIDTHS, Catalogue, parent_code
from desktop.core.definitions import CellRef, ColumnDef, FormSet, RowDef, SectionDef
from desktop.core.definitions.loader import split_selector
from desktop.core.definitions.model import LEVEL_BY_WIDTH

# A pseudo cell that stands for a form's 空表说明 in dependency bookkeeping.
NOTE_COLUMN = "空表说明"


class CodedRow(NamedTuple):
    """A 科目 row a unit has put on a coded form."""

    form: str
    code: str
    name: str
    custom: bool = False  # not in the catalogue


def note_ref(form_id: str) -> CellRef:
    return CellRef(form_id, "", NOTE_COLUMN)


class Structure:
    """Rows of every active form, looked up by key, by 科目 code, by tag."""

    def __init__(
        self,
        forms: FormSet,
        catalogues: dict[str, Catalogue],
        coded_rows: list[CodedRow],
        enabled_optional: set[str],
    ):
        self.forms = forms
        self.catalogues = catalogues
        self.active = [f for f in forms if not f.optional or f.id in enabled_optional]
        self._active_ids = {f.id for f in self.active}
        chosen: dict[str, list[CodedRow]] = {}
        for row in coded_rows:
            chosen.setdefault(row.form, []).append(row)
        self.rows: dict[str, list[RowDef]] = {}
        self._by_key: dict[str, dict[str, RowDef]] = {}
        self._by_code: dict[str, dict[str, RowDef]] = {}
        self._section_of: dict[str, dict[str, SectionDef]] = {}
        # Per form, each total's rows by (section, parent code; None for the 合计), built when first asked.
        self._children: dict[str, dict[tuple[str, str | None], list[RowDef]]] = {}
        self._value_cells: dict[str, list[CellRef]] = {}
        for form in self.active:
            rows: list[RowDef] = []
            sections: dict[str, SectionDef] = {}
            for section in form.sections:
                section_rows = self._section_rows(section, chosen.get(form.id, []))
                for row in section_rows:
                    sections[row.key] = section
                rows += section_rows
            self.rows[form.id] = rows
            self._by_key[form.id] = {r.key: r for r in rows}
            self._by_code[form.id] = {r.code: r for r in rows if r.code}
            self._section_of[form.id] = sections

    def _section_rows(self, section: SectionDef, chosen: list[CodedRow]) -> list[RowDef]:
        if not section.catalogue:
            return list(section.fixed_rows)
        catalogue = self.catalogues.get(section.catalogue)
        coded: dict[str, RowDef] = {}
        if section.all_catalogue_rows and catalogue:
            for code, name in catalogue.items.items():
                coded[code] = self._coded_row(section, code, name, False)
        for row in chosen:
            coded[row.code] = self._coded_row(section, row.code, row.name, row.custom)
        rows = [section.total_row] if section.total_row else []
        rows += [coded[code] for code in sorted(coded)]
        return rows + list(section.footer_rows)

    @staticmethod
    def _coded_row(section: SectionDef, code: str, name: str, custom: bool) -> RowDef:
        level = LEVEL_BY_WIDTH.get(len(code), "项")
        return RowDef(
            key=code, label=name, section=section.key, code=code,
            tags=frozenset({level}), custom=custom,
        )

    # -- lookups -----------------------------------------------------------------

    def is_active(self, form_id: str) -> bool:
        return form_id in self._active_ids

    def row(self, form_id: str, key: str) -> RowDef | None:
        return self._by_key.get(form_id, {}).get(key)

    def section(self, form_id: str, row_key: str) -> SectionDef | None:
        return self._section_of.get(form_id, {}).get(row_key)

    def columns(self, form_id: str, row_key: str) -> tuple[ColumnDef, ...]:
        section = self.section(form_id, row_key)
        return section.columns if section else ()

    def column(self, form_id: str, row_key: str, col_key: str) -> ColumnDef | None:
        for column in self.columns(form_id, row_key):
            if column.key == col_key:
                return column
        return None

    def value_rows(self, form_id: str) -> list[RowDef]:
        """Rows that hold figures (no captions, no padding lines)."""
        return [r for r in self.rows.get(form_id, []) if not r.heading and not r.spacer]

    def value_cells(self, form_id: str) -> list[CellRef]:
        # Asked on every check of a 空表说明: worked out once (a structure is rebuilt, never changed).
        if form_id not in self._value_cells:
            self._value_cells[form_id] = [
                CellRef(form_id, row.key, column.key)
                for row in self.value_rows(form_id)
                for column in self.columns(form_id, row.key)
            ]
        return list(self._value_cells[form_id])

    def is_cell(self, ref: CellRef) -> bool:
        row = self.row(ref.form, ref.row)
        return (
            row is not None and not row.heading and not row.spacer
            and self.column(ref.form, ref.row, ref.col) is not None
        )

    def select(self, selector: str, own_form: str, section: str | None = None) -> list[RowDef]:
        """Rows named by a selector: "*", "#tag", "公开01#类", or a single row key."""
        form_id, pattern = split_selector(selector, own_form)
        rows = [
            r for r in self.value_rows(form_id)
            if section is None or form_id != own_form or r.section == section
        ]
        if pattern == "*":
            return rows
        if pattern.startswith("#"):
            tag = pattern[1:]
            return [r for r in rows if tag in r.tags]
        row = self.row(form_id, pattern)
        return [row] if row else []

    def resolve_row(self, form_id: str, bound: RowDef) -> str:
        """The key in `form_id` of the row matching `bound` (same key, else same 科目 code)."""
        if bound.key in self._by_key.get(form_id, {}):
            return bound.key
        if bound.code:
            match = self._by_code.get(form_id, {}).get(bound.code)
            return match.key if match else bound.code
        return bound.key

    def children(self, form_id: str, row: RowDef) -> list[RowDef]:
        """The rows a tree total adds up: 合计 -> 类, 类 -> 款, 款 -> 项."""
        index = self._children.get(form_id)
        if index is None:
            index = self._children[form_id] = {}
            for r in self.value_rows(form_id):
                if r.code and len(r.code) in CODE_WIDTHS:
                    index.setdefault((r.section, parent_code(r.code)), []).append(r)
        if "合计" in row.tags:
            return list(index.get((row.section, None), ()))
        if not row.code:
            return []
        return list(index.get((row.section, row.code), ()))
