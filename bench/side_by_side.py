"""A bench run on two checkouts in one go, its lines printed side by side: this tree and another (the landed main).

Run: python bench/side_by_side.py OTHER_CHECKOUT [bench/check_speed.py bench/floor_speed.py bench/gui_speed.py]
Each bench runs as its own process, this tree's and the other's in turn, on the same machine at the same time of
day: a loaded machine slows both alike. Both run this tree's bench script (the same measurement), each against its
own checkout's code. Lines are paired in order; the other checkout's come second.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
BENCHES = ["bench/check_speed.py", "bench/floor_speed.py", "bench/gui_speed.py"]


def _run(tree: Path, bench: str) -> list[str]:
    script = HERE / bench
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script)], cwd=tree, env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return lines or [f"（失败：{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}）"]


def main() -> None:
    other = Path(sys.argv[1]).resolve()
    for bench in sys.argv[2:] or BENCHES:
        mine, theirs = _run(HERE, bench), _run(other, bench)
        print(f"== {bench}   本分支 | {other.name}")
        for index in range(max(len(mine), len(theirs))):
            print(f"  {mine[index] if index < len(mine) else ''}")
            print(f"  {theirs[index] if index < len(theirs) else ''}   ← {other.name}")


if __name__ == "__main__":
    main()
