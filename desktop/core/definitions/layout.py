"""The printed layout of a form: merged header rows, the 栏次 row, and body cells in place.

The editor, the Excel exporter and the text view all draw from this one grid, so what
the user sees, what is checked and what is submitted share one definition.
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.core.definitions.model import CellRef, FormDef, RowDef, SectionDef


class GridCell(NamedTuple):
    row: int
    col: int
    text: str = ""
    ref: CellRef | None = None  # a figure cell
    kind: str = "stub"  # "header", "number" (栏次), "stub", "value"
    rowspan: int = 1
    colspan: int = 1
    source: RowDef | None = None  # the form row a body cell belongs to


class PrintedGrid:
    """A form as printed: its cells placed on rows and columns."""

    __slots__ = ("form", "n_cols", "header_rows", "n_rows", "cells", "col_kinds")

    def __init__(self, form: FormDef, n_cols: int, header_rows: int, n_rows: int,
                 cells: list[GridCell] | None = None, col_kinds: list[str] | None = None):
        self.form, self.n_cols, self.n_rows = form, n_cols, n_rows
        self.header_rows = header_rows  # header rows including the 栏次 row
        self.cells = [] if cells is None else cells
        self.col_kinds = [] if col_kinds is None else col_kinds  # "code", "name", "line", "unit", "value"

    def at(self) -> dict[tuple[int, int], GridCell]:
        return {(c.row, c.col): c for c in self.cells}

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.ref is not None]


def _stub_kind(name: str) -> str:
    return {"科目代码": "code", "行次": "line", "计量单位": "unit"}.get(name, "name")


def printed_grid(form: FormDef, rows: list[RowDef], money_unit: str = "万元") -> PrintedGrid:
    """The printed layout of `form` with these rows (the workspace's, 科目 rows included)."""
    if form.layout.mode == "groups":
        return _groups_grid(form, rows)
    return _sections_grid(form, rows, money_unit)


def _header(paths: list[tuple[str, ...]], numbers: list[str | None], grid_cells: list[GridCell]) -> int:
    """Lay out merged header rows from column paths; returns the rows used (栏次 included)."""
    depth = max(len(p) for p in paths)
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if len(path) <= level:
                col += 1
                continue
            end = col + 1
            while end < len(paths) and len(paths[end]) > level and paths[end][: level + 1] == path[: level + 1]:
                end += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            grid_cells.append(GridCell(level, col, path[level], kind="header", rowspan=rowspan, colspan=end - col))
            col = end
    col = 0
    while col < len(numbers):
        if numbers[col] == "栏次":
            end = col + 1
            while end < len(numbers) and numbers[end] == "":
                end += 1
            grid_cells.append(GridCell(depth, col, "栏次", kind="number", colspan=end - col))
            col = end
        else:
            if numbers[col] is not None:
                grid_cells.append(GridCell(depth, col, numbers[col], kind="number"))
            col += 1
    return depth + 1


def _section_columns(section: SectionDef) -> tuple[list[tuple[str, ...]], list[str | None], list[str]]:
    prefix = (section.title,) if section.title else ()
    group = (section.stub_group,) if section.stub_group else ()
    paths = [prefix + group + (name,) for name in section.stub]
    numbers: list[str | None] = ["栏次"] + [""] * (len(section.stub) - 1)
    kinds = [_stub_kind(name) for name in section.stub]
    for column in section.columns:
        paths.append(prefix + column.path)
        numbers.append(str(column.number) if column.number is not None else None)
        kinds.append("value")
    return paths, numbers, kinds


def _sections_grid(form: FormDef, rows: list[RowDef], money_unit: str) -> PrintedGrid:
    paths: list[tuple[str, ...]] = []
    numbers: list[str | None] = []
    kinds: list[str] = []
    offsets = []
    for section in form.sections:
        offsets.append(len(paths))
        p, n, k = _section_columns(section)
        paths += p
        numbers += n
        kinds += k
    cells: list[GridCell] = []
    header_rows = _header(paths, numbers, cells)
    rows_by_section = {s.key: [] for s in form.sections}
    for row in rows:
        rows_by_section[row.section].append(row)
    height = max((len(r) for r in rows_by_section.values()), default=0)
    for section, offset in zip(form.sections, offsets):
        for i, row in enumerate(rows_by_section[section.key]):
            r = header_rows + i
            _body_row(cells, form.id, section, row, r, offset, money_unit)
    return PrintedGrid(form, len(paths), header_rows, header_rows + height, cells, kinds)


def _body_row(cells, form_id, section, row: RowDef, r: int, offset: int, money_unit: str) -> None:
    stub_kinds = [_stub_kind(name) for name in section.stub]
    col = offset
    if stub_kinds[:2] == ["code", "name"] and not row.code:
        # A row without a 科目 code (合计, 人员经费合计) prints its label across both.
        cells.append(GridCell(r, col, row.label, kind="stub", colspan=2, source=row))
        col += 2
        stub_kinds = stub_kinds[2:]
    for kind in stub_kinds:
        if kind == "code":
            text = row.code or ""
        elif kind == "line":
            text = "" if row.line is None else str(row.line)
        elif kind == "unit":
            text = money_unit if row.unit == "金额" else (row.unit or "")
        else:
            text = row.label
        cells.append(GridCell(r, col, text, kind="stub", source=row))
        col += 1
    for column in section.columns:
        ref = None if row.heading or row.spacer else CellRef(form_id, row.key, column.key)
        cells.append(GridCell(r, col, "", ref=ref, kind="value", source=row))
        col += 1


def _groups_grid(form: FormDef, rows: list[RowDef]) -> PrintedGrid:
    """公开06: 科目 flowed into side-by-side groups of (科目代码, 科目名称, 决算数)."""
    section = form.sections[0]
    column = section.columns[0]
    groups = form.layout.groups
    paths = [(name,) for _ in groups for name in form.layout.group_columns]
    kinds = ["code", "name", "value"] * len(groups)
    cells: list[GridCell] = []
    header_rows = _header(paths, [None] * len(paths), cells)
    # No 栏次 row in this layout: the header ends above it.
    header_rows -= 1
    rows = [r for r in rows if not r.heading and not r.spacer]  # the rows that hold figures
    coded = [r for r in rows if r.code]
    footers = [r for r in rows if not r.code]
    placed = set()
    height = 0
    for g, classes in enumerate(groups):
        members = [r for r in coded if r.code[:3] in classes]
        placed.update(r.key for r in members)
        for i, row in enumerate(members):
            _group_row(cells, form.id, row, header_rows + i, g * 3, column.key)
        height = max(height, len(members))
    leftovers = [r for r in coded if r.key not in placed]
    for i, row in enumerate(leftovers):  # a 类 the layout does not name goes in the last group
        _group_row(cells, form.id, row, header_rows + height + i, (len(groups) - 1) * 3, column.key)
    height += len(leftovers)
    for i, row in enumerate(footers):
        g = min(i, len(groups) - 1)
        r = header_rows + height
        cells.append(GridCell(r, g * 3, row.label, kind="stub", colspan=2, source=row))
        cells.append(GridCell(r, g * 3 + 2, "", ref=CellRef(form.id, row.key, column.key), kind="value", source=row))
    if footers:
        height += 1
    return PrintedGrid(form, len(paths), header_rows, header_rows + height, cells, kinds)


def _group_row(cells, form_id, row: RowDef, r: int, c: int, col_key: str) -> None:
    cells.append(GridCell(r, c, row.code or "", kind="stub", source=row))
    cells.append(GridCell(r, c + 1, row.label, kind="stub", source=row))
    cells.append(GridCell(r, c + 2, "", ref=CellRef(form_id, row.key, col_key), kind="value", source=row))
