"""Reading a workbook made elsewhere: rows by code or label, columns by header, never by position alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.catalogue import ancestors, load_catalogues
from desktop.core.definitions import CellRef, FormDef, FormSet, RowDef
from desktop.core.excel.header import Segment, header_segments
from desktop.core.excel.meta import SHEET
from desktop.core.excel.reading import Warning_, address, figure_of, is_number_like, sheet_grid, text_of
from desktop.core.excel.printed_lines import empty_note, is_number_row, is_page_total, money_unit, unit_facts
from desktop.core.excel.row_place import stub_row
from desktop.core.excel.tables import Block, find_blocks, identify, is_meta_row, norm, toc_row_numbers
from desktop.core.money import CENT, AmountError, parse_amount
from desktop.core.snapshot import Snapshot
from desktop.core.structure import CodedRow, Structure
from desktop.core.workspace import UNIT_DEFAULTS

# Lines printed under a table: notes and signatures, never figures.
_TAIL_WORDS = ("注", "说明", "备注", "制表", "审核", "填报", "单位负责人", "财务负责人", "负责人", "联系人", "联系电话")
_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(.*)$")


@dataclass
class Result:
    unit: dict[str, str] = field(default_factory=dict)
    cells: dict[CellRef, Decimal] = field(default_factory=dict)
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # form → code → name
    notes: dict[str, str] = field(default_factory=dict)
    found: set[str] = field(default_factory=set)
    origin: dict[CellRef, tuple[str, str]] = field(default_factory=dict)  # sheet and cell of each figure
    warnings: list[Warning_] = field(default_factory=list)
    columns: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # form → (section, column) printed
    money: dict[str, str | None] = field(default_factory=dict)  # form → the 金额单位 its table states
    money_origin: dict[str, tuple[str, str]] = field(default_factory=dict)  # where it says so
    counts: set[CellRef] = field(default_factory=set)  # figures that are no amount (辆, 台): never converted
    cell_money: dict[CellRef, str] = field(default_factory=dict)  # 元 or 万元 a row's 计量单位 states


def read_foreign(book, forms: FormSet, structure: Structure | None = None) -> tuple[Snapshot, list[Warning_]]:
    """A snapshot of the tables found; `structure`, when given, is the rows the figures must fit."""
    result = Result()
    # Visible sheets first: a hidden one (last year's copy, a working sheet) gives only tables no
    # visible sheet has, and says so.
    sheets = sorted((s for s in book.worksheets if s.title != SHEET), key=lambda s: _hidden(s))
    for sheet in sheets:
        grid = sheet_grid(sheet)
        _read_toc(grid, forms, result)
        blocks = find_blocks(grid, forms)
        claimed: set[tuple[int, int]] = set()
        page = _page_header(sheet, result)
        for block in blocks:
            if _hidden(sheet):
                if block.form.id in result.found:
                    result.warnings.append(Warning_(sheet.title, address(block.first, 1), (
                        f"隐藏的工作表中另有一张{block.form.id}表，与可见的重复，未读取")))
                    continue
                result.warnings.append(Warning_(sheet.title, address(block.first, 1), (
                    f"{block.form.id}表取自隐藏的工作表，请核对是否为本年度的表")))
            result.found.add(block.form.id)
            claimed |= _read_block(sheet.title, grid, block, result, page)
        if not _hidden(sheet):
            _unplaced(sheet.title, grid, claimed, toc_row_numbers(grid, forms), blocks, result)
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
    )
    return snapshot, result.warnings


def _hidden(sheet) -> bool:
    return getattr(sheet, "sheet_state", "visible") != "visible"


def _page_header(sheet, result: Result) -> str | None:
    """Unit facts printed in the sheet's page header or footer; returns the 金额单位 stated there."""
    texts = []
    for item in (getattr(sheet, name, None) for name in ("oddHeader", "oddFooter", "firstHeader", "evenHeader")):
        for part in (getattr(item, side, None) for side in ("left", "center", "right")):
            if part is not None and part.text:
                texts.append(part.text)
    if not texts:
        return None
    unit: dict[str, str] = {}
    unit_facts(texts, unit)
    for key, value in unit.items():
        if key != "金额单位":
            result.unit.setdefault(key, value)
    return unit.get("金额单位")


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
        result.warnings.append(Warning_(sheet, where, f"{ref.form} 没有“{ref.row}”行“{ref.col}”栏，数字 {result.cells.pop(ref)} 未导入"))


def _read_toc(grid: dict, forms: FormSet, result: Result) -> None:
    """空表理由 from a 目录 (columns found by their headers)."""
    by_row = _by_row(grid)
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


def _by_row(grid: dict) -> dict[int, dict[int, object]]:
    rows: dict[int, dict[int, object]] = {}
    for (r, c), value in grid.items():
        rows.setdefault(r, {})[c] = value
    return rows


def _read_block(sheet: str, grid: dict, block: Block, result: Result, page: str | None = None) -> set[tuple[int, int]]:
    """Reads one table; returns the cells it accounted for. `page` is the 金额单位 the sheet's page
    header states, for a table whose own lines do not."""
    form = block.form
    if form.id not in result.money:
        result.money[form.id] = page
        result.money_origin[form.id] = (sheet, "页眉")
    claimed: set[tuple[int, int]] = set()
    by_row = _by_row(grid)
    rows = sorted(r for r in by_row if block.first <= r <= block.last)
    header_rows: list[int] = []
    notes: list[str] = []  # 空表说明 printed with the table: taken only if the table shows no figure
    number_row = None
    body_start = None
    for r in rows:
        texts = by_row[r]
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
            break
        if any(_looks_like_data(v) for v in texts.values()):
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
    for c in columns:
        path: list[str] = []
        for r in named_rows:
            t = norm(grid.get((r, c)))
            if r == number_row and (t == "栏次" or t.isdigit()):
                continue
            if t and (not path or path[-1] != t):
                path.append(t)
        if path:
            paths[c] = path
    header_texts = {t for p in paths.values() for t in p}
    segments = header_segments(form, paths)
    printed = result.columns.setdefault(form.id, set())
    printed |= {(col.section.key, col.column.key) for s in segments for col in s.values if col.column and col.section}
    figures_before = _figures(result, form.id)
    repeated = False  # the row above was the header printed again
    for r in rows:
        if r < body_start:
            continue
        texts = by_row[r]
        plain = [norm(v) for v in texts.values()]
        if r in block.anchors or is_meta_row([text_of(v) for v in texts.values()]):
            claimed |= {(r, c) for c in texts}
            continue
        if (
            any(t == "栏次" for t in plain)
            or all(t in header_texts or t.isdigit() and not _has_figure(texts, segments) for t in plain)
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
        if plain and plain[0].startswith(_TAIL_WORDS) and not any(is_number_like(v) for v in texts.values()):
            claimed |= {(r, c) for c in texts}
            continue
        if any(isinstance(v, str) and is_page_total(v) for v in texts.values()):
            claimed |= {(r, c) for c in texts}  # 本页小计, 累计: sums over rows already read
            continue
        for segment in segments:
            claimed |= _read_segment_row(sheet, grid, form, segment, r, result)
    if _figures(result, form.id) == figures_before:  # zeros printed for blanks are no figures
        _take_note(form.id, notes, result)
    return claimed


def _figures(result: Result, form_id: str) -> int:
    return sum(1 for ref, value in result.cells.items() if ref.form == form_id and value)


def _nothing(value) -> bool:
    """A cell that means no figure: a blank mark, or a zero (a row or column that holds nothing)."""
    try:
        return not parse_amount(text_of(value) if not isinstance(value, (int, Decimal)) else value)
    except AmountError:
        return False


def _take_note(form_id: str, notes: list[str], result: Result) -> None:
    if notes and not result.notes.get(form_id):
        result.notes[form_id] = notes[0]


def _looks_like_data(value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    t = norm(value)
    return bool(_CODE.match(t)) and len(t) > 2 or is_number_like(value)


def _has_figure(texts: dict, segments: list[Segment]) -> bool:
    value_cols = {col.index for s in segments for col in s.values}
    return any(c in value_cols and is_number_like(v) for c, v in texts.items())


def _has_nonzero(texts: dict, segments: list[Segment]) -> bool:
    """A figure other than 0: "本表无数据" on a row whose cells print 0.00 is the table's 空表说明."""
    value_cols = {col.index for s in segments for col in s.values}
    return any(c in value_cols and is_number_like(v) and not _nothing(v) for c, v in texts.items())


def _read_segment_row(sheet: str, grid: dict, form: FormDef, segment: Segment, r: int, result: Result) -> set:
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
    m = _CODE.match(norm(code_text)) or (None if segment.code or segment.parts else _CODE.match(norm(name_text)))
    if m and (section is None or section.catalogue):
        code = m.group(1)
        if not code_text:
            name_text = m.group(2)
    row, why = (None, "")
    if code and section is not None and section.catalogue:
        name = re.sub(r"^[\s　]*(其中[:：])?", "", name_text).strip()
        if norm(name).startswith(code):  # code and name in one cell merged over both columns
            name = name.strip()[len(code):].strip()
        name = name or code
        result.rows.setdefault(form.id, {})[code] = name
        row = RowDef(key=code, label=name, section=section.key, code=code)
    else:
        line = norm(text_of(grid.get((r, segment.line)))) if segment.line else ""
        row, why = stub_row(form, section, name_text or code_text, segment, line)
    for col in segment.values:
        raw = grid.get((r, col.index))
        if raw is None:
            continue
        claimed.add((r, col.index))
        target = col.row or row
        where = address(r, col.index)
        if col.column is None:
            if is_number_like(raw) and not _nothing(raw):
                result.warnings.append(Warning_(sheet, where, f"栏目“{'/'.join(col.path) or '（无表头）'}”不是{form.id}的栏，数字 {text_of(raw)} 未导入"))
            continue
        if target is None:
            if is_number_like(raw) and not _nothing(raw):
                reason = why or "这一行没有可识别的行名称或科目代码"
                result.warnings.append(Warning_(sheet, where, f"{reason}，数字 {text_of(raw)} 未导入"))
            continue
        try:
            value = figure_of(raw, target.decimals, sheet, where)
        except AmountError as exc:
            result.warnings.append(Warning_(sheet, where, f"{form.id}「{target.label}」行「{col.column.key}」栏：{exc}，未导入"))
            continue
        if value is None:
            continue
        if value < 0 and not norm(raw).startswith("-"):
            result.warnings.append(Warning_(sheet, where, (
                f"{form.id}「{target.label}」行「{col.column.key}」栏“{text_of(raw)}”按会计写法读作负数 {value}，请核对")))
        ref = CellRef(form.id, target.key, col.column.key)
        if ref in result.cells and result.cells[ref] != value:
            result.warnings.append(Warning_(
                sheet, where, f"{form.id}「{target.label}」行「{col.column.key}」栏已有 {result.cells[ref]}，此处 {value} 未导入",
            ))
            continue
        result.cells[ref] = value
        result.origin[ref] = (sheet, where)
        if target.unit not in (None, "金额"):
            result.counts.add(ref)
        elif segment.unit is not None and (money := money_unit("单位:" + norm(grid.get((r, segment.unit))))):
            result.cell_money[ref] = money
    return claimed


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


def _unplaced(sheet: str, grid: dict, claimed: set, toc: set[int], blocks: list[Block], result: Result) -> None:
    """Every figure on the sheet that no table took is reported, never dropped in silence."""
    for (r, c), value in sorted(grid.items()):
        if (r, c) in claimed or r in toc or not is_number_like(value) or _nothing(value):
            continue
        if isinstance(value, str) and _CODE.match(norm(value)):
            continue  # a 科目 code in a stub
        inside = next((b for b in blocks if b.first <= r <= b.last), None)
        why = f"在{inside.form.id}的范围内，但不在可识别的行与栏上" if inside else "不在任何可识别的表中"
        result.warnings.append(Warning_(sheet, address(r, c), f"{why}，数字 {text_of(value)} 未导入"))
