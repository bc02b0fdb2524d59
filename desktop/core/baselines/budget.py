"""Budget execution: every budget-against-actual comparison the forms define, with its rate and reason."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from desktop.core.definitions import CellRef
from desktop.core.workspace import Workspace

HUNDRED = Decimal(100)


class BudgetLine(NamedTuple):
    key: str  # the check instance's key: also its finding's and its reason's (出错说明) key
    rule: str
    code: str
    name: str
    budget: CellRef
    actual: CellRef
    kind: str = ""  # the check's kind: "completion" compares with the 年初预算数


def completion_rate(budget: Decimal | None, actual: Decimal | None) -> str:
    """决算 ÷ 预算 to two decimals; "新增" when spending has no budget; blank when both are nothing."""
    if not budget:
        return "新增" if actual else ""
    return f"{(actual or Decimal(0)) / budget * HUNDRED:.2f}%"


def budget_difference(budget: Decimal | None, actual: Decimal | None) -> Decimal:
    """决算 − 预算, a blank counting as nothing."""
    return (actual or Decimal(0)) - (budget or Decimal(0))


def budget_lines(ws: Workspace) -> list[BudgetLine]:
    """One line per budget check instance: the completion of each 项 and the total, then the
    三公, 会议费, 培训费 and 机关运行经费 budgets, in the forms' order."""
    lines = []
    for inst in ws.engine.instances:
        if not inst.check.budget:
            continue
        actual, budget = inst.lhs[0][1], inst.rhs[0][1]
        row = ws.structure.row(budget.form, budget.row) or ws.structure.row(actual.form, actual.row)
        code = row.code if row and row.code else ""
        lines.append(BudgetLine(
            inst.key, inst.check.id, code, _name(ws, inst, actual), budget, actual, inst.check.kind,
        ))
    seen: dict[str, BudgetLine] = {}
    for line in lines:
        seen.setdefault(line.key, line)
    return sorted(
        seen.values(),
        key=lambda line: (line.kind != "completion", line.rule, line.code != "", line.code),
    )


def _name(ws: Workspace, inst, actual: CellRef) -> str:
    if inst.check.for_columns and inst.col:
        column = ws.structure.column(actual.form, actual.row, inst.col)
        if column is None:
            return inst.col
        name = column.path[-1]
        # “小计”“合计” alone say nothing off the form: name what they total.
        return column.path[-2] + name if name in ("小计", "合计") and len(column.path) > 1 else name
    row = inst.row or ws.structure.row(actual.form, actual.row)
    label = row.label if row else actual.row
    return label.removesuffix("决算数")


def unbudgeted_rules(ws: Workspace, lines: list[BudgetLine]) -> set[str]:
    """The comparisons (rules) with no budget figure entered at all: with no 年初预算数, every 项
    would read as 新增, which says nothing true."""
    budgeted = {line.rule for line in lines if ws.value(line.budget) is not None}
    return {line.rule for line in lines} - budgeted


def rate_text(ws: Workspace, line: BudgetLine, unbudgeted: set[str]) -> str:
    """The 完成率 as shown: the rate, 新增, or that the budget has not been entered yet."""
    if line.rule in unbudgeted:
        if ws.value(line.actual) is None:
            return ""
        return "未填年初预算" if line.kind == "completion" else "未填预算数"
    return completion_rate(ws.value(line.budget), ws.value(line.actual))


def missing_budget_notice(ws: Workspace, lines: list[BudgetLine]) -> str:
    """One sentence naming the tables whose budget figures are still all blank, or ""."""
    unbudgeted = unbudgeted_rules(ws, lines)
    forms = dict.fromkeys(
        line.budget.form for line in lines
        if line.rule in unbudgeted and ws.value(line.actual) is not None and line.budget.form in ws.forms
    )
    if not forms:
        return ""
    names = "、".join(f"「{ws.forms[form].title}」" for form in forms)  # titles hold “” of their own
    return f"尚未填写预算数（{names}）：完成率暂不计算，相应各行显示“未填年初预算”或“未填预算数”，填写后即算出。"


def entered(ws: Workspace, lines: list[BudgetLine]) -> list[BudgetLine]:
    """The lines with a figure, of the comparisons (rules) where some budget has been entered."""
    unbudgeted = unbudgeted_rules(ws, lines)
    return [
        line for line in lines
        if line.rule not in unbudgeted and (ws.value(line.budget) is not None or ws.value(line.actual) is not None)
    ]
