"""The words that tell what a figure is: 预算 or 决算, an increase or a decrease, a share, a rate."""

from __future__ import annotations

import re

from desktop.core.narrative.comparison import FUNDS
from desktop.core.narrative.numbers import normalize

PUNCT = re.compile(r"[\s,:;。!?、“”\"'()\[\]《》]")
_LIST_MARK = re.compile(r"[\d.一二三四五六七八九十]")
_YEAR = re.compile(r"\d{4}\s*年度?")
_NOTE = re.compile(r"\([^()]{1,20}\)")  # “政府采购金额（以合同签订为准）为X”: a note on how it is counted
# What a body is called ends with what kind of body it is; before a figure's name it says whose
# figure it is, as “本单位” does; so do the level of government (“州本级”, “全镇”) and a place's
# name (“2021年阿图什市“三公经费”…”), and the kinds of body a total is summed over (“井研县行政单位、
# 事业单位和其他单位使用…安排的“三公”经费”).
_BODY = re.compile(r"^(?:[\u4e00-\u9fff]{2,24}(?:局|委员会|常委会|联合会|政协|办公室|中心|厅|院|部|委|办)(?:本级)?"
                   r"|[\u4e00-\u9fff]{1,8}(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道)(?:[省市州县区旗镇乡]?本级)?"
                   r"|(?:[\u4e00-\u9fff]{0,10}?(?:单位|部门)[和及与]?)+"
                   r"|[省市州县区旗镇乡]本级|全[省市州县区旗镇乡])$")


class Words:
    """The [words] table of facts.toml, normalized, longest first."""

    def __init__(self, spec: dict):
        def norm(key):
            return sorted((normalize(w) for w in spec.get(key, [])), key=len, reverse=True)

        self.budget, self.actual = norm("budget"), norm("actual")
        self.fillers = norm("fillers")
        self.increase, self.decrease = norm("increase"), norm("decrease")
        self.compare, self.last_year = norm("compare"), norm("last_year")
        self.difference = norm("difference")
        self.rate = norm("rate")
        self.other_budget = norm("other_budget")
        self.qualifiers = norm("qualifiers")
        # A qualifier as a sentence may write it right before a bare name, its 财政拨款 often left
        # out (“一般公共预算收入总计…，本年支出…”): the name is then of those funds too.
        self._funds_written = [
            (q, re.compile(re.escape(q.removesuffix("财政拨款") or q) + r"(?:财政)?(?:拨款)?(?:安排的?)?[\"“”]?$"))
            for q in self.qualifiers]
        self.each = norm("each")
        self.respectively = norm("respectively")
        self.contents = norm("contents")
        self.share = normalize(spec.get("share", "占"))
        self.share_bare = set(norm("share_bare"))
        new = norm("new")
        self.new = re.compile("|".join(re.escape(w) for w in new)) if new else None
        self._plain = sorted(self.budget + self.actual + self.fillers, key=len, reverse=True)

    def role(self, text: str) -> str | None:
        """'budget' or 'actual' by the role word nearest the end of `text`."""
        # “执行  数”: a PDF's spacing inside a word; “一般公共预算…支出”: a kind of funds, no 预算数.
        text = FUNDS.sub("", re.sub(r"\s", "", text))
        best, role = -1, None
        for kind, options in (("budget", self.budget), ("actual", self.actual)):
            for word in options:
                at = text.rfind(word)
                if at >= 0 and at + len(word) > best:
                    best, role = at + len(word), kind
        return role

    def funds_before(self, text: str) -> str:
        """The qualifier `text` ends with, as written before a name; "" when none."""
        return next((q for q, written in self._funds_written if written.search(text)), "")

    def each_of(self, text: str) -> bool:
        return any(w in text for w in self.each)

    def direction(self, text: str) -> int:
        best, sign = -1, 0
        for value, options in ((1, self.increase), (-1, self.decrease)):
            for word in options:
                at = text.rfind(word)
                if at > best:
                    best, sign = at, value
        return sign

    def both_directions(self, text: str) -> bool:
        """“下降（增长）”: the text says both ways."""
        return any(w in text for w in self.increase) and any(w in text for w in self.decrease)

    def residual(self, text: str) -> str:
        """What is left of `text` once role words, fillers, punctuation, years, list numbers and
        the name of a body (“区人社局2024年度…”) are gone."""
        rest = _LIST_MARK.sub("", PUNCT.sub("", _NOTE.sub("", _YEAR.sub("", text))))
        for word in self._plain:
            rest = rest.replace(word, "")
        return _BODY.sub("", rest)

    def change_residual(self, text: str) -> str:
        """What is left once change, comparison and last-year words go too (“支出决算比上年增加”), and
        a difference's words and sign (“差异率-”)."""
        for word in self.difference + ["-"]:  # before the role words: “预决算差异率” holds 决算
            text = text.replace(word, "")
        rest = self.residual(text)
        for word in sorted(self.increase + self.decrease + self.compare + self.last_year + self.each + ["与"],
                           key=len, reverse=True):
            rest = rest.replace(word, "")
        return rest

    def is_pure_role(self, text: str) -> bool:
        """Nothing but role words and fillers: the figure belongs to the paragraph's subject."""
        return self.residual(text) == "" and self.role(text) is not None
