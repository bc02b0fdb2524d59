"""查找 speed: one search over every page of the sample (tables, 绩效自评表, 情况说明), as each key typed runs one.

Run: python bench/find_speed.py   (prints medians in milliseconds)
Target: under 30 ms a search over all pages, so typing into the bar never lags.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from desktop import paths
from desktop.core.find.pages import find
from desktop.core.snapshot import load
from desktop.core.text_sections import NARRATIVE_KEY

ROUNDS = 40
QUERIES = ("机关运行经费", "57.45", "1,234.50", "2080101", "100%")


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.2f} ms（中位数）  最慢 {max(samples) * 1000:7.2f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), Path(tmp) / "s.juesuan")
        try:
            for pages, label in ((None, "全部表"), (["绩效项目"], "项目绩效自评表"), ([NARRATIVE_KEY], "情况说明")):
                for query in QUERIES:
                    samples = []
                    for _ in range(ROUNDS):
                        start = time.perf_counter()
                        hits = find(ws, query, pages)
                        samples.append(time.perf_counter() - start)
                    print(f"{label:<8} {query:<10} {len(hits):>3} 处  {_median_ms(samples)}")
        finally:
            ws.close()


if __name__ == "__main__":
    main()
