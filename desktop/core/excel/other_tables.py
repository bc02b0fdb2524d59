"""Tables printed beside the published ones that are none of them (一般公共预算财政拨款项目支出决算表, 政府采购情况表,
…): told by their title as a whole, set apart before the sheet is read, so that none of their figures enters a
form, ends a form's table early or is read on trial as a table without a title; each is named once."""

from __future__ import annotations

from desktop.core.definitions import FormSet
from desktop.core.excel.block_read import cells_by_row
from desktop.core.excel.foreign_result import nothing
from desktop.core.excel.reading import Warning_, address, is_number_like, text_of
from desktop.core.excel.tables import identify, other_title, toc_row_numbers
from desktop.core.excel.untitled import top_parts


def set_apart(sheet: str, grid: dict, forms: FormSet, warnings: list[Warning_]) -> None:
    """Removes from `grid` each table whose title names another table than the forms, from its title to the
    next title, or to the next lines printed under its body that are not its own header again (another
    table's, left to be read); warns once per table."""
    found: dict[int, str] = {}
    for (r, _), v in grid.items():
        if r not in found and isinstance(v, str) and (title := other_title(v, forms)):
            found[r] = title
    if not found:
        return  # the common case, asked of every sheet: nothing more is worked out
    toc = toc_row_numbers(grid, forms)
    titled = [(r, title) for r, title in sorted(found.items()) if r not in toc]
    by_row = cells_by_row(grid)
    named = sorted(r for r in by_row if r not in toc and any(
        isinstance(v, str) and (identify(v, forms) or other_title(v, forms)) for v in by_row[r].values()))
    for first, title in titled:
        end = next((r - 1 for r in named if r > first), max(by_row))
        parts = top_parts(grid, [r for r in sorted(by_row) if first <= r <= end], {first})
        own = _header(by_row, parts[0])
        rows = list(parts[0])
        for part in parts[1:]:
            if not _header(by_row, part) <= own:
                break  # another table's header: not this one's next page
            rows += part
        taken = set(rows)
        for key in [key for key in grid if key[0] in taken]:
            del grid[key]
        warnings.append(Warning_(sheet, address(first, 1), f"第{first}–{rows[-1]}行的“{title}”不是决算公开表，未导入"))


def _header(by_row: dict, rows: list[int]) -> set[str]:
    """The words over a run's first figure: its header (and, for the table's first part, its title lines)."""
    top = next((r for r in rows if any(is_number_like(v) and not nothing(v) for v in by_row.get(r, {}).values())), None)
    return {text_of(v).strip() for r in rows if top is None or r < top for v in by_row.get(r, {}).values()
            if isinstance(v, str) and text_of(v).strip()}
