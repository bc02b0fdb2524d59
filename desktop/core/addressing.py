"""Finds a form's row and column from what a person writes: 科目 code, 行次, label, 栏次, header."""

from __future__ import annotations


from desktop.core.catalogue import CODE_WIDTHS
from desktop.core.definitions import ColumnDef, RowDef
from desktop.core.labels import normalize_label  # noqa: F401 - one normaliser, re-exported
from desktop.core.structure import Structure


class AddressError(LookupError):
    """A row or column that cannot be found, or is ambiguous; the message is Chinese."""


def find_row(structure: Structure, form_id: str, text: str) -> RowDef | None:
    """The row named by a 科目 code, a 行次, or a label; None for a 科目 the form lacks yet.

    Raises AddressError when nothing matches or several rows do.
    """
    text = str(text).strip()
    rows = structure.value_rows(form_id)
    form = structure.forms[form_id]
    coded = form.is_coded
    exact = structure.row(form_id, text)
    if exact is not None and not exact.heading and not exact.spacer:
        return exact
    if text.isdigit():
        if coded and len(text) in CODE_WIDTHS:
            return None  # a 科目 the unit has not used yet
        by_line = [r for r in rows if r.line is not None and str(r.line) == text]
        if len(by_line) == 1:
            return by_line[0]
        raise AddressError(f"{form_id} 没有行次 {text}")
    wanted = normalize_label(text)
    matches = [r for r in rows if normalize_label(r.label) == wanted or normalize_label(r.key) == wanted]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        options = "、".join(
            f"{r.section}{r.label}（{'行次 ' + str(r.line) if r.line else r.code or r.key}）" for r in matches
        )
        raise AddressError(f"{form_id} 中“{text}”有 {len(matches)} 行：{options}，请用行次或科目代码指明")
    raise AddressError(f"{form_id} 没有“{text}”这一行")


def find_column(structure: Structure, form_id: str, row: RowDef | None, text: str) -> ColumnDef:
    """The column named by its key, its 栏次 or its printed header text."""
    text = str(text).strip()
    form = structure.forms[form_id]
    if row is not None:
        section = structure.section(form_id, row.key)
        columns = list(section.columns) if section else []
    else:
        columns = [c for s in form.sections if s.catalogue for c in s.columns]
    for column in columns:
        if column.key == text:
            return column
    if text.isdigit():
        for column in columns:
            if column.number is not None and str(column.number) == text:
                return column
        raise AddressError(f"{form_id} 没有栏次 {text}")
    wanted = normalize_label(text)
    matches = [
        c for c in columns
        if wanted in (normalize_label(c.key), normalize_label(c.path[-1]), normalize_label("".join(c.path)))
    ]
    if len(matches) == 1:
        return matches[0]
    names = "、".join(f"{c.key}（栏次 {c.number}）" for c in columns)
    if matches:
        raise AddressError(f"{form_id} 中“{text}”有 {len(matches)} 栏，请用栏次指明。可选：{names}")
    raise AddressError(f"{form_id} 没有“{text}”栏。可选：{names}")
