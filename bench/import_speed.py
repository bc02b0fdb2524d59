"""Whole-process speed of the import path: `juesuan check X.xlsx --json`, `juesuan import`,
`juesuan --version`, and a bare Python start for comparison, each run as a user runs it.

Run: python bench/import_speed.py [--rounds N] [--code DIR]   (prints medians in seconds)
`--code` measures another checkout of the program (its folder goes first on PYTHONPATH).
Targets: check under 0.25 s, import under 0.15 s, --version under 0.05 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict) -> float:
    # Run from the temporary folder: `python -m` puts the working folder first on sys.path.
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, cwd=env["JUESUAN_BENCH_DIR"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} 失败：{done.stderr.decode('utf-8', 'replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as folder:
        folder = Path(folder)
        env["JUESUAN_BENCH_DIR"] = str(folder)
        # As on a user's machine, modules are compiled once and their bytecode kept (here in the
        # temporary folder, whatever PYTHONDONTWRITEBYTECODE the shell has).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
        sample, book = folder / "sample.juesuan", folder / "sample.xlsx"
        build = (
            "from desktop import paths; from desktop.core.snapshot import load_file; "
            f"load_file(paths.sample_source(), {str(sample)!r}).close()"
        )
        subprocess.run([sys.executable, "-c", build], env=env, cwd=folder, check=True)
        subprocess.run([sys.executable, "-m", "desktop", "export", str(sample), "-o", str(book)], env=env,
                       cwd=folder, check=True, stdout=subprocess.DEVNULL)
        _run(["-m", "desktop", "check", str(book), "--json"], env)  # compiles what the rounds then load
        timings: dict[str, list[float]] = {"python -c pass": [], "--version": [], "check --json": [], "import": []}
        for n in range(args.rounds):
            timings["python -c pass"].append(_run(["-c", "pass"], env))
            timings["--version"].append(_run(["-m", "desktop", "--version"], env))
            timings["check --json"].append(_run(["-m", "desktop", "check", str(book), "--json"], env))
            target = folder / f"imported-{n}.juesuan"
            timings["import"].append(_run(["-m", "desktop", "import", str(book), "-o", str(target)], env))
    print(f"代码：{args.code.resolve()}；每项 {args.rounds} 次，整进程耗时中位数（秒）")
    for name, samples in timings.items():
        print(f"  {name:16s} {statistics.median(samples):6.3f}   最小 {min(samples):6.3f}")


if __name__ == "__main__":
    main()
