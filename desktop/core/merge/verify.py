"""汇总校验: a 部门's figures against the sum of its 本级 and units, each differing cell a finding."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks.findings import Finding, cell_of, sort_findings
from desktop.core.definitions import CellRef
from desktop.core.merge.summing import Part, Totals, refuse_other_year, shown_figures, totals_of
from desktop.core.money import format_amount
from desktop.core.workspace import Workspace

RULE = "汇总校验"
TITLE = "部门数等于本级与所属单位之和"
_HALF_CENT = Decimal("0.005")


def verify_merged(dept: Workspace, parts: list[Part]) -> list[Finding]:
    return compare(dept, totals_of(parts))


def compare(dept: Workspace, totals: Totals) -> list[Finding]:
    """Each cell where the 部门 shows other than the units' sum.

    Within 0.005 × (n + 1) — n units' rounded figures and the 部门's own — the difference is
    尾差 (提示); beyond it, or any difference in a 元 workspace or on a whole-number row, 错误.
    A cell only the 部门 or only the units have counts as a difference against 0.
    """
    refuse_other_year(dept, totals.year, totals.money_unit, dept.path, totals.first)
    shown = shown_figures(dept)
    findings = []
    for ref in sorted(set(totals.sums) | set(shown)):
        expected, actual = totals.sums.get(ref, Decimal(0)), shown.get(ref, Decimal(0))
        diff = actual - expected
        if diff == 0:
            continue
        if not dept.structure.is_cell(ref):
            findings.append(_finding(dept, ref, expected, None, diff, Decimal(0), missing=True))
            continue
        tolerance = _HALF_CENT * (totals.addends[ref] + (ref in shown)) if _rounded(dept, ref) else Decimal(0)
        findings.append(_finding(dept, ref, expected, actual, diff, tolerance))
    return sort_findings(findings)


def _rounded(ws: Workspace, ref: CellRef) -> bool:
    row = ws.structure.row(ref.form, ref.row)
    return ws.money_unit != "元" and (row is None or row.decimals > 0)


def _finding(ws: Workspace, ref: CellRef, expected, actual, diff, tolerance, missing: bool = False) -> Finding:
    rounding = not missing and abs(diff) <= tolerance
    if missing:
        message = f"{ref.form}「{ref.row}」行「{ref.col}」栏：所属单位合计 {format_amount(expected)}，部门表中没有这一行。"
    else:
        message = (
            f"{ws.describe(ref)}：{TITLE}。应为 {format_amount(expected)}，实为 {format_amount(actual)}，"
            f"差额 {format_amount(diff)}。"
        )
        if rounding:
            message += f"差额在四舍五入允许的 ±{tolerance.normalize():f} 之内，属尾差。"
    return Finding(
        key=f"{RULE}:{ref.form}/{ref.row}:{ref.col}",
        rule=RULE,
        title=TITLE,
        severity="提示" if rounding else "错误",
        form=ref.form,
        message=message,
        cells=(cell_of(ws.structure, ref, actual),),
        expected=expected,
        actual=actual,
        difference=diff,
        tolerance=tolerance,
        rounding=rounding,
    )
