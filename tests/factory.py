"""Builds random but fully consistent workspaces: every table balances to the cent."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from decimal import Decimal

from desktop import paths
from desktop.core.text_sections import NARRATIVE_KEY

GENERAL_ITEMS = ["2010101", "2010102", "2050803", "2080101", "2080109", "2080505", "2080506",
                 "2101101", "2101102", "2210201"]
FUND_ITEM = "22960"  # 彩票公益金安排的支出 (a 款 used as the lowest level)
STATE_CAPITAL_ITEM = "2230199"
EXPENDITURE_ROWS = {  # 公开01/公开04 expenditure rows by 类 code
    "201": "一般公共服务支出", "205": "教育支出", "208": "社会保障和就业支出",
    "210": "卫生健康支出", "221": "住房保障支出", "223": "国有资本经营预算支出", "229": "其他支出",
}
FISCAL = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def _cents(rng: random.Random, high: int, zero_chance: float = 0.2) -> Decimal:
    if rng.random() < zero_chance:
        return Decimal(0)
    return Decimal(rng.randint(1, high * 100)) / 100


def _split(rng: random.Random, total: Decimal, parts: int) -> list[Decimal]:
    cents = int(total * 100)
    cuts = sorted(rng.randint(0, cents) for _ in range(parts - 1))
    bounds = [0] + cuts + [cents]
    return [Decimal(bounds[i + 1] - bounds[i]) / 100 for i in range(parts)]


class _Sheet:
    """Collects typed figures; blanks (zeros) are left out as in published tables."""

    def __init__(self):
        self.cells: dict[str, dict[str, dict[str, str]]] = {}

    def put(self, form: str, row: str, col: str, value: Decimal) -> None:
        if value:
            self.cells.setdefault(form, {}).setdefault(row, {})[col] = str(value.quantize(Decimal("0.01")))


def _tree_totals(leaves: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
    """Adds 款, 类 and 合计 rows summing the leaf rows, column by column."""
    rows: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for code, cols in leaves.items():
        chain = {code, code[:3], "合计"} | ({code[:5]} if len(code) == 7 else set())
        for each in chain:
            for col, value in cols.items():
                rows[each][col] += value
    return rows


REGIONAL = {  # 公开10, consistent: 5 = 3 + 0 + 2; 4 <= 5; 2 <= 4; 2 vehicles
    "机关运行经费预算数": "10.00", "机关运行经费决算数": "8.00", "政府采购支出总额": "5.00",
    "政府采购货物支出": "3.00", "政府采购服务支出": "2.00", "授予中小企业合同金额": "4.00",
    "授予小微企业合同金额": "2.00", "车辆合计": "2", "执法执勤用车": "2",
    "单价100万元（含）以上设备（不含车辆）": "1",
}


def consistent_snapshot(seed: int, *, with_funds: bool = True, with_regional: bool = False) -> dict:
    rng = random.Random(seed)
    sheet = _Sheet()
    general = rng.sample(GENERAL_ITEMS, rng.randint(2, len(GENERAL_ITEMS)))
    items = sorted(general + ([FUND_ITEM, STATE_CAPITAL_ITEM] if with_funds else []))

    f05 = {c: {"基本支出": _cents(rng, 900), "项目支出": _cents(rng, 900)} for c in general}
    for cols in f05.values():
        cols["小计"] = cols["基本支出"] + cols["项目支出"]
    other = {c: {"基本支出": _cents(rng, 50, 0.6), "项目支出": _cents(rng, 50, 0.6)} for c in items}
    fund = {}
    state = {}
    if with_funds:
        g = {"基本支出": _cents(rng, 30, 0), "项目支出": _cents(rng, 30, 0)}
        opening, extra = _cents(rng, 20, 0), _cents(rng, 20, 0)
        g["本年支出小计"] = g["基本支出"] + g["项目支出"]
        g["年初结转和结余"] = opening
        g["本年收入"] = g["本年支出小计"] + extra
        g["年末结转和结余"] = opening + extra
        fund[FUND_ITEM] = g
        s = {"基本支出": Decimal(0), "项目支出": _cents(rng, 40, 0)}
        s["合计"] = s["项目支出"]
        state[STATE_CAPITAL_ITEM] = s

    f03 = {}
    f02 = {}
    for c in items:
        basic = other[c]["基本支出"] + f05.get(c, {}).get("基本支出", 0) + fund.get(c, {}).get("基本支出", 0) + state.get(c, {}).get("基本支出", 0)
        project = other[c]["项目支出"] + f05.get(c, {}).get("项目支出", 0) + fund.get(c, {}).get("项目支出", 0) + state.get(c, {}).get("项目支出", 0)
        f03[c] = {"基本支出": basic, "项目支出": project, "本年支出合计": basic + project}
        fiscal = f05.get(c, {}).get("小计", 0) + fund.get(c, {}).get("本年收入", 0) + state.get(c, {}).get("合计", 0)
        business = other[c]["基本支出"] + other[c]["项目支出"]
        f02[c] = {"财政拨款收入": fiscal, "事业收入": business, "本年收入合计": fiscal + business}

    # 年初预算 met exactly, so no completion finding arises.
    budget_rows = {c: {"年初预算数": cols["小计"]} for c, cols in f05.items()}
    tables = {
        "公开02": f02, "公开03": f03, "公开05": f05, "公开07": fund, "公开08": state,
        "年初预算": budget_rows,
    }
    totals = {}
    for form, leaves in tables.items():
        totals[form] = _tree_totals(leaves) if leaves else {}
        for row, cols in totals[form].items():
            for col, value in cols.items():
                sheet.put(form, row, col, value)

    t02, t03, t05 = totals["公开02"]["合计"], totals["公开03"]["合计"], totals["公开05"]["合计"]
    t07 = totals["公开07"].get("合计", defaultdict(Decimal))
    t08 = totals["公开08"].get("合计", defaultdict(Decimal))
    general_income, fund_income, state_income = t05["小计"], t07["本年收入"], t08["合计"]
    opening, closing = t07["年初结转和结余"], t07["年末结转和结余"]

    # 公开01
    sheet.put("公开01", "一般公共预算财政拨款收入", "决算数", general_income)
    sheet.put("公开01", "政府性基金预算财政拨款收入", "决算数", fund_income)
    sheet.put("公开01", "国有资本经营预算财政拨款收入", "决算数", state_income)
    sheet.put("公开01", "事业收入", "决算数", t02["事业收入"])
    sheet.put("公开01", "本年收入合计", "决算数", t02["本年收入合计"])
    sheet.put("公开01", "年初结转和结余", "决算数", opening)
    sheet.put("公开01", "收入总计", "决算数", t02["本年收入合计"] + opening)
    for code, name in EXPENDITURE_ROWS.items():
        sheet.put("公开01", name, "决算数", totals["公开03"].get(code, {}).get("本年支出合计", Decimal(0)))
    sheet.put("公开01", "本年支出合计", "决算数", t03["本年支出合计"])
    sheet.put("公开01", "年末结转和结余", "决算数", closing)
    sheet.put("公开01", "支出总计", "决算数", t03["本年支出合计"] + closing)

    # 公开04
    income = general_income + fund_income + state_income
    for kind, value in zip(FISCAL, (general_income, fund_income, state_income)):
        sheet.put("公开04", f"{kind}收入", "金额", value)
    sheet.put("公开04", "本年收入合计", "金额", income)
    sheet.put("公开04", "年初财政拨款结转和结余", "金额", opening)
    sheet.put("公开04", "年初财政拨款结转和结余/政府性基金预算财政拨款", "金额", opening)
    sheet.put("公开04", "收入总计", "金额", income + opening)
    spent = {FISCAL[0]: Decimal(0), FISCAL[1]: Decimal(0), FISCAL[2]: Decimal(0)}
    for code, name in EXPENDITURE_ROWS.items():
        by_kind = {
            FISCAL[0]: totals["公开05"].get(code, {}).get("小计", Decimal(0)),
            FISCAL[1]: totals["公开07"].get(code, {}).get("本年支出小计", Decimal(0)),
            FISCAL[2]: totals["公开08"].get(code, {}).get("合计", Decimal(0)),
        }
        for kind, value in by_kind.items():
            sheet.put("公开04", name, kind, value)
            spent[kind] += value
        sheet.put("公开04", name, "合计", sum(by_kind.values()))
    for kind, value in spent.items():
        sheet.put("公开04", "本年支出合计", kind, value)
    sheet.put("公开04", "本年支出合计", "合计", sum(spent.values()))
    sheet.put("公开04", "年末财政拨款结转和结余", FISCAL[1], closing)
    sheet.put("公开04", "年末财政拨款结转和结余", "合计", closing)
    for kind, value in spent.items():
        sheet.put("公开04", "支出总计", kind, value + (closing if kind == FISCAL[1] else 0))
    sheet.put("公开04", "支出总计", "合计", sum(spent.values()) + closing)

    # 公开06: the basic expenditure split into 经济分类 款
    basic = t05["基本支出"]
    codes = ["30101", "30102", "30201", "30215", "30216", "30217", "30231", "30302"]
    parts = dict(zip(codes, _split(rng, basic, len(codes))))
    for code, value in parts.items():
        sheet.put("公开06", code, "决算数", value)
    classes = defaultdict(Decimal)
    for code, value in parts.items():
        classes[code[:3]] += value
    for code, value in classes.items():
        sheet.put("公开06", code, "决算数", value)
    sheet.put("公开06", "人员经费合计", "决算数", classes["301"] + classes["303"])
    sheet.put("公开06", "公用经费合计", "决算数", classes["302"])

    # 公开09: each actual at least its 公开06 base-expenditure part; budget at least the actual
    actual = {
        "因公出国（境）费": _cents(rng, 5, 0.5),
        "公务用车购置费": _cents(rng, 20, 0.7),
        "公务用车运行维护费": parts["30231"] + _cents(rng, 3, 0.5),
        "公务接待费": parts["30217"] + _cents(rng, 3, 0.5),
        "会议费": parts["30215"] + _cents(rng, 10, 0.5),
        "培训费": parts["30216"] + _cents(rng, 10, 0.5),
    }
    budget = {k: v + _cents(rng, 5, 0.5) for k, v in actual.items()}
    for row, cols in (("决算数", actual), ("预算数", budget)):
        for col, value in cols.items():
            sheet.put("公开09", row, col, value)
        car = cols["公务用车购置费"] + cols["公务用车运行维护费"]
        sheet.put("公开09", row, "公务用车购置及运行维护费小计", car)
        sheet.put("公开09", row, "合计", cols["因公出国（境）费"] + car + cols["公务接待费"])

    notes = {}
    for form in [f"公开{n:02d}" for n in range(1, 10)]:
        if form not in sheet.cells:  # every figure happened to be zero
            notes[form] = "本单位无此项财政拨款收支，故本表为空表"
    rows = {
        form: [[code] for code in sorted(leaves)]
        for form, leaves in tables.items() if leaves
    }
    if with_regional:
        sheet.cells["公开10"] = {row: {"数值": value} for row, value in REGIONAL.items()}
    return {
        "format": "juesuan-workspace",
        "version": 1,
        "unit": {
            "单位名称": f"测试单位{seed}", "年度": "2024", "单位性质": "行政", "金额单位": "万元",
            "选填表": "公开10" if with_regional else "",
        },
        "rows": rows,
        "cells": sheet.cells,
        "empty_notes": notes,
    }


def sample_tables_only() -> dict:
    """The sample's snapshot without its published 情况说明 and 绩效自评表, whose real mistakes
    (checked in their own tests) would otherwise be every file's first findings."""
    data = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    data["texts"].pop(NARRATIVE_KEY, None)
    data.pop("performance", None)
    return data


def imported_workspace(snapshot, target):
    """The workspace `juesuan import` writes for the snapshot, opened."""
    from desktop.core.excel.import_ import write_workspace
    from desktop.core.workspace import Workspace

    write_workspace(snapshot, target)
    return Workspace.open(target)


def as_printed(ws, snapshot: dict) -> dict:
    """The snapshot with each 绩效 amount as the exported workbook prints it, with cents: typed “100”,
    it reads back “100.00”, the same figure (a finer amount keeps its decimals)."""
    forms = ws.performance.forms

    def printed(block, cells: dict) -> None:
        for key, text in cells.items():
            column = block.column(key) if block else None
            if column is not None and column.type == "amount" and text and Decimal(text).as_tuple().exponent > -2:
                cells[key] = str(Decimal(text).quantize(Decimal("0.01")))

    for table in snapshot.get("performance", []):
        form = forms[table["form"]]
        for row, cells in table["cells"].items():
            printed(form.block_of_row(row), cells)
        for key, rows in table.get("rows", {}).items():  # a block's repeated rows
            for cells in rows:
                printed(next((b for b in form.blocks if b.key == key), None), cells)
    return snapshot


def with_performance(snapshot: dict, seed: int) -> dict:
    """The snapshot with the sample's 整体 绩效自评表 and one to three of its projects, every amount
    and rate drawn at random (分值 and 得分 kept, so each table's points still add up to its 总分)."""
    from desktop.core.definitions.performance import load_performance_forms

    rng = random.Random(seed)
    forms = load_performance_forms()
    tables = json.loads(paths.sample_source().read_text(encoding="utf-8"))["performance"]
    whole, projects = tables[0], tables[1:]
    chosen = [whole, *rng.sample(projects, rng.randint(1, 3))]
    whole["name"] = snapshot["unit"]["单位名称"]

    def drawn(block, cells: dict) -> None:
        for key, text in cells.items():
            column = block.column(key) if block else None
            if column is not None and column.type == "amount" and text:
                cells[key] = str(_cents(rng, 9000, 0.1))
            elif column is not None and column.type == "rate" and text:
                cells[key] = f"{Decimal(rng.randint(0, 10000)) / 100:.2f}%"

    for table in chosen:
        form = forms[table["form"]]
        for row, cells in table["cells"].items():
            drawn(form.block_of_row(row), cells)
        for key, rows in table["rows"].items():
            for cells in rows:
                drawn(form.block(key), cells)
    snapshot["performance"] = chosen
    return snapshot
