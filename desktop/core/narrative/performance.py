"""The 情况说明's 绩效自评 sentences against the 绩效自评表: 全年预算数, 执行数, 执行率, 自评得分 of the
整体 and of each project, named as the narrative names it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from desktop.core.checks.findings import Finding, FindingCell
from desktop.core.labels import plain
from desktop.core.narrative.findings import FORM, NarrativeFinding
from desktop.core.narrative.numbers import WAN_PER, normalize
from desktop.core.narrative.sentences import Span, paragraphs
from desktop.core.performance.book import HUNDRED, PerfTable, SelfEvaluation

RULE = "说明-绩效自评"
TITLE = "情况说明引用的绩效自评数与绩效自评表不符"
CENT = Decimal("0.01")
# A name is the project's when most of the shorter one's characters appear, in order, in the other.
MATCH = Decimal("0.8")

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
# Only sentences in the 绩效 wording: “全年预算数”, “执行数”, “自评得分” mark them (a 三公 sentence's
# “完成预算的” alone does not).
# An amount as other regions write it too: “379万”, “0.04亿元”, “3,790,000.00元”.
_MONEY = r"(万元|亿元|元|万(?![\u4e00-\u9fff])|亿(?![\u4e00-\u9fff]))"
_BUDGET = re.compile(r"全年预算数(?:为|是)?" + _NUM + _MONEY)
_ACTUAL = re.compile(r"(?<!预算)执行数(?:为|是)?" + _NUM + _MONEY)
_RATE = re.compile(r"(?:完成(?:全年)?预算的|预算执行率(?:为|是|达)?|(?<!预算)执行率(?:为|是|达))" + _NUM + "%")
_SCORE = re.compile(r"自评得分(?:为)?" + _NUM + "分?")
_MARKERS = (_BUDGET, _ACTUAL, _SCORE)
_WHOLE = re.compile(r"整体(?:支出)?(?:绩效)?")
_NAME_END = re.compile(r"(?:项目)?(?:支出)?(?:绩效)?(?:自评|评价)(?:综述|结果|得分)?|综述|项目支出|自评综")
_LIST_MARK = re.compile(r"^(?:\d+|[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[)）])[.、．]?")
_CLOSING = "。.!?;:：；！？」”)）"


class QuotesRead:
    """What the 绩效 sentences quoted: the findings, and the span of each figure compared with its
    table (or named a table cell left blank), for the coverage line."""

    def __init__(self) -> None:
        self.findings: list[NarrativeFinding] = []
        self.compared: list[tuple[int, int]] = []
        self.no_data: list[tuple[int, int]] = []


class _Quote(NamedTuple):
    what: str  # budget / actual / rate / score
    value: Decimal
    decimals: int
    start: int  # span of the figure in the original text
    end: int
    scale: Decimal = Decimal(1)  # 万元 per unit written: the value is in 万元, written to 1/scale the precision


def check_performance_quotes(ws, text: str) -> list[NarrativeFinding]:
    """Each 绩效 sentence whose subject is the 整体 or a project by name, compared with its table."""
    return read_performance_quotes(ws, text).findings


def read_performance_quotes(ws, text: str) -> QuotesRead:
    """The findings of check_performance_quotes and which figures were compared."""
    book: SelfEvaluation = ws.performance
    read = QuotesRead()
    if not book.tables or not text.strip():
        return read
    carried: tuple[str, list[int]] | None = None  # a paragraph cut off by a page break, unquoted
    for para in paragraphs(text):
        compact, where = _compact(text, para)
        if carried is not None:
            # “…项目绩效自评综述：全” / “年预算数149万元…”: the heading and the figures read as one.
            compact, where = carried[0] + compact, carried[1] + where
        quotes = _quotes(compact, where)
        closed = text[para.end - 1] in _CLOSING
        carried = None if quotes or closed else (compact, where)
        if not quotes:
            continue
        first = where.index(min(q.start for q in quotes))
        table = _subject(book, compact[:first])
        if table is not None:
            start = where[0] if where[0] < para.start else para.start
            _compare(book, table, quotes, text, Span(start, para.end), read)
    return read


def _compact(text: str, para: Span) -> tuple[str, list[int]]:
    """The paragraph without whitespace (a figure or keyword split by a page break reads whole),
    and each character's offset in `text`."""
    norm = normalize(text[para.start:para.end])
    where = [para.start + i for i, ch in enumerate(norm) if not ch.isspace()]
    return "".join(ch for ch in norm if not ch.isspace()), where


def _quotes(compact: str, where: list[int]) -> list[_Quote]:
    if not any(p.search(compact) for p in _MARKERS):
        return []
    quotes = []
    for what, pattern in (("budget", _BUDGET), ("actual", _ACTUAL), ("rate", _RATE), ("score", _SCORE)):
        for m in pattern.finditer(compact):
            whole, frac = m.group(1).replace(",", ""), m.group(2) or ""
            value = Decimal(f"{whole}.{frac}" if frac else whole)
            scale = WAN_PER[m.group(3).removesuffix("元") + "元"] if m.re.groups > 2 else Decimal(1)
            quotes.append(_Quote(what, value * scale, len(frac), where[m.start(1)], where[m.end() - 1] + 1, scale))
    return quotes


def _subject(book: SelfEvaluation, head: str) -> PerfTable | None:
    clause = re.split(r"[。；;]", head)[-1]
    if _WHOLE.search(clause):
        return book.whole()
    name = _LIST_MARK.sub("", clause).strip("：:，, ")
    name = _NAME_END.split(name)[0].removesuffix("项目").strip("：:，, ")
    if len(name) < 2:
        return None
    scored = sorted(((_likeness(name, t.name), t.id) for t in book.projects()), reverse=True)
    if not scored or scored[0][0] < MATCH or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return book.table(scored[0][1])


def _likeness(a: str, b: str) -> Decimal:
    """Longest common subsequence over the shorter name's length: “机关运行” is “机关运行经费”'s,
    “劳动保障大厦维修改造” is “劳动保障大厦运行及维修改造费”'s."""
    a, b = plain(a), plain(b)
    if not a or not b:
        return Decimal(0)
    row = [0] * (len(b) + 1)
    for ch in a:
        prev_diag = 0
        for j, other in enumerate(b, 1):
            keep = row[j]
            row[j] = prev_diag + 1 if ch == other else max(row[j], row[j - 1])
            prev_diag = keep
    return Decimal(row[-1]) / min(len(a), len(b))


def _figures(book: SelfEvaluation, table: PerfTable) -> dict[str, tuple[Decimal | None, tuple[str, str]]]:
    """The table's figures the narrative quotes, each with the cell it sits in."""
    form = book.form_of(table)
    quoted, score = form.quoted, form.score
    row = quoted["row"]
    budget, actual = book.number(table, row, quoted["budget"]), book.number(table, row, quoted["actual"])
    return {
        "budget": (budget, (row, quoted["budget"])),
        "actual": (actual, (row, quoted["actual"])),
        "rate": (book.number(table, row, quoted["rate"]), (row, quoted["rate"])),
        "score": (book.number(table, score["row"], score["col"]) if score else None,
                  (score.get("row", ""), score.get("col", ""))),
    }


_NAMES = {"budget": "全年预算数", "actual": "全年执行数", "rate": "执行率", "score": "自评得分"}


def _compare(book: SelfEvaluation, table: PerfTable, quotes: list[_Quote], text: str, para: Span,
             read: QuotesRead) -> None:
    figures = _figures(book, table)
    budget, actual = figures["budget"][0], figures["actual"][0]
    for quote in quotes:
        stated, cell = figures[quote.what]
        candidates = [stated] if stated is not None else []
        if quote.what == "rate" and budget and actual is not None:
            candidates.append(actual / budget * HUNDRED)  # as the figures give it, printed or not
        if not candidates:
            read.no_data.append((quote.start, quote.end))
            continue
        read.compared.append((quote.start, quote.end))
        # A figure is right to the last digit it prints: “100%” within a point, “88.6%” within 0.1.
        tolerance = max(CENT, Decimal(1).scaleb(-quote.decimals)) if quote.what == "rate" else \
            max(Decimal("0.005"), Decimal(5).scaleb(-quote.decimals - 1) * quote.scale)
        if any(abs(quote.value - c) <= tolerance for c in candidates):
            continue
        expected = candidates[0].quantize(CENT)
        unit = "%" if quote.what == "rate" else ("分" if quote.what == "score" else "万元")
        message = (f"情况说明写{table.name}的{_NAMES[quote.what]}为 {quote.value}{unit}，"
                   f"{book.form_of(table).title}为 {expected}{unit}")
        read.findings.append(_finding(book, table, quote, cell, expected, tolerance, message, text, para))


def _finding(book, table, quote, cell, expected, tolerance, message, text, para) -> NarrativeFinding:
    sentence_start = max(text.rfind(mark, para.start, quote.start) for mark in "。；;")
    start = para.start if sentence_start < para.start else sentence_start + 1
    end = min((i for i in (text.find(mark, quote.end, para.end) for mark in "。；;") if i != -1), default=para.end - 1) + 1
    row, col = cell
    sentence = re.sub(r"\s+", "", text[start:end])
    block = book.form_of(table).block_of_row(row)
    column = block.column(col) if block else None
    finding = Finding(
        key=f"{RULE}:{table.id}:{quote.what}",
        rule=RULE, title=TITLE, severity="错误", form=FORM,
        message=f"{message}。句子：{sentence}",
        cells=(FindingCell(
            form=table.form, row=f"{table.id}:{row}", row_label=f"{table.name}「{book.row_label(table, row)}」",
            column=col, column_label=column.label if column else col, section="", line=None,
            value=book.number(table, row, col),
        ),),
        expected=expected, actual=quote.value, difference=quote.value - expected, tolerance=tolerance,
    )
    return NarrativeFinding(finding, start, end, text[start:end], quote.start, quote.end)


def performance_sentences(ws, whole: str, project: str) -> list[str]:
    """The 自评 sentences the draft writes, one for the 整体 and one per project, from the tables.

    `whole` and `project` are the wording of draft.toml with {主体} {名称} {序号} {预算} {执行} {执行率} {得分}.
    """
    book: SelfEvaluation = ws.performance
    lines = []
    table = book.whole()
    if table is not None and (values := _draft_values(book, table)):
        lines.append(_fill(whole, {**values, "主体": ws.unit.get("公开主体") or "单位", "名称": table.name}))
    for number, table in enumerate(book.projects(), 1):
        if values := _draft_values(book, table):
            lines.append(_fill(project, {**values, "序号": str(number), "名称": table.name}))
    return lines


def _draft_values(book: SelfEvaluation, table: PerfTable) -> dict[str, str]:
    figures = _figures(book, table)
    budget, actual, rate, score = (figures[k][0] for k in ("budget", "actual", "rate", "score"))
    if budget is None or actual is None:
        return {}
    if rate is None and budget:
        rate = (actual / budget * HUNDRED).quantize(CENT)
    return {"预算": str(budget), "执行": str(actual), "执行率": "" if rate is None else str(rate),
            "得分": "" if score is None else str(score)}


def _fill(template: str, values: dict[str, str]) -> str:
    """Placeholders filled; a clause whose figure is missing (“，自评得分{得分}分”) is left out."""
    for clause in re.findall(r"[，,][^，,。{]*\{[^}]+\}[^，,。]*", template):
        key = re.search(r"\{([^}]+)\}", clause).group(1)
        if not values.get(key):
            template = template.replace(clause, "")
    return re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), ""), template)
