"""Workbooks as a user gets them from a published PDF converted to Excel, or from a finance system that
prints page by page: `paged(src, dst, effects, seed)` rewrites a workbook of one table a sheet with
  breaks     a long table cut into pages, its header rows (sometimes its title and unit line too)
             printed again on each, after a blank row or two;
  footers    page lines between rows: 第 2 页, - 3 -, 共 5 页 第 2 页, a running head with the unit's name;
  split      a long table's later pages on a sheet of their own (公开05（续）, Sheet3, Table 4),
             with only the header rows or nothing above its rows;
  per_page   every page on a sheet of its own, as a converter gives one sheet a page;
  one_sheet  every table on one sheet, one below the other.
A printout holds values, so every formula becomes the value it shows. Nothing here knows a form:
a table is found by its 栏次 row, its pages by its length. Same seed, same workbook."""

from __future__ import annotations

import random
import re
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from desktop.core.excel.formulas import compute

EFFECTS = ("breaks", "footers", "split", "per_page", "one_sheet")
_LONG = 12  # body rows from which a table is printed on more than one page
_TAIL = ("注", "说明", "备注", "单位负责人", "制表", "填报", "审核")
_FIGURE = re.compile(r"^[-－—/\d,，.．()（）]+$")
_ABOVE_HEAD = re.compile(r"编制|单位[:：]|年度|公开\d{2}表|^表|决算表$|决算明细表$")


@dataclass
class Cell:
    value: object
    style: object = None


@dataclass
class Table:
    """One sheet's rows as cells, with its merges relative to row 0; `head` and `body` index the
    header rows (to the 栏次 row) and the body rows."""

    name: str
    rows: list[list[Cell | None]]
    merges: list[tuple[int, int, int, int]]
    head: range = range(0)
    body: range = range(0)
    title: range = range(0)  # the title and unit lines right above the header
    width: int = 0
    pages: list[list[int]] = field(default_factory=list)


def paged(src: Path, dst: Path, effects, seed: int) -> None:
    rng = random.Random(seed)
    effects = set(effects)
    book = openpyxl.load_workbook(src)
    shown = openpyxl.load_workbook(src, data_only=True)
    tables = [_table(sheet, shown[sheet.title]) for sheet in book.worksheets if sheet.sheet_state == "visible"]
    unit = next((m.group(1) for t in tables for row in t.rows for c in row if c and isinstance(c.value, str)
                 and (m := re.match(r"编制(?:单位|部门)[:：](.+)", c.value.strip()))), "")
    out: list[tuple[str, list[list[Cell | None]], list]] = []
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    heads = {sheet.title: sheet.HeaderFooter for sheet in visible}
    for n, table in enumerate(tables):
        if not table.body or len(table.body) < _LONG or not effects & {"breaks", "footers", "split", "per_page"}:
            rows = table.rows + ([_page_line(_number(1, 1, rng), table.width, rng)] if "footers" in effects else [])
            out.append((table.name, rows, table.merges))
            continue
        out += _paginate(table, effects, unit, n, rng)
    if "one_sheet" in effects:
        rows, merges = [], []
        for _, sheet_rows, sheet_merges in out:
            top = len(rows)
            merges += [(r1 + top, c1, r2 + top, c2) for r1, c1, r2, c2 in sheet_merges]
            rows += sheet_rows + [None] * rng.randint(1, 3)
        out = [(rng.choice(("Sheet1", "决算公开表", "Table 1")), rows, merges)]
    for sheet in visible:
        book.remove(sheet)
    head = next((h for h in heads.values() if any(
        part.text for item in (h.oddHeader, h.oddFooter) for part in (item.left, item.center, item.right))), None)
    for name, rows, merges in out:
        sheet = book.create_sheet(name)
        _write(sheet, rows, merges)
        head = heads.get(name, head)  # a page header (the unit, 金额单位) is printed on every page
        if head is not None:
            sheet.HeaderFooter = copy(head)
    book.save(dst)


def _table(sheet, shown) -> Table:
    formulas = {(c.row, c.column): c.value[1:] for row in sheet.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    values = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row
              if c.value is not None and (c.row, c.column) not in formulas}
    computed = compute(formulas, values) if formulas else {}
    rows = []
    for r in range(1, sheet.max_row + 1):
        row = []
        for c in range(1, sheet.max_column + 1):
            cell = sheet.cell(r, c)
            value = cell.value
            if (r, c) in formulas:
                value = shown.cell(r, c).value
                if value is None and (r, c) in computed:
                    value = float(computed[(r, c)]) if computed[(r, c)] != int(computed[(r, c)]) else int(computed[(r, c)])
            row.append(Cell(value, copy(cell._style)) if value is not None or cell.has_style else None)
        rows.append(row)
    merges = [(m.min_row - 1, m.min_col, m.max_row - 1, m.max_col) for m in sheet.merged_cells.ranges]
    table = Table(sheet.title, rows, merges, width=sheet.max_column)
    numbered = next((r for r, row in enumerate(rows) if any(_text(c) == "栏次" for c in row) or _number_row(row)), None)
    if numbered is None:
        return table
    top = numbered
    while top > 0 and any(_text(c) for c in rows[top - 1]) and not any(
            _ABOVE_HEAD.search(_text(c)) or _FIGURE.match(_text(c)) for c in rows[top - 1]):
        top -= 1  # up to the title lines: a row with a figure or a blank mark is body, above a header repeated
    end = numbered + 1
    while end < len(rows) and not _text(next((c for c in rows[end] if _text(c)), None)).startswith(_TAIL):
        end += 1
    while end > numbered + 1 and not any(_text(c) for c in rows[end - 1]):
        end -= 1
    title = top
    while title > 0 and top - title < 4 and any(_text(c) for c in rows[title - 1]):
        title -= 1
    table.head, table.body, table.title = range(top, numbered + 1), range(numbered + 1, end), range(title, top)
    return table


def _paginate(table: Table, effects: set, unit: str, n: int, rng: random.Random) -> list:
    """The table's rows cut into pages: (sheet name, rows, merges) for each sheet they land on."""
    body = list(table.body)
    size = rng.randint(8, 14)
    pages = [body[i:i + size] for i in range(0, len(body), size)]
    first = list(range(0, table.body.start))
    last = list(range(table.body.stop, len(table.rows)))
    if "per_page" in effects:
        split_at = set(range(1, len(pages)))
    else:
        split_at = {rng.randint(1, len(pages) - 1)} if "split" in effects and len(pages) > 1 else set()
    sheets = [(table.name, [])]
    for p, page in enumerate(pages):
        if p in split_at:
            sheets.append((rng.choice((f"{table.name}（续）", f"Sheet{10 + n}", f"Table {n + 2}")), []))
        lines = sheets[-1][1]
        if p == 0:
            lines += first
        else:
            if p not in split_at and "breaks" in effects:
                lines += [None] * rng.randint(1, 2)
            if "footers" in effects and unit and rng.random() < 0.5:
                lines.append(f"{unit}2024年度部门决算")
            if p in split_at:
                lines += list(table.head) if rng.random() < 0.7 else []
            elif "breaks" in effects:
                lines += list(table.title) if rng.random() < 0.3 else []
                lines += list(table.head)
        lines += page
        if "footers" in effects:
            lines.append(_number(p + 1, len(pages), rng))
    sheets[-1][1].extend(last)
    out = []
    for name, lines in sheets:
        rows, merges = [], []
        for line in lines:
            if isinstance(line, int):
                merges += [(len(rows), c1, len(rows) + r2 - r1, c2) for r1, c1, r2, c2 in table.merges if r1 == line]
                rows.append(table.rows[line])
            elif line is None:
                rows.append(None)
            else:
                rows.append(_page_line(line, table.width, rng))
        out.append((name, rows, merges))
    return out


def _number(page: int, pages: int, rng: random.Random) -> str:
    return rng.choice((f"第 {page} 页", f"- {page} -", f"共 {pages} 页 第 {page} 页", f"第{page}页",
                       f"第 {page} 页，共 {pages} 页"))


def _page_line(text: str, width: int, rng: random.Random) -> list:
    """A page number or running head where a converter leaves it: the first column, the middle or the last."""
    row = [None] * width
    row[rng.choice((0, max(0, width // 2 - 1), width - 1))] = Cell(text)
    return row


def _write(sheet, rows, merges) -> None:
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row or [], start=1):
            if cell is None:
                continue
            target = sheet.cell(r, c)
            target.value = cell.value
            if cell.style is not None:
                target._style = copy(cell.style)
    taken = set()
    for r1, c1, r2, c2 in merges:
        if (r1, c1) in taken:
            continue
        taken.add((r1, c1))
        sheet.merge_cells(start_row=r1 + 1, start_column=c1, end_row=r2 + 1, end_column=c2)


def _text(cell) -> str:
    if cell is None or cell.value is None:
        return ""
    return re.sub(r"\s", "", str(cell.value))


def _number_row(row) -> bool:
    numbers = [_text(c) for c in row if _text(c)]
    return len(numbers) >= 2 and all(t.isdigit() for t in numbers) and [int(t) for t in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers)))

