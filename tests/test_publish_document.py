"""The 公开文件's model: what build_document makes of a workspace's texts, tables and gaps."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions.model import CellRef
from desktop.core.money import format_amount
from desktop.core.publish.document import Heading, Paragraph, Table, build_document
from desktop.core.publish.outline import load_outline
from desktop.core.text_sections import NARRATIVE_KEY


def part(document, ending):
    return next(p for p in document.parts if p.title.endswith(ending))


def test_the_cover_and_toc_name_the_unit_year_and_every_part(sample_ws):
    document = build_document(sample_ws)
    assert document.cover.unit == "榆林市人力资源和社会保障局"
    assert document.cover.title == "2024年度部门决算"
    assert document.title == "榆林市人力资源和社会保障局2024年度部门决算"
    assert [p.number for p in document.parts] == ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"]
    level1 = [e.text for e in document.toc if e.level == 1]
    assert level1 == [p.heading for p in document.parts]
    # Items follow their part in the 目录: 概况's three, then the 情况说明's fourteen sections.
    texts = [e.text for e in document.toc]
    assert texts.index("一、部门主要职责") == texts.index(document.parts[0].heading) + 1
    narrative = [e.text for e in document.toc[texts.index(document.parts[1].heading) + 1:] if e.level == 2]
    assert narrative[0] == "一、收入支出决算总体情况说明" and "十四、其他需要说明的情况" in narrative


def test_the_narrative_keeps_the_users_words_and_marks_its_headings(seed004_ws):
    seed004_ws.set_text(NARRATIVE_KEY, "\n".join([
        "第二部分 2024年度部门决算情况说明",
        "榆林市人事信息中心2024年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        "2024年度收入总计691.29万元。",
        "",
        "（一）人员经费",
        "人员经费合计99.25万元。",
        "项目\t预算数\t决算数",
        "\t\t",
        "培训费\t0.30\t0.28",
        "二、收入决算情况说明",
    ]))
    blocks = part(build_document(seed004_ws), "决算情况说明").blocks
    # The part line and the title pasted with the text are the part heading's: not printed twice.
    assert blocks[0] == Heading("一、收入支出决算总体情况说明", 2)
    assert blocks[1] == Paragraph("2024年度收入总计691.29万元。")
    assert blocks[2] == Heading("（一）人员经费", 3)
    pasted = blocks[4]
    assert isinstance(pasted, Table) and not pasted.wide and pasted.n_cols == 3
    # A row of nothing but tabs is a blank line, as in the text.
    assert [[c.text for c in row] for row in pasted.body] == [["项目", "预算数", "决算数"], ["培训费", "0.30", "0.28"]]
    assert [c.align for c in pasted.body[1]] == ["left", "right", "right"]
    assert blocks[5] == Heading("二、收入决算情况说明", 2)
    assert not [g for g in build_document(seed004_ws).gaps if "情况说明未填写" in g]


def test_an_empty_table_prints_its_note_or_asks_for_one(seed004_ws):
    document = build_document(seed004_ws)
    table = next(t for t in document.tables() if t.form_id == "公开07")
    assert table.empty_note == f"说明：{seed004_ws.notes['公开07']}"
    listing = part(document, "部门决算表").blocks[0]
    row = next(r for r in listing.body if r[1].text == table.title)
    assert [c.text for c in row][2:] == ["是", seed004_ws.notes["公开07"]]
    seed004_ws.set_empty_note("公开07", "")
    document = build_document(seed004_ws)
    table = next(t for t in document.tables() if t.form_id == "公开07")
    assert table.empty_note == "【请填写公开07表的空表说明】"
    assert any(g.startswith("第三部分 2024年度部门决算表：公开07表的空表说明未填写") for g in document.gaps)


def test_a_table_cell_shows_the_workspaces_figure_with_its_rows_decimals(seed004_ws):
    ref = CellRef("公开05", "合计", "基本支出")
    seed004_ws.set_value(ref, Decimal("12345.6"))
    table = next(t for t in build_document(seed004_ws).tables() if t.form_id == "公开05")
    cell = next(c for row in table.body for c in row if c.ref == ref)
    assert cell.text == "12,345.60" == format_amount(Decimal("12345.60"))
    assert (cell.kind, cell.align) == ("figure", "right")
    codes = [c for row in table.body for c in row if c.kind == "code"]
    assert codes and all(c.align == "left" for c in codes)


def test_fitted_widths_fill_the_page_and_narrow_words_before_figures(sample_ws):
    table = next(t for t in build_document(sample_ws).tables() if t.form_id == "绩效整体")
    assert table.wide
    fitted = table.fitted(22.5)
    assert abs(sum(fitted) - 22.5) < 1e-6
    figures = {c.col for row in table.body for c in row if c.kind == "figure" and c.colspan == 1}
    words = [i for i in range(table.n_cols) if i not in figures]
    # Words lost a larger share of their width than figures did.
    assert min(fitted[i] / table.widths[i] for i in figures) > max(fitted[i] / table.widths[i] for i in words)
    portrait = next(t for t in build_document(sample_ws).tables() if t.form_id == "公开05")
    assert not portrait.wide and abs(sum(portrait.fitted(15.6)) - 15.6) < 1e-6


def test_the_other_outline_puts_the_tables_before_the_narrative(sample_ws):
    document = build_document(sample_ws, "决算表在前")
    titles = [p.title for p in document.parts]
    assert titles.index("2024年度部门决算表") < titles.index("2024年度部门决算情况说明")
    assert document.outline == load_outline("决算表在前").name


def test_the_performance_report_is_an_attachment_before_the_tables_when_written(sample_ws):
    def attachments():
        part = build_document(sample_ws).parts[-1]
        assert part.title == "附件"
        return [b for b in part.blocks if isinstance(b, Heading)], part.blocks

    headings, _ = attachments()
    assert headings[0].text == "一、部门（单位）整体支出绩效自评表"  # not written: not printed, not asked for
    gaps_before = len(build_document(sample_ws).gaps)
    sample_ws.set_text("公开:绩效自评报告", "一、部门整体支出绩效自评综述\n全年预算数7397.18万元，执行数7283.69万元。")
    headings, blocks = attachments()
    assert [h.text for h in headings[:2]] == ["一、部门绩效自评报告", "二、部门（单位）整体支出绩效自评表"]
    assert headings[0].new_page and headings[1].new_page
    assert [b.text for b in blocks[1:3]] == ["一、部门整体支出绩效自评综述", "全年预算数7397.18万元，执行数7283.69万元。"]
    assert len(build_document(sample_ws).gaps) == gaps_before
    toc = [e.text for e in build_document(sample_ws).toc]
    assert toc.index("一、部门绩效自评报告") < toc.index("二、部门（单位）整体支出绩效自评表")


def test_part_one_is_worded_as_published_documents_word_it(sample_ws):
    first = build_document(sample_ws).parts[0]
    assert first.title == "部门概况"
    assert [b.text for b in first.blocks if isinstance(b, Heading)] == [
        "一、部门主要职责", "二、机构设置及部门决算单位构成", "三、部门人员情况"]
