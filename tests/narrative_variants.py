"""情况说明 sentences as other regions word them, generated from a workspace's own figures: every
template of tests/fixtures/narrative-variants.toml, for every item it fits, written in every way an
amount is written (“1,234.56万元”, “1234.56 万元”, “1234.56万”, “0.12亿元”, 元), with full-width
digits, other connectors, ordinals in the heading and the reason before, after or in brackets.

Each variant knows where each figure it wrote stands and what it is, so a measurement can tell a
figure read from one not read, and change exactly one figure (bench/narrative_variants.py,
tests/test_narrative_variants.py)."""

from __future__ import annotations

import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

from desktop.core.definitions import CellRef
from desktop.core.narrative.facts import Fact, FactBook, build_facts
from desktop.core.narrative.performance import performance_sentences

TEMPLATES = Path(__file__).parent / "fixtures" / "narrative-variants.toml"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# How an amount is written. “万” alone and 亿元 are what other regions print; 元 appears where a
# unit reports in 元. Each style says whether the reader is expected to read it.
AMOUNT_STYLES = ("逗号分节", "无分节", "数与单位间空格", "单写万", "亿元", "元")
_FULL = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
_ORDINALS = ("一、", "（一）", "1.", "第一部分 ", "一．", "(1)")
_CN = "一二三四五六七八九十"
_CONNECTORS = ("，", "；")
_REASONS = ("after", "brackets", "before", "none")
_REASON = "人员和业务量增加"
_SWAPS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "大于": "小于", "小于": "大于",
          "提高": "下降"}


class Placed(NamedTuple):
    """A figure the generator wrote: its span in the variant and what it is."""

    start: int
    end: int
    kind: str  # "amount", "percent", "points" (个百分点), "word" (增加/减少, 大于/小于)
    value: Decimal  # as written (in the written unit); for a word, 0
    decimals: int
    text: str


class Variant(NamedTuple):
    cls: str
    style: str
    text: str
    placed: tuple[Placed, ...]

    def mutated(self, placed: Placed) -> str | None:
        """The text with this one figure (or word) made wrong beyond a cent, or None."""
        if placed.kind == "word":
            new = _SWAPS.get(placed.text)
        elif placed.kind == "amount":
            in_yuan = placed.text.endswith("元") and not placed.text.endswith(("万元", "亿元"))
            step = max(Decimal(1).scaleb(-placed.decimals) * 10, abs(placed.value) / 10,
                       Decimal(10000) if in_yuan else Decimal(1))
            new = _digits(placed.value + step, placed.decimals, placed.text)
        else:
            new = _digits(placed.value + 5, placed.decimals, placed.text)
        if new is None:
            return None
        number = re.match(r"[\d,，.．０-９ ]*[\d０-９]", placed.text)
        end = placed.start + (number.end() if number and placed.kind != "word" else len(placed.text))
        return self.text[:placed.start] + new + self.text[end:]


def _digits(value: Decimal, decimals: int, shown: str) -> str:
    full = any("０" <= ch <= "９" for ch in shown)
    grouped = "," in shown or "，" in shown
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return text.translate(_FULL) if full else text


class _Figure(NamedTuple):
    kind: str  # amount / percent / points / word
    value: Decimal  # 万元 for an amount, percent for a percent
    word: str = ""


def _round(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class _Filler:
    """Placeholders of one template for one item, from the fact book; None when a figure is missing."""

    def __init__(self, book: FactBook, fact: Fact, name: str, year: int):
        self.book, self.fact, self.name, self.year = book, fact, name, year

    def get(self, key: str, arg: str | None):
        fact = self.book.get(arg) if arg else self.fact
        if fact is None:
            return None
        actual = fact.actual.value if fact.actual else None
        budget = fact.budget.value if fact.budget else None
        last = fact.last_year.value if fact.last_year else None
        if key == "Y":
            return str(self.year)
        if key == "Y0":
            return str(self.year - 1)
        if key == "N":
            return self.name
        if key == "A":
            return None if actual is None else _Figure("amount", actual)
        if key == "B":
            return None if budget is None else _Figure("amount", budget)
        if key == "L":
            return None if last is None else _Figure("amount", last)
        if key in ("D", "up", "rise", "P"):
            if actual is None or last is None or actual == last or (key == "P" and last <= 0):
                return None
            change = actual - last
            if key == "D":
                return _Figure("amount", abs(change))
            if key == "P":
                return _Figure("percent", _round(abs(change) / last * HUNDRED))
            words = ("增加", "减少") if key == "up" else ("增长", "下降")
            return _Figure("word", Decimal(0), words[0] if change > 0 else words[1])
        if key in ("BD", "upb", "gt"):
            if actual is None or budget is None or actual == budget:
                return None
            if key == "BD":
                return _Figure("amount", abs(actual - budget))
            words = ("增加", "减少") if key == "upb" else ("大于", "小于")
            return _Figure("word", Decimal(0), words[0] if actual > budget else words[1])
        if key == "R":
            if actual is None or not budget:
                return None
            return _Figure("percent", _round(actual / budget * HUNDRED))
        if key in ("PP", "ppup"):
            base = self.book.get(fact.share_of)
            if None in (actual, last, base) or base.actual is None or base.last_year is None \
                    or base.actual.value <= 0 or base.last_year.value <= 0:
                return None
            points = _round((actual / base.actual.value - last / base.last_year.value) * HUNDRED)
            if points == 0:
                return None
            if key == "PP":
                return _Figure("points", abs(points))
            return _Figure("word", Decimal(0), "提高" if points > 0 else "下降")
        if key == "S":
            base = self.book.get(fact.share_of)
            if actual is None or base is None or base.actual is None or base.actual.value <= 0:
                return None
            return _Figure("percent", _round(actual / base.actual.value * HUNDRED))
        raise KeyError(key)


_PLACEHOLDER = re.compile(r"\{([A-Za-z]+0?)(?::([^}]+))?\}|\{([,、])\}|\{why\}")


def _segments(text: str, filler: _Filler) -> list | None:
    """The template as text and figures, or None when it needs a figure the item lacks."""
    parts: list = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        parts.append(text[pos:m.start()])
        if m.group(3):
            parts.append(("connector", m.group(3)))
        elif m.group(0) == "{why}":
            parts.append(("why",))
        else:
            value = filler.get(m.group(1), m.group(2))
            if value is None:
                return None
            parts.append(value)
        pos = m.end()
    parts.append(text[pos:])
    return parts


def _amount_text(value: Decimal, style: str) -> tuple[str, Decimal, int] | None:
    """An amount in 万元 as the style writes it: the text, the number written and its decimals."""
    if style == "亿元":
        if value < 1000:
            return None  # a few 万元 are not written in 亿元
        shown = _round(value / 10000)
        return f"{shown}亿元", shown, 2
    if style == "元":
        shown = _round(value * 10000)
        return f"{shown:,}元", shown, 2
    unit = {"数与单位间空格": " 万元", "单写万": "万"}.get(style, "万元")
    shown = f"{value:,.2f}" if style == "逗号分节" else f"{value:.2f}"
    return shown + unit, value, 2


def render(parts: list, style: str, turn: int) -> tuple[str, tuple[Placed, ...]] | None:
    """One variant of the sentence: the amount style given, the other axes by `turn`."""
    full = turn % 3 == 2
    connector = _CONNECTORS[turn % len(_CONNECTORS)]
    reason = _REASONS[turn % len(_REASONS)]
    out, placed = "", []
    if reason == "before":
        out = f"由于{_REASON}，"
    for part in parts:
        if isinstance(part, str):
            out += part.translate(_FULL) if full else part
        elif part[0] == "connector":
            out += connector if part[1] == "," else ("、" if turn % 2 else "，")
        elif part[0] == "why":
            out += {"after": f"，主要原因是{_REASON}", "brackets": f"（主要原因是{_REASON}）"}.get(reason, "")
        elif part.kind == "word":
            placed.append(Placed(len(out), len(out) + len(part.word), "word", Decimal(0), 0, part.word))
            out += part.word
        else:
            if part.kind == "amount":
                shown = _amount_text(part.value, style)
                if shown is None:
                    return None
                text, value, decimals = shown
            else:
                unit = "%" if part.kind == "percent" else "个百分点"
                text, value, decimals = f"{part.value:.2f}{unit}", part.value, 2
            if full:
                text = text.translate(_FULL)
            placed.append(Placed(len(out), len(out) + len(text), part.kind, value, decimals, text))
            out += text
    return out, tuple(placed)


def _heading(section: int, title: str, turn: int) -> str:
    mark = _ORDINALS[turn % len(_ORDINALS)]
    number = _CN[section - 1] if section <= 10 else "十" + _CN[section - 11]
    mark = (mark.replace("一", number).replace("1", str(section)))
    return f"{mark}{title}\n"


def _items(book: FactBook, ws, selector: str) -> list[tuple[Fact, str]]:
    """The facts a template is written for, each with the name the sentence calls it."""
    if not selector.startswith("@"):
        fact = book.get(selector)
        return [(fact, selector)] if fact is not None else []
    rows = {row.code: row.name for row in ws.coded_rows("公开05")}
    found = []
    for code, name in sorted(rows.items()):
        path = [rows.get(code[:n]) for n in (3, 5, 7) if len(code) >= n]
        if None in path:
            continue
        fact = book.get("".join(f"{n}{m}" for n, m in zip(path, ("（类）", "（款）", "（项）"))))
        if fact is None or fact.actual is None:
            continue
        if selector == "@类" and len(code) == 3:
            found.append((fact, fact.name))
        elif selector == "@项" and len(code) == 7 and fact.budget is not None and fact.budget.value:
            # As the seeds write it, without the 类, the 项 alone with its marker, or bare: a name
            # that is not one row's only must be left unread, never guessed.
            found += [(fact, fact.name), (fact, f"{path[1]}（款）{path[2]}（项）"), (fact, f"{path[2]}（项）"),
                      (fact, path[2])]
    return found


def load_templates(path: Path = TEMPLATES) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["template"]


def variants(ws, templates: list[dict] | None = None, styles=AMOUNT_STYLES) -> list[Variant]:
    """Every template for every item it fits, in every amount style; other axes turn with the count."""
    book = build_facts(ws)
    result: list[Variant] = []
    turn = 0
    for template in templates or load_templates():
        for fact, name in _items(book, ws, template["fact"]):
            filler = _Filler(book, fact, name, ws.year)
            for text in template["texts"]:
                parts = _segments(text, filler)
                if parts is None:
                    continue
                for style in styles:
                    turn += 1
                    made = render(parts, style, turn)
                    if made is None:
                        continue
                    sentence, placed = made
                    head = _heading(template["section"], template["heading"], turn)
                    shift = len(head)
                    result.append(Variant(template["class"], style, head + sentence, tuple(
                        p._replace(start=p.start + shift, end=p.end + shift) for p in placed)))
    result += performance_variants(ws, styles)
    return result


# 绩效: the draft's own sentence builder, with each figure marked so it can be written in every style.
_PERF_WHOLE = "单位整体支出自评得分{得分}分，全年预算数«{预算}»，执行数«{执行}»，完成预算的‹{执行率}›。"
_PERF_PROJECT = "{序号}. {名称}项目绩效自评综述：全年预算数«{预算}»，执行数«{执行}»，完成预算的‹{执行率}›，自评得分{得分}分。"


def performance_variants(ws, styles=AMOUNT_STYLES) -> list[Variant]:
    result = []
    for turn, sentence in enumerate(performance_sentences(ws, _PERF_WHOLE, _PERF_PROJECT)):
        parts: list = []
        for piece in re.split(r"(«[^»]*»|‹[^›]*›)", sentence):
            if piece.startswith("«"):
                parts.append(_Figure("amount", Decimal(piece[1:-1])))
            elif piece.startswith("‹"):
                parts.append(_Figure("percent", _round(Decimal(piece[1:-1]))))
            elif piece:
                parts.append(piece)
        for style in styles:
            made = render(parts, style, turn * 2)  # even turns: half-width text, the 绩效 wording kept
            if made is None:
                continue
            head = _heading(13, "预算绩效情况说明", turn)
            text, placed = made
            result.append(Variant("绩效", style, head + text, tuple(
                p._replace(start=p.start + len(head), end=p.end + len(head)) for p in placed)))
    return result


def with_last_year(ws) -> None:
    """Fill 上年决算 from the workspace's own figures (nine tenths of each, less a little), so the
    comparisons with last year have something to be generated from."""
    if not ws.structure.is_active("上年决算"):
        return
    cells = []
    for row in ws.structure.value_rows("上年决算"):
        value = ws.value(row.source) if row.source is not None and ws.structure.is_cell(row.source) else None
        if value is None:
            continue
        last = _round(value * Decimal("0.9") - Decimal("1.37")) if value > 20 else value + Decimal("0.35")
        cells.append((CellRef("上年决算", row.key, "上年决算数"), last))
    ws.set_values(cells)
