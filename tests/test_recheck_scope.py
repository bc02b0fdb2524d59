"""One edit re-checks what it touches: the checks reading its cells, and the merging of only the errors linked to them."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks import one_cause
from desktop.core.definitions import CellRef

CORNER = CellRef("公开02", "合计", "本年收入合计")
FAR = CellRef("公开06", "30101", "决算数")  # a figure no check on 公开02 reads


def _count(monkeypatch, owner, name) -> list:
    """Calls of owner.name from now on, each with its first argument after self."""
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_an_edit_evaluates_only_the_checks_reading_its_cells(sample_ws, monkeypatch):
    engine = sample_ws.engine
    evaluated = _count(monkeypatch, engine, "_evaluate")
    sample_ws.set_value(FAR, Decimal("12.34"))
    readers = {inst.key for inst in engine.readers(sample_ws.values.affected_by(FAR))}
    assert {inst.key for (inst,) in evaluated} == readers
    assert 0 < len(evaluated) < len(engine.instances) / 20


def test_an_edit_far_from_the_errors_asks_no_group_again_and_the_merged_finding_stands(sample_ws, monkeypatch):
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    merged = [f for f in sample_ws.engine.findings.values() if f.covers]
    assert len(merged) == 1
    asked = _count(monkeypatch, one_cause, "_offers")
    sample_ws.set_value(FAR, Decimal("12.34"))
    sample_ws.set_value(FAR, Decimal("56.78"))
    assert asked == []
    assert [f for f in sample_ws.engine.findings.values() if f.covers] == merged
    assert sample_ws.engine.findings == sample_ws.engine.run_all()


def test_a_changed_error_asks_again_only_its_own_groups(sample_ws, monkeypatch):
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("100"))
    asked = _count(monkeypatch, one_cause, "_offers")
    sample_ws.set_value(CORNER, sample_ws.value(CORNER) + Decimal("1"))
    groups = {members for (members, *_rest) in asked}
    keys = {key for members in groups for key, _sign in members}
    merged = next(f for f in sample_ws.engine.findings.values() if f.covers)
    assert groups and keys <= set(merged.covers)
    assert merged.difference == Decimal("101.00")
    assert sample_ws.engine.findings == sample_ws.engine.run_all()
