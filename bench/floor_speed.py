"""The arithmetic floor of a full check: a plain loop over the same sums the checks do, beside the full check.

Run: python bench/floor_speed.py   (prints medians and p95 in milliseconds, and full check ÷ floor)
Target: the full check within 2× the floor, on the sample and on ten times its rows.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from desktop import paths
from desktop.core.snapshot import load

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import synthetic  # noqa: E402

ROUNDS = 60
ZERO = Decimal(0)


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"{statistics.median(samples) * 1000:8.3f} ms（中位数）  p95 {ordered[int(len(ordered) * 0.95)] * 1000:8.3f} ms"


def _floor(ws) -> list[float]:
    """Every check's two sides summed from figures already at hand and compared: nothing else."""
    refs = {ref for inst in ws.engine.instances for _, ref in (*inst.lhs, *inst.rhs)}
    figures = {ref: ws.value(ref) for ref in refs}
    sides = [(inst.lhs, inst.rhs) for inst in ws.engine.instances]
    out = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        failed = 0
        for lhs, rhs in sides:
            left = sum((sign * (figures[ref] or ZERO) for sign, ref in lhs), ZERO)
            right = sum((sign * (figures[ref] or ZERO) for sign, ref in rhs), ZERO)
            failed += left != right
        out.append(time.perf_counter() - start)
    return out


def _full(ws) -> list[float]:
    out = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        ws.engine.run_all()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    source = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        for name, data in (("示例工作区", source), ("十倍行数", synthetic(source, 10))):
            with load(data, Path(folder) / f"{name}.juesuan") as ws:
                floor, full = _floor(ws), _full(ws)
                print(f"{name}：算术下限 {_stats(floor)}")
                print(f"{name}：全量审核 {_stats(full)}  = 下限的 {statistics.median(full) / statistics.median(floor):.1f} 倍")


if __name__ == "__main__":
    main()
