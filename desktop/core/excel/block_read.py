"""One table of a workbook made elsewhere: its unit line, header band, body rows and 空表说明."""

from __future__ import annotations

from desktop.core.excel.codes import is_code_cell, split_code
from desktop.core.excel.column_settle import settle_columns
from desktop.core.excel.columns import header_fit, strip_unit
from desktop.core.excel.foreign_result import Result, nothing
from desktop.core.excel.header import Segment, header_segments
from desktop.core.excel.printed_lines import (
    empty_note, is_number_row, is_page_number, is_page_total, is_tail_line, money_unit, unit_facts,
)
from desktop.core.excel.reading import Warning_, address, is_number_like, text_of
from desktop.core.excel.row_place import labels_a_row, names_a_row
from desktop.core.excel.row_read import read_segment_row
from desktop.core.excel.row_settle import settle_ties
from desktop.core.excel.tables import Block, is_meta_row, norm

def cells_by_row(grid: dict) -> dict[int, dict[int, object]]:
    rows: dict[int, dict[int, object]] = {}
    for (r, c), value in grid.items():
        rows.setdefault(r, {})[c] = value
    return rows


def read_block(
    sheet: str, grid: dict, block: Block, result: Result, page: tuple[str, str] | None = None,
) -> set[tuple[int, int]]:
    """Reads one table; returns the cells it accounted for. `page` is the 金额单位 the sheet's page
    header or name states and where, for a table whose own lines do not."""
    form = block.form
    grid = block.own(grid)
    if form.id not in result.money:
        result.money[form.id], where = page or (None, "页眉")
        result.money_origin[form.id] = (sheet, where)
    claimed: set[tuple[int, int]] = set()
    by_row = cells_by_row(grid)
    rows = sorted(r for r in by_row if block.first <= r <= block.last)
    header_rows: list[int] = []
    notes: list[str] = []  # 空表说明 printed with the table: taken only if the table shows no figure
    number_row = None
    body_start = None
    for r in rows:
        texts = by_row[r]
        if number_row is not None:
            # Past the 栏次 row, before any row of data, another header's lines: the header printed above
            # this one (a page's 顶端标题行, another table's) is not this table's; the one over its rows is.
            line = [text_of(v) for v in texts.values()]
            if not (is_meta_row(line) or _names_columns(form, texts.values())):
                break  # data, or its own stub's lines again (科目编码, 类 款 项): the body reads those
            header_rows, number_row, body_start = [], None, None
        if r in block.anchors or is_meta_row([text_of(v) for v in texts.values()]):
            line = [text_of(v) for _, v in sorted(texts.items())]
            for problem in unit_facts(line, result.unit):
                if all(w.reason != problem for w in result.warnings):  # every table repeats the line
                    result.warnings.append(Warning_(sheet, address(r, min(texts)), problem))
            money = next((m for m in map(money_unit, line) if m), None)
            if money:
                result.money[form.id] = money
                result.money_origin[form.id] = (sheet, address(r, min(texts)))
            claimed |= {(r, c) for c in texts}
            continue
        note = empty_note([text_of(v) for _, v in sorted(texts.items())])
        if note is not None:
            notes.append(note)
            claimed |= {(r, c) for c in texts}
            continue
        if any(norm(v) == "栏次" for v in texts.values()) or header_rows and is_number_row(
            [v for _, v in sorted(texts.items())]
        ):
            number_row = r
            claimed |= {(r, c) for c in texts}
            body_start = r + 1
            continue
        if any(_body_cell(form, v) for v in texts.values()):
            if not header_rows and not any(is_number_like(v) and not nothing(v) for v in texts.values()):
                # The table's row names with no figure over no header yet: the foot of a page printed above the
                # next page's header (a sheet cut from a PDF); a header below is the table's.
                claimed |= {(r, c) for c in texts}
                continue
            body_start = r
            break
        header_rows.append(r)
        claimed |= {(r, c) for c in texts}
    if body_start is None or not header_rows:
        _take_note(form.id, notes, result)
        return claimed
    # The 栏次 row can double as the last header row (科目代码, 科目名称 beside 栏次): keep its words.
    named_rows = header_rows + ([number_row] if number_row else [])
    columns = sorted({c for (r, c) in grid if r in named_rows})
    paths: dict[int, list[str]] = {}
    header_texts: set[str] = set()
    stated: set[str] = set()  # 金额单位 the headers state (“本年支出合计（万元）”) for a table with no unit line
    for c in columns:
        path: list[str] = []
        for r in named_rows:
            t = norm(grid.get((r, c)))
            if r == number_row and (t == "栏次" or t.isdigit()):
                continue
            header_texts.add(t)
            t, money = strip_unit(t)
            stated |= {money} if money else set()
            if t and (not path or path[-1] != t):
                path.append(t)
        if path:
            paths[c] = path
    # A column's own content: a merged cell's copy of the cell to its left (a note over the table's
    # width) is not, so the narrow columns a merged row crosses still count as empty.
    _drop_spacers(paths, {c for r in rows if r >= body_start for c, v in by_row[r].items() if v != by_row[r].get(c - 1)})
    if len(stated) == 1 and not result.money.get(form.id):
        result.money[form.id] = stated.pop()
        result.money_origin[form.id] = (sheet, address(header_rows[0], min(columns)))
    segments = header_segments(form, paths, block.forms)
    body = Body(sheet, grid, form, block, [r for r in rows if r >= body_start], header_texts, by_row)
    if settled := settle_columns(body, segments, lambda: header_segments(form, paths, block.forms), result):
        result.warnings.append(Warning_(sheet, address(header_rows[0], min(columns)), settled))
    for col in (col for s in segments for col in s.values if col.column):
        owner = col.form or form  # a column another form's, printed beside (公开05's 年初预算数)
        if owner.id not in result.money:  # its figures are in the 金额单位 of the table they are printed in
            result.money[owner.id] = result.money.get(form.id)
            result.money_origin[owner.id] = result.money_origin.get(form.id, (sheet, "页眉"))
            if owner is not form:
                result.printed_in[owner.id] = form.id
        # A column whose section the rows decide (公开01 as one list) is printed for each section that has it.
        sections = [col.section] if col.section else [s for s in owner.sections if col.column in s.columns]
        result.columns.setdefault(owner.id, set()).update((section.key, col.column.key) for section in sections)
    figures_before = _figures(result, form.id)
    claimed |= body.read(segments, result, notes)
    settle_ties(form, result)
    if _figures(result, form.id) == figures_before:  # zeros printed for blanks are no figures
        _take_note(form.id, notes, result)
    return claimed


def _drop_spacers(paths: dict[int, list[str]], filled: set[int]) -> None:
    """Takes out columns that hold nothing of their own and have no header of their own, only the group title
    or the header of the column beside them merged over both: the narrow columns a PDF converted to
    Excel leaves between the printed ones. Left in, they would split a table's stub from its figures."""
    spacers = [
        c for c in paths if c not in filled
        and any(len(paths[c]) <= len(other) and other[:len(paths[c])] == paths[c]
                for other in (paths.get(c - 1), paths.get(c + 1)) if other)
    ]
    for c in spacers:
        del paths[c]


class Body:
    """A table's body rows under its header: read once, or read on trial under another reading of its columns."""

    def __init__(self, sheet: str, grid: dict, form, block: Block, rows: list[int], header_texts: set[str], by_row: dict):
        self.sheet, self.grid, self.form, self.block = sheet, grid, form, block
        self.rows, self.header_texts, self.by_row = rows, header_texts, by_row

    def read(self, segments: list[Segment], result: Result, notes: list[str]) -> set[tuple[int, int]]:
        """Reads the body rows into `result`; returns the cells it accounted for."""
        sheet, grid, form, block, by_row, header_texts = self.sheet, self.grid, self.form, self.block, self.by_row, self.header_texts
        claimed: set[tuple[int, int]] = set()
        repeated = False  # the row above was the header printed again
        for r in self.rows:
            texts = by_row[r]
            plain = [norm(v) for v in texts.values()]
            if r in block.anchors or is_meta_row([text_of(v) for v in texts.values()]):
                claimed |= {(r, c) for c in texts}
                continue
            if (
                any(t == "栏次" for t in plain)
                or all(t in header_texts or t.isdigit() and not _has_figure(texts, segments) for t in plain)
                and not _one_row_label(form, plain)
                or repeated and is_number_row([v for _, v in sorted(texts.items())])
            ):
                claimed |= {(r, c) for c in texts}  # the header repeated after a page break
                repeated = True
                continue
            repeated = False
            note = None if _has_nonzero(texts, segments) else empty_note([text_of(v) for _, v in sorted(texts.items())])
            if note is not None:
                notes.append(note)
                claimed |= {(r, c) for c in texts}
                continue
            if is_tail_line([v for _, v in sorted(texts.items())]):
                claimed |= {(r, c) for c in texts}
                continue
            if all(isinstance(v, str) and is_page_number(v) for v in texts.values()):
                claimed |= {(r, c) for c in texts}  # the foot or head of a page, between the rows
                continue
            if any(isinstance(v, str) and is_page_total(v) for v in texts.values()):
                claimed |= {(r, c) for c in texts}  # 本页小计, 累计: sums over rows already read
                continue
            for segment in segments:
                claimed |= read_segment_row(sheet, grid, form, segment, r, result)
        return claimed


def _one_row_label(form, plain: list[str]) -> bool:
    """A row whose one word is a fixed row's label that is also a header word (公开04's 一般公共预算财政拨款
    under 年初财政拨款结转和结余), beside its 行次 and blank figures: a body row, printed blank, not the
    header printed again (which prints its columns' words together)."""
    words = [t for t in plain if t and not t.isdigit()]
    return len(words) == 1 and labels_a_row(form, words[0])


def _figures(result: Result, form_id: str) -> int:
    return sum(1 for ref, value in result.cells.items() if ref.form == form_id and value)


def _take_note(form_id: str, notes: list[str], result: Result) -> None:
    if notes and not result.notes.get(form_id):
        result.notes[form_id] = notes[0]


def _names_columns(form, values) -> bool:
    """A line of the form's column words (two or more, no figure): a header's, not a row's."""
    return not any(_body_cell(form, v) for v in values) and header_fit(form, [text_of(v) for v in values]) >= 2


def _body_cell(form, value) -> bool:
    """A figure, a 科目 code or the name of one of the form's rows: the table's body, never its header."""
    return _looks_like_data(value) or isinstance(value, str) and names_a_row(form, value)


def _looks_like_data(value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    t = norm(value)
    return is_code_cell(t) or split_code(t) is not None and len(t) > 2 or is_number_like(value)


def _has_figure(texts: dict, segments: list[Segment]) -> bool:
    value_cols = {col.index for s in segments for col in s.values}
    return any(c in value_cols and is_number_like(v) for c, v in texts.items())


def _has_nonzero(texts: dict, segments: list[Segment]) -> bool:
    """A figure other than 0: "本表无数据" on a row whose cells print 0.00 is the table's 空表说明."""
    value_cols = {col.index for s in segments for col in s.values}
    return any(c in value_cols and is_number_like(v) and not nothing(v) for c, v in texts.items())
