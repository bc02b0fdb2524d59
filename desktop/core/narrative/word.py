"""The 情况说明 as a Word document: outline headings as headings, the rest as body paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

# “一、…” is a section, “（一）…” a subsection; any other line is body text.
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
BODY_FONT = "仿宋"  # the usual face of government documents; Word falls back if it is missing
HEADING_FONT = "黑体"


def _face(run, family: str, size: float, bold: bool = False) -> None:
    run.font.name = family
    run.font.size = Pt(size)
    run.font.bold = bold
    # Chinese characters take the East Asian font, which python-docx does not set by itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)


def write_docx(text: str, target: Path, title: str) -> None:
    document = Document()
    heading = document.add_paragraph()
    heading.alignment = 1  # centred
    _face(heading.add_run(title), HEADING_FONT, 18, bold=True)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        paragraph = document.add_paragraph()
        if _SECTION.match(line):
            _face(paragraph.add_run(line), HEADING_FONT, 14, bold=True)
        elif _SUBSECTION.match(line):
            _face(paragraph.add_run(line), BODY_FONT, 14, bold=True)
        else:
            paragraph.paragraph_format.first_line_indent = Pt(28)
            _face(paragraph.add_run(line), BODY_FONT, 14)
    document.save(str(target))


def read_docx(source: Path) -> str:
    """A Word 情况说明 as text: one line per paragraph; a table's rows as tab-separated lines,
    which the check reads as table, not narrative."""
    document = Document(str(source))
    body = document.element.body
    lines = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("".join(node.text or "" for node in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                lines.append("\t".join(cells))
    return "\n".join(lines)
