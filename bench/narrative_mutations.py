"""Precision of the 情况说明 check by mutation, and how much of each narrative it reads.

Over the seeds' narratives (000, 004, and 001 against a workspace of its unit with every table
absent but its own 绩效自评表) and the drafts of the sample and seed-004 workspaces: every mutation
of a checked figure or word (tests/narrative_mutator.py), the 绩效 sentences' 预算数, 执行数, 执行率
and 得分 among them, should give a new 错误; the unmutated texts give only the documented real
mistakes (DOMAIN.md §5; 001's 76.27% for 76.276% is within its 0.01, right).

Run: PYTHONPATH=$PWD python3 bench/narrative_mutations.py [-v]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desktop.core.narrative.check import review_narrative  # noqa: E402
from desktop.core.narrative.draft import draft_narrative  # noqa: E402
from desktop.core.narrative.performance import read_performance_quotes  # noqa: E402
from narrative_mutator import baseline_keys, caught, mutations  # noqa: E402
from narrative_seeds import DOCUMENTED, narrative, seed_workspace, unknown_tables_workspace  # noqa: E402


def texts(folder: Path):
    for seed in ("000", "004"):
        ws = seed_workspace(seed, folder / f"{seed}.juesuan")
        yield f"narrative-{seed}", ws, narrative(seed), DOCUMENTED[seed]
        yield f"draft-{seed}", ws, draft_narrative(ws), 0
        ws.close()
    ws = unknown_tables_workspace(folder / "001.juesuan")
    yield "narrative-001", ws, narrative("001"), DOCUMENTED["001"]
    ws.close()


def main(verbose: bool) -> int:
    total = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, ws, text, documented in texts(Path(tmp)):
            review = review_narrative(ws, text)
            baseline = baseline_keys(ws, text)
            false_flags = len(review.findings) - documented
            every = mutations(ws, text)
            made = [m for m in every if not m.hidden]
            missed = [m for m in made if not caught(ws, text, m, baseline)]
            quoted = read_performance_quotes(ws, text).compared
            performance = [m for m in made if any(s <= m.start < e for s, e in quoted)]
            performance_caught = len([m for m in performance if m not in missed])
            named = len(review.checked) + len(review.no_data) + len(review.unread)
            print(f"{name}: 数字 {review.figures}，已核对 {len(review.checked)}，无可比数 {len(review.no_data)}，"
                  f"未能对应 {len(review.unread)}，表外 {len(review.apart)}；对应率 "
                  f"{(len(review.checked) + len(review.no_data)) / named:.1%}；"
                  f"变异 {len(made)}（另有舍入范围内或无从分辨 {len(every) - len(made)}），发现 {len(made) - len(missed)}，误报 {false_flags}；"
                  f"其中绩效自评句 变异 {len(performance)}，发现 {performance_caught}")
            total.update(hidden=len(every) - len(made), mutations=len(made), caught=len(made) - len(missed), false=false_flags,
                         performance=len(performance), performance_caught=performance_caught,
                         named=named, attributed=len(review.checked) + len(review.no_data))
            if verbose:
                for m in missed:
                    line = text[max(0, m.start - 40):m.end + 30].replace("\n", " ")
                    print(f"  未发现 {m.kind} “{m.old}”→“{m.new}”：…{line}…")
    print(f"合计：变异 {total['mutations']}（另有舍入范围内、无从分辨的 {total['hidden']}），发现 {total['caught']} "
          f"（{total['caught'] / total['mutations']:.1%}），误报 {total['false']}，"
          f"对应率 {total['attributed'] / total['named']:.1%}；绩效自评句 变异 {total['performance']}，"
          f"发现 {total['performance_caught']}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
