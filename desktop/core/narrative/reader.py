"""Reading a paragraph: the items it names, the subject it carries, the text before each figure."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.narrative.comparison import COMPARED
from desktop.core.narrative.coverage import WordPlaces
from desktop.core.narrative.facts import Fact, FactBook, Mention
from desktop.core.narrative.findings import make_finding
from desktop.core.narrative.numbers import Figure, read_figures
from desktop.core.narrative.scope import Scope
from desktop.core.narrative.sentences import Span, sentence_at, sentences
from desktop.core.narrative.words import Words

BOUNDARY = re.compile(r"[,:;。!?、]")
_SENTENCE_MARK = re.compile(r"[;。!?]")
_YEAR = re.compile(r"\d{4}\s*年(?!\d)")
_NAME_END = re.compile(r"[,:;。!?、\d]")
DIRECTION = re.compile(r"决算数?(大于|小于|高于|低于|超过|超出)(年初)?预算数?")
# “决算数与年初预算数无差异”, “决算数等于预算数”, “与预算持平”
EQUAL = re.compile(r"决算数?(?:等于(?:年初)?预算数?|与(?:年初)?预算数?(?:相比)?(?:持平|一致|相等|相同|无差异))")
# “决算数较上年增加的主要原因”, “与上年相比持平”: a direction against last year with no amount
LAST_YEAR = re.compile(r"(?:(?:较|比|与)(?:上年|上一年度?|去年)(?:决算数?)?(?:相比)?|同比)[,，]?"
                       r"(增加|减少|增长|下降|持平|无变动|无变化|一致)")


# The funds most of a 情况说明's figures are of, written right before a name.
_DEFAULT_FUNDS = re.compile(r"(?:一般公共预算(?:财政)?(?:拨款)?|(?:当年)?财政拨款)(?:安排)?的?[\"“”]?$")
# A comparison that states no figure: “比预算无增减变化”, “与上年持平”.
_NO_CHANGE = re.compile(r"无增减变化|无变化|无变动|持平")
# Between a qualifying name and the name it narrows: nothing, or quotes and “的”.
_QUALIFIER_GAP = re.compile(r"[\s\"“”'‘’的]*")


class Stated:
    """What the paragraph itself says about one item (budget, actual, completion rate). Plain classes
    here, not dataclasses: building one costs every command's start (see changes.Changes)."""

    __slots__ = ("budget", "actual", "rate")

    def __init__(self) -> None:
        self.budget: tuple[Decimal, Figure] | None = None
        self.actual: tuple[Decimal, Figure] | None = None
        self.rate: tuple[Decimal, Figure] | None = None


class ParagraphReader:
    """One paragraph walked figure by figure: which item each figure is about, and in what role.
    A subclass (check.py) supplies _amount, _percent, _direction and _new, the checks themselves."""

    def __init__(self, ws, book: FactBook, words: Words, text: str, norm: str, para: Span, out: list,
                 scope: Scope | None = None, section: dict | None = None):
        self.ws = ws
        self.book = book
        self.words = words
        self.text = text
        self.norm = norm
        self.para = para
        self.out = out
        self.scope = scope if scope is not None else Scope()
        self.subject: Fact | None = None
        self.stated: dict = {}  # subject name (or None) -> Stated
        self.section = {} if section is None else section  # named items the section's earlier paragraphs stated
        self.last_amount: tuple[Fact | None, Decimal, str] | None = None
        self.last_known: Fact | None = None
        self.last_figure: Figure | None = None
        # A change waiting for its rate (增长/下降 X%): the sentence it is in, and the ways to work the
        # rate out — (change, what it is measured from, cells, error of each).
        self.pending_change: tuple[int, list[tuple[Decimal, Decimal, tuple[CellRef, ...], Decimal, Decimal]]] | None = None
        # Every amount and percentage read, by its start in the text: True once it was compared with
        # something (the tables or the paragraph's own figures), "absent" when it names an item the
        # workspace has no figure for. The rest is the unread list.
        self.read: dict = {}
        # The amount a pending change was stated with: checked once its rate is.
        self.pending_amount: Figure | None = None
        # The share the sentence last stated (part, base, where its sentence starts): a change of it in
        # 个百分点 may follow (“占X%，比上年提高Y个百分点”).
        self.last_share: tuple[Fact, Fact, int] | None = None
        self.waiting: set = set()  # tables not filled in yet that a figure named
        self.unknown_at: int | None = None  # where the last figure of an item the reader does not know stands
        self.since = 0  # where the words before the figure being read begin (the figure before's end)

    def run(self) -> None:
        self.body = self.norm[self.para.start:self.para.end]
        self.spans = sentences(self.text, self.para)
        self.full_spans = sentences(self.text, self.para, clauses=False)
        self.subject = self.scope.subject
        found = self.book.find(self.body)
        if self.scope.economic_apart:
            found = [m for m in found if not m.fact.economic]
        self.unnamed = self.book.unnamed_paths(self.body)
        self.mentions = self._narrowed(self._scoped(self._qualified(found)))
        self._clause_marks = self._marks_outside_names()
        # Marks and names in order, found once and searched by position: scanning the paragraph
        # from its start for every figure made a long paragraph quadratic.
        self._bounds = [0] + [b.end() for b in BOUNDARY.finditer(self.body)]
        self._sentence_ends = [0] + [b.end() for b in _SENTENCE_MARK.finditer(self.body)]
        self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        self._starts = [self.mentions[i].start for i in self._by_start]
        self._contents = WordPlaces(self.words.contents, self.body)
        self.unnamed.sort()
        self._unnamed_starts = [s for s, _ in self.unnamed]
        self.figures = read_figures(self.body)
        self.handled: set[int] = set()  # figures a check of a list read with the first of them
        events = [(f.start, "figure", f) for f in self.figures]
        events += [(m.start(), "direction", m) for m in DIRECTION.finditer(self.body)]
        events += [(m.start(), "equal", m) for m in EQUAL.finditer(self.body)]
        events += [(m.start(), "last_year", m) for m in LAST_YEAR.finditer(self.body)]
        if self.words.new is not None:
            events += [(m.start(), "new", m) for m in self.words.new.finditer(self.body)]
        for m in self.mentions:
            if m.misnamed:
                self._misnamed(m)
        statements = {"direction": self._direction, "equal": self._equal, "last_year": self._against_last_year,
                      "new": self._new}
        prev_end = 0
        for pos, kind, item in sorted(events, key=lambda e: e[0]):
            if kind in statements:
                said, subject = self._statement_subject(prev_end, pos)
                if said:
                    self.subject = subject
                    statements[kind](item)
                continue
            fig: Figure = item
            lead_start = max(prev_end, self._clause_start(fig.start))
            self.since = prev_end
            self._carry(prev_end, fig.start)
            if fig.is_amount or fig.is_percent or fig.is_points:
                self.read.setdefault(self.para.start + fig.start, (fig, False, None))
            if fig.start in self.handled:
                prev_end = fig.end
                continue
            if fig.is_amount:
                self._amount(fig, lead_start)
            elif fig.is_percent:
                self._percent(fig, lead_start)
            elif fig.is_points:
                self._points(fig, lead_start)
            # “2024年一般公共预算…支出X万元”: the year opens what the next figure is, it does not end it;
            # nor does a year compared with (“较2014年度…合计16.08万元增加”), whose 较 stays before it.
            if _YEAR.match(self.body, fig.start):
                compared = int(self.body[fig.start:fig.start + 4]) != getattr(self.ws, "year", None) and \
                    COMPARED.search(self.body, max(0, fig.start - 4), fig.start)
                prev_end = compared.start() if compared else fig.start
            else:
                prev_end = fig.end

    # -- attribution -------------------------------------------------------------

    def _carry(self, start: int, end: int) -> None:
        """The last item named before a figure becomes the paragraph's subject; a 科目 the
        workspace does not have is one too, with no figure (never the item named before it)."""
        between = (self.mentions[i] for i in self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, end)])
        named = [(m.start, m.fact) for m in between
                 if m.end <= end and not self._in_share_base(m) and self._stands_alone(m)]
        named += [(s, Fact(self.body[s:e])) for s, e in self._unnamed_within(start, end)]
        for _, fact in sorted(named, key=lambda pair: pair[0]):
            self.subject = fact
            self.unknown_at = None  # named after the unknown item's figure: the subject again

    def _carries(self, at: int) -> bool:
        """Whether a change at `at` with no name of its own is the subject's: not after the figure
        of an item the reader does not know in the same sentence (“公务接待支出124万元，比上年…
        下降24万元”: the 24 is that item's, whatever was named before)."""
        if self.subject is None:
            return False
        return self.unknown_at is None or sentence_at(self.spans, self.para.start + self.unknown_at) != sentence_at(
            self.spans, self.para.start + at)

    def _other_budget(self, fig: Figure) -> str:
        """The words of a budget other than 年初预算 (“调整后预算”, “全年预算”) in the clause before `fig`."""
        clause = self.body[self._clause_start(fig.start):fig.start]
        return next((w for w in self.words.other_budget if w in clause), "")

    def _statement_subject(self, start: int, at: int) -> tuple[bool, Fact | None]:
        """Whom words without a figure at `at` speak of, and whether that can be told: the subject
        carried so far when no name comes between the figure before and the words; the name that
        opens the words' own clause (“2017年度“三公”经费支出决算大于预算数的原因…”); and nobody
        when a name stands elsewhere between (“主要原因是公务接待费减少，决算数小于预算数”)."""
        names = [self.mentions[i] for i in self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, at)]
                 if self.mentions[i].end <= at and not self._in_share_base(self.mentions[i])]
        if not names:
            return True, self.subject
        last = names[-1]
        cut = self._bounds[bisect_right(self._bounds, last.start) - 1]
        if self.words.residual(self.body[cut:last.start] + self.body[last.end:at]) == "":
            return True, last.fact
        return False, None

    def _narrowed(self, mentions: list[Mention]) -> list[Mention]:
        """A name right after another one is narrowed by it: “三公”经费财政拨款支出 is the 三公
        total, not 财政拨款支出; the qualifying name stays the subject."""
        result: list[Mention] = []
        for m in mentions:
            if result and _QUALIFIER_GAP.fullmatch(self.body[result[-1].end:m.start]):
                continue
            result.append(m)
        return result

    def _stands_alone(self, m: Mention) -> bool:
        """A name is a subject only when its clause holds nothing else but role words and fillers
        (“…培训支出（项）。”, “机关运行经费预算”), not inside a longer name (“维修改造项目支出绩效…”)."""
        cut = self._bounds[bisect_right(self._bounds, m.start) - 1]
        # “主要用于：人员支出、公用支出、项目支出。”: the list runs to the end of its sentence.
        listed = self._sentence_ends[bisect_right(self._sentence_ends, m.start) - 1]
        if self._contents.inside(listed, m.start):
            return False  # “主要包括办公费、印刷费、差旅费”: what the figure before is made of
        after = _NAME_END.search(self.body, m.end)
        stop = after.start() if after else len(self.body)
        rest = self.body[cut:m.start] + self.body[m.end:stop]
        # “公务接待费支出决算比预算无增减变化”: a comparison without a figure is said of the name too.
        return self.words.residual(rest) == "" or _NO_CHANGE.sub("", self.words.change_residual(rest)) == ""

    def _qualified(self, mentions: list[Mention]) -> list[Mention]:
        """A bare name after a qualified one in the same paragraph means the qualified one:
        “财政拨款收入总计、支出总计均为…，与上年相比收入总计、支出总计均增加…”; in a paragraph
        about 人员经费/公用经费, 培训费 and the like are the 经济分类 items of 公开06."""
        if self.book.economic_twins and any(m.fact.name in self.book.economic_context for m in mentions):
            mentions = [
                Mention(m.start, m.end, self.book.economic_twins[said])
                if (said := self.body[m.start:m.end]) in self.book.economic_twins else m
                for m in mentions
            ]
        result: list[Mention] = []
        latest: dict[tuple[str, int], Mention] = {}  # each wording and its item, the latest last
        for m in mentions:
            said = self.body[m.start:m.end]
            # The latest earlier name that ends with this one: asked of each distinct wording, not
            # of every earlier name, so a long paragraph stays linear.
            for (full, _), earlier in reversed(latest.items()):
                if earlier.fact is not m.fact and len(full) > len(said) and full.endswith(said):
                    m = Mention(m.start, m.end, earlier.fact)
                    break
            result.append(m)
            key = (self.body[m.start:m.end], id(m.fact))
            latest.pop(key, None)
            latest[key] = m
        return result

    def _scoped(self, mentions: list[Mention]) -> list[Mention]:
        """A bare name within the funds a heading or an earlier name of the sentence speaks of:
        “一般公共预算财政拨款支出X万元，其中：基本支出Y万元” is 公开05's 基本支出, not 公开03's;
        “财政拨款收入总计A万元，支出总计B万元” is 公开04's 支出总计."""
        result: list[Mention] = []
        sentence, qualifier, loose = None, self.scope.qualifier, False
        for m in mentions:
            at = self._sentence_start(m.start)
            if at != sentence:
                sentence, qualifier, loose = at, self.scope.qualifier, False
            own = next((q for q in self.words.qualifiers if m.fact.name.startswith(q)), "")
            written = "" if own else self.words.funds_before(self.body[max(at, m.start - 16):m.start])
            if written and not qualifier.endswith(written):
                # “一般公共预算收入总计X万元，本年支出Y万元，年末结转和结余Z万元”: the sentence's own
                # words name the funds, and no table item of those funds is named: unread, not 公开01's.
                loose = True
            if own:
                qualifier, loose = own, False
            elif loose:
                if m.fact.all_funds and not self._in_share_base(m):
                    continue
            elif qualifier:
                said = self.body[m.start:m.end]
                twin = self.book.spelled(qualifier + said) or self.book.get(qualifier + m.fact.name)
                if twin is not None:
                    m = Mention(m.start, m.end, twin)
                elif m.fact.all_funds and not self._in_share_base(m):
                    continue  # 基本支出 in a 政府性基金 section is not 公开03's: unread, never compared
            result.append(m)
        return result

    def _clause_start(self, pos: int) -> int:
        """Just after the last clause mark before `pos`, not counting a mark inside a name (“收入总计、支出总计”)."""
        # A search in the marks found once: scanning the paragraph for every figure was quadratic.
        return self._clause_marks[bisect_right(self._clause_marks, pos) - 1]

    def _marks_outside_names(self) -> list[int]:
        """0 and the end of each clause mark not inside a name, in one pass over marks and names."""
        starts = sorted(self.mentions, key=lambda m: m.start)
        marks, i, reach = [0], 0, -1
        for b in BOUNDARY.finditer(self.body):
            while i < len(starts) and starts[i].start < b.start():
                reach = max(reach, starts[i].end)
                i += 1
            if reach <= b.start():
                marks.append(b.end())
        return marks

    def _in_share_base(self, mention: Mention) -> bool:
        before = self.body[max(0, mention.start - 40):mention.start]
        cut = max(before.rfind(c) for c in ",:;。、")
        return self.words.share in before[cut + 1:]

    def _lead(self, start: int, end: int) -> tuple[str, list[Mention]]:
        """The text before a figure with known names blanked out, and those names."""
        between = sorted(self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, end)])
        inside = [self.mentions[i] for i in between if self.mentions[i].end <= end]
        chars = list(self.body[start:end])
        spans = [(m.start if m.fact.all_funds else self._funds_before(m.start, start), m.end) for m in inside]
        spans += self._unnamed_within(start, end)
        for m_start, m_end in spans:
            for i in range(m_start - start, m_end - start):
                chars[i] = " "
        return "".join(chars), inside

    def _funds_before(self, at: int, start: int) -> int:
        """Where a name at `at` begins with the funds most figures are of written before it
        (“一般公共预算财政拨款（安排的）“三公”经费支出”): part of the name, not words of their own — for an
        item of one kind of funds only; “一般公共预算项目支出” is not 公开03's 项目支出."""
        found = _DEFAULT_FUNDS.search(self.body, max(start, at - 16), at)
        return found.start() if found else at

    def _unnamed_within(self, start: int, end: int) -> list[tuple[int, int]]:
        first, last = bisect_left(self._unnamed_starts, start), bisect_left(self._unnamed_starts, end)
        return [(s, e) for s, e in self.unnamed[first:last] if e <= end]

    def _checked(self, fig: Figure, allowed: tuple[Decimal, Decimal] | None = None) -> None:
        """Compared; `allowed` is the range of values the check accepts when it is wider than a
        cent (a percentage of small rounded figures), so a measurement can tell a change the
        rounding hides from one it missed."""
        self.read[self.para.start + fig.start] = (fig, True, allowed)

    def _attributed(self, fig: Figure, *facts: Fact) -> None:
        """Named, but the workspace has no figure to compare (an absent table, 上年决算数 not filled,
        a table not filled in yet: `facts` name it)."""
        for fact in facts:
            self.waiting.update(fact.unfilled)
        key = self.para.start + fig.start
        if self.read.get(key, (fig, False))[1] is False:
            self.read[key] = (fig, "absent", None)

    def _unread(self, *figs: Figure) -> None:
        """Figures a check began on and then could not tell what they are of: unread, not checked."""
        for fig in figs:
            self.read[self.para.start + fig.start] = (fig, False, None)

    def _stated(self, fact: Fact | None) -> Stated:
        return self.stated.setdefault(fact.name if fact else None, Stated())

    def _last_year_words(self) -> list[str]:
        """The words that say “last year”, the year before the workspace's among them (“与2023年度相比”)."""
        year = getattr(self.ws, "year", None)
        return self.words.last_year + ([f"{year - 1}年"] if isinstance(year, int) else [])

    def full_sentence(self, start: int) -> int:
        """Where the sentence around `start` (in the text) begins, “；” not ending it."""
        return sentence_at(self.full_spans, start).start

    def _sentence_start(self, pos: int) -> int:
        """Where the sentence around `pos` starts, “；” not ending it."""
        return sentence_at(self.full_spans, self.para.start + pos).start - self.para.start

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
