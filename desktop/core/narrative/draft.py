"""The 情况说明 drafted from the workspace: the outline and sentences of resources/narrative/draft.toml,
every figure computed, the user's reasons where given and a visible placeholder where not."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

from desktop import paths
from desktop.core.budget import budget_lines
from desktop.core.narrative.facts import Fact, build_facts, load_vocabulary
from desktop.core.narrative.performance import performance_sentences
from desktop.core.text_sections import text_sections
from desktop.core.workspace import Workspace

HUNDRED = Decimal(100)
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class Unavailable(Exception):
    """A figure the sentence needs is not in this workspace (a form not taken up, no budget)."""


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

    # -- the whole text ----------------------------------------------------------------

    def draft(self) -> str:
        parts = []
        for section in self.outline["section"]:
            parts.append(section["heading"])
            for block in section.get("blocks", []):
                parts += [p for p in self._block(block) if p]
        return "\n".join(parts) + "\n"

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
        if fact is None or fact.actual is None:
            raise Unavailable(name or "")
        return fact

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
            return ""
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
                out.append(f"{len(out) + 1}. {path}支出决算{_amount(actual)}万元。【请填写年初预算数】")
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
        return [self.ws.notes.get(form) or self.fill(block["default"])]

    def _section(self, key: str) -> str:
        text = self.ws.text(key)
        if text:
            return text
        title = next((s.title for s in text_sections() if s.key == key), key)
        return f"【请填写{title}】"


def draft_narrative(ws: Workspace) -> str:
    return Drafter(ws).draft()
