"""A table or column missing from an imported workbook is absent, not zero: one finding, its rules unchecked."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest
import sqlite_utils

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import apply, read_workbook
from factory import imported_workspace
from desktop.core.excel.meta import SHEET
from desktop.core.narrative.check import check_narrative
from desktop.core.narrative.draft import draft_narrative
from desktop.core.review.report import build_report, report_html
from desktop.core.review.findings import review
from desktop.core.snapshot import dump
from desktop.core.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from desktop.core.workspace import Workspace

TITLE_05 = "一般公共预算财政拨款支出决算表"


@pytest.fixture
def foreign(sample_ws, tmp_path):
    """The sample exported, without its hidden sheet: read by the tables' headers like any workbook."""
    path = tmp_path / "full.xlsx"
    sample_ws.set_text("情况说明", "")  # the tables alone: the sample's 情况说明 has mistakes of its own
    write_workbook(sample_ws, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    return path


def _without(path, form: str, target):
    book = openpyxl.load_workbook(path)
    del book[form]
    book.save(target)
    return target


def _import(workbook, target) -> Workspace:
    snapshot, _ = read_workbook(workbook)
    return imported_workspace(snapshot, target)


def _errors(ws) -> set[str]:
    return {f.key for f in review(ws).findings if f.severity == "错误"}


def _reads(ws, form: str) -> set[str]:
    """The rules (other than the table's own 空表说明) that read any cell of the form."""
    return {
        inst.check.id for inst in ws.engine.instances
        if any(ref.form == form for ref in inst.reads)
        and not (inst.check.kind == "empty_note" and inst.check.form == form)
    }


@pytest.fixture
def full(foreign, tmp_path):
    ws = _import(foreign, tmp_path / "full.juesuan")
    yield ws
    ws.close()


@pytest.fixture
def no05(foreign, tmp_path):
    ws = _import(_without(foreign, "公开05", tmp_path / "no05.xlsx"), tmp_path / "no05.juesuan")
    yield ws
    ws.close()


@pytest.mark.parametrize("form", ["公开01", "公开02", "公开03", "公开04", "公开05", "公开06", "公开09"])
def test_a_missing_table_is_one_error_and_its_rules_are_unchecked(foreign, full, tmp_path, form):
    ws = _import(_without(foreign, form, tmp_path / "missing.xlsx"), tmp_path / "missing.juesuan")
    try:
        assert ws.missing_tables() == [form]
        assert _errors(ws) - _errors(full) == {f"{form}-00::"}
        finding = ws.engine.findings[f"{form}-00::"]
        unchecked = {e["rule"] for e in ws.unchecked()}
        assert finding.form == form and finding.severity == "错误" and finding.cells == ()
        assert finding.message.startswith(f"缺少{form}表（{ws.forms[form].title}）：导入的文件中没有这张表")
        assert f"涉及它的 {len(unchecked)} 条审核未核对" in finding.message
        # Every rule that reads the table waits, and only those (the sample has no damage).
        assert unchecked == _reads(ws, form) and len(unchecked) > 3
        assert all(f"缺少{form}表" in e["reasons"] for e in ws.unchecked())
        # Its own 空表说明 rule does not add “须填写空表说明”.
        assert f"{form}-90::" not in ws.engine.findings
        assert not any(f.form == form and f.key != f"{form}-00::" for f in ws.findings())
    finally:
        ws.close()


def test_a_table_printed_empty_with_its_reason_in_the_contents_is_present(foreign, full, tmp_path):
    # The sample's 公开07 is empty; the 目录 carries its 空表说明, so a workbook without its sheet still has it.
    ws = _import(_without(foreign, "公开07", tmp_path / "no07.xlsx"), tmp_path / "no07.juesuan")
    try:
        assert ws.absent == set() and ws.notes["公开07"]
        assert _errors(ws) == _errors(full) and ws.unchecked() == []
    finally:
        ws.close()


def test_without_the_absence_the_same_workbook_gives_many_errors(no05):
    """What the change is about: read as an all-blank table, 公开05 is one not filled yet: an 错误 for its
    missing 空表说明 and a 提示 "尚未填写" from rule after rule that compares with it."""
    no05.set_absent(set())
    errors = _errors(no05)
    assert errors == {"公开05-90::"}
    unfilled = [f for f in review(no05).findings if f.message.startswith("公开05 尚未填写") and f.severity == "提示"]
    assert len(unfilled) >= 5
    assert no05.unchecked() == []


def test_cli_check_json_lists_the_unchecked_rules(foreign, tmp_path, capsys):
    workbook = _without(foreign, "公开05", tmp_path / "no05.xlsx")
    assert main(["check", str(workbook), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    errors = [f for f in report["findings"] if f["severity"] == "错误"]
    assert [(f["rule"], f["form"]) for f in errors] == [("公开05-00", "公开05")]
    rules = {e["rule"]: e for e in report["unchecked"]}
    assert {"公开04-14", "公开04-17", "公开05-01", "公开05-11", "公开06-11"} <= set(rules)
    assert rules["公开04-14"]["title"] == "各类一般公共预算财政拨款支出等于公开05同类小计"
    assert all(e["reasons"] == ["缺少公开05表"] for e in rules.values())
    assert main(["check", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert "错误 1 条" in out and "[未核对]" in out


def test_the_report_has_an_unchecked_section(no05):
    report = build_report(no05)
    assert {e["rule"] for e in report.unchecked} == _reads(no05, "公开05")
    html = report_html(report)
    assert "未核对的审核规则" in html and f"另有 {len(report.unchecked)} 条规则" in html
    assert "缺少公开05表" in html


def test_narrative_is_not_compared_with_an_absent_table(sample_ws, no05):
    text = draft_narrative(sample_ws)
    assert "一般公共预算财政拨款支出" in text
    found = check_narrative(no05, text)
    assert not any(c.form == "公开05" for f in found for c in f.finding.cells)
    assert [f.finding.message for f in found if f.finding.severity == "错误"] == []
    # Present but not filled in yet (no figure, no 空表说明): still nothing to compare with.
    no05.set_absent(set())
    assert not any(c.form == "公开05" for f in check_narrative(no05, text) for c in f.finding.cells)
    # Once it holds a figure its blanks are zeros: the figures the text quotes from 公开05 are “wrong”.
    no05.set_value(CellRef("公开05", "合计", "基本支出"), Decimal("1.00"))
    assert any(c.form == "公开05" for f in check_narrative(no05, text) for c in f.finding.cells)


def test_a_figure_typed_into_the_absent_table_makes_it_present(no05):
    ref = CellRef("公开05", "合计", "基本支出")
    assert ref in no05.unknown
    result = no05.set_value(ref, Decimal("1.00"))
    assert "公开05-00::" in result.findings.removed
    assert no05.absent == set() and no05.unknown == set() and no05.unchecked() == []
    # The rules run again: 公开05 now disagrees with 公开04 and 公开06.
    assert any(f.severity == "错误" and f.rule.startswith(("公开04", "公开06")) for f in no05.findings())
    assert no05.store.count("absent") == 0
    assert [h["action"] for h in no05.store.history(2)] == ["缺表", "单元格"]


def test_an_empty_note_makes_the_absent_table_present(no05):
    result = no05.set_empty_note("公开05", "本单位无一般公共预算财政拨款支出，故本表为空表")
    assert "公开05-00::" in result.findings.removed and no05.absent == set()


def test_absence_survives_reopening_and_a_snapshot(no05, tmp_path, make_ws):
    path, keys = no05.path, set(no05.engine.findings)
    unchecked = no05.unchecked()
    no05.close()
    ws = Workspace.open(path)
    try:
        assert ws.missing_tables() == ["公开05"] and set(ws.engine.findings) == keys
        assert ws.unchecked() == unchecked
        data = dump(ws)
        assert data["absent"] == [["公开05", ""]]
    finally:
        ws.close()
    copy = make_ws(data, "copy.juesuan")
    assert copy.missing_tables() == ["公开05"]


def test_importing_a_full_workbook_over_it_ends_the_absence(no05, foreign):
    snapshot, _ = read_workbook(foreign)
    apply(no05, snapshot)
    assert no05.absent == set() and no05.unchecked() == []
    assert not any(f.severity == "错误" for f in no05.findings())


def test_own_workbook_has_nothing_absent(sample_ws, tmp_path):
    path = tmp_path / "own.xlsx"
    write_workbook(sample_ws, path)
    ws = _import(path, tmp_path / "own.juesuan")
    try:
        assert ws.absent == set()
    finally:
        ws.close()


# -- absent columns ---------------------------------------------------------------------


def _without_columns(data: dict, columns: list[str]) -> dict:
    data = json.loads(json.dumps(data))
    for by_col in data["cells"]["公开09"].values():
        for col in columns:
            by_col.pop(col, None)
    return data


def test_rules_reading_an_absent_column_are_unchecked_not_errors(sample_ws, make_ws):
    columns = ["会议费", "培训费"]
    data = _without_columns(dump(sample_ws), columns)
    # The sample's 公开06 has 30215 会议费 and 30216 培训费 figures: against a blank column they exceed.
    assert sample_ws.value(CellRef("公开06", "30216", "决算数"))
    blank = make_ws(data, "blank.juesuan")
    fired = {f.rule for f in blank.findings() if f.severity == "错误"}
    assert {"公开06-16", "公开06-17"} <= fired

    ws = make_ws({**data, "absent_columns": {"公开09": columns}}, "absent.juesuan")
    assert ws.absent == {("公开09", "会议费"), ("公开09", "培训费")}
    assert ws.missing_tables() == []
    rules = {f.rule for f in ws.findings()}
    assert not rules & {"公开06-16", "公开06-17"}
    assert not any(f.rule.endswith("-00") for f in ws.findings())  # a column is no missing table
    unchecked = {e["rule"]: e["reasons"] for e in ws.unchecked()}
    assert unchecked["公开06-16"] == ["公开09缺少「会议费」栏"]
    assert unchecked["公开06-17"] == ["公开09缺少「培训费」栏"]
    assert "公开06-12" not in unchecked  # 公务接待费 is there
    # A figure typed into the column brings it back, and its rule with it.
    ws.set_value(CellRef("公开09", "决算数", "培训费"), Decimal("0.01"))
    assert ws.absent == {("公开09", "会议费")}
    assert "公开06-17" in {f.rule for f in ws.findings()}


def test_an_absent_column_with_figures_in_the_snapshot_is_present(sample_ws, make_ws):
    ws = make_ws({**dump(sample_ws), "absent_columns": {"公开09": ["培训费", "没有的栏"]}})
    assert ws.absent == set()


# -- the file -----------------------------------------------------------------------------


def test_a_version_3_file_is_migrated_and_has_nothing_absent(tmp_path):
    path = tmp_path / "v3.juesuan"
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for step in MIGRATIONS[:3]:
        step(db)
    db["unit"].insert_all([{"key": "单位名称", "value": "旧单位"}, {"key": "年度", "value": "2024"}])
    db["cells"].insert({"form": "公开09", "row": "决算数", "col": "会议费", "value": "3.50"})
    db.execute("PRAGMA user_version = 3")
    db.close()

    ws = Workspace.open(path)
    try:
        assert ws.store.schema_version == SCHEMA_VERSION == 7
        assert "absent" in ws.store.table_names()
        assert ws.absent == set() and ws.missing_tables() == []
        assert ws.value(CellRef("公开09", "决算数", "会议费")) == Decimal("3.50")
    finally:
        ws.close()
