"""Reading a workbook made elsewhere: rows by code or label, columns by header, never by position alone."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP

from desktop.core.catalogue import ancestors, load_catalogues
from desktop.core.definitions import CellRef, FormSet
from desktop.core.excel.arith import balances, disagreement, in_wan
from desktop.core.excel.block_owner import file_owner, owner_sets, stated_owner, stranger
from desktop.core.excel.block_read import cells_by_row, read_block
from desktop.core.excel.codes import is_code_cell
from desktop.core.excel.columns import header_fit, strip_unit
from desktop.core.excel.continued import says_empty, where_printed
from desktop.core.excel.foreign_result import Result, nothing
from desktop.core.excel.merged_rows import settle_stand_ins
from desktop.core.excel.meta import SHEET
from desktop.core.excel.money_evidence import settle_unstated
from desktop.core.excel.other_tables import set_apart
from desktop.core.excel.printed_lines import money_unit, unit_facts
from desktop.core.excel.reading import Warning_, address, cell_place, is_number_like, sheet_grid, text_of
from desktop.core.excel.sheet_tops import settle_tops
from desktop.core.excel.tables import Block, find_blocks, identify, norm, toc_row_numbers
from desktop.core.money import CENT
from desktop.core.snapshot import Snapshot
from desktop.core.unread import covering
from desktop.core.structure import CodedRow, Structure
from desktop.core.workspace import UNIT_DEFAULTS

# Rows under a title that hold a table's header band, for telling which form its columns are.
_HEAD_REACH = 8


def read_foreign(
    book, forms: FormSet, structure: Structure | None = None, choice: str | None = None, path="", narrative: str = "",
) -> tuple[Snapshot, list[Warning_]]:
    """A snapshot of the tables found; `structure`, when given, is the rows the figures must fit;
    `choice` names the set of tables to read when the workbook holds several (see file_owner);
    `narrative` is the workbook's 情况说明, whose amounts say in which unit a table is that does not."""
    result = Result()
    # Visible sheets first: a hidden one (last year's copy, a working sheet) gives only tables no
    # visible sheet has, and says so.
    sheets = sorted((s for s in book.worksheets if s.title != SHEET), key=lambda s: _hidden(s))
    read = []
    for sheet in sheets:
        grid = sheet_grid(sheet)
        set_apart(sheet.title, grid, forms, result.warnings)
        read.append((sheet, grid, find_blocks(grid, forms)))
    moved = settle_tops(read, forms, _hidden, result)
    owners = {id(b): stated_owner(grid, b) for sheet, grid, blocks in read for b in blocks}
    sets = owner_sets([(sheet.title, b.form.id, owners[id(b)]) for sheet, _, blocks in read if not _hidden(sheet) for b in blocks])
    of_file = file_owner(sets, choice, path or getattr(book, "path", ""))
    # A table printed with no title is read after every titled one: a copy of a form that disagrees with the
    # form's figures read elsewhere is another table (see _another_table), whichever sheet comes first. A hidden
    # sheet's tables come last of all.
    sheets_read, later = [], []
    # Tables a hidden sheet holds titled and says are empty (units hide their empty tables): read last, but no
    # table with no title is one of them all the same.
    hidden_empty = {b.form.id for sheet, grid, blocks in read if _hidden(sheet) for b in blocks
                    if b.anchors and says_empty((sheet, grid, b))}
    for sheet, grid, blocks in read:
        _read_toc(grid, forms, result)
        claimed: set[tuple[int, int]] = set()
        page = _page_header(sheet, result)
        sheets_read.append((sheet, grid, blocks, claimed))
        for block in blocks:
            if block.anchors and not _hidden(sheet):
                _read_table(sheet, grid, block, blocks, page, claimed, stranger(owners[id(block)], of_file), result)
            else:
                later.append((sheet, grid, block, blocks, page, claimed))
    for sheet, grid, block, blocks, page, claimed in later:
        if not _hidden(sheet) and _another_table(sheet.title, grid, block, result, page, forms, hidden_empty):
            claimed |= {(r, c) for (r, c) in grid if block.holds(r, c)}
            continue
        _read_table(sheet, grid, block, blocks, page, claimed, stranger(owners[id(block)], of_file), result)
    for sheet, grid, blocks, claimed in sheets_read:
        if not _hidden(sheet):
            _unplaced(sheet.title, grid, claimed, toc_row_numbers(grid, forms), blocks, result)
    settle_unstated(result, narrative)
    settle_stand_ins(result, forms)
    _one_money_unit(result)
    optional = sorted(f for f in result.found if forms[f].optional)
    if optional:  # a regional table the workbook fills is one the unit takes up
        result.unit["选填表"] = ",".join(optional)
    _drop_unplaceable(result, forms, structure)
    snapshot = Snapshot(
        unit={**UNIT_DEFAULTS, **result.unit},
        rows=[(form, code, name) for form, by_code in sorted(result.rows.items()) for code, name in sorted(by_code.items())],
        cells=dict(sorted(result.cells.items())),
        empty_notes=result.notes,
        found_forms=set(result.found),
        absent_columns=_absent_columns(result, forms),
        unread=result.unread,
    )
    return snapshot, where_printed(result.warnings, moved)


def _read_table(sheet, grid: dict, block: Block, blocks: list[Block], page, claimed: set, whose: str | None,
                result: Result) -> None:
    """Reads one table into `result`, adding the cells it takes to `claimed`: a table of another unit or year,
    a hidden sheet's copy of a table a visible sheet has, named instead."""
    _settle_form(sheet.title, grid, block, result, page)
    if whose is not None:
        result.warnings.append(Warning_(sheet.title, address(block.first, 1), f"这张{block.form.id}表是{whose}，其数字未导入"))
        claimed |= {(r, c) for (r, c) in grid if block.first <= r <= block.last}
        return
    if _hidden(sheet):
        if block.form.id in result.found:
            result.warnings.append(Warning_(sheet.title, address(block.first, 1), (
                f"隐藏的工作表中另有一张{block.form.id}表，与可见的重复，未读取")))
            return
        result.warnings.append(Warning_(sheet.title, address(block.first, 1), (
            f"{block.form.id}表取自隐藏的工作表，请核对是否为本年度的表")))
    elif block.form.id in result.found:
        result.warnings.append(Warning_(sheet.title, address(block.first, 1), (
            f"工作簿中又有一张{block.form.id}表：与前一张相同的数字照常读取，不同的逐格列出，未导入")))
    result.found.add(block.form.id)
    claimed |= read_block(sheet.title, grid, block, result, page)
    if above := next((result.money[b.form.id] for b in reversed(blocks[:blocks.index(block)])
                      if result.money.get(b.form.id)), None):
        result.sheet_money.setdefault(block.form.id, above)


def _another_table(sheet: str, grid: dict, block: Block, result: Result, page, forms: FormSet, empty: set[str]) -> bool:
    """Whether a table with no title, read on trial as a form, is another table (一般公共预算财政拨款项目支出决算表
    printed without its title reads as 公开05's 科目 and columns): with the form read already, a figure of it
    differs from the form's own in the same cell or stands in a table that says it is empty, or it states
    another 金额单位; with none, a sum between it and the tables read fails (公开04's 一般公共预算 by 类).
    Named once; none of its figures is read."""
    scratch = Result(unit=dict(result.unit))
    read_block(sheet, grid, block, scratch, page)
    form = block.form.id
    mine = {ref: v for ref, v in scratch.cells.items() if ref.form == form}
    if form in result.found or form in empty:
        differs = [ref for ref, v in mine.items() if ref in result.cells and result.cells[ref] != v]
        # A form its own table says is empty (its 空表说明, or a hidden sheet's `empty`) has no figures elsewhere.
        said_empty = bool(result.notes.get(form)) or form in empty
        if said_empty:
            differs += [ref for ref, v in mine.items() if v and ref not in result.cells]
        money = scratch.money.get(form), result.money.get(form)
        if not differs and (None in money or money[0] == money[1]):
            return False
        why = f"{form}表印有空表说明，此表却有数字" if said_empty else f"与已读入的{form}表数字不同（{len(differs)} 格）"
    else:
        # A table stating no 金额单位 (a page cut from a PDF) is in the one the workbook's tables state, if one.
        stated = {unit for unit in result.money.values() if unit}
        unit = scratch.money.get(form) or (next(iter(stated)) if len(stated) == 1 else None)
        if unit is None:
            return False
        cells = in_wan(mine, scratch.counts, unit)
        for other in {ref.form for ref in result.cells}:
            theirs = {ref: v for ref, v in result.cells.items() if ref.form == other}
            cells.update(in_wan(theirs, result.counts, result.money.get(other)))
        rows = {**result.rows, form: scratch.rows.get(form, {})}
        # Not compared: figures left unread, and the rows a merged row's figure waits to be split into.
        waiting = result.unread + [(s.form, row, s.column) for s in result.stand_ins for row in s.rows]
        failed = disagreement(forms, block.form, cells, rows, result.unit.get("年度", ""), result.columns, result.blank,
                              covering(waiting))
        if failed is None:
            return False
        why = f"与已读入的表不符（{failed}）"
    where = address(block.first, 1)
    # The reading's own warning (读作…表，请核对) gives way to this one: one warning a table.
    result.warnings[:] = [w for w in result.warnings if not (w.sheet == sheet and w.cell == where and "没有表名" in w.reason)]
    result.warnings.append(Warning_(sheet, where, (
        f"第{block.first}–{block.last}行的表没有表名，按表头可读作{form}表，但{why}，应是另一张表，未导入，请核对")))
    return True


def _settle_form(sheet: str, grid: dict, block: Block, result: Result, page: tuple[str, str] | None) -> None:
    """A title and a printed 公开0X表 that name different forms: the one whose columns the block's
    header prints wins; when they print as many of each, the one under which the table balances
    (the title when both or neither do). The other is named."""
    if block.other is None:
        return
    head = [text_of(v) for (r, _), v in block.own(grid).items() if block.first <= r <= min(block.last, block.first + _HEAD_REACH)]
    title, label = block.form, block.other
    fits = header_fit(title, head), header_fit(label, head)
    how = "按表头栏目"
    if fits[1] > fits[0]:
        block.form, block.other = label, title
    elif fits[1] == fits[0]:
        verdicts = [_balances_as(sheet, grid, replace(block, form=form), result, page) for form in (title, label)]
        if sorted(verdicts, key=str) == [False, True]:
            how = "按表内合计关系"
            if verdicts[1]:
                block.form, block.other = label, title
    result.warnings.append(Warning_(sheet, address(block.first, 1), (
        f"表名指{title.id}，表号印作{label.id}；{how}读作{block.form.id}，请核对")))


def _balances_as(sheet: str, grid: dict, block: Block, result: Result, page: tuple[str, str] | None) -> bool | None:
    """Whether the block, read on trial as `block.form`, balances (see arith.balances)."""
    scratch = Result(unit=dict(result.unit))
    read_block(sheet, grid, block, scratch, page)
    form = block.form
    cells = in_wan(scratch.cells, scratch.counts, scratch.money.get(form.id))
    return balances(form, cells, scratch.rows.get(form.id, {}), set(cells), result.unit.get("年度", ""))


def _hidden(sheet) -> bool:
    return getattr(sheet, "sheet_state", "visible") != "visible"


def _page_header(sheet, result: Result) -> tuple[str, str] | None:
    """Unit facts printed in the sheet's page header or footer; returns the 金额单位 stated there, or
    else in the sheet's name (“收入决算表（万元）”), with where it is stated."""
    texts = []
    for item in (getattr(sheet, name, None) for name in ("oddHeader", "oddFooter", "firstHeader", "evenHeader")):
        for part in (getattr(item, side, None) for side in ("left", "center", "right")):
            if part is not None and part.text:
                texts.append(part.text)
    unit: dict[str, str] = {}
    unit_facts(texts, unit)
    for key, value in unit.items():
        if key != "金额单位":
            result.unit.setdefault(key, value)
    if unit.get("金额单位"):
        return unit["金额单位"], "页眉"
    named = money_unit(sheet.title) or strip_unit(norm(sheet.title))[1]
    return (named, "工作表名") if named else None


def _one_money_unit(result: Result) -> None:
    """The workbook's 金额单位 is the one most of its tables state; a table (or a row, by its 计量单位)
    printed in the other is converted to it and named: never a figure in 元 read as 万元."""
    stated = [m for m in result.money.values() if m]
    if stated:
        result.unit["金额单位"] = max(("万元", "元"), key=lambda m: (stated.count(m), m == "万元"))
    unit = result.unit.get("金额单位") or "万元"
    rounded: dict[str, bool] = {}  # form → whether a figure of its table needed rounding
    for ref in [ref for ref in result.cells if ref not in result.counts]:
        table = result.money.get(ref.form)
        money = result.cell_money.get(ref) or table
        if not money or money == unit:
            continue
        value = result.cells[ref] * 10000 if unit == "元" else result.cells[ref] / 10000
        exact = value.quantize(CENT, rounding=ROUND_HALF_UP)
        result.cells[ref] = exact
        if money != table:  # the row's own 计量单位 differs from its table's
            sheet, where = result.origin[ref]
            how = "，四舍五入到分" if exact != value else ""
            result.warnings.append(Warning_(sheet, where, f"{ref.form}「{ref.row}」行计量单位为{money}，已换算为{unit}{how}"))
        else:
            rounded[ref.form] = rounded.get(ref.form, False) or exact != value
    for form_id, needed in rounded.items():
        sheet, where = result.money_origin[form_id]
        how = "，四舍五入到分，可能有尾差" if needed else ""
        result.warnings.append(Warning_(sheet, where, f"{form_id}表金额单位为{result.money[form_id]}，已换算为{unit}{how}"))


def _absent_columns(result: Result, forms: FormSet) -> dict[str, list[str]]:
    """Columns of a table found with a readable header that its layout does not print (三公 without 会议费)."""
    absent = {}
    for form_id, printed in sorted(result.columns.items()):
        if not printed:
            continue
        keys = [c.key for s in forms[form_id].sections for c in s.columns if (s.key, c.key) not in printed]
        if keys:
            absent[form_id] = list(dict.fromkeys(keys))
    return absent


def _drop_unplaceable(result: Result, forms: FormSet, structure: Structure | None) -> None:
    """Warns of and drops what a workspace could not take: a 科目 under a 类 or 款 that is in
    neither the catalogue nor the workbook, and figures on rows or columns the form does not have
    (a sheet whose rows or headers were moved about)."""
    year = result.unit.get("年度", "")
    catalogues = load_catalogues(int(year) if year else 9999)
    for form_id, by_code in result.rows.items():
        section = next((s for s in forms[form_id].sections if s.catalogue), None)
        catalogue = catalogues.get(section.catalogue) if section else None
        for code in sorted(by_code, key=len):
            if section is None or any(
                each not in by_code and (catalogue is None or catalogue.name(each) is None) for each in ancestors(code)
            ):
                del by_code[code]
    if structure is None:
        coded = [
            CodedRow(form_id, code, name, True) for form_id, by_code in result.rows.items() for code, name in by_code.items()
        ]
        structure = Structure(forms, catalogues, coded, {f.strip() for f in result.unit.get("选填表", "").split(",")})
    for ref in [ref for ref in result.cells if not structure.is_cell(ref)]:
        sheet, where = result.origin[ref]
        figure = result.cells.pop(ref)
        result.warnings.append(Warning_(sheet, where, f"{ref.form} 没有“{ref.row}”行“{ref.col}”栏，数字 {figure} 未导入"))
        result.refused(ref.form, [""], ref.col, sheet, where, figure)


def _read_toc(grid: dict, forms: FormSet, result: Result) -> None:
    """空表理由 from a 目录 (columns found by their headers)."""
    by_row = cells_by_row(grid)
    for (r, c), value in list(grid.items()):
        if norm(value) != "是否空表":
            continue
        header = {cc: norm(v) for cc, v in by_row[r].items()}
        reason = next((cc for cc, t in header.items() if "理由" in t or "说明" in t), None)
        row = r + 1
        raw: dict[str, str] = {}
        form = None
        while row in by_row:
            note = "" if reason is None or by_row[row].get(reason) is None else str(by_row[row][reason])
            if form is not None and set(by_row[row]) == {reason}:
                raw[form.id] += note  # a 空表理由 too long for one cell runs on below its table's row
            else:
                form = next((f for f in (identify(v, forms) for v in by_row[row].values()) if f), None)
                if form is not None:
                    raw[form.id] = note
            row += 1
        result.notes.update({form_id: note.strip() for form_id, note in raw.items() if note.strip()})


def _unplaced(sheet: str, grid: dict, claimed: set, toc: set[int], blocks: list[Block], result: Result) -> None:
    """Every figure on the sheet that no table took is reported, never dropped in silence; the cells it
    may be wait for it."""
    columns = None
    for (r, c), value in sorted(grid.items()):
        if (r, c) in claimed or r in toc or not is_number_like(value) or nothing(value):
            continue
        if isinstance(value, str) and is_code_cell(value):
            continue  # a 科目 code in a stub
        inside = next((b for b in blocks if b.holds(r, c)), None)
        why = f"在{inside.form.id}的范围内，但不在可识别的行与栏上" if inside else "不在任何可识别的表中"
        result.warnings.append(Warning_(sheet, address(r, c), f"{why}，数字 {text_of(value)} 未导入"))
        columns = _placed_columns(sheet, result) if columns is None else columns
        owner = columns.get(c, []) if inside is None else [(row, ref) for row, ref in columns.get(c, []) if ref.form == inside.form.id]
        if owner:
            _, ref = min(owner, key=lambda placed: (placed[0] > r, abs(placed[0] - r)))
            result.refused(ref.form, [""], ref.col, sheet, address(r, c), value)
        elif inside is not None:
            result.refused(inside.form.id, [""], "", sheet, address(r, c), value)


def _placed_columns(sheet: str, result: Result) -> dict[int, list[tuple[int, CellRef]]]:
    """The figures placed from this sheet, by the sheet's column: a figure no table took belongs, if to
    any, to the column of the table whose figures it stands under (or, with none above it, over)."""
    columns: dict[int, list[tuple[int, CellRef]]] = {}
    for ref, (where_sheet, where) in result.origin.items():
        place = cell_place(where) if where_sheet == sheet else None
        if place is not None:
            columns.setdefault(place[1], []).append((place[0], ref))
    return columns
