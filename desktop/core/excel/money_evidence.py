"""Tables that state no 金额单位 (no unit line, no unit in a header, the page header or the sheet's
name): 元 or 万元 is read from the figures they share with tables that do state theirs (a total one
table carries is a line of another), and when nothing tells, the workbook's own unit or 万元 is taken
and the tables are named: a figure is never multiplied, or left 10,000 times too large, in silence."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.excel.foreign_result import Result
from desktop.core.excel.reading import Warning_
from desktop.core.money import CENT

_UNITS = ("万元", "元")
# An amount the 情况说明 quotes with its unit: “本年收入合计73,687.35万元”.
_QUOTED = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|元)")
# Shared figures one reading must find before it is taken, and how many times the other's it must be:
# a few large 万元 figures divided by 10,000 can meet a small one by chance, never a table's worth.
_LEAST = 2
_MARGIN = 2
# A figure that read as 万元 would pass 一万亿元: more than any one budget unit's whole year (the largest
# central departments' 决算 are a few thousand 亿元), so the workbook's figures are in 元.
_BEYOND_ANY_BUDGET = Decimal(10) ** 8


def settle_unstated(result: Result, narrative: str = "") -> None:
    """Gives each table of figures with no stated 金额单位 the one its shared figures confirm (with a table
    that states its unit, or with the amounts the 情况说明 quotes in 万元 or 元); warns of the rest, in
    one sentence for the workbook, saying how they are read."""
    amounts = _amounts(result)
    unstated = [f for f in sorted(amounts) if not result.money.get(f) and f not in result.printed_in]
    if not unstated:
        return
    witness = {v for form, unit in result.money.items() if unit for v in _in_wan(amounts.get(form, ()), unit)}
    for figure, unit in _QUOTED.findall(narrative):
        witness |= _in_wan({Decimal(figure.replace(",", "").replace("，", ""))}, unit)
    stated = [u for u in result.money.values() if u]
    workbook = max(_UNITS, key=lambda u: (stated.count(u), u == "万元"))
    decided: dict[str, str] = {}
    for form in unstated:
        votes = {unit: len(_in_wan(amounts[form], unit) & witness) for unit in _UNITS}
        best, other = sorted(_UNITS, key=votes.__getitem__, reverse=True)
        if votes[best] >= _LEAST and votes[best] > votes[other] * _MARGIN:
            decided[form] = best
    for form, unit in decided.items():
        result.money[form] = unit
        result.money_origin[form] = _first_figure(result, form)
        if unit != result.sheet_money.get(form, workbook):  # what it would be read as anyway needs no word
            result.warnings.append(Warning_(*result.money_origin[form], (
                f"{form}表未注明金额单位；其数字与注明单位的表或情况说明所引金额相同之处，按{unit}读才相符，读作{unit}，请核对")))
    for beside, host in result.printed_in.items():
        if host in decided and not result.money.get(beside):
            result.money[beside] = decided[host]
    # A table under another on its sheet that states the unit is printed in it, unless its figures said otherwise.
    for form in (f for f in unstated if f not in decided and f in result.sheet_money):
        result.money[form] = decided[form] = result.sheet_money[form]
    left = [f for f in unstated if f not in decided]
    if not left:
        return
    sheet, cell = _first_figure(result, left[0])
    if known := [u for u in result.money.values() if u]:  # stated, or told by the figures above
        unit = max(_UNITS, key=lambda u: (known.count(u), u == "万元"))
        why = f"与注明单位的表、情况说明都没有可以印证的相同数字，按本工作簿其他表的{unit}读取"
    elif max(v for form in left for v in amounts[form]) >= _BEYOND_ANY_BUDGET:
        for form in left:
            result.money[form], result.money_origin[form] = "元", _first_figure(result, form)
        why = "工作簿中没有一张表注明金额单位；按万元读，最大的数字超过一万亿元，不会是一个单位的决算，按元读取"
    else:
        why = "工作簿中没有一张表注明金额单位，无从判断是元还是万元，按万元读取"
    result.warnings.append(Warning_(sheet, cell, f"{'、'.join(left)}表未注明金额单位，{why}，请核对"))


def _amounts(result: Result) -> dict[str, set[Decimal]]:
    """Each form's amounts other than 0, in its table's unit (no count, no row in a unit of its own)."""
    amounts: dict[str, set[Decimal]] = {}
    for ref, value in result.cells.items():
        if value and ref not in result.counts and ref not in result.cell_money:
            amounts.setdefault(ref.form, set()).add(value)
    return amounts


def _in_wan(values, unit: str) -> set[Decimal]:
    """The figures as 万元 to the cent, as the tables in 万元 print them (a 元 figure's cents round away)."""
    if unit == "万元":
        return {v.quantize(CENT, rounding=ROUND_HALF_UP) for v in values}
    return {q for v in values if (q := (v / 10000).quantize(CENT, rounding=ROUND_HALF_UP))}


def _first_figure(result: Result, form: str) -> tuple[str, str]:
    """Where the table's first figure read is (figures are kept in the order read)."""
    return next(where for ref, where in result.origin.items() if ref.form == form)
