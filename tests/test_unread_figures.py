"""A figure the import could not place is never compared as if blank: the cells it may be wait for it
(their rules 未核对, with where it is printed), until the user types it or says the table is checked."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import openpyxl
import pytest

from desktop.core.absence import absence_mark, absence_notice
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.foreign_result import Result
from desktop.core.excel.header import Column, Segment
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.meta import SHEET
from desktop.core.excel.row_read import read_segment_row
from desktop.core.snapshot import Snapshot
from desktop.core.store import content_digest
from desktop.core.store.migrations import APPLICATION_ID, SCHEMA_VERSION, build
from desktop.core.unread import Unread, covered, covering
from desktop.core.workspace import Workspace
from factory import imported_workspace
from layout_random import measure_random


@pytest.fixture
def foreign(sample_ws, tmp_path):
    """The sample exported without its hidden sheet: read by the tables' headers like any workbook."""
    path = tmp_path / "full.xlsx"
    sample_ws.set_text("情况说明", "")
    write_workbook(sample_ws, path)
    book = openpyxl.load_workbook(path)
    del book[SHEET]
    book.save(path)
    return path


def _changed(path, target, edits: dict[str, dict[str, object]]):
    book = openpyxl.load_workbook(path)
    for sheet, cells in edits.items():
        for cell, value in cells.items():
            book[sheet][cell] = value
    book.save(target)
    return target


def _errors(ws) -> set[str]:
    return {f.key for f in ws.findings() if f.severity == "错误"}


def _unchecked(ws) -> dict[str, list[str]]:
    return {entry["rule"]: entry["reasons"] for entry in ws.unchecked()}


@pytest.fixture
def full_errors(foreign, tmp_path):
    with imported_workspace(read_workbook(foreign)[0], tmp_path / "full.juesuan") as ws:
        return _errors(ws)


def test_a_row_no_label_names_leaves_its_column_unknown_not_short(foreign, full_errors, tmp_path):
    # 公开05 row 14 is 2080105 劳动保障监察 (14.58 in 小计 and 项目支出): printed with a label no 科目 bears.
    path = _changed(foreign, tmp_path / "unnamed.xlsx", {"公开05": {"A14": None, "B14": "（另见附表）"}})
    snapshot, warnings = read_workbook(path)
    assert sorted(snapshot.unread) == [
        Unread("公开05", "", "小计", "“公开05”工作表 C14", "14.58"),
        Unread("公开05", "", "项目支出", "“公开05”工作表 E14", "14.58"),
    ]
    assert any(w.cell == "C14" and "未导入" in w.reason for w in warnings)
    with imported_workspace(snapshot, tmp_path / "unnamed.juesuan") as ws:
        # Compared as if blank, 20801's 小计 would not add up: a 错误 the workbook does not have.
        assert _errors(ws) <= full_errors
        reasons = _unchecked(ws)
        assert any("导入时未能读入的数字（“公开05”工作表 C14 的 14.58）" in r for rs in reasons.values() for r in rs), reasons
        assert CellRef("公开05", "20801", "小计") in ws.unknown
        assert absence_mark(ws, "公开05") == "未读入"
        notice = absence_notice(ws, "公开05")
        assert "2 个数字未能读入" in notice and "「小计」栏、「项目支出」栏" in notice, notice

        # The user puts the row back and types its 小计: that figure waits no more; 项目支出's still does.
        ws.add_row("公开05", "2080105")
        changes = ws.set_value(CellRef("公开05", "2080105", "小计"), Decimal("14.58"))
        assert [u.col for u in ws.unread] == ["项目支出"]
        assert [u.col for u in changes.ended] == ["小计"]
        assert CellRef("公开05", "20801", "小计") not in ws.unknown
        ws.restore_ended(changes.ended)  # undo puts the wait back
        assert sorted(u.col for u in ws.unread) == ["小计", "项目支出"]


def test_text_in_a_figure_cell_leaves_that_cell_unknown(foreign, full_errors, tmp_path):
    # 公开05 C13 is 2080101 行政运行's 小计 (2818.24).
    path = _changed(foreign, tmp_path / "text.xlsx", {"公开05": {"C13": "2818.24（含结转）"}})
    snapshot, _ = read_workbook(path)
    assert snapshot.unread == [Unread("公开05", "2080101", "小计", "“公开05”工作表 C13", "2818.24（含结转）")]
    with imported_workspace(snapshot, tmp_path / "text.juesuan") as ws:
        assert _errors(ws) <= full_errors
        assert CellRef("公开05", "2080101", "小计") in ws.unknown
        assert "「2080101 行政运行」行「小计」栏" in absence_notice(ws, "公开05")


def test_unread_figures_are_kept_in_the_file_and_in_its_snapshot(foreign, tmp_path):
    path = _changed(foreign, tmp_path / "text.xlsx", {"公开05": {"C13": "2818.24（含结转）"}})
    snapshot, _ = read_workbook(path)
    imported_workspace(snapshot, tmp_path / "kept.juesuan").close()
    with Workspace.open(tmp_path / "kept.juesuan") as ws:
        assert ws.unread == snapshot.unread
        assert CellRef("公开05", "2080101", "小计") in ws.unknown
        again = Snapshot.from_json(Snapshot.of(ws).to_json())
        assert again.unread == snapshot.unread
        # The user checked the workbook: the table's rules are checked again, and history says so.
        changes = ws.set_unread([])
        assert ws.unread == [] and CellRef("公开05", "2080101", "小计") not in ws.unknown
        assert changes.ended == set(snapshot.unread)
    with Workspace.open(tmp_path / "kept.juesuan") as ws:
        assert ws.unread == []
        assert ws.store.count("history", "action = ?", ("未读入",)) == 2


# Draws of bench/layout_random.py 2000 that raised a false 错误 over a figure the import left out: a label two
# 公开04 rows bear that the sums could not settle; figures under a page of 公开06 whose header is cut short;
# a first page of 公开04 with no title whose one income figure is such a label; a page of 公开04 whose rows
# hold only blank marks (“-”), with the next page's header under it on the same sheet.
@pytest.mark.parametrize("seed", [485, 648, 875, 935, 1479, 1563])
def test_draws_that_once_compared_with_a_figure_left_out(seed, sample_ws, seed004_ws, tmp_path):
    m = measure_random(sample_ws if seed % 2 else seed004_ws, seed, tmp_path)
    assert (m.wrong, m.false_errors, m.failure) == ([], [], ""), m.name


def test_a_version_6_file_gains_the_unread_table_with_nothing_in_it(tmp_path):
    path = tmp_path / "v6.juesuan"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    build(conn, 6)
    conn.execute("INSERT INTO cells VALUES ('公开09', '决算数', '会议费', '3.50')")
    content_digest.store(conn, content_digest.of_content(conn))
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.store.schema_version == SCHEMA_VERSION == 7 and "unread" in ws.store.table_names()
        assert ws.unread == [] and ws.value(CellRef("公开09", "决算数", "会议费")) == Decimal("3.50")
        ws.set_unread([Unread("公开09", "决算数", "培训费", "“公开09”工作表 D7", "1.2")])
    with Workspace.open(path) as ws:
        assert ws.unread == [Unread("公开09", "决算数", "培训费", "“公开09”工作表 D7", "1.2")]
        assert ws.damage() == []


def test_the_self_evaluations_figures_are_not_named_as_left_out(foreign):
    # Read by their own reader (which names what it leaves out), not as figures no 公开 table took.
    snapshot, warnings = read_workbook(foreign)
    assert {t["form"] for t in snapshot.performance} == {"绩效整体", "绩效项目"}
    assert [str(w) for w in warnings if w.sheet.startswith("绩效")] == []


def test_a_figure_under_a_header_two_columns_fit_waits_in_each(forms):
    # A form whose 年初结转和结余 and 本年支出小计 both take “合计”: the figure under a bare “合计” is either.
    f07 = forms["公开07"]
    section = f07.sections[0]
    columns = tuple(c._replace(aliases=("合计",)) if c.key in ("年初结转和结余", "本年支出小计") else c for c in section.columns)
    twice = f07._replace(id="公开99", sections=(section._replace(columns=columns),))
    segment = Segment(code=1, values=[Column(2, ["合计"], section)])
    result = Result()
    read_segment_row("表", {(5, 1): "2120803", (5, 2): 12.5}, twice, segment, 5, result)
    assert result.cells == {}
    assert result.unread == [Unread("公开99", "2120803", "年初结转和结余", "“表”工作表 B5", "12.5"),
                             Unread("公开99", "2120803", "本年支出小计", "“表”工作表 B5", "12.5")]


def test_the_cells_an_unread_figure_may_be():
    unread = [Unread("公开05", "", "小计", "p", "1"), Unread("公开06", "", "", "p", "2"),
              Unread("公开04", "合计", "", "p", "3"), Unread("公开09", "决算数", "培训费", "p", "4")]
    may_be = covering(unread)
    cases = {CellRef("公开05", "2080101", "小计"): True, CellRef("公开05", "2080101", "基本支出"): False,
             CellRef("公开06", "30101", "决算数"): True, CellRef("公开04", "合计", "金额"): True,
             CellRef("公开04", "总计", "金额"): False, CellRef("公开09", "决算数", "培训费"): True,
             CellRef("公开09", "预算数", "培训费"): False}
    assert {ref: may_be(ref) is not None for ref in cases} == cases
    assert may_be(CellRef("公开05", "2080101", "小计")) == unread[0]  # the first of them it may be
    assert {ref: bool(covered(unread, [ref])) for ref in cases} == cases
