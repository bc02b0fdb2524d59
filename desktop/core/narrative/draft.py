"""The 情况说明 drafted from the workspace: the outline and sentences of resources/narrative/draft.toml,
every figure computed, the user's reasons where given and a visible placeholder where not.

The draft never states a figure it does not have: a table not yet filled in, a 上年决算数 not
entered, a count (批次, 人次, 车辆) the tables do not hold is written as 【请填写…】 and listed
among the draft's gaps, never as 0.00."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal

from desktop import paths
from desktop.core.baselines.budget import budget_lines
from desktop.core.definitions import CellRef
from desktop.core.narrative.facts import Fact, build_facts, load_vocabulary
from desktop.core.narrative.performance import performance_sentences
from desktop.core.text_sections import text_sections
from desktop.core.workspace import Workspace

HUNDRED = Decimal(100)
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class Unavailable(Exception):
    """A figure the sentence needs is not in this workspace (a form not taken up, no budget)."""


class Gap(Exception):
    """A figure the sentence needs is not known yet: the user must fill it in (the message says what)."""


@dataclass
class NarrativeDraft:
    text: str
    gaps: list[str] = field(default_factory=list)  # what the 【请填写…】 marks ask for, in order


def load_outline() -> dict:
    with open(paths.resources_dir() / "narrative" / "draft.toml", "rb") as fh:
        return tomllib.load(fh)


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


def _rate(part: Decimal, whole: Decimal) -> str:
    return f"{part / whole * HUNDRED:.2f}"


class Drafter:
    def __init__(self, ws: Workspace, outline: dict | None = None):
        self.ws = ws
        self.outline = outline or load_outline()
        self.vocabulary = load_vocabulary()
        self.book = build_facts(ws, self.vocabulary)
        self.missing = self.outline.get("placeholder_reason", "【请填写原因】")
        # Reasons are the explanations of the budget and last-year findings, found by their cells.
        self.budget_keys = {line.budget: line.key for line in budget_lines(ws)}
        self.change_keys = {
            inst.rhs[0][1]: inst.key for inst in ws.engine.instances if inst.check.kind == "change"
        }
        self.compared = {e["name"] for e in self.vocabulary.get("fact", []) if e.get("last_year")}

    # -- the whole text ----------------------------------------------------------------

    def draft(self) -> str:
        parts = []
        for section in self.outline["section"]:
            parts.append(section["heading"])
            for block in section.get("blocks", []):
                parts += [p for p in self._block(block) if p]
        return "\n".join(parts) + "\n"

    @staticmethod
    def ask(what: str) -> str:
        """The visible mark for a fact the user must supply; `gaps` lists every mark."""
        return f"【请填写{what}】"

    def _known(self, fact: Fact) -> None:
        """Raises Gap when the fact's figure would come from a table not yet filled in."""
        for form_id in fact.unfilled:
            title = self.ws.structure.forms[form_id].title
            raise Gap(f"{form_id}《{title}》（该表尚未填写，本段数字待填表后生成）")

    def _block(self, block: dict) -> list[str]:
        if "text" in block:
            return [self._fill_or_fallback(block["text"], block.get("fallback"), None)]
        if "list" in block:
            return [self._list(block)]
        if block.get("classes"):
            return [self._classes()]
        if block.get("items"):
            return self._items()
        if "empty" in block:
            return self._empty(block)
        if "section" in block:
            return [self._section(block["section"])]
        if "performance_whole" in block:
            return performance_sentences(self.ws, block["performance_whole"], block["performance_project"])
        return []

    def _fill_or_fallback(self, template: str, fallback: str | None, bound: str | None) -> str:
        try:
            return self.fill(template, bound)
        except Gap as gap:
            return self.ask(str(gap))
        except Unavailable:
            if fallback is None:
                return ""
            try:
                return self.fill(fallback, bound)
            except Unavailable:
                return ""

    # -- placeholders ------------------------------------------------------------------

    def fill(self, template: str, bound: str | None = None) -> str:
        return _PLACEHOLDER.sub(lambda m: self._value(m.group(1), bound), template)

    def _value(self, spec: str, bound: str | None) -> str:
        unit = self.ws.unit
        if spec == "年度":
            return unit.get("年度", "")
        if spec == "单位名称":
            return unit.get("单位名称", "")
        if spec == "主体":
            return "部门" if unit.get("公开主体") == "部门" else "单位"
        if spec == "@名称":
            return bound or ""
        if spec.startswith("请填写:"):
            return self.ask(spec.partition(":")[2])
        if spec.startswith("数量:"):
            return self._count(spec.partition(":")[2])
        name, _, rest = spec.partition(":")
        fact = self._fact(bound if name == "@" else name)
        kind, _, base = rest.partition(":")
        if not kind:
            return _amount(self._actual(fact))
        if kind == "预算":
            return _amount(self._budget(fact))
        if kind == "完成率":
            budget = self._budget(fact)
            if not budget:
                raise Unavailable(fact.name)
            return _rate(self._actual(fact), budget)
        if kind == "占比":
            whole = self._actual(self._fact(base or fact.share_of))
            if not whole:
                raise Unavailable(fact.name)
            return _rate(self._actual(fact), whole)
        if kind == "上年对比":
            return self._change(fact)
        if kind == "预算差异":
            return self._budget_reason(fact)
        raise KeyError(f"draft.toml 中的占位符“{{{spec}}}”无法识别")

    def _fact(self, name: str | None) -> Fact:
        fact = self.book.get(name)
        if fact is not None:
            self._known(fact)
        if fact is None or fact.actual is None:
            raise Unavailable(name or "")
        return fact

    def _count(self, spec: str) -> str:
        """`表/行/栏|名称`: a count (辆, 台) read from its cell, or asked for when not entered."""
        cell, _, what = spec.partition("|")
        ref = CellRef(*cell.split("/"))
        known = self.ws.structure.is_active(ref.form) and self.ws.structure.is_cell(ref) \
            and ref.form not in self.book.unfilled and self.ws.value(ref) is not None
        return f"{self.ws.value(ref):,.0f}" if known else self.ask(what)

    @staticmethod
    def _actual(fact: Fact) -> Decimal:
        return fact.actual.value

    @staticmethod
    def _budget(fact: Fact) -> Decimal:
        if fact.budget is None:
            raise Unavailable(fact.name)
        return fact.budget.value

    def _reason(self, key: str | None) -> str:
        return (self.ws.explanation(key) if key else "") or self.missing

    def _change(self, fact: Fact) -> str:
        if fact.last_year is None:
            # Compared in the outline but no 上年决算数 entered: ask, never compare with nothing.
            return f"与上年相比：{self.ask(f'上年{fact.name}决算数')}。" if fact.name in self.compared else ""
        now, before = self._actual(fact), fact.last_year.value
        diff = now - before
        if diff == 0:
            return "与上年持平。"
        grew = diff > 0
        text = f"与上年相比，{'增加' if grew else '减少'}{_amount(abs(diff))}万元"
        if before:
            text += f"，{'增长' if grew else '下降'}{_rate(abs(diff), abs(before))}%"
        key = self.change_keys.get(fact.last_year.cells[0])
        return text + f"，{'增加' if grew else '减少'}的主要原因是：{self._reason(key)}。"

    def _budget_reason(self, fact: Fact) -> str:
        budget = self._budget(fact)
        actual = self._actual(fact)
        if actual == budget:
            return ""
        key = self.budget_keys.get(fact.budget.cells[0])
        more = "大于" if actual > budget else "小于"
        return f"决算数{more}预算数的主要原因是：{self._reason(key)}。"

    # -- blocks ------------------------------------------------------------------------

    def _list(self, block: dict) -> str:
        items = []
        for name in block["list"]:
            fact = self.book.get(name)
            if fact is None or fact.actual is None or not fact.actual.value:
                continue
            item = self._fill_or_fallback(block["item"], block.get("fallback"), name)
            if item and name in block.get("details", {}):
                item += self._fill_or_fallback(block["details"][name], None, name)
            if item:
                items.append(item)
        if not items:
            return ""
        return block.get("prefix", "") + block.get("join", "；").join(items) + block.get("suffix", "")

    def _coded_names(self) -> dict[str, str]:
        spec = self.vocabulary.get("coded", {})
        names: dict[str, str] = {}
        for form in (spec.get("functional_form"), spec.get("budget_form")):
            if form:
                for row in self.ws.coded_rows(form):
                    names.setdefault(row.code, row.name)
        return names

    def _classes(self) -> str:
        spec = self.vocabulary.get("coded", {})
        total = self.book.get(spec.get("class_share_of"))
        if total is None or total.actual is None or not total.actual.value:
            return ""
        names = self._coded_names()
        parts = []
        for code, name in sorted(names.items()):
            if len(code) != 3:
                continue
            fact = self.book.get(f"{name}（类）") or self.book.get(name)
            if fact is None or fact.actual is None or not fact.actual.value:
                continue
            parts.append(f"{name}（类）{_amount(fact.actual.value)}万元，占{_rate(fact.actual.value, total.actual.value)}%")
        return "其中：" + "；".join(parts) + "。" if parts else ""

    def _items(self) -> list[str]:
        """One paragraph per 项 with spending or a budget, in code order."""
        names = self._coded_names()
        all_lines = budget_lines(self.ws)
        lines = [line for line in all_lines if line.code and len(line.code) == 7]
        # With no 年初预算数 entered at all, a budget of 0 would be a guess: ask for them instead.
        budgeted = any(self.ws.value(line.budget) is not None for line in all_lines if line.rule == lines[0].rule) \
            if lines else False
        out = []
        for line in lines:
            budget, actual = self.ws.value(line.budget), self.ws.value(line.actual)
            if budget is None and actual is None:
                continue
            budget = budget or Decimal(0)
            actual = actual or Decimal(0)
            path = "".join(
                f"{names.get(line.code[:n], '')}（{level}）" for n, level in ((3, "类"), (5, "款"), (7, "项"))
            )
            if not budgeted:
                out.append(f"{len(out) + 1}. {path}支出决算{_amount(actual)}万元。{self.ask('年初预算数')}")
                continue
            text = f"{len(out) + 1}. {path}。年初预算{_amount(budget)}万元，支出决算{_amount(actual)}万元，"
            if not budget:
                text += f"为新增支出，主要原因是：{self._reason(line.key)}。"
            elif actual == budget:
                text += "完成年初预算的100.00%。"
            else:
                more = "大于" if actual > budget else "小于"
                text += (
                    f"完成年初预算的{_rate(actual, budget)}%，决算数{more}年初预算数的主要原因是："
                    f"{self._reason(line.key)}。"
                )
            out.append(text)
        return out

    def _empty(self, block: dict) -> list[str]:
        form = block["empty"]
        if form not in self.ws.structure.rows:
            return []
        cells = self.ws.structure.value_cells(form)
        if any(self.ws.value(ref) for ref in cells):
            return [p for b in block.get("otherwise", []) for p in self._block(b) if p]
        note = self.ws.notes.get(form, "").strip()
        if note:
            return [note]
        # Empty and unexplained: whether it is empty by right is the user's to say.
        title = self.ws.structure.forms[form].title
        return [self.ask(f"{form}《{title}》的空表说明（该表无数据，写明为空的理由）")]

    def _section(self, key: str) -> str:
        text = self.ws.text(key)
        if text:
            return text
        title = next((s.title for s in text_sections() if s.key == key), key)
        return self.ask(title)


_MARK = re.compile(r"【(请[^【】]+)】")


def gaps_in(text: str, reason_mark: str = "【请填写原因】") -> list[str]:
    """Each distinct 【请…】 mark of a draft, in order; the many missing reasons as one count."""
    gaps = list(dict.fromkeys(m.group(1) for m in _MARK.finditer(text) if m.group(0) != reason_mark))
    reasons = text.count(reason_mark)
    if reasons:
        gaps.append(f"{reasons} 处差异原因{reason_mark}")
    return gaps


def draft_with_gaps(ws: Workspace) -> NarrativeDraft:
    """The draft and what it asks the user to fill in."""
    drafter = Drafter(ws)
    text = drafter.draft()
    return NarrativeDraft(text, gaps_in(text, drafter.missing))


def draft_narrative(ws: Workspace) -> str:
    return draft_with_gaps(ws).text
