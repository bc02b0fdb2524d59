"""One file's check report: the one shape `juesuan check --json` prints, for one file or (a line each) many,
and the batch page shows."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.core.review.findings import review
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace

# What a file's check came to, in the report's `status`.
CLEAN, HAS_ERRORS, UNREADABLE = "无错误", "有错误", "无法读取"


def check_report(ws: Workspace, source: Path | None = None, warnings=(), pages=None) -> dict:
    """The workspace reviewed: file, status, unit, year, counts, findings with their 出错说明, rules left
    unchecked, missing tables, and the cells of a workbook or PDF that could not be placed
    (`import_warnings`); read from a PDF (`pages` its PageIndex), each finding with the pages it is about.

    Scripts read the top-level `findings` list; `seconds` is how long the review took (the batch
    counts the file's opening too).
    """
    started = time.perf_counter()
    found = review(ws)
    where = str(source or ws.path)
    findings = found.findings_json()
    if pages is not None:
        page_of = finding_pages(ws, found.findings, pages)
        for item in findings:
            item["pages"] = page_of.get(item["key"], [])
    return {
        "path": where,
        "workspace": where,
        "status": HAS_ERRORS if found.errors else CLEAN,
        "unit": ws.unit.get("单位名称", ""),
        "year": ws.unit.get("年度", ""),
        "money_unit": ws.money_unit,
        "summary": found.summary,
        "damage": ws.damage(),
        "findings": findings,
        "unchecked": list(found.unchecked),
        "import_warnings": [w.to_json() for w in warnings],
        "missing_tables": ws.missing_tables(),
        "narrative_checked": bool(ws.text(NARRATIVE_KEY).strip()),
        "seconds": round(time.perf_counter() - started, 3),
    }


def finding_pages(ws: Workspace, findings, pages) -> dict[str, list[int]]:
    """Each finding's pages in the PDF the workspace was read from: its table rows', or its 情况说明 sentence's."""
    from desktop.core.narrative.check import check_narrative

    starts = {nf.finding.key: nf.start for nf in check_narrative(ws, ws.text(NARRATIVE_KEY))}
    return {f.key: pages.of_finding(f, starts.get(f.key)) for f in findings}


def unreadable_report(path: Path, reason: str) -> dict:
    """A file that could not be checked: its path and why, in the batch's per-file shape."""
    return {"path": str(path), "status": UNREADABLE, "reason": reason, "import_warnings": []}
