"""A whole and every one of its parts stated in one section (基本支出 X，其中：人员经费 Y、公用经费 Z):
parts that do not add up to the whole are a contradiction of the text itself, whatever the tables say."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.narrative.findings import CENT, show
from desktop.core.narrative.numbers import ROUNDING


def check_sums(check, section: dict, where: dict, sums: dict[str, list[str]]) -> None:
    """Report, at the whole's figure, each whole of `sums` whose parts the section (`section`:
    name -> Stated, with the paragraph `check` just read in it; `where`: name -> the paragraph's
    reader that stated it) has now all stated and whose sum is not the whole; a whole completed in
    an earlier paragraph was judged there."""
    for whole, parts in sums.items():
        names = [whole, *parts]
        said = [section.get(name) for name in names]
        if any(s is None or s.actual is None for s in said):
            continue
        if not any(n in check.stated and check.stated[n].actual for n in names):
            continue
        total = said[0].actual[0]
        added = sum((s.actual[0] for s in said[1:]), Decimal(0))
        # Each figure is rounded to the cent (or to its 亿元 place) on its own.
        tolerance = max(CENT, ROUNDING * len(names)) + sum((s.actual[1].spread for s in said), Decimal(0))
        if abs(total - added) <= tolerance:
            continue
        terms = " + ".join(f"{name} {show(s.actual[0])}" for name, s in zip(parts, said[1:]))
        where[whole]._report(
            "说明-自相矛盾", said[0].actual[1],
            f"{whole}：说明为 {show(total)} 万元，而其中 {terms} = {show(added)} 万元",
            total, added, tolerance, (),
        )
