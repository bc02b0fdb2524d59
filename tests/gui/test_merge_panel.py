"""单位信息 of a 部门: its units listed, 汇总 recomputes from them, 汇总校验 joins the 审核结果 pane."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.core.definitions import CellRef
from desktop.core.merge.members import MEMBERS_KEY, Member, members_text
from desktop.core.merge.summing import Part, fill_sums, shown_figures, totals_of
from desktop.core.snapshot import load_file
from desktop.core.workspace import Workspace
from desktop.gui.findings_model import FINDING_ROLE
from desktop.gui.navigation import UNIT_PAGE

SEED_004 = Path(__file__).parents[1] / "fixtures" / "seed-004.json"
REF = CellRef("公开05", "2080109", "项目支出")


@pytest.fixture
def department(tmp_path):
    """000 as the open 部门, with its units: the rest (000 − 004) and 004."""
    dept = load_file(paths.sample_source(), tmp_path / "部门.juesuan")
    unit = load_file(SEED_004, tmp_path / "004.juesuan")
    with Workspace.create(tmp_path / "rest.juesuan", {**dept.unit, "单位名称": "其余单位", "公开主体": "单位"}) as rest:
        fill_sums(rest, totals_of([Part(dept, dept.path), Part(unit, unit.path, -1)]))
        rest.set_text(MEMBERS_KEY, "")
    members = [Member("其余单位", str(tmp_path / "rest.juesuan")), Member("", str(tmp_path / "004.juesuan"))]
    dept.set_text(MEMBERS_KEY, members_text(members))
    dept.close()
    unit.close()
    return tmp_path


def test_the_unit_page_lists_the_units_and_verify_joins_the_findings_pane(open_window, department, qtbot):
    window = open_window(department / "部门.juesuan")
    page = window.show_page(UNIT_PAGE)
    panel = page.merge_panel
    assert panel.isVisible()
    assert panel.table.rowCount() == 2 and panel.table.item(1, 0).text() == "（汇总时读取）"
    assert panel.table.item(0, 1).text() == str(department / "rest.juesuan")
    window.session.edit_values([(REF, window.session.workspace.value(REF) + Decimal("3"))], "填写")
    panel.verify()
    qtbot.waitUntil(lambda: panel.verify_button.isEnabled(), timeout=30000)
    assert "已列入“审核结果”" in panel.status.text()
    model = window.findings.table.model()
    found = [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]
    merged = [f for f in found if f.rule == "汇总校验"]
    # The sample's totals are typed as published: only the changed cell differs from the sum.
    assert [(f.cells[0].form, f.cells[0].row, f.cells[0].column) for f in merged] == [("公开05", "2080109", "项目支出")]
    assert merged[0].severity == "错误" and merged[0].difference == Decimal("3") and merged[0].expected == Decimal("494.61")
    assert "汇总校验" in {f.rule for f in window.session.findings_at(REF)}  # the cell is outlined


def test_merge_recomputes_the_department_from_its_units(open_window, department, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = open_window(department / "部门.juesuan")
    ws = window.session.workspace
    before = shown_figures(ws)
    window.session.edit_values([(REF, Decimal("1"))], "填写")
    ws.set_text("部门职责", "保留的文字")
    panel = window.show_page(UNIT_PAGE).merge_panel
    panel.merge()
    qtbot.waitUntil(lambda: panel.merge_button.isEnabled(), timeout=30000)
    assert "已汇总 2 个单位" in panel.status.text()
    assert shown_figures(ws) == before
    assert ws.text("部门职责") == "保留的文字"
    assert panel.table.item(1, 0).text() == "榆林市人事信息中心"  # the name read from its file
    assert not window.session.undo_stack.canUndo()


def test_a_unit_workspace_has_no_unit_list_and_a_missing_file_is_named(open_window, department, qtbot, tmp_path):
    window = open_window(department / "004.juesuan")
    assert not window.show_page(UNIT_PAGE).merge_panel.isVisible()
    window.session.set_unit("公开主体", "部门")
    panel = window.show_page(UNIT_PAGE).merge_panel
    assert panel.isVisible() and panel.table.rowCount() == 0 and not panel.merge_button.isEnabled()
    window.session.save_text(MEMBERS_KEY, members_text([Member("不在了", str(tmp_path / "gone.juesuan"))]))
    assert panel.table.item(0, 1).text().endswith("（找不到文件）")
    panel.verify()
    qtbot.waitUntil(lambda: panel.verify_button.isEnabled(), timeout=30000)
    assert "没有完成" in panel.status.text() and "gone.juesuan" in panel.status.text()


def test_closing_while_the_units_are_read_writes_nothing_after(open_window, department, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = open_window(department / "部门.juesuan")
    window.session.edit_values([(REF, Decimal("1"))], "填写")
    panel = window.show_page(UNIT_PAGE).merge_panel
    panel.merge()
    window.close()
    qtbot.wait(200)  # the finished read's reply arrives after the close and is dropped
    with Workspace.open(department / "部门.juesuan", read_only=True) as ws:
        assert ws.value(REF) == Decimal("1")  # a 汇总 would have put back 494.61


def test_a_failed_merge_leaves_the_window_showing_the_file_as_it_is(open_window, department, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    from desktop.gui import merge_panel

    def with_a_cell_no_table_has(paths, forms):
        totals = totals_of_files(paths, forms)
        totals.sums[CellRef("公开01", "没有这一行", "决算数")] = Decimal("1")
        return totals

    totals_of_files = merge_panel.totals_of_files
    monkeypatch.setattr(merge_panel, "totals_of_files", with_a_cell_no_table_has)
    window = open_window(department / "部门.juesuan")
    ws = window.session.workspace
    with Workspace.open(ws.path, read_only=True) as on_disk:
        kept = dict(on_disk.values.typed)
    told = []
    window.session.structure_changed.connect(lambda: told.append(True))
    panel = window.show_page(UNIT_PAGE).merge_panel
    panel.merge()
    qtbot.waitUntil(lambda: panel.merge_button.isEnabled(), timeout=30000)
    assert "没有完成" in panel.status.text() and "没有对应的单元格" in panel.status.text()
    assert len(kept) > 200 and ws.values.typed == kept  # not the cleared figures of the rolled-back write
    assert told  # and the views read them again


def test_the_pane_the_report_and_check_join_the_same_findings(open_window, department, qtbot):
    from desktop.core.review.report import build_report
    from desktop.core.review.findings import review

    window = open_window(department / "部门.juesuan")
    session = window.session
    session.edit_values([(REF, session.workspace.value(REF) + Decimal("3"))], "填写")
    panel = window.show_page(UNIT_PAGE).merge_panel
    panel.verify()
    qtbot.waitUntil(lambda: panel.verify_button.isEnabled(), timeout=30000)
    session.recheck_narrative()
    shown = set(session.all_findings())
    assert "汇总校验" in {f.rule for f in session.all_findings().values()}
    merged = session.merge_check.values()
    assert {f.key for f in review(session.workspace, merged).findings} == shown
    assert {f.key for f in build_report(session.workspace, merged=merged).findings} == shown
