"""The 公开文件 as a Word document: cover, a 目录 Word updates on opening, parts, tables, page numbers."""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from desktop.core.official_docx import (
    BODY_FACE, BODY_PT, HEADING_FACE, MARGINS, PAGE_HEIGHT, PAGE_WIDTH, TITLE_FACE, add_body, face,
    official_document, style_headings,
)
from desktop.core.publish.blocks import Heading, Paragraph, Table
from desktop.core.publish.docx_tables import NOTE_ID, NOTE_PT, TABLE_PT, add_table, add_table_styles
from desktop.core.publish.document import Document
from desktop.core.publish.table_blocks import text_cm
from desktop.core.publish.output import written_output

# A landscape page turns the portrait margins with it, so the binding edge stays where it was.
LANDSCAPE_MARGINS = {"top": MARGINS["left"], "bottom": MARGINS["right"],
                     "left": MARGINS["top"], "right": MARGINS["bottom"]}
CAPTION_CHARS = 30  # a line this short, not ending a sentence, may be a table's caption
TOC_PT = 14  # 四号: the 目录 fits two pages
TOC_NUMBER_CHARS = 2  # the column kept for page numbers, in characters of TOC_PT
MARGINS_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'


def write_docx(document: Document, path: Path) -> None:
    """Writes the document to `path` whole or not at all; OutputError (Chinese) when it cannot."""
    word = official_document()
    style_headings(word)
    add_table_styles(word)
    _add_page_numbers(word)
    _cover(word, document)
    _toc(word, document)
    writer = _Pages(word)
    for part in document.parts:
        blocks = part.blocks
        # A part opening on a table's page (附件) shares that page and its orientation.
        opens_on_table = bool(blocks) and isinstance(blocks[0], Heading) and blocks[0].new_page
        writer.heading(part.heading, 1, True, opens_on_table and _landscape(blocks, 0))
        for i, block in enumerate(blocks):
            landscape = _landscape(blocks, i)
            if isinstance(block, Heading):
                writer.heading(block.text, block.level, block.new_page and i > 0, landscape)
                continue
            writer.orient(landscape)
            if isinstance(block, Paragraph):
                paragraph = add_body(word, block.text)
                if block.placeholder:
                    paragraph.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                writer.table(block)
    _update_fields_on_open(word)
    properties = word.core_properties
    # Word's core properties hold at most 255 characters each.
    properties.title, properties.author = document.title[:255], document.cover.unit[:255]
    with written_output(Path(path)) as partial:
        word.save(str(partial))


def _landscape(blocks, i: int) -> bool:
    """A wide table goes on a landscape page with what introduces it: the heading right above, or
    a table's short caption lines (“市级项目绩效自评表”, “（2024年度）”); all else on portrait."""
    j = i + 1 if isinstance(blocks[i], Heading) and i + 1 < len(blocks) else i
    while isinstance(blocks[j], Paragraph) and _caption(blocks[j]) and j + 1 < len(blocks):
        j += 1
    return isinstance(blocks[j], Table) and blocks[j].wide


def _caption(paragraph: Paragraph) -> bool:
    return len(paragraph.text) <= CAPTION_CHARS and not paragraph.text.endswith(("。", "：", ":", "；"))


class _Pages:
    """Starts pages and sections: a wide table gets a landscape section, what follows it portrait again."""

    def __init__(self, word):
        self.word = word
        self.landscape = False

    def heading(self, text: str, level: int, new_page: bool, landscape: bool) -> None:
        turn = landscape != self.landscape
        self.orient(landscape)
        paragraph = styled(self.word, text, f"Heading{level}")
        if new_page and not turn:
            paragraph.paragraph_format.page_break_before = True

    def orient(self, landscape: bool) -> None:
        """Turns the page (a new section, so a new page) when the block needs the other orientation."""
        if landscape != self.landscape:
            self._turn(landscape)

    def _turn(self, landscape: bool) -> None:
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        wide, high = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
        section.page_width, section.page_height = wide, high
        for side, length in (LANDSCAPE_MARGINS if landscape else MARGINS).items():
            setattr(section, f"{side}_margin", length)
        self.landscape = landscape

    def width_cm(self) -> float:
        section = self.word.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def _line(self, texts: tuple[str, ...], alignment):
        paragraph = styled(self.word, "\t".join(texts), NOTE_ID)
        paragraph.alignment = alignment
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def table(self, table: Table) -> None:
        width = self.width_cm()
        if table.title:
            title = self.word.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.paragraph_format.keep_with_next = True
            face(title.add_run(table.title), TITLE_FACE, 18)
        if table.code:
            self._line((table.code,), WD_ALIGN_PARAGRAPH.RIGHT)
        if len(table.caption) == 3:
            # 编制单位 at the left, 年度 in the middle, 金额单位 at the right edge.
            line = self._line(table.caption, WD_ALIGN_PARAGRAPH.LEFT)
            # The year centred, or just clear of a long unit name.
            maker, year = (text_cm(t) * NOTE_PT / TABLE_PT for t in table.caption[:2])
            middle = max(width / 2, maker + year / 2 + 0.5)
            for position, kind in ((middle, WD_TAB_ALIGNMENT.CENTER), (width, WD_TAB_ALIGNMENT.RIGHT)):
                line.paragraph_format.tab_stops.add_tab_stop(Cm(position), kind)
        elif table.caption:
            self._line(table.caption, WD_ALIGN_PARAGRAPH.CENTER)
        add_table(self.word, table, width)
        for note in (table.footnote, table.empty_note):
            if note:
                paragraph = styled(self.word, note, NOTE_ID)
                if note.startswith("【"):
                    paragraph.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW


def _cover(word, document: Document) -> None:
    cover = document.cover
    for _ in range(4):
        word.add_paragraph()
    for text, size in ((cover.unit, 26), (cover.title, 36)):
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing = Pt(size + 24)
        face(paragraph.add_run(text), TITLE_FACE, size)
    for _ in range(6):
        word.add_paragraph()
    for statement in cover.statements:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(BODY_PT * 3)
        run = paragraph.add_run(statement.text)
        face(run, BODY_FACE, BODY_PT)
        if statement.placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _toc(word, document: Document) -> None:
    """目录 on its own page: Word's TOC field, its last result the entries without page numbers
    (what a viewer that does not update fields shows)."""
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = True
    face(title.add_run("目　录"), HEADING_FACE, 18)
    entries = document.toc
    for i, entry in enumerate(entries):
        paragraph = styled(word, "", _toc_style(word, entry.level))
        run = paragraph._p.add_r()
        if i == 0:
            run.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
            run.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {TOC_FIELD} </w:instrText>'))
            run.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
        paragraph.add_run(entry.text)
        if i == len(entries) - 1:
            paragraph._p.add_r().append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def styled(word, text: str, style_id: str):
    """A paragraph in a style named by id: python-docx's lookup by name scans every style, each time."""
    paragraph = word.add_paragraph(text)
    paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _toc_style(word, level: int) -> str:
    """Word's own “toc 1”/“toc 2” styles, which an updated TOC field uses too."""
    style_id = f"TOC{level}"
    if word.styles.element.get_by_id(style_id) is None:
        style = word.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = word.styles["Normal"]
        style.font.size = Pt(TOC_PT)
        form = style.paragraph_format
        # A long title's further lines stand clear of its 一、 (as the PDF's 目录), and stop short
        # of the number's column, so the number stays on the line that ends the title.
        form.left_indent = Pt(TOC_PT * 2 * level)
        form.first_line_indent = Pt(-TOC_PT * 2)
        form.right_indent = Pt(TOC_PT * TOC_NUMBER_CHARS)
        form.line_spacing = Pt(TOC_PT + 8)
        # Word writes each entry's page number after a tab: at the right margin, with dots (a tab
        # stop may stand beyond the right indent).
        form.tab_stops.add_tab_stop(MARGINS_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    return style_id


# What follows w:updateFields in w:settings: Word refuses a settings part out of the schema's order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")


def _update_fields_on_open(word) -> None:
    settings = word.settings.element
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    following = next((c for c in settings if c.tag in {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS}), None)
    if following is None:
        settings.append(element)
    else:
        following.addprevious(element)


def _add_page_numbers(word) -> None:
    """“— 1 —” centred in every footer but the cover's."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    face(paragraph.add_run("— "), "宋体", 14)
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/>'
        '<w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
    ))
    face(paragraph.add_run(" —"), "宋体", 14)
