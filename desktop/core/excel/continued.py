"""A table whose later pages are on a sheet of their own: what a PDF converted to Excel (one sheet a
page) or a finance system printing page by page gives. The continuation sheet has no title, only
the header rows again or nothing above its rows, so no table starts there. Here are the tests a run
of rows passes to be the open table's next page, and the move that puts such rows under the table the
sheets before left open, as if printed below it on the same sheet, where a repeated header or a page
line is already known for what it is; sheet_tops decides, run by run."""

from __future__ import annotations

from desktop.core.excel.codes import is_code_cell
from desktop.core.excel.columns import header_fit, strip_unit
from desktop.core.excel.foreign_result import nothing
from desktop.core.excel.header import stub_kind
from desktop.core.excel.reading import Warning_, address, cell_place, is_number_like, text_of
from desktop.core.excel.printed_lines import empty_note, is_numbering, is_page_number, is_page_total
from desktop.core.excel.tables import Block, is_meta_row, norm

# Rows left empty between the open table's last row and the continuation's first, as a page break.
_GAP = 2


def move_under(open_table, sheet, grid: dict, rows: list[int], again: Block | None, moved: dict, warnings: list) -> None:
    """The rows go under the open table (sheet, grid, block), a page break's gap above them; their titles
    are its titles; `moved` learns, for each moved row's new (sheet, row), the sheet and row it was
    printed on."""
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


def same_table(open_table, grid: dict, block: Block) -> bool:
    """A table of the same form whose rows are none of the open one's: the same table, its title
    repeated on the next page."""
    return open_table[2].form.id == block.form.id and new_rows(open_table, grid, [block.first, block.last])


def new_rows(open_table, grid: dict, rows: list[int]) -> bool:
    """Whether the rows hold figures, on rows most of which the open table does not print: a second copy
    of a table prints its rows again (a name may print twice in a table: a 款 and its 其他 项)."""
    _, host_grid, host = open_table
    mine, theirs = figure_rows(host_grid, [host.first, host.last]), figure_rows(grid, rows)
    return bool(theirs) and len(mine & theirs) * 2 < len(theirs)


def figure_rows(grid: dict, rows: list[int]) -> set[tuple]:
    """The words of each row from the first of `rows` to the last that holds a figure (a 栏次 row holds
    none): what tells a table's rows apart."""
    lines = [[v for _, v in line] for line in _lines(grid, range(rows[0], rows[-1] + 1)).values()]
    return {tuple(str(v).strip() for v in values if not is_number_like(v)) for values in lines
            if any(is_number_like(v) and not nothing(v) for v in values) and not is_numbering(values)}


def page_sums_only(grid: dict, rows: list[int]) -> bool:
    """Whether every row of the rows with figures is a page's line of sums (本页小计, 累计, 承前页): what a
    page break leaves at a page's top or foot, a table's own lines and no row of any table."""
    lines = [line for line in _lines(grid, rows).values() if any(is_number_like(v) and not nothing(v) for _, v in line)]
    return bool(lines) and all(any(isinstance(v, str) and is_page_total(v) for _, v in line) for line in lines)


def holds_figures(grid: dict, rows: list[int]) -> bool:
    """Whether the rows hold a figure: a sheet of words only (填报说明) continues nothing."""
    wanted = set(rows)
    return any(r in wanted and is_number_like(v) and not nothing(v) and not (isinstance(v, str) and is_code_cell(v))
               for (r, _), v in grid.items())


def in_its_columns(grid: dict, rows: list[int], open_table) -> bool:
    """Whether the rows' figures use no column the open table does not (a note under them may be
    merged wider): what any page of it prints."""
    used = {c for line in _lines(grid, rows).values() if any(is_number_like(v) for _, v in line) for c, _ in line}
    return used <= {c for (_, c) in _cells(open_table)}


def under_its_header(grid: dict, rows: list[int], open_table) -> bool:
    """Whether the header words above the rows' body, if any, are the open table's own, name its form's
    columns or its stub (an untitled table of another form prints other headers). The body starts
    under a 栏次 row, or else at the first row with a figure, a printed blank (－, 0.00) or a 科目 code.
    A line of one cell, a page number or a running head, is no header."""
    block = open_table[2]
    head: list[list] = []
    for r, line in sorted(_lines(grid, rows).items()):
        values = [v for _, v in line]
        if is_numbering(values):
            head.append(values)
            break
        if any(is_number_like(v) or nothing(v) or isinstance(v, str) and is_code_cell(v) for v in values):
            break
        if not is_meta_row([text_of(v) for v in values]):  # 编制单位, 金额单位: the page's lines, no header
            head.append(values)
    words = {_word(v) for values in head if len({norm(v) for v in values}) > 1
             for v in values if norm(v) and not is_number_like(v) and not is_page_number(v)}
    own = {_word(v) for v in _cells(open_table).values()}
    return all(w in own or header_fit(block.form, [w]) or w == "栏次" or stub_kind(w) for w in words)


def says_empty(open_table) -> bool:
    """Whether the open table prints its 空表说明 (本表无数据, 故本表为空表)."""
    _, host_grid, block = open_table
    lines = _lines(host_grid, range(block.first, block.last + 1)).values()
    return any(empty_note([text_of(v) for _, v in line]) for line in lines)


def _cells(open_table) -> dict:
    _, host_grid, block = open_table
    return {(r, c): v for (r, c), v in block.own(host_grid).items() if block.first <= r <= block.last}


def _lines(grid: dict, rows) -> dict[int, list]:
    """The (column, value) of each of the rows' cells, row by row, in column order."""
    wanted, lines = set(rows), {}
    for (r, c), v in sorted(item for item in grid.items() if item[0][0] in wanted):
        lines.setdefault(r, []).append((c, v))
    return lines


def _word(value) -> str:
    """A header word as the columns are told apart: with or without its unit (本年收入合计（万元）)."""
    return strip_unit(norm(value))[0]


def where_printed(warnings: list, moved: dict[tuple[str, int], tuple[str, int]]) -> list:
    """The warnings about moved rows, naming the sheet and cell the user sees them in."""
    out = []
    for w in warnings:
        place = cell_place(w.cell)
        back = moved.get((w.sheet, place[0])) if place else None
        out.append(w._replace(sheet=back[0], cell=address(back[1], place[1])) if back else w)
    return out
