"""Every figure of several workspaces added cell by cell, and a 部门 workspace filled from the sums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.core.atomic_file import written_whole
from desktop.core.changes import Changes, all_or_nothing
from desktop.core.definitions import CellRef
from desktop.core.merge.members import MEMBERS_KEY, Member, counted_names, members_of, members_text
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


@dataclass
class Totals:
    """The inputs summed, as plain data: worked out off the main thread, written on it."""

    sums: dict[CellRef, Decimal] = field(default_factory=dict)
    addends: Counter = field(default_factory=Counter)  # how many inputs had a figure in the cell
    rows: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)  # united 科目 rows
    members: list[Member] = field(default_factory=list)
    optional: set[str] = field(default_factory=set)  # regional tables any input takes up
    year: str = ""
    money_unit: str = ""
    first: str = ""  # the file the 年度 and 金额单位 came from, for a refusal's message
    gaps: list[str] = field(default_factory=list)  # what the sum lacks, one sentence each
    # Checks some input fails only by a 尾差 and none by more: summed, those 尾差 may add up past
    # the 部门's own tolerance, a 错误 the 部门 resolves by its own rounding, not a unit's mistake.
    tail_keys: set[str] = field(default_factory=set)


def accumulated_tails(findings, totals: Totals) -> list:
    """The 部门's 错误 that are only its units' 尾差 added up (each check is linear in the figures)."""
    return [f for f in findings if f.severity == "错误" and not f.rounding and f.key in totals.tail_keys]


def shown_figures(ws: Workspace) -> dict[CellRef, Decimal]:
    """Every figure the workspace shows, typed or computed, on every active form."""
    figures = {}
    for form in ws.structure.active:
        for ref in ws.structure.value_cells(form.id):
            value = ws.value(ref)
            if value is not None:
                figures[ref] = value
    return figures


def totals_of(parts: list[Part]) -> Totals:
    """The parts checked against each other (MergeError) and summed cell by cell."""
    refuse_mismatch(parts)
    first = parts[0]
    totals = Totals(
        year=first.ws.unit.get("年度", ""), money_unit=first.ws.money_unit, first=str(first.path),
        optional=set().union(*(p.ws.enabled_optional for p in parts)),
    )
    united: dict[str, dict[str, tuple[str, str | None]]] = {}
    for part in parts:
        for ref, value in shown_figures(part.ws).items():
            totals.sums[ref] = totals.sums.get(ref, Decimal(0)) + part.sign * value
            totals.addends[ref] += 1
        for row in part.ws.coded_rows_all():
            united.setdefault(row.form, {}).setdefault(row.code, (row.code, row.name if row.custom else None))
        if part.sign > 0:  # a part taken away is no unit of the result
            totals.members.append(Member(
                part.ws.unit.get("单位名称", ""), str(part.path),
                tuple(n for m in members_of(part.ws) for n in (m.name, *m.units)),
            ))
        totals.gaps += [f"“{part.path}”缺少{form}表，汇总中没有它这张表的数字" for form in part.ws.missing_tables()]
        totals.gaps += part.ws.damage()
    rounding: dict[str, bool] = {}
    for part in parts:
        for finding in part.ws.findings():
            if finding.difference is not None:
                rounding[finding.key] = rounding.get(finding.key, True) and finding.rounding
    totals.tail_keys = {key for key, only in rounding.items() if only}
    totals.rows = {form: sorted(rows.values(), key=lambda e: (len(e[0]), e[0])) for form, rows in united.items()}
    return totals


def refuse_mismatch(parts: list[Part]) -> None:
    """Different 年度 or 金额单位, or one unit counted twice: summing would be wrong, so nothing is built."""
    first = parts[0]
    for part in parts[1:]:
        refuse_other_year(part.ws, first.ws.unit.get("年度", ""), first.ws.money_unit, part.path, first.path)
    where: dict[str, str] = {}
    for part in parts:
        own = part.ws.unit.get("单位名称", "")
        for name in counted_names(part.ws):
            said = f"“{part.path}”" + ("" if name == own else "（在其汇总单位中）")
            if name in where:
                raise MergeError(f"单位“{name}”计入了两次：{where[name]}与{said}；同一单位只能汇总一次")
            where[name] = said


def refuse_other_year(ws: Workspace, year: str, money_unit: str, path, other) -> None:
    """`ws` (from `path`) against the 年度 and 金额单位 of the file `other`."""
    for key, theirs in (("年度", year), ("金额单位", money_unit)):
        mine = ws.money_unit if key == "金额单位" else ws.unit.get(key, "")
        if mine != theirs:
            raise MergeError(f"{key}不同：“{other}”为“{theirs}”，“{path}”为“{mine}”；只能汇总同一{key}的单位")


def build_merged(target: Path, parts: list[Part], unit_name: str) -> Workspace:
    """The 部门 workspace at `target` (written whole, then renamed into place), opened for writing.

    空表说明, 情况说明 and 出错说明 are the 部门's own to write and are not copied.
    """
    totals = totals_of(parts)
    first = parts[0].ws
    facts = {**first.unit, "单位名称": unit_name, "公开主体": "部门", "选填表": ",".join(sorted(totals.optional))}
    with written_whole(Path(target)) as partial:
        with Workspace.create(partial, facts, first.forms) as ws:
            fill_sums(ws, totals)
    return Workspace.open(target, first.forms)


def fill_sums(ws: Workspace, totals: Totals) -> Changes:
    """Makes `ws` show the sums, in one transaction; its own texts, 空表说明 and 出错说明 stay.

    Coded rows are united (their 款/类 added) and 科目 rows no input has are taken off. A
    total is left to compute where its parts add up to the summed total, and typed where they
    do not (a unit's 尾差 or hand-typed total), so nothing is re-rounded. The figures replaced
    stay in the workspace's history. A failure part-way leaves the file and `ws` as they were.
    """
    if ws.unit.get("年度", "") != totals.year or ws.money_unit != totals.money_unit:
        refuse_other_year(ws, totals.year, totals.money_unit, ws.path, totals.first)
    return all_or_nothing(ws, lambda: _fill(ws, totals))


def _fill(ws: Workspace, totals: Totals) -> Changes:
    changes = Changes()
    missing = totals.optional - ws.enabled_optional
    if missing:
        changes |= ws.set_unit("选填表", ",".join(sorted(ws.enabled_optional | missing)))
    wanted = {(form, code) for form, entries in totals.rows.items() for code, _ in entries}
    changes |= ws.set_values([(ref, None) for ref in list(ws.values.typed)])
    for row in sorted(ws.coded_rows_all(), key=lambda r: len(r.code)):
        if (row.form, row.code) not in wanted and any(r.code == row.code for r in ws.coded_rows(row.form)):
            changes |= ws.remove_row(row.form, row.code)
    for form, entries in totals.rows.items():
        changes |= ws.add_rows(form, entries)
    unknown = [ref for ref in totals.sums if not ws.structure.is_cell(ref)]
    if unknown:
        raise MergeError(f"{ws.describe(unknown[0])}在汇总后的表中没有对应的单元格")
    changes |= ws.set_values([(ref, value) for ref, value in totals.sums.items() if not ws.values.can_compute(ref)])
    for _ in range(_TOTAL_PASSES):
        off = [(ref, value) for ref, value in totals.sums.items() if ws.value(ref) != value]
        if not off:
            break
        changes |= ws.set_values(off)
    return changes | ws.set_text(MEMBERS_KEY, members_text(totals.members))
