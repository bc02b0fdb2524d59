"""The 预算执行 screen: rates follow every form, reasons are the findings' explanations."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop.core.definitions import CellRef
from desktop.gui.budget_page import ACTUAL, BUDGET, DIFFERENCE, MISSING, RATE, REASON, BudgetModel
from desktop.gui.opening import open_session


def row(model, key: str) -> int:
    found = model.row_of(key)
    assert found >= 0, key
    return found


def text(model, r: int, column: int) -> str:
    return model.index(r, column).data()


def test_budget_lines_rates_and_reasons(open_window, sample_path):
    window = open_window(sample_path)
    session = window.session
    session.add_rows("年初预算", "2080108")
    session.edit_values([(CellRef("年初预算", "2080108", "年初预算数"), Decimal("50"))], "填写")
    page = window.show_page("预算执行")
    model = page.model
    key = "年初预算-11:2080108:"
    r = row(model, key)
    assert text(model, r, BUDGET) == "50.00" and text(model, r, ACTUAL) == "429.73"
    assert text(model, r, RATE) == "859.46%" and text(model, r, DIFFERENCE) == "379.73"
    assert text(model, r, REASON) == MISSING
    assert session.finding(key).severity == "警告"
    assert window.nav_model.index(window.nav_model.row_of("年初预算")).data(Qt.ItemDataRole.UserRole + 2)["警告"] >= 1

    # The reason is typed on the screen; the 警告 becomes a 提示 and the pane follows.
    assert model.setData(model.index(r, REASON), "承接省级“智慧人社”平台本地化建设任务")
    assert session.workspace.explanation(key) == "承接省级“智慧人社”平台本地化建设任务"
    assert session.finding(key).severity == "提示"
    pane = window.findings.model
    assert pane.finding(pane.row_of(key)).severity == "提示"
    window.undo_group.undo()
    assert session.finding(key).severity == "警告" and text(model, r, REASON) == MISSING

    # The rate follows a figure typed in another form, and a budget typed on the screen.
    session.edit_values([(CellRef("公开05", "2080108", "小计"), Decimal("100"))], "填写")
    assert text(model, row(model, key), RATE) == "200.00%"
    assert model.setData(model.index(row(model, key), BUDGET), "100")
    assert session.workspace.value(CellRef("年初预算", "2080108", "年初预算数")) == Decimal("100.00")
    assert text(model, row(model, key), RATE) == "100.00%"
    assert session.finding(key) is None and text(model, row(model, key), REASON) == ""


def test_sangong_lines_and_a_new_item(open_window, sample_path):
    window = open_window(sample_path)
    model = window.show_page("预算执行").model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "公务接待费" in names and "会议费" in names
    meeting = names.index("会议费")
    assert text(model, meeting, RATE) == "59.68%"
    # 公开05 has spending with no 年初预算 at all: no 项 reads 新增, the budget is just not entered.
    first_item = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "2080101")
    assert text(model, first_item, RATE) == "未填年初预算"


def test_double_click_on_an_actual_opens_its_cell(open_window, sample_path, qtbot):
    window = open_window(sample_path)
    page = window.show_page("预算执行")
    r = next(r for r in range(page.model.rowCount()) if page.model.index(r, 1).data() == "会议费")
    page.table.doubleClicked.emit(page.model.index(r, ACTUAL))
    editor = window.current_editor()
    assert editor.form_id == "公开09"
    assert {editor.model.ref_at(i.row(), i.column()) for i in editor.view.selectedIndexes()} == {
        CellRef("公开09", "决算数", "会议费")
    }


def test_budget_model_passes_the_model_tester(qtmodeltester, sample_path):
    session = open_session(sample_path)
    try:
        model = BudgetModel(session)
        qtmodeltester.check(model, force_py=True)
        session.add_rows("年初预算", "2080101")
        session.edit_values([(CellRef("年初预算", "2080101", "年初预算数"), Decimal("2000"))], "填写")
        session.set_explanation("年初预算-11:2080101:", "人员增加")
        session.edit_values([(CellRef("公开09", "预算数", "会议费"), None)], "清除")
        session.undo_stack.undo()
        qtmodeltester.check(model, force_py=True)
    finally:
        session.close()


def test_last_year_figures_in_one_step_and_undone_in_one(open_window, sample_path, tmp_path, monkeypatch, qtbot):
    import json

    from desktop import paths
    from desktop.core.snapshot import load

    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["unit"]["年度"] = "2023"
    load(data, tmp_path / "2023.juesuan").close()
    window = open_window(sample_path)
    editor = window.show_page("上年决算")
    monkeypatch.setattr(
        "desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(tmp_path / "2023.juesuan"), "")
    )
    editor.last_year_requested.emit()
    ref = CellRef("上年决算", "会议费", "上年决算数")
    assert window.session.workspace.value(ref) == Decimal("53.41")
    assert editor.model.index_of(ref).data() == "53.41"
    assert "取得 13 项" in window.statusBar().currentMessage()  # 16 rows; three are blank in the sample
    window.undo_group.undo()
    assert window.session.workspace.value(ref) is None


def test_last_year_figures_from_last_years_exported_workbook(open_window, sample_path, tmp_path, monkeypatch):
    import json

    from desktop import paths
    from desktop.core.excel.export import write_workbook
    from desktop.core.snapshot import load

    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["unit"]["年度"] = "2023"
    last = load(data, tmp_path / "2023.juesuan")
    write_workbook(last, tmp_path / "2023.xlsx")
    last.close()
    window = open_window(sample_path)
    editor = window.show_page("上年决算")
    monkeypatch.setattr(
        "desktop.gui.transfers.QFileDialog.getOpenFileName", lambda *a, **k: (str(tmp_path / "2023.xlsx"), "")
    )
    editor.last_year_requested.emit()
    assert window.session.workspace.value(CellRef("上年决算", "收入支出总计", "上年决算数")) == Decimal("73687.35")


def test_no_budget_at_all_is_said_once_not_as_new_on_every_line(open_window, sample_path, qtmodeltester):
    window = open_window(sample_path)
    page = window.show_page("预算执行")
    model = page.model
    completion = [r for r in range(model.rowCount()) if model.lines[r].kind == "completion"]
    assert len(completion) > 3
    assert {text(model, r, RATE) for r in completion} == {"未填年初预算"}
    assert {text(model, r, DIFFERENCE) for r in completion} == {""}
    assert all(text(model, r, RATE) != "新增" for r in range(model.rowCount()))
    assert page.missing.isVisible()
    assert "尚未填写预算数" in page.missing.text() and "一般公共预算财政拨款支出年初预算数" in page.missing.text()

    # One 年初预算数 entered: the others with spending are now 新增, the notice names no 年初预算 any more.
    session = window.session
    session.add_rows("年初预算", "2080108")
    session.edit_values([(CellRef("年初预算", "2080108", "年初预算数"), Decimal("50"))], "填写")
    rates = {model.lines[r].code: text(model, r, RATE) for r in range(model.rowCount()) if model.lines[r].kind == "completion"}
    assert rates["2080108"] == "859.46%" and "新增" in rates.values() and "未填年初预算" not in rates.values()
    assert "一般公共预算财政拨款支出年初预算数" not in page.missing.text()
    window.undo_group.undo()
    assert {text(model, r, RATE) for r in range(model.rowCount()) if model.lines[r].kind == "completion"} == {"未填年初预算"}
    qtmodeltester.check(model, force_py=True)
