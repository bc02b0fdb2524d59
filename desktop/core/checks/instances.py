"""Binds each declared check to concrete cells: one instance per row, column or 科目 total."""

from __future__ import annotations

from typing import NamedTuple

from desktop.core.definitions import CellRef, CheckDef, RowDef
from desktop.core.definitions.model import Term
from desktop.core.structure import Structure, note_ref

Signed = tuple[int, CellRef]


class Instance(NamedTuple):
    key: str  # stable across runs: check id, bound row, bound column
    check: CheckDef
    row: RowDef | None
    col: str | None
    lhs: tuple[Signed, ...]
    rhs: tuple[Signed, ...]
    reads: frozenset[CellRef]


def instantiate(structure: Structure, *, computing_only: bool = False) -> list[Instance]:
    """Every check bound to its cells; or (computing_only) the checks that compute a total."""
    instances: list[Instance] = []
    for form in structure.active:
        for check in form.checks:
            if computing_only and not check.compute:
                continue
            if check.kind == "tree":
                instances += _tree(structure, check)
            elif check.kind == "change":
                instances += _changes(structure, check)
            elif check.kind == "empty_note":
                if form.published:
                    cells = structure.value_cells(form.id)
                    instances.append(Instance(
                        f"{check.id}::", check, None, None, (), (),
                        frozenset(cells) | {note_ref(form.id)},
                    ))
            else:
                instances += _equations(structure, check)
    return instances


def _bound_rows(structure: Structure, check: CheckDef) -> list[RowDef | None]:
    if not check.for_rows:
        return [None]
    seen: dict[str, RowDef] = {}
    for selector in check.for_rows:
        for row in structure.select(selector, check.form, check.section):
            seen.setdefault(row.code or row.key, row)
    return [seen[k] for k in sorted(seen, key=_row_order(structure, check, seen))]


def _row_order(structure: Structure, check: CheckDef, rows: dict[str, RowDef]):
    own = {r.key: i for i, r in enumerate(structure.value_rows(check.form))}
    return lambda k: (own.get(rows[k].key, len(own)), k)


def _bound_columns(structure: Structure, check: CheckDef) -> list[str | None]:
    if not check.for_columns:
        return [None]
    if check.for_columns == ("*",):
        form = structure.forms[check.form]
        section = form.section(check.section) if check.section is not None else form.sections[0]
        return [c.key for c in section.columns]
    return list(check.for_columns)


def _equations(structure: Structure, check: CheckDef) -> list[Instance]:
    out = []
    for row in _bound_rows(structure, check):
        for col in _bound_columns(structure, check):
            lhs = _terms(structure, check, check.lhs, row, col)
            rhs = _terms(structure, check, check.rhs, row, col)
            if not lhs or not rhs:
                continue
            reads = {ref for _, ref in lhs + rhs}
            if check.kind == "completion":
                # Whether a budget was entered at all decides between "新增" and silence.
                reads.add(budget_total(rhs))
            key = f"{check.id}:{row.key if row else ''}:{col or ''}"
            out.append(Instance(key, check, row, col, tuple(lhs), tuple(rhs), frozenset(reads)))
    return out


def _terms(structure, check: CheckDef, terms: tuple[Term, ...], row, col) -> list:
    out = []
    for term in terms:
        column = col if term.col == "@" else term.col
        if term.row == "@":
            keys = [structure.resolve_row(term.form, row)]
        elif term.row.startswith("#"):
            keys = [r.key for r in structure.select(term.form + term.row, check.form, check.section)]
        else:
            keys = [term.row]
        for key in keys:
            ref = CellRef(term.form, key, column)
            # A referenced row the form does not print (a 科目 the unit lacks) reads as blank,
            # but a column the row's section lacks means the rule does not apply there.
            if structure.row(term.form, key) is not None and not structure.is_cell(ref):
                continue
            out.append((term.sign, ref))
    return out


def _tree(structure: Structure, check: CheckDef) -> list[Instance]:
    out = []
    for row in structure.value_rows(check.form):
        children = structure.children(check.form, row)
        if not children:
            continue
        for column in structure.columns(check.form, row.key):
            target = CellRef(check.form, row.key, column.key)
            parts = tuple((1, CellRef(check.form, c.key, column.key)) for c in children)
            out.append(Instance(
                f"{check.id}:{row.key}:{column.key}", check, row, column.key,
                ((1, target),), parts, frozenset({target} | {ref for _, ref in parts}),
            ))
    return out


def _changes(structure: Structure, check: CheckDef) -> list[Instance]:
    """This year against last: each row with a source compares that cell now with its own figure."""
    out = []
    for row in structure.value_rows(check.form):
        if row.source is None or not structure.is_cell(row.source):
            continue
        column = structure.columns(check.form, row.key)[0].key
        now, before = row.source, CellRef(check.form, row.key, column)
        out.append(Instance(
            f"{check.id}:{row.key}:", check, row, None, ((1, now),), ((1, before),),
            frozenset({now, before}),
        ))
    return out


def budget_total(rhs: tuple[Signed, ...] | list[Signed]) -> CellRef:
    """The 合计 of the budget a completion rate divides by."""
    budget = rhs[0][1]
    return CellRef(budget.form, "合计", budget.col)


def compute_rules(instances: list[Instance]) -> dict[CellRef, tuple[CellRef, ...]]:
    """Cells computed from their parts while the user has typed nothing there (first rule wins)."""
    rules: dict[CellRef, tuple[CellRef, ...]] = {}
    for inst in instances:
        if inst.check.compute and len(inst.lhs) == 1:
            target = inst.lhs[0][1]
            parts = tuple(ref for _, ref in inst.rhs)
            if target not in parts:
                rules.setdefault(target, parts)
    return rules
