"""check_narrative: every figure of a 情况说明 that can be attributed, compared with the workspace."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.narrative.coverage import NarrativeReview, figure_read, in_original, is_apart
from desktop.core.narrative.facts import Fact, Mention, Quantity, build_facts, load_vocabulary
from desktop.core.narrative.layout import rejoin
from desktop.core.narrative.findings import CENT, NarrativeFinding, make_finding, pct, show, unique_keys, written
from desktop.core.narrative.performance import read_performance_quotes
from desktop.core.narrative.numbers import (
    ROUNDING,
    Figure,
    normalize,
    percent_agrees,
    percent_range,
    percent_tolerance,
    rounded_from,
    truncated,
)
from desktop.core.narrative.scope import Headings
from desktop.core.narrative.reader import ParagraphReader, Stated
from desktop.core.narrative.sentences import paragraphs, sentence_at, sentences
from desktop.core.narrative.unit_year import unit_year_slips
from desktop.core.narrative.words import PUNCT, Words

HUNDRED = Decimal(100)


def check_narrative(ws, text: str, vocabulary: dict | None = None) -> list[NarrativeFinding]:
    """Check every figure in `text` that names an item the workspace knows; unknown items stay silent."""
    return review_narrative(ws, text, vocabulary).findings


def review_narrative(ws, text: str, vocabulary: dict | None = None) -> NarrativeReview:
    """The findings, and what was read: each figure checked, unread (with its sentence) or apart;
    spans are in `text`, read as rejoined from its PDF layout."""
    rejoined = rejoin(text)
    return in_original(_review(ws, rejoined.text, vocabulary), rejoined, text)


def _review(ws, text: str, vocabulary: dict | None) -> NarrativeReview:
    review = NarrativeReview()
    if not text.strip():
        return review
    vocab = vocabulary or load_vocabulary()
    book = build_facts(ws, vocab)
    words = Words(vocab.get("words", {}))
    coverage = vocab.get("coverage", {})
    apart_words = [normalize(w) for w in coverage.get("apart", [])]
    content_words = words.contents
    reason_words = [normalize(w) for w in coverage.get("reasons", [])]
    headings = Headings(book, words.qualifiers, coverage.get("apart_headings", []),
                        coverage.get("no_economic_breakdown", []))
    norm = normalize(text)
    found: list[NarrativeFinding] = []
    starts: list[int] = []
    section: dict[str, Stated] = {}  # what the section said so far, for the shares of its lists
    waiting: set[str] = set()
    spans = []
    for para in paragraphs(text):
        if headings.enter(para.text(text)) is not None:
            section = {}
        scope = headings.scope()
        check = _ParagraphCheck(ws, book, words, text, norm, para, found, scope, section=section)
        check.run()
        section.update({name: said for name, said in check.stated.items() if name and said.actual})
        waiting.update(check.waiting)
        starts += [span.start for span in check.spans]
        spans += check.spans
        for start, (fig, checked, allowed) in sorted(check.read.items()):
            read = figure_read(text, check.spans, start, check.para.start + fig.end, allowed)
            if checked is True:
                review.checked.append(read)
            elif checked == "absent":
                review.no_data.append(read)
            elif scope.apart or scope.economic_apart or is_apart(apart_words, text[read.sentence_start:start]) \
                    or is_apart(reason_words, text[para.start:start]) or _no_words(para.text(text)) \
                    or is_apart(content_words, text[check.full_sentence(start):start]):
                # What a figure is spent on (“主要用于：A项目X万元；B项目Y万元”) when no table
                # names it, and a chart's labels left as lines of bare figures, are not table items.
                review.apart.append(read)
            else:
                review.unread.append(read)
    review.unfilled = [f"{form}《{ws.structure.forms[form].title}》" for form in sorted(waiting)]
    found += _unit_year(ws, text, starts)
    quotes = read_performance_quotes(ws, text)
    review.count_quotes(text, spans, quotes.compared, quotes.no_data)
    # A 绩效 figure is the 绩效自评表's to judge: its 执行率 is right when it is the table's printed one
    # (98.46% for 98.4657), whatever the paragraph's own arithmetic says.
    quoted = {start for start, _ in quotes.compared}
    found = [nf for nf in found if nf.figure_start not in quoted] + quotes.findings
    review.findings = unique_keys(found)
    return review


def _no_words(paragraph: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", paragraph) is None


def _unit_year(ws, text: str, starts: list[int]) -> list[NarrativeFinding]:
    found = []
    for start, end, message in unit_year_slips(text, starts, ws.unit.get("单位名称", ""), ws.year):
        spans = [s for p in paragraphs(text) for s in sentences(text, p)]
        sentence = sentence_at(spans, start)
        found.append(make_finding(ws, "说明-单位年度", message, text, (sentence.start, sentence.end),
                                  (start, end), None, None, None, ()))
    return found


@dataclass
class _ParagraphCheck(ParagraphReader):
    """The checks, figure by figure, on what the reader attributed."""

    # -- amounts -----------------------------------------------------------------

    def _amount(self, fig: Figure, lead_start: int) -> None:
        value = fig.in_wan
        lead, named = self._lead(lead_start, fig.start)
        sentence_text = self.body[self._sentence_start(fig.start):fig.start]
        changing = any(w in lead for w in self.words.increase + self.words.decrease + self.words.compare)
        # “与年初预算相比，收、支总计各减少X”: the comparison may open the sentence.
        against_budget = ("预算" in lead or ("预算" in sentence_text and "相比" in sentence_text)) and not any(
            w in sentence_text for w in self._last_year_words())
        if fig.rate_as_amount or (changing and against_budget):
            # Only a difference of the item itself (“决算数较预算数减少X”), not of a part of it
            # (“年初预算聘用人员工资与决算相比减少X”).
            if fig.rate_as_amount or self.words.change_residual(lead) == "":
                self._difference(fig, value, lead)
            elif named:
                self._attributed(fig)  # a part's difference (“一是基本支出减少X”): no budget by part
            return
        if changing:
            if any(w in sentence_text for w in self._last_year_words()):
                self._last_year_change(fig, value, lead, named)
            elif named:
                self._attributed(fig)  # a change whose base the sentence does not say
            return
        role = self.words.role(lead) or "actual"
        self.last_figure = fig  # the figure last_amount holds, for how exactly it was written
        if named and self.words.residual(lead) != "":
            self.last_amount, self.last_known = (None, value, role), None
            return
        if named:
            subject = named[-1].fact
            if self.words.each_of(lead) and len(named) > 1:
                targets = [f for m in named for f in self.book.members(m.fact)]
            else:
                targets = self.book.members(subject)
            self.subject = subject
        elif self.words.is_pure_role(lead) or (
                self.words.residual(lead) == "" and self._unnamed_within(lead_start, fig.start)):
            subject = self.subject
            targets = self.book.members(subject) if subject else []
        else:
            self.last_amount, self.last_known = (None, value, role), None
            return
        self.last_amount = (targets[0] if len(targets) == 1 else None, value, role)
        self.last_known = targets[0] if targets and role == "actual" else None
        if targets:
            self._attributed(fig, *targets)
        wrong: dict[Decimal, list[tuple[Fact, Quantity, Decimal]]] = {}
        for fact in targets:
            q = fact.budget if role == "budget" else fact.actual
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
            setattr(self._stated(named_as), role, (value, fig))
            return
        # “收入总计、支出总计均为X”: one finding when both tables say the same, one each when not.
        for expected, facts in wrong.items():
            what = "预算数" if role == "budget" else "决算数"
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
        if right:
            setattr(self._stated(subject), role, (value, fig))

    def _current(self) -> Decimal | None:
        """This year's figure a 上年 change is measured from: the tables' when the item is known,
        else the one the paragraph last stated."""
        if self.last_known is not None and self.last_known.actual is not None:
            return self.last_known.actual.value
        return self.last_amount[1] if self.last_amount else None

    def _difference(self, fig: Figure, value: Decimal, lead: str) -> None:
        """决算数较预算数增加/减少 X万元: X against the paragraph's own figures, else the tables."""
        subject = self.subject
        stated = self._stated(subject)
        sign = self.words.direction(lead) or 1
        expected, rule, cells = None, "说明-增减", ()
        if stated.budget and stated.actual:
            expected, rule = stated.actual[0] - stated.budget[0], "说明-自相矛盾"
        elif subject and subject.actual and subject.budget:
            expected = subject.actual.value - subject.budget.value
            cells = subject.budget.cells + subject.actual.cells
        name = subject.name if subject else "该项"
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
        budget = stated.budget[0] if stated.budget else (subject.budget.value if subject and subject.budget else None)
        budget_error = ROUNDING + (stated.budget[1].spread if stated.budget else 0)
        if budget is None and stated.actual:  # 决算X，与年初预算相比减少Y: the budget is X + Y
            budget, budget_error = stated.actual[0] - sign * value, 2 * ROUNDING + fig.spread + stated.actual[1].spread
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

    # -- percentages ---------------------------------------------------------------

    def _percent(self, fig: Figure, lead_start: int) -> None:
        lead, named = self._lead(lead_start, fig.start)
        raw_lead = self.body[lead_start:fig.start]
        if self.words.share in raw_lead:
            self._share(fig, raw_lead, named)
        elif any(w in raw_lead for w in self.words.rate) or ("完成" in lead and "预算" in raw_lead):
            self._rate(fig, named)
        elif any(w in lead for w in self.words.increase + self.words.decrease):
            self._change(fig, lead)

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
            self._checked(fig, _ANY)
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
            self._checked(fig, _ANY)
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
        subject = named[-1].fact if named else self.subject
        stated = self._stated(subject)
        # The rate may be worked from the tables or from the figures the paragraph states (which
        # were checked against the tables within rounding): either way is right.
        ways: list[tuple[Decimal, Decimal, str, tuple[CellRef, ...], Decimal, Decimal]] = []
        if subject and subject.actual and subject.budget:
            ways.append((subject.budget.value, subject.actual.value, "表中",
                         subject.budget.cells + subject.actual.cells,
                         ROUNDING * subject.budget.terms, ROUNDING * subject.actual.terms))
        if stated.budget and stated.actual:
            ways.append((stated.budget[0], stated.actual[0], "说明中", (), ROUNDING + stated.budget[1].spread,
                         ROUNDING + stated.actual[1].spread))
        if ways:
            self._checked(fig, _ANY if all(w[0] == 0 for w in ways) and ways[0][1] == 0 else None)
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

    def _last_year_change(self, fig: Figure, value: Decimal, lead: str, named: list[Mention]) -> None:
        """与上年相比增加/减少 X万元: X = 本年 − 上年 where the workspace has last year's figure."""
        sign = self.words.direction(lead) or 1
        if named:
            many = self.words.each_of(lead) and len(named) > 1
            targets = [f for m in (named if many else named[-1:]) for f in self.book.members(m.fact)]
        elif self.words.change_residual(lead) == "" and self.subject is not None:
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
        current = self._current()
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
        if ways and all(w[1] == 0 for w in ways) and not any(w[2] for w in ways) and amount_fig is not None:
            # Nothing last year (a body set up this year, an item 0 both years): the change is the
            # whole figure, and “增长100%” or “增长0%” is how it is written; no rate to work out,
            # but the rate cannot go the other way than the amount.
            self._checked(amount_fig)
            self._checked(fig, _ANY)
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
        if not ways:
            return
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
        amount, last, cells = ways[0][:3]
        computed = amount / last * HUNDRED
        self._report(
            "说明-增减", fig,
            f"增减率：说明为{'增长' if sign > 0 else '下降'} {written(fig)}%，按增减额 {show(amount)} 万元"
            f"与对比数 {show(last)} 万元，应为 {pct(computed)}%",
            computed.quantize(CENT), sign * fig.value, tolerance, cells,
        )

    def _rate_alone(self, fig: Figure, lead: str) -> None:
        """“比上年增长X%” with no amount before it: X = (本年 − 上年) ÷ 上年 of the subject, from the tables."""
        sentence = self.body[self._sentence_start(fig.start):fig.start]
        if self.subject is None or self.words.change_residual(lead) != "" or not any(
                w in sentence for w in self._last_year_words()):
            return
        ways = [(f.actual.value - f.last_year.value, f.last_year.value, f.last_year.cells + f.actual.cells,
                 ROUNDING * (f.actual.terms + f.last_year.terms), ROUNDING * f.last_year.terms)
                for f in self.book.members(self.subject) if f.actual is not None and f.last_year is not None]
        if not ways:
            self._attributed(fig, self.subject)
            return
        self.pending_change, self.pending_amount = (self._sentence_start(fig.start), ways), None
        self._change(fig, lead)

    # -- contradictions without a figure -----------------------------------------------

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
        if right and (right.startswith(name) or name.startswith(right) or right.removesuffix("支出") == name):
            return  # “社会保障和就业（类）”: the 类 name without its 支出
        fig = Figure(Decimal(0), 0, m.start, m.end, "")
        self._report(
            "说明-科目名称", fig, f"科目名称：说明写“{name}（{level}）”，而工作区中这一科目是“{m.fact.name}”",
            None, None, None, m.fact.actual.cells if m.fact.actual else (),
        )

    # -- reporting ---------------------------------------------------------------------

    def _report(self, rule, fig: Figure, message: str, expected, actual, tolerance, cells,
                rounding: bool = False) -> None:
        start = self.para.start + fig.start
        sentence = sentence_at(self.spans, start)
        self.out.append(make_finding(
            self.ws, rule, message, self.text, (sentence.start, sentence.end),
            (start, self.para.start + fig.end), expected, actual, tolerance, cells, rounding,
        ))

    @staticmethod
    def _spread_of_stated(stated: Stated) -> Decimal:
        """How far the paragraph's own 亿元 figures may be from the exact ones."""
        return sum((said[1].spread for said in (stated.budget, stated.actual) if said), Decimal(0))

    def _named_with(self, value: Decimal, role: str, spread: Decimal) -> Fact | None:
        """The one item named in the paragraph (or by its heading) whose figure in `role` is `value`."""
        named = [m.fact for m in self.mentions] + ([self.scope.subject] if self.scope.subject else [])
        same = {}
        for fact in (f for each in named for f in self.book.members(each)):
            q = fact.budget if role == "budget" else fact.actual
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


_ANY = (Decimal("-Infinity"), Decimal("Infinity"))


def _allowed(bounds, tolerance: Decimal, sign: int = 1) -> tuple[Decimal, Decimal] | None:
    """The stated values a percentage check accepts (as written, so a 下降 is positive)."""
    if any(b is None for b in bounds):
        return _ANY
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
    return (min(found) - CENT, max(found) + CENT) if found else _ANY


__all__ = ["NarrativeFinding", "NarrativeReview", "Quantity", "check_narrative", "review_narrative"]
