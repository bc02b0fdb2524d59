"""Budget execution: every budget-against-actual comparison the forms define, with its rate and reason."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.core.definitions import CellRef
from desktop.core.workspace import Workspace

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class BudgetLine:
    key: str  # the check instance's key: also its finding's and its reason's (出错说明) key
    rule: str
    code: str
    name: str
    budget: CellRef
    actual: CellRef


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
        lines.append(BudgetLine(inst.key, inst.check.id, code, _name(ws, inst, actual), budget, actual))
    seen: dict[str, BudgetLine] = {}
    for line in lines:
        seen.setdefault(line.key, line)
    kinds = {inst.key: inst.check.kind for inst in ws.engine.instances}
    return sorted(
        seen.values(),
        key=lambda line: (kinds[line.key] != "completion", line.rule, line.code != "", line.code),
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


def entered(ws: Workspace, lines: list[BudgetLine]) -> list[BudgetLine]:
    """The lines with a figure, of the comparisons (rules) where some budget has been entered:
    with no 年初预算数 at all, every 项 would read as 新增."""
    budgeted = {line.rule for line in lines if ws.value(line.budget) is not None}
    return [
        line for line in lines
        if line.rule in budgeted and (ws.value(line.budget) is not None or ws.value(line.actual) is not None)
    ]
