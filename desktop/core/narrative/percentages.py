"""The 情况说明's percentages: shares, completion rates and changes, within their rounding."""

from __future__ import annotations

import re
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.narrative.comparison import compared_with
from desktop.core.narrative.facts import Fact, Mention
from desktop.core.narrative.findings import CENT, pct, show, written
from desktop.core.narrative.numbers import (
    HUNDRED,
    ROUNDING,
    Figure,
    percent_agrees,
    percent_range,
    percent_tolerance,
    rounded_from,
    truncated,
)
from desktop.core.narrative.reader import ParagraphReader
from desktop.core.narrative.words import PUNCT


class PercentChecks(ParagraphReader):
    """Percentages: shares, completion rates, rates of change and their 个百分点."""

    def _percent(self, fig: Figure, lead_start: int) -> None:
        lead, named = self._lead(lead_start, fig.start)
        raw_lead = self.body[lead_start:fig.start]
        if self.words.share in raw_lead:
            self._share(fig, raw_lead, named)
        elif any(w in raw_lead for w in self.words.rate) or ("完成" in lead and "预算" in raw_lead) \
                or self._after_budget_figure(raw_lead, fig):
            self._rate(fig, named)
        elif any(w in lead for w in self.words.increase + self.words.decrease):
            self._change(fig, lead)
        elif any(w in lead for w in self.words.difference):
            self._rate_alone(fig, lead, "budget")  # “预决算差异率-2.72%”: (决算 − 预算) ÷ 预算

    def _after_budget_figure(self, raw_lead: str, fig: Figure) -> bool:
        """“完成全年预算84.82万元的73.2%”: the rate comes after the budget figure it is of."""
        clause = self.body[self._clause_start(fig.start):fig.start]
        return raw_lead.strip() == "的" and "完成" in clause and "预算" in clause

    def _share(self, fig: Figure, raw_lead: str, named: list[Mention]) -> None:
        """占X%: the item's figure over its base's, each from the tables or, where the workspace
        has none, as the paragraph stated it."""
        if self.last_amount is None or self.last_amount[0] is None or self.last_amount[2] != "actual":
            return
        subject = self.last_amount[0]
        after = raw_lead[raw_lead.rfind(self.words.share) + len(self.words.share):]
        base_text = PUNCT.sub("", after).removesuffix("的")
        if base_text in self.words.share_bare:
            base_text = ""  # “占比7.36%”: of the base the item is always a share of
        base_names = [m for m in named if m.start >= fig.start - len(after)]
        if base_names:
            base = base_names[-1].fact
        elif base_text:
            return  # a base the workspace does not know
        else:
            base = self.book.get(subject.share_of)
        if base is None:
            return
        if self.book.contradicted(subject):
            self._attributed(fig, subject, base)
            return
        part, whole = self._share_term(subject, self.last_amount[1]), self._share_term(base, None)
        if part is None or whole is None:
            self._attributed(fig, subject, base)
            return
        (part_value, part_error, part_cells), (base_value, base_error, base_cells) = part, whole
        if base_value == 0:
            self._checked(fig, ANY)
            return  # nothing of nothing: no share to check
        computed = part_value / base_value * HUNDRED
        tolerance = percent_tolerance(fig.decimals)
        bounds = percent_range(part_value, part_error, base_value, base_error)
        self._checked(fig, _allowed([bounds], tolerance))
        self.last_share = (subject, base, self._sentence_start(fig.start))
        # Within its 0.01 a percentage is right (DOMAIN §3), cut or rounded; past it, a cut one is 尾差.
        if bounds is not None and not percent_agrees(fig.value, fig.decimals, bounds):
            source = "表中数" if part_cells or base_cells else "说明中的数"
            if truncated(fig.value, fig.decimals, bounds):
                self._report(
                    "说明-占比", fig,
                    f"{subject.name}占{base.name}：说明为 {written(fig)}%，按{source} {show(part_value)} ÷ "
                    f"{show(base_value)} 为 {pct(computed)}%，说明截去了尾数而未四舍五入（尾差）",
                    computed.quantize(CENT), fig.value, tolerance, part_cells + base_cells, rounding=True,
                )
                return
            note = self._complement(fig, computed, "占比")
            if subject.actual is not None and subject.budget is not None and subject.budget.value:
                rate = subject.actual.value / subject.budget.value * HUNDRED
                if abs(rate - fig.value) <= tolerance:
                    note = f"；说明的 {written(fig)}% 是完成率（决算数 ÷ 预算数），不是占比"
            self._report(
                "说明-占比", fig,
                f"{subject.name}占{base.name}：说明为 {written(fig)}%，"
                f"按{source} {show(part_value)} ÷ {show(base_value)} 为 {pct(computed)}%" + note,
                computed.quantize(CENT), fig.value, tolerance, part_cells + base_cells,
            )

    def _points(self, fig: Figure, lead_start: int) -> None:
        """“占X%，比上年提高Y个百分点”: Y = this year's share − last year's, both from the tables."""
        lead = self.body[lead_start:fig.start]
        share, self.last_share = self.last_share, None
        if share is None or share[2] != self._sentence_start(fig.start) or not any(
                w in self.body[share[2]:fig.start] for w in self._last_year_words()):
            return
        part, base = share[:2]
        terms = [(f.actual, f.last_year) for f in (part, base)]
        if any(now is None or last is None for now, last in terms):
            self._attributed(fig, part, base)
            return
        (part_now, part_last), (base_now, base_last) = terms
        now = percent_range(part_now.value, ROUNDING * part_now.terms, base_now.value, ROUNDING * base_now.terms)
        last = percent_range(part_last.value, ROUNDING * part_last.terms, base_last.value, ROUNDING * base_last.terms)
        if now is None or last is None:
            self._checked(fig, ANY)
            return
        sign = self.words.direction(lead) or 1
        tolerance = percent_tolerance(fig.decimals)
        low, high = now[0] - last[1], now[1] - last[0]
        self._checked(fig, _allowed([(low, high)], tolerance, sign))
        if low - tolerance <= sign * fig.value <= high + tolerance:
            return
        computed = (part_now.value / base_now.value - part_last.value / base_last.value) * HUNDRED
        self._report(
            "说明-占比", fig,
            f"{part.name}占{base.name}的比重与上年相比：说明为{'提高' if sign > 0 else '下降'} {written(fig)} 个百分点，"
            f"按本年 {pct(part_now.value / base_now.value * HUNDRED)}% 与上年 "
            f"{pct(part_last.value / base_last.value * HUNDRED)}% 为 {pct(computed)} 个百分点",
            computed.quantize(CENT), sign * fig.value, tolerance,
            part_now.cells + base_now.cells + part_last.cells + base_last.cells,
        )

    def _share_term(self, fact: Fact, said: Decimal | None):
        """(value, error, cells) of one side of a share: the table's, else what the paragraph said."""
        if fact.actual is not None:
            return fact.actual.value, ROUNDING * fact.actual.terms, fact.actual.cells
        stated = self.stated.get(fact.name) or self.section.get(fact.name)
        if stated is not None and stated.actual is not None:
            return stated.actual[0], ROUNDING + stated.actual[1].spread, ()
        spread = self.last_figure.spread if self.last_figure is not None else 0
        return (said, ROUNDING + spread, ()) if said is not None else None

    def _complement(self, fig: Figure, computed: Decimal, what: str) -> str:
        """A rate stated as its complement (43% where 57% is right, the decrease): say so."""
        other = HUNDRED - computed
        if abs(fig.value - other) <= percent_tolerance(fig.decimals) + CENT:
            return f"；说明的 {written(fig)}% 是 100% 减去{what}（{pct(other)}%），即减少的比例"
        return ""

    def _rate(self, fig: Figure, named: list[Mention]) -> None:
        # After the figure of an item the reader does not know, a rate naming nothing is that item's.
        subject = named[-1].fact if named else self.subject if self._carries(fig.start) else None
        stated = self._stated(subject)
        # The rate may be worked from the tables or from the figures the paragraph states (which
        # were checked against the tables within rounding): either way is right.
        ways: list[tuple[Decimal, Decimal, str, tuple[CellRef, ...], Decimal, Decimal]] = []
        # “完成调整后预算的73.2%”: of a budget the table's 预算数 (年初, or 全年 by region) may not be;
        # only a budget the text states in the same words measures it.
        other = self._other_budget(fig)
        if subject and subject.actual and subject.budget and not other:
            ways.append((subject.budget.value, subject.actual.value, "表中",
                         subject.budget.cells + subject.actual.cells,
                         ROUNDING * subject.budget.terms, ROUNDING * subject.actual.terms))
        if stated.budget and stated.actual and (not other or self._other_budget(stated.budget[1]) == other):
            ways.append((stated.budget[0], stated.actual[0], "说明中", (), ROUNDING + stated.budget[1].spread,
                         ROUNDING + stated.actual[1].spread))
        if ways:
            self._checked(fig, ANY if all(w[0] == 0 for w in ways) and ways[0][1] == 0 else None)
        elif subject is not None:
            self._attributed(fig, subject)
        if ways and all(w[0] == 0 for w in ways) and ways[0][1] != 0:
            name = subject.name if subject else "该项"
            self._report(
                "说明-自相矛盾", fig,
                f"{name}：年初预算为 0、决算数 {show(ways[0][1])} 万元是新增支出，没有完成率，说明却写了 "
                f"{written(fig)}%", None, fig.value, None, ways[0][3],
            )
            return
        ways = [w for w in ways if w[0] != 0]  # a zero budget is 新增: no rate
        if not ways:
            stated.rate = (fig.value, fig)
            return
        tolerance = percent_tolerance(fig.decimals)
        bounds = [percent_range(actual, a_err, budget, b_err) for budget, actual, _, _, b_err, a_err in ways]
        self._checked(fig, _allowed(bounds, tolerance))
        agrees = any(b is None or percent_agrees(fig.value, fig.decimals, b) for b in bounds)
        if agrees:
            stated.rate = (fig.value, fig)  # a right rate is used to check the difference after it
        if agrees or any(b is None or rounded_from(fig.value, fig.decimals, b) for b in bounds):
            return  # within the 0.01 a percentage may be off, cut or rounded (DOMAIN §3)
        budget, actual, source, cells = ways[0][:4]
        computed = actual / budget * HUNDRED
        name = subject.name if subject else "该项"
        if any(b is not None and truncated(fig.value, fig.decimals, b) for b in bounds):
            self._report(
                "说明-完成率", fig,
                f"{name}完成率：说明为 {written(fig)}%，按{source}决算数 {show(actual)} ÷ 预算数 {show(budget)} "
                f"为 {pct(computed)}%，说明截去了尾数而未四舍五入（尾差）",
                computed.quantize(CENT), fig.value, tolerance, cells, rounding=True,
            )
            return
        self._report(
            "说明-完成率", fig,
            f"{name}完成率：说明为 {written(fig)}%，按{source}决算数 {show(actual)} ÷ "
            f"预算数 {show(budget)} 为 {pct(computed)}%" + self._complement(fig, computed, "完成率"),
            computed.quantize(CENT), fig.value, tolerance, cells,
        )

    def _change(self, fig: Figure, lead: str) -> None:
        """增长/下降 X% after 增加/减少 Y万元 in the same sentence: X = Y ÷ 上年, 上年 from the tables
        or worked back from this year's figure and Y; either way is right."""
        if self.pending_change is None or self.pending_change[0] != self._sentence_start(fig.start):
            self.pending_change = None
            self._rate_alone(fig, lead)
            return
        sentence, ways = self.pending_change
        self.pending_change = None
        amount_fig, self.pending_amount = self.pending_amount, None
        if ways and all(w[1] == 0 for w in ways) and amount_fig is not None:
            # Nothing last year (a body set up this year, an item 0 both years): the change is the
            # whole figure, and “增长100%” or “增长0%” is how it is written; no rate to work out,
            # but the rate cannot go the other way than the amount.
            self._checked(amount_fig)
            self._checked(fig, ANY)
            amount, says = ways[0][0], self.words.direction(lead)
            if amount and says and (amount > 0) != (says > 0):
                self._report(
                    "说明-自相矛盾", fig,
                    f"增减额为{'增加' if amount > 0 else '减少'} {show(abs(amount))} 万元，增减率却写作"
                    f"{'增长' if says > 0 else '下降'} {written(fig)}%", None, says * fig.value, None, (),
                )
            return
        if ways and all(w[1] <= 0 for w in ways) and not any(w[2] for w in ways) and amount_fig is not None:
            amount, last = ways[0][:2]
            self._checked(amount_fig)
            self._report(
                "说明-自相矛盾", amount_fig,
                f"增减额 {show(abs(amount))} 万元不小于本年数 {show(amount + last)} 万元，"
                f"对比数（{show(last)} 万元）不可能为零或负数", None, amount, None, (),
            )
            return
        ways = [w for w in ways if w[1] > 0]
        if not ways or self.words.both_directions(lead):
            return  # “下降（增长）27.78%”: which way the text means cannot be told
        sign = self.words.direction(lead) or (1 if ways[0][0] >= 0 else -1)
        tolerance = percent_tolerance(fig.decimals)
        bounds = [percent_range(amount, a_err, last, l_err) for amount, last, _, a_err, l_err in ways]
        self._checked(fig, _allowed(bounds, tolerance, sign))
        if amount_fig is not None:
            # Checked by its rate alone (no table figure to compare): the amounts that rate allows.
            alone = not any(w[2] for w in ways)
            self._checked(amount_fig, _amounts_for_rate(ways[0], sign * fig.value, tolerance) if alone else None)
        if any(b is None or percent_agrees(sign * fig.value, fig.decimals, b) for b in bounds):
            return
        if amount_fig is not None and not any(w[2] for w in ways) and _from_current(ways[0], fig) \
                and self._later_year_before(fig):
            self._unread(fig, amount_fig)  # the change starts at this year's figure: of a later one
            return
        amount, last, cells = ways[0][:3]
        computed = amount / last * HUNDRED
        self._report(
            "说明-增减", fig,
            f"增减率：说明为{'增长' if sign > 0 else '下降'} {written(fig)}%，按增减额 {show(amount)} 万元"
            f"与对比数 {show(last)} 万元，应为 {pct(computed)}%",
            computed.quantize(CENT), sign * fig.value, tolerance, cells,
        )

    def _later_year_before(self, fig: Figure) -> bool:
        """Whether the paragraph has spoken of a year after the workspace's (next year's 预算) before `fig`."""
        year = getattr(self.ws, "year", None)
        return isinstance(year, int) and any(int(y) > year for y in _SAID_YEAR.findall(self.body, 0, fig.start))

    def _rate_alone(self, fig: Figure, lead: str, measured: str | None = None) -> None:
        """“比上年增长X%”, “较年初预算下降X%” with no amount before it: X = (决算 − 上年 or 年初预算) ÷ that
        figure of the subject, from the tables."""
        sentence = self.body[self._sentence_start(fig.start):fig.start]
        if not self._carries(fig.start) or self.words.change_residual(lead) != "":
            return
        against = compared_with(sentence, self._last_year_words())
        if measured is not None or against == "budget" and not self._other_budget(fig):
            measured = measured or "budget"
        elif against not in ("budget", "other") and any(w in sentence for w in self._last_year_words()):
            measured = "last_year"
        else:
            return
        ways = [(f.actual.value - base.value, base.value, base.cells + f.actual.cells,
                 ROUNDING * (f.actual.terms + base.terms), ROUNDING * base.terms)
                for f in self.book.members(self.subject)
                if f.actual is not None and (base := getattr(f, measured)) is not None]
        if not ways:
            self._attributed(fig, self.subject)
            return
        self.pending_change, self.pending_amount = (self._sentence_start(fig.start), ways), None
        self._change(fig, lead)


def _from_current(way, fig: Figure) -> bool:
    """A change worked back from this year's figure C whose stated rate is its amount over C itself
    (“2022年预算…公务用车运行费用较上年同期增加2.27万元，增长29.37%” beside 2021's 7.73): after a
    later year's words the text may measure from C to a figure the tables do not hold, which cannot
    be told from a rate put over the wrong base (“减少0.71万元，下降7.83%” of 9.07)."""
    amount, last, _, amount_error, _ = way
    bounds = percent_range(abs(amount), amount_error, amount + last, ROUNDING)
    return bounds is not None and percent_agrees(fig.value, fig.decimals, bounds)


# A year the words name (“2022年度”).
_SAID_YEAR = re.compile(r"(\d{4})\s*年")


# A check that accepts any stated value (nothing of nothing, no base to measure from).
ANY = (Decimal("-Infinity"), Decimal("Infinity"))


def _allowed(bounds, tolerance: Decimal, sign: int = 1) -> tuple[Decimal, Decimal] | None:
    """The stated values a percentage check accepts (as written, so a 下降 is positive)."""
    if any(b is None for b in bounds):
        return ANY
    low, high = min(b[0] for b in bounds) - tolerance, max(b[1] for b in bounds) + tolerance
    return (low, high) if sign > 0 else (-high, -low)


def _amounts_for_rate(way, rate: Decimal, tolerance: Decimal) -> tuple[Decimal, Decimal]:
    """A change x worked back from this year's figure C (x ÷ (C − x) = rate): the |x| the stated
    rate allows, within its rounding and the cent of C."""
    amount, last = way[:2]
    current = amount + last
    found = []
    for r in (rate - tolerance, rate + tolerance):
        r = r / HUNDRED
        if 1 + r != 0:
            found += [abs(c * r / (1 + r)) for c in (current - ROUNDING, current + ROUNDING)]
    return (min(found) - CENT, max(found) + CENT) if found else ANY
