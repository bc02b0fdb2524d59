"""Whose figures a table holds: the 单位 and 年度 its own lines state, against those most of the
workbook's tables state. A table of another unit or year (kept beside for comparison, or copied in by
mistake) is not read into this one's figures: it is named instead."""

from __future__ import annotations

from collections import Counter

from desktop.core.excel.printed_lines import unit_facts
from desktop.core.excel.reading import text_of
from desktop.core.excel.tables import Block, is_meta_row, norm

# Rows under a title that may hold its unit line (title, 公开0X表 label, a blank, the line).
_LINES_REACH = 6


def stated_owner(grid: dict, block: Block) -> tuple[str, str]:
    """(单位名称, 年度) as the block's title and unit lines state them; "" for what they do not say."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for (r, c), value in grid.items():
        if block.first <= r <= min(block.last, block.first + _LINES_REACH):
            rows.setdefault(r, []).append((c, text_of(value)))
    facts: dict[str, str] = {}
    for r, cells in sorted(rows.items()):
        texts = [t for _, t in sorted(cells)]
        if r in block.anchors or is_meta_row(texts):
            unit_facts(texts, facts)
    return norm(facts.get("单位名称", "")), facts.get("年度", "")


def file_owner(owners: list[tuple[str, str]]) -> tuple[str, str]:
    """The 单位 and the 年度 most tables state: whom the workbook is about."""
    units = Counter(u for u, _ in owners if u)
    years = Counter(y for _, y in owners if y)
    return (units.most_common(1)[0][0] if units else "", years.most_common(1)[0][0] if years else "")


def stranger(owner: tuple[str, str], of_file: tuple[str, str]) -> str | None:
    """Why a table is another's (“2023年度的表”, “单位“X”的表”), or None when it is the file's own.
    A name that holds the other (…局 and …局（本级）) is the same unit."""
    unit, year = owner
    if year and of_file[1] and year != of_file[1]:
        return f"{year}年度的表（本工作簿为{of_file[1]}年度）"
    if unit and of_file[0] and unit not in of_file[0] and of_file[0] not in unit:
        return f"“{unit}”的表（本工作簿为“{of_file[0]}”）"
    return None
