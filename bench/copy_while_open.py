"""Copy trials: the workspace file copied at random moments while a window-like child edits it.

Run: python bench/copy_while_open.py [--trials 200] [--jobs 2] [--seed 1]
Target: of the edits acknowledged before each copy began, 0 missing from the copy; 0 unhealthy
copies, unless the program tells the copy apart on opening it (refused as damaged, or said to
disagree with its digest: a copy taken mid-save); the exit status is 1 otherwise. Also prints
what an acknowledged edit costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from copy_trials import copy_trial  # noqa: E402
from durability_trials import make_template  # noqa: E402


def edit_seconds(template: Path, folder: Path, edits: int = 200) -> list[float]:
    """Each of `edits` single-cell edits through the workspace, as the window makes them, timed."""
    from desktop.core.workspace import Workspace

    path = folder / "cost.juesuan"
    path.write_bytes(template.read_bytes())
    ws = Workspace.open(path)
    refs = sorted(ws.values.typed)
    times = []
    try:
        for i in range(edits):
            start = time.perf_counter()
            ws.set_value(refs[i % len(refs)], Decimal(2000 + i))
            times.append(time.perf_counter() - start)
    finally:
        ws.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2, help="trials run at once")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template = make_template(folder)
        costs = edit_seconds(template, folder)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(
                lambda i: copy_trial(template, folder / f"trial{i}", args.seed + i), range(args.trials),
            ))
    for i, result in enumerate(results):
        if not result.sound:
            print(f"第 {i} 次：{result}", file=sys.stderr)
    print(f"copies:                          {len(results)}")
    print(f"edits acknowledged before copy:  {sum(r.acknowledged for r in results)}")
    print(f"  missing from the copy:         {sum(len(r.missing) for r in results)}")
    print(f"unhealthy copies:                {sum(1 for r in results if r.unhealthy)}")
    print(f"  of those told apart on opening: {sum(1 for r in results if r.unhealthy and r.told)}")
    print(f"copies missing an edit, told:    {sum(1 for r in results if r.missing and r.told)}")
    print(f"child errors:                    {sum(1 for r in results if r.child_error)}")
    print(f"cost per edit (median / p90):    {statistics.median(costs) * 1000:.2f} ms / "
          f"{statistics.quantiles(costs, n=10)[-1] * 1000:.2f} ms（{len(costs)} 次单格编辑，同步写入磁盘）")
    return 0 if all(r.sound for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
