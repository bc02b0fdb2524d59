"""Evaluates check instances over cell values: a full run, or only the checks an edit touches."""

from __future__ import annotations

from desktop.core.changes import FindingsDelta
from desktop.core.checks.evaluation import Evaluation
from desktop.core.checks.findings import Finding
from desktop.core.checks.instances import Instance
from desktop.core.checks.cell_fixes import CellFixes, EquationLeaves
from desktop.core.checks.one_cause import OneCause
from desktop.core.checks.unfilled import UnfilledTables
from desktop.core.definitions import CellRef
from desktop.core.structure import Structure
from desktop.core.unread import Unread, covering
from desktop.core.values import CellValues


class CheckEngine(Evaluation):
    """The checks bound to one workspace: a full run, or only what an edit touches, and the findings."""

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
        unread: list[Unread] | None = None,
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
        # Figures it printed that the import could not place, shared with the workspace: the cells
        # each may be are in `unknown`.
        self.unread = unread if unread is not None else []
        # Findings about the workspace's make-up (its 科目 catalogue), fixed until the structure is rebuilt.
        self.standing = list(standing or ())
        self._by_key = {inst.key: inst for inst in instances}
        self._bind_wording()
        self.unfilled = UnfilledTables(structure, values, notes, instances)
        # One finding per failing instance; `findings` is what is reported: the same, except that
        # errors one wrong cell explains are one finding (see one_cause).
        self.raw: dict[str, Finding] = {}
        self._order: dict[str, int] = {}  # raw key -> its place in `raw` (see OneCause.merge)
        self._next_place = 0
        self.findings: dict[str, Finding] = {}
        self._merged: dict[str, tuple[str, ...]] = {}  # reported key -> the raw keys it stands for
        self._fixes = CellFixes(EquationLeaves(self._by_key, values, structure))
        self._one_cause = OneCause(self._fixes, values, self._cell_names, exact)
        self._typed_totals = values.rules.keys() & values.typed.keys()
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
        self._order = {key: place for place, key in enumerate(self.raw)}
        self._next_place = len(self._order)
        self.findings = dict(self.raw)
        self._merged = {}
        self._one_cause.forget()
        typed_totals = self.values.rules.keys() & self.values.typed.keys()
        # The equations' expansions stand unless a total was typed over or given back unseen (figures
        # written before a full run, as when an absence ends).
        self._fixes.forget(expansions=typed_totals != self._typed_totals)
        self._typed_totals = typed_totals
        self._consolidate(set(self.raw))
        return self.findings

    def _mergeable(self, finding: Finding | None) -> bool:
        if finding is None or finding.severity != "错误" or finding.rounding or finding.key not in self._by_key:
            return False
        check = self._by_key[finding.key].check
        return check.kind in ("equation", "tree") and check.op == "="

    def _consolidate(self, touched: set[str], relinked: set[str] = frozenset()) -> FindingsDelta:
        """Re-derive the reported findings from the raw ones after the raw keys `touched` changed.

        Only the errors whose offers changed, and those linked to them through offers (see OneCause), are
        merged again; every other merged finding stands as it was. `relinked` are errors whose cells moved
        (see _note_typed_totals).
        """
        fixes = self._fixes
        mergeable = {key for key in touched if self._mergeable(self.raw.get(key))}
        stay = mergeable & fixes.held
        fixes.hold(mergeable, touched - mergeable)
        merged, region = self._one_cause.merge(self.raw, self._order, stay, touched | relinked)
        affected = touched | region
        kept = {key: keys for key, keys in self._merged.items() if region.isdisjoint(keys)}
        for finding, keys in merged:
            kept[finding.key] = keys
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
                message=f"缺少{form.label}（{form.title}）：导入的文件中没有这张表，涉及它的 {len(rules)} 条审核未核对。",
                cells=(),
            ))
        return out

    def _covered_by_absence(self, inst: Instance) -> bool:
        """A missing table's own 空表说明 check: the missing-table finding says more."""
        return inst.check.kind == "empty_note" and (inst.check.form, "") in self.absent

    def unchecked(self) -> list[dict]:
        """The rules not evaluated (some instance reads a figure the workspace lacks), with why."""
        by_rule: dict[str, dict] = {}
        unread_at, unread_forms = covering(self.unread), {u.form for u in self.unread}
        for inst in self.instances:
            if self.unknown.isdisjoint(inst.reads) or self._covered_by_absence(inst):
                continue
            entry = by_rule.setdefault(inst.check.id, {
                "rule": inst.check.id, "title": inst.check.title, "form": inst.check.form,
                "instances": 0, "reasons": [],
            })
            entry["instances"] += 1
            for reason in self._reasons(inst, unread_at, unread_forms):
                if reason not in entry["reasons"]:
                    entry["reasons"].append(reason)
        return sorted(by_rule.values(), key=lambda e: (e["form"], e["rule"]))

    def _reasons(self, inst: Instance, unread_at, unread_forms: set[str]) -> list[str]:
        reasons = set()
        for ref in inst.reads & self.unknown:
            if (ref.form, "") in self.absent:
                reasons.add(f"缺少{self.structure.forms[ref.form].label}")
            elif (ref.form, ref.col) in self.absent:
                reasons.add(f"{ref.form}缺少「{self._column_label(ref.form, None, ref.col)}」栏")
            elif (unread := unread_at(ref)) is not None:
                reasons.add(f"导入时未能读入的数字（{unread.said}）")
        if reasons:
            return sorted(reasons)
        if any(ref.form in unread_forms for ref in inst.reads & self.unknown):
            return ["读取的合计由导入时未能读入的数字算出"]
        return ["读取的数字已损坏或由损坏的数字算出"]

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

    def _rerun(self, instances, cells=()) -> FindingsDelta:
        relinked = self._note_typed_totals(cells)
        touched = set()
        regroup = False
        for inst in instances:
            old = self.raw.get(inst.key)
            new = self._evaluate(inst)
            if new is None:
                if old is not None:
                    del self.raw[inst.key], self._order[inst.key]
                    touched.add(inst.key)
            elif old != new:
                if old is None:
                    self._order[inst.key] = self._next_place
                    self._next_place += 1
                self.raw[inst.key] = new
                touched.add(inst.key)
            else:
                continue
            regroup = regroup or self._mergeable(old) or self._mergeable(new)
        if not regroup and not relinked:  # no error came, went or changed, no cell moved: the groups stand
            delta = FindingsDelta()
            for key in touched:
                self._report(key, self.raw.get(key), delta)
            return delta
        return self._consolidate(touched, relinked)

    def _note_typed_totals(self, cells) -> set[str]:
        """A total typed over, or given back to its computation, changes what the equations reading it, or
        a total computed from it, depend on: those are expanded again. Returns them: their errors count other
        cells now, so what those cells offer is asked again (see OneCause.merge)."""
        reach: set[CellRef] = set()
        for ref in cells:
            if ref in self.values.rules and self.values.is_typed(ref) != (ref in self._typed_totals):
                (self._typed_totals.add if self.values.is_typed(ref) else self._typed_totals.discard)(ref)
                reach |= self.values.affected_by(ref)
        if not reach:
            return set()
        keys = {inst.key for inst in self.readers(reach)}
        self._fixes.expand_again(keys, reach)
        return keys

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
