"""Precision by mutation on seed 004's narrative (bench/narrative_mutations.py runs all texts):
every change to a checked figure or word is a new 错误, and the unmutated text gives only its
documented mistake."""

from __future__ import annotations

from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.performance import read_performance_quotes
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


def test_the_performance_quotes_are_checked_and_every_mutation_of_them_is_caught(tmp_path):
    ws = seed_workspace("000", tmp_path / "000.juesuan")
    try:
        text = narrative("000")
        review = review_narrative(ws, text)
        quoted = read_performance_quotes(ws, text).compared
        checked = {r.start: r.figure for r in review.checked}
        # 整体: 自评得分, 全年预算数, 执行数, 完成预算的; eight projects with 全年预算数, 执行数, rate.
        assert len(quoted) == 4 + 8 * 3
        assert all(start in checked for start, _ in quoted)
        assert checked[text.index("95.5分")] == "95.5分"
        apart = {r.start for r in review.apart + review.unread}
        assert not apart & {start for start, _ in quoted}
        made = [m for m in mutations(ws, text) if not m.hidden and any(s <= m.start < e for s, e in quoted)]
        assert {m.kind for m in made} >= {"金额+0.1", "金额-1", "金额×10", "百分比+0.5", "百分比-0.5", "得分+1", "得分-1"}
        baseline = baseline_keys(ws, text)
        missed = [f"{m.kind} {m.old}→{m.new}" for m in made if not caught(ws, text, m, baseline)]
        assert missed == [] and len(made) >= 100
    finally:
        ws.close()
