"""Narrative findings: a Finding plus the sentence and figure spans a view selects."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from desktop.core.checks.findings import Finding, FindingCell, cell_of
from desktop.core.definitions import CellRef
from desktop.core.narrative.numbers import normalize

FORM = "情况说明"
SEVERITY = "错误"
CENT = Decimal("0.01")
TITLES = {
    "说明-金额": "情况说明的金额与表中数不符",
    "说明-占比": "情况说明的占比与表中数不符",
    "说明-完成率": "情况说明的完成率与预算数、决算数不符",
    "说明-增减": "情况说明的增减额或增减率不符",
    "说明-自相矛盾": "情况说明的句子自相矛盾",
    "说明-单位年度": "情况说明的单位名称或年度与工作区不符",
    "说明-科目名称": "情况说明的科目名称与工作区不符",
}


class NarrativeFinding(NamedTuple):
    """A finding in the narrative, with the sentence that holds it so a view can select it."""

    finding: Finding
    start: int  # sentence span in the checked text
    end: int
    sentence: str
    figure_start: int | None = None  # the stated figure, when there is one
    figure_end: int | None = None

    def to_json(self) -> dict:
        data = self.finding.to_json()
        data.update(start=self.start, end=self.end, sentence=self.sentence,
                    figure_start=self.figure_start, figure_end=self.figure_end)
        return data


# The longest sentence a finding quotes whole.
QUOTED_CHARS = 400


def make_finding(ws, rule: str, message: str, text: str, sentence: tuple[int, int],
                 figure: tuple[int, int], expected, actual, tolerance, cells,
                 rounding: bool = False) -> NarrativeFinding:
    """A finding on the figure at `figure` in the sentence at `sentence` (spans in `text`)."""
    sentence_text = _quoted(text, sentence, figure)
    difference = None if expected is None or actual is None else actual - expected
    finding = Finding(
        key=f"{rule}:{_shape(sentence_text)}",
        rule=rule,
        title=TITLES[rule],
        severity="提示" if rounding else SEVERITY,
        form=FORM,
        message=f"{message}。句子：{_squash(sentence_text)}",
        cells=tuple(_cell(ws, ref) for ref in cells),
        expected=None if expected is None else _q(expected),
        actual=None if actual is None else _q(actual),
        difference=None if difference is None else _q(difference),
        tolerance=tolerance,
        rounding=rounding,
    )
    return NarrativeFinding(finding, sentence[0], sentence[1], sentence_text, figure[0], figure[1])


def unique_keys(found: list[NarrativeFinding]) -> list[NarrativeFinding]:
    """The same sentence shape twice (two 项 worded alike) gets “#2”, “#3”."""
    seen: dict[str, int] = {}
    result = []
    for nf in found:
        count = seen[nf.finding.key] = seen.get(nf.finding.key, 0) + 1
        if count > 1:
            nf = nf._replace(finding=nf.finding._replace(key=f"{nf.finding.key}#{count}"))
        result.append(nf)
    return result


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT) if value == value.quantize(Decimal("0.0001")) else value.quantize(Decimal("0.0001"))


def show(value: Decimal) -> str:
    return f"{value:,.2f}"


def written(figure) -> str:
    """A stated figure with the decimals it was written with (“57.4”, “100”)."""
    return f"{figure.value:,.{figure.decimals}f}"


def pct(value: Decimal) -> str:
    return f"{value:.2f}"


def _quoted(text: str, sentence: tuple[int, int], figure: tuple[int, int]) -> str:
    """The sentence a finding quotes; a run-on one (text without sentence marks) only around its
    figure: quoting all of it in every finding made a long text quadratic, and helps nobody."""
    start, end = sentence
    if end - start <= QUOTED_CHARS:
        return text[start:end]
    side = QUOTED_CHARS // 2
    lo, hi = max(start, figure[0] - side), min(end, figure[1] + side)
    return ("…" if lo > start else "") + text[lo:hi] + ("…" if hi < end else "")


def _shape(sentence: str) -> str:
    """A sentence without its figures: a finding keeps its key while figures and other text change."""
    return re.sub(r"[\d.,，．、%％\s]", "", normalize(sentence))[:80]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cell(ws, ref: CellRef) -> FindingCell:
    return cell_of(ws.structure, ref, ws.value(ref))


