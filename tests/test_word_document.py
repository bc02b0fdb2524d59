"""The 情况说明 as Word writes it: A4 with 公文 margins, 仿宋 body, 黑体 headings, the 年度 title."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.core.narrative.draft import draft_narrative
from desktop.core.narrative.word import write_docx
from desktop.core.text_sections import narrative_title


def east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_word_draft_is_a4_with_official_margins_and_faces(sample_ws, tmp_path):
    target = tmp_path / "情况说明.docx"
    write_docx(draft_narrative(sample_ws), target, narrative_title(sample_ws))
    document = docx.Document(str(target))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.cm, 2) for m in margins] == [3.7, 3.5, 2.8, 2.6]

    title, *paragraphs = [p for p in document.paragraphs if p.text]
    assert title.text == "榆林市人力资源和社会保障局2024年度部门决算情况说明"
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)

    headings = [p for p in paragraphs if p.text.startswith(("一、", "二、", "十四、"))]
    assert len(headings) == 3
    assert all(east_asian(p.runs[0]) == "黑体" and p.runs[0].font.size == Pt(16) for p in headings)
    body = next(p for p in paragraphs if p.text.startswith("2024年度收入、支出总计"))
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16) and normal.paragraph_format.line_spacing == Pt(28)


def test_word_names_a_fallback_for_each_official_face(sample_ws, tmp_path):
    target = tmp_path / "情况说明.docx"
    write_docx("一、总体情况\n正文。\n", target, "标题")
    document = docx.Document(str(target))
    table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob
    text = table.decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in text
    assert '<w:altName w:val="楷体"/>' in text and '<w:altName w:val="宋体"/>' in text
