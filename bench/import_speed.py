"""Whole-process speed of the import path: `juesuan check X.xlsx --json`, `juesuan import`,
`juesuan --version`, and a bare Python start for comparison, each run as a user runs it.

Run: python bench/import_speed.py [--rounds N] [--code DIR]   (prints medians in seconds)
`--code` measures another checkout of the program too (its folder first on PYTHONPATH), taking turns
with this one round by round, so a loaded machine slows both alike. The same workbook saved as .xls
by LibreOffice (when soffice is installed) is checked and imported too, and its medians set against
the .xlsx's.
Targets: check under 0.25 s, import under 0.15 s, --version under 0.05 s; an .xls no slower than 2× its .xlsx.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    parser.add_argument("--code", type=Path, help="another checkout to measure beside this one")
    args = parser.parse_args()
    trees = [ROOT] + ([args.code.resolve()] if args.code else [])
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as folder:
        folder = Path(folder)
        envs = {}
        for n, tree in enumerate(trees):
            # As on a user's machine, modules are compiled once and their bytecode kept (here in the
            # temporary folder, one per checkout, whatever PYTHONDONTWRITEBYTECODE the shell has).
            env = {**os.environ, "PYTHONPATH": str(tree), "JUESUAN_BENCH_DIR": str(folder),
                   "PYTHONPYCACHEPREFIX": str(folder / f"bytecode-{n}")}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            envs[tree] = env
        # One workbook for all, written by this checkout: each checkout reads the same file.
        env = envs[ROOT]
        sample, book = folder / "sample.juesuan", folder / "sample.xlsx"
        build = (
            "from desktop import paths; from desktop.core.snapshot import load_file; "
            f"load_file(paths.sample_source(), {str(sample)!r}).close()"
        )
        subprocess.run([sys.executable, "-c", build], env=env, cwd=folder, check=True)
        subprocess.run([sys.executable, "-m", "desktop", "export", str(sample), "-o", str(book)], env=env,
                       cwd=folder, check=True, stdout=subprocess.DEVNULL)
        old_book = _as_xls(book, folder)
        for tree in trees:
            _run(["-m", "desktop", "check", str(book), "--json"], envs[tree])  # compiles what the rounds load
        names = ("python -c pass", "--version", "check --json", "import") + (
            ("check --json .xls", "import .xls") if old_book else ())
        timings = {tree: {name: [] for name in names} for tree in trees}
        for n in range(args.rounds):
            for i, tree in enumerate(trees):
                env, times = envs[tree], timings[tree]
                times["python -c pass"].append(_run(["-c", "pass"], env))
                times["--version"].append(_run(["-m", "desktop", "--version"], env))
                times["check --json"].append(_run(["-m", "desktop", "check", str(book), "--json"], env))
                target = folder / f"imported-{i}-{n}.juesuan"
                times["import"].append(_run(["-m", "desktop", "import", str(book), "-o", str(target)], env))
                if old_book:
                    times["check --json .xls"].append(_run(["-m", "desktop", "check", str(old_book), "--json"], env))
                    target = folder / f"imported-xls-{i}-{n}.juesuan"
                    times["import .xls"].append(_run(["-m", "desktop", "import", str(old_book), "-o", str(target)], env))
    print(f"每项 {args.rounds} 次，整进程耗时中位数（秒）" + ("，两份代码轮流运行" if args.code else ""))
    for tree in trees:
        print(f"代码：{tree}")
        for name, samples in timings[tree].items():
            print(f"  {name:18s} {statistics.median(samples):6.3f}   最小 {min(samples):6.3f}")
        for name in ("check --json", "import"):
            if f"{name} .xls" in timings[tree]:
                ratio = statistics.median(timings[tree][f"{name} .xls"]) / statistics.median(timings[tree][name])
                print(f"  {name}：.xls 中位数为 .xlsx 的 {ratio:.2f} 倍（目标不超过 2 倍）")
    if not old_book:
        print("未找到 soffice：未测 .xls")


def _as_xls(book: Path, folder: Path) -> Path | None:
    """The workbook saved as .xls by LibreOffice (a profile of its own, so a running office suite does
    not hold the conversion up), or None without LibreOffice."""
    if shutil.which("soffice") is None:
        return None
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                    "--convert-to", "xls", "--outdir", str(folder), str(book)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    return book.with_suffix(".xls")


if __name__ == "__main__":
    main()
