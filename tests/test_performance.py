"""绩效自评表: storage (schema v5), undoable projects and indicator rows, typed input, checks, the 情况说明's quotes."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.checks.performance import check_performance
from desktop.core.narrative.check import check_narrative
from desktop.core.narrative.draft import draft_narrative
from desktop.core.narrative.performance import check_performance_quotes
from desktop.core.review.findings import review
from desktop.core.performance.book import PROJECT, PerformanceEditError, parse_rate
from factory import as_printed
from desktop.core.snapshot import dump
from desktop.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop.core.workspace import Workspace
from narrative_seeds import FIXTURES, narrative


@pytest.fixture
def seed001_ws(make_ws):
    return make_ws(json.loads((FIXTURES / "seed-001-performance.json").read_text(encoding="utf-8")), "001.juesuan")


def _project(ws, name):
    return next(t for t in ws.performance.projects() if t.name == name)


def _keys(findings):
    return sorted(f.key for f in findings)


# -- the published tables as entered ----------------------------------------------------------


def test_the_sample_carries_the_whole_table_and_eight_projects(sample_ws):
    book = sample_ws.performance
    whole = book.whole()
    assert whole.name == "榆林市人力资源和社会保障局"
    assert book.number(whole, "金额合计", "预算总额") == Decimal("7397.18")
    assert book.number(whole, "金额合计", "执行率") == Decimal("98.46")
    assert len(book.block_rows(whole, book.form_of(whole).block("任务"))) == 4
    assert len(book.block_rows(whole, book.form_of(whole).block("指标"))) == 40
    names = [t.name for t in book.projects()]
    assert len(names) == 8 and names[1] == "机关运行经费"
    running = _project(sample_ws, "机关运行经费")
    assert book.number(running, "年度资金总额", "全年执行数") == Decimal("146.49")
    assert book.number(running, "年度资金总额", "执行率") == Decimal("57.45")
    assert book.text(running, "实施单位", "内容") == "榆林市人社局"
    indicator = book.block_rows(running, book.form_of(running).block("指标"))[6]
    assert book.text(running, indicator, "年度指标值") == "255万元"
    assert book.text(running, indicator, "偏差原因") == "部分项目未开展，加快资金支付。"


def test_the_published_tables_add_up_where_they_print_every_figure(sample_ws, seed004_ws, seed001_ws):
    """No 错误 in the seeds' own tables: their sums, rates and caps hold as printed."""
    for ws in (sample_ws, seed004_ws, seed001_ws):
        errors = [f for f in check_performance(ws.performance) if f.severity == "错误"]
        assert errors == []
    # What they do print that reviewers question: 000 scores 执行率 98.46% as 9 (10 × 98.46% = 9.85).
    assert "绩效整体-07:1:金额合计:得分" in _keys(check_performance(sample_ws.performance))
    assert [f.key for f in check_performance(seed001_ws.performance)] == ["绩效项目-07:4:年度资金总额:执行率"]


def test_a_workspace_round_trips_its_tables_through_a_snapshot(sample_ws, make_ws):
    copy = make_ws(dump(sample_ws), "copy.juesuan")
    assert dump(copy)["performance"] == dump(sample_ws)["performance"]


# -- storage -------------------------------------------------------------------------------------


def test_tables_survive_reopening(tmp_path):
    path = tmp_path / "a.juesuan"
    with Workspace.create(path, {"单位名称": "某局", "年度": "2024"}) as ws:
        (table_id,) = ws.performance.add_project("信息化运维经费").performance
        table = ws.performance.table(table_id)
        (row,) = ws.performance.add_row(table.id, "指标").added
        ws.performance.set_cells(table.id, [("年度资金总额", "全年预算数", "50"), (row, "年度指标值", "≥95%")])
    with Workspace.open(path) as ws:
        table = ws.performance.projects()[0]
        assert table.name == "信息化运维经费" and table.rows == [row]
        assert ws.performance.number(table, "年度资金总额", "全年预算数") == Decimal("50")
        assert ws.performance.text(table, row, "年度指标值") == "≥95%"


def test_a_version_4_file_gains_the_tables(tmp_path):
    path = tmp_path / "v4.juesuan"
    Workspace.create(path, {"单位名称": "某局", "年度": "2024"}).close()
    conn = sqlite3.connect(path)
    for table in ("perf_tables", "perf_rows", "perf_cells"):
        conn.execute(f"drop table {table}")
    conn.execute("pragma user_version = 4")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.store.schema_version == SCHEMA_VERSION == len(MIGRATIONS) == 7
        assert ws.performance.tables == {}
        ws.performance.add_project("项目甲")
    with Workspace.open(path) as ws:
        assert [t.name for t in ws.performance.projects()] == ["项目甲"]


def test_a_removed_project_comes_back_whole(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    before = dump(sample_ws)["performance"]
    removed = book.remove(running.id).removed
    assert "机关运行经费" not in [t.name for t in book.projects()]
    assert sample_ws.store.count("perf_cells", "table_id = ?", (running.id,)) == 0
    book.restore(removed)
    assert dump(sample_ws)["performance"] == before


def test_projects_are_renamed_and_names_stay_unique(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    book.rename(running.id, "机关运行经费（含物业）")
    assert _project(sample_ws, "机关运行经费（含物业）").id == running.id
    with pytest.raises(PerformanceEditError, match="已有名为“2024年春节慰问经费”"):
        book.rename(running.id, "2024年春节慰问经费")
    with pytest.raises(PerformanceEditError, match="不能为空"):
        book.add_project("  ")


def test_an_indicator_row_is_added_after_another_and_removed_with_undo(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    block = book.form_of(running).block("指标")
    rows = book.block_rows(running, block)
    (added,) = book.add_row(running.id, "指标", after=rows[0]).added
    assert book.block_rows(running, block)[1] == added
    assert book.row_label(running, added) == "指标 2"
    removed = book.remove_row(running.id, rows[6]).removed
    assert rows[6] not in running.rows and (rows[6], "偏差原因") not in running.cells
    book.restore_row(removed)
    assert book.block_rows(running, block).index(rows[6]) == 7
    assert book.text(running, rows[6], "偏差原因") == "部分项目未开展，加快资金支付。"
    with pytest.raises(PerformanceEditError, match="固定"):
        book.add_row(running.id, "资金")


# -- typed input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, value, note", [
    ("57.45%", "57.45", ""),
    ("57.45", "57.45", "按 57.45% 理解"),
    ("0.5745", "57.45", "视为比例，按 57.45% 理解"),
    ("１００％", "100", ""),
    ("46.90%", "46.90", ""),
])
def test_a_rate_is_read_as_typed_and_says_how(typed, value, note):
    got, said = parse_rate(typed)
    assert got == Decimal(value) and str(got) == value
    assert note in said and (said == "") == (note == "")


def test_a_typed_rate_note_names_the_cell(sample_ws):
    running = _project(sample_ws, "机关运行经费")
    notes = sample_ws.performance.set_cells(running.id, [("年度资金总额", "执行率", "0.5745")]).remarks
    assert notes == ["项目支出绩效自评表「机关运行经费」「年度资金总额」行「执行率（B/A）」栏：“0.5745”视为比例，按 57.45% 理解"]
    assert sample_ws.performance.number(running, "年度资金总额", "执行率") == Decimal("57.45")


def test_text_in_a_score_is_refused_naming_form_project_row_and_column(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    row = book.block_rows(running, book.form_of(running).block("指标"))[2]
    with pytest.raises(PerformanceEditError) as caught:
        book.set_cells(running.id, [(row, "分值", "7"), (row, "得分", "满分")])
    assert str(caught.value).startswith("项目支出绩效自评表「机关运行经费」「指标 3」行「得分」栏：“满分”不是有效的数字")
    assert book.number(running, row, "分值") == Decimal("7")  # nothing of the refused edit was written


# -- checks ---------------------------------------------------------------------------------------


def test_a_wrong_rate_is_an_error_anchored_to_its_cell(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    book.set_cells(running.id, [("当年财政拨款", "执行率", "57.47%")])
    found = {f.key: f for f in check_performance(book)}
    finding = found[f"绩效项目-01:{running.id}:当年财政拨款:执行率"]
    assert finding.severity == "错误" and finding.expected == Decimal("57.45") and finding.actual == Decimal("57.47")
    cell = finding.cells[0]
    assert (cell.form, cell.row, cell.column) == (PROJECT, f"{running.id}:当年财政拨款", "执行率")
    assert "机关运行经费" in finding.message
    # Within 0.01 point is right; a whole percent is right within half a point.
    book.set_cells(running.id, [("当年财政拨款", "执行率", "57.44%")])
    assert f"绩效项目-01:{running.id}:当年财政拨款:执行率" not in _keys(check_performance(book))


def test_funding_rows_add_up_with_the_rounding_rule(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    key = f"绩效项目-02:{running.id}:年度资金总额:全年执行数"
    book.set_cells(running.id, [("其他资金", "全年执行数", "0.01")])
    tail = {f.key: f for f in check_performance(book)}[key]
    assert tail.severity == "提示" and tail.rounding
    book.set_cells(running.id, [("其他资金", "全年执行数", "10")])
    assert {f.key: f for f in check_performance(book)}[key].severity == "错误"


def test_scores_are_capped_summed_and_total_one_hundred(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    first = book.block_rows(running, book.form_of(running).block("指标"))[0]
    book.set_cells(running.id, [(first, "得分", "8")])  # 分值 7
    found = {f.key: f for f in check_performance(book)}
    assert found[f"绩效项目-03:{running.id}:{first}:得分"].severity == "错误"
    assert found[f"绩效项目-05:{running.id}:总分:得分"].severity == "错误"  # 94 printed, 95 summed
    book.set_cells(running.id, [(first, "分值", "9"), (first, "得分", "7")])
    found = {f.key: f for f in check_performance(book)}
    assert found[f"绩效项目-04:{running.id}:总分:分值"].severity == "警告"
    assert found[f"绩效项目-04:{running.id}:总分:分值"].expected == Decimal("102")
    book.set_cells(running.id, [("总分", "分值", "102")])
    found = {f.key: f for f in check_performance(book)}
    assert f"绩效项目-04:{running.id}:总分:分值" not in found
    assert found[f"绩效项目-04:{running.id}:总分:满分"].severity == "警告"


def test_a_rate_short_of_full_wants_a_reason(sample_ws):
    book = sample_ws.performance
    running = _project(sample_ws, "机关运行经费")
    key = f"绩效项目-07:{running.id}:年度资金总额:执行率"
    assert key not in _keys(check_performance(book))  # the 成本指标 row gives one
    reason_row = next(r for r in running.rows if book.text(running, r, "偏差原因"))
    book.set_cells(running.id, [(reason_row, "偏差原因", "")])
    assert {f.key: f for f in check_performance(book)}[key].severity == "提示"


def test_the_review_lists_the_tables_findings(sample_ws):
    keys = _keys(review(sample_ws).findings)
    assert "绩效整体-07:1:金额合计:得分" in keys


# -- the 情况说明 ----------------------------------------------------------------------------------


def test_seed_000s_running_costs_sentence_is_found(sample_ws):
    found = check_performance_quotes(sample_ws, narrative("000"))
    running = _project(sample_ws, "机关运行经费")
    assert [(f.finding.key, f.finding.expected, f.finding.actual) for f in found] == [
        (f"说明-绩效自评:{running.id}:actual", Decimal("146.49"), Decimal("247.78")),
        (f"说明-绩效自评:{running.id}:rate", Decimal("57.45"), Decimal("97.16")),
    ]
    assert "机关运行项目支出绩效自评综述" in found[0].sentence
    assert found[0].finding.cells[0].row == f"{running.id}:年度资金总额"
    # The pane lists it with the rest of the narrative's findings.
    assert f"说明-绩效自评:{running.id}:actual" in _keys(review(sample_ws).findings)


@pytest.mark.parametrize("seed, fixture", [("004", "seed004_ws"), ("001", "seed001_ws")])
def test_seed_sentences_agree_and_each_is_read(seed, fixture, request):
    """No false flag; and every table is read: spoil its figures and each quoted figure is flagged."""
    ws = request.getfixturevalue(fixture)
    text = narrative(seed)
    assert check_performance_quotes(ws, text) == []
    book = ws.performance
    for table in book.ordered():
        quoted, score = book.form_of(table).quoted, book.form_of(table).score
        book.put_stored(table.id, [(quoted["row"], quoted["budget"], "1"), (quoted["row"], quoted["actual"], "2"),
                                   (score["row"], score["col"], "3")])
    flagged = {(f.finding.cells[0].row.split(":")[0], f.finding.key.rsplit(":", 1)[1])
               for f in check_performance_quotes(ws, text)}
    for table in book.ordered():
        assert {(str(table.id), "budget"), (str(table.id), "actual")} <= flagged
    scored = {tid for tid, what in flagged if what == "score"}
    assert scored == ({str(t.id) for t in book.ordered()} if seed == "001" else {str(book.whole().id)})


def test_a_three_kinds_sentence_of_the_same_words_is_not_a_project_sentence(sample_ws):
    text = "2024年度机关运行经费预算263.27万元，支出决算526.15万元，完成预算的199.85%。"
    assert check_performance_quotes(sample_ws, text) == []


def test_the_draft_quotes_the_tables_and_passes_its_own_check(sample_ws):
    text = draft_narrative(sample_ws)
    assert "2. 机关运行经费项目绩效自评综述：全年预算数255万元，执行数146.49万元，完成预算的57.45%，自评得分94分。" in text
    assert "部门整体支出自评得分95.5分，全年预算数7397.18万元，执行数7283.69万元，完成预算的98.46%。" in text
    assert [f for f in check_narrative(sample_ws, text) if f.finding.rule == "说明-绩效自评"] == []


# -- the workbook -------------------------------------------------------------------------------


def test_the_workbook_prints_the_tables_counts_them_and_reads_them_back(sample_ws, tmp_path, make_ws):
    import openpyxl

    from desktop.core.excel.export import write_workbook
    from desktop.core.excel.import_ import read_workbook

    path = tmp_path / "sample.xlsx"
    write_workbook(sample_ws, path)
    book = openpyxl.load_workbook(path)
    toc = [row for row in book["目录"].iter_rows(values_only=True) if row[0]]
    assert ("表10", "部门（单位）整体支出绩效自评表", "否", None) in toc
    assert ("表11", "项目支出绩效自评表", "否", "共 8 张") in toc
    sheet = book["绩效项目"]
    names = [row[1].value for row in sheet.iter_rows() if row[0].value == "项目名称"]
    assert names[:2] == ["劳动保障大厦运行及维修改造费", "机关运行经费"] and len(names) == 8
    rate = next(row[5] for row in sheet.iter_rows() if row[0].value == "年度资金总额" and row[3].value == 146.49)
    assert rate.number_format == "0.00%" and abs(rate.value - 0.5745) < 1e-9
    snapshot, warnings = read_workbook(path)
    assert warnings == []
    copy = make_ws(snapshot.to_json(), "copy.juesuan")
    assert dump(copy)["performance"] == as_printed(sample_ws, dump(sample_ws))["performance"]


def test_an_import_into_a_workspace_replaces_its_tables(sample_ws, seed004_ws, tmp_path):
    from desktop.core.excel.export import write_workbook
    from desktop.core.excel.import_ import apply, read_workbook

    path = tmp_path / "004.xlsx"
    write_workbook(seed004_ws, path)
    snapshot, _ = read_workbook(path)
    apply(sample_ws, snapshot)
    assert [t.name for t in sample_ws.performance.ordered()] == ["榆林市人事信息中心", "网络信息维护及12333宣传经费"]
    assert dump(sample_ws)["performance"] == as_printed(seed004_ws, dump(seed004_ws))["performance"]


def test_the_report_lists_the_tables_findings(sample_ws):
    from desktop.core.review.report import build_report, report_html

    report = build_report(sample_ws)
    assert report.summary["by_form"]["绩效项目"]["警告"] == 2
    page = report_html(report)
    assert "绩效项目-06" in page and "榆林市人力资源服务运行经费「年度资金总额」" in page
    assert "说明-绩效自评" in page


def _pasted(seed_file: str, first: int, last: int):
    """Lines of a seed's text pasted into a sheet, a cell per tab-separated piece."""
    import openpyxl

    lines = (Path("/work/shared/seeds") / seed_file).read_text(encoding="utf-8").split("\n")
    book = openpyxl.Workbook()
    sheet = book.active
    for i, line in enumerate(lines[first - 1:last], 1):
        for j, piece in enumerate(line.split("\t"), 1):
            if piece.strip():
                sheet.cell(i, j, piece)
    return book


def _figures(entry: dict) -> dict:
    figures = {(row, col): v.rstrip("%") for row, cols in entry["cells"].items() for col, v in cols.items()
               if col in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分") and v != "—"}
    for i, values in enumerate(entry["rows"].get("指标", [])):
        figures |= {(i, col): values[col] for col in ("分值", "得分") if col in values}
    return {k: Decimal(v) for k, v in figures.items()}


@pytest.mark.skipif(not Path("/work/shared/seeds").is_dir(), reason="the seed documents are not on this machine")
def test_a_pasted_table_is_read_by_its_headers_or_named_as_unread():
    from desktop.core.definitions.performance import load_performance_forms
    from desktop.core.excel.performance_reading import read_performance

    forms = load_performance_forms()
    published = {t["name"]: t for t in json.loads((FIXTURES / "seed-004.json").read_text(encoding="utf-8"))["performance"]}
    tables, warnings = read_performance(_pasted("004_6849a2ff488092f1.txt", 276, 310), forms, own=False)
    assert warnings == [] and [t["name"] for t in tables] == ["网络信息维护及12333宣传经费"]
    assert _figures(tables[0]) == _figures(published["网络信息维护及12333宣传经费"])
    # 000's text shifts cells from line to line: a table whose points do not add up is named, not taken.
    sample = {t["name"]: t for t in json.loads(paths.sample_source().read_text(encoding="utf-8"))["performance"]}
    tables, warnings = read_performance(_pasted("000_fd1ebd8918ba0f7c.txt", 405, 621), forms, own=False)
    unread = [w for w in warnings if "未能对齐读取" in w.reason]
    assert len(tables) + len(unread) == 8 and len(unread) >= 6
    for table in tables:
        assert _figures(table) == _figures(sample[table["name"]])
