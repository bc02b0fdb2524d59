"""Hurt workspaces: damaged, foreign, newer, held by a window, on a read-only or full disk; every command on each.

Run: python bench/workspace_faults.py [--count 600] [--seed 20261130]
Target: tracebacks 0, bytes changed by a check-only or refused command 0, every refusal a
Chinese message naming the file (the exit status is 1 otherwise). Full and read-only disks
are tmpfs mounts, so run as root (as CI does); elsewhere those variants are healthy files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workspace_faults import READERS, WRITERS, formula_injection, run_trials  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600, help="hurt workspaces made")
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tally = run_trials(args.count, Path(scratch), args.seed)
        (Path(scratch) / "injection").mkdir()
        injected, formulas = formula_injection(Path(scratch) / "injection")
    for line in tally.tracebacks + tally.changed + tally.unexplained:
        print(line, file=sys.stderr)
    print(f"hurt workspaces:            {tally.variants}（每种：{'，'.join(f'{k} {n}' for k, n in tally.by_kind.items())}）")
    print(f"command runs:               {tally.runs}（{len(READERS)} 个只读命令、{len(WRITERS)} 个写入命令各一次）")
    print(f"exit statuses:              {dict(sorted(tally.exits.items(), key=str))}")
    print(f"tracebacks:                 {len(tally.tracebacks)}")
    print(f"bytes changed (must be 0):  {len(tally.changed)}")
    print(f"refusals naming no file:    {len(tally.unexplained)}")
    print(f"formula injection:          {injected} 种公式样文字写进每个文字字段并导出，公式单元格 {formulas}")
    print(f"median / max per command:   {statistics.median(tally.seconds):.3f} s / {max(tally.seconds):.2f} s")
    return 0 if not (tally.tracebacks or tally.changed or tally.unexplained or formulas) else 1


if __name__ == "__main__":
    sys.exit(main())
