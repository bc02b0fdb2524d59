"""One file's check report: the shape `juesuan check --json` prints and the batch page shows."""

from __future__ import annotations

from pathlib import Path

from desktop.core.checks.findings import summarize
from desktop.core.review import review
from desktop.core.workspace import Workspace

# What a file's check came to, in the report's `status`.
CLEAN, HAS_ERRORS, UNREADABLE = "无错误", "有错误", "无法读取"


def check_report(ws: Workspace, source: Path | None = None, warnings=None) -> dict:
    """The workspace reviewed: unit, year, counts, findings with their 出错说明, rules left unchecked.

    `warnings` (the cells of a workbook that could not be placed) is given for a workbook,
    and appears as `import_warnings`; a workspace has none.
    """
    findings = review(ws)
    report = {
        "workspace": str(source or ws.path),
        "unit": ws.unit.get("单位名称", ""),
        "year": ws.unit.get("年度", ""),
        "money_unit": ws.money_unit,
        "summary": summarize(findings),
        "damage": ws.damage(),
        "findings": [{**f.to_json(), "explanation": ws.explanation_of(f) or None} for f in findings],
        "unchecked": ws.unchecked(),
    }
    if warnings is not None:
        report["import_warnings"] = [w.to_json() for w in warnings]
    return report


def status_of(report: dict) -> str:
    return HAS_ERRORS if report["summary"]["by_severity"]["错误"] else CLEAN


def unreadable_report(path: Path, reason: str) -> dict:
    """A file that could not be checked: its path and why, in the batch's per-file shape."""
    return {"path": str(path), "status": UNREADABLE, "reason": reason, "import_warnings": []}
