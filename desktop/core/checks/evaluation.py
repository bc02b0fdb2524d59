"""How one check instance is evaluated and worded: a part of CheckEngine, which holds the values,
the structure, the 空表说明, the 出错说明 and the cells the workspace lacks."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks.findings import CellNames, Finding, FindingCell
from desktop.core.checks.instances import Instance, budget_total
from desktop.core.checks.unfilled import UNFILLED_SEVERITY
from desktop.core.definitions import CellRef
from desktop.core.structure import Structure
from desktop.core.money import format_amount

HALF_CENT = Decimal("0.005")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
WORDS = {"=": ("应为", "差额"), "<=": ("不应超过", "超出"), ">=": ("不应少于", "不足")}  # relation, gap


class Evaluation:
    """A check instance evaluated to its finding, or None when it holds.

    What a structure fixes (how cells and places are named, which figures are rounded) is worked out
    once: a re-check words the same failed sums again and again."""

    structure: Structure

    def _bind_wording(self) -> None:
        self._cell_names = CellNames(self.structure)
        self._places: dict[str, str] = {}  # by instance key
        self._rounds: dict[CellRef, bool] = {}  # whether a figure of the cell is rounded

    def _severity(self, inst: Instance, severity: str) -> str:
        """An explained budget overrun or completion difference drops to the check's explained severity."""
        explained = inst.check.explained_severity
        if explained and severity != "错误" and self.explanations.get(inst.key):
            return explained
        return severity

    def _evaluate(self, inst: Instance) -> Finding | None:
        if self.unknown and not self.unknown.isdisjoint(inst.reads):
            return None
        kind = inst.check.kind
        if kind == "empty_note":
            return self._empty_note(inst)
        if kind == "completion":
            return self._completion(inst)
        if kind == "change":
            return self._change(inst)
        return self._equation(inst)

    def _rounded(self, terms) -> int:
        """How many of a side's figures are rounded: each may be off by half a cent (尾差)."""
        if self.exact:
            return 0
        shown, rounds = self.values.shown, self._rounds
        count = 0
        for _, ref in terms:
            if shown[ref] is not None:
                rounded = rounds.get(ref)
                if rounded is None:
                    row = self.structure.row(ref.form, ref.row)
                    rounded = rounds[ref] = row is None or row.decimals > 0
                count += rounded
        return count

    def _equation(self, inst: Instance) -> Finding | None:
        # Each side summed in a plain loop over figures already known (see CellValues.shown): every check
        # runs this, and it is all most of them run.
        shown = self.values.shown
        actual = expected = ZERO
        present = False
        for sign, ref in inst.lhs:
            value = shown[ref]
            if value is not None:
                present = True
                actual = actual + value if sign > 0 else actual - value
        for sign, ref in inst.rhs:
            value = shown[ref]
            if value is not None:
                present = True
                expected = expected + value if sign > 0 else expected - value
        if not present:
            return None
        diff = actual - expected
        op = inst.check.op
        violated = diff != 0 if op == "=" else (diff > 0 if op == "<=" else diff < 0)
        if not violated:
            return None
        # Only a check that fails is worded: how far rounding may stretch it, where, and which cells.
        tolerance = HALF_CENT * (self._rounded(inst.lhs) + self._rounded(inst.rhs))
        rounding = abs(diff) <= tolerance
        where = self._where(inst)
        relation, gap = WORDS[op]
        message = (
            f"{where}：{inst.check.title}。{relation} {self._fmt(expected)}，"
            f"实为 {self._fmt(actual)}，{gap} {self._fmt(abs(diff) if op != '=' else diff)}。"
        )
        if rounding:
            message += f"差额在四舍五入允许的 ±{tolerance.normalize():f} 之内，属尾差。"
        severity = "提示" if rounding else self._severity(inst, inst.check.severity)
        unfilled = [] if rounding else self.unfilled.among(inst)
        if unfilled:
            labels = "、".join(unfilled)
            message = f"{labels} 尚未填写，填写后再核对。{message}"
            severity = UNFILLED_SEVERITY
        # Blank parts of a long sum say nothing; a lone blank counterpart (the other
        # table's figure that was never entered) is exactly where the user must look.
        name = self._cell_names
        cells = [name(ref, shown[ref]) for _, ref in inst.lhs]
        cells += [name(ref, shown[ref]) for _, ref in inst.rhs if len(inst.rhs) == 1 or shown[ref] is not None]
        return Finding(
            key=inst.key,
            rule=inst.check.id,
            title=inst.check.title,
            severity=severity,
            form=inst.check.form,
            message=message,
            cells=tuple(cells),
            expected=expected,
            actual=actual,
            difference=diff,
            tolerance=tolerance,
            rounding=rounding,
        )

    def _completion(self, inst: Instance) -> Finding | None:
        spent = self.values.get(inst.lhs[0][1])
        budget = self.values.get(inst.rhs[0][1])
        if self.values.get(budget_total(inst.rhs)) is None and budget is None:
            return None  # no 年初预算 entered at all
        spent_v = spent or Decimal(0)
        budget_v = budget or Decimal(0)
        if spent_v == budget_v:
            return None
        where = self._where(inst)
        if budget_v == 0:
            detail = f"年初预算为 0，决算 {self._fmt(spent_v)}，属新增支出"
        else:
            rate = (spent_v / budget_v * HUNDRED).quantize(Decimal("0.01"))
            more = "大于" if spent_v > budget_v else "小于"
            detail = (
                f"年初预算 {self._fmt(budget_v)}，决算 {self._fmt(spent_v)}，"
                f"完成年初预算的 {rate}%，决算数{more}年初预算数"
            )
        return self._comparison(inst, f"{where}：{detail}", expected=budget_v, actual=spent_v)

    def _change(self, inst: Instance) -> Finding | None:
        now = self.values.get(inst.lhs[0][1])
        before = self.values.get(inst.rhs[0][1])
        if before is None or (now or Decimal(0)) == before:
            return None  # no last-year figure entered, or nothing changed
        now_v = now or Decimal(0)
        diff = now_v - before
        detail = f"本年 {self._fmt(now_v)}，上年 {self._fmt(before)}，{'增加' if diff > 0 else '减少'} {self._fmt(abs(diff))}"
        if before:
            rate = (abs(diff) / abs(before) * HUNDRED).quantize(Decimal("0.01"))
            detail += f"，{'增长' if diff > 0 else '下降'} {rate}%"
        return self._comparison(inst, f"{self._where(inst)}：{detail}", expected=before, actual=now_v)

    def _comparison(self, inst: Instance, detail: str, expected: Decimal, actual: Decimal) -> Finding:
        """A figure against its budget or last year's: the narrative must give the reason."""
        return Finding(
            key=inst.key,
            rule=inst.check.id,
            title=inst.check.title,
            severity=self._severity(inst, inst.check.severity),
            form=inst.check.form,
            message=f"{detail}，须在情况说明中说明原因。",
            cells=(self._cell(inst.lhs[0][1]), self._cell(inst.rhs[0][1])),
            expected=expected,
            actual=actual,
            difference=actual - expected,
        )

    def _empty_note(self, inst: Instance) -> Finding | None:
        form_id = inst.check.form
        form = self.structure.forms[form_id]
        empty = all(not self.values.get(ref) for ref in self.structure.value_cells(form_id))
        note = self.notes.get(form_id, "").strip()
        if empty and not note:
            severity = inst.check.severity
            message = f"{form_id} {form.title} 为空表，须填写空表说明，写明本表为空的理由。"
        elif not empty and note:
            severity = "警告"
            message = f"{form_id} {form.title} 有数据，却填写了空表说明“{note}”，请删除空表说明或核对数据。"
        else:
            return None
        return Finding(
            key=inst.key, rule=inst.check.id, title=inst.check.title, severity=severity,
            form=form_id, message=message, cells=(),
        )

    # -- wording ---------------------------------------------------------------------

    def _fmt(self, value: Decimal | None) -> str:
        return format_amount(value if value is not None else Decimal(0))

    def _where(self, inst: Instance) -> str:
        place = self._places.get(inst.key)
        if place is None:
            place = self._places[inst.key] = self._place(inst)
        return place

    def _place(self, inst: Instance) -> str:
        form = inst.check.form
        text = form
        if inst.row is not None:
            row = inst.row
            text += f" {row.section}方" if row.section else ""
            text += f"「{row.caption}」行"
        if inst.col is not None:
            column = self._column_label(form, inst.row.key if inst.row else None, inst.col)
            text += f"「{column}」栏"
        return text

    def _column_label(self, form: str, row_key: str | None, col: str) -> str:
        column = self.structure.column(form, row_key, col) if row_key else None
        if column is None:
            for section in self.structure.forms[form].sections:
                for c in section.columns:
                    if c.key == col:
                        column = c
        return column.path[-1] if column else col

    def _cell(self, ref: CellRef) -> FindingCell:
        return self._cell_names(ref, self.values.get(ref))
