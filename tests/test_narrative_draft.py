"""The 情况说明 draft: every figure from the workspace, reasons where given, placeholders where not."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.narrative.check import check_narrative
from desktop.core.narrative.draft import draft_narrative

# 年初预算数 as in the published narrative of the sample (seed 000), 7,397.18 万元 in all.
BUDGETS = {"2050803": "125.98", "2080101": "2807.71", "2080105": "78", "2080108": "50", "2080199": "4335.49"}


def budgeted(ws):
    ws.add_rows("年初预算", [(code, None) for code in BUDGETS])
    ws.set_values([(CellRef("年初预算", c, "年初预算数"), Decimal(v)) for c, v in BUDGETS.items()])
    return ws


def test_draft_of_the_sample_quotes_rates_and_items(sample_ws):
    ws = budgeted(sample_ws)
    ws.set_explanation("年初预算-11:2080108:", "承接省级“智慧人社”平台本地化建设任务")
    text = draft_narrative(ws)
    assert "一、收入支出决算总体情况说明" in text and "十四、其他需要说明的情况" in text
    assert "年初预算7,397.18万元，支出决算73,687.35万元，完成年初预算的996.15%" in text
    assert (
        "教育支出（类）进修及培训（款）培训支出（项）。年初预算125.98万元，支出决算53.15万元，"
        "完成年初预算的42.19%，决算数小于年初预算数的主要原因是：【请填写原因】。"
    ) in text
    assert "信息化建设（项）。年初预算50.00万元，支出决算429.73万元，完成年初预算的859.46%，" \
        "决算数大于年初预算数的主要原因是：承接省级“智慧人社”平台本地化建设任务。" in text
    assert "行政单位医疗（项）。年初预算0.00万元，支出决算159.72万元，为新增支出" in text
    assert "其中：基本支出5,421.81万元，占7.36%；项目支出68,265.54万元，占92.64%。" in text
    assert "会议费预算89.50万元，支出决算53.41万元，完成预算的59.68%。" in text
    # No placeholder where the data has a value: only reasons and the free-text sections ask.
    for line in text.splitlines():
        for placeholder in ("【请填写年初预算数】", "【请在"):
            assert placeholder not in line or "机关运行经费" in line, line


def test_the_draft_passes_its_own_check_and_one_changed_figure_is_found(sample_ws):
    ws = budgeted(sample_ws)
    text = draft_narrative(ws)
    assert check_narrative(ws, text) == []
    changed = text.replace("支出决算429.73万元", "支出决算492.73万元")
    found = check_narrative(ws, changed)
    assert len(found) == 1 and "492.73" in found[0].sentence
    assert found[0].finding.expected == Decimal("429.73") and found[0].finding.actual == Decimal("492.73")


def test_without_budgets_the_draft_asks_for_them(sample_ws):
    text = draft_narrative(sample_ws)
    assert "【请在“一般公共预算财政拨款支出年初预算数”表中填写年初预算数】" in text
    assert "住房公积金（项）支出决算422.79万元。【请填写年初预算数】" in text
    assert "为新增支出" not in text
    assert check_narrative(sample_ws, text) == []


def test_empty_tables_and_user_sections(sample_ws):
    sample_ws.set_text("说明:其他", "本部门无其他需要说明的情况。")
    text = draft_narrative(sample_ws)
    assert "本部门不涉及故公开空表" in text  # the sample's own 空表说明 for 公开07/08
    assert "本部门无其他需要说明的情况。" in text
    assert "【请填写预算绩效情况】" in text
