"""One change at a time to a figure or word the 情况说明 check read: the mutations its precision is
measured by (bench/narrative_mutations.py, tests/test_narrative_mutations.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.facts import build_facts
from desktop.core.narrative.numbers import normalize, read_figures

AMOUNT_STEPS = (("+0.1", Decimal("0.1")), ("-0.1", Decimal("-0.1")), ("+1", Decimal(1)), ("-1", Decimal(-1)))
PERCENT_STEPS = (("+0.5", Decimal("0.5")), ("-0.5", Decimal("-0.5")))
SCORE_STEPS = (("+1", Decimal(1)), ("-1", Decimal(-1)))
SWAPS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "大于": "小于", "小于": "大于",
         "高于": "低于", "低于": "高于"}
_CHANGE = re.compile("|".join(SWAPS))
_CLASS = re.compile(r"([^\s,，。;；:：、()（）\d.]{2,20})（类）")


@dataclass(frozen=True)
class Mutation:
    kind: str
    start: int
    end: int  # of the replaced text in the original
    old: str
    new: str
    # The changed figure is still one the rounded figures allow (4.00% of 0.28 ÷ 0.30 may be
    # 93.33 or 93.83): no check can tell, so it is counted apart, not as a miss.
    hidden: bool = False

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new + text[self.end:]


def _number(value: Decimal, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def mutations(ws, text: str) -> list[Mutation]:
    """Every mutation of what the check attributed and compared: amounts ±0.1/±1/×10, percentages
    ±0.5, 增加↔减少 and 大于↔小于 before a checked figure, a 类 name swapped for another of the
    workspace's."""
    review = review_narrative(ws, text)
    flagged = {nf.figure_start for nf in review.findings}
    checked = {read.start: read for read in review.checked if read.start not in flagged}
    found: list[Mutation] = []
    norm = normalize(text)
    for fig in read_figures(text):
        if fig.start not in checked or fig.rate_as_amount:
            continue
        shown = text[fig.start:fig.end]
        number_end = fig.start + len(re.match(r"[\d,，.．\s]*\d", normalize(shown)).group(0))
        decimals = max(fig.decimals, 1) if fig.is_amount else max(fig.decimals, 1)
        steps = AMOUNT_STEPS if fig.is_amount else PERCENT_STEPS
        for name, step in steps:
            value = fig.value + step
            if value < 0:
                continue
            found.append(Mutation(f"{'金额' if fig.is_amount else '百分比'}{name}", fig.start, number_end,
                                  text[fig.start:number_end], _number(value, max(decimals, fig.decimals)),
                                  _hidden(checked[fig.start], value)))
        if fig.is_amount and fig.value != 0:
            found.append(Mutation("金额×10", fig.start, number_end, text[fig.start:number_end],
                                  _number(fig.value * 10, fig.decimals), _hidden(checked[fig.start], fig.value * 10)))
        # The change word nearest before the figure in its clause.
        clause_start = max(norm.rfind(c, 0, fig.start) for c in ",，;；。:：") + 1
        words = list(_CHANGE.finditer(norm, clause_start, fig.start))
        if words:
            w = words[-1]
            found.append(Mutation(f"{w.group(0)}→{SWAPS[w.group(0)]}", w.start(), w.end(), w.group(0),
                                  SWAPS[w.group(0)]))
    found += _scores(text, checked)
    found += _direction_words(ws, text, review)
    found += _class_swaps(ws, text, checked)
    return found


def _scores(text: str, checked: dict) -> list[Mutation]:
    """“自评得分95.5分” ± 1: the 绩效 scores the check compared with the 绩效自评表."""
    result = []
    for start, read in checked.items():
        m = re.match(r"(\d+)(?:\.(\d+))?\s*分", normalize(read.figure))
        if m is None:
            continue
        value, decimals = Decimal(m.group(0).rstrip("分").strip()), len(m.group(2) or "")
        end = start + len(m.group(0).rstrip("分").rstrip())
        for name, step in SCORE_STEPS:
            if value + step >= 0:
                result.append(Mutation(f"得分{name}", start, end, text[start:end], _number(value + step, decimals)))
    return result


def _hidden(read, value: Decimal) -> bool:
    return read.allowed is not None and read.allowed[0] <= value <= read.allowed[1]


def _direction_words(ws, text: str, review) -> list[Mutation]:
    """“决算数大于年初预算数” in a sentence whose figures were checked."""
    sentences = {read.sentence_start for read in review.checked}
    result = []
    for m in re.finditer(r"决算数?(大于|小于|高于|低于)(年初)?预算数?", normalize(text)):
        sentence = next((r for r in review.checked if r.sentence_start <= m.start() < r.sentence_end), None)
        paragraph_has = any(abs(s - m.start()) < 400 for s in sentences)
        if sentence is None and not paragraph_has:
            continue
        word = m.group(1)
        result.append(Mutation(f"{word}→{SWAPS[word]}", m.start(1), m.end(1), word, SWAPS[word]))
    return result


def _class_swaps(ws, text: str, checked: dict) -> list[Mutation]:
    classes = [row.name for row in ws.coded_rows("公开05") if len(row.code) == 3]
    book = build_facts(ws)
    result = []
    for m in _CLASS.finditer(text):
        name = m.group(1)
        name = next((c for c in classes if name.endswith(c)), None)
        if name is None or len(classes) < 2:
            continue
        sentence_end = text.find("。", m.end())
        if not any(m.end() <= s <= (sentence_end if sentence_end > 0 else len(text)) + 200 for s in checked):
            continue
        other = classes[(classes.index(name) + 1) % len(classes)]
        start = m.end(1) - len(name)
        # Neither 类 has a figure in the workspace (its 公开05 absent): nothing can tell them apart.
        blind = all((f := book.get(f"{c}（类）")) is None or f.actual is None for c in (name, other))
        result.append(Mutation("类名称互换", start, m.end(1), name, other, blind))
    return result


def caught(ws, text: str, mutation: Mutation, baseline: set) -> bool:
    """A new 错误: one not in the unmutated text's findings, placed back on the original text."""
    delta = len(mutation.new) - (mutation.end - mutation.start)
    for nf in review_narrative(ws, mutation.apply(text)).findings:
        if nf.finding.severity != "错误":
            continue
        at = nf.figure_start
        if at is not None and at >= mutation.start + len(mutation.new):
            at -= delta
        if (nf.finding.rule, at) not in baseline:
            return True
    return False


def baseline_keys(ws, text: str) -> set:
    return {(nf.finding.rule, nf.figure_start) for nf in review_narrative(ws, text).findings}
