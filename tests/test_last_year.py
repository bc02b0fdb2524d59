"""上年决算数: taken from last year's workspace through each row's source, then compared."""

from __future__ import annotations

import json
from decimal import Decimal

from desktop import paths
from desktop.core.definitions import CellRef
from desktop.core.baselines.last_year import last_year_figures, year_mismatch
from desktop.core.snapshot import load


def test_figures_come_from_the_same_cells_last_year(sample_ws, tmp_path):
    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["unit"]["年度"] = "2023"
    last = load(data, tmp_path / "2023.juesuan")
    last.set_value(CellRef("公开01", "收入总计", "决算数"), Decimal("67191.60"))
    try:
        changes = dict(last_year_figures(sample_ws, last))
        assert year_mismatch(sample_ws, last) is None
    finally:
        last.close()
    assert changes[CellRef("上年决算", "收入支出总计", "上年决算数")] == Decimal("67191.60")
    assert changes[CellRef("上年决算", "会议费", "上年决算数")] == Decimal("53.41")
    assert changes[CellRef("上年决算", "人员经费", "上年决算数")] == sample_ws.value(CellRef("公开06", "人员经费合计", "决算数"))
    assert CellRef("上年决算", "机关运行经费", "上年决算数") in changes  # its 公开10 is not taken up: blank
    assert changes[CellRef("上年决算", "机关运行经费", "上年决算数")] is None

    sample_ws.set_values(list(changes.items()))
    finding = sample_ws.engine.findings["上年决算-11:收入支出总计:"]
    assert finding.severity == "提示"
    assert "增加 6,495.75，增长 9.67%" in finding.message
    assert "上年决算-11:会议费:" not in sample_ws.engine.findings  # unchanged


def test_a_workspace_of_another_year_or_unit_is_named(sample_ws, tmp_path):
    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["unit"]["年度"] = "2022"
    other = load(data, tmp_path / "2022.juesuan")
    try:
        assert year_mismatch(sample_ws, other) == "所选工作区是 2022 年度，不是 2023 年度"
    finally:
        other.close()
