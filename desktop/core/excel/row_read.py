"""One body row of a table: which row it is (by code in any notation, by label, by 科目 name) and its figures."""

from __future__ import annotations

import re

from desktop.core.catalogue import load_catalogues
from desktop.core.definitions import CellRef, FormDef, RowDef
from desktop.core.excel.codes import NameResolver, split_code
from desktop.core.excel.columns import column_named, rivals
from desktop.core.excel.foreign_result import Result, StandInFigure, Tie, nothing
from desktop.core.excel.header import Column, Segment
from desktop.core.excel.printed_lines import is_column_numbers, money_unit
from desktop.core.excel.reading import Warning_, address, figure_of, is_number_like, past_decimals, text_of, written_unit
from desktop.core.excel.row_place import stub_row
from desktop.core.excel.tables import norm
from desktop.core.labels import normalize_label
from desktop.core.money import AmountError


def read_segment_row(sheet: str, grid: dict, form: FormDef, segment: Segment, r: int, result: Result) -> set:
    """Reads row r of one segment into `result`; returns the cells it accounted for."""
    claimed: set[tuple[int, int]] = set()
    code_text = text_of(grid.get((r, segment.code))) if segment.code else ""
    name_text = text_of(grid.get((r, segment.name))) if segment.name else ""
    for c in (segment.code, segment.name, *segment.other, *segment.parts.values()):
        if c is not None:
            claimed.add((r, c))
    if segment.parts and not code_text:
        code_text = _code_from_parts(grid, r, segment)
    if not code_text and not name_text and any(grid.get((r, col.index)) is not None for col in segment.values):
        name_text = _label_to_the_left(grid, r, min([segment.values[0].index] + [c for c in (segment.code, segment.name) if c]))
    section = next((col.section for col in segment.values if col.section), None)
    code = ""
    found = split_code(code_text) if code_text else None if segment.code or segment.parts else split_code(name_text)
    if found and (section is None or section.catalogue):
        code = found[0]
        if not code_text:
            name_text = found[1]
    row, why = (None, "")
    tie = stand_in = None
    if not (code and section is not None and section.catalogue):
        line = norm(text_of(grid.get((r, segment.line)))) if segment.line else ""
        placed = stub_row(form, section, name_text or code_text, segment, line)
        row, why, stand_in = placed.row, placed.why, placed.stand_in
        if placed.tied:  # only the table's sums can tell which of these rows the label is
            tie = Tie(sheet, form.id, _clean(name_text or code_text), [r.key for r in placed.tied], fixed=True)
        if row is None and name_text and section is not None and section.catalogue:  # a 科目 by its name alone
            resolver = _resolver(segment, section.catalogue, result)
            found_code, named_why = resolver.code_of(name_text)
            code, why = found_code or "", named_why or why
            tie = Tie(sheet, form.id, _clean(name_text), resolver.tied) if resolver.tied else None
    if code and section is not None and section.catalogue:
        _resolver(segment, section.catalogue, result).saw(code)
        name = _clean(name_text)
        if split_code(name) and split_code(name)[0] == code:  # code and name in one cell merged over both columns
            name = split_code(name)[1]
        name = name or code
        result.rows.setdefault(form.id, {})[code] = name
        row = RowDef(key=code, label=name, section=section.key, code=code)
    for col in segment.values:
        raw = grid.get((r, col.index))
        if raw is None:
            _blank(result, form, row, col, tie)
            continue
        claimed.add((r, col.index))
        target = col.row or (_row_beside(col, row, result) if col.form else row)
        where = address(r, col.index)
        # A header naming a row leaves the column to the row's label: the table printed on its side.
        column = col.column or (column_named(form, name_text) if col.row is not None else None)
        if column is None:
            if is_number_like(raw) and not nothing(raw):
                what = f"行“{name_text}”" if col.row is not None else f"栏目“{'/'.join(col.path) or '（无表头）'}”"
                tied = rivals(form, col.path) if col.row is None else []
                problem = f"可指{form.id}的{'、'.join(tied)}栏，无法确定是哪一栏" if tied else f"不是{form.id}的栏"
                result.warnings.append(Warning_(sheet, where, f"{what}{problem}，数字 {text_of(raw)} 未导入"))
                for key in tied:  # each column it may be waits for it
                    result.refused(form.id, [target.key if target else ""], key, sheet, where, raw)
            continue
        if target is None and stand_in is not None and section is not None:
            # Placed, split or named once the workbook's other tables are read (merged_rows).
            if is_number_like(raw) and not nothing(raw):
                result.stand_ins.append(StandInFigure(
                    sheet, form.id, _clean(name_text), stand_in, _stood_for(section, stand_in), column.key, raw, where))
            continue
        if target is None:
            if tie is not None and nothing(raw):  # a blank mark (－, 0.00) on a label several rows bear
                _blank(result, form, row, col, tie)
            # A figure typed in another unit than its table's waits for nothing: it is left out all the same.
            table = result.money.get(form.id)
            if tie is not None and is_number_like(raw) and not nothing(raw) and (not table or written_unit(raw) in (None, table)):
                tie.figures.append(((col.form or form).id, column.key, raw, where))
            if is_number_like(raw) and not nothing(raw):
                reason = why or "这一行没有可识别的行名称或科目代码"
                result.warnings.append(Warning_(sheet, where, f"{reason}，数字 {text_of(raw)} 未导入"))
                # A tie's figures wait for the table's sums (row_settle); a 栏次 row holds no figure.
                if tie is None and not is_column_numbers([grid.get((r, each.index)) for each in segment.values]):
                    result.refused((col.form or form).id, [""], column.key, sheet, where, raw)
            continue
        written, table = written_unit(raw), result.money.get(form.id)
        if written and table and written != table:
            result.warnings.append(Warning_(sheet, where, (
                f"{form.id}「{target.label}」行「{column.key}」栏“{text_of(raw)}”带有金额单位{written}，"
                f"与本表金额单位{table}不符，未导入")))
            result.refused((col.form or form).id, [target.key], column.key, sheet, where, raw)
            continue
        if (rounded := past_decimals(raw, target.decimals)) is not None:
            _say_rounded(sheet, where, form.id, raw, rounded, result)
            raw = rounded
        try:
            value = figure_of(raw, target.decimals, sheet, where, written)
        except AmountError as exc:
            result.warnings.append(Warning_(sheet, where, f"{form.id}「{target.label}」行「{column.key}」栏：{exc}，未导入"))
            result.refused((col.form or form).id, [target.key], column.key, sheet, where, raw)
            continue
        if value is None:
            _blank(result, form, row, col, tie)
            continue
        if value < 0 and not norm(raw).startswith("-"):
            result.warnings.append(Warning_(sheet, where, (
                f"{form.id}「{target.label}」行「{column.key}」栏“{text_of(raw)}”按会计写法读作负数 {value}，请核对")))
        ref = CellRef((col.form or form).id, target.key, column.key)
        if ref in result.cells and result.cells[ref] != value:
            result.warnings.append(Warning_(
                sheet, where, f"{form.id}「{target.label}」行「{column.key}」栏已有 {result.cells[ref]}，此处 {value} 未导入",
            ))
            continue
        result.cells[ref] = value
        result.origin[ref] = (sheet, where)
        if written and not table:  # figures that carry their unit state the table's, when nothing else does
            result.money[form.id] = written
            result.money_origin[form.id] = (sheet, where)
        if target.unit not in (None, "金额"):
            result.counts.add(ref)
        elif segment.unit is not None and (money := money_unit("单位:" + norm(grid.get((r, segment.unit))))):
            result.cell_money[ref] = money
    if tie is not None and tie.figures:
        result.ties.append(tie)
    return claimed


def _blank(result: Result, form: FormDef, row: RowDef | None, col: Column, tie: Tie | None = None) -> None:
    """Notes a fixed row's cell printed blank: 0 to the sums that choose between rows of one label; a
    blank on a label several rows bear waits for the sums to place the others (row_settle)."""
    if col.column is None or col.form is not None or col.row is not None:
        return
    if row is not None and not row.code:
        result.blank.add(CellRef(form.id, row.key, col.column.key))
    elif row is None and tie is not None and tie.fixed:
        result.blank_ties.append((form.id, tuple(tie.codes), col.column.key))


def _say_rounded(sheet: str, where: str, form: str, raw, rounded, result: Result) -> None:
    """One warning for each table whose figures carry more decimals than it holds, at the first of them."""
    said = f"{form}表有数字的小数位多于表中所留"
    if not any(w.reason.startswith(said) for w in result.warnings):
        result.warnings.append(Warning_(sheet, where, (
            f"{said}（如本格 {text_of(raw)}），均四舍五入读取（此格读作 {rounded}），可能有尾差，请核对")))


def _stood_for(section, stand_in) -> list[str]:
    """The keys of the section's rows a stand-in names, a tag ("#类") meaning each row that bears it."""
    return [row.key for want in stand_in.rows for row in section.labelled_rows
            if (want[1:] in row.tags if want.startswith("#") else row.key == want)]


def _clean(name: str) -> str:
    return re.sub(r"^[\s　]*(其中[:：])?", "", name).strip()


def _resolver(segment: Segment, catalogue: str, result: Result) -> NameResolver:
    if segment.names is None:
        year = result.unit.get("年度", "")
        segment.names = NameResolver(load_catalogues(int(year) if year.isdigit() else 9999).get(catalogue))
    return segment.names


def _code_from_parts(grid: dict, r: int, segment: Segment) -> str:
    """A 科目 code from split 类/款/项 columns ("208" "01" "01", or each row only its own part)."""
    widths = {"类": 3, "款": 2, "项": 2}
    given = {}
    for level, c in segment.parts.items():
        t = norm(grid.get((r, c)))
        if t.isdigit():
            given[level] = t
    if not given:
        return ""
    longest = max(given.values(), key=len)
    if len(longest) in (5, 7):  # the full code printed in its level's column
        code = longest
    else:
        given = {k: v.zfill(widths[k]) for k, v in given.items()}
        lei = given.get("类") or segment.last.get("类", "")
        kuan = given.get("款") or (segment.last.get("款", "") if "项" in given and "类" not in given else "")
        code = lei + kuan + given.get("项", "")
    if len(code) >= 3:
        segment.last["类"] = code[:3]
    if len(code) >= 5:
        segment.last["款"] = code[3:5]
    elif "类" in given:
        segment.last.pop("款", None)
    return code if len(code) in (3, 5, 7) else ""


def _label_to_the_left(grid: dict, r: int, col: int) -> str:
    """A label merged across the stub to the right (公用经费合计 over a whole group), or ""."""
    for c in range(col - 1, 0, -1):
        value = grid.get((r, c))
        if value is None:
            continue
        return "" if is_number_like(value) else text_of(value)
    return ""


def _row_beside(col, row: RowDef | None, result: Result) -> RowDef | None:
    """The row, in the form of a column printed beside (公开05's 年初预算数), of the table's row:
    the same 科目, or the fixed row of the same label (合计)."""
    if row is None:
        return None
    if row.code:
        result.rows.setdefault(col.form.id, {})[row.code] = row.label
        return RowDef(key=row.code, label=row.label, section=col.section.key, code=row.code)
    wanted = normalize_label(row.label)
    section = col.section
    return next((r for r in (*section.fixed_rows, *([section.total_row] if section.total_row else []))
                 if wanted in (normalize_label(r.label), normalize_label(r.key))), None)
