"""Figures and changes “分别” gives several items at once, in the order the sentence listed them
(“因公出国(境)费、公务用车购置及运行维护费、公务接待费预算分别为0.28亿元、2.71亿元和0.69亿元”; “包括购置费
0.14亿元和运行费1.27亿元，与2015年相比，分别减少0.18亿元和0.56亿元，下降56.3%和30.6%”): each amount and
each rate is the item's of the same place, a change measured from the item's own figure."""

from __future__ import annotations

import re
from desktop.core.narrative.facts import Fact, Mention
from desktop.core.narrative.findings import CENT, pct, show, written
from desktop.core.narrative.numbers import (
    HUNDRED, ROUNDING, Figure, percent_agrees, percent_range, percent_tolerance,
)
from desktop.core.narrative.reader import ParagraphReader

# What may stand between two figures of one list: “0.18亿元和0.56亿元”, “133.1%、43.7%”.
_JOIN = re.compile(r"\s*[和、及与,]?\s*")
# Between two names of one list: “因公出国(境)费、公务用车购置及运行维护费和公务接待费”.
_NAME_JOIN = re.compile(r"\s*[和、及与]\s*")


class RespectiveChecks(ParagraphReader):
    """The items a “分别” change names by order, and their amounts and rates checked pair by pair."""

    def _respective(self, fig: Figure, lead: str, sign: int) -> None:
        """At the first amount after “分别”: the run of amounts from `fig`, the run of rates after them,
        and the items listed before in the sentence with a figure each; every pair is checked, and
        when the counts do not match, none is read (the pairing cannot be told)."""
        start = self._sentence_start(fig.start)
        amounts = self._run(fig, lambda f: f.is_amount)
        rates = self._rates_after(amounts[-1])
        listed = self._listed(start, fig.start - len(lead))
        self.handled.update(f.start for f in amounts[1:] + rates)
        self.pending_change, self.pending_amount = None, None
        listed = listed[len(listed) - len(amounts):]
        if len(amounts) < 2 or len(listed) < len(amounts) or rates and len(rates) != len(amounts) \
                or not self._one_list(listed):
            return
        for (named, current), amount, rate in zip(listed, amounts, rates or [None] * len(amounts)):
            self._respective_pair(named.fact, current, amount, rate, sign)

    def _respective_values(self, fig: Figure, named: list[Mention], role: str) -> None:
        """At the first amount after “X、Y、Z…分别为”: the run of amounts from `fig` is the named items' in
        their order; when the counts do not match, none is read (the pairing cannot be told)."""
        amounts = self._run(fig, lambda f: f.is_amount)
        self.handled.update(f.start for f in amounts[1:])
        if len(amounts) != len(named):
            return
        for m, amount in zip(named, amounts):
            self.subject, self.last_figure = m.fact, amount
            self._compare_value(amount, role, [m], m.fact, self.book.members(m.fact))

    def _listed_names(self, last: Mention) -> list[Mention]:
        """The names listed up to `last`, joined by 、和及与 (“因公出国(境)费、公务用车购置及运行维护费、公务接待费”)."""
        listed = [last]
        for m in sorted((m for m in self.mentions if m.end <= last.start), key=lambda m: m.end, reverse=True):
            if m.end > listed[0].start:
                continue
            if _NAME_JOIN.fullmatch(self.body[m.end:listed[0].start]) is None:
                break
            listed.insert(0, m)
        return listed

    def _respective_pair(self, fact: Fact, current: Figure, amount: Figure, rate: Figure | None, sign: int) -> None:
        change = sign * amount.in_wan
        error = ROUNDING + amount.spread
        if fact.actual is not None and fact.last_year is not None:
            expected = fact.actual.value - fact.last_year.value
            self._checked(amount)
            if abs(change - expected) > max(CENT, ROUNDING * (fact.actual.terms + fact.last_year.terms)) + amount.spread:
                self._report(
                    "说明-增减", amount,
                    f"{fact.name}与上年相比：说明为{'增加' if sign > 0 else '减少'} {show(amount.in_wan)} 万元，"
                    f"按本年 {show(fact.actual.value)} 与上年 {show(fact.last_year.value)} 为 {show(expected)} 万元",
                    expected, change, CENT, fact.last_year.cells + fact.actual.cells,
                )
        else:
            self._attributed(amount, fact)
        if rate is None:
            return
        # Last year worked back from the figure the sentence gave the item and its change.
        last = current.in_wan - change
        bounds = percent_range(abs(change), error, last, 2 * ROUNDING + amount.spread + current.spread)
        if bounds is None:
            return
        self._checked(rate)
        self._checked(amount)
        if percent_agrees(rate.value, rate.decimals, bounds):
            return
        computed = change / last * HUNDRED
        self._report(
            "说明-增减", rate,
            f"{fact.name}增减率：说明为{'增长' if sign > 0 else '下降'} {written(rate)}%，按增减额 "
            f"{show(change)} 万元与对比数 {show(last)} 万元，应为 {pct(computed)}%",
            computed.quantize(CENT), sign * rate.value, percent_tolerance(rate.decimals), (),
        )

    def _run(self, first: Figure, kind) -> list[Figure]:
        """`first` and the figures of the same kind listed right after it."""
        run = [first]
        for f in self.figures:
            if f.start > run[-1].start and kind(f):
                if _JOIN.fullmatch(self.body[run[-1].end:f.start]) is None:
                    break
                run.append(f)
            elif f.start > run[-1].start:
                break
        return run

    def _rates_after(self, last: Figure) -> list[Figure]:
        """The rates a change list goes on to (“，下降133.1%和43.7%”), if the next figure is one."""
        following = next((f for f in self.figures if f.start > last.start), None)
        if following is None or not following.is_percent:
            return []
        between = self.body[last.end:following.start]
        if self.words.direction(between) == 0 or self.words.change_residual(between).strip(",，") != "":
            return []
        return self._run(following, lambda f: f.is_percent)

    def _one_list(self, listed: list[tuple[Mention, Figure]]) -> bool:
        """Items written as one list (“购置费0.14亿元和运行费1.27亿元”), not a whole and then a part of it
        (“购置及运行费1.41亿元，其中运行费1.27亿元”)."""
        return all(_JOIN.fullmatch(self.body[figure.end:following.start]) is not None
                   for (_, figure), (following, _) in zip(listed, listed[1:]))

    def _listed(self, start: int, end: int) -> list[tuple[Mention, Figure]]:
        """The items named in the sentence before `end`, each with the amount that follows its name."""
        found = []
        for m in self.mentions:
            if not start <= m.start < end:
                continue
            after = next((f for f in self.figures if f.start >= m.end), None)
            if after is not None and after.is_amount and after.start < end and \
                    self.words.residual(self.body[m.end:after.start]) == "":
                found.append((m, after))
        return found
