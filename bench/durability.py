"""Kill trials: a window-like child edits, exports and is SIGKILLed while command-line readers open the file.

Run: python bench/durability.py [--trials 1000] [--jobs 2] [--seed 1]
Target: acknowledged edits lost 0, corrupt files 0 (the exit status is 1 otherwise).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from durability_trials import TrialResult, make_template, regression_trial, run_trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2, help="trials run at once")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template = make_template(folder)
        results: list[TrialResult] = [regression_trial(template, folder / "regression")]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results += pool.map(
                lambda i: run_trial(template, folder / f"trial{i}", args.seed + i), range(args.trials - 1),
            )
    for i, result in enumerate(results):
        if not result.sound:
            print(f"第 {i} 次：{result}", file=sys.stderr)
    lost = sum(len(r.lost) for r in results)
    corrupt = sum(1 for r in results if r.corrupt)
    print(f"trials:                     {len(results)}（其中 1 次为回归用例：导出 → 他程序开关文件 → 编辑 → 强杀）")
    print(f"edits acknowledged:         {sum(r.acknowledged for r in results)}")
    print(f"acknowledged edits lost:    {lost}")
    print(f"corrupt files:              {corrupt}")
    print(f"exports begun / done:       {sum(r.exports_begun for r in results)} / {sum(r.exports for r in results)}")
    print(f"reader runs:                {sum(r.readers for r in results)}"
          f"（失败 {sum(len(r.reader_failures) for r in results)}）")
    print(f"child errors:               {sum(1 for r in results if r.child_error)}")
    print(f"median trial time:          {statistics.median(r.seconds for r in results):.2f} s"
          f"（共 {time.monotonic() - start:.0f} s，{args.jobs} 路并行）")
    return 0 if all(r.sound for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
