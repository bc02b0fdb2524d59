"""查找 beyond the 公开 tables: the 绩效自评表 (整体 and each project) and the 情况说明, in one order."""

from __future__ import annotations

from desktop.core.definitions import CellRef
from desktop.core.find.pages import find, pages
from desktop.core.performance.layout import performance_lines
from desktop.core.text_sections import NARRATIVE_KEY


def _item(ws, hit):
    """The printed 绩效 cell under a hit, as the page draws it."""
    book = ws.performance
    return performance_lines(book, book.tables[hit.table])[hit.row][hit.col]


def _project(ws, name: str):
    return next(t for t in ws.performance.projects() if t.name == name)


def test_a_name_is_found_in_the_tables_the_projects_and_the_narrative_in_that_order(sample_ws):
    ws = sample_ws
    text = ws.text(NARRATIVE_KEY)
    hits = find(ws, "机关运行经费")
    assert [h.form for h in hits] == ["上年决算", "绩效项目"] + [NARRATIVE_KEY] * text.count("机关运行经费")
    project = hits[1]
    assert project.table == _project(ws, "机关运行经费").id and project.sheet == 1  # the second project
    assert _item(ws, project).kind == "name" and _item(ws, project).text == "机关运行经费"
    said = hits[2:]
    assert [text[h.start:h.end] for h in said] == ["机关运行经费"] * len(said)
    assert [h.start for h in said] == sorted(h.start for h in said) and said[0].start == text.index("机关运行经费")


def test_a_rate_is_found_by_its_value_with_or_without_the_percent_sign(sample_ws):
    ws = sample_ws
    text = ws.text(NARRATIVE_KEY)
    running = _project(ws, "机关运行经费").id
    for typed in ("57.45", "57.45%", "５７.４５％"):
        hits = find(ws, typed)
        cells = [h.ref for h in hits if h.form == "绩效项目"]
        assert cells == [CellRef("绩效项目", f"{running}:年度资金总额", "执行率"),
                         CellRef("绩效项目", f"{running}:当年财政拨款", "执行率")], typed
        assert all(_item(ws, h).column.type == "rate" for h in hits if h.form == "绩效项目")
        said = [text[h.start:h.end] for h in hits if h.form == NARRATIVE_KEY]
        assert said == ["57.45%"] * text.count("57.45%")
        assert {h.text for h in hits} == {"57.45%"}
    # 57.45 as an amount is in none of the 公开 tables; a rate typed with % never matches an amount.
    assert [h for h in find(ws, "57.45%") if h.form in ws.forms] == []


def test_an_amount_is_found_in_amount_cells_text_cells_and_the_narrative(sample_ws):
    ws = sample_ws
    text = ws.text(NARRATIVE_KEY)
    running = _project(ws, "机关运行经费").id
    hits = find(ws, "146.49", ["绩效项目", NARRATIVE_KEY])
    cells = [(h.ref.row, h.ref.col, h.text) for h in hits if h.form == "绩效项目"]
    assert cells == [
        (f"{running}:年度资金总额", "全年执行数", "146.49"),
        (f"{running}:当年财政拨款", "全年执行数", "146.49"),
        (f"{running}:指标#7", "实际完成值", "146.49万元"),  # a text cell quoting the amount
    ]
    said = [text[h.start:h.end] for h in hits if h.form == NARRATIVE_KEY]
    assert said and all(s.startswith("146.49") for s in said)
    assert len(said) == text.count("146.49")
    # The same amount in other spellings.
    assert [h.ref for h in find(ws, "146.490", ["绩效项目"])] == [h.ref for h in hits if h.form == "绩效项目"]


def test_each_page_alone_and_every_page_in_order(sample_ws):
    ws = sample_ws
    assert pages(ws)[-3:] == ["绩效整体", "绩效项目", NARRATIVE_KEY]
    assert pages(ws)[0] == "公开01"
    assert {h.form for h in find(ws, "机关运行经费", ["绩效项目"])} == {"绩效项目"}
    assert {h.form for h in find(ws, "机关运行经费", [NARRATIVE_KEY])} == {NARRATIVE_KEY}
    hits = find(ws, "100%")
    order = pages(ws)
    places = [(order.index(h.form), *h.place()) for h in hits]
    assert places == sorted(places)
    # 整体 first, then the projects in their order.
    sheets = [h.sheet for h in hits if h.form == "绩效项目"]
    assert sheets == sorted(sheets) and len(set(sheets)) > 2
    assert hits[0].form == "绩效整体" and hits[-1].form == NARRATIVE_KEY


def test_row_numbers_headers_and_captions_are_not_hits(sample_ws):
    ws = sample_ws
    # “指标 3” numbers an indicator row the way 行次 numbers a line: a 3 typed is not it.
    threes = find(ws, "3", ["绩效整体", "绩效项目"])
    assert threes and {_item(ws, h).kind for h in threes} <= {"value", "name"}
    assert "任务3" in {h.text for h in threes}  # what the user wrote into a cell is searched
    # “执行率（B/A）” heads every project's funding block; the cells under it are what is searched.
    kinds = {_item(ws, h).kind for h in find(ws, "执行率", ["绩效项目"])}
    assert kinds <= {"value", "name", "label"}
    assert find(ws, "全年预算数（A）", ["绩效项目"]) == []


def test_the_narrative_is_read_as_its_checker_reads_it(tables_only_ws):
    ws = tables_only_ws
    ws.set_text(NARRATIVE_KEY, "一、支出1,234.50万元，即12,345,000元；完成率1234.5%。\n"
                               "二、机关运\n行经费（类）支出 1234.51万元。1. 其他")
    text = ws.text(NARRATIVE_KEY)

    def said(typed):
        return [text[h.start:h.end] for h in find(ws, typed, [NARRATIVE_KEY])]

    assert said("1234.5") == ["1,234.50万元", "12,345,000元", "1234.5%"]
    assert said("1,234.50") == said("1234.5")
    assert said("1234.5%") == ["1234.5%"]
    assert said("1234.51") == ["1234.51万元"]
    # Words across a line break pasted from a PDF, in either bracket width.
    assert said("机关运行经费(类)") == ["机关运\n行经费（类）"]
    # A list's ordinal is numbering, not a figure; an amount 1 is nowhere in the text.
    assert said("1") == []
    assert said("不在文中") == []


def test_words_match_whatever_their_width_and_compatibility_spelling(tables_only_ws):
    ws = tables_only_ws
    ws.set_text(NARRATIVE_KEY, "维修面积13059㎡，ＡＢＣ系统“智慧调解”平台。")
    text = ws.text(NARRATIVE_KEY)
    spans = [text[h.start:h.end] for h in find(ws, "13059m2", [NARRATIVE_KEY])]
    assert spans == ["13059㎡"]
    assert [text[h.start:h.end] for h in find(ws, "abc系统智慧调解", [NARRATIVE_KEY])] == ["ＡＢＣ系统“智慧调解"]
