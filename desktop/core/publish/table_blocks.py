"""The 公开文件's tables: the 是否空表 list, each published form from its printed grid, the 绩效自评表 附件."""

from __future__ import annotations

from decimal import Decimal, DecimalException

from desktop.core.definitions import FormDef
from desktop.core.definitions.layout import GridCell, printed_grid
from desktop.core.publication import form_is_empty, subject
from desktop.core.money import AmountError, format_amount, parse_amount
from desktop.core.performance.layout import PerfItem, performance_lines, shown, table_width
from desktop.core.publish.blocks import Block, Cell, Gaps, Heading, Table
from desktop.core.publish.outline import chinese_number
from desktop.core.workspace import Workspace

# A4 portrait within the 公文 margins (21 − 2.8 − 2.6 cm): a table wanting more is printed landscape.
PORTRAIT_CM = 15.6
# Table text is set small (小五): about this much width per Chinese character and per digit.
CHAR_CM, DIGIT_CM, PAD_CM = 0.34, 0.19, 0.3
# A name column wraps beyond this; a figure column never does.
NAME_CM = (2.6, 5.2)
FIXED_CM = {"code": 1.9, "line": 1.0, "unit": 1.4}
FIGURE_MIN_CM = 1.9
# A table pasted into the 情况说明: columns as wide as their text within these bounds.
PASTED_CM = (1.2, 5.0)
# 绩效自评表: the stub, and a column's width from its content within these bounds (long text wraps).
PERF_STUB_CM, PERF_CM = 2.8, (1.8, 4.0)
_ALIGN = {"header": "center", "number": "center", "label": "left", "code": "center", "figure": "right"}
# 科目代码 print flush left, so 类, 款 and 项 codes line up by their first digit.
_KIND = {"code": "code", "line": "code", "unit": "code", "name": "label"}


def table_part_blocks(ws: Workspace, gaps: Gaps, where: str) -> list[Block]:
    """The 是否空表 list, then every active published form in order, each under its own 一、 heading."""
    forms = [f for f in ws.structure.active if f.published]
    blocks: list[Block] = [_empty_list(ws, forms)]
    for n, form in enumerate(forms, start=1):
        table = form_table(ws, form, gaps, where)
        blocks += [Heading(f"{chinese_number(n)}、{form.title}", 2, new_page=True), table]
    return blocks


def text_cm(text: str) -> float:
    return sum(DIGIT_CM if ord(ch) < 128 else CHAR_CM for ch in text) + PAD_CM


def pasted_table(lines: list[str]) -> Table:
    """Tab-separated lines in the 情况说明 (a table pasted from Word or a PDF) as a plain table where
    they stand: figures right, words left; on a landscape page of its own when too wide."""
    rows = [[text.strip() for text in line.split("\t")] for line in lines]
    n_cols = max(len(r) for r in rows)
    widths = [PASTED_CM[0]] * n_cols
    body = []
    for texts in rows:
        cells = []
        for c, text in enumerate(texts):
            figure = bool(text) and _is_figure(text)
            span = n_cols - c if c == len(texts) - 1 else 1
            cells.append(Cell(text, "figure" if figure else "label", "right" if figure else "left", c, colspan=span))
            if span == 1:
                widths[c] = max(widths[c], min(PASTED_CM[1], text_cm(text)))
        body.append(tuple(cells))
    return Table("", "", (), (), tuple(body), tuple(round(w, 2) for w in widths), sum(widths) > PORTRAIT_CM)


def _is_figure(text: str) -> bool:
    try:
        return parse_amount(text.rstrip("%")) is not None
    except AmountError:
        return False


def _empty_list(ws: Workspace, forms: list[FormDef]) -> Table:
    header = (tuple(Cell(t, "header", "center", c) for c, t in enumerate(("序号", "内容", "是否空表", "表格为空的理由"))),)
    body = []
    for i, form in enumerate(forms, start=1):
        empty = form_is_empty(ws, form.id)
        body.append((
            Cell(f"表{i}", "code", "center", 0), Cell(form.title, "label", "left", 1),
            Cell("是" if empty else "否", "code", "center", 2),
            Cell(ws.notes.get(form.id, "") if empty else "", "label", "left", 3),
        ))
    return Table("目录", "", (), header, tuple(body), (1.6, 7.0, 2.0, 5.0), False)


def form_table(ws: Workspace, form: FormDef, gaps: Gaps, where: str) -> Table:
    """A published form as printed: the cells of its printed grid, figures as the window shows them."""
    grid = printed_grid(form, ws.rows(form.id), ws.money_unit)
    rows: dict[int, list[Cell]] = {r: [] for r in range(grid.n_rows)}
    widths = [NAME_CM[0] if k == "name" else FIGURE_MIN_CM if k == "value" else FIXED_CM.get(k, 1.5)
              for k in grid.col_kinds]
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        shown_cell = _cell(ws, grid.col_kinds, cell)
        rows[cell.row].append(shown_cell)
        if cell.colspan == 1 and cell.row >= grid.header_rows:
            if shown_cell.kind == "figure":
                widths[cell.col] = max(widths[cell.col], text_cm(shown_cell.text))
            elif grid.col_kinds[cell.col] == "name":
                widths[cell.col] = min(NAME_CM[1], max(widths[cell.col], text_cm(cell.text)))
    empty_note = ""
    if form_is_empty(ws, form.id):
        note = ws.notes.get(form.id, "").strip()
        empty_note = f"说明：{note}" if note else gaps.placeholder(f"{form.label}的空表说明", where).text
    caption = (f"编制{subject(ws)}：{ws.unit.get('单位名称', '')}", f"{ws.unit.get('年度', '')}年度",
               f"金额单位：{ws.money_unit}")
    return Table(
        form.title, form.label, caption,
        tuple(tuple(rows[r]) for r in range(grid.header_rows)),
        tuple(tuple(rows[r]) for r in range(grid.header_rows, grid.n_rows)),
        tuple(round(w, 2) for w in widths), sum(widths) > PORTRAIT_CM,
        form.footnote.replace("{主体}", subject(ws)), empty_note, form.id,
    )


def _cell(ws: Workspace, col_kinds: list[str], cell: GridCell) -> Cell:
    if cell.ref is not None:
        decimals = cell.source.decimals if cell.source else 2
        return Cell(format_amount(ws.values.get(cell.ref), decimals=decimals), "figure", "right", cell.col,
                    cell.rowspan, cell.colspan, cell.ref)
    if cell.kind in ("header", "number"):
        kind = cell.kind
    elif cell.colspan > 1:  # 合计 and other rows without a 科目 code, printed across code and name
        kind = "label"
    else:
        kind = _KIND.get(col_kinds[cell.col], "label")
    align = "left" if col_kinds[cell.col] == "code" and kind == "code" else _ALIGN[kind]
    return Cell(cell.text, kind, align, cell.col, cell.rowspan, cell.colspan)


def attachment_blocks(ws: Workspace, kind: str, gaps: Gaps, where: str, first: int = 1) -> list[Block]:
    """The 绩效自评表: the 整体 table, then each project's, each under its own heading, numbered
    from `first` (after the attachments printed before them)."""
    book = ws.performance
    blocks: list[Block] = []
    for n, table in enumerate(book.ordered(), start=first):
        form = book.form_of(table)
        name = f"（{table.name}）" if form.repeated else ""
        blocks += [Heading(f"{chinese_number(n)}、{form.title}{name}", 2, new_page=True),
                   _performance_table(ws, book, table)]
    return blocks or [gaps.placeholder(kind, where)]


def _performance_table(ws: Workspace, book, table) -> Table:
    width = table_width(book, table.form)
    body = []
    for line in performance_lines(book, table):
        # A line of fewer cells than the widest block shares the columns after its caption evenly.
        share = (width - 1) // max(1, len(line) - 1)
        cells, col = [], 0
        for i, item in enumerate(line):
            span = width - col if i == len(line) - 1 else 1 if i == 0 else share
            cells.append(_perf_cell(book, table, item, col, span))
            col += span
        body.append(tuple(cells))
    widths = [PERF_STUB_CM] + [PERF_CM[0]] * (width - 1)
    for cells in body:
        for cell in cells:
            if cell.colspan == 1 and cell.kind != "header" and cell.col > 0:
                wanted = text_cm(cell.text) if cell.kind == "figure" else min(PERF_CM[1], text_cm(cell.text))
                widths[cell.col] = max(widths[cell.col], wanted)
    form = book.form_of(table)
    return Table(form.title, "", (f"{ws.unit.get('年度', '')}年度",), (), tuple(body), tuple(round(w, 2) for w in widths),
                 sum(widths) > PORTRAIT_CM, form_id=table.form)


def _perf_cell(book, table, item: PerfItem, col: int, span: int) -> Cell:
    if item.kind in ("caption", "header"):
        return Cell(item.text, "header", "center", col, colspan=span)
    if item.kind != "value" or not item.column.numeric:
        return Cell(item.text, "label", "left", col, colspan=span)
    text = book.text(table, item.row, item.column.key)
    if item.column.type == "amount" and text:
        try:
            value = Decimal(text)
        except DecimalException:
            return Cell(text, "figure", "right", col, colspan=span)
        # Grouped and with cents like the 公开表's figures; an amount typed finer keeps its decimals.
        text = format_amount(value, decimals=max(2, -value.as_tuple().exponent))
        return Cell(text, "figure", "right", col, colspan=span)
    return Cell(shown(book, table, item.row, item.column), "figure", "right", col, colspan=span)
