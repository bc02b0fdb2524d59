"""Tables printed with no title (the title line missing or blank: only the header rows and the figures).
Which form each is, is told by reading it on trial as every published form: the one whose columns and
rows take most of its figures, then the one under which its own sums hold, then the one whose columns its
header prints most of, then the one the sheet's name names or the workbook does not already have by
title. A table that two forms read alike is named in a warning, never guessed."""

from __future__ import annotations

from desktop.core.definitions import FormSet
from desktop.core.excel.arith import balances
from desktop.core.excel.block_read import cells_by_row, read_block
from desktop.core.excel.columns import header_fit
from desktop.core.excel.foreign_result import Result, nothing
from desktop.core.excel.header import is_header_line
from desktop.core.excel.printed_lines import empty_note, is_numbering, is_tail_line
from desktop.core.excel.reading import Warning_, address, cell_place, is_number_like, text_of
from desktop.core.excel.tables import Block, identify, is_meta_row
from desktop.core.unread import sheet_cell

# Of a titleless table's rows of figures, the share a reading must place to be a reading at all: fewer, and
# the rows are some other sheet's (a 绩效 table, a working sheet) that a form's words happen to fit.
_LEAST_SHARE = 0.6
# Header cells that must be the form's column words for a table with no figure to be read as it.
_LEAST_EMPTY_FIT = 2
_VERDICT_RANK = {True: 2, None: 1, False: 0}


def top_parts(grid: dict, rows: list[int], titles: set[int] = frozenset()) -> list[list[int]]:
    """The rows split where a unit line (编制单位, 金额单位) or a header's line (one naming the 科目编码,
    科目名称, 项目 or 行次 column, with no figure) follows a table's body (figures, its 空表说明, notes or
    signatures under it): the next table's first line, or the table's own on its next page; one under a
    title row (`titles`, a table's title printed again on its next page) is that title's."""
    wanted = set(rows)
    by_row = cells_by_row({(r, c): v for (r, c), v in grid.items() if r in wanted})
    parts: list[list[int]] = [[]]
    body_above = False
    for r in rows:
        values = [v for _, v in sorted(by_row.get(r, {}).items())]
        if any(is_number_like(v) and not nothing(v) for v in values) and not is_numbering(values):
            parts[-1].append(r)  # a row of figures: body, and neither a unit line nor a header's
            body_above = r not in titles
            continue
        line = [text_of(v) for v in values]
        meta = is_meta_row(line)
        if body_above and (meta or is_header_line(values)):
            parts.append([])
            body_above = False
        parts[-1].append(r)
        # 填报单位： is the table's own line above it; a row whose cells are all blank marks (“-”) is a body's.
        body = empty_note(line) or (is_tail_line(values) or _marks_only(values)) and not meta
        body_above = r not in titles and (body_above or bool(body))
    return [p for p in parts if p]


def _marks_only(values: list) -> bool:
    """A body row with no figure in it: a label and blank marks (“-”, “/”, 0) in its figure cells."""
    marks = [v for v in values if v is not None and text_of(v).strip() and nothing(v)]
    return bool(marks) and any(isinstance(v, str) and not nothing(v) for v in values)


def readings(sheet: str, grid: dict, rows: list[int], forms: FormSet, titled: set[str], result: Result) -> list[tuple]:
    """The rows read on trial as each form whose column words their header prints, as (rank, block),
    best first; none when no form reads them (no figure, or a header no form's words fit)."""
    wanted = set(rows)
    figures = {(r, c) for (r, c), v in grid.items() if r in wanted and is_number_like(v) and not nothing(v)}
    if not figures:
        return []
    first, last = rows[0], rows[-1]
    top_figure = min(r for r, _ in figures)
    head = [text_of(v) for (r, _), v in grid.items() if first <= r < top_figure and isinstance(v, str)]
    # The sheet's name, when it names a form (工作表“公开02”), is what the table is unless its figures say otherwise.
    named = identify(sheet, forms) or identify(f"{sheet}表", forms)
    tried = []
    # A form none of whose column words the header prints is not read on trial (a 绩效 sheet, a working
    # sheet: reading each as every form would cost an import its speed).
    fits = {form.id: fit for form in forms if form.published and (fit := header_fit(form, head))}
    for form in (f for f in forms if f.id in fits):
        block = Block(form, first, last, set(), forms, by_title=False)
        scratch = Result(unit=dict(result.unit))
        claimed = read_block(sheet, grid, block, scratch)
        # Rows, not cells: a column of other figures printed beside (完成率) leaves every row's own figures read.
        placed_rows = {_row(where) for ref, (_, where) in scratch.origin.items() if scratch.cells.get(ref)}
        # A label two of its rows bear is the form's all the same: its figure waits for the sums (row_settle).
        waiting = {u.place for u in scratch.unread if u.row and u.form == form.id}
        placed_rows |= {_row(sheet_cell(place)[1]) for place in waiting}
        # What the reading took for no figure (栏次, 行次 are claimed as such) or could not place.
        missed = {r for r, c in figures - claimed} | {_row(w.cell) for w in scratch.warnings if "未导入" in w.reason}
        placed, unplaced = len(placed_rows), len(missed - placed_rows)
        # Its own figures: a column another form's printed beside (公开05's 年初预算数) is no evidence of the form.
        figures_read = sum(1 for ref, v in scratch.cells.items() if v and ref.form == form.id) + len(waiting)
        fit = fits[form.id]  # a header's words the form has no column for tell against it
        # An empty table (its 空表说明 under the header) is told by its header's words alone.
        if placed < _LEAST_SHARE * (placed + unplaced) or not placed and (unplaced or fit < _LEAST_EMPTY_FIT):
            continue
        cells = {ref: v for ref, v in scratch.cells.items() if ref.form == form.id}
        verdict = balances(form, cells, scratch.rows.get(form.id, {}), set(cells), result.unit.get("年度", ""))
        # How much of the header the form explains (its columns found there), and how little of the form is missing.
        printed = len(scratch.columns.get(form.id, ()))
        unprinted = sum(len(s.columns) for s in form.sections) - printed
        rank = (figures_read, _VERDICT_RANK[verdict], printed, -unprinted, fit, form is named, form.id not in titled)
        tried.append((rank, block))
    return sorted(tried, key=lambda t: t[0], reverse=True)


def chosen(sheet: str, rows: list[int], tried: list[tuple], result: Result) -> list[Block]:
    """The block of the best reading, said in a warning; none, and the tie named, when two forms read
    the rows alike."""
    if not tried:
        return []
    first, last = rows[0], rows[-1]
    where = f"第{first}–{last}行的表没有表名"
    if len(tried) > 1 and tried[0][0] == tried[1][0]:
        alike = "、".join(b.form.id for rank, b in tried if rank == tried[0][0])
        left = "其数字未导入" if tried[0][0][0] else "表中没有数字，未读取"
        result.warnings.append(Warning_(sheet, address(first, 1), (
            f"{where}，按表头栏目、行名和表内合计可读作{alike}表，无法判断是哪一张，{left}，请补上表名")))
        return []
    block = tried[0][1]
    result.warnings.append(Warning_(sheet, address(first, 1), f"{where}，按表头栏目、行名和表内合计读作{block.form.id}表，请核对"))
    return [block]


def _row(cell: str) -> int:
    """The row of a cell address ("C12" → 12); 0 for a place that is no cell (页眉)."""
    place = cell_place(cell)
    return place[0] if place else 0
