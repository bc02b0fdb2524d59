"""A workspace as the submitted workbook: 目录, one sheet per form drawn from the printed grid."""

from __future__ import annotations

import io

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

from desktop.core.atomic_file import written_whole
from desktop.core.definitions import FormDef
from desktop.core.definitions.layout import printed_grid
from desktop.core.excel import print_setup
from desktop.core.excel.cells import pieces, put_number, put_text
from desktop.core.excel.meta import Meta, write_meta
from desktop.core.excel.performance_sheets import write_performance
from desktop.core.money import to_text
from desktop.core.publication import form_is_empty, subject
from desktop.core.text_sections import NARRATIVE_KEY, narrative_title
from desktop.core.workspace import Workspace

# The printed grid starts below the title, the 公开0X表 label and the 编制单位 line.
GRID_TOP = 4
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
# Widths in Excel character units; a Chinese character takes about two. Kept narrow so every
# table prints one page wide at a readable common scale: long names and headers wrap.
WIDTH = {"name": 32, "code": 9, "line": 5, "unit": 8, "value": 12}
NAME_MIN = 14


def write_workbook(ws: Workspace, target: Path) -> None:
    """Writes the workbook to `target` (via a temporary file, so a failure leaves nothing)."""
    book = Workbook()
    print_setup.official_default_font(book)
    toc = book.active
    toc.title = "目录"
    forms = [f for f in ws.structure.active if f.published]
    _write_toc(ws, toc, forms)
    meta = Meta(
        unit=dict(ws.unit),
        rows=[(r.form, r.code, r.name, r.custom) for r in ws.coded_rows_all()],
        typed=sorted(ws.values.typed),
        notes=dict(ws.notes),
        explanations=dict(ws.explanations),
        texts=dict(ws.texts),
        absent=sorted(ws.absent),
    )
    tables = []
    for form in forms:
        sheet = book.create_sheet(form.id)
        tables.append(_write_form(ws, form, sheet))
        meta.sheets[form.id] = (sheet.title, GRID_TOP)
    print_setup.set_up_table_pages(tables)
    write_performance(ws, book, toc)
    narrative = ws.text(NARRATIVE_KEY)
    if narrative:
        _write_narrative(ws, narrative, book.create_sheet(NARRATIVE_KEY))
    published = {f.id for f in forms}
    meta.values = {ref: to_text(v) for ref, v in sorted(ws.values.typed.items()) if ref.form not in published}
    write_meta(book, meta)
    # Saved in memory first: openpyxl leaves its zip half-open when the disk fills mid-save.
    buffer = io.BytesIO()
    book.save(buffer)
    with written_whole(target) as partial:
        partial.write_bytes(buffer.getvalue())


# The 情况说明 column: about this many Chinese characters fit a line, at this height in points.
CHARS_PER_LINE = 36
LINE_HEIGHT = 15


def _write_narrative(ws: Workspace, text: str, sheet) -> None:
    """The 情况说明 on its own sheet: a title, then one paragraph per row, wrapped to print width."""
    put_text(sheet, 1, 1, narrative_title(ws)).font = print_setup.TITLE
    sheet.cell(1, 1).alignment = CENTER
    sheet.column_dimensions["A"].width = 78  # A4 portrait within the margins
    row = 2
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        # A paragraph longer than a cell holds continues on the next row.
        for piece in pieces(paragraph):
            cell = put_text(sheet, row, 1, piece)
            cell.font, cell.alignment = print_setup.BODY, Alignment(wrap_text=True, vertical="top")
            # Excel and WPS do not grow a row to its wrapped text on opening: give it the height.
            sheet.row_dimensions[row].height = LINE_HEIGHT * max(1, -(-len(piece) // CHARS_PER_LINE))
            row += 1
    print_setup.set_up_list_pages(sheet, landscape=False)


def _write_toc(ws: Workspace, sheet, forms: list[FormDef]) -> None:
    sheet.merge_cells("A1:D1")
    put_text(sheet, 1, 1, "目录").font = print_setup.TITLE
    sheet.cell(1, 1).alignment = CENTER
    for c, text in enumerate(("序号", "表名", "是否空表", "空表理由"), start=1):
        cell = put_text(sheet, 2, c, text)
        cell.font, cell.alignment, cell.border = print_setup.HEADER, CENTER, BORDER
    row = 3
    for i, form in enumerate(forms, start=1):
        empty = form_is_empty(ws, form.id)
        # A 空表理由 longer than a cell holds continues in column D of the rows below.
        first, *rest = pieces(ws.notes.get(form.id, ""))
        for texts in [(f"表{i}", form.title, "是" if empty else "否", first)] + [("", "", "", p) for p in rest]:
            for c, text in enumerate(texts, start=1):
                cell = put_text(sheet, row, c, text)
                cell.border, cell.font = BORDER, print_setup.BODY
                cell.alignment = print_setup.LEFT if c in (2, 4) else CENTER
            row += 1
    for letter, width in zip("ABCD", (8, 50, 10, 40)):
        sheet.column_dimensions[letter].width = width
    print_setup.set_up_list_pages(sheet, landscape=True, title_rows="2:2")


def _write_form(ws: Workspace, form: FormDef, sheet) -> print_setup.PrintedTable:
    grid = printed_grid(form, ws.rows(form.id), ws.money_unit)
    last = get_column_letter(grid.n_cols)
    sheet.merge_cells(f"A1:{last}1")
    title = put_text(sheet, 1, 1, form.title)
    title.font, title.alignment = print_setup.TITLE, CENTER
    sheet.row_dimensions[1].height = print_setup.TITLE_ROW_PT
    sheet.merge_cells(f"A2:{last}2")
    put_text(sheet, 2, 1, form.label).alignment = Alignment(horizontal="right")
    maker = f"编制{subject(ws)}：{ws.unit.get('单位名称', '')}"
    year = f"{ws.unit.get('年度', '')}年度"
    widths = _column_widths(ws, grid)
    # The maker takes the stub columns, and more while its name needs them; the year the rest
    # up to the 金额单位 column, so neither is clipped by a narrow neighbour.
    first_value = next((i for i, k in enumerate(grid.col_kinds) if k == "value"), 1)
    end = max(first_value, 1)
    while sum(widths[:end]) < len(maker) * 2 + 2 and end < grid.n_cols - 2:
        end += 1
    if end > 1:
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=end)
    if end < grid.n_cols - 1:
        put_text(sheet, 3, 1, maker)
        sheet.merge_cells(start_row=3, start_column=end + 1, end_row=3, end_column=grid.n_cols - 1)
        put_text(sheet, 3, end + 1, year).alignment = Alignment(horizontal="center")
    else:  # too narrow for three parts
        put_text(sheet, 3, 1, f"{maker}　　{year}")
    put_text(sheet, 3, grid.n_cols, f"金额单位：{ws.money_unit}").alignment = Alignment(horizontal="right")
    for r in (2, 3):
        for c in range(1, grid.n_cols + 1):
            sheet.cell(r, c).font = print_setup.BODY

    # Every cell of the grid gets a border, merged or not, so the printed frame is closed.
    top = GRID_TOP
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            sheet.cell(top + r, c + 1).border = BORDER
            sheet.cell(top + r, c + 1).font = print_setup.BODY
    for cell in grid.cells:
        r, c = top + cell.row, cell.col + 1
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1)
        if cell.ref is not None:
            target = put_number(sheet, r, c, ws.values.get(cell.ref))
            decimals = cell.source.decimals if cell.source else 2
            target.number_format = ("#,##0" if decimals == 0 else "#,##0." + "0" * decimals) + print_setup.PAD
            target.alignment = print_setup.NUMBER
            continue
        target = put_text(sheet, r, c, cell.text)
        if cell.kind == "header":
            target.font, target.alignment = print_setup.HEADER, CENTER
        elif cell.kind == "number" or grid.col_kinds[cell.col] in ("code", "line", "unit"):
            target.alignment = CENTER
        else:
            target.alignment = print_setup.LEFT
    _row_heights(sheet, grid, top, widths)
    # Notes begin one row below the grid, as the tool's earlier workbooks print them: an importer
    # reading a sheet whose rows were shifted relies on that gap.
    end = top + grid.n_rows
    notes = []
    if form.footnote:
        notes.append(form.footnote.replace("{主体}", subject(ws)))
    if form_is_empty(ws, form.id) and ws.notes.get(form.id):
        notes.append(f"说明：{ws.notes[form.id]}")
    kept = print_setup.kept_rows([
        (top + r, print_setup.is_total(label)) for r, label in _body_labels(grid).items()
    ])
    if notes:
        kept.add(end)
    for text in notes:
        # A note longer than a cell holds continues on the rows below, each kept with the table.
        for piece in pieces(text):
            end += 1
            sheet.merge_cells(start_row=end, start_column=1, end_row=end, end_column=grid.n_cols)
            note = put_text(sheet, end, 1, piece)
            note.font, note.alignment = print_setup.BODY, Alignment(wrap_text=True, vertical="top")
            sheet.row_dimensions[end].height = print_setup.LINE_PT * print_setup.lines_needed(piece, sum(widths))
            kept.add(end)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = sheet.cell(top + grid.header_rows, 1)
    last_row = end if notes else top + grid.n_rows - 1
    return print_setup.PrintedTable(sheet, widths, top, top + grid.header_rows - 1, last_row, kept)


def _column_widths(ws: Workspace, grid) -> list[float]:
    """Widths in character units: a name column as wide as its longest name needs (up to
    WIDTH["name"], then wrapped), a figure column as wide as its longest figure."""
    widths = [NAME_MIN if kind == "name" else WIDTH.get(kind, 15) for kind in grid.col_kinds]
    for cell in grid.cells:
        if cell.colspan != 1:
            continue
        if cell.kind == "stub" and grid.col_kinds[cell.col] == "name":
            wanted = min(WIDTH["name"], print_setup.text_units(cell.text) + 3)
        elif cell.ref is not None and ws.values.get(cell.ref) is not None:
            wanted = len(f"{ws.values.get(cell.ref):,.2f}") + 3
        else:
            continue
        widths[cell.col] = max(widths[cell.col], wanted)
    return widths


def _body_labels(grid) -> dict[int, str]:
    """Each body row's printed labels, side by side halves joined."""
    labels: dict[int, str] = {}
    for cell in grid.cells:
        if cell.row >= grid.header_rows and cell.kind == "stub" and cell.text:
            labels[cell.row] = labels.get(cell.row, "") + cell.text
    return {r: labels.get(r, "") for r in range(grid.header_rows, grid.n_rows)}


def _row_heights(sheet, grid, top: int, widths: list[float]) -> None:
    """Every grid row gets a stated height, tall enough for its wrapped text, so the program's
    page breaks fall where the printer's would."""
    lines = {r: 1 for r in range(grid.n_rows)}
    for cell in grid.cells:
        if not cell.text or cell.ref is not None:
            continue
        room = sum(widths[cell.col:cell.col + cell.colspan])
        per_row = -(-print_setup.lines_needed(cell.text, room) // cell.rowspan)
        for r in range(cell.row, cell.row + cell.rowspan):
            lines[r] = max(lines[r], per_row)
    for r, count in lines.items():
        sheet.row_dimensions[top + r].height = print_setup.LINE_PT * count


