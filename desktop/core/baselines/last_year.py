"""Last year's figures for the 上年对比: read from last year's workspace through each row's source."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.workspace import Workspace


def last_year_figures(ws: Workspace, last: Workspace) -> list[tuple[CellRef, Decimal | None]]:
    """For every row with a source: the cell to fill here, and last year's figure of that source."""
    changes = []
    for form in ws.structure.active:
        for row in ws.structure.value_rows(form.id):
            if row.source is None:
                continue
            column = ws.structure.columns(form.id, row.key)[0].key
            value = last.value(row.source) if last.structure.is_cell(row.source) else None
            changes.append((CellRef(form.id, row.key, column), value))
    return changes


def year_mismatch(ws: Workspace, last: Workspace) -> str | None:
    """A warning when the chosen workspace is not the year before."""
    if ws.year and last.year and last.year != ws.year - 1:
        return f"所选工作区是 {last.year} 年度，不是 {ws.year - 1} 年度"
    if last.unit.get("单位名称") and last.unit.get("单位名称") != ws.unit.get("单位名称"):
        return f"所选工作区的单位是“{last.unit.get('单位名称')}”，不是“{ws.unit.get('单位名称')}”"
    return None
