"""The 情况说明's amounts checked against the tables and the paragraph's own figures."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.narrative.comparison import compared_with, names_year, year_of
from desktop.core.narrative.facts import Fact, Mention, Quantity
from desktop.core.narrative.findings import CENT, pct, show
from desktop.core.narrative.numbers import HUNDRED, ROUNDING, Figure, percent_agrees, percent_range, percent_tolerance
from desktop.core.narrative.reader import ParagraphReader, Stated
from desktop.core.narrative.sentences import sentence_at


# A year a sentence names (“2022年”, “2022年度”).
_SAID_YEAR = re.compile(r"(\d{4})\s*年")
# An amount written right after another with no word between (“较2022年决算数688.84万元131.49万元，
# 增长19.09%”, the verb lost): the first is what the change is measured from, the second is a change
# whose direction the text does not say.
_AMOUNT_NEXT = re.compile(r"\s*\d[\d,]*(\.\d+)?\s*(万元|亿元|元)")
_AMOUNT_BEFORE = re.compile(r"\d\s*(万元|亿元|元)\s*$")
# “比年初预算60万元少支出10万元”: a one-character direction right before the amount it says, which after
# an amount and nothing else is “more than” (“1.8亿多元”).
_SHORT_CHANGE = re.compile(r"\s*[多少](?:支出|开支|支|用)?\s*\d")


class AmountChecks(ParagraphReader):
    """Amounts: an item's figure, its difference from the budget, its change from last year."""

    def _amount(self, fig: Figure, lead_start: int) -> None:
        value = fig.in_wan
        if _AMOUNT_BEFORE.search(self.body, max(0, fig.start - 8), fig.start):
            self.pending_change = None  # nor is a rate after it read against it
            return
        lead, named = self._lead(lead_start, fig.start)
        sentence_text = self.body[self._sentence_start(fig.start):fig.start]
        differing = any(w in lead for w in self.words.difference)
        changing = differing or any(w in lead for w in self.words.increase + self.words.decrease + self.words.compare)
        # The comparison nearest the figure says what it is against: “较上年减少X，较年初预算数减少Y”.
        against = compared_with(sentence_text, self._last_year_words()) if changing else None
        compared = None
        if changing and (against == "other" or self._is_compared_figure(fig)
                         or self._another_year(year_of(self.body[self._clause_start(fig.start):fig.start]))):
            compared = self._measured_from(fig, against, lead)
            if compared is None:
                self.pending_change = None  # nor is its rate read against an earlier change
                return  # a change between other years: unread
        if not changing and any(w in lead for w in self.words.last_year) and self.words.change_residual(lead) == "":
            # “公务接待费支出50万元，上年为20万元，增加30万元”: the subject's last-year figure, never
            # this year's figure of some other item.
            compared = "last_year"
        # “与年初预算相比，收、支总计各减少X”: the comparison may open the sentence.
        against_budget = against == "budget" or against is None and (
            "预算" in lead or ("预算" in sentence_text and ("相比" in sentence_text or differing))) and not any(
            w in sentence_text for w in self._last_year_words())
        if not compared and (fig.rate_as_amount or (changing and against_budget)):
            # Only a difference of the item itself (“决算数较预算数减少X”), not of a part of it
            # (“年初预算聘用人员工资与决算相比减少X”).
            if fig.rate_as_amount or self.words.change_residual(lead) == "":
                self._difference(fig, value, lead)
            elif named:
                self._attributed(fig)  # a part's difference (“一是基本支出减少X”): no budget by part
            return
        if changing and not compared:
            if against == "last_year" or any(w in sentence_text for w in self._last_year_words()) or (
                    against is None and self._parts_against_last_year(fig)):
                self._last_year_change(fig, value, lead, named)
            elif named:
                self._attributed(fig)  # a change whose base the sentence does not say
            return
        role = compared or self.words.role(lead) or "actual"
        said_year = year_of(sentence_text)
        if self._another_year(said_year) and not compared:
            # “2016年度支出合计628万元” in 2017's text: last year's figure when the paragraph sets it
            # beside this year's, else a year the tables do not hold.
            if said_year != self.ws.year - 1 or not names_year(self.body, self.ws.year):
                if said_year == self.ws.year - 1 and role == "actual":
                    self._year_slip(fig, value, lead, named, said_year)
                self.last_amount, self.last_known = None, None  # no share or change is read from it
                return
            role = "last_year"
        if named and not changing and any(w in lead for w in self.words.respectively) and \
                len(listed := self._listed_names(named[-1])) > 1:
            self._respective_values(fig, listed, role)  # “X、Y、Z预算分别为a、b和c”: by order
            return
        self.last_figure = fig  # the figure last_amount holds, for how exactly it was written
        # The words that tell a figure measured from (“较上年”) are its role words.
        rest = self.words.change_residual(lead) if compared else self.words.residual(lead)
        if named and rest != "":
            self.last_amount, self.last_known = (None, value, role), None
            return
        if named:
            subject = named[-1].fact
            if self.words.each_of(lead) and len(named) > 1:
                targets = [f for m in named for f in self.book.members(m.fact)]
            else:
                targets = self.book.members(subject)
            self.subject = subject
        elif (rest == "" and self._carries(fig.start) if compared else self.words.is_pure_role(lead)) or (
                rest == "" and self._unnamed_within(lead_start, fig.start)):
            subject = self.subject
            targets = self.book.members(subject) if subject else []
        else:
            if compared:
                return  # what an item the reader does not know is measured from: that item's, unread
            self.last_amount, self.last_known = (None, value, role), None
            # An item the reader does not know: what the paragraph stated of an earlier unknown item
            # (“公务接待费降幅最大，决算数2352万元…；因公出国(境)次之，共1.2亿元”) is not this one's.
            self.stated.pop(None, None)
            # Only words since the figure before can name another item (“；因公出国(境)次之，共1.2亿元”);
            # “各减少1267.86，2570.97万元” names none.
            if role == "actual" and self.words.residual(self._lead(self.since, fig.start)[0]) != "":
                self.unknown_at = fig.start
            return
        self._compare_value(fig, role, named, subject, targets)

    def _compare_value(self, fig: Figure, role: str, named: list[Mention], subject: Fact | None,
                       targets: list[Fact]) -> None:
        """The figure of `targets` in `role` against the tables; right, it is what the paragraph states."""
        value = fig.in_wan
        self.last_amount = (targets[0] if len(targets) == 1 else None, value, role)
        self.last_known = targets[0] if targets and role == "actual" else None
        if targets:
            self._attributed(fig, *targets)
        wrong: dict[Decimal, list[tuple[Fact, Quantity, Decimal]]] = {}
        for fact in targets:
            q = getattr(fact, role)
            if q is None or (role == "actual" and value and self.book.contradicted(fact)):
                continue
            self._checked(fig)
            tolerance = max(CENT, ROUNDING * q.terms) + fig.spread
            if abs(value - q.value) > tolerance:
                wrong.setdefault(q.value, []).append((fact, q, tolerance))
        if wrong and not named and (named_as := self._named_with(value, role, fig.spread)) is not None:
            # A figure whose item was carried from before (no name of its own) that is exactly the
            # figure of another item the paragraph names is about that one (the most specific
            # subject), whatever the reading above made of the sentence.
            self._checked(fig)
            self.subject, self.last_known = named_as, named_as if role == "actual" else None
            self.last_amount = (named_as, value, role)
            if role != "last_year":
                setattr(self._stated(named_as), role, (value, fig))
            return
        # “收入总计、支出总计均为X”: one finding when both tables say the same, one each when not.
        for expected, facts in wrong.items():
            what = {"budget": "预算数", "actual": "决算数", "last_year": "上年数"}[role]
            names = "、".join(f.name for f, _, _ in facts)
            cells = tuple(c for _, q, _ in facts for c in q.cells)
            self._report(
                "说明-金额", fig, f"{names}{what}：说明为 {show(value)} 万元，表中为 {show(expected)} 万元"
                + self._equals(value, [f for f, _, _ in facts]),
                expected, value, max(t for _, _, t in facts), cells,
            )
        right = not wrong
        # A figure already reported as wrong is not used again to check the rest of the paragraph:
        # the rate and difference after it are then checked against the tables alone.
        if right and role != "last_year":
            setattr(self._stated(subject), role, (value, fig))

    def _another_year(self, year: int | None) -> bool:
        """A year the words give that is not the workspace's: the tables do not hold its figures."""
        return year is not None and isinstance(self.ws.year, int) and year != self.ws.year

    def _year_slip(self, fig: Figure, value: Decimal, lead: str, named: list[Mention], said: int) -> None:
        """“2022年“三公”经费支出决算为3.46万元” in 2023's text, 3.46 being 2023's figure and not
        2022's: the year is the slip (a paragraph copied forward), not the figure."""
        if self.words.residual(lead) != "":
            return
        subject = named[-1].fact if named else (self.subject if self.words.is_pure_role(lead) else None)
        targets = self.book.members(subject) if subject else []
        if len(targets) != 1 or targets[0].actual is None or targets[0].last_year is None:
            return
        fact = targets[0]
        now, before = fact.actual.value, fact.last_year.value
        tolerance = max(CENT, ROUNDING * fact.actual.terms) + fig.spread
        if abs(value - now) > tolerance or abs(value - before) <= tolerance or abs(now - before) <= tolerance:
            return
        at = self._sentence_start(fig.start)
        year = next(m for m in _SAID_YEAR.finditer(self.body, at, fig.start) if int(m.group(1)) == said)
        self._checked(fig)
        self._report(
            "说明-单位年度", Figure(Decimal(said), 0, year.start(), year.end(), ""),
            f"说的是 {said} 年，而 {show(value)} 万元是工作区 {self.ws.year} 年度{fact.name}的决算数"
            f"（{said} 年为 {show(before)} 万元）", None, None, None, fact.actual.cells,
        )

    def _measured_from(self, fig: Figure, against: str | None, lead: str) -> str | None:
        """“较上年1174万元减少40万元”, “较预算数1237万元减少103万元”: the figure a change is measured
        from, with nothing but the comparison before it, is the item's 上年数 or 预算数 (the role);
        None for any other (a change between other years, “比上年累计支出148万元”)."""
        if against not in ("last_year", "budget") or not self._is_compared_figure(fig):
            return None
        return ("last_year" if against == "last_year" else "budget") if self.words.change_residual(lead) == "" else None

    def _is_compared_figure(self, fig: Figure) -> bool:
        """“比上年累计支出148万元下降24万元”: 148 is what the change is measured from, not the change."""
        after = self.body[fig.end:fig.end + 6].lstrip()
        return any(after.startswith(w) for w in self.words.increase + self.words.decrease if len(w) > 1) or \
            _AMOUNT_NEXT.match(self.body, fig.end) is not None or _SHORT_CHANGE.match(self.body, fig.end) is not None

    def _parts_against_last_year(self, fig: Figure) -> bool:
        """“…比上年减少18,987.42元，下降42.13%。其中：因公出国(境)费支出决算增加0元”: the parts a sentence
        opening with 其中 lists are compared as the whole the sentence before compared."""
        start = self._sentence_start(fig.start)
        if start == 0 or not self.body[start:fig.start].lstrip().startswith("其中"):
            return False
        before = self.body[self._sentence_start(start - 1):start]
        return compared_with(before, self._last_year_words()) == "last_year"

    def _current(self, targets: list[Fact], at: int) -> Decimal | None:
        """This year's figure a 上年 change of `targets` is measured from: the item's own in the
        tables, else the one the paragraph last stated of it, of the subject when the change names
        nothing known, or of an item the reader does not know until a name comes — never a budget,
        never another item's (“决算62.07万元，完成预算84.82万元的73.2%，比上年增加38.97万元”)."""
        if len(targets) == 1 and targets[0].actual is not None:
            return targets[0].actual.value
        if self.last_known in targets and self.last_known.actual is not None:  # “收、支总计各减少X”
            return self.last_known.actual.value
        if self.last_amount is None or self.last_amount[2] != "actual":
            return None
        fact, value, _ = self.last_amount
        if fact is not None and fact in targets:
            return value
        if self.last_figure is None or (fact is not None and (targets or fact is not self.subject)):
            return None
        if fact is not None:  # “支出总计X万元。收支较上年增加Y”: a change naming nothing known is the subject's
            return value
        # An item the reader does not know stays the subject until a name comes (“上年结转和结余
        # 8.02万元，为…的资金。较2022年度决算数增加0.78万元”).
        return value if self.unknown_at == self.last_figure.start or sentence_at(
            self.spans, self.para.start + self.last_figure.start) == sentence_at(
            self.spans, self.para.start + at) else None

    def _difference(self, fig: Figure, value: Decimal, lead: str) -> None:
        """决算数较预算数增加/减少 X万元: X against the paragraph's own figures, else the tables."""
        # Not the subject's after the figure of an item the reader does not know in the sentence
        # (“公务接待费…；因公出国(境)次之，共1.2亿元，相比年初预算数的1.5亿元减少0.3亿元”).
        subject = self.subject if self._carries(fig.start) else None
        stated = self._stated(subject)
        expected, rule, cells = None, "说明-增减", ()
        # “较调整后预算减少X”: only a budget stated in the same words measures it, neither the table's
        # 预算数 nor a 年初预算 the paragraph gave.
        other = self._other_budget(fig)
        if stated.budget and other and self._other_budget(stated.budget[1]) != other:
            actual, stated = stated.actual, Stated()
            stated.actual = actual
        if stated.budget and stated.actual:
            expected, rule = stated.actual[0] - stated.budget[0], "说明-自相矛盾"
        elif subject and subject.actual and subject.budget and not other:
            expected = subject.actual.value - subject.budget.value
            cells = subject.budget.cells + subject.actual.cells
        name = subject.name if subject else "该项"
        # “差值为0.9万元”: a difference that says no direction goes the way the figures do.
        sign = self.words.direction(lead) or (-1 if expected is not None and expected < 0 else 1)
        if fig.rate_as_amount or expected is not None:
            self._checked(fig)
        if fig.rate_as_amount:
            self._report(
                "说明-自相矛盾", fig,
                f"{name}：“{show(value)}%万元”把百分比写在了金额的位置"
                + (f"，决算数与预算数之差为 {show(expected)} 万元" if expected is not None else ""),
                expected, sign * value, CENT, cells,
            )
            return
        budget = stated.budget[0] if stated.budget else (
            subject.budget.value if subject and subject.budget and not other else None)
        budget_error = ROUNDING + (stated.budget[1].spread if stated.budget else 0)
        # The figure of an item the reader does not know is its own subject's (“镇本级“三公”经费41万元，
        # …较年初预算数减少4万元”).
        said = stated.actual
        if said is None and subject is None:
            said = (self._current([], fig.start), self.last_figure)
        if budget is None and said and said[0] is not None:  # 决算X，与年初预算相比减少Y: the budget is X + Y
            budget, budget_error = said[0] - sign * value, 2 * ROUNDING + fig.spread + said[1].spread
        if subject is not None:
            self._attributed(fig, subject)
        if budget is not None:  # 比年初预算增加X万元，增长Y%: Y = X ÷ 预算, with X as stated or as it should be
            ways = [(sign * value, budget, (), ROUNDING + fig.spread, budget_error)]
            if expected is not None:
                ways.append((expected, budget, cells, 2 * ROUNDING, budget_error))
            self.pending_change = (self._sentence_start(fig.start), ways)
            self.pending_amount = fig
        if expected is not None and abs(sign * value - expected) > CENT + fig.spread + self._spread_of_stated(stated):
            self._report(
                rule, fig,
                f"{name}：决算数较预算数{'增加' if sign > 0 else '减少'} {show(value)} 万元，"
                f"而{'说明中的' if rule == '说明-自相矛盾' else '表中'}决算数与预算数之差为 {show(expected)} 万元",
                expected, sign * value, CENT, cells,
            )
            return
        if stated.rate is not None:
            self._rate_against_difference(fig, name, stated, subject, sign * value)

    def _rate_against_difference(self, fig: Figure, name: str, stated: Stated, subject, difference) -> None:
        """“完成预算100%，决算数大于预算数55.93万元”: the rate and the difference cannot both hold."""
        rate, rate_fig = stated.rate
        budget = stated.budget[0] if stated.budget else (
            subject.budget.value if subject and subject.budget else None)
        if budget or rate == HUNDRED:
            self._checked(rate_fig)
            self._checked(fig)
        if budget:
            implied = (budget + difference) / budget * HUNDRED
            bounds = percent_range(budget + difference, 2 * ROUNDING, budget, ROUNDING)
            if bounds is None or percent_agrees(rate, rate_fig.decimals, bounds):
                return
            detail = f"按预算数 {show(budget)} 计应完成 {pct(implied)}%"
        elif rate == HUNDRED and difference != 0:
            implied, detail = None, "完成 100% 即决算数等于预算数"
        else:
            return
        self._report(
            "说明-自相矛盾", fig,
            f"{name}：完成率 {show(rate)}% 与决算数较预算数{'增加' if difference > 0 else '减少'} "
            f"{show(abs(difference))} 万元矛盾（{detail}）",
            None if implied is None else implied.quantize(CENT), rate, percent_tolerance(rate_fig.decimals), (),
        )

    def _last_year_change(self, fig: Figure, value: Decimal, lead: str, named: list[Mention]) -> None:
        """与上年相比增加/减少 X万元: X = 本年 − 上年 where the workspace has last year's figure."""
        sign = self.words.direction(lead) or 1
        if len(named) < 2 and any(w in lead for w in self.words.respectively):
            self._respective(fig, lead, sign)  # the items listed before, by order, not the subject
            return
        if named:
            many = self.words.each_of(lead) and len(named) > 1
            targets = [f for m in (named if many else named[-1:]) for f in self.book.members(m.fact)]
        elif self.words.change_residual(lead) == "" and self._carries(fig.start):
            targets = self.book.members(self.subject)
        else:
            targets = []
        ways = []
        for fact in targets:
            if fact.actual is not None and fact.last_year is not None:
                error = ROUNDING * fact.last_year.terms
                ways.append((fact.actual.value - fact.last_year.value, fact.last_year.value,
                             fact.last_year.cells + fact.actual.cells, error + ROUNDING * fact.actual.terms, error))
        if ways:
            self._checked(fig)
        elif targets:
            self._attributed(fig, *targets)
        current = self._current(targets, fig.start)
        if current is not None:  # last year worked back from this year's figure and the change
            spread = fig.spread + (self.last_figure.spread if self.last_figure is not None else 0)
            ways.append((sign * value, current - sign * value, (), ROUNDING + fig.spread, 2 * ROUNDING + spread))
        self.pending_change = (self._sentence_start(fig.start), ways)
        self.pending_amount = fig
        wrong: dict[tuple[Decimal, Decimal], list[Fact]] = {}
        for fact in targets:
            if fact.actual is None or fact.last_year is None:
                continue
            expected = fact.actual.value - fact.last_year.value
            tolerance = max(CENT, ROUNDING * (fact.actual.terms + fact.last_year.terms)) + fig.spread
            if abs(sign * value - expected) > tolerance:
                wrong.setdefault((fact.actual.value, fact.last_year.value), []).append(fact)
        # “收入总计、支出总计均增加X”: one finding when both sides agree, as for amounts.
        for (actual, last), facts in wrong.items():
            cells = tuple(dict.fromkeys(c for f in facts for c in f.last_year.cells + f.actual.cells))
            self._report(
                "说明-增减", fig,
                f"{'、'.join(f.name for f in facts)}与上年相比：说明为{'增加' if sign > 0 else '减少'} "
                f"{show(value)} 万元，按本年 {show(actual)} 与上年 {show(last)} 为 {show(actual - last)} 万元",
                actual - last, sign * value,
                max(CENT, ROUNDING * (facts[0].actual.terms + facts[0].last_year.terms)), cells,
            )

    def _named_with(self, value: Decimal, role: str, spread: Decimal) -> Fact | None:
        """The one item named in the paragraph (or by its heading) whose figure in `role` is `value`."""
        named = [m.fact for m in self.mentions] + ([self.scope.subject] if self.scope.subject else [])
        same = {}
        for fact in (f for each in named for f in self.book.members(each)):
            q = getattr(fact, role)
            if q is not None and abs(value - q.value) <= max(CENT, ROUNDING * q.terms) + spread:
                same[fact.name] = fact
        return next(iter(same.values())) if len(same) == 1 else None

    def _equals(self, value: Decimal, wrong: list[Fact]) -> str:
        """What a wrong amount is, when it is another item's figure (“收支总计” said for 本年收入合计)."""
        if value == 0:
            return ""
        names = {f.name for f in wrong}
        same = [f.name for f in self.book.facts.values()
                if f.name not in names and not f.group and f.actual is not None and abs(f.actual.value - value) <= CENT]
        return f"；说明的 {show(value)} 是{'、'.join(same[:2])}" if same else ""
