"""Columns whose header leaves the reading open (a header that cuts a name short, a bare 合计 printed
twice, a header two columns fit alike): each close reading is tried on the table's figures, and the
one under which the table balances is taken, when it is the only one. Otherwise nothing changes:
what today's reading leaves unplaced is named in its warnings, never guessed."""

from __future__ import annotations

from itertools import islice, product

from desktop.core.definitions import ColumnDef, SectionDef
from desktop.core.excel.arith import balances, in_wan
from desktop.core.excel.columns import near_fits, rivals
from desktop.core.excel.foreign_result import Result, nothing
from desktop.core.excel.header import Column, Segment
from desktop.core.excel.reading import address, is_number_like

# More open columns than this in one table, or more readings to try: the header says too little for
# arithmetic to pick one safely, and trying them all would cost an import its speed.
_MOST_OPEN = 4
_MOST_READINGS = 64

Choice = tuple[SectionDef | None, ColumnDef]


def settle_columns(body, segments: list[Segment], fresh, result: Result) -> str:
    """Settles the open columns of `segments` in place when exactly one reading balances; returns
    the sentence the import report gives (or "" when nothing was settled). `fresh()` builds the
    segments anew for each trial (a read moves their row cursors); `body.read` reads on trial."""
    form = body.form
    open_ = _open_columns(form, segments)
    in_question = {col.index for _, col, _ in open_}
    taken = {(i, _key(col, col.section, col.column)) for i, s in enumerate(segments) for col in s.values
             if col.column and col.index not in in_question}
    for i, col, options in open_:
        free = [choice for choice in options if (i, _key(col, *choice)) not in taken]
        if col.column is None and len(free) == 1 and not _has_figures(body, col):
            # Nothing to place, so nothing to confirm: the column is printed (empty), not missing.
            col.section, col.column = free[0]
    open_ = [(i, col, options) for i, col, options in open_ if _has_figures(body, col)]
    if not open_ or len(open_) > _MOST_OPEN:
        return ""
    readings = list(islice(
        (pick for pick in product(*(options for _, _, options in open_)) if _distinct(open_, pick, taken)),
        _MOST_READINGS + 1,
    ))
    if not readings or len(readings) > _MOST_READINGS:
        return ""
    good = []
    for pick in readings:
        trial_segments = fresh()
        for (i, col, _), (section, column) in zip(open_, pick):
            same = next(c for c in trial_segments[i].values if c.index == col.index)
            same.section, same.column = section, column
        scratch = Result(unit=dict(result.unit))
        body.read(trial_segments, scratch, [])
        keys = {column.key for _, column in pick}
        witnesses = {ref for ref in scratch.cells if ref.col in keys}
        cells = in_wan(scratch.cells, scratch.counts, result.money.get(form.id))
        if balances(form, cells, scratch.rows.get(form.id, {}), witnesses, result.unit.get("年度", "")):
            good.append(pick)
    if len(good) != 1:
        return ""
    said = []
    for (_, col, _), (section, column) in zip(open_, good[0]):
        col.section, col.column = section, column
        said.append(f"{address(1, col.index).rstrip('0123456789')}栏“{'/'.join(col.path) or '（无表头）'}”读作「{column.key}」")
    return f"{form.id}表头未能确定各栏，按表内合计关系确定：{'，'.join(said)}（只有这样读，表内合计才相符），请核对"


def _open_columns(form, segments: list[Segment]) -> list[tuple[int, Column, list[Choice]]]:
    """(segment index, column, the columns of the form it could be) for each column left open: one
    the header names no column of outright, or one of several columns that name the same column."""
    found = []
    for i, segment in enumerate(segments):
        sections = list({id(c.section): c.section for c in segment.values if c.section}.values()) or list(form.sections)
        named: dict[tuple, list[Column]] = {}
        for col in segment.values:
            if col.column is not None:
                named.setdefault(_key(col, col.section, col.column), []).append(col)
        for col in segment.values:
            if col.column is not None and len(named[_key(col, col.section, col.column)]) == 1:
                continue
            options = {_key(col, s, c): (s, c) for s, c in near_fits(form, sections, col.path)}
            tied = set(rivals(form, col.path))
            options.update({_key(col, s, c): (s, c) for s in sections for c in s.columns if c.key in tied})
            if col.column is not None:
                options.setdefault(_key(col, col.section, col.column), (col.section, col.column))
            if options:
                found.append((i, col, list(options.values())))
    return found


def _key(col: Column, section: SectionDef | None, column: ColumnDef) -> tuple[str, str, str]:
    """What a column is read into: its row when the header names one (三公 预算数/决算数 as groups)."""
    return (col.row.key if col.row else "", section.key if section else "", column.key)


def _distinct(open_, pick: tuple[Choice, ...], taken: set) -> bool:
    """No two columns of a segment read as one, and none as a column another header names outright."""
    keys = [(i, _key(col, *choice)) for (i, col, _), choice in zip(open_, pick)]
    return len(set(keys)) == len(keys) and taken.isdisjoint(keys)


def _has_figures(body, col: Column) -> bool:
    """A column with no figure other than 0 is nothing to place, whichever column it is."""
    return any(
        is_number_like(v := body.grid.get((r, col.index))) and not nothing(v) for r in body.rows
    )
