"""Workbooks as other regions print them, made from a workspace, and how well they import.

`Variant` is one combination of layout variations; `build(ws, variant, path)` writes the
workbook (no hidden _juesuan sheet) and returns the figures it shows; `measure(source, path,
expected, folder)` imports it and counts placed, wrong and missing figures, warnings and 错误
findings the source does not have. `corpus()` is the fixed list of combinations the tests and
bench/import_corpus.py run. Nothing here knows a seed's figures: every variation is a
transformation of the printed layout.
"""

from __future__ import annotations

import copy
import functools
import io
import random
import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl

from desktop.core.definitions import CellRef, load_forms
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from factory import imported_workspace
from desktop.core.excel.meta import SHEET
from desktop.core.snapshot import Snapshot, create
from desktop.core.workspace import Workspace

CHOICES = {
    "arrangement": ("sheets", "one", "reversed"),
    "toc": (True, False),
    "income_words": ("收入", "bare", "bare_all"),
    "lanci": ("labelled", "numbers", "absent"),
    "line": ("as_is", "none", "renumbered"),
    "sangong": ("rows", "twelve"),
    "groups06": (3, 4, 1),  # 1: one long list
    "page_break": (False, True),
    "blanks": (False, True),
    "figures": ("numbers", "text"),
    "tail_lines": (False, True),
    "extra_sheet": (False, True),
    "codes": ("column", "parts", "in_name"),
    "unit_line": ("编制部门", "单位名称", "部门名称", "one_cell", "填报单位", "two_rows", "label_cell", "page_header"),
    "empty_note": ("toc", "under", "note_line", "first_row"),
    "omit": ("", "公开05", "公开03"),  # one table left out of the workbook
    # Printed as other programs and hands print them:
    "blank_as": ("none", "-", "—", "－", "0.00", "empty", "/"),  # what a blank figure cell holds
    "negatives": ("minus", "paren", "triangle"),  # -12.30, (12.30), △12.30
    "header_breaks": (False, True),  # "决算\n数", "合　计", "项 目"
    "title": ("plain", "year", "unit_year"),  # 2024年度收入支出决算总表, 某某局2024年收入决算表
    "label": ("公开01表", "公开表01", "附表1", "表一", "none"),
    "money": ("万元", "元", "元_some"),  # every table in 元, or 公开06, 公开09 and 公开10 only
    "sheet_names": ("表N", "pinyin", "numbered"),
    "hidden": ("none", "stale", "empty"),  # a hidden sheet with an old copy of 公开01; empty tables' sheets hidden
    "contents": (False, True),  # a 目录 sheet listing the tables by name, no 是否空表 column
    "merge_stub": (False, True),  # 类 rows as "201 一般公共服务支出" merged over the code and name columns
    "total_at": ("first", "last"),  # the 合计 row of a coded table
    "page_totals": (False, True),  # 本页小计 at a page break and 累计 at the end
}


@dataclass(frozen=True)
class Variant:
    arrangement: str = "sheets"
    toc: bool = True
    income_words: str = "收入"
    lanci: str = "labelled"
    line: str = "as_is"
    sangong: str = "rows"
    groups06: int = 3
    page_break: bool = False
    blanks: bool = False
    figures: str = "numbers"
    tail_lines: bool = False
    extra_sheet: bool = False
    codes: str = "column"
    unit_line: str = "编制部门"
    empty_note: str = "toc"
    omit: str = ""
    blank_as: str = "none"
    negatives: str = "minus"
    header_breaks: bool = False
    title: str = "plain"
    label: str = "公开01表"
    money: str = "万元"
    sheet_names: str = "表N"
    hidden: str = "none"
    contents: bool = False
    merge_stub: bool = False
    total_at: str = "first"
    page_totals: bool = False

    def name(self) -> str:
        default = Variant()
        changed = [f"{k}={v}" for k, v in asdict(self).items() if getattr(default, k) != v]
        return ",".join(changed) or "export"


def corpus() -> list[Variant]:
    """Each variation on its own, then mixed combinations (a fixed seed: the same list every run)."""
    singles = [Variant()]
    for key, values in CHOICES.items():
        for value in values[1:]:
            singles.append(Variant(**{key: value}))
    rng = random.Random(2024)
    mixed = [random_variant(rng) for _ in range(20)]
    # A few hand-picked hard ones: the national layout, no 行次, bare 栏次 numbers, page breaks.
    mixed.append(Variant("one", False, "bare", "numbers", "none", "twelve", 4, True, True, "text", True, True,
                         "parts", "one_cell", "under"))
    mixed.append(Variant("reversed", False, "bare", "absent", "renumbered", "twelve", 3, True, False, "text", False,
                         False, "in_name", "填报单位", "first_row"))
    # Everything a hand-made workbook from elsewhere does at once.
    mixed.append(Variant("one", False, "bare", "numbers", "none", "twelve", 1, True, True, "text", True, True,
                         "column", "page_header", "under", blank_as="—", negatives="triangle", header_breaks=True,
                         title="unit_year", label="表一", money="元_some", sheet_names="numbered", hidden="stale",
                         contents=True, merge_stub=True, total_at="last", page_totals=True))
    mixed.append(Variant("sheets", False, "bare_all", "absent", "renumbered", "rows", 4, True, False, "numbers",
                         False, False, "parts", "two_rows", "first_row", "公开03", blank_as="0.00", negatives="paren",
                         header_breaks=True, title="year", label="附表1", money="元", sheet_names="pinyin",
                         hidden="empty", contents=True, total_at="last", page_totals=True))
    return singles + mixed


def random_variant(rng: random.Random) -> Variant:
    return Variant(**{k: rng.choice(v) for k, v in CHOICES.items()})


# ---------------------------------------------------------------------------------- blocks


@dataclass
class Block:
    """One printed table: rows of values (columns from 1), merged ranges (r1, c1, r2, c2) from row 0."""

    form: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    head: int = 3  # first header row (after title, 公开0X表 label, unit line)
    body: int = 0  # first body row
    end: int = 0  # one past the last body row
    page_header: str = ""  # the unit line printed in the sheet's page header instead of on the sheet
    untitled: bool = False  # printed with no title and no 公开0X表 label: the header rows and figures alone
    beside: bool = False  # printed to the right of the table before it, on the same rows, a column between
    dropped: set = field(default_factory=set)  # cells the reshaped layout does not print (CellRef)

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int):
        row = self.rows[r]
        return row[c - 1] if c - 1 < len(row) else None

    def set(self, r: int, c: int, value) -> None:
        row = self.rows[r]
        while len(row) < c:
            row.append(None)
        row[c - 1] = value

    def delete_row(self, r: int) -> None:
        del self.rows[r]
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if r1 <= r <= r2:
                r2 -= 1
                if r2 < r1:
                    continue
            elif r1 > r:
                r1, r2 = r1 - 1, r2 - 1
            merges.append((r1, c1, r2, c2))
        self.merges = merges
        self.body -= r < self.body
        self.end -= r < self.end

    def insert_rows(self, at: int, rows: list[list], merges=()) -> None:
        n = len(rows)
        self.rows[at:at] = [list(r) for r in rows]
        self.merges = [(r1 + n * (r1 >= at), c1, r2 + n * (r2 >= at), c2) for r1, c1, r2, c2 in self.merges]
        self.merges += [(r1 + at, c1, r2 + at, c2) for r1, c1, r2, c2 in merges]
        self.body += n * (at < self.body)
        self.end += n * (at <= self.end)

    def delete_column(self, c: int) -> None:
        for row in self.rows[self.head:]:
            if c - 1 < len(row):
                del row[c - 1]
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if r1 < self.head:
                merges.append((r1, c1, r2, c2))
                continue
            if c1 <= c <= c2:
                c2 -= 1
                if c2 < c1:
                    continue
            elif c1 > c:
                c1, c2 = c1 - 1, c2 - 1
            if (r1, c1) != (r2, c2):
                merges.append((r1, c1, r2, c2))
        self.merges = merges

    def insert_columns(self, c: int, n: int) -> None:
        """n empty columns before column c."""
        for row in self.rows[self.head:]:
            if c - 1 <= len(row):
                row[c - 1:c - 1] = [None] * n
        self.merges = [
            (r1, c1 + n * (c1 >= c and r1 >= self.head), r2, c2 + n * (c2 >= c and r1 >= self.head))
            for r1, c1, r2, c2 in self.merges
        ]

    def header_columns(self, word: str) -> list[int]:
        return sorted({c for r in range(self.head, self.body) for c in range(1, self.width() + 1)
                       if _plain(self.cell(r, c)) == word})

    def merged_value(self, r: int, c: int):
        for r1, c1, r2, c2 in self.merges:
            if r1 <= r <= r2 and c1 <= c <= c2:
                return self.cell(r1, c1)
        return self.cell(r, c)


def _plain(value) -> str:
    return "" if value is None else "".join(str(value).split())


_CUT: dict[Path, tuple[list[list], list[Block]]] = {}


def _blocks_of(ws: Workspace, folder: Path) -> tuple[list[list], list[Block]]:
    """The workspace's own export, cut into its 目录 and one block per table (a fresh copy each time)."""
    path = folder / f"_export_{id(ws)}.xlsx"
    if path not in _CUT:
        _CUT[path] = _cut(ws, path)
    return copy.deepcopy(_CUT[path])


def _cut(ws: Workspace, path: Path) -> tuple[list[list], list[Block]]:
    write_workbook(ws, path)
    book = openpyxl.load_workbook(path)
    toc = [list(r) for r in book["目录"].iter_rows(values_only=True)]
    blocks = []
    for sheet in book.worksheets:
        if sheet.title in ("目录", SHEET) or not sheet.title.startswith("公开"):
            continue
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        merges = [(m.min_row - 1, m.min_col, m.max_row - 1, m.max_col) for m in sheet.merged_cells.ranges]
        block = Block(sheet.title, rows, merges)
        block.body = _first_body_row(block)
        block.end = next((r for r in range(len(rows) - 1, block.body - 1, -1) if not _plain_text(rows[r]).startswith("注")
                          and any(v is not None for v in rows[r])), block.body - 1) + 1
        blocks.append(block)
    return toc, blocks


def _plain_text(row) -> str:
    return "".join(_plain(v) for v in row)


def _first_body_row(block: Block) -> int:
    for r in range(block.head, len(block.rows)):
        if any(_plain(v) == "栏次" for v in block.rows[r]):
            return r + 1
    # 公开06 has no 栏次 row: its header is one row.
    return block.head + 1


# ------------------------------------------------------------------------------ variations


def _bare_income(block: Block, everywhere: bool) -> None:
    """The national layout: 公开04's income items printed without 收入; with `everywhere`, the
    公开01/04 items of both sides without 收入 or 支出 too ("一般公共服务", "事业")."""
    if block.form not in ("公开04", "公开01") or block.form == "公开01" and not everywhere:
        return
    columns = block.header_columns("项目") or [1]
    for c in columns:
        for r in range(block.body, block.end):
            text = block.cell(r, c)
            if not isinstance(text, str) or "合计" in text or "总计" in text or "结余" in text:
                continue
            if text.endswith("财政拨款收入") or everywhere and text.endswith(("收入", "支出")) and len(text) > 6:
                block.set(r, c, text[:-2])


def _lanci(block: Block, how: str) -> None:
    rows = [r for r in range(block.head, block.body) if any(_plain(v) == "栏次" for v in block.rows[r])]
    for r in rows:
        if how == "absent":
            block.delete_row(r)
            continue
        for c in range(1, block.width() + 1):
            if _plain(block.cell(r, c)) == "栏次":
                block.set(r, c, None)
                block.merges = [m for m in block.merges if (m[0], m[1]) != (r, c)]


def _line(block: Block, how: str) -> None:
    columns = block.header_columns("行次")
    if how == "none":
        for c in reversed(columns):
            block.delete_column(c)
        return
    for side, c in enumerate(columns):
        number = 1 if side == 0 else 32
        for r in range(block.body, block.end):
            if _plain(block.cell(r, c)).isdigit():
                block.set(r, c, str(number))
                number += 1


def _codes(block: Block, how: str) -> None:
    columns = block.header_columns("科目代码")
    if block.form == "公开06" or len(columns) != 1:
        return
    (c,) = columns
    if how == "in_name":
        for r in range(block.body, block.end):
            code, name = _plain(block.cell(r, c)), block.cell(r, c + 1)
            if code.isdigit():
                block.set(r, c + 1, f"{code} {name}")
        header = next(r for r in range(block.head, block.body) if _plain(block.cell(r, c)) == "科目代码")
        block.set(header, c + 1, "科目名称")
        for r in range(block.body, block.end):
            if not _plain(block.cell(r, c)).isdigit() and block.cell(r, c + 1) is None:
                block.set(r, c + 1, block.cell(r, c))  # 合计 printed in the merged stub
        block.merges = [m for m in block.merges if not (m[1] == c and m[0] >= block.body)]
        block.delete_column(c)
        return
    header = next(r for r in range(block.head, block.body) if _plain(block.cell(r, c)) == "科目代码")
    block.insert_columns(c + 1, 2)
    for r in range(block.body, block.end):
        code = _plain(block.cell(r, c))
        if code.isdigit():
            parts = [code[:3], code[3:5] or None, code[5:7] or None]
            for i, part in enumerate(parts):
                block.set(r, c + i, part)
    block.merges = [m for m in block.merges if not (m[1] == c and m[0] >= block.body)]
    # 科目编码 over 类/款/项: one more header row.
    block.insert_rows(header + 1, [[None] * block.width()])
    block.set(header, c, "科目编码")
    block.merges.append((header, c, header, c + 2))
    for i, word in enumerate(("类", "款", "项")):
        block.set(header + 1, c + i, word)
    block.set(header + 1, c + 3, block.cell(header, c + 3))  # 科目名称 spans both header rows
    block.merges.append((header, c + 3, header + 1, c + 3))
    for c2 in range(c + 4, block.width() + 1):  # value headers of the last row reach down
        if block.cell(header, c2) is not None:
            block.merges.append((header, c2, header + 1, c2))
    # A header cell merged down from the row above now covers the new row too.
    block.merges = [
        (r1, c1, r2 + 1, c2) if r1 < header and r2 == header and c1 > c + 3 else (r1, c1, r2, c2)
        for r1, c1, r2, c2 in block.merges
    ]
    _dedupe(block)


def _dedupe(block: Block) -> None:
    seen, merges = set(), []
    for m in block.merges:
        cells = {(r, c) for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}
        if cells & seen:
            continue
        seen |= cells
        merges.append(m)
    block.merges = merges


def _regroup06(block: Block, groups: int) -> None:
    if block.form != "公开06" or groups == 3:
        return
    width = 3
    old = block.width() // width
    entries, footer = [], []
    for g in range(old):
        for r in range(block.body, block.end):
            code, name, value = (block.cell(r, g * width + i) for i in (1, 2, 3))
            if code is None and name is None:
                continue
            if code is not None and not _plain(code).isdigit() or "合计" in _plain(code):
                footer.append((code, value))
            else:
                entries.append((code, name, value))
    per = -(-len(entries) // groups)
    head = block.rows[: block.body]
    tail = block.rows[block.end:]
    body = [[None] * (groups * width) for _ in range(per)]
    for i, entry in enumerate(entries):
        g, r = divmod(i, per)
        body[r][g * width: g * width + 3] = list(entry)
    header = [v for _ in range(groups) for v in ("科目代码", "科目名称", "决算数")]
    head = [list(r) for r in head[: block.head]] + [header]
    if groups == 1:  # one long list: each total on its own line under it
        feet = [[label, None, value] for label, value in footer]
        block.rows = head + body + feet + tail
        block.merges = [(r, 1, r, width) for r in (0, 1)]
        block.merges += [(len(head) + per + i, 1, len(head) + per + i, 2) for i in range(len(feet))]
        block.body, block.end = len(head), len(head) + per + len(feet)
        return
    foot = [None] * (groups * width)
    for g, (label, value) in enumerate(footer):
        foot[g * width], foot[g * width + 2] = label, value
    block.rows = head + body + [foot] + tail
    block.merges = [(r, 1, r, groups * width) for r in (0, 1)]
    block.merges += [(len(head) + per, g * width + 1, len(head) + per, g * width + 2) for g in range(len(footer))]
    block.body, block.end = len(head), len(head) + per + 1


def _twelve(block: Block, dropped: set[CellRef]) -> None:
    """三公 as one row of twelve columns (six 预算数, six 决算数), without 会议费 and 培训费."""
    if block.form != "公开09":
        return
    values = {}
    keys = ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    header_cols = {}
    for c in range(1, block.width() + 1):
        for r in range(block.head, block.body - 1):  # not the 栏次 row
            text = _plain(block.merged_value(r, c))
            header_cols.setdefault(c, []).append(text)
    by_key = {}
    for c, path in header_cols.items():
        last = path[-1]
        for key in ("会议费", "培训费", "合计", "因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"):
            if last == key:
                by_key[key] = c
        if last == "小计":
            by_key["公务用车购置及运行维护费小计"] = c
    for r in range(block.body, block.end):
        row_name = _plain(block.cell(r, 1))
        for key, c in by_key.items():
            values[(row_name, key)] = block.cell(r, c)
    for key in ("会议费", "培训费"):
        dropped |= {CellRef("公开09", "预算数", key), CellRef("公开09", "决算数", key)}
    top = block.rows[: block.head]
    rows = [list(r) + [None] * (12 - len(r)) for r in top]
    rows.append(["预算数"] + [None] * 5 + ["决算数"] + [None] * 5)
    rows.append(["合计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费"] * 2)
    rows.append([None, None, "小计", "公务用车购置费", "公务用车运行维护费", None] * 2)
    rows.append([str(i) for i in range(1, 13)])
    rows.append([values.get((side, key)) for side in ("预算数", "决算数") for key in keys])
    h = block.head
    merges = [(0, 1, 0, 12), (1, 1, 1, 12), (h, 1, h, 6), (h, 7, h, 12)]
    for g in (0, 6):
        merges += [(h + 1, g + 1, h + 2, g + 1), (h + 1, g + 2, h + 2, g + 2), (h + 1, g + 3, h + 1, g + 5),
                   (h + 1, g + 6, h + 2, g + 6)]
    tail = block.rows[block.end:]
    block.rows = rows + tail
    block.merges = merges
    block.body, block.end = h + 4, h + 5


def _page_break(block: Block) -> None:
    """The header printed again in the middle of a long table, as a PDF page break leaves it."""
    if block.end - block.body < 8:
        return
    at = block.body + (block.end - block.body) // 2
    header = [list(r) for r in block.rows[block.head: block.body]]
    merges = [(r1 - block.head, c1, r2 - block.head, c2) for r1, c1, r2, c2 in block.merges
              if block.head <= r1 and r2 < block.body]
    block.insert_rows(at, header, merges)


FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _as_text(block: Block, salt: int) -> None:
    """Figures typed as text: thousands separators, stray spaces, full-width digits."""
    k = salt
    for r in range(block.body, block.end):
        for c in range(1, block.width() + 1):
            value = block.cell(r, c)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                k += 1
                text = f"{value:,.2f}"
                block.set(r, c, (f" {text} ", text.translate(FULL), text.replace(",", ", "), f"{value:.2f}")[k % 4])


def _unit_line(block: Block, how: str) -> None:
    r = 2
    text = _plain(block.cell(r, 1))
    name = text.split("：", 1)[-1]
    if how == "编制部门":
        return
    if how == "one_cell":
        year = block.cell(r, 3)
        money = next((v for v in block.rows[r][1:] if isinstance(v, str) and "单位：" in v), "金额单位：万元")
        for c in range(2, block.width() + 1):
            block.set(r, c, None)
        block.set(r, 1, f"编制单位：{name}　　　{year or ''}　　　　{money}")
        block.merges.append((r, 1, r, block.width()))
        _dedupe(block)
        return
    if how == "two_rows":  # the name on one line, 年度 and 金额单位 on the next
        rest = [None] + list(block.rows[r][1:])
        block.rows[r] = [f"编制单位：{name}"]
        block.merges = [m for m in block.merges if m[0] != r]
        block.insert_rows(r + 1, [rest])
        block.head += 1
        return
    if how == "label_cell":  # the caption in one cell, the name in the next
        block.merges = [m for m in block.merges if m[0] != r or m[1] > 2]
        block.set(r, 1, "编制单位：")
        block.set(r, 2, name)
        return
    if how == "page_header":  # printed in the page header, not on the sheet
        # A sheet has one page header: a table printed in another 金额单位 than the rest says so on the sheet.
        own = [v for v in block.rows[r][1:] if isinstance(v, str) and v.endswith("单位：元")]
        texts = [_plain(v) for v in block.rows[r][1:] if v is not None and v not in own]
        block.page_header = "　".join([f"编制单位：{name}", *texts, *(["金额单位：万元"] if own else [])])
        block.rows[r] = [None] * (len(block.rows[r]) - len(own)) + own
        block.merges = [m for m in block.merges if m[0] != r]
        return
    label = {"单位名称": "单位名称：", "部门名称": "部门名称 ", "填报单位": "填报单位:"}[how]
    block.set(r, 1, f"{label}{name}")


EMPTY_REASON = "说明：本单位本年度没有{}收入和支出，故本表无数据。"


def _empty_note(block: Block, how: str, note: str, mark: str = "none") -> None:
    fund = {"公开07": "政府性基金预算财政拨款", "公开08": "国有资本经营预算财政拨款"}.get(block.form, "财政拨款")
    if how == "under":
        block.insert_rows(block.end, [[EMPTY_REASON.format(fund)]])
    elif how == "note_line":
        r = next((r for r in range(block.end, len(block.rows)) if _plain_text(block.rows[r]).startswith("注")), None)
        if r is None:
            block.insert_rows(block.end, [["注：本表无数据。"]])
        else:
            block.set(r, 1, "注：此表为空表。" + str(block.cell(r, 1))[2:])
    elif how == "first_row":  # with the table's blank marks (0.00 too) in its figure cells
        row = ["本表为空表"] + [None] * (block.width() - 1)
        for c in _value_columns(block) - {1}:
            row[c - 1] = "" if mark in ("none", "empty") else mark
        block.insert_rows(block.body, [row])


def _tail(block: Block) -> None:
    block.rows += [["备注：数据来源于部门决算报表。"], ["制表人：张三", None, "审核人：李四", None, "填报日期：2025年3月"]]


STUB_WORDS = {"项目", "行次", "科目代码", "科目名称", "科目编码", "类", "款", "项", "栏次"}
CODED = ("公开02", "公开03", "公开05", "公开07", "公开08")


def _value_columns(block: Block) -> set[int]:
    """Columns whose header names a figure (not a stub column: 项目, 行次, 科目代码…)."""
    found = set()
    for c in range(1, block.width() + 1):
        texts = [_plain(block.merged_value(r, c)) for r in range(block.head, block.body)]
        texts = [t for t in texts if t and t != "栏次" and not t.isdigit()]
        if texts and texts[-1] not in STUB_WORDS:
            found.add(c)
    return found


def _labelled(block: Block, r: int, c: int, values: set[int]) -> bool:
    """Whether the stub to the left of value column c carries a label on row r (a row of this group)."""
    s = c - 1
    while s in values:
        s -= 1
    return s >= 1 and (block.cell(r, s) is not None or s > 1 and block.cell(r, s - 1) is not None)


def _blank_as(block: Block, mark: str) -> None:
    """Blank figure cells printed as "-", "—", "0.00", "" or "/": every one means nothing."""
    values = _value_columns(block)
    text = "" if mark == "empty" else mark
    for r in range(block.body, block.end):
        for c in values:
            if block.cell(r, c) is None and _labelled(block, r, c, values):
                block.set(r, c, text)


def _negatives(block: Block, how: str) -> None:
    """Negative figures as accountants print them: (12.30) or △12.30."""
    for r in range(block.body, block.end):
        for c in range(1, block.width() + 1):
            value = block.cell(r, c)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                value = f"{-value:,.2f}"
            elif isinstance(value, str) and value.strip().startswith("-") and len(value.strip()) > 1:
                value = value.strip()[1:]
            else:
                continue
            block.set(r, c, f"({value})" if how == "paren" else f"△{value}")


def _money(block: Block, forms: tuple[str, ...] | None) -> bool:
    """The table printed in 元 (figures × 10,000, the unit line saying so); True when this one was."""
    if forms is not None and block.form not in forms:
        return False
    units = block.header_columns("计量单位")  # a count (辆, 台) stays as it is; 万元 rows say 元
    for r in range(block.body, block.end):
        if units and _plain(block.cell(r, units[0])) != "万元":
            continue
        if units:
            block.set(r, units[0], "元")
        for c in range(1, block.width() + 1):
            value = block.cell(r, c)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                block.set(r, c, int(Decimal(repr(value)) * 10000))
    for r in range(0, block.head):
        for c in range(1, block.width() + 1):
            if isinstance(block.cell(r, c), str) and "万元" in block.cell(r, c):
                block.set(r, c, block.cell(r, c).replace("金额单位：万元", "单位：元"))
    return True


_BREAKS = ("\n", "　", " ")


def _header_breaks(block: Block) -> None:
    """Header words broken over two lines or spaced out, as a narrow column prints them; 合计/总计 spaced."""
    words = {block.cell(r, c) for r in range(block.head, block.body) for c in range(1, block.width() + 1)}
    words = {w for w in words if isinstance(w, str) and len(w) >= 2 and _plain(w) not in ("栏次",) and not w.isdigit()}
    k = 0
    for r in range(block.head, block.end):
        for c in range(1, block.width() + 1):
            value = block.cell(r, c)
            if value in words or value in ("合计", "总计") and r >= block.body:
                k += 1
                cut = len(value) // 2
                block.set(r, c, value[:cut] + _BREAKS[k % 3] + value[cut:])


NUMERALS = "〇一二三四五六七八九十"


def _title(block: Block, how: str, label: str, unit_name: str, year: str) -> None:
    title = block.cell(0, 1)
    if how == "year":
        block.set(0, 1, f"{year}年度{title}")
    elif how == "unit_year":
        block.set(0, 1, f"{unit_name}{year}年{title}")
    n = int(block.form[-2:])
    printed = {"公开01表": block.cell(1, 1), "公开表01": f"公开表{n:02d}", "附表1": f"附表{n}",
               "表一": f"表{NUMERALS[n]}", "none": None}[label]
    block.set(1, 1, printed)


def _total_last(block: Block) -> None:
    """The 合计 row printed under the 科目 rows instead of above them."""
    if block.form not in CODED:
        return
    r = next((r for r in range(block.body, block.end) if _plain(block.cell(r, 1)) == "合计"), None)
    if r is None or block.end - block.body < 2:
        return
    row = block.rows[r]
    merged = [m for m in block.merges if m[0] == r]
    block.delete_row(r)
    block.insert_rows(block.end, [row], [(0, m[1], 0, m[3]) for m in merged])


def _page_totals(block: Block) -> None:
    """本页小计 where a page ends and 累计 at the end: sums of the 类 rows above, never figures of a row."""
    if block.form not in CODED or block.end - block.body < 6:
        return
    values = _value_columns(block)

    def sums(first: int, last: int) -> list:
        row = [None] * block.width()
        for c in values:
            total = sum((Decimal(repr(v)) for r in range(first, last) if len(_plain(block.cell(r, 1))) == 3
                         and isinstance(v := block.cell(r, c), (int, float))), Decimal(0))
            row[c - 1] = float(total) if total else None
        return row

    start, middle = block.body, block.body + (block.end - block.body) // 2
    first = sums(start, middle)
    first[0] = "本页小计"
    block.insert_rows(middle, [first], [(0, 1, 0, 2)])
    whole = sums(start, block.end)
    page = sums(middle + 1, block.end)
    page[0], whole[0] = "本页小计", "累计"
    block.insert_rows(block.end, [page, whole], [(0, 1, 0, 2), (1, 1, 1, 2)])


def _merge_stub(block: Block) -> None:
    """A 类 row's code and name in one cell merged over both stub columns."""
    columns = block.header_columns("科目代码")
    if block.form not in CODED or len(columns) != 1:
        return
    (c,) = columns
    for r in range(block.body, block.end):
        code = _plain(block.cell(r, c))
        if code.isdigit() and len(code) == 3:
            block.set(r, c, f"{code} {block.cell(r, c + 1)}")
            block.set(r, c + 1, None)
            block.merges.append((r, c, r, c + 1))


PINYIN = {"公开01": "shouzhi_zongbiao", "公开02": "shouru", "公开03": "zhichu", "公开04": "caizheng_zongbiao",
          "公开05": "yiban_gonggong", "公开06": "jiben_zhichu", "公开07": "zhengfu_jijin", "公开08": "guoyou_ziben",
          "公开09": "sangong", "公开10": "xiangguan_xinxi"}


def _sheet_name(form: str, how: str, index: int) -> str:
    if how == "pinyin":
        return PINYIN.get(form, form)
    if how == "numbered":
        return f"Sheet{index + 1}"
    return f"表{form[-1]}"


# --------------------------------------------------------------------------------- writing


def build(ws: Workspace, variant: Variant, path: Path, reshape=None) -> set[CellRef]:
    """Writes the variant of `ws`'s tables to `path`; returns the cells the layout does not print.
    `reshape(block)`, when given, changes each table further (tests/layout_random.py)."""
    toc, blocks = _blocks_of(ws, path.parent)
    dropped: set[CellRef] = set()
    empty = {f for f, note in ws.notes.items() if note}
    listed = sorted(b.form for b in blocks)  # a 目录 lists every table, one left out of the workbook too
    if variant.omit:
        blocks = [b for b in blocks if b.form != variant.omit]
        dropped |= set(ws.structure.value_cells(variant.omit))
    stale = copy.deepcopy(next(b for b in blocks if b.form == "公开01")) if variant.hidden == "stale" else None
    unit_name, year = ws.unit.get("单位名称", ""), ws.unit.get("年度", "")
    for i, block in enumerate(blocks):
        if variant.sangong == "twelve":
            _twelve(block, dropped)
        _regroup06(block, variant.groups06)
        if variant.income_words != "收入":
            _bare_income(block, variant.income_words == "bare_all")
        if variant.total_at == "last":
            _total_last(block)
        if variant.page_totals:
            _page_totals(block)
        if variant.codes != "column":
            _codes(block, variant.codes)
        elif variant.merge_stub:
            _merge_stub(block)
        if variant.line != "as_is":
            _line(block, variant.line)
        if variant.blank_as != "none":
            _blank_as(block, variant.blank_as)
        if variant.money != "万元":
            _money(block, None if variant.money == "元" else ("公开06", "公开09", "公开10"))
        if variant.page_break:
            _page_break(block)
        if variant.lanci != "labelled":
            _lanci(block, variant.lanci)
        if variant.figures == "text":
            _as_text(block, i)
        if variant.negatives != "minus":
            _negatives(block, variant.negatives)
        if variant.header_breaks:
            _header_breaks(block)
        if reshape is not None:
            reshape(block)
            dropped |= block.dropped
        _title(block, variant.title, variant.label, unit_name, year)
        if block.untitled:
            block.rows[0], block.rows[1] = [], []
        _unit_line(block, variant.unit_line)
        if block.form in empty and (variant.empty_note != "toc" or not variant.toc):
            # Without a 目录 the reason is printed with its table.
            _empty_note(block, "under" if variant.empty_note == "toc" else variant.empty_note, ws.notes[block.form],
                        variant.blank_as)
        if variant.tail_lines:
            _tail(block)
        if variant.blanks:  # a blank row under the unit line and one before the 注
            block.insert_rows(block.end, [[]])
            block.insert_rows(block.head, [[]])
            block.head += 1
    if variant.arrangement == "reversed":
        blocks = blocks[::-1]
    book = openpyxl.Workbook()
    first = book.active
    if stale is not None:  # last year's 公开01 left in a hidden sheet, before the tables
        sheet = first
        sheet.title = "上年数据"
        for r in range(stale.body, stale.end):
            for c in range(1, stale.width() + 1):
                if isinstance(stale.cell(r, c), float):
                    stale.set(r, c, round(stale.cell(r, c) * 0.9, 2))
        _write_block(sheet, stale, 1)
        sheet.sheet_state = "hidden"
        first = None
    if variant.contents:
        sheet = book.create_sheet("目录") if first is None else first
        sheet.title = "表目录" if variant.toc and variant.empty_note == "toc" else "目录"
        _put(sheet, 1, ["目　录"])
        for r, form in enumerate(listed, start=2):
            n = int(form[-2:])
            _put(sheet, r, [f"{NUMERALS[n]}、", _forms()[form].title, f"公开{n:02d}表"])
        first = None
    if variant.toc and variant.empty_note == "toc":
        sheet = book.create_sheet("目录") if first is None else first
        sheet.title = "目录"
        for r, row in enumerate(toc, start=1):
            _put(sheet, r, row)
        first = None
    if variant.extra_sheet:
        extra = book.create_sheet("填报说明") if first is None else first
        extra.title = "填报说明"
        _put(extra, 1, ["填报说明"])
        _put(extra, 2, ["一、请按财政部统一格式填列。"])
        _put(extra, 3, ["联系人", "王五", "联系电话", "0912-3456789"])
        first = None
    if variant.arrangement == "one":
        sheet = book.create_sheet("决算公开表") if first is None else first
        sheet.title = "Sheet1" if variant.sheet_names == "numbered" else "决算公开表"
        top, height = 1, 0
        for i, block in enumerate(blocks):
            if block.beside and i:
                _write_block(sheet, block, top - height, _right_edge(blocks[i - 1]) + 2)
                top += max(0, len(block.rows) + (3 if variant.blanks else 1) - height)
                continue
            _write_block(sheet, block, top)
            height = len(block.rows) + (3 if variant.blanks else 1)
            top += height
    else:
        for i, block in enumerate(blocks):
            if block.beside and i:
                _write_block(sheet, block, 1, _right_edge(blocks[i - 1]) + 2)
                continue
            name = _sheet_name(block.form, variant.sheet_names, i)
            sheet = book.create_sheet(name) if first is None else first
            sheet.title = name
            first = None
            _write_block(sheet, block, 1)
            if variant.hidden == "empty" and block.form in empty and not (i + 1 < len(blocks) and blocks[i + 1].beside):
                sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return dropped


def _right_edge(block: Block) -> int:
    """The last column a block prints in, its merged ranges included."""
    return max([block.width(), *(c2 for _, _, _, c2 in block.merges)])


def _put(sheet, r: int, values, left: int = 1) -> None:
    for c, value in enumerate(values, start=left):
        if value is not None:
            sheet.cell(r, c, value)


def _write_block(sheet, block: Block, top: int, left: int = 1) -> None:
    if block.page_header:
        sheet.oddHeader.center.text = block.page_header
    for r, row in enumerate(block.rows):
        _put(sheet, top + r, row, left)
    for r1, c1, r2, c2 in block.merges:
        if (r1, c1) != (r2, c2):
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        sheet.cell(top + r, left - 1 + c).value = None
            sheet.merge_cells(start_row=top + r1, start_column=left - 1 + c1, end_row=top + r2, end_column=left - 1 + c2)


# ------------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    name: str
    present: int = 0
    placed: int = 0
    wrong: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    false_errors: list = field(default_factory=list)
    absent_columns: dict = field(default_factory=dict)
    unchecked: int = 0  # tables and columns the workbook lacks, whose rules wait as 未核对
    unit_ok: bool = True
    notes_ok: bool = True
    money_ok: bool = True  # the workspace's 金额单位 is the one most tables print
    missing_ok: bool = True  # a table left out is the one 错误 “缺少…表” and nothing else is missing
    seconds: float = 0.0
    failure: str = ""

    @property
    def ok(self) -> bool:
        return (not self.failure and self.placed == self.present and not self.wrong and not self.false_errors
                and self.unit_ok and self.notes_ok and self.missing_ok and self.money_ok)


@functools.lru_cache(maxsize=1)
def _forms():
    return load_forms()


def _errors(ws: Workspace) -> set[str]:
    return {f.key for f in ws.findings() if f.severity == "错误"}


_SOURCE_ERRORS: dict[str, set[str]] = {}


def _errors_of_source(ws: Workspace, scale: int = 1) -> set[str]:
    """The source's 错误; with `scale`, those of the source printed in 元 (its figures × 10,000, where
    a 尾差 of 0.01 万元 is 100 元 and no longer within rounding)."""
    key = f"{ws.path if hasattr(ws, 'path') else id(ws)}×{scale}"
    if key not in _SOURCE_ERRORS:
        if scale == 1:
            _SOURCE_ERRORS[key] = _errors(ws)
        else:
            snapshot = Snapshot.of(ws)
            snapshot.cells = {ref: v * scale if (ws.structure.row(ref.form, ref.row).unit or "金额") == "金额" else v
                              for ref, v in snapshot.cells.items()}
            snapshot.unit = {**snapshot.unit, "金额单位": "元"}
            with create(snapshot, None, _forms()) as scaled:
                _SOURCE_ERRORS[key] = _errors(scaled)
    return _SOURCE_ERRORS[key]


def with_negatives(data: dict) -> dict:
    """A sample whose every seventh figure of the published tables is negative (its 错误 are its own)."""
    data = copy.deepcopy(data)
    k = 0
    for form, rows in sorted(data["cells"].items()):
        if not form.startswith("公开"):
            continue
        for row, cols in sorted(rows.items()):
            for col, value in sorted(cols.items()):
                k += 1
                if k % 7 == 0 and Decimal(value):
                    cols[col] = str(-Decimal(value))
    return data


def measure(source: Workspace, variant: Variant, folder: Path, tag: str = "", reshape=None, printed=None) -> Measure:
    """`printed(path)`, when given, changes the built workbook as a whole (tests/page_effects.py)."""
    path = folder / f"{tag}{abs(hash(variant))}.xlsx"
    dropped = build(source, variant, path, reshape)
    if printed is not None:
        printed(path)
    result = Measure(f"{tag}{variant.name()}")
    started = time.perf_counter()
    try:
        snapshot, warnings = read_workbook(path, _forms())
        target = folder / f"{tag}{abs(hash(variant))}.juesuan"
        if target.exists():
            target.unlink()
        imported = imported_workspace(snapshot, target)
    except Exception as exc:  # noqa: BLE001 - a failure is a measured outcome
        result.failure = f"{type(exc).__name__}: {exc}"
        return result
    result.seconds = time.perf_counter() - started
    scale = 10000 if variant.money == "元" else 1
    try:
        result.warnings = [str(w) for w in warnings]
        source_errors = _errors_of_source(source, scale)
        forms = [f for f in source.structure.active if f.published]
        for form in forms:
            cells = set(source.structure.value_cells(form.id)) | set(imported.structure.value_cells(form.id))
            for ref in cells:
                want = source.values.get(ref) if source.structure.is_cell(ref) else None
                if want is not None and (source.structure.row(ref.form, ref.row).unit or "金额") == "金额":
                    want *= scale  # an amount printed in 元; a count (辆, 台) stays as it is
                got = imported.values.get(ref) if imported.structure.is_cell(ref) else None
                if want is not None and ref not in dropped:
                    result.present += 1
                    if got == want:
                        result.placed += 1
                    else:
                        result.missing.append((ref, want, got))
                        if got:
                            result.wrong.append((ref, want, got))
                elif got and (want or Decimal(0)) != got:
                    result.wrong.append((ref, want, got))
        result.absent_columns = snapshot.absent_columns
        # The table left out is the one new 错误 expected: 缺少…表, its rules 未核对, none of them fired.
        expected = {f"{variant.omit}-00::"} if variant.omit else set()
        errors = _errors(imported)
        result.false_errors = sorted(errors - source_errors - expected)
        result.missing_ok = expected <= errors and imported.missing_tables() == ([variant.omit] if variant.omit else [])
        result.unchecked = len(imported.absent)
        result.unit_ok = imported.unit.get("单位名称") == source.unit.get("单位名称")
        result.notes_ok = {f for f, n in imported.notes.items() if n} == {f for f, n in source.notes.items() if n}
        result.money_ok = imported.unit.get("金额单位") == ("元" if scale != 1 else source.unit.get("金额单位"))
    finally:
        imported.close()
    return result
