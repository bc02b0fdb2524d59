"""Whose figures a table holds: the 单位 and 年度 its own lines state, against those most of the
workbook's tables state. A table of another unit or year (kept beside for comparison, or copied in by
mistake) is not read into this one's figures: it is named instead."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.excel.printed_lines import unit_facts
from desktop.core.excel.reading import ExcelError, text_of
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


@dataclass
class OwnerSet:
    """The tables of one unit and one year in a workbook: what the file may be about."""

    unit: str
    year: str
    sheets: list[str] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    tables: int = 0  # a form printed twice (a repeat of the file's own table) counts twice

    def weight(self) -> tuple[int, int]:
        return len(self.forms), self.tables

    def describe(self) -> str:
        whose = " ".join(filter(None, (f"“{self.unit}”" if self.unit else "", f"{self.year}年度" if self.year else "")))
        return f"{whose}：工作表 {'、'.join(self.sheets)}，{len(self.forms)} 张表"


class SetsToChoose(ExcelError):
    """Two or more sets of tables (other units or years), none more complete: which one is the file's
    own cannot be told, and mixing them would be worse than asking."""

    def __init__(self, message: str, sets: list[OwnerSet]):
        super().__init__(message)
        self.sets = sets


def owner_sets(blocks: list[tuple[str, str, tuple[str, str]]]) -> list[OwnerSet]:
    """The sets that (sheet, form, (单位, 年度)) of each table make: tables stating both a unit and a
    year first, then those stating one of them, joined to the one set they fit (a set of their own
    when none fits, left out when several do)."""
    sets: list[OwnerSet] = []
    for full in (True, False):
        for sheet, form, owner in blocks:
            if not any(owner) or all(owner) != full:
                continue
            fits = [s for s in sets if stranger(owner, (s.unit, s.year)) is None]
            if not fits:
                fits = [OwnerSet(*owner)]
                sets.append(fits[0])
            if len(fits) == 1:
                fits[0].forms.add(form)
                fits[0].tables += 1
                if sheet not in fits[0].sheets:
                    fits[0].sheets.append(sheet)
    return sets


def file_owner(sets: list[OwnerSet], choice: str | None, path) -> tuple[str, str]:
    """The 单位 and 年度 of the set the workbook is about: the one `choice` names (its number in the
    list, its unit's name or its year), else the most complete set (most forms, then most tables: a
    repeated table of the file's own counts). Raises SetsToChoose when no set
    is more complete than another, or when the choice names none or several."""
    listing = "\n".join(f"  {i}. {s.describe()}" for i, s in enumerate(sets, 1))
    where = f"工作簿“{path}”中" if path else "文件中"
    if choice:
        chosen = next((
            found for found in (
                [s for i, s in enumerate(sets, 1) if choice == str(i)],
                [s for s in sets if choice == s.year],
                [s for s in sets if s.unit and choice in s.unit],
            ) if found
        ), [])
        if len(chosen) != 1:
            how = "没有对应的一套" if not chosen else "对应不止一套"
            raise SetsToChoose(f"{where}，“{choice}”{how}表：\n{listing}", sets)
        return chosen[0].unit, chosen[0].year
    ranked = sorted(sets, key=lambda s: s.weight(), reverse=True)
    if len(ranked) > 1 and ranked[0].weight() == ranked[1].weight():
        raise SetsToChoose(
            f"{where}有 {len(sets)} 套同样完整的表，属于不同的单位或年度，不能混在一起导入：\n{listing}", sets,
        )
    return (ranked[0].unit, ranked[0].year) if ranked else ("", "")


def stranger(owner: tuple[str, str], of_file: tuple[str, str]) -> str | None:
    """Why a table is another's (“2023年度的表”, “单位“X”的表”), or None when it is the file's own.
    A name that holds the other (…局 and …局（本级）) is the same unit."""
    unit, year = owner
    if year and of_file[1] and year != of_file[1]:
        return f"{year}年度的表（本工作簿为{of_file[1]}年度）"
    if unit and of_file[0] and unit not in of_file[0] and of_file[0] not in unit:
        return f"“{unit}”的表（本工作簿为“{of_file[0]}”）"
    return None
