"""Word documents laid out as official documents (公文): A4, 公文 margins, 仿宋 body, 黑体 headings.

Every .docx the program writes (the 情况说明 today, the publish document later) starts from
`official_document`, so paper, margins and faces are decided once.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

# GB/T 9704 paper and margins: A4, 上 3.7 cm, 下 3.5 cm, 左 2.8 cm, 右 2.6 cm.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
# 仿宋_GB2312 is the face 公文 name; machines without it (most since Windows Vista) have 仿宋,
# which Word takes through the font table's altName.
BODY_FACE, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
HEADING_FACE = "黑体"
SUBHEADING_FACE, SUBHEADING_FALLBACK = "楷体_GB2312", "楷体"
TITLE_FACE, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
# A fixed line pitch keeps 22 lines to a page, as 公文 print.
LINE_PITCH = Pt(28)
TEMPLATE = Path(docx.__file__).parent / "templates" / "default.docx"


def official_document() -> Document:
    # python-docx's own empty document, opened here so that a bundle which left it out names the
    # file (python-docx says only “package not found”).
    with open(TEMPLATE, "rb") as template:
        document = Document(template)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, length in MARGINS.items():
        setattr(section, f"{side}_margin", length)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FACE
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FACE)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE_PITCH
    normal.paragraph_format.space_after = Pt(0)
    _declare_fallbacks(document, {
        BODY_FACE: BODY_FALLBACK, SUBHEADING_FACE: SUBHEADING_FALLBACK, TITLE_FACE: TITLE_FALLBACK,
    })
    return document


def face(run, family: str, size: float, bold: bool = False) -> None:
    run.font.name = family
    run.font.size = Pt(size)
    run.font.bold = bold
    # Chinese characters take the East Asian font, which python-docx does not set by itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)


def add_title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(TITLE_PT + 14)
    paragraph.paragraph_format.space_after = LINE_PITCH
    face(paragraph.add_run(text), TITLE_FACE, TITLE_PT)


def add_heading(document, text: str, level: int = 1) -> None:
    """一级 “一、” in 黑体, 二级 “（一）” in 楷体 bold, both at body size, indented like body text."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    paragraph.paragraph_format.keep_with_next = True
    if level == 1:
        face(paragraph.add_run(text), HEADING_FACE, BODY_PT)
    else:
        face(paragraph.add_run(text), SUBHEADING_FACE, BODY_PT, bold=True)


def add_body(document, text: str):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    face(paragraph.add_run(text), BODY_FACE, BODY_PT)
    return paragraph


# Word's own heading styles, so its 目录 field and navigation pane find the headings: a part
# title centred in 黑体 小二, “一、” in 黑体 and “（一）” in 楷体 bold at body size, indented like body text.
_HEADING_STYLES = {
    1: (HEADING_FACE, 18, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    2: (HEADING_FACE, BODY_PT, False, WD_ALIGN_PARAGRAPH.LEFT, BODY_PT * 2),
    3: (SUBHEADING_FACE, BODY_PT, True, WD_ALIGN_PARAGRAPH.LEFT, BODY_PT * 2),
}


def style_headings(document) -> None:
    """Heading 1–3 in 公文 faces, black, on the body's line pitch (the template's are blue Calibri)."""
    for level, (family, size, bold, alignment, indent) in _HEADING_STYLES.items():
        style = document.styles[f"Heading {level}"]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.font.name = family
        fonts.set(qn("w:eastAsia"), family)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        form = style.paragraph_format
        form.alignment = alignment
        form.first_line_indent = Pt(indent)
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = LINE_PITCH if level > 1 else Pt(size + 14)
        form.space_before = Pt(0) if level > 1 else LINE_PITCH
        form.space_after = Pt(0) if level > 1 else LINE_PITCH


def _declare_fallbacks(document, fallbacks: dict[str, str]) -> None:
    """Names each face's stand-in in the font table (w:altName), the one way Word learns it."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    fonts = parse_xml(part.blob)
    for name, alternative in fallbacks.items():
        fonts.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        ))
    # python-docx keeps parts it does not model as bytes: the edited table replaces them.
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
