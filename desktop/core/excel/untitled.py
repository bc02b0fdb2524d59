"""Tables printed with no title (the title line missing or blank: only the header rows and the figures).
Which form each is, is told by reading it on trial as every published form: the one whose columns and
rows take its figures, then the one under which its own sums hold, then the one the workbook does not
already have by title. A table that two forms read alike is named in a warning, never guessed."""

from __future__ import annotations

from desktop.core.definitions import FormSet
from desktop.core.excel.arith import balances
from desktop.core.excel.block_read import read_block
from desktop.core.excel.columns import header_fit
from desktop.core.excel.foreign_result import Result, nothing
from desktop.core.excel.reading import Warning_, address, is_number_like, text_of
from desktop.core.excel.tables import Block, identify

# Of a titleless table's figures, the share a reading must place to be a reading at all: fewer, and
# the rows are some other sheet's (a 绩效 table, a working sheet) that a form's words happen to fit.
_LEAST_SHARE = 0.6
_VERDICT_RANK = {True: 2, None: 1, False: 0}


def untitled_blocks(
    sheet: str, grid: dict, blocks: list[Block], forms: FormSet, titled: set[str], skip: set[int], result: Result,
) -> list[Block]:
    """Blocks for the figures of the sheet above its first titled table (or on a sheet with none);
    `titled` are the forms the workbook has by title, `skip` rows of a 目录."""
    top = min((b.first for b in blocks), default=None)
    rows = sorted({r for (r, _) in grid if (top is None or r < top) and r not in skip})
    figures = {(r, c) for (r, c), v in grid.items() if r in rows and is_number_like(v) and not nothing(v)}
    if not figures:
        return []
    first, last = rows[0], rows[-1]
    top_figure = min(r for r, _ in figures)
    head = [text_of(v) for (r, _), v in grid.items() if first <= r < top_figure and isinstance(v, str)]
    # The sheet's name, when it names a form (工作表“公开02”), is what the table is unless its figures say otherwise.
    named = identify(sheet, forms) or identify(f"{sheet}表", forms)
    tried = []
    for form in (f for f in forms if f.published):
        block = Block(form, first, last, set(), forms, by_title=False)
        scratch = Result(unit=dict(result.unit))
        claimed = read_block(sheet, grid, block, scratch)
        placed = sum(1 for v in scratch.cells.values() if v)
        # What the reading took for no figure (栏次, 行次 are claimed as such) or could not place.
        unplaced = len(figures - claimed) + sum("未导入" in w.reason for w in scratch.warnings)
        if not placed or placed < _LEAST_SHARE * (placed + unplaced):
            continue
        cells = {ref: v for ref, v in scratch.cells.items() if ref.form == form.id}
        verdict = balances(form, cells, scratch.rows.get(form.id, {}), set(cells), result.unit.get("年度", ""))
        unprinted = sum(len(s.columns) for s in form.sections) - len(scratch.columns.get(form.id, ()))
        fit = header_fit(form, head)  # a header's words the form has no column for tell against it
        tried.append(((placed, _VERDICT_RANK[verdict], fit, -unprinted, form is named, form.id not in titled), block))
    if not tried:
        return []
    tried.sort(key=lambda t: t[0], reverse=True)
    where = f"第{first}–{last}行的表没有表名"
    if len(tried) > 1 and tried[0][0] == tried[1][0]:
        alike = "、".join(b.form.id for rank, b in tried if rank == tried[0][0])
        result.warnings.append(Warning_(sheet, address(first, 1), (
            f"{where}，按表头栏目、行名和表内合计可读作{alike}表，无法判断是哪一张，其数字未导入，请补上表名")))
        return []
    block = tried[0][1]
    result.warnings.append(Warning_(sheet, address(first, 1), f"{where}，按表头栏目、行名和表内合计读作{block.form.id}表，请核对"))
    return [block]
