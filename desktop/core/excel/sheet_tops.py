"""Rows that no title claims, decided once for every sheet in order: those above a sheet's first titled
table, and those under a table from a unit line (编制单位, 金额单位) or a header's line that follows its
body, where another table's lines, or its own on its next page, begin. Each run of them is the next page
of the table above it (on this sheet, or left open by the sheets before: a PDF converted to Excel, a
printout page by page) or a table printed without a title (see untitled), by the same evidence: whether
the rows fit the open table's columns and header words, and which form's reading of them places their
figures."""

from __future__ import annotations

from desktop.core.definitions import FormSet
from desktop.core.excel.continued import (
    figure_rows, holds_figures, in_its_columns, move_under, new_rows, page_sums_only, same_table, says_empty,
    under_its_header,
)
from desktop.core.excel.foreign_result import Result
from desktop.core.excel.tables import Block, toc_row_numbers
from desktop.core.excel.untitled import chosen, readings, top_parts

# How many terms of a reading's rank (see untitled.readings) are the rows' own evidence: figures placed
# and sums; with the header's columns printed and missing.
_ROW_EVIDENCE = 2
_OWN_EVIDENCE = 5


def settle_tops(read: list, forms: FormSet, hidden, result: Result) -> dict[tuple[str, int], tuple[str, int]]:
    """Reads `read` ([(sheet, grid, blocks)] in sheet order, each sheet's blocks changed in place): joins
    each continuation to the table it continues and adds a block for each untitled table; returns where
    each row moved to another sheet was printed (see continued.where_printed)."""
    titled = {b.form.id for _, _, blocks in read for b in blocks}
    moved: dict[tuple[str, int], tuple[str, int]] = {}
    open_table = None
    for sheet, grid, blocks in read:
        shown = not hidden(sheet)
        top = min((b.first for b in blocks), default=None)
        skip = toc_row_numbers(grid, forms)
        runs: list = top_parts(grid, sorted({r for (r, _) in grid if (top is None or r < top) and r not in skip}))
        for block in blocks:
            runs += [block, *_cut(grid, block)]
        found: list[Block] = []
        told = False  # one warning a sheet that continues another
        for run in runs:
            if isinstance(run, Block):
                if open_table is not None and shown and not found and open_table[0] is not sheet and same_table(open_table, grid, run):
                    rows = sorted({r for (r, _) in grid if r <= run.last})  # its title again, over rows the table lacks
                    move_under(open_table, sheet, grid, rows, run, moved, [] if told else result.warnings)
                    told = True
                    continue
                found.append(run)
            elif open_table is not None and shown and _next_page(sheet, grid, run, open_table, forms, titled, result):
                if open_table[0] is sheet:
                    open_table[2].last = run[-1]  # its next page on this sheet, under its lines again
                else:
                    move_under(open_table, sheet, grid, run, None, moved, [] if told else result.warnings)
                    told = True
                continue
            else:
                more = chosen(sheet.title, run, readings(sheet.title, grid, run, forms, titled, result), result)
                found += more
                if not more:
                    # Figures no form reads (two alike): nothing below continues a table above them.
                    open_table = None if holds_figures(grid, run) else open_table
                    continue
            if shown:
                open_table = (sheet, grid, found[-1])
        blocks[:] = found
    return moved


def _cut(grid: dict, block: Block) -> list[list[int]]:
    """The runs of the block's rows from the first unit line or header's line printed under its body (not
    under its title printed again): the lines of a table whose title is missing, or the table's own on its
    next page; the block ends above them."""
    if block.columns is not None:
        return []  # printed beside another table on the same rows: its rows are told apart by columns
    # Rows above its title printed again are its own: the title says so.
    parts = top_parts(grid, sorted({r for (r, _) in grid if max(block.anchors) <= r <= block.last}), block.anchors)
    if len(parts) > 1:
        block.last = parts[1][0] - 1
    return parts[1:]


def _next_page(sheet, grid: dict, rows: list[int], open_table, forms: FormSet, titled: set[str], result: Result) -> bool:
    """Whether the rows are the open table's next page: they hold figures on rows it does not print, in its
    columns, and read as its form as well as any other form reads them (on the rows' own evidence:
    figures placed, sums, columns printed; not which forms the workbook has by title); rows no form
    reads, under no header or its own, are its rows too; so is its header printed again with no rows under it."""
    if open_table[2].columns is not None or not in_its_columns(grid, rows, open_table):
        return False  # a table printed beside another continues, if at all, beside it: not told here
    if says_empty(open_table):
        return False  # a table that says it has no figures (its 空表说明) has no page of figures
    if open_table[0] is sheet and not figure_rows(grid, rows):
        return under_its_header(grid, rows, open_table)  # its header again at a page's foot, the rows on the next
    if page_sums_only(grid, rows):
        return True  # its 本页小计 or 累计 carried to the next page's top
    if not (holds_figures(grid, rows) and new_rows(open_table, grid, rows)):
        return False
    tried = readings(sheet.title, grid, rows, forms, titled, result)
    own_header = under_its_header(grid, rows, open_table)
    if not tried:
        return own_header
    # Under the table's own header words, how many of them a form's columns take tells nothing more.
    evidence = _ROW_EVIDENCE if own_header else _OWN_EVIDENCE
    best = tried[0][0][:evidence]
    return any(block.form.id == open_table[2].form.id for rank, block in tried if rank[:evidence] == best)
