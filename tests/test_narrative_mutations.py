"""Precision by mutation on seed 004's narrative (bench/narrative_mutations.py runs all texts):
every change to a checked figure or word is a new 错误, and the unmutated text gives only its
documented mistake."""

from __future__ import annotations

from desktop.core.narrative.check import review_narrative
from narrative_mutator import baseline_keys, caught, mutations
from narrative_seeds import DOCUMENTED, narrative, seed_workspace


def test_every_mutation_of_a_checked_figure_of_seed_004_is_caught(tmp_path):
    ws = seed_workspace("004", tmp_path / "004.juesuan")
    try:
        text = narrative("004")
        review = review_narrative(ws, text)
        assert len(review.findings) == DOCUMENTED["004"]
        assert not review.unread and len(review.checked) >= 60
        made = [m for m in mutations(ws, text) if not m.hidden]
        kinds = {m.kind.rstrip("+-0123456789.") for m in made}
        assert {"金额", "金额×", "百分比", "增加→减少", "小于→大于", "类名称互换"} <= kinds
        baseline = baseline_keys(ws, text)
        # Every third mutation keeps the test fast; the bench runs them all.
        missed = [f"{m.kind} {m.old}→{m.new}" for m in made[::3] if not caught(ws, text, m, baseline)]
        assert missed == []
    finally:
        ws.close()
