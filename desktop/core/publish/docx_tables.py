"""A model table as a real Word table: fixed column widths, merged header cells, header rows repeated, borders.

The XML is written in one piece rather than cell by cell through python-docx, whose cell
lookups make a few thousand cells take seconds.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from desktop.core.publish.blocks import Cell, Table

TWIPS_PER_CM = 567
TABLE_FACE = "宋体"  # 公开表 print in 宋体, the narrative in 仿宋
TABLE_PT = 9  # 小五
NOTE_PT = 10.5  # 五号: the lines above and below a table
CELL_STYLE = "PublishTableText"  # style ids, as the XML names them
NOTE_ID = "PublishTableNote"
_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_BORDERS = "".join(_BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))


def add_table_styles(document) -> None:
    """The paragraph styles every table cell and table note refers to, defined once."""
    for style_id, name, size, pitch in ((CELL_STYLE, "表格文字", TABLE_PT, 12), (NOTE_ID, "表注", NOTE_PT, 16)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = document.styles["Normal"]
        style.font.name = TABLE_FACE
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TABLE_FACE)
        style.font.size = Pt(size)
        form = style.paragraph_format
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = Pt(pitch)
        form.space_before = form.space_after = Pt(0)
        form.first_line_indent = Pt(0)


def add_table(document, table: Table, width_cm: float) -> None:
    """The table, fitted to `width_cm`, appended to the document body."""
    twips = [int(w * TWIPS_PER_CM) for w in table.fitted(width_cm)]
    rows = [_row_xml(r, cells, twips, table.n_cols, continued, r < len(table.header))
            for r, cells, continued in _placed(table)]
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    document.element.body._insert_tbl(parse_xml(xml))


def _placed(table: Table):
    """Each row with its cells by column and the columns a cell above still covers (rowspan)."""
    covered: dict[tuple[int, int], int] = {}
    for r, cells in enumerate(table.header + table.body):
        for cell in cells:
            for below in range(r + 1, r + cell.rowspan):
                covered[(below, cell.col)] = cell.colspan
        yield r, {c.col: c for c in cells}, {c: span for (row, c), span in covered.items() if row == r}


def _row_xml(r: int, cells: dict[int, Cell], twips: list[int], n_cols: int, continued: dict[int, int],
             header: bool) -> str:
    parts = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    col = 0
    while col < n_cols:
        if col in continued:
            span = continued[col]
            parts.append(_tc(twips[col:col + span], "<w:vMerge/>", "", "center"))
        elif col in cells:
            cell = cells[col]
            span = cell.colspan
            merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            parts.append(_tc(twips[col:col + span], merge, cell.text, cell.align))
        else:  # a side of a side-by-side table shorter than the other
            span = 1
            parts.append(_tc(twips[col:col + 1], "", "", "center"))
        col += span
    parts.append("</w:tr>")
    return "".join(parts)


def _tc(widths: list[int], merge: str, text: str, align: str) -> str:
    span = f'<w:gridSpan w:val="{len(widths)}"/>' if len(widths) > 1 else ""
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    run = f"<w:r>{lines}</w:r>" if text else ""
    jc = {"left": "left", "center": "center", "right": "right"}[align]
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{CELL_STYLE}"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>'
    )
