"""The two published documents as workspaces: table fixtures plus the figures only their narrative states."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from desktop import paths
from desktop.core.definitions import CellRef
from desktop.core.snapshot import load

FIXTURES = Path(__file__).parent / "fixtures"

# 年初预算数 of every 项 the narrative lists (五、一般公共预算财政拨款支出决算情况说明).
BUDGETS = {
    "000": {
        "2050803": "125.98", "2080101": "2807.71", "2080105": "78", "2080108": "50",
        "2080109": "303", "2080111": "546.01", "2080112": "83", "2080150": "518.67",
        "2080199": "1487", "2080501": "36.07", "2080502": "14.01", "2080505": "494.51",
        "2080506": "247.26", "2080799": "0", "2089999": "0", "2101101": "166.28",
        "2101102": "51.50", "2210201": "388.18",
    },
    "004": {
        "2050803": "0.30", "2080101": "72.97", "2080108": "50", "2080199": "0",
        "2080505": "9.99", "2080506": "4.99", "2089999": "0", "2101101": "4.42", "2210201": "7.90",
    },
}
# 004's 十、十一 state 机关运行经费 and 政府采购, which its tables (no 公开10) lack.
REGIONAL = {
    "004": {
        "机关运行经费预算数": "8.8", "机关运行经费决算数": "8.80", "政府采购支出总额": "88.81",
        "政府采购货物支出": "44.56", "政府采购工程支出": "0", "政府采购服务支出": "44.25",
        "授予中小企业合同金额": "0", "授予小微企业合同金额": "0",
    },
}


def narrative(seed: str) -> str:
    return (FIXTURES / f"narrative-{seed}.txt").read_text(encoding="utf-8")


def seed_workspace(seed: str, path: Path):
    source = paths.sample_source() if seed == "000" else FIXTURES / f"seed-{seed}.json"
    ws = load(json.loads(source.read_text(encoding="utf-8")), path)
    budgets = BUDGETS[seed]
    ws.add_rows("年初预算", [(code, None) for code in budgets])
    ws.set_values([(CellRef("年初预算", c, "年初预算数"), Decimal(v)) for c, v in budgets.items()])
    if seed in REGIONAL:
        ws.set_unit("选填表", "公开10")
        ws.set_values([(CellRef("公开10", k, "数值"), Decimal(v)) for k, v in REGIONAL[seed].items()])
    return ws


def unknown_tables_workspace(path: Path):
    """Seed 001's tables were printed as images: a workspace of the same kind of unit (seed 000's
    科目) with every table absent, so its narrative is read and attributed but never compared; its
    绩效自评表 (printed as text) are its own."""
    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["performance"] = json.loads((FIXTURES / "seed-001-performance.json").read_text(encoding="utf-8"))["performance"]
    ws = load(data, path)
    ws.set_unit("单位名称", "乌海市人力资源和社会保障局")
    ws.set_absent({(form.id, "") for form in ws.structure.active if form.published})
    return ws

# The findings each unmutated narrative should give: its real mistakes (DOMAIN.md §5).
# 000: “减少42.19%万元”, and the 机关运行 project's 执行数 247.78 and 97.16% (the 自评表: 146.49, 57.45%);
# 004: 培训费 “减少0.2万元”. (001's 完成年初预算的76.27% for 76.276% is within its 0.01: right.)
DOCUMENTED = {"000": 3, "004": 1, "001": 0}
