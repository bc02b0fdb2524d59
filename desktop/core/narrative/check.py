"""check_narrative: every figure of a 情况说明 that can be attributed, compared with the workspace."""

from __future__ import annotations

import re

from desktop.core.narrative.amounts import AmountChecks
from desktop.core.narrative.coverage import NarrativeReview, WordPlaces, figure_read, in_original
from desktop.core.narrative.facts import Quantity, build_facts, load_vocabulary
from desktop.core.narrative.findings import NarrativeFinding, make_finding, unique_keys
from desktop.core.narrative.layout import rejoin
from desktop.core.narrative.numbers import normalize
from desktop.core.narrative.percentages import PercentChecks
from desktop.core.narrative.respectively import RespectiveChecks
from desktop.core.narrative.performance import read_performance_quotes
from desktop.core.narrative.reader import Stated
from desktop.core.narrative.scope import Headings
from desktop.core.narrative.sentences import paragraphs, sentence_at, sentences
from desktop.core.narrative.statements import StatementChecks
from desktop.core.narrative.sums import check_sums
from desktop.core.narrative.unit_year import unit_year_slips
from desktop.core.narrative.words import Words


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
    apart_words = WordPlaces([normalize(w) for w in coverage.get("apart", [])], text)
    content_words = WordPlaces(words.contents, text)
    reason_words = WordPlaces([normalize(w) for w in coverage.get("reasons", [])], text)
    headings = Headings(book, words.qualifiers, coverage.get("apart_headings", []),
                        coverage.get("no_economic_breakdown", []))
    sums = vocab.get("sums", {})
    norm = normalize(text)
    found: list[NarrativeFinding] = []
    starts: list[int] = []
    section: dict[str, Stated] = {}  # what the section said so far, for the shares of its lists
    where: dict[str, _ParagraphCheck] = {}  # the paragraph that said it, for a finding at its figure
    waiting: set[str] = set()
    spans = []
    for para in paragraphs(text):
        if headings.enter(para.text(text)) is not None:
            check_sums(section, where, sums)
            section, where = {}, {}
        scope = headings.scope()
        check = _ParagraphCheck(ws, book, words, text, norm, para, found, scope, section=section)
        check.run()
        stated = {name: said for name, said in check.stated.items() if name and said.actual}
        section.update(stated)
        where.update(dict.fromkeys(stated, check))
        waiting.update(check.waiting)
        starts += [span.start for span in check.spans]
        spans += check.spans
        for start, (fig, checked, allowed) in sorted(check.read.items()):
            read = figure_read(text, check.spans, start, check.para.start + fig.end, allowed)
            if checked is True:
                review.checked.append(read)
            elif checked == "absent":
                review.no_data.append(read)
            elif scope.apart or scope.economic_apart or apart_words.inside(read.sentence_start, start) \
                    or reason_words.inside(para.start, start) or _no_words(para.text(text)) \
                    or content_words.inside(check.full_sentence(start), start):
                # What a figure is spent on (“主要用于：A项目X万元；B项目Y万元”) when no table
                # names it, and a chart's labels left as lines of bare figures, are not table items.
                review.apart.append(read)
            else:
                review.unread.append(read)
    check_sums(section, where, sums)
    review.unfilled = [f"{form}《{ws.structure.forms[form].title}》" for form in sorted(waiting)]
    # A year word the figures after it already showed to be a slip is reported once, with them.
    slips = {nf.figure_start for nf in found if nf.finding.rule == "说明-单位年度"}
    found += [nf for nf in _unit_year(ws, text, starts) if nf.figure_start not in slips]
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


class _ParagraphCheck(AmountChecks, PercentChecks, RespectiveChecks, StatementChecks):
    """The checks, figure by figure, on what the reader attributed."""


__all__ = ["NarrativeFinding", "NarrativeReview", "Quantity", "check_narrative", "review_narrative"]
