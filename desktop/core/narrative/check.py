"""check_narrative: every figure of a 情况说明 that can be attributed, compared with the workspace."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from desktop.core.checks.findings import Finding, FindingCell
from desktop.core.definitions import CellRef
from desktop.core.narrative.facts import Fact, FactBook, Mention, Quantity, build_facts, load_vocabulary
from desktop.core.narrative.numbers import (
    ROUNDING,
    Figure,
    normalize,
    percent_agrees,
    percent_range,
    percent_tolerance,
    read_figures,
)
from desktop.core.narrative.sentences import Span, paragraphs, sentence_at, sentences

FORM = "情况说明"
SEVERITY = "错误"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TITLES = {
    "说明-金额": "情况说明的金额与表中数不符",
    "说明-占比": "情况说明的占比与表中数不符",
    "说明-完成率": "情况说明的完成率与预算数、决算数不符",
    "说明-增减": "情况说明的增减额或增减率不符",
    "说明-自相矛盾": "情况说明的句子自相矛盾",
}
_BOUNDARY = re.compile(r"[,:;。!?、]")
_PUNCT = re.compile(r"[\s,:;。!?、“”\"'()\[\]《》]")
_LIST_MARK = re.compile(r"[\d.一二三四五六七八九十]")
_DIRECTION = re.compile(r"决算数?(大于|小于|高于|低于|超过|超出)(年初)?预算数?")


@dataclass(frozen=True)
class NarrativeFinding:
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


def check_narrative(ws, text: str, vocabulary: dict | None = None) -> list[NarrativeFinding]:
    """Check every figure in `text` that names an item the workspace knows; unknown items stay silent."""
    vocab = vocabulary or load_vocabulary()
    book = build_facts(ws, vocab)
    words = Words(vocab.get("words", {}))
    norm = normalize(text)
    found: list[NarrativeFinding] = []
    for para in paragraphs(text):
        _ParagraphCheck(ws, book, words, text, norm, para, found).run()
    return _unique_keys(found)


def _unique_keys(found: list[NarrativeFinding]) -> list[NarrativeFinding]:
    """The same sentence shape twice (two 项 worded alike) gets “#2”, “#3”."""
    seen: dict[str, int] = {}
    result = []
    for nf in found:
        count = seen[nf.finding.key] = seen.get(nf.finding.key, 0) + 1
        if count > 1:
            nf = replace(nf, finding=replace(nf.finding, key=f"{nf.finding.key}#{count}"))
        result.append(nf)
    return result


class Words:
    def __init__(self, spec: dict):
        def norm(key):
            return sorted((normalize(w) for w in spec.get(key, [])), key=len, reverse=True)

        self.budget, self.actual = norm("budget"), norm("actual")
        self.fillers = norm("fillers")
        self.increase, self.decrease = norm("increase"), norm("decrease")
        self.compare, self.last_year = norm("compare"), norm("last_year")
        self.rate = norm("rate")
        self.share = normalize(spec.get("share", "占"))
        self._plain = sorted(self.budget + self.actual + self.fillers, key=len, reverse=True)

    def role(self, text: str) -> str | None:
        """'budget' or 'actual' by the role word nearest the end of `text`."""
        text = re.sub(r"\s", "", text)  # “执行  数”: a PDF's spacing inside a word
        best, role = -1, None
        for kind, options in (("budget", self.budget), ("actual", self.actual)):
            for word in options:
                at = text.rfind(word)
                if at >= 0 and at + len(word) > best:
                    best, role = at + len(word), kind
        return role

    def direction(self, text: str) -> int:
        best, sign = -1, 0
        for value, options in ((1, self.increase), (-1, self.decrease)):
            for word in options:
                at = text.rfind(word)
                if at > best:
                    best, sign = at, value
        return sign

    def residual(self, text: str) -> str:
        """What is left of `text` once role words, fillers, punctuation and list numbers are gone."""
        rest = _LIST_MARK.sub("", _PUNCT.sub("", text))
        for word in self._plain:
            rest = rest.replace(word, "")
        return rest

    def change_residual(self, text: str) -> str:
        """What is left once change, comparison and last-year words go too (“支出决算比上年增加”)."""
        rest = self.residual(text)
        for word in sorted(self.increase + self.decrease + self.compare + self.last_year + ["与"], key=len, reverse=True):
            rest = rest.replace(word, "")
        return rest

    def is_pure_role(self, text: str) -> bool:
        """Nothing but role words and fillers: the figure belongs to the paragraph's subject."""
        return self.residual(text) == "" and self.role(text) is not None


@dataclass
class _Stated:
    """What the paragraph itself says about one item (budget, actual, completion rate)."""

    budget: tuple[Decimal, Figure] | None = None
    actual: tuple[Decimal, Figure] | None = None
    rate: tuple[Decimal, Figure] | None = None


@dataclass
class _ParagraphCheck:
    ws: object
    book: FactBook
    words: Words
    text: str
    norm: str
    para: Span
    out: list
    subject: Fact | None = None
    stated: dict = field(default_factory=dict)  # subject name (or None) -> _Stated
    last_amount: tuple[Fact | None, Decimal, str] | None = None
    last_known: Fact | None = None
    # A change waiting for its rate (增长/下降 X%): the sentence it is in, and the ways to work the
    # rate out — (change, what it is measured from, cells, error of each).
    pending_change: tuple[int, list[tuple[Decimal, Decimal, tuple[CellRef, ...], Decimal, Decimal]]] | None = None

    def run(self) -> None:
        self.body = self.norm[self.para.start:self.para.end]
        self.spans = sentences(self.text, self.para)
        self.mentions = self._qualified(self.book.find(self.body))
        events = [(f.start, "figure", f) for f in read_figures(self.body)]
        events += [(m.start(), "direction", m) for m in _DIRECTION.finditer(self.body)]
        prev_end = 0
        for pos, kind, item in sorted(events, key=lambda e: e[0]):
            if kind == "direction":
                self._direction(item)
                continue
            fig: Figure = item
            lead_start = max(prev_end, self._clause_start(fig.start))
            self._carry(prev_end, fig.start)
            if fig.is_amount:
                self._amount(fig, lead_start)
            elif fig.is_percent:
                self._percent(fig, lead_start)
            prev_end = fig.end

    # -- attribution -------------------------------------------------------------

    def _carry(self, start: int, end: int) -> None:
        """The last item named before a figure becomes the paragraph's subject."""
        for m in self.mentions:
            if start <= m.start and m.end <= end and not self._in_share_base(m) and self._stands_alone(m):
                self.subject = m.fact

    def _stands_alone(self, m: Mention) -> bool:
        """A name is a subject only when its clause holds nothing else but role words and fillers
        (“…培训支出（项）。”, “机关运行经费预算”), not inside a longer name (“维修改造项目支出绩效…”)."""
        cut = max((b.end() for b in _BOUNDARY.finditer(self.body, 0, m.start)), default=0)
        after = re.search(r"[,:;。!?、\d]", self.body[m.end:])
        stop = m.end + after.start() if after else len(self.body)
        return self.words.residual(self.body[cut:m.start] + self.body[m.end:stop]) == ""

    def _qualified(self, mentions: list[Mention]) -> list[Mention]:
        """A bare name after a qualified one in the same paragraph means the qualified one:
        “财政拨款收入总计、支出总计均为…，与上年相比收入总计、支出总计均增加…”."""
        result: list[Mention] = []
        for m in mentions:
            said = self.body[m.start:m.end]
            for earlier in reversed(result):
                full = self.body[earlier.start:earlier.end]
                if earlier.fact is not m.fact and len(full) > len(said) and full.endswith(said):
                    m = Mention(m.start, m.end, earlier.fact)
                    break
            result.append(m)
        return result

    def _clause_start(self, pos: int) -> int:
        """Just after the last clause mark before `pos`, not counting a mark inside a name (“收入总计、支出总计”)."""
        marks = [b.end() for b in _BOUNDARY.finditer(self.body, 0, pos)
                 if not any(m.start < b.start() < m.end for m in self.mentions)]
        return max(marks, default=0)

    def _in_share_base(self, mention: Mention) -> bool:
        before = self.body[max(0, mention.start - 40):mention.start]
        cut = max(before.rfind(c) for c in ",:;。、")
        return self.words.share in before[cut + 1:]

    def _lead(self, start: int, end: int) -> tuple[str, list[Mention]]:
        """The text before a figure with known names blanked out, and those names."""
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        chars = list(self.body[start:end])
        for m in inside:
            for i in range(m.start - start, m.end - start):
                chars[i] = " "
        return "".join(chars), inside

    def _stated(self, fact: Fact | None) -> _Stated:
        return self.stated.setdefault(fact.name if fact else None, _Stated())

    def _sentence_start(self, pos: int) -> int:
        return sentence_at(self.spans, self.para.start + pos).start - self.para.start

    # -- amounts -----------------------------------------------------------------

    def _amount(self, fig: Figure, lead_start: int) -> None:
        value = _in_wan(fig)
        lead, named = self._lead(lead_start, fig.start)
        sentence_text = self.body[self._sentence_start(fig.start):fig.start]
        changing = any(w in lead for w in self.words.increase + self.words.decrease + self.words.compare)
        against_budget = "预算" in lead and not any(w in sentence_text for w in self.words.last_year)
        if fig.rate_as_amount or (changing and against_budget):
            # Only a difference of the item itself (“决算数较预算数减少X”), not of a part of it
            # (“年初预算聘用人员工资与决算相比减少X”).
            if fig.rate_as_amount or self.words.change_residual(lead) == "":
                self._difference(fig, value, lead)
            return
        if changing:
            if any(w in sentence_text for w in self.words.last_year):
                self._last_year_change(fig, value, lead, named)
            return
        role = self.words.role(lead) or "actual"
        if named and self.words.residual(lead) != "":
            self.last_amount, self.last_known = (None, value, role), None
            return
        if named:
            subject = named[-1].fact
            if "均" in lead and len(named) > 1:
                targets = [f for m in named for f in self.book.members(m.fact)]
            else:
                targets = self.book.members(subject)
            self.subject = subject
        elif self.words.is_pure_role(lead):
            subject = self.subject
            targets = self.book.members(subject) if subject else []
        else:
            self.last_amount, self.last_known = (None, value, role), None
            return
        self.last_amount = (targets[0] if len(targets) == 1 else None, value, role)
        self.last_known = targets[0] if targets and role == "actual" else None
        wrong: dict[Decimal, list[tuple[Fact, Quantity, Decimal]]] = {}
        for fact in targets:
            q = fact.budget if role == "budget" else fact.actual
            if q is None:
                continue
            tolerance = max(CENT, Decimal("0.005") * q.terms)
            if abs(value - q.value) > tolerance:
                wrong.setdefault(q.value, []).append((fact, q, tolerance))
        # “收入总计、支出总计均为X”: one finding when both tables say the same, one each when not.
        for expected, facts in wrong.items():
            what = "预算数" if role == "budget" else "决算数"
            names = "、".join(f.name for f, _, _ in facts)
            cells = tuple(c for _, q, _ in facts for c in q.cells)
            self._report(
                "说明-金额", fig, f"{names}{what}：说明为 {_show(value)} 万元，表中为 {_show(expected)} 万元",
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
        if fig.rate_as_amount:
            self._report(
                "说明-自相矛盾", fig,
                f"{name}：“{_show(value)}%万元”把百分比写在了金额的位置"
                + (f"，决算数与预算数之差为 {_show(expected)} 万元" if expected is not None else ""),
                expected, sign * value, CENT, cells,
            )
            return
        budget = stated.budget[0] if stated.budget else (subject.budget.value if subject and subject.budget else None)
        if budget is not None:  # 比年初预算增加X万元，增长Y%: Y = X ÷ 预算, with X as stated or as it should be
            ways = [(sign * value, budget, (), ROUNDING, ROUNDING)]
            if expected is not None:
                ways.append((expected, budget, cells, 2 * ROUNDING, ROUNDING))
            self.pending_change = (self._sentence_start(fig.start), ways)
        if expected is not None and abs(sign * value - expected) > CENT:
            self._report(
                rule, fig,
                f"{name}：决算数较预算数{'增加' if sign > 0 else '减少'} {_show(value)} 万元，"
                f"而{'说明中的' if rule == '说明-自相矛盾' else '表中'}决算数与预算数之差为 {_show(expected)} 万元",
                expected, sign * value, CENT, cells,
            )
            return
        if stated.rate is not None:
            self._rate_against_difference(fig, name, stated, subject, sign * value)

    def _rate_against_difference(self, fig: Figure, name: str, stated: _Stated, subject, difference) -> None:
        """“完成预算100%，决算数大于预算数55.93万元”: the rate and the difference cannot both hold."""
        rate, rate_fig = stated.rate
        budget = stated.budget[0] if stated.budget else (
            subject.budget.value if subject and subject.budget else None)
        if budget:
            implied = (budget + difference) / budget * HUNDRED
            bounds = percent_range(budget + difference, 2 * ROUNDING, budget, ROUNDING)
            if bounds is None or percent_agrees(rate, rate_fig.decimals, bounds):
                return
            detail = f"按预算数 {_show(budget)} 计应完成 {_pct(implied)}%"
        elif rate == HUNDRED and difference != 0:
            implied, detail = None, "完成 100% 即决算数等于预算数"
        else:
            return
        self._report(
            "说明-自相矛盾", fig,
            f"{name}：完成率 {_show(rate)}% 与决算数较预算数{'增加' if difference > 0 else '减少'} "
            f"{_show(abs(difference))} 万元矛盾（{detail}）",
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
        if self.last_amount is None or self.last_amount[0] is None or self.last_amount[2] != "actual":
            return
        subject = self.last_amount[0]
        after = raw_lead[raw_lead.rfind(self.words.share) + len(self.words.share):]
        base_text = _PUNCT.sub("", after).removesuffix("的")
        base_names = [m for m in named if m.start >= fig.start - len(after)]
        if base_names:
            base = base_names[-1].fact
        elif base_text:
            return  # a base the workspace does not know
        else:
            base = self.book.get(subject.share_of)
        if base is None or base.actual is None or subject.actual is None or base.actual.value == 0:
            return
        computed = subject.actual.value / base.actual.value * HUNDRED
        tolerance = percent_tolerance(fig.decimals)
        bounds = percent_range(subject.actual.value, ROUNDING * subject.actual.terms,
                               base.actual.value, ROUNDING * base.actual.terms)
        if bounds is not None and not percent_agrees(fig.value, fig.decimals, bounds):
            self._report(
                "说明-占比", fig,
                f"{subject.name}占{base.name}：说明为 {_show(fig.value)}%，"
                f"按表中数 {_show(subject.actual.value)} ÷ {_show(base.actual.value)} 为 {_pct(computed)}%",
                computed.quantize(CENT), fig.value, tolerance, subject.actual.cells + base.actual.cells,
            )

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
            ways.append((stated.budget[0], stated.actual[0], "说明中", (), ROUNDING, ROUNDING))
        ways = [w for w in ways if w[0] != 0]  # a zero budget is 新增: no rate
        if not ways:
            stated.rate = (fig.value, fig)
            return
        tolerance = percent_tolerance(fig.decimals)
        bounds = [percent_range(actual, a_err, budget, b_err) for budget, actual, _, _, b_err, a_err in ways]
        if any(b is None or percent_agrees(fig.value, fig.decimals, b) for b in bounds):
            stated.rate = (fig.value, fig)  # a right rate is used to check the difference after it
            return
        budget, actual, source, cells = ways[0][:4]
        computed = actual / budget * HUNDRED
        name = subject.name if subject else "该项"
        self._report(
            "说明-完成率", fig,
            f"{name}完成率：说明为 {_show(fig.value)}%，按{source}决算数 {_show(actual)} ÷ "
            f"预算数 {_show(budget)} 为 {_pct(computed)}%",
            computed.quantize(CENT), fig.value, tolerance, cells,
        )

    def _last_year_change(self, fig: Figure, value: Decimal, lead: str, named: list[Mention]) -> None:
        """与上年相比增加/减少 X万元: X = 本年 − 上年 where the workspace has last year's figure."""
        sign = self.words.direction(lead) or 1
        if named:
            many = "均" in lead and len(named) > 1
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
        current = self._current()
        if current is not None:  # last year worked back from this year's figure and the change
            ways.append((sign * value, current - sign * value, (), ROUNDING, 2 * ROUNDING))
        self.pending_change = (self._sentence_start(fig.start), ways)
        wrong: dict[tuple[Decimal, Decimal], list[Fact]] = {}
        for fact in targets:
            if fact.actual is None or fact.last_year is None:
                continue
            expected = fact.actual.value - fact.last_year.value
            tolerance = max(CENT, ROUNDING * (fact.actual.terms + fact.last_year.terms))
            if abs(sign * value - expected) > tolerance:
                wrong.setdefault((fact.actual.value, fact.last_year.value), []).append(fact)
        # “收入总计、支出总计均增加X”: one finding when both sides agree, as for amounts.
        for (actual, last), facts in wrong.items():
            cells = tuple(dict.fromkeys(c for f in facts for c in f.last_year.cells + f.actual.cells))
            self._report(
                "说明-增减", fig,
                f"{'、'.join(f.name for f in facts)}与上年相比：说明为{'增加' if sign > 0 else '减少'} "
                f"{_show(value)} 万元，按本年 {_show(actual)} 与上年 {_show(last)} 为 {_show(actual - last)} 万元",
                actual - last, sign * value,
                max(CENT, ROUNDING * (facts[0].actual.terms + facts[0].last_year.terms)), cells,
            )

    def _change(self, fig: Figure, lead: str) -> None:
        """增长/下降 X% after 增加/减少 Y万元 in the same sentence: X = Y ÷ 上年, 上年 from the tables
        or worked back from this year's figure and Y; either way is right."""
        if self.pending_change is None:
            return
        sentence, ways = self.pending_change
        self.pending_change = None
        if sentence != self._sentence_start(fig.start):
            return
        ways = [w for w in ways if w[1] > 0]
        if not ways:
            return
        sign = self.words.direction(lead) or (1 if ways[0][0] >= 0 else -1)
        tolerance = percent_tolerance(fig.decimals)
        bounds = [percent_range(amount, a_err, last, l_err) for amount, last, _, a_err, l_err in ways]
        if any(b is None or percent_agrees(sign * fig.value, fig.decimals, b) for b in bounds):
            return
        amount, last, cells = ways[0][:3]
        computed = amount / last * HUNDRED
        self._report(
            "说明-增减", fig,
            f"增减率：说明为{'增长' if sign > 0 else '下降'} {_show(fig.value)}%，按增减额 {_show(amount)} 万元"
            f"与对比数 {_show(last)} 万元，应为 {_pct(computed)}%",
            computed.quantize(CENT), sign * fig.value, tolerance, cells,
        )

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
        if stated.budget and stated.actual:
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
            fact = f"完成率为 {_show(actual)}%"
        else:
            fact = f"决算数 {_show(actual)} {'小于' if actual < budget else '大于'}预算数 {_show(budget)}"
        self._report(rule, fig, f"{name}：说明写“{m.group(0)}”，而{fact}", actual - budget, None, CENT, cells)

    # -- reporting ---------------------------------------------------------------------

    def _report(self, rule, fig: Figure, message: str, expected, actual, tolerance, cells) -> None:
        start = self.para.start + fig.start
        sentence = sentence_at(self.spans, start)
        sentence_text = self.text[sentence.start:sentence.end]
        difference = None if expected is None or actual is None else actual - expected
        finding = Finding(
            key=f"{rule}:{_shape(sentence_text)}",
            rule=rule,
            title=TITLES[rule],
            severity=SEVERITY,
            form=FORM,
            message=f"{message}。句子：{_squash(sentence_text)}",
            cells=tuple(_cell(self.ws, ref) for ref in cells),
            expected=None if expected is None else _q(expected),
            actual=None if actual is None else _q(actual),
            difference=None if difference is None else _q(difference),
            tolerance=tolerance,
        )
        self.out.append(NarrativeFinding(
            finding, sentence.start, sentence.end, sentence_text, start, self.para.start + fig.end
        ))


def _in_wan(fig: Figure) -> Decimal:
    if fig.unit == "元":
        return fig.value / Decimal(10000)
    if fig.unit == "亿元":
        return fig.value * Decimal(10000)
    return fig.value


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT) if value == value.quantize(Decimal("0.0001")) else value.quantize(Decimal("0.0001"))


def _show(value: Decimal) -> str:
    return f"{value:,.2f}"


def _pct(value: Decimal) -> str:
    return f"{value:.2f}"


def _shape(sentence: str) -> str:
    """A sentence without its figures: a finding keeps its key while figures and other text change."""
    return re.sub(r"[\d.,，．、%％\s]", "", normalize(sentence))[:80]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cell(ws, ref: CellRef) -> FindingCell:
    row = ws.structure.row(ref.form, ref.row)
    column = ws.structure.column(ref.form, ref.row, ref.col)
    return FindingCell(
        form=ref.form,
        row=ref.row,
        row_label=row.label if row else ref.row,
        column=ref.col,
        column_label=column.path[-1] if column else ref.col,
        section=row.section if row else "",
        line=row.line if row else None,
        value=ws.value(ref),
    )


__all__ = ["NarrativeFinding", "Quantity", "check_narrative"]
