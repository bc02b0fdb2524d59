"""Which column of a form a printed header names: its whole path (group and sub-header) against the
form's column paths and aliases, unit annotations stripped; never a header that merely ends alike."""

from __future__ import annotations

import re

from desktop.core.definitions import ColumnDef, FormDef, SectionDef
from desktop.core.excel.tables import norm
from desktop.core.labels import normalize_label

# “（万元）”, “(元)”, “（单位：万元）”, “（%）”, “（辆）”: what a header says of its figures, not which column it is.
_UNIT_NOTE = re.compile(r"[（(](?:金额)?(?:单位[:：])?(万元|元|亿元|%|％|辆|台|个|人|批|人次|次)[)）]$")


def strip_unit(text: str) -> tuple[str, str | None]:
    """The header without its unit annotation, and the money unit it stated (万元, 元) if any."""
    m = _UNIT_NOTE.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()], m.group(1) if m.group(1) in ("万元", "元") else None


def _names(column: ColumnDef) -> tuple[set[str], set[str]]:
    """(whole names: the key, the joined path, each alias), (leaf names: the last header, the key, each alias)."""
    aliases = {norm(a) for a in column.aliases}
    whole = {norm(column.key), norm("".join(column.path))} | aliases
    leaf = {norm(column.path[-1]), norm(column.key)} | aliases
    return whole, leaf


def _fit(path: list[str], column: ColumnDef, form_words: set[str], form: FormDef) -> int:
    """How well a header path names a column: 0 not at all; the whole path exact beats a leaf under
    the column's own groups, which beats a leaf under groups no column of the form has."""
    whole, leaf = _names(column)
    if "".join(path) in whole:
        return 10
    if path[-1] not in leaf:
        return 0
    groups = path[:-1]
    own = {norm(p) for p in column.path[:-1]}
    # A group a column of the form is named by (公开09's 公务用车购置及运行维护费, its 小计) is printed by that
    # column's other names too (公务用车购置及运行费): still this column's own group.
    own |= {name for g in own for names in _synonyms(form).get(g, ()) for name in names}
    # The column's own name over its other name (本年收入合计 over 合计: its header printed twice, stacked).
    own |= whole
    if any(g not in own and g in form_words for g in groups):
        return 0  # a group of another column (小计 under 公务用车… is not 本年支出's 小计)
    return 2 + sum(g in own for g in groups)


def column_for(form: FormDef, sections: list[SectionDef], path: list[str]) -> tuple[SectionDef | None, ColumnDef | None]:
    """The best unique (section, column) for a header path. A header that fits the same column key
    in several sections (公开01 printed as one list: 决算数 for income and expenditure) gives the
    column with no section: the row decides it. Anything else tied is no column (see `rivals`)."""
    top = _best(form, sections, path)
    if len(top) == 1:
        return top[0]
    if top and len({c.key for _, c in top}) == 1:
        return None, top[0][1]
    return None, None


def rivals(form: FormDef, path: list[str]) -> list[str]:
    """The columns a header fits equally well, when more than one: what a warning names."""
    keys = list(dict.fromkeys(c.key for _, c in _best(form, list(form.sections), path)))
    return keys if len(keys) > 1 else []


def _best(form: FormDef, sections: list[SectionDef], path: list[str]) -> list[tuple[SectionDef, ColumnDef]]:
    if not path:
        return []
    words = _form_words(form)
    scored = [(_fit(path, c, words, form), s, c) for s in sections for c in s.columns]
    best = max((score for score, _, _ in scored), default=0)
    return [(s, c) for score, s, c in scored if score == best] if best else []


# Words a template prints for a group's total, interchangeably (公开09's 合计 and its 公务用车 小计).
_TOTAL_WORDS = {"合计", "小计"}


def near_fits(form: FormDef, sections: list[SectionDef], path: list[str]) -> list[tuple[SectionDef, ColumnDef]]:
    """Columns a header could name but does not name outright: one whose name the header cuts
    short (基本 for 基本支出, 年初结转 for 年初结转和结余), or, for a bare 合计/小计, every total
    column. Never enough alone: the table's arithmetic must confirm one (see column_settle)."""
    if not path:
        return []
    leaf = path[-1]
    found = []
    for s in sections:
        for c in s.columns:
            names = _names(c)[1]
            if leaf in _TOTAL_WORDS and names & _TOTAL_WORDS or len(leaf) >= 2 and any(
                n.startswith(leaf) and n != leaf for n in names
            ):
                found.append((s, c))
    return found


def column_named(form: FormDef, label: str) -> ColumnDef | None:
    """The column a row label names, for a table printed on its side (公开09 with items down and
    预算数/决算数 across); None when no column or more than one answers to it."""
    wanted = normalize_label(label)
    found = {
        c.key: c for s in form.sections for c in s.columns
        if wanted in {normalize_label(n) for n in (c.key, "".join(c.path), c.path[-1], *c.aliases)}
    }
    return next(iter(found.values())) if len(found) == 1 else None


_words: dict[int, tuple[FormDef, set[str]]] = {}


def _form_words(form: FormDef) -> set[str]:
    """Every header word of the form's columns, once per form."""
    known = _words.get(id(form))
    if known is None or known[0] is not form:
        words = {norm(p) for s in form.sections for c in s.columns for p in (*c.path, c.key, *c.aliases)}
        known = _words[id(form)] = (form, words)
    return known[1]


_named_by: dict[int, tuple[FormDef, dict[str, list[set[str]]]]] = {}


def _synonyms(form: FormDef) -> dict[str, list[set[str]]]:
    """Each name of a column of the form → the names of the columns it names, once per form."""
    known = _named_by.get(id(form))
    if known is None or known[0] is not form:
        found: dict[str, list[set[str]]] = {}
        for c in (c for s in form.sections for c in s.columns):
            names = set.union(*_names(c))
            for name in names:
                found.setdefault(name, []).append(names)
        known = _named_by[id(form)] = (form, found)
    return known[1]


def header_fit(form: FormDef, texts: list[str]) -> int:
    """How many of a block's header cells are words of the form's columns: the columns' say in
    which form a block is, when its title and its printed number disagree."""
    words = _form_words(form)
    return sum(strip_unit(norm(t))[0] in words for t in texts)
