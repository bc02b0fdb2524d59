"""The small rule language of form checks: `[行, 列] = [行, 列] + 公开05[@, 小计] + sum([#类, 决算数])`."""

from __future__ import annotations

import re

from desktop.core.definitions.model import Term

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<sum>sum\()"
    r"|(?P<close>\))"
    r"|(?P<op><=|>=|≤|≥|=)"
    r"|(?P<sign>[+\-])"
    r"|(?P<ref>(?P<form>[^\s\[\]+\-=<>≤≥()]*)\[\s*(?P<row>[^\],]+?)\s*,\s*(?P<col>[^\]]+?)\s*\])"
    r")"
)
_OPS = {"=": "=", "<=": "<=", "≤": "<=", ">=": ">=", "≥": ">="}


class RuleSyntaxError(ValueError):
    pass


def parse_rule(text: str, own_form: str) -> tuple[tuple[Term, ...], str, tuple[Term, ...]]:
    """Split a rule into its left terms, operator and right terms."""
    sides: list[list[Term]] = [[]]
    op = None
    pos = 0
    sign = 1
    in_sum = False
    expecting_term = True
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise RuleSyntaxError(f"无法解析规则“{text}”：第 {pos + 1} 个字符附近")
        pos = m.end()
        if m.group("op"):
            if op is not None or expecting_term:
                raise RuleSyntaxError(f"规则“{text}”的比较符位置不对")
            op = _OPS[m.group("op")]
            sides.append([])
            sign, expecting_term = 1, True
        elif m.group("sign"):
            sign, expecting_term = (-1 if m.group("sign") == "-" else 1), True
        elif m.group("sum"):
            in_sum = True
        elif m.group("close"):
            if not in_sum:
                raise RuleSyntaxError(f"规则“{text}”的括号不配对")
            in_sum = False
        else:
            row = m.group("row")
            if row.startswith("#") and not in_sum:
                raise RuleSyntaxError(f"规则“{text}”中按标签取多行（{row}）须写在 sum(…) 里")
            sides[-1].append(
                Term(sign, m.group("form") or own_form, row, m.group("col"), in_sum)
            )
            sign, expecting_term = 1, False
    if op is None or len(sides) != 2 or not sides[0] or not sides[1] or expecting_term:
        raise RuleSyntaxError(f"规则“{text}”须写成“左边 比较符 右边”")
    if in_sum:
        raise RuleSyntaxError(f"规则“{text}”的 sum( 没有闭合")
    return tuple(sides[0]), op, tuple(sides[1])
