"""Evaluates check instances over cell values: a full run, or only the checks an edit touches."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks.delta import FindingsDelta
from desktop.core.checks.findings import Finding, FindingCell, cell_of
from desktop.core.checks.instances import Instance, budget_total
from desktop.core.checks.one_cause import CellFixes, EquationLeaves, merged_findings
from desktop.core.checks.unfilled import UNFILLED_SEVERITY, UnfilledTables
from desktop.core.definitions import CellRef
from desktop.core.money import format_amount
from desktop.core.structure import Structure
from desktop.core.values import CellValues

HALF_CENT = Decimal("0.005")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class CheckEngine:
    def __init__(
        self,
        structure: Structure,
        values: CellValues,
        instances: list[Instance],
        notes: dict[str, str],
        exact: bool,
        explanations: dict[str, str] | None = None,
        unknown: set[CellRef] | None = None,
        absent: set[tuple[str, str]] | None = None,
        standing: list[Finding] | None = None,
    ):
        self.structure = structure
        self.values = values
        self.instances = instances
        self.notes = notes  # 空表说明 by form, shared with the workspace
        self.exact = exact  # 元 workspaces: no rounding tolerance
        self.explanations = explanations if explanations is not None else {}  # shared, by finding key
        # Cells whose figure the file lost (damage), and totals computed from them: shared with the
        # workspace. A check reading one is not evaluated: it would compare with a figure it doesn't have.
        self.unknown = unknown if unknown is not None else set()
        # What the imported workbook lacked, shared with the workspace: (form, column), column ''
        # for a whole table. Its cells are in `unknown`; a required table missing is one finding.
        self.absent = absent if absent is not None else set()
        # Findings about the workspace's make-up (its 科目 catalogue), fixed until the structure is rebuilt.
        self.standing = list(standing or ())
        self._by_key = {inst.key: inst for inst in instances}
        self.unfilled = UnfilledTables(structure, values, notes, instances)
        # One finding per failing instance; `findings` is what is reported: the same, except that
        # errors one wrong cell explains are one finding (see one_cause).
        self.raw: dict[str, Finding] = {}
        self.findings: dict[str, Finding] = {}
        self._merged: dict[str, tuple[str, ...]] = {}  # reported key -> the raw keys it stands for
        # The equations' expansions changed (a total typed over or given back): merge all again.
        self._refix = False
        self._fixes = CellFixes(EquationLeaves(self._by_key, values, structure))
        self._typed_totals = {ref for ref in values.rules if values.is_typed(ref)}
        self._index: dict[CellRef, list[Instance]] = {}
        for inst in instances:
            for ref in inst.reads:
                self._index.setdefault(ref, []).append(inst)

    def run_all(self) -> dict[str, Finding]:
        self.unfilled.refresh_all()
        self.raw = {}
        for inst in self.instances:
            finding = self._evaluate(inst)
            if finding:
                self.raw[inst.key] = finding
        for finding in (*self._absence_findings(), *self.standing):
            self.raw[finding.key] = finding
        self.findings = dict(self.raw)
        self._merged = {}
        self._fixes.forget()
        self._typed_totals = {ref for ref in self.values.rules if self.values.is_typed(ref)}
        self._consolidate(set(self.raw))
        return self.findings

    def _mergeable(self, finding: Finding | None) -> bool:
        if finding is None or finding.severity != "错误" or finding.rounding or finding.key not in self._by_key:
            return False
        check = self._by_key[finding.key].check
        return check.kind in ("equation", "tree") and check.op == "="

    def _consolidate(self, touched: set[str]) -> FindingsDelta:
        """Re-derive the reported findings from the raw ones after the raw keys `touched` changed.

        Only the clusters of errors (linked through a cell that could explain them, see
        CellFixes.cluster) that a touched key was or is in are merged again; every other merged
        finding stands as it was. After the equations' expansions changed, all are merged again.
        """
        fixes = self._fixes
        if self._refix:
            self._refix = False
            touched = set(touched) | set(self.raw) | {k for keys in self._merged.values() for k in keys}
        mergeable = {key for key in touched if self._mergeable(self.raw.get(key))}
        region = fixes.cluster(touched)  # as they were
        fixes.hold(mergeable, touched - mergeable)
        region = fixes.cluster(region | mergeable) | touched
        errors = [f for key, f in self.raw.items() if key in region and key in fixes.held]
        merged = (
            merged_findings(errors, fixes.groups(region), self.values, self.structure, self.exact)
            if len(errors) > 1 else []
        )
        affected = set(touched)
        kept = {}
        for key, keys in self._merged.items():
            if region.isdisjoint(keys):
                kept[key] = keys
            else:
                affected.update(keys)
        for finding, keys in merged:
            kept[finding.key] = keys
            affected.update(keys)
        hidden = {k for _, keys in merged for k in keys}
        replaced = {finding.key: finding for finding, _ in merged}
        delta = FindingsDelta()
        for key in affected:
            self._report(key, replaced.get(key) or (None if key in hidden else self.raw.get(key)), delta)
        self._merged = kept
        return delta

    def rerun_all(self) -> FindingsDelta:
        """A full run after what is absent changed, with what it changed."""
        old = dict(self.findings)
        new = self.run_all()
        return FindingsDelta(
            added=set(new) - set(old),
            removed=set(old) - set(new),
            changed={k for k in set(new) & set(old) if new[k] != old[k]},
        )

    # -- what could not be checked ---------------------------------------------------

    def is_absent(self, ref: CellRef) -> bool:
        return (ref.form, "") in self.absent or (ref.form, ref.col) in self.absent

    def _missing_tables(self) -> list[str]:
        return [
            form.id for form in self.structure.active
            if form.published and (form.id, "") in self.absent
        ]

    def _absence_findings(self) -> list[Finding]:
        out = []
        for form_id in self._missing_tables():
            form = self.structure.forms[form_id]
            rules = {
                inst.check.id for inst in self.instances
                if not self._covered_by_absence(inst) and any(ref.form == form_id for ref in inst.reads)
            }
            out.append(Finding(
                key=f"{form_id}-00::", rule=f"{form_id}-00", title="缺少本表", severity="错误", form=form_id,
                message=f"缺少{form.label}（{form.title}）：工作簿中没有这张表，涉及它的 {len(rules)} 条审核未核对。",
                cells=(),
            ))
        return out

    def _covered_by_absence(self, inst: Instance) -> bool:
        """A missing table's own 空表说明 check: the missing-table finding says more."""
        return inst.check.kind == "empty_note" and (inst.check.form, "") in self.absent

    def unchecked(self) -> list[dict]:
        """The rules not evaluated (some instance reads a figure the workspace lacks), with why."""
        by_rule: dict[str, dict] = {}
        for inst in self.instances:
            if self.unknown.isdisjoint(inst.reads) or self._covered_by_absence(inst):
                continue
            entry = by_rule.setdefault(inst.check.id, {
                "rule": inst.check.id, "title": inst.check.title, "form": inst.check.form,
                "instances": 0, "reasons": [],
            })
            entry["instances"] += 1
            for reason in self._reasons(inst):
                if reason not in entry["reasons"]:
                    entry["reasons"].append(reason)
        return sorted(by_rule.values(), key=lambda e: (e["form"], e["rule"]))

    def _reasons(self, inst: Instance) -> list[str]:
        reasons = set()
        for ref in inst.reads & self.unknown:
            if (ref.form, "") in self.absent:
                reasons.add(f"缺少{self.structure.forms[ref.form].label}")
            elif (ref.form, ref.col) in self.absent:
                reasons.add(f"{ref.form}缺少「{self._column_label(ref.form, None, ref.col)}」栏")
        return sorted(reasons) or ["读取的数字已损坏或由损坏的数字算出"]

    def readers(self, cells: set[CellRef]) -> list[Instance]:
        """The instances that read any of the cells (each once)."""
        seen: dict[str, Instance] = {}
        for ref in cells:
            for inst in self._index.get(ref, ()):
                seen.setdefault(inst.key, inst)
        return list(seen.values())

    def recheck(self, cells: set[CellRef]) -> FindingsDelta:
        """Re-run only the checks that read the given cells (already including affected totals), and the
        comparisons with a table these cells made filled or blank."""
        instances = self.readers(cells)
        turned = self.unfilled.refresh(cells)
        if turned:
            seen = {inst.key for inst in instances}
            instances += [inst for inst in turned if inst.key not in seen]
        return self._rerun(instances, cells)

    def recheck_keys(self, keys) -> FindingsDelta:
        """Re-run the checks with these keys (their explanation changed)."""
        return self._rerun([self._by_key[k] for k in keys if k in self._by_key])

    def _severity(self, inst: Instance, severity: str) -> str:
        """An explained budget overrun or completion difference drops to the check's explained severity."""
        explained = inst.check.explained_severity
        if explained and severity != "错误" and self.explanations.get(inst.key):
            return explained
        return severity

    def _rerun(self, instances, cells=()) -> FindingsDelta:
        self._note_typed_totals(cells)
        touched = set()
        regroup = False
        for inst in instances:
            old = self.raw.get(inst.key)
            new = self._evaluate(inst)
            if new is None:
                if old is not None:
                    del self.raw[inst.key]
                    touched.add(inst.key)
            elif old != new:
                self.raw[inst.key] = new
                touched.add(inst.key)
            else:
                continue
            regroup = regroup or self._mergeable(old) or self._mergeable(new)
        if not regroup:  # no error came, went or changed: the groups stand
            delta = FindingsDelta()
            for key in touched:
                self._report(key, self.raw.get(key), delta)
            return delta
        return self._consolidate(touched)

    def _note_typed_totals(self, cells) -> None:
        """A total typed over, or given back to its computation, changes what equations depend on."""
        for ref in cells:
            if ref in self.values.rules and self.values.is_typed(ref) != (ref in self._typed_totals):
                (self._typed_totals.add if self.values.is_typed(ref) else self._typed_totals.discard)(ref)
                self._fixes.forget()
                self._refix = True

    def _report(self, key: str, new: Finding | None, delta: FindingsDelta) -> None:
        old = self.findings.get(key)
        if new is None:
            if old is not None:
                del self.findings[key]
                delta.removed.add(key)
        elif old is None:
            self.findings[key] = new
            delta.added.add(key)
        elif old != new:
            self.findings[key] = new
            delta.changed.add(key)

    # -- evaluation ----------------------------------------------------------------

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

    def _sum(self, terms) -> tuple[Decimal, bool]:
        """A side's total, and whether any of its figures is there; the plain loop every check runs."""
        get = self.values.get
        total = ZERO
        present = False
        for sign, ref in terms:
            value = get(ref)
            if value is not None:
                present = True
                total = total + value if sign > 0 else total - value
        return total, present

    def _rounded(self, terms) -> int:
        """How many of a side's figures are rounded: each may be off by half a cent (尾差)."""
        if self.exact:
            return 0
        get, row = self.values.get, self.structure.row
        return sum(
            1 for _, ref in terms
            if get(ref) is not None and ((found := row(ref.form, ref.row)) is None or found.decimals > 0)
        )

    def _equation(self, inst: Instance) -> Finding | None:
        actual, left = self._sum(inst.lhs)
        expected, right = self._sum(inst.rhs)
        if not (left or right):
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
        relation = {"=": "应为", "<=": "不应超过", ">=": "不应少于"}[op]
        gap = "差额" if op == "=" else ("超出" if op == "<=" else "不足")
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
        cells = list(inst.lhs) + [
            c for c in inst.rhs if len(inst.rhs) == 1 or self.values.get(c[1]) is not None
        ]
        return Finding(
            key=inst.key,
            rule=inst.check.id,
            title=inst.check.title,
            severity=severity,
            form=inst.check.form,
            message=message,
            cells=tuple(self._cell(ref) for _, ref in cells),
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
        return cell_of(self.structure, ref, self.values.get(ref))
