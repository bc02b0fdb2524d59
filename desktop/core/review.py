"""Everything a review finds in a workspace: the tables' checks and the stored 情况说明 read against them."""

from __future__ import annotations

from desktop.core.checks.findings import Finding, sort_findings
from desktop.core.checks.performance import check_performance
from desktop.core.narrative.check import check_narrative
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace


def review(ws: Workspace) -> list[Finding]:
    """What the 审核结果 pane shows, the check report prints and `juesuan check` reports."""
    narrative = [found.finding for found in check_narrative(ws, ws.text(NARRATIVE_KEY))]
    return sort_findings([*ws.findings(), *check_performance(ws.performance), *narrative])
