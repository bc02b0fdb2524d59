"""Fuzzing the import, measured: bad workbooks made from the sample's export, each run through
`juesuan check`, `check --json` and `import -o` in-process, counting what went wrong.

Run: python bench/workbook_fuzz.py [--count 500] [--seed 0]   (prints a table)
Target: no tracebacks, no exit other than 0/1/2, every exit 2 with a Chinese message naming
the file, no partial files left, no input over 10 seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from workbook_variants import fuzz, summary  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.core.excel.export import write_workbook  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
        good = folder / "good.xlsx"
        write_workbook(ws, good)
        ws.close()
        outcomes = fuzz(good, folder, args.count, args.seed)
    figures = summary(outcomes)
    print(f"{'输入':<24}{figures['inputs']:>8}")
    for kind, n in sorted(figures["by_kind"].items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<22}{n:>8}")
    for status, n in figures["exits"].items():
        label = "traceback" if status is None else f"退出码 {status}"
        print(f"{label:<24}{n:>8}")
    rows = [
        ("tracebacks", figures["tracebacks"]), ("其他退出码", figures["odd_exits"]),
        ("退出码 2 无中文说明", figures["unexplained"]), ("残留文件", figures["partial"]),
        ("每个输入 中位数 s", f"{figures['median_seconds']:.3f}"), ("每个输入 最慢 s", f"{figures['max_seconds']:.2f}"),
        ("总计 s", f"{time.perf_counter() - started:.0f}"),
    ]
    for label, value in rows:
        print(f"{label:<24}{value:>8}")
    for o in outcomes:
        for problem in o.tracebacks + o.unexplained + o.partial:
            print(f"\n[{o.kind}] {o.path.name}\n{problem}")


if __name__ == "__main__":
    main()
