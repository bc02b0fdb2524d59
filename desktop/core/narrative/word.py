"""The 情况说明 as a Word document: outline headings as headings, the rest as body paragraphs."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from desktop.core.narrative.headings import heading_level
from desktop.core.official_docx import add_body, add_heading, add_title, official_document


def write_docx(text: str, target: Path, title: str) -> None:
    document = official_document()
    add_title(document, title)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        level = heading_level(line)
        if level:
            add_heading(document, line, level)
        else:
            add_body(document, line)
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
