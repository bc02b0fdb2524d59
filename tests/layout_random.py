"""Random layouts: every dimension of tests/layout_variants.py drawn at random, and with it the ways
tables are printed that no named corpus lists: 科目 codes in any notation or left out (the name alone),
the name column first, names indented, header words taken from each column's synonyms (the forms'
aliases) or carrying their unit, value columns in another order, extra columns of other figures, titles
from each form's other names, headers only the table's sums can settle (names cut short, a second bare 小计),
pages as a PDF converted to Excel or a finance system's printout leaves them (tests/page_effects.py), tables
that are none of the nine beside them (tests/other_tables.py).
`draw(rng)` gives one workbook's choices; `measure_random(...)` builds and scores it. Nothing here knows a seed's figures."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.excel.reading import figure_of
from desktop.core.labels import normalize_label
from desktop.core.money import AmountError

from layout_variants import CHOICES, CODED, STUB_WORDS, Block, Variant, _forms, _labelled, _plain, _value_columns, measure
from other_tables import HOW, add_other
from page_effects import paged

SHAPES = {
    "notation": ("plain", "dotted", "spaced", "number"),
    "name_only": (False, True),  # 科目 rows printed with their name and no code
    "name_first": (False, True),
    "indent": (False, True),
    "head_words": ("form", "synonyms", "unit_note"),
    "column_order": ("as_is", "shuffled"),
    "extra_columns": (False, True),
    "title_words": ("title", "alias"),
    # Headers that leave the column open, so that only the table's sums tell: names cut short
    # (基本 for 基本支出, 年初结转 for 年初结转和结余), or 三公's 合计 printed as a second bare 小计.
    "open_heads": ("none", "cut", "twin"),
    # One table printed with no title and no 公开0X表 label (the first on its sheet): its form is told by
    # its header, rows and sums. Last, so that every other draw stays what it was.
    "untitled": ("", "公开01", "公开02", "公开03", "公开04", "公开05", "公开06", "公开09"),
    # Printed page by page or converted from a PDF (tests/page_effects.py), effects joined by +.
    "pages": ("none", "none", "breaks", "footers", "split", "per_page", "one_sheet", "breaks+footers+split",
              "breaks+footers+one_sheet"),
    # 公开01/04's fixed rows in another region's order: each side's items among themselves, and the lines
    # under 本年合计 among themselves (总计 stays last), the printed 行次 counting on down the page.
    "fixed_order": ("form", "shuffled"),
    # Fixed rows labelled as other regions label them: a synonym from the row's aliases (forms/*.toml).
    "row_words": ("form", "synonyms"),
    # Figures as systems export them to text: with a ¥ (an accounting format), with the table's 金额单位
    # after the digits; or the marks a template prints in cells not to be filled ("*", "×") for blanks.
    "cells": ("plain", "currency", "unit", "marks"),
    # Tables printed side by side: each second table to the right of the one before it, on its rows.
    "beside": (False, True),
    # 公开01 as older templates print it (forms' stand_ins): the three 财政拨款 income rows merged into one
    # “一、财政拨款收入”, alone or with “其中：政府性基金预算财政拨款” under it; or 支出 listed by 基本支出,
    # 项目支出… instead of the 类 (whose figures the layout then does not print). Last: other draws stay.
    "old_rows": ("none", "none", "none", "merged", "merged_part", "by_nature"),
    # A table that is none of the nine (tests/other_tables.py: real titles and layouts) on a sheet of its own,
    # under a sheet's last table, or with no title.
    "others": HOW,
}
_NOTATION = {
    "dotted": lambda code: ".".join(filter(None, (code[:3], code[3:5], code[5:7]))),
    "spaced": lambda code: " ".join(filter(None, (code[:3], code[3:5], code[5:7]))),
    "number": int,
}


@dataclass(frozen=True)
class Shape:
    notation: str = "plain"
    name_only: bool = False
    name_first: bool = False
    indent: bool = False
    head_words: str = "form"
    column_order: str = "as_is"
    extra_columns: bool = False
    title_words: str = "title"
    open_heads: str = "none"
    untitled: str = ""
    pages: str = "none"
    fixed_order: str = "form"
    row_words: str = "form"
    cells: str = "plain"
    beside: bool = False
    old_rows: str = "none"
    others: str = ""

    def name(self) -> str:
        default = Shape()
        return ",".join(f"{k}={v}" for k, v in asdict(self).items() if getattr(default, k) != v)


def draw(rng: random.Random) -> tuple[Variant, Shape]:
    variant = Variant(**{k: rng.choice(v) for k, v in CHOICES.items()})
    shape = Shape(**{k: rng.choice(v) for k, v in SHAPES.items()})
    return variant, shape


def reshaper(variant: Variant, shape: Shape, seed: int):
    """The per-table change build() applies; its random choices come from `seed`."""
    rng = random.Random(seed)

    seen: list[Block] = []

    def reshape(block: Block) -> None:
        if shape.title_words == "alias" and _forms()[block.form].aliases:
            block.set(0, 1, rng.choice(_forms()[block.form].aliases))
        plain_codes = variant.codes == "column" and not variant.merge_stub
        code_columns = block.header_columns("科目代码") if plain_codes else []
        for c in code_columns:
            _codes(block, c, shape, rng)
        if shape.head_words != "form":
            _head_words(block, shape.head_words, variant.money, rng)
        if block.form in CODED and shape.column_order == "shuffled":
            _shuffle_columns(block, rng)
        if block.form in CODED and shape.extra_columns:
            _extra_columns(block, variant.money, rng)
        if shape.open_heads != "none":
            _open_heads(block, shape.open_heads)
        if shape.fixed_order == "shuffled" and block.form in ("公开01", "公开04"):
            _shuffle_fixed_rows(block, rng)
        if shape.row_words == "synonyms":
            _row_words(block, rng)
        if shape.old_rows != "none" and block.form == "公开01":
            _old_rows(block, shape.old_rows)
        # On one sheet of all tables, only the first can lose its title and stay a table of its own.
        block.untitled = block.form == shape.untitled and (variant.arrangement != "one" or block.form == "公开01")
        if shape.cells != "plain":
            _cells(block, shape.cells, _in_yuan(variant.money, block.form))
        # Pairs in the order printed: a reversed workbook prints each block before the one made before it.
        seen.append(block)
        if shape.beside and len(seen) % 2 == 0:
            left, right = seen[-2:] if variant.arrangement != "reversed" else seen[:-3:-1]
            right.beside = not (left.untitled or right.untitled)

    return reshape


def _in_yuan(money: str, form: str) -> bool:
    return money == "元" or money == "元_some" and form in ("公开06", "公开09", "公开10")


def _cells(block: Block, how: str, yuan: bool) -> None:
    """Figure cells spelled as `how` says (see SHAPES["cells"]); a table with a 计量单位 column (counts
    beside amounts) keeps its figures as numbers."""
    if how != "marks" and block.header_columns("计量单位"):
        return
    values = _value_columns(block)
    for r in range(block.body, block.end):
        for c in values:
            value = block.cell(r, c)
            if how == "marks" and value is None and _labelled(block, r, c, values):
                block.set(r, c, "*×"[(r + c) % 2])
            elif how != "marks" and isinstance(value, (int, float)) and not isinstance(value, bool):
                sign, amount = "-" if value < 0 else "", f"{abs(value):,.2f}"
                block.set(r, c, f"{sign}¥{amount}" if how == "currency" else f"{sign}{amount}{'元' if yuan else '万元'}")


def _codes(block: Block, c: int, shape: Shape, rng: random.Random) -> None:
    for r in range(block.body, block.end):
        code = _plain(block.cell(r, c))
        if not code.isdigit() or len(code) not in (3, 5, 7):
            continue
        name = block.cell(r, c + 1)
        if shape.indent and isinstance(name, str) and len(code) > 3:
            block.set(r, c + 1, "　" * (len(code) - 3) + name)
        if shape.name_only and isinstance(name, str):
            block.set(r, c, None)
        elif shape.notation != "plain":
            block.set(r, c, _NOTATION[shape.notation](code))
    if shape.name_first:
        _swap_columns(block, c, c + 1, range(block.head, block.end))


def _shuffle_fixed_rows(block: Block, rng: random.Random) -> None:
    """Each side's rows in another order within their run: the items above 本年收入合计/本年支出合计, and the
    lines between it and 总计 (公开04's three kinds under the 结转和结余 that heads them). A side is its 项目
    column up to the next one; 行次 cells stay where they are."""
    stubs = block.header_columns("项目") or [1]
    width = block.width()
    for side, c in enumerate(stubs):
        end = stubs[side + 1] if side + 1 < len(stubs) else width + 1
        cells = [k for k in range(c, end) if k not in block.header_columns("行次")]
        labelled = [r for r in range(block.body, block.end) if isinstance(block.cell(r, c), str)]
        # The header printed again at a page break parts a run: rows do not cross a page.
        pages = [r for r in labelled if _plain(block.cell(r, c)) in STUB_WORDS | {"收入", "支出"}]
        labelled = [r for r in labelled if r not in pages]
        totals = [r for r in labelled if "合计" in _plain(block.cell(r, c)) or "总计" in _plain(block.cell(r, c))]
        if len(totals) < 2:
            continue
        lines = [r for r in labelled if totals[0] < r < totals[-1]]
        if block.form == "公开04":  # 年初财政拨款结转和结余 heads the three kinds printed under it
            lines = lines[1:]
        runs = []
        for run in ([r for r in labelled if r < totals[0]], lines):
            runs += [[r for r in run if r < pages[0]], [r for r in run if r > pages[-1]]] if pages else [run]
        for run in runs:
            order = run[:]
            rng.shuffle(order)
            old = {r: [block.cell(r, k) for k in cells] for r in run}
            for new_r, old_r in zip(run, order):
                for k, value in zip(cells, old[old_r]):
                    block.set(new_r, k, value)


def _row_words(block: Block, rng: random.Random) -> None:
    """Each fixed row's label replaced by one of its synonyms, where the form gives it any."""
    synonyms = {}
    for section in _forms()[block.form].sections:
        for row in (*section.fixed_rows, *([section.total_row] if section.total_row else []), *section.footer_rows):
            if row.aliases and not row.spacer:
                synonyms.setdefault(_plain(row.label), set()).update(row.aliases)
    for r in range(block.body, block.end):
        for c in range(1, block.width() + 1):
            words = synonyms.get(_plain(block.cell(r, c)))
            if words:
                block.set(r, c, rng.choice(sorted(words)))


_FUNDS = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")
_NATURE = ("一、基本支出", "二、项目支出", "三、上缴上级支出", "四、经营支出", "五、对附属单位补助支出")


def _old_rows(block: Block, how: str) -> None:
    """公开01's rows as an older template prints them (see SHAPES["old_rows"]); each side is its 项目 column
    and the value column after it."""
    form = _forms()["公开01"]
    stubs = block.header_columns("项目") or [1]
    values = sorted(_value_columns(block))
    side = stubs[0] if how != "by_nature" else stubs[-1]
    value = next(c for c in values if c > side)
    names = {}
    for section in form.sections:
        for row in section.fixed_rows:
            for word in (row.label, *row.aliases):
                names[normalize_label(word)] = row
                if word.endswith(("收入", "支出")) and len(word) > 6:  # printed bare (Variant.income_words)
                    names[normalize_label(word[:-2])] = row
    rows = {names[normalize_label(block.cell(r, side))].key: r for r in range(block.body, block.end)
            if isinstance(block.cell(r, side), str) and normalize_label(block.cell(r, side)) in names}
    if how == "by_nature":
        classes = {row.key for row in form.sections[1].fixed_rows if "类" in row.tags}
        lei = sorted((k for k in rows if k in classes), key=rows.get)
        if not lei:
            return
        total = sum((_amount(block.cell(rows[k], value)) for k in lei), Decimal(0))
        places = [rows[k] for k in lei]
        for r in places:
            block.set(r, side, None)
            block.set(r, value, None)
        basic = (total * Decimal("0.4")).quantize(Decimal("0.01"))
        for r, label, figure in zip(places, _NATURE, (basic, total - basic)):
            block.set(r, side, label)
            block.set(r, value, float(figure) if figure else None)
        for r, label in zip(places[2:], _NATURE[2:]):
            block.set(r, side, label)
        block.dropped |= {CellRef("公开01", k, "决算数") for k in lei}
        return
    funds = [k for k in _FUNDS if k in rows]
    if len(funds) != 3:
        return
    figures = {k: _amount(block.cell(rows[k], value)) for k in funds}
    first = min(rows[k] for k in funds)
    block.set(first, side, "一、财政拨款收入")
    block.set(first, value, float(sum(figures.values())) or None)
    rest = sorted(rows[k] for k in funds if rows[k] != first)
    if how == "merged_part":
        block.set(rest[0], side, "其中：政府性基金预算财政拨款")
        block.set(rest[0], value, float(figures[_FUNDS[1]]) or None)
        rest = rest[1:]
    for r in rest:
        block.set(r, side, None)
        block.set(r, value, None)


def _amount(value) -> Decimal:
    """A printed figure as a number (0 for a blank or a mark)."""
    try:
        return figure_of(value, 2, "", "") or Decimal(0)
    except AmountError:
        return Decimal(0)


def _swap_columns(block: Block, a: int, b: int, rows) -> None:
    """Columns a and b change places on the given rows, one-column merges with them."""
    across = {r for r1, c1, r2, c2 in block.merges if c1 <= a <= c2 and c1 <= b <= c2 for r in range(r1, r2 + 1)}
    for r in (r for r in rows if r not in across):  # a label merged over both stays where it is
        left, right = block.cell(r, a), block.cell(r, b)
        block.set(r, a, right)
        block.set(r, b, left)
    swap = {a: b, b: a}
    block.merges = [
        (r1, swap.get(c1, c1), r2, swap.get(c2, c2)) if c1 == c2 and r1 >= block.head else (r1, c1, r2, c2)
        for r1, c1, r2, c2 in block.merges
    ]


def _head_words(block: Block, how: str, money: str, rng: random.Random) -> None:
    """Header cells as other templates word them: a synonym from the form's aliases, or with the unit."""
    form = _forms()[block.form]
    synonyms = {}
    for section in form.sections:
        for column in section.columns:
            for word in {column.key, column.path[-1]}:
                synonyms.setdefault(word, set()).update(column.aliases)
    values = _value_columns(block)
    unit = "元" if money == "元" else "万元"
    for r in range(block.head, block.body):
        for c in values:
            text = block.cell(r, c)
            if not isinstance(text, str) or _plain(text) in ("栏次", "") or _plain(text).isdigit():
                continue
            if how == "synonyms" and synonyms.get(_plain(text)):
                block.set(r, c, rng.choice(sorted(synonyms[_plain(text)])))
            elif how == "unit_note" and r == _last_header_row(block, c):
                block.set(r, c, f"{text}（{unit}）")


def _last_header_row(block: Block, c: int) -> int:
    """The lowest header row with a word in column c (what a unit note is printed after)."""
    rows = [r for r in range(block.head, block.body) if isinstance(block.cell(r, c), str)
            and not _plain(block.cell(r, c)).isdigit() and _plain(block.cell(r, c)) != "栏次"]
    return rows[-1] if rows else -1


def _shuffle_columns(block: Block, rng: random.Random) -> None:
    """Value columns in another order: only among columns under the same header group."""
    values = sorted(_value_columns(block))
    groups: dict[tuple, list[int]] = {}
    for c in values:
        over = tuple(sorted(m for m in block.merges if m[1] <= c <= m[3] and m[1] != m[3] and block.head <= m[0] < block.body))
        groups.setdefault(over, []).append(c)
    for columns in groups.values():
        order = columns[:]
        rng.shuffle(order)
        if order == columns:
            continue
        old = {c: [block.cell(r, c) for r in range(block.head, block.end)] for c in columns}
        for new_c, old_c in zip(columns, order):
            for i, r in enumerate(range(block.head, block.end)):
                block.set(r, new_c, old[old_c][i])
        to_new = {old_c: new_c for new_c, old_c in zip(columns, order)}
        block.merges = [
            (r1, to_new.get(c1, c1), r2, to_new.get(c2, c2)) if c1 == c2 and r1 >= block.head else (r1, c1, r2, c2)
            for r1, c1, r2, c2 in block.merges
        ]


def _extra_columns(block: Block, money: str, rng: random.Random) -> None:
    """年初预算数 and 完成率（%） beside the table's own columns: a budget that adds up as the table
    does (its fullest column, the total: all spent as budgeted), and rates. A workbook in 元 prints
    only the rates: its totals carry the source's 尾差 as 100 元, which the budget's sums would
    repeat as errors of a table the source has no figures in."""
    width = block.width()
    numeric = lambda c: sum(isinstance(block.cell(r, c), (int, float)) for r in range(block.body, block.end))  # noqa: E731
    total = max(sorted(_value_columns(block)), key=numeric, default=None)
    bottom = max(r for r in range(block.head, block.body) if any(block.cell(r, c) for c in range(1, width + 1)))
    top = block.head
    for c, word in enumerate(("年初预算数", "完成率（%）") if money == "万元" else ("完成率（%）",), start=width + 1):
        block.set(top, c, word)
        if bottom > top:
            block.merges.append((top, c, bottom, c))
        for r in range(block.body, block.end):
            if word == "年初预算数":
                if total is not None and isinstance(figure := block.cell(r, total), (int, float)):
                    block.set(r, c, figure)
            elif any(isinstance(block.cell(r, k), (int, float)) for k in range(1, width + 1)):
                block.set(r, c, round(rng.uniform(50, 120), 2))


# What a template leaves off a column's name when it cuts it short.
_CUT_ENDS = ("和结余", "支出", "收入")


def _open_heads(block: Block, how: str) -> None:
    """Leaf headers cut short, or the 合计 of a table that also has a 小计 printed as 小计."""
    form = _forms()[block.form]
    columns = [c for s in form.sections for c in s.columns]
    words = {w for c in columns for w in (*c.path, c.key, *c.aliases)}
    leaves = {c.path[-1] for c in columns} - {p for c in columns for p in c.path[:-1]}
    for r in range(block.head, block.body):
        for c in _value_columns(block):
            text = _plain(block.cell(r, c))
            if how == "twin" and text == "合计" and "小计" in leaves:
                block.set(r, c, "小计")
            elif how == "cut" and text in leaves:
                short = next((text[: -len(end)] for end in _CUT_ENDS if text.endswith(end)), "")
                if len(short) >= 2 and short not in words and short not in STUB_WORDS:
                    block.set(r, c, short)


def measure_random(source, seed: int, folder, tag: str = ""):
    """Draws one workbook from `seed`, builds it from `source` and measures its import."""
    rng = random.Random(seed)
    variant, shape = draw(rng)
    # page_effects cuts each sheet's one table into pages: a sheet of every table (arrangement one) or of two
    # tables side by side is no one table.
    paging = shape.pages != "none" and variant.arrangement != "one" and not shape.beside
    def printed(path):
        if paging:
            paged(path, path, shape.pages.split("+"), seed)
        if shape.others:
            add_other(path, shape.others, source, seed)

    result = measure(source, variant, folder, f"{tag}{seed}_", reshaper(variant, shape, seed), printed)
    result.name = f"seed={seed} {variant.name()} {shape.name()}"
    return result
