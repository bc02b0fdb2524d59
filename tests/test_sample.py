"""What the checker says about the published documents typed in exactly as printed."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from desktop.core.checks.findings import summarize

# Every finding on seed 000 (榆林市人社局) is a published 尾差 of 0.01: totals over rounded parts.
SAMPLE_ROUNDING = {
    "公开01-03::",
    "公开02-02:20801:本年收入合计", "公开02-02:20801:财政拨款收入",
    "公开02-02:20805:本年收入合计", "公开02-02:20805:财政拨款收入",
    "公开02-02:合计:本年收入合计", "公开02-02:合计:财政拨款收入",
    "公开03-02:20801:基本支出", "公开03-02:20801:本年支出合计",
    "公开03-02:20805:基本支出", "公开03-02:20805:本年支出合计",
    "公开03-02:合计:基本支出", "公开03-02:合计:本年支出合计",
    "公开04-05::一般公共预算财政拨款", "公开04-05::合计",
    "公开05-02:20801:基本支出", "公开05-02:20801:小计",
    "公开05-02:20805:基本支出", "公开05-02:20805:小计",
    "公开05-02:合计:基本支出", "公开05-02:合计:小计",
    "公开06-01:301:决算数",
    "公开06-11::",
}


def test_sample_has_no_error_and_its_rounding_differences_are_hints(sample_ws):
    findings = sample_ws.findings()
    assert {f.key for f in findings} == SAMPLE_ROUNDING
    assert all(f.severity == "提示" and f.rounding for f in findings)
    assert all(abs(f.difference) == Decimal("0.01") for f in findings)
    assert summarize(findings)["by_severity"] == {"错误": 0, "警告": 0, "提示": 23}


def test_sample_basic_expenditure_against_personnel_and_public_funds(sample_ws):
    finding = sample_ws.engine.findings["公开06-11::"]
    assert finding.actual == Decimal("5421.81")  # 公开05 合计 基本支出
    assert finding.expected == Decimal("5421.82")  # 人员经费 4,866.43 + 公用经费 555.39
    assert "尾差" in finding.message
    cells = {(c.form, c.row, c.column): c.value for c in finding.cells}
    assert cells[("公开06", "人员经费合计", "决算数")] == Decimal("4866.43")
    assert cells[("公开06", "公用经费合计", "决算数")] == Decimal("555.39")


def test_sample_is_typed_as_published(sample_ws):
    ws = sample_ws
    assert ws.unit["单位名称"] == "榆林市人力资源和社会保障局"
    assert ws.value(("公开01", "一般公共预算财政拨款收入", "决算数")) == Decimal("73687.35")
    assert ws.value(("公开03", "2080199", "项目支出")) == Decimal("65966.13")
    assert ws.value(("公开09", "预算数", "培训费")) == Decimal("125.98")
    assert ws.notes["公开07"] == "本部门不涉及故公开空表"
    # Every printed figure is typed, none computed.
    assert all(ws.values.is_typed(ref) for ref in ws.values.typed)
    assert len(ws.values.typed) == 271  # every figure of the nine printed tables


def test_seed_004_has_only_rounding_differences(seed004_ws):
    findings = seed004_ws.findings()
    assert findings and all(f.severity == "提示" and f.rounding for f in findings)
    by_rule = Counter(f.rule for f in findings)
    assert by_rule == {
        "公开01-03": 1, "公开02-02": 6, "公开03-01": 2, "公开03-02": 3, "公开04-05": 2,
        "公开05-01": 2, "公开05-02": 3, "公开06-01": 2, "公开06-11": 1,
    }
    finding = seed004_ws.engine.findings["公开06-11::"]
    assert (finding.actual, finding.expected) == (Decimal("108.04"), Decimal("108.03"))
