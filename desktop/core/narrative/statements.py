"""The 情况说明's statements without a figure: 大于/等于预算, 较上年增加, 新增, a 科目 under another 类."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.narrative.facts import Mention
from desktop.core.narrative.findings import CENT, show
from desktop.core.narrative.numbers import HUNDRED, ROUNDING, Figure
from desktop.core.narrative.reader import ParagraphReader


class StatementChecks(ParagraphReader):
    """What the words say without a figure of their own, against the figures before them."""

    def _direction(self, m: re.Match) -> None:
        """“决算数大于年初预算数” against the figures given before it."""
        after = self.body[m.end():m.end() + 4].lstrip()
        if after and after[0].isdigit():
            return  # a difference amount follows; _difference checks it
        word = m.group(1)
        says = 1 if word in ("大于", "高于", "超过", "超出") else -1
        subject = self.subject
        stated = self._stated(subject)
        # “0.28亿元” against “0.28亿元” cannot say which is larger: the rate or the tables can.
        if stated.budget and stated.actual and not self._spread_of_stated(stated):
            budget, actual, rule, cells = stated.budget[0], stated.actual[0], "说明-自相矛盾", ()
        elif stated.rate is not None:
            budget, actual, rule, cells = HUNDRED, stated.rate[0], "说明-自相矛盾", ()
        elif subject and subject.budget and subject.actual:
            budget, actual = subject.budget.value, subject.actual.value
            rule, cells = "说明-增减", subject.budget.cells + subject.actual.cells
        else:
            return
        if actual == budget or (actual > budget) == (says > 0):
            return
        fig = Figure(actual - budget, 2, m.start(), m.end(), "万元")
        name = subject.name if subject else "该项"
        if stated.rate is not None and not (stated.budget and stated.actual):
            fact = f"完成率为 {show(actual)}%"
        else:
            fact = f"决算数 {show(actual)} {'小于' if actual < budget else '大于'}预算数 {show(budget)}"
        # The figures the words compare: what the tables (or the paragraph) say each side is.
        self._report(rule, fig, f"{name}：说明写“{m.group(0)}”，而{fact}", budget, actual, CENT, cells)

    def _equal(self, m: re.Match) -> None:
        """“决算数与年初预算数无差异”: the figures given before it must be equal."""
        subject = self.subject
        stated = self._stated(subject)
        if stated.budget and stated.actual:
            budget, actual, rule, cells = stated.budget[0], stated.actual[0], "说明-自相矛盾", ()
            tolerance = CENT / 2 + self._spread_of_stated(stated)
        elif subject and subject.budget and subject.actual:
            budget, actual = subject.budget.value, subject.actual.value
            rule, cells = "说明-增减", subject.budget.cells + subject.actual.cells
            tolerance = ROUNDING * (subject.budget.terms + subject.actual.terms)
        else:
            return
        if abs(actual - budget) <= tolerance:
            return
        name = subject.name if subject else "该项"
        self._report(rule, Figure(actual - budget, 2, m.start(), m.end(), "万元"),
                     f"{name}：说明写“{m.group(0)}”，而决算数 {show(actual)} 与预算数 {show(budget)} 相差 "
                     f"{show(actual - budget)} 万元", budget, actual, CENT, cells)

    def _against_last_year(self, m: re.Match) -> None:
        """“决算数较上年增加的主要原因”, “与上年持平”: against the tables' last-year figure."""
        after = self.body[m.end():m.end() + 4].lstrip()
        if after and after[0].isdigit():
            return  # an amount follows; _last_year_change checks it
        subject = self.subject
        if subject is None:
            return
        targets = [f for f in self.book.members(subject) if f.actual is not None and f.last_year is not None]
        word = m.group(1)
        says = 1 if word in ("增加", "增长") else -1 if word in ("减少", "下降") else 0
        for fact in targets:
            change = fact.actual.value - fact.last_year.value
            tolerance = ROUNDING * (fact.actual.terms + fact.last_year.terms)
            right = abs(change) <= tolerance if says == 0 else (change > tolerance if says > 0 else change < -tolerance)
            if right or (says != 0 and abs(change) <= tolerance):
                continue  # 持平 written as 增加 with a reason: not a contradiction of the figures
            self._report(
                "说明-增减", Figure(change, 2, m.start(), m.end(), "万元"),
                f"{fact.name}：说明写“{m.group(0)}”，而本年 {show(fact.actual.value)} 与上年 "
                f"{show(fact.last_year.value)} 相差 {show(change)} 万元",
                change, None, tolerance, fact.last_year.cells + fact.actual.cells,
            )
            return

    def _new(self, m: re.Match) -> None:
        """“为新增支出”: only an item with no 年初预算 is new."""
        subject = self.subject
        stated = self._stated(subject)
        if stated.budget is not None:
            budget, rule, cells = stated.budget[0], "说明-自相矛盾", ()
        elif subject is not None and subject.budget is not None:
            budget, rule, cells = subject.budget.value, "说明-完成率", subject.budget.cells
        else:
            return
        if budget == 0:
            return
        name = subject.name if subject else "该项"
        fig = Figure(budget, 2, m.start(), m.end(), "万元")
        self._report(rule, fig, f"{name}：说明写“{m.group(0)}”，而年初预算为 {show(budget)} 万元",
                     budget, None, None, cells)

    def _misnamed(self, m: Mention) -> None:
        """A 科目 written under another 类 (or 款) than the workspace's: the name is wrong even when
        the figures are right."""
        said = m.misnamed
        level = said[-1]
        name = said[:-1]
        right = m.fact.name.split(f"（{level}）")[0].split("）")[-1] if f"（{level}）" in m.fact.name else ""
        # “社会保障和就业（类）”: the 类 name without its 支出; the name may carry a quotation mark or list
        # numbering in front of it, as the lexicon allows.
        if right and (right.startswith(name) or name.startswith(right) or name.endswith((right, right.removesuffix("支出")))):
            return
        fig = Figure(Decimal(0), 0, m.start, m.end, "")
        self._report(
            "说明-科目名称", fig, f"科目名称：说明写“{name}（{level}）”，而工作区中这一科目是“{m.fact.name}”",
            None, None, None, m.fact.actual.cells if m.fact.actual else (),
        )
