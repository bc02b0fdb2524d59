"""Property tests over random consistent workspaces (hypothesis)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.snapshot import load
from desktop.core.workspace import Workspace
from factory import consistent_snapshot

# Derandomized so CI is repeatable; raise max_examples locally to explore further.
SETTINGS = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
CENTS = st.integers(min_value=2, max_value=500_000).map(lambda c: Decimal(c) / 100)


def _findings(ws):
    return {key: f for key, f in ws.engine.findings.items()}


def _equalities_reading(ws, ref):
    return [
        inst for inst in ws.engine.readers({ref})
        if inst.check.kind in ("equation", "tree") and inst.check.op == "="
    ]


@SETTINGS
@given(seed=st.integers(0, 10**6), funds=st.booleans(), data=st.data())
def test_changed_cell_is_named_and_incremental_equals_full(seed, funds, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.juesuan"
        ws = load(consistent_snapshot(seed, with_funds=funds), path)
        try:
            assert not [f for f in ws.findings() if f.severity == "错误"]
            candidates = sorted(
                ref for ref in ws.values.typed if _equalities_reading(ws, ref)
            )
            ref = data.draw(st.sampled_from(candidates), label="cell")
            delta = data.draw(CENTS, label="delta") * data.draw(st.sampled_from([1, -1]), label="sign")
            ws.set_value(ref, ws.value(ref) + delta)

            named = [
                f for f in ws.findings()
                if any((c.form, c.row, c.column) == tuple(ref) for c in f.cells)
            ]
            assert named, f"changing {ref} by {delta} was not reported"
            # Where the change exceeds a check's rounding tolerance, that check calls it an error.
            tight = [
                inst for inst in _equalities_reading(ws, ref)
                if Decimal("0.005") * sum(
                    1 for _, r in inst.lhs + inst.rhs if ws.value(r) is not None
                ) < abs(delta)
            ]
            if tight:
                assert any(f.severity == "错误" for f in named), (ref, delta, named)

            incremental = _findings(ws)
            assert incremental == {k: f for k, f in ws.engine.run_all().items()}
        finally:
            ws.close()
        reopened = Workspace.open(path)
        try:
            assert _findings(reopened) == incremental
        finally:
            reopened.close()


@SETTINGS
@given(seed=st.integers(0, 10**6), data=st.data())
def test_incremental_recheck_equals_full_after_any_edit_stream(seed, data):
    with tempfile.TemporaryDirectory() as folder:
        ws = load(consistent_snapshot(seed), Path(folder) / "s.juesuan")
        try:
            cells = sorted(ref for form in ("公开01", "公开03", "公开05", "公开06", "公开09")
                           for ref in ws.structure.value_cells(form))
            for _ in range(data.draw(st.integers(1, 6), label="edits")):
                ref = data.draw(st.sampled_from(cells), label="cell")
                value = data.draw(st.one_of(st.none(), CENTS), label="value")
                ws.set_value(ref, value)
                incremental = dict(ws.engine.findings)
                assert incremental == ws.engine.run_all()
        finally:
            ws.close()
