"""One wrong cell is one finding; a table not filled yet is a 提示, not an 错误 on the table filled first."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.workspace import Workspace

CORNER = CellRef("公开02", "合计", "本年收入合计")


def _new_errors(ws, before: set[str]):
    return [f for f in ws.findings() if f.severity == "错误" and f.key not in before]


def _errors(ws) -> set[str]:
    return {f.key for f in ws.findings() if f.severity == "错误"}


def test_one_wrong_total_is_one_finding_naming_the_cell(sample_ws):
    before = _errors(sample_ws)
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    new = _new_errors(sample_ws, before)
    assert len(new) == 1
    finding = new[0]
    assert [(c.form, c.row, c.column) for c in finding.cells] == [("公开02", "合计", "本年收入合计")]
    # Its row's sum, its column's sum (the 类), and 公开01's 本年收入合计.
    assert finding.covers == ("公开02-01:合计:", "公开02-02:合计:本年收入合计", "公开02-11::")
    assert finding.expected == Decimal("73687.35") and finding.actual == Decimal("73787.35")
    assert finding.difference == Decimal("100.00")
    assert "公开02「合计」行「本年收入合计」栏" in finding.message and "公开02-11" in finding.message
    assert finding.to_json()["covers"] == list(finding.covers)
    # Each rule still failed on its own: the engine keeps them, the report shows one.
    assert set(finding.covers) <= set(sample_ws.engine.raw)


def test_a_wrong_part_behind_computed_totals_is_one_finding(sample_ws):
    before = _errors(sample_ws)
    part = CellRef("公开02", "208", "事业收入")
    sample_ws.set_value(part, Decimal("100"))
    new = _new_errors(sample_ws, before)
    assert len(new) == 1 and len(new[0].covers) == 4
    assert new[0].cells[0].row == "208" and new[0].expected == Decimal("0.00")


def test_two_independent_errors_are_two_findings(sample_ws):
    before = _errors(sample_ws)
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    other = CellRef("公开03", "合计", "本年支出合计")
    sample_ws.set_value(other, sample_ws.value(other) + Decimal("7"))
    new = _new_errors(sample_ws, before)
    assert len(new) == 2
    assert {c.form for f in new for c in f.cells} >= {"公开02", "公开03"}


def test_an_independent_error_on_a_rule_the_wrong_cell_also_breaks_is_kept(sample_ws):
    """The wrong corner breaks 02-01 and 02-11; a second, unrelated wrong figure in the 合计 row breaks
    02-01 again by another amount: no single cell explains everything, nothing may be folded away."""
    before = _errors(sample_ws)
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    income = CellRef("公开02", "合计", "事业收入")
    sample_ws.set_value(income, (sample_ws.value(income) or Decimal(0)) + Decimal("30"))
    new = _new_errors(sample_ws, before)
    covered = {k for f in new for k in (f.covers or (f.key,))}
    assert "公开02-01:合计:" in covered and "公开02-11::" in covered
    assert len(new) >= 2
    # Correcting the corner leaves exactly the independent error's findings.
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) - Decimal("100"))
    assert all("事业收入" in f.message for f in _new_errors(sample_ws, before))


def test_when_two_cells_could_each_be_wrong_nothing_is_merged(tmp_path):
    with Workspace.create(tmp_path / "n.juesuan", {"单位名称": "某局", "年度": "2024"}) as ws:
        ws.add_row("公开02", "2080101")
        ws.set_value(CellRef("公开02", "2080101", "事业收入"), Decimal("100"))
        ws.set_value(CellRef("公开01", "事业收入", "决算数"), Decimal("90"))
        compared = {f.key for f in ws.findings() if f.form == "公开02" and f.severity == "错误"}
        # 公开02's 事业收入 or 公开01's could be the wrong one: both rules stay, neither names a cell it guessed.
        assert compared == {"公开02-11::", "公开02-14::"}
        assert all(not f.covers for f in ws.findings())


def test_comparing_with_a_table_not_filled_yet_is_a_hint(tmp_path):
    with Workspace.create(tmp_path / "n.juesuan", {"单位名称": "某局", "年度": "2024"}) as ws:
        ws.add_row("公开02", "2080101")
        ws.set_value(CellRef("公开02", "2080101", "事业收入"), Decimal("100"))
        cross = {f.key: f for f in ws.findings() if f.form == "公开02"}
        assert set(cross) == {"公开02-11::", "公开02-14::"}
        assert all(f.severity == "提示" and f.message.startswith("公开01 尚未填写") for f in cross.values())
        # The first figure in 公开01 makes the comparison real; clearing it makes it a hint again.
        result = ws.set_value(CellRef("公开01", "事业收入", "决算数"), Decimal("90"))
        assert {"公开02-11::", "公开02-14::"} <= result.findings.changed
        assert ws.engine.findings["公开02-14::"].severity == "错误"
        ws.set_value(CellRef("公开01", "事业收入", "决算数"), None)
        assert ws.engine.findings["公开02-14::"].severity == "提示"


def test_a_table_declared_empty_compares_as_usual(tmp_path):
    with Workspace.create(tmp_path / "n.juesuan", {"单位名称": "某局", "年度": "2024"}) as ws:
        ws.add_row("公开02", "2080101")
        ws.set_value(CellRef("公开02", "2080101", "事业收入"), Decimal("100"))
        result = ws.set_empty_note("公开01", "本单位无收支，故本表为空表")
        assert "公开02-14::" in result.findings.changed
        assert ws.engine.findings["公开02-14::"].severity == "错误"
        assert "尚未填写" not in ws.engine.findings["公开02-14::"].message


def test_live_findings_equal_a_full_run_after_edits(sample_ws):
    edits = [
        (CORNER, sample_ws.value(CORNER) + Decimal("100")),
        (CellRef("公开02", "208", "事业收入"), Decimal("5")),
        (CORNER, None),
        (CellRef("公开02", "208", "事业收入"), None),
    ]
    for ref, value in edits:
        sample_ws.set_value(ref, value)
        live = dict(sample_ws.engine.findings)
        assert live == sample_ws.engine.run_all()


def test_live_findings_equal_a_full_run_after_many_edits_that_link_and_split_errors(sample_ws):
    """The engine merges again only the clusters of errors an edit touches: a typed figure, a total
    typed over and given back, and a fix that splits a cluster each leave what a full run finds."""
    import random

    rng = random.Random(3)
    cells = sorted(ref for form in ("公开02", "公开03", "公开05", "公开06") for ref in sample_ws.structure.value_cells(form))
    original = {ref: sample_ws.values.typed.get(ref) for ref in cells}
    for step in range(60):
        ref = rng.choice(cells)
        value = original[ref] if step % 3 == 2 else Decimal(rng.randint(1, 10**6)) / 100
        sample_ws.set_value(ref, value)
        live = dict(sample_ws.engine.findings)
        assert live == sample_ws.engine.run_all(), step


def test_a_tooltip_gives_expected_actual_and_difference_once(sample_ws):
    from desktop.gui.form_model import finding_lines

    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    for finding in sample_ws.findings():
        text = "\n".join(finding_lines(finding))
        if finding.expected is not None:
            assert text.count("实为") == 1, text
