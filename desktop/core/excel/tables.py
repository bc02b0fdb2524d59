"""Finding the tables in a workbook made elsewhere: which form, where it starts, where its header is."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from desktop import paths

from desktop.core.definitions import FormDef, FormSet
from desktop.core.excel.reading import text_of
from desktop.core.labels import plain

# 公开01表, and 公开表01 as some templates print it (附表1, 表一: numbers that vary by region, not names).
_LABEL = re.compile(r"公开(\d{2})表|公开表(\d{2})")
META_WORDS = (
    "编制单位", "编制部门", "部门名称", "单位名称", "填报单位", "金额单位", "单位：", "单位:", "统一社会信用代码",
    "单位代码", "财政区划",
)


def norm(text) -> str:
    """Text for comparing headers and titles (labels.plain of the cell's text)."""
    return plain(text_of(text))


def identify(text, forms: FormSet) -> FormDef | None:
    """The form a title or “公开0X表” label names; None for any other text."""
    found = identify_text(text, forms)
    return found[0] if found else None


def identify_text(text, forms: FormSet) -> tuple[FormDef, bool] | None:
    """(form, whether by its title) for a cell naming a table. A title names the form whose title
    it holds best (most characters in runs, a form's words missing cost double): 国有资本经营预算财政
    拨款收入支出决算表 holds 公开08's title with 收入 added, and 公开03's 支出决算表 whole, and is
    公开08's. A printed 公开0X表 with no title in the cell is weaker evidence (see find_blocks)."""
    t = norm(text)
    if not t or t.startswith(("注", "说明")) or len(t) > 60:
        return None
    best = _best_title(t, forms)
    if best is not None:
        # Another table's title held as well (一般公共预算财政拨款项目支出决算表 holds 公开05's too) names that table.
        other = _best_other(t)
        return (best[1], True) if other is None or best[0] > other[0] else None
    m = _LABEL.search(t)
    if m and f"公开{m.group(1) or m.group(2)}" in forms.forms:
        return forms[f"公开{m.group(1) or m.group(2)}"], False
    return None


def _best_title(t: str, forms: FormSet) -> tuple[int, FormDef] | None:
    best: tuple[int, FormDef] | None = None
    for title, form in _titles(forms):
        score = _title_score(t, title)
        if score is not None and (best is None or score > best[0]):
            best = (score, form)
    return best


def other_title(text, forms: FormSet) -> str | None:
    """The title of a table that is none of the published forms (resources/tables/其他表.toml) which a cell
    names at least as well as it names any form's; None for any other text."""
    if "表" not in str(text):
        return None  # every such title ends so; asked of every cell of a sheet
    t = norm(text)
    if not t or t.startswith(("注", "说明")) or len(t) > 60:
        return None
    other = _best_other(t)
    if other is None:
        return None
    best = _best_title(t, forms)
    return other[1] if best is None or other[0] >= best[0] else None


def _best_other(t: str) -> tuple[int, str] | None:
    """The other table's title a normalised cell holds best, with its score."""
    scored = [(s, title) for title in other_titles() if (s := _title_score(t, title)) is not None]
    return max(scored, default=None)


@cache
def other_titles() -> tuple[str, ...]:
    """The titles of tables printed beside the published ones that are not among them, normalised."""
    with open(paths.resources_dir() / "tables" / "其他表.toml", "rb") as fh:
        return tuple(norm(t) for t in tomllib.load(fh)["titles"])


def _title_score(text: str, title: str) -> int | None:
    """How well a cell's text holds a title, or None when it does not: every run of two or more
    characters the two share counts; a character of the title the text lacks costs two; a title
    missing more than a fifth of itself, ending elsewhere than the text's 表, or with a word put into
    it, is not held."""
    if title in text:
        return len(title) * 3
    if len(title) < 6 or not text.endswith("表") or not title.endswith(text[-3:]):
        return None
    matcher = difflib.SequenceMatcher(None, text, title, autojunk=False)
    runs = [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size >= 2]
    held = sum(size for _, _, size in runs)
    missing = len(title) - held
    if missing * 5 > len(title):
        return None
    # A word the text adds inside the title names another table (一般公共预算财政拨款项目支出决算表 is not
    # 公开05's 一般公共预算财政拨款支出决算表): what a unit adds goes before the title, not into it.
    if any((a2 - a1 - n1) - (b2 - b1 - n1) >= 2 for (a1, b1, n1), (a2, b2, _) in zip(runs, runs[1:])):
        return None
    return held * 3 - missing * 2 - (len(text) - held)


_known_titles: dict[int, tuple[FormSet, list[tuple[str, FormDef]]]] = {}


def _titles(forms: FormSet) -> list[tuple[str, FormDef]]:
    """The published forms' titles and aliases, normalised, longest first; worked out once per form set
    (a sheet of 10,000 rows asks for every text cell)."""
    known = _known_titles.get(id(forms))
    if known is None or known[0] is not forms:
        titles = [(norm(t), f) for f in forms if f.published for t in (f.title, *f.aliases) if norm(t)]
        known = _known_titles[id(forms)] = (forms, sorted(titles, key=lambda nf: -len(nf[0])))
    return known[1]


# Rows a table's 公开0X表 label may stand from its title and still be its own.
_LABEL_REACH = 3


@dataclass
class Block:
    """One table on a sheet: the rows from its title to the next table's title."""

    form: FormDef
    first: int
    last: int
    anchors: set[int]
    forms: FormSet  # the set it was found among: a column printed beside is one of these
    by_title: bool = True  # named by its title, not only by a printed 公开0X表
    other: FormDef | None = None  # what a printed number beside the title named instead
    # The first and last column of a table printed beside another on the same rows (公开07 | 公开08);
    # None for a table alone across its rows.
    columns: tuple[int, int] | None = None

    def holds(self, r: int, c: int) -> bool:
        return self.first <= r <= self.last and (self.columns is None or self.columns[0] <= c <= self.columns[1])

    def own(self, grid: dict) -> dict:
        """The grid's cells in the table's columns: the neighbour's beside it are not its own."""
        if self.columns is None:
            return grid
        lo, hi = self.columns
        return {(r, c): v for (r, c), v in grid.items() if lo <= c <= hi}


def find_blocks(grid: dict, forms: FormSet) -> list[Block]:
    rows: dict[int, list] = {}
    for (r, c), value in grid.items():
        rows.setdefault(r, []).append((c, value))
    anchors: list[tuple[int, FormDef, bool]] = []
    beside: dict[int, list[tuple[int, FormDef]]] = {}  # rows titling tables side by side
    named_on: dict[int, set[str]] = {}  # the forms each anchor row names, by title or number
    toc_rows = toc_row_numbers(grid, forms)
    for r in sorted(rows):
        if r in toc_rows:
            continue
        named = [(c, found) for c, value in sorted(rows[r])
                 if isinstance(value, str) and (found := identify_text(value, forms)) is not None]
        if named:
            anchors.append((r, *named[0][1]))
            named_on[r] = {form.id for _, (form, _) in named}
            titles = [(c, form) for c, (form, by_title) in named if by_title]
            if len({form.id for _, form in titles}) > 1:
                beside[r] = titles
    blocks: list[Block] = []
    last_row = max(rows, default=0)
    band: list[Block] = []  # the tables side by side that the rows now belong to
    for i, (r, form, by_title) in enumerate(anchors):
        if band and named_on[r] <= {b.form.id for b in band}:
            # The tables' 公开0X表 labels under their titles, or the titles repeated after a page break.
            for block in band:
                if block.form.id in named_on[r]:
                    block.anchors.add(r)
            continue
        split = _side_by_side(grid, beside[r], r, _band_end(anchors[i + 1:], named_on[r], named_on, last_row)) if r in beside else []
        if split:
            if blocks:
                for block in band or blocks[-1:]:
                    block.last = r - 1
            band = [Block(f, r, last_row, {r}, forms, columns=columns) for f, columns in split]
            blocks += band
            continue
        near = blocks and r - max(blocks[-1].anchors) <= _LABEL_REACH
        if blocks and (blocks[-1].form.id == form.id or near and not (by_title and blocks[-1].by_title)):
            # Its label under the title, or the title repeated after a page break. A printed number
            # beside a title that says otherwise is kept as the other reading, for the columns to judge.
            block = blocks[-1]
            block.anchors.add(r)
            if block.form.id != form.id and by_title:
                block.form, block.other, block.by_title = form, block.form, True
            elif block.form.id != form.id:
                block.other = form
            continue
        if blocks:
            for block in band or blocks[-1:]:
                block.last = r - 1
        band = []
        blocks.append(Block(form, r, last_row, {r}, forms, by_title))
    return blocks


def _band_end(later: list, forms: set[str], named_on: dict[int, set[str]], last_row: int) -> int:
    """The last row before a title of another table than `forms` (their labels and repeated titles go on)."""
    return next((r - 1 for r, *_ in later if not named_on[r] <= forms), last_row)


def _side_by_side(grid: dict, titles: list, first: int, last: int) -> list[tuple[FormDef, tuple[int, int]]]:
    """The forms titled on one row and the columns of each, when their tables stand side by side:
    between two titles a column empty on every row down to the next title (the gap printed between
    the tables), or two merged titles that meet. [] when the row's titles cannot be told apart so."""
    spans: dict[str, tuple[FormDef, int, int]] = {}
    for c, form in titles:  # a merged title fills every column it spans
        _, lo, hi = spans.get(form.id, (form, c, c))
        spans[form.id] = (form, min(lo, c), max(hi, c))
    ordered = sorted(spans.values(), key=lambda s: s[1])
    if any(a[2] >= b[1] for a, b in zip(ordered, ordered[1:])):
        return []  # titles interleaved: not two tables
    used = {c for (r, c) in grid if first <= r <= last}
    starts = [1]
    for (_, _, left_end), (_, right_start, _) in zip(ordered, ordered[1:]):
        gaps = [c for c in range(left_end + 1, right_start) if c not in used]
        if gaps:
            starts.append(max(gaps) + 1)
        elif right_start == left_end + 1:
            starts.append(right_start)
        else:
            return []
    ends = [s - 1 for s in starts[1:]] + [max(used)]
    return [(form, (lo, hi)) for (form, _, _), lo, hi in zip(ordered, starts, ends)]


def toc_row_numbers(grid: dict, forms: FormSet) -> set[int]:
    """Rows of a 目录: they name tables but are not tables. Either a header with 是否空表 and the
    lines under it, or a “目录” heading and the lines under it that each name a table."""
    found: set[int] = set()
    headings = [(r, t) for (r, _), value in grid.items() if isinstance(value, str) and (t := norm(value)) in ("是否空表", "目录")]
    if not headings:
        return found
    rows: dict[int, list] = {}
    for (r, _), value in grid.items():
        rows.setdefault(r, []).append(value)
    for r, t in headings:
        if t == "是否空表":
            row = r + 1
            while row in rows:
                found.add(row)
                row += 1
            found.add(r)
        elif t == "目录":
            found.add(r)
            row = r + 1
            while row in rows and any(identify(v, forms) or other_title(v, forms) for v in rows[row] if isinstance(v, str)):
                found.add(row)
                row += 1
    return found


def is_meta_row(texts: list[str]) -> bool:
    return any(t.startswith(META_WORDS) or "金额单位" in t for t in texts)
