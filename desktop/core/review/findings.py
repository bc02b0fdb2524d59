"""Everything a review finds in a workspace, joined in one place: the tables' checks, the 绩效自评表,
the stored 情况说明 read against the tables, and (in the window) the last 汇总校验.

The 审核结果 pane, `juesuan check` (one file or many) and the 审核报告 all take their findings
from `combined`, so none of them can show what another leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from desktop.core.checks.findings import Finding, sort_findings, summarize
from desktop.core.checks.performance import check_performance
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace


def combined(
    tables: Mapping[str, Finding], performance: Mapping[str, Finding], narrative: Iterable[Finding],
    merged: Iterable[Finding] = (),
) -> dict[str, Finding]:
    """The findings of the four sources by key, as the pane lists them and a review reports them."""
    return {**tables, **performance, **{f.key: f for f in narrative}, **{f.key: f for f in merged}}


class Review(NamedTuple):
    """What a review found, worst first, with the 出错说明 that apply and the rules left unchecked."""

    findings: tuple[Finding, ...]
    explanations: dict[str, str]  # by finding key: never on an 错误 (see Workspace.explanation_of)
    unchecked: tuple[dict, ...]  # rules not evaluated: a figure they read is absent or damaged

    @property
    def summary(self) -> dict:
        return summarize(self.findings)

    @property
    def errors(self) -> int:
        return sum(f.severity == "错误" for f in self.findings)

    def findings_json(self) -> list[dict]:
        """Each finding as `check --json` prints it (severity, message, cells, form, key …) with its 出错说明."""
        return [{**f.to_json(), "explanation": self.explanations.get(f.key)} for f in self.findings]


def review(ws: Workspace, merged: Iterable[Finding] = ()) -> Review:
    """The workspace reviewed whole; `merged` is the window's last 汇总校验, which only it has run."""
    # Here, not at the top: the window joins findings with `combined` from its start, and reads the
    # 情况说明 (loading the checker) only once it is up.
    from desktop.core.narrative.check import check_narrative

    narrative = (found.finding for found in check_narrative(ws, ws.text(NARRATIVE_KEY)))
    found = combined(ws.engine.findings, {f.key: f for f in check_performance(ws.performance)}, narrative, merged)
    findings = tuple(sort_findings(found.values()))
    return Review(
        findings=findings,
        explanations={f.key: ws.explanation_of(f) for f in findings if ws.explanation_of(f)},
        unchecked=tuple(ws.unchecked()),
    )
