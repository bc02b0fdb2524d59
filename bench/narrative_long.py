"""How long the 情况说明 check takes on text without sentence breaks, by length: reading must stay linear.

Run: python bench/narrative_long.py [ROUNDS]   (prints the median seconds per length, and per 10,000 characters)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop import paths
from desktop.core.narrative.check import review_narrative
from desktop.core.snapshot import load

PIECE = "本单位一般公共预算财政拨款支出决算为1,234.56万元，比上年增加12.3%，主要用于人员经费"


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as folder:
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), Path(folder) / "s.juesuan")
        print("characters  median s  s per 10,000")
        for n in (10_000, 20_000, 50_000, 100_000):
            text = (PIECE * (n // len(PIECE) + 1))[:n]
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                review_narrative(ws, text)
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            print(f"{n:>10,}  {median:8.2f}  {median / n * 10_000:12.3f}")
        ws.close()


if __name__ == "__main__":
    main()
