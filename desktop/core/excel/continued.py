"""A table whose later pages are on a sheet of their own: what a PDF converted to Excel (one sheet a
page) or a finance system printing page by page gives. The continuation sheet has no title, only
the header rows again or nothing above its rows, so no table starts there; its rows before any
title are read as the rows under the table the sheets before it left open, as if printed below it
on the same sheet, where a repeated header or a page line is already known for what it is."""

from __future__ import annotations

import re

from desktop.core.excel.codes import is_code_cell
from desktop.core.excel.columns import header_fit, strip_unit
from desktop.core.excel.foreign_result import nothing
from desktop.core.excel.header import stub_kind
from desktop.core.excel.reading import Warning_, address, is_number_like
from desktop.core.excel.printed_lines import is_number_row
from desktop.core.excel.tables import Block, norm

# Rows left empty between the open table's last row and the continuation's first, as a page break.
_GAP = 2


def join_continuations(read: list, hidden, warnings: list) -> dict[tuple[str, int], tuple[str, int]]:
    """Moves each untitled continuation's rows into the grid of the table it continues (`read` is
    [(sheet, grid, blocks)] in sheet order); returns, for each moved row's new (sheet, row), the
    sheet and row it was printed on."""
    moved: dict[tuple[str, int], tuple[str, int]] = {}
    open_table: tuple[object, dict, Block] | None = None
    for sheet, grid, blocks in read:
        if hidden(sheet):
            continue
        if open_table is not None:
            top = blocks[0].first if blocks else None
            rows = sorted({r for (r, _) in grid if top is None or r < top})
            joined = _figures(grid, rows) and _continues(grid, rows, open_table)
            if joined:
                _move(open_table, sheet, grid, rows, None, moved, warnings)
            while blocks and _same_table(open_table, grid, blocks[0]):
                again = blocks.pop(0)  # its title printed again on the page, over rows the table lacks
                rows = sorted({r for (r, _) in grid if r <= again.last})
                _move(open_table, sheet, grid, rows, again, moved, [] if joined else warnings)
                joined = True
        if blocks:
            open_table = (sheet, grid, blocks[-1])
    return moved


def _move(open_table, sheet, grid: dict, rows: list[int], again: Block | None, moved: dict, warnings: list) -> None:
    """The rows go under the open table, a page break's gap above them; their titles are its titles."""
    host, host_grid, block = open_table
    base = max(r for (r, _) in host_grid) + _GAP - rows[0] + 1
    for (r, c) in [at for at in grid if rows[0] <= at[0] <= rows[-1]]:
        host_grid[(base + r, c)] = grid.pop((r, c))
    moved.update({(host.title, base + r): (sheet.title, r) for r in range(rows[0], rows[-1] + 1)})
    block.last = base + rows[-1]
    block.anchors |= {base + r for r in (again.anchors if again else ())}
    how = f"的{block.form.id}表与前一张表名相同、行不重复" if again else "没有表名"
    warnings.append(Warning_(sheet.title, address(rows[0], 1), (
        f"此工作表{how}，读作工作表“{host.title}”中{block.form.id}表的续页")))


def _same_table(open_table, grid: dict, block: Block) -> bool:
    """A table of the same form whose rows are none of the open one's: the same table, its title
    repeated on the next page. A second copy of a table prints the same rows again."""
    _, host_grid, host = open_table
    if host.form.id != block.form.id:
        return False
    mine, theirs = _row_texts(host_grid, host), _row_texts(grid, block)
    return bool(theirs) and not mine & theirs


def _row_texts(grid: dict, block: Block) -> set[tuple]:
    """The words of each row of the block that holds a figure: what tells its rows apart."""
    rows: dict[int, list] = {}
    for (r, c), v in sorted(grid.items()):
        if block.first <= r <= block.last:
            rows.setdefault(r, []).append(v)
    return {tuple(str(v).strip() for v in values if not is_number_like(v)) for values in rows.values()
            if any(is_number_like(v) and not nothing(v) for v in values) and not _numbering(values)}


def _figures(grid: dict, rows: list[int]) -> bool:
    """Whether the rows hold a figure: a sheet of words only (填报说明) continues nothing."""
    wanted = set(rows)
    return any(r in wanted and is_number_like(v) and not nothing(v) and not (isinstance(v, str) and is_code_cell(v))
               for (r, _), v in grid.items())


def _continues(grid: dict, rows: list[int], open_table) -> bool:
    """Whether the rows can be the open table's next page: their figures' rows use no column it does
    not (a note under them may be merged wider), and the header words above their body, if any, are
    its own, name its form's columns or its stub (an untitled table of another form prints other
    headers). The body starts under a 栏次 row, or else at the first row with a figure, a printed
    blank (－, 0.00) or a 科目 code. A line of one cell, a page number or a running head, is no header."""
    _, host_grid, block = open_table
    mine = {(r, c): v for (r, c), v in host_grid.items() if block.first <= r <= block.last}
    lines: dict[int, list] = {}
    for (r, c), v in sorted(grid.items()):
        if r in set(rows):
            lines.setdefault(r, []).append((c, v))
    figured = [line for line in lines.values() if any(is_number_like(v) for _, v in line)]
    if not {c for line in figured for c, _ in line} <= {c for (_, c) in mine}:
        return False
    head: list[list] = []
    for r in sorted(lines):
        values = [v for _, v in lines[r]]
        if _numbering(values):
            head.append(values)
            break
        if any(is_number_like(v) or nothing(v) or isinstance(v, str) and is_code_cell(v) for v in values):
            break
        head.append(values)
    words = {_word(v) for values in head if len({norm(v) for v in values}) > 1
             for v in values if norm(v) and not is_number_like(v)}
    own = {_word(v) for v in mine.values()}
    return all(w in own or header_fit(block.form, [w]) or w == "栏次" or stub_kind(w) for w in words)


def _word(value) -> str:
    """A header word as the columns are told apart: with or without its unit (本年收入合计（万元）)."""
    return strip_unit(norm(value))[0]


def _numbering(values: list) -> bool:
    return is_number_row(values) or any(norm(v) == "栏次" for v in values)


_ADDRESS = re.compile(r"^([A-Z]+)([0-9]+)$")


def where_printed(warnings: list, moved: dict[tuple[str, int], tuple[str, int]]) -> list:
    """The warnings about moved rows, naming the sheet and cell the user sees them in."""
    out = []
    for w in warnings:
        m = _ADDRESS.match(w.cell)
        back = moved.get((w.sheet, int(m.group(2)))) if m else None
        out.append(w._replace(sheet=back[0], cell=f"{m.group(1)}{back[1]}") if back else w)
    return out
