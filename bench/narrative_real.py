"""The 情况说明 check on six real documents as a reviewer gets them (tests/fixtures/realdocs/: PDF
text, their own workbooks): per document, the figures attributed of those that name a table item,
unread, false flags and real mistakes found; then every mutation of a checked figure or word
(tests/narrative_mutator.py) on the real texts, caught or not.

Run: PYTHONPATH=$PWD python3 bench/narrative_real.py [-v]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desktop.core.narrative.check import review_narrative  # noqa: E402
from narrative_mutator import baseline_keys, caught, mutations  # noqa: E402
from narrative_realdocs import DOCUMENTS, expected, false_flags, mistakes_found, narrative, workspace  # noqa: E402


def main(verbose: bool) -> int:
    total = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in DOCUMENTS:
            ws = workspace(name, Path(tmp))
            text = narrative(name)
            review = review_narrative(ws, text)
            doc = expected(name)
            attributed = len(review.checked) + len(review.no_data)
            named = attributed + len(review.unread)
            false = false_flags(review, doc)
            found, wanted = mistakes_found(review, doc)
            baseline = baseline_keys(ws, text)
            made = [m for m in mutations(ws, text) if not m.hidden]
            missed = [m for m in made if not caught(ws, text, m, baseline)]
            print(f"{name}: 对应到表中项目 {attributed}/{named}（{attributed / named:.1%}），未能对应 "
                  f"{len(review.unread)}，表外 {len(review.apart)}；误报 {len(false)}，发现错误 {found}/{wanted}；"
                  f"变异 {len(made)}，发现 {len(made) - len(missed)}")
            if verbose:
                for read in review.unread:
                    print(f"  未能对应 {read.figure}：{''.join(read.sentence.split())[:80]}")
                for nf in false:
                    print(f"  误报 {nf.finding.message[:120]}")
                for m in missed:
                    line = text[max(0, m.start - 40):m.end + 30].replace("\n", " ")
                    print(f"  未发现 {m.kind} “{m.old}”→“{m.new}”：…{line}…")
            total.update(attributed=attributed, named=named, unread=len(review.unread), false=len(false),
                         found=found, wanted=wanted, mutations=len(made), caught=len(made) - len(missed))
            ws.close()
    print(f"合计：对应 {total['attributed']}/{total['named']}（{total['attributed'] / total['named']:.1%}），"
          f"未能对应 {total['unread']}，误报 {total['false']}，发现错误 {total['found']}/{total['wanted']}；"
          f"变异 {total['mutations']}，发现 {total['caught']}（{total['caught'] / max(total['mutations'], 1):.1%}）")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
