"""Every figure of several workspaces added cell by cell, and a 部门 workspace built from the sums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desktop.core.atomic_file import written_whole
from desktop.core.definitions import CellRef
from desktop.core.merge.members import MEMBERS_KEY, Member, counted_names, members_of, members_text
from desktop.core.structure import CodedRow
from desktop.core.workspace import Workspace

# Passes of typing the totals whose computed value differs from the sum: each pass fixes a level
# (项 → 款 → 类 → 合计), and no form nests deeper than this.
_TOTAL_PASSES = 8


class MergeError(ValueError):
    """Inputs that cannot be summed; the message is Chinese and names the files."""


@dataclass
class Part:
    """One input: its open workspace, the file it came from, and +1 to add it (−1 takes it away)."""

    ws: Workspace
    path: Path
    sign: int = 1


def shown_figures(ws: Workspace) -> dict[CellRef, Decimal]:
    """Every figure the workspace shows, typed or computed, on every active form."""
    figures = {}
    for form in ws.structure.active:
        for ref in ws.structure.value_cells(form.id):
            value = ws.value(ref)
            if value is not None:
                figures[ref] = value
    return figures


def summed(parts: list[Part]) -> tuple[dict[CellRef, Decimal], Counter]:
    """Cell by cell: the signed sum of the figures shown, and how many parts had a figure there."""
    total: dict[CellRef, Decimal] = {}
    addends: Counter = Counter()
    for part in parts:
        for ref, value in shown_figures(part.ws).items():
            total[ref] = total.get(ref, Decimal(0)) + part.sign * value
            addends[ref] += 1
    return total, addends


def gaps(parts: list[Part]) -> list[str]:
    """What the sum lacks: tables an input's workbook did not have, and cells it could not read."""
    lines = []
    for part in parts:
        for form in part.ws.missing_tables():
            lines.append(f"“{part.path}”缺少{form}表，汇总中没有它这张表的数字")
        lines += part.ws.damage()
    return lines


def refuse_mismatch(parts: list[Part]) -> None:
    """Different 年度 or 金额单位, or one unit counted twice: summing would be wrong, so nothing is built."""
    refuse_other_year(parts[0], parts[1:])
    where: dict[str, str] = {}
    for part in parts:
        own = part.ws.unit.get("单位名称", "")
        for name in counted_names(part.ws):
            said = f"“{part.path}”" + ("" if name == own else "（在其汇总单位中）")
            if name in where:
                raise MergeError(f"单位“{name}”计入了两次：{where[name]}与{said}；同一单位只能汇总一次")
            where[name] = said


def refuse_other_year(first: Part, others: list[Part]) -> None:
    for key in ("年度", "金额单位"):
        for part in others:
            if part.ws.unit.get(key, "") != first.ws.unit.get(key, ""):
                raise MergeError(
                    f"{key}不同：“{first.path}”为“{first.ws.unit.get(key, '')}”，"
                    f"“{part.path}”为“{part.ws.unit.get(key, '')}”；只能汇总同一{key}的单位"
                )


def build_merged(target: Path, parts: list[Part], unit_name: str) -> Workspace:
    """The 部门 workspace at `target` (written whole, then renamed into place), opened for writing.

    Coded rows are united and their 款/类 added; every cell shows the sum of what the parts
    show. A total is left to compute where its parts add up to the summed total, and typed
    where they do not (a unit's 尾差 or hand-typed total), so nothing is re-rounded.
    空表说明, 情况说明 and 出错说明 are the 部门's own to write and are not copied.
    """
    refuse_mismatch(parts)
    first = parts[0].ws
    optional = sorted(set().union(*(p.ws.enabled_optional for p in parts)))
    facts = {
        **first.unit, "单位名称": unit_name, "公开主体": "部门", "选填表": ",".join(optional),
    }
    with written_whole(Path(target)) as partial:
        ws = Workspace.create(partial, facts, first.forms)
        try:
            fill_sums(ws, parts)
            members = [
                Member(p.ws.unit.get("单位名称", ""), str(p.path), tuple(n for m in members_of(p.ws) for n in (m.name, *m.units)))
                for p in parts
            ]
            ws.set_text(MEMBERS_KEY, members_text(members))
        finally:
            ws.close()
    return Workspace.open(target, first.forms)


def fill_sums(ws: Workspace, parts: list[Part]) -> None:
    """Writes the parts' sums into `ws` (which holds no figures yet) in one transaction."""
    rows = _united_rows(parts)
    with ws.store.transaction():
        for form, entries in rows.items():
            ws.add_rows(form, entries)
        sums, _ = summed(parts)
        unknown = [ref for ref in sums if not ws.structure.is_cell(ref)]
        if unknown:
            raise MergeError(f"{ws.describe(unknown[0])}在汇总后的表中没有对应的单元格")
        ws.set_values([(ref, value) for ref, value in sums.items() if not ws.values.can_compute(ref)])
        for _ in range(_TOTAL_PASSES):
            off = [(ref, value) for ref, value in sums.items() if ws.value(ref) != value]
            if not off:
                break
            ws.set_values(off)


def _united_rows(parts: list[Part]) -> dict[str, list[tuple[str, str | None]]]:
    by_form: dict[str, dict[str, CodedRow]] = {}
    for part in parts:
        for row in part.ws.coded_rows_all():
            by_form.setdefault(row.form, {}).setdefault(row.code, row)
    return {
        form: [(r.code, r.name if r.custom else None) for r in sorted(rows.values(), key=lambda r: (len(r.code), r.code))]
        for form, rows in by_form.items()
    }
