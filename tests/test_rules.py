"""Every declared rule: correct data passes, a planted error is an 错误 on the right cell."""

from __future__ import annotations

from decimal import ROUND_UP, Decimal

import pytest

from desktop.core.checks import bound
from desktop.core.definitions import CellRef, load_forms
from desktop.core.structure import Structure
from factory import consistent_snapshot

EQUATION_RULES = [
    check.id
    for form in load_forms()
    for check in form.checks
    if check.kind in ("equation", "tree")
]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_consistent_workspaces_have_no_findings(make_ws, seed):
    ws = make_ws(consistent_snapshot(seed, with_funds=seed % 2 == 0, with_regional=seed == 4))
    assert ws.findings() == []


def _instance(ws, rule: str):
    candidates = [i for i in ws.engine.instances if i.check.id == rule]
    assert candidates, f"{rule} has no instance in the test workspace"
    # Prefer a row whose figures are filled, so the rule is tested on real data.
    return max(candidates, key=lambda i: ws.value(i.lhs[0][1]) is not None)


@pytest.mark.parametrize("rule", EQUATION_RULES)
def test_planted_error_is_reported_on_the_cell(consistent_ws, rule):
    ws = consistent_ws
    inst = _instance(ws, rule)
    target = inst.lhs[0][1]
    before = ws.value(target) or Decimal(0)
    terms = [ref for _, ref in inst.lhs + inst.rhs]
    filled = sum(1 for ref in terms if ref == target or ws.value(ref) is not None)
    tolerance = Decimal("0.005") * filled
    # 0.02 wherever the rounding tolerance is below it; otherwise just beyond the tolerance.
    delta = Decimal("0.02") if tolerance < Decimal("0.02") else (tolerance + Decimal("0.01")).quantize(
        Decimal("0.01"), ROUND_UP
    )
    row = ws.structure.row(target.form, target.row)
    if row.decimals == 0:
        delta = Decimal(1)
    # An inequality is broken by going past its bound, an equation by any move.
    slack = Decimal(0)
    if inst.check.op == "<=":
        side = lambda terms: sum((s * (ws.value(r) or 0) for s, r in terms), Decimal(0))  # noqa: E731
        slack = side(inst.rhs) - side(inst.lhs)
    ws.set_value(target, before + slack + delta)

    finding = ws.engine.raw.get(inst.key)
    assert finding is not None, f"{rule}: planted {delta} at {target} not reported"
    assert finding.severity == inst.check.severity
    assert not finding.rounding
    assert abs(finding.difference) == delta
    named = {(c.form, c.row, c.column): c.value for c in finding.cells}
    assert named[(target.form, target.row, target.col)] == before + slack + delta
    # Reported once: on its own, or in the one finding for every rule the same wrong cell breaks.
    reported = [f for f in ws.findings() if f.key == inst.key or inst.key in f.covers]
    assert len(reported) == 1
    assert (target.form, target.row, target.col) in {(c.form, c.row, c.column) for c in reported[0].cells}


@pytest.mark.parametrize(
    "ref, delta",
    [
        (CellRef("公开05", "合计", "小计"), Decimal("0.01")),  # 小计 = 基本 + 项目 (3 figures)
        (CellRef("公开09", "决算数", "合计"), Decimal("0.01")),  # 合计 = 出国 + 公务用车 + 接待
    ],
)
def test_one_cent_on_a_three_figure_sum_is_rounding(consistent_ws, ref, delta):
    ws = consistent_ws
    ws.set_value(ref, ws.value(ref) + delta)
    found = [
        f for f in ws.findings()
        if f.rule != "年初预算-11" and any((c.form, c.row, c.column) == ref for c in f.cells)
    ]
    assert found, "a 尾差 must still be shown"
    assert all(f.severity == "提示" and f.rounding and "尾差" in f.message for f in found)


def test_sum_of_three_rounded_parts_tolerates_two_cents_but_not_three(make_ws):
    snapshot = consistent_snapshot(1, with_funds=False)
    ws = make_ws(snapshot)
    ref = CellRef("公开05", "合计", "小计")
    base = ws.value(ref)
    ws.set_value(ref, base + Decimal("0.015") * 0 + Decimal("0.01"))
    assert ws.engine.raw["公开05-01:合计:"].severity == "提示"
    ws.set_value(ref, base + Decimal("0.02"))
    assert ws.engine.raw["公开05-01:合计:"].severity == "错误"


def test_yuan_workspaces_check_exactly(make_ws):
    snapshot = consistent_snapshot(2, with_funds=False)
    snapshot["unit"]["金额单位"] = "元"
    ws = make_ws(snapshot)
    ref = CellRef("公开05", "合计", "小计")
    ws.set_value(ref, ws.value(ref) + Decimal("0.01"))
    finding = ws.engine.raw["公开05-01:合计:"]
    assert finding.severity == "错误" and not finding.rounding


def test_empty_table_needs_its_note_and_a_filled_one_must_not_carry_one(consistent_ws):
    ws = consistent_ws
    ws.set_empty_note("公开07", "")
    assert ws.engine.findings.get("公开07-90::") is None  # 公开07 has figures here
    ws.set_empty_note("公开07", "本单位无政府性基金收支")
    finding = ws.engine.findings["公开07-90::"]
    assert finding.severity == "警告" and "有数据" in finding.message

    for ref in [r for r in ws.values.typed if r.form == "公开08"]:
        ws.set_value(ref, None)
    assert ws.engine.findings["公开08-90::"].severity == "错误"
    assert "空表说明" in ws.engine.findings["公开08-90::"].message
    ws.set_empty_note("公开08", "本单位无国有资本经营预算财政拨款收支，故本表为空表")
    assert "公开08-90::" not in ws.engine.findings


def test_three_public_expenses_above_budget_is_a_warning(consistent_ws):
    ws = consistent_ws
    ref = CellRef("公开09", "决算数", "会议费")
    budget = ws.value(CellRef("公开09", "预算数", "会议费"))
    ws.set_value(ref, budget + Decimal("3.00"))
    finding = ws.engine.findings["公开09-11::会议费"]
    assert finding.severity == "警告"
    assert finding.difference == ws.value(ref) - budget
    assert "须说明原因" in finding.message


def test_budget_completion_rate_and_new_spending(make_ws):
    snapshot = consistent_snapshot(3)
    snapshot["rows"].pop("年初预算")
    snapshot["cells"].pop("年初预算")
    ws = make_ws(snapshot)
    spent_ref = CellRef("公开05", "2080101", "小计")
    if ws.structure.row("公开05", "2080101") is None:
        ws.add_row("公开05", "2080101")
    ws.set_value(CellRef("公开05", "2080101", "基本支出"), Decimal("73.00"))
    ws.set_value(CellRef("公开05", "2080101", "项目支出"), None)
    ws.set_value(spent_ref, None)
    assert not [f for f in ws.findings() if f.rule == "年初预算-11"], "no budget entered: nothing to say"

    ws.add_row("年初预算", "2080101")
    ws.set_value(CellRef("年初预算", "2080101", "年初预算数"), Decimal("7.33"))
    finding = ws.engine.findings["年初预算-11:2080101:"]
    assert "完成年初预算的 995.91%" in finding.message
    assert finding.severity == "警告"  # no reason given yet
    assert finding.actual == Decimal("73.00") and finding.expected == Decimal("7.33")
    delta = ws.set_explanation("年初预算-11:2080101:", "年中追加信息化项目经费").findings
    assert delta.changed == {"年初预算-11:2080101:"}
    assert ws.engine.findings["年初预算-11:2080101:"].severity == "提示"
    ws.set_explanation("年初预算-11:2080101:", "")
    assert ws.engine.findings["年初预算-11:2080101:"].severity == "警告"

    other = next(c for c in ["2210201", "2101101", "2050803"] if ws.value(CellRef("公开05", c, "小计")))
    key = f"年初预算-11:{other}:"
    assert "新增" in ws.engine.findings[key].message


def test_an_explained_overrun_of_a_sangong_budget_drops_to_a_hint(make_ws):
    ws = make_ws(consistent_snapshot(5))
    ws.set_values([
        (CellRef("公开09", "预算数", "公务接待费"), Decimal("1.00")),
        (CellRef("公开09", "决算数", "公务接待费"), Decimal("1.50")),
    ])
    key = "公开09-11::公务接待费"
    assert ws.engine.findings[key].severity == "警告"
    ws.set_explanation(key, "接待上级检查组次数增加")
    assert ws.engine.findings[key].severity == "提示"
    ws.close()
    reopened = type(ws).open(ws.path)
    assert reopened.engine.findings[key].severity == "提示"
    reopened.close()


@pytest.mark.parametrize("seed", [3, 11])
def test_rules_bound_alone_are_the_rules_of_all_checks_bound(make_ws, seed):
    """Reading a workbook back binds only the checks that compute a total: the same rules, in the
    same order (the first rule for a cell wins), as binding them all."""
    ws = make_ws(consistent_snapshot(seed, with_regional=True))
    args = (ws.forms, ws.catalogues, ws.coded_rows_all(), ws.enabled_optional)
    bound._BUILT.clear()
    structure, alone = bound.bound_rules(*args)
    assert isinstance(structure, Structure) and not bound._BUILT
    _, _, rules = bound.bound_checks(*args)
    assert list(alone.items()) == list(rules.items()) and len(rules) > 50
    assert bound.bound_rules(*args)[1] is rules  # once all are bound, theirs are taken
