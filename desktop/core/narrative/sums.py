"""A whole and every one of its parts stated in one section (基本支出 X，其中：人员经费 Y、公用经费 Z):
parts that do not add up to the whole are a contradiction of the text itself, whatever the tables say."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from desktop.core.narrative.findings import CENT, show
from desktop.core.narrative.numbers import ROUNDING

WHOLE_WAN = Decimal("0.5")  # how far a figure written in whole 万元 may lie from the exact one


def check_sums(section: dict, where: dict, sums: dict[str, list[str]]) -> None:
    """At the end of a section (`section`: name -> Stated; `where`: name -> the paragraph's reader
    that stated it), one finding per whole of `sums` whose parts were all stated and do not add up:
    at the figure two such sums share (“4.647万元”, the whole of one and a part of another), else at
    the whole's figure."""
    failing = []
    for whole, parts in sums.items():
        said = [section.get(name) for name in (whole, *parts)]
        if any(s is None or s.actual is None for s in said):
            continue
        total = said[0].actual[0]
        added = sum((s.actual[0] for s in said[1:]), Decimal(0))
        # Each figure is rounded to the cent (or to its 亿元 place) on its own; a text that writes the
        # whole and every part in whole 万元 rounds each to the 万元 (“2364万元，其中12、995、1356万元”).
        whole_wan = all(s.actual[1].decimals == 0 and s.actual[1].unit == "万元" for s in said)
        tolerance = max(CENT, (WHOLE_WAN if whole_wan else ROUNDING) * len(said)) + sum(
            (s.actual[1].spread for s in said), Decimal(0))
        if abs(total - added) > tolerance:
            failing.append((whole, parts, said, total, added, tolerance))
    counts = Counter(name for whole, parts, *_ in failing for name in (whole, *parts))
    reported = set()
    for whole, parts, said, total, added, tolerance in failing:
        at = next((name for name in (whole, *parts) if counts[name] > 1), whole)
        if at in reported:
            continue
        reported.add(at)
        terms = " + ".join(f"{name} {show(s.actual[0])}" for name, s in zip(parts, said[1:]))
        where[at]._report(
            "说明-自相矛盾", section[at].actual[1],
            f"{whole}：说明为 {show(total)} 万元，而其中 {terms} = {show(added)} 万元",
            total, added, tolerance, (),
        )
