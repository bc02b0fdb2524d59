"""The 公开文件's pieces as the HTML QTextDocument lays out: cover, headings, paragraphs, tables (the 目录: pdf_toc)."""

from __future__ import annotations

from html import escape

from desktop.core.publish.document import Cell, Cover, Heading, Paragraph, Table

BODY_PT = 16  # 三号, as the Word document
TABLE_PT = 9
PART_PT = 20
COVER_UNIT_PT = 26
COVER_TITLE_PT = 24
# 28 pt between lines at 三号, as 公文 print: the face's own line is about 1.25 em.
LINE_HEIGHT = "140%"
RESOLUTION = 300  # the PDF's dots to the inch (publish_pdf)
# The first line indented two characters, as 公文 print. Qt takes a text-indent in the device's pixels
# only: an “2em” it dropped without a word, and the paragraphs ran on flush left, one not told from the next.
INDENT = f"{2 * BODY_PT * RESOLUTION / 72:.2f}px"
CELL_PADDING = 3  # CSS pixels (96 to the inch): under 1 mm between a figure and the rule
GAP = "#c00000"  # a 【请填写…】 must not pass unnoticed in a proof


def _break(first: bool) -> str:
    return "" if first else "page-break-before:always;"


def cover(cover: Cover, faces: dict[str, str]) -> str:
    """The unit and the title a third down the page, the statements near its foot."""
    third, foot = _px(55), _px(75)
    lines = [
        # Qt drops the first block's top margin: an empty line carries the page's top.
        "<p>&nbsp;</p>",
        f'<p align="center" style="margin-top:{third}px;font-family:\'{faces["heading"]}\';font-size:{COVER_UNIT_PT}pt">'
        f"{escape(cover.unit)}</p>",
        f'<p align="center" style="margin-top:{_px(12)}px;font-family:\'{faces["heading"]}\';'
        f'font-size:{COVER_TITLE_PT}pt">{escape(cover.title)}</p>',
    ]
    for n, statement in enumerate(cover.statements):
        top = foot if n == 0 else _px(4)
        lines.append(f'<p style="margin-top:{top}px;margin-left:{_px(20)}px">{_text(statement)}</p>')
    return "".join(lines)


def part_heading(text: str, faces: dict[str, str]) -> str:
    return (
        f'<p align="center" style="font-family:\'{faces["heading"]}\';font-size:{PART_PT}pt;'
        f'margin-bottom:0.8em">{escape(text)}</p>'
    )


def heading(block: Heading, faces: dict[str, str], first: bool) -> str:
    face = faces["heading"] if block.level <= 2 else faces["subheading"]
    weight = "" if block.level <= 2 else "font-weight:bold;"
    pagebreak = _break(first) if block.new_page else ""
    return (
        f'<p style="{pagebreak}font-family:\'{face}\';{weight}text-indent:{INDENT};line-height:{LINE_HEIGHT}">'
        f"{escape(block.text)}</p>"
    )


def paragraph(block: Paragraph, page_break: bool = False) -> str:
    pagebreak = _break(False) if page_break else ""
    return f'<p style="{pagebreak}text-indent:{INDENT};line-height:{LINE_HEIGHT}">{_text(block)}</p>'


def table(block: Table, faces: dict[str, str], first: bool, width_cm: float) -> str:
    """Title, 公开0X表, the caption line, the grid (its header repeated on each page), footnote, 空表说明."""
    # A table pasted into the 情况说明 has no title: an empty paragraph still carries the page break.
    parts = [
        f'<p align="center" style="{_break(first)}font-family:\'{faces["heading"]}\';font-size:14pt">'
        f"{escape(block.title)}</p>",
    ]
    if block.code:
        parts.append(f'<p align="right" style="font-size:{TABLE_PT}pt">{escape(block.code)}</p>')
    if block.caption:
        parts.append(caption(block.caption))
    shares = _shares(block.fitted(width_cm))
    header = "".join(f"<tr>{''.join(_cell(c, 'th', shares) for c in row)}</tr>" for row in block.header)
    # A caption line inside the body (分值/得分 above the 总分 line) is header cells: it keeps with the next row.
    body = "".join(
        f"<tr>{''.join(_cell(c, 'th' if c.kind == 'header' else 'td', shares) for c in row)}</tr>" for row in block.body
    )
    notes = [note for note in (block.footnote, block.empty_note) if note]
    # data-notes: the notes under it go to a page with its last rows (table_pages). The border keeps its
    # room but is not drawn: its rules are drawn whole (table_rules).
    parts.append(
        f'<table width="100%" border="1" cellspacing="0" cellpadding="{CELL_PADDING}" data-notes="{len(notes)}" '
        f'style="font-size:{TABLE_PT}pt;border-collapse:collapse;border-style:none">'
        f"<thead>{header}</thead><tbody>{body}</tbody></table>"
    )
    for note in notes:
        parts.append(f'<p style="font-size:{TABLE_PT + 1}pt;margin-top:0.5em">{escape(note)}</p>')
    return "".join(parts)


def caption(texts: tuple[str, ...]) -> str:
    """编制单位 at the left, 年度 in the middle, 金额单位 at the right: one borderless row of three."""
    texts = (tuple(texts) + ("", "", ""))[:3] if len(texts) <= 3 else (texts[0], " ".join(texts[1:-1]), texts[-1])
    aligns = (("left", 40), ("center", 30), ("right", 30))
    cells = "".join(f'<td width="{w}%" align="{a}">{escape(t)}</td>' for (a, w), t in zip(aligns, texts))
    return f'<table width="100%" cellspacing="0" cellpadding="0" style="font-size:{TABLE_PT}pt"><tr>{cells}</tr></table>'


def _shares(widths: list[float]) -> list[str]:
    whole = sum(widths) or 1
    return [f"{100 * w / whole:.2f}%" for w in widths]


def _cell(cell: Cell, tag: str, shares: list[str]) -> str:
    # Qt takes a column's width from its unmerged cells: every such cell carries it.
    span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else f' width="{shares[cell.col]}"'
    )
    weight = "font-weight:bold;" if cell.kind == "header" else "font-weight:normal;"
    return f'<{tag}{span} align="{cell.align}" valign="middle" style="{weight}">{escape(cell.text)}</{tag}>'


def _text(block: Paragraph) -> str:
    text = escape(block.text)
    return f'<span style="color:{GAP}">{text}</span>' if block.placeholder else text


def _px(mm: float) -> int:
    """CSS pixels, which Qt takes at 96 to the inch whatever the device."""
    return round(mm / 25.4 * 96)
