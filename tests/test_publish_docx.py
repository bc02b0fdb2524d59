"""The 公开文件 as Word: read back with python-docx, every figure, heading, table layout and gap checked."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from desktop import paths
from desktop.core.definitions.layout import printed_grid
from desktop.core.money import format_amount, parse_amount
from desktop.core.performance.layout import performance_lines
from desktop.core.publish.docx_writer import write_docx
from desktop.core.publish.document import Heading, Table, build_document
from desktop.core.publish.outline import chinese_number, load_outline, outline_names
from desktop.core.publish.output import OutputError
from desktop.core.text_sections import NARRATIVE_KEY
from libreoffice import to_pdf


def written(ws, tmp_path, outline=None):
    document = build_document(ws, outline)
    target = tmp_path / "公开.docx"
    write_docx(document, target)
    return document, open_docx(str(target))


def grid_cells(table):
    """python-docx's cells row by row (a merged cell repeated over what it covers)."""
    cells, width = table._cells, len(table.columns)
    return [cells[i:i + width] for i in range(0, len(cells), width)]


def published_tables(ws, document, word):
    """Each active published form with its Word table, found by its place among the model's tables."""
    model = document.tables()
    assert len(word.tables) == len(model)
    found = {t.form_id: word.tables[i] for i, t in enumerate(model) if t.code}
    return [(form, found[form.id]) for form in ws.structure.active if form.published]


def sections_of(word, tag):
    """The section each body element with this tag sits in (a paragraph carrying a sectPr ends a section)."""
    index, placed = 0, []
    for child in word.element.body.iterchildren():
        if child.tag == qn(tag):
            placed.append((child, word.sections[index]))
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return placed


def headings(word, level):
    return [p.text for p in word.paragraphs if p.style.name == f"Heading {level}"]


@pytest.mark.parametrize("fixture", ["sample_ws", "seed004_ws", "consistent_ws"])
def test_every_published_figure_in_word_equals_the_workspace(fixture, request, tmp_path):
    ws = request.getfixturevalue(fixture)
    document, word = written(ws, tmp_path)
    compared = 0
    for form, table in published_tables(ws, document, word):
        grid = printed_grid(form, ws.rows(form.id), ws.money_unit)
        rows = grid_cells(table)
        assert len(rows) == grid.n_rows, form.id
        for cell in grid.value_cells():
            value = ws.values.get(cell.ref)
            text = rows[cell.row][cell.col].text
            assert parse_amount(text) == value, (form.id, cell.ref, text)
            assert text == format_amount(value, decimals=cell.source.decimals)
            compared += 1
        for cell in grid.cells:  # the printed labels, 科目 codes and 栏次 in their places
            if cell.ref is None and cell.text:
                assert rows[cell.row][cell.col].text == cell.text, (form.id, cell.row, cell.col)
    assert compared == sum(len(ws.structure.value_cells(f.id)) for f in ws.structure.active if f.published)


def test_regional_tables_are_published_in_order(consistent_ws, tmp_path):
    document, word = written(consistent_ws, tmp_path)
    forms = [f for f in consistent_ws.structure.active if f.published]
    assert any(f.optional for f in forms)
    expected = [f"{chinese_number(n)}、{f.title}" for n, f in enumerate(forms, start=1)]
    part = next(p for p in document.parts if p.title.endswith("部门决算表"))
    shown = [h for h in headings(word, 2) if h in expected]
    assert shown == expected
    assert [t.code for t in document.tables() if t.code] == [f.label for f in forms]
    assert part.blocks[0].title == "目录"  # the 是否空表 list comes first


@pytest.mark.parametrize("outline", outline_names())
def test_part_headings_follow_the_outline(outline, sample_ws, tmp_path):
    _, word = written(sample_ws, tmp_path, outline)
    fill = {"{年度}": "2024", "{主体}": "部门"}
    expected = []
    for n, part in enumerate(load_outline(outline).parts, start=1):
        title = part.title
        for mark, value in fill.items():
            title = title.replace(mark, value)
        expected.append(f"第{chinese_number(n)}部分 {title}")
    assert headings(word, 1) == expected
    # The 情况说明 pasted from the published document starts with its part line: the part heading
    # above prints it, the body does not repeat it.
    body = [p.text for p in word.paragraphs if p.style.name == "Normal"]
    assert not [t for t in body if t.startswith("第二部分")]
    level2 = headings(word, 2)
    assert "一、部门主要职责" in level2
    assert "一、收入支出决算总体情况说明" in level2 and "十四、其他需要说明的情况" in level2
    assert "一、收入支出决算总表" in level2
    assert level2.index("一、收入支出决算总表") > level2.index("三、部门人员情况")
    assert any(h.startswith("（一）") for h in headings(word, 3))


def test_toc_is_a_field_word_updates_on_opening(sample_ws, tmp_path):
    document, word = written(sample_ws, tmp_path)
    body = word.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(re.search(r'TOC \\o "1-2" \\h \\z \\u', text) for text in instructions)
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    settings = list(word.settings.element)
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    # In the schema's place (before w:compat), or Word calls the file damaged.
    assert settings.index(update) < settings.index(word.settings.element.find(qn("w:compat")))
    assert word.core_properties.title == "榆林市人力资源和社会保障局2024年度部门决算"
    texts = [p.text for p in word.paragraphs]
    assert not any("更新域" in t for t in texts)  # how to update it is said to the user, not published
    # Until Word updates it, the field shows the parts and items it will list.
    for entry in document.toc:
        assert entry.text in texts


def test_toc_entries_wrap_under_their_titles_clear_of_the_page_numbers(sample_ws, tmp_path):
    """Word's “toc 1/2” styles, which the updated field keeps: a hanging indent, a right indent that
    keeps a title's text out of the numbers' column, the dotted right tab at the margin beyond it."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    document, word = written(sample_ws, tmp_path)
    entries = [p for p in word.paragraphs if p.style.style_id in ("TOC1", "TOC2")]
    assert [(p.text, int(p.style.style_id[-1])) for p in entries] == [(e.text, e.level) for e in document.toc]
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for level in (1, 2):
        style = next(s for s in word.styles if s.style_id == f"TOC{level}")
        form = style.paragraph_format
        assert form.first_line_indent == -Pt(28)  # two characters of 四号
        assert form.left_indent + form.first_line_indent == Pt(28 * (level - 1))  # an item under its part
        assert Pt(20) <= form.right_indent <= Pt(40)
        (tab,) = form.tab_stops
        assert (tab.alignment, tab.leader) == (WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        assert abs(tab.position - text_width) < Pt(1)


def test_header_rows_repeat_and_headers_are_merged(sample_ws, tmp_path):
    document, word = written(sample_ws, tmp_path)
    for form, table in published_tables(sample_ws, document, word):
        grid = printed_grid(form, sample_ws.rows(form.id), sample_ws.money_unit)
        repeated = [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in table._tbl.tr_lst]
        assert repeated == [r < grid.header_rows for r in range(grid.n_rows)], form.id
    first = next(t for f, t in published_tables(sample_ws, document, word) if f.id == "公开01")
    top = first._tbl.tr_lst[0]
    spans = [tc.grid_span for tc in top.tc_lst]
    assert [tc.text if hasattr(tc, "text") else "" for tc in top.tc_lst] and spans == [3, 3]
    assert [c.text for c in grid_cells(first)[0]] == ["收入"] * 3 + ["支出"] * 3


def test_figures_are_right_aligned_and_tables_have_borders(sample_ws, tmp_path):
    document, word = written(sample_ws, tmp_path)
    form, table = next((f, t) for f, t in published_tables(sample_ws, document, word) if f.id == "公开02")
    grid = printed_grid(form, sample_ws.rows(form.id), sample_ws.money_unit)
    rows = grid_cells(table)
    for cell in grid.value_cells():
        assert rows[cell.row][cell.col].paragraphs[0].alignment == 2  # RIGHT
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1] for b in borders} >= {"top", "left", "bottom", "right", "insideH", "insideV"}


def test_wide_tables_are_in_landscape_sections(sample_ws, tmp_path):
    document, word = written(sample_ws, tmp_path)
    sections = [section for _, section in sections_of(word, "w:tbl")]
    model = document.tables()
    assert len(sections) == len(model)
    for table, section in zip(model, sections):
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        assert landscape == table.wide, table.title
        assert (section.page_width > section.page_height) == landscape
    wide = {t.form_id for t in model if t.wide}
    # 公开02 has nine columns, 公开05 five: only the first needs the page turned.
    assert "公开02" in wide and "公开05" not in wide
    # A part starts on a portrait page again, unless it opens with a wide table (附件), whose page it
    # shares; every page but the cover is numbered.
    parts = [s.orientation for p, s in sections_of(word, "w:p") if p.style == "Heading1"]
    opening = [len(p.blocks) > 1 and isinstance(p.blocks[1], Table) and p.blocks[1].wide and
               isinstance(p.blocks[0], Heading) for p in document.parts]
    assert parts == [WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT for wide in opening]
    assert opening == [False, False, False, False, True]
    assert all("PAGE" in s.footer._element.xml for s in word.sections)


def test_missing_texts_print_a_placeholder_and_are_listed(seed004_ws, tmp_path):
    document, word = written(seed004_ws, tmp_path)
    texts = [p.text for p in word.paragraphs]
    assert "【请填写情况说明】" in texts
    assert "【请填写单位主要职责】" in texts
    assert any(t.startswith("保密审查情况：【请填写") for t in texts)
    assert any(g.startswith("第二部分 2024年度部门决算情况说明：情况说明未填写") for g in document.gaps)
    assert any(g.startswith("第一部分 单位概况：单位主要职责未填写") for g in document.gaps)
    assert any(g.startswith("封面：保密审查情况未填写") for g in document.gaps)
    assert len(document.gaps) == 6  # 2 statements, 3 概况 sections, the 情况说明


def test_written_texts_leave_no_gaps(sample_ws, tmp_path):
    for key, text in (("概况:主要职责", "负责全市人力资源和社会保障工作。"), ("概况:机构设置", "内设科室12个。"),
                      ("概况:人员情况", "编制人数120人。"), ("公开:保密审查情况", "已审查"),
                      ("公开:主要负责人审签情况", "已审签")):
        sample_ws.set_text(key, text)
    document, word = written(sample_ws, tmp_path)
    assert document.gaps == ()
    texts = [p.text for p in word.paragraphs]
    assert not [t for t in texts if "【请填写" in t]
    assert "保密审查情况：已审查" in texts and "编制人数120人。" in texts


def test_empty_narrative_part_in_a_workspace_with_tables(tables_only_ws, tmp_path):
    assert tables_only_ws.text(NARRATIVE_KEY) == ""
    document, _ = written(tables_only_ws, tmp_path)
    assert any("情况说明未填写" in g for g in document.gaps)


def test_glossary_prints_the_default_until_the_user_writes_one(seed004_ws, tmp_path):
    default = (paths.resources_dir() / "publish" / "名词解释.txt").read_text(encoding="utf-8")
    lines = [line.strip().replace("{主体}", "单位") for line in default.splitlines() if line.strip()]
    assert part_text(*written(seed004_ws, tmp_path), "专业名词解释") == lines
    seed004_ws.set_text("公开:名词解释", "1. 基本支出：本单位自写的解释。")
    assert part_text(*written(seed004_ws, tmp_path), "专业名词解释") == ["1. 基本支出：本单位自写的解释。"]


def part_text(document, word, title):
    """The paragraphs printed under a part's heading, up to the next part."""
    paragraphs = word.paragraphs
    heading = next(p for p in document.parts if p.title == title).heading
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == heading)
    end = next((i for i, p in enumerate(paragraphs) if i > start and p.style.name == "Heading 1"), len(paragraphs))
    return [p.text for p in paragraphs[start + 1:end] if p.text]


def test_performance_tables_are_attached_with_their_figures(sample_ws, tmp_path):
    document, word = written(sample_ws, tmp_path)
    book = sample_ws.performance
    ordered = book.ordered()
    assert len(ordered) == 9
    perf = [word.tables[i] for i, t in enumerate(document.tables()) if t.form_id.startswith("绩效")]
    assert len(perf) == len(ordered)
    level2 = headings(word, 2)
    compared = 0
    for n, (table, shown) in enumerate(zip(ordered, perf), start=1):
        form = book.form_of(table)
        assert level2.count(f"{chinese_number(n)}、{form.title}" + (f"（{table.name}）" if form.repeated else "")) == 1
        rows = grid_cells(shown)
        for r, line in enumerate(performance_lines(book, table)):
            texts = [c.text for c in rows[r]]
            for item in line:
                if item.kind != "value" or item.column.type not in ("amount", "rate"):
                    continue
                number = book.number(table, item.row, item.column.key)
                if number is None:
                    continue
                if item.column.type == "rate":
                    assert f"{book.text(table, item.row, item.column.key)}%" in texts
                else:
                    assert number in {parse_amount(t) for t in texts if re.fullmatch(r"[\d,.]+", t)}
                compared += 1
    assert compared > 100


def test_an_output_held_open_is_named_and_nothing_half_written_remains(sample_ws, tmp_path, monkeypatch):
    document = build_document(sample_ws)
    target = tmp_path / "公开.docx"
    target.write_bytes(b"the earlier file")

    def refused(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(OutputError) as caught:
        write_docx(document, target)
    assert f"文件“{target}”正被其他程序（如 Word" in str(caught.value)
    assert target.read_bytes() == b"the earlier file"
    assert [p.name for p in tmp_path.iterdir() if "公开" in p.name] == ["公开.docx"]


def test_a_folder_that_does_not_exist_is_a_chinese_message_naming_it(sample_ws, tmp_path):
    target = tmp_path / "没有的文件夹" / "公开.docx"
    with pytest.raises(OutputError) as raised:
        write_docx(build_document(sample_ws), target)
    assert str(raised.value) == f"无法写入“{target}”：文件夹“{target.parent}”不存在（可能已被移动、删除或改名）。"


def test_libreoffice_prints_every_part_and_turns_wide_tables(seed004_ws, tmp_path):
    document, _ = written(seed004_ws, tmp_path)
    pdf = to_pdf(tmp_path / "公开.docx", tmp_path)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = [tuple(map(float, m)) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    for part in document.parts:
        assert re.sub(r"\s+", "", part.heading) in flat
    for table in document.tables():
        assert re.sub(r"\s+", "", table.title) in flat
    assert "榆林市人事信息中心" in flat and "【请填写情况说明】" in flat
    portrait = sum(1 for w, h in sizes if w < h)
    landscape = sum(1 for w, h in sizes if w > h)
    assert portrait and landscape >= sum(1 for t in document.tables() if t.wide)


def test_a_wide_table_pasted_into_the_narrative_gets_a_landscape_page_with_its_caption(seed004_ws, tmp_path):
    wide_row = "\t".join(f"第{n}栏数据" for n in range(1, 13))
    seed004_ws.set_text(NARRATIVE_KEY, "\n".join([
        "一、收入支出决算总体情况说明", "收入总计691.29万元。", "项目绩效自评表", "（2024年度）",
        wide_row, wide_row.replace("数据", "1.50"), "以上为自评结果。",
    ]))
    document, word = written(seed004_ws, tmp_path)
    pasted = [t for t in document.tables() if not t.title and not t.code]
    assert len(pasted) == 1 and pasted[0].wide
    shown = ("收入总计691.29万元。", "项目绩效自评表", "（2024年度）", "以上为自评结果。")
    where = {p.text: s.orientation for p, s in sections_of(word, "w:p") if p.text in shown}
    assert where == {"收入总计691.29万元。": WD_ORIENT.PORTRAIT, "项目绩效自评表": WD_ORIENT.LANDSCAPE,
                     "（2024年度）": WD_ORIENT.LANDSCAPE, "以上为自评结果。": WD_ORIENT.PORTRAIT}
    table = next(s for t, s in sections_of(word, "w:tbl") if "第1栏数据" in "".join(t.itertext()))
    assert table.orientation == WD_ORIENT.LANDSCAPE
