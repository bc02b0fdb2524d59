"""Imports randomly drawn layouts (tests/layout_random.py) and prints placed %, wrong figures and false 错误.

Run: PYTHONPATH=$PWD python3 bench/layout_random.py [N=2000] [--seed S] [--jobs J] [-v]
Each workbook is one seed's draw over every dimension; the same N and seed give the same workbooks.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from desktop import paths  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from layout_random import measure_random  # noqa: E402

_SOURCES: dict[str, object] = {}


def _source(name: str, folder: Path):
    """The sample or seed 004, loaded once per worker."""
    if name not in _SOURCES:
        text = (paths.sample_source() if name == "sample" else ROOT / "tests/fixtures/seed-004.json").read_text(encoding="utf-8")
        _SOURCES[name] = load(json.loads(text), folder / f"{name}.juesuan")
    return _SOURCES[name]


_FOLDER: list[Path] = []  # the worker's own folder, for its sources and each draw's files


def _start(parent: str) -> None:
    _FOLDER.append(Path(tempfile.mkdtemp(dir=parent)))


def _one(seed: int):
    folder = _FOLDER[0]
    m = measure_random(_source("sample" if seed % 2 else "004", folder), seed, folder)
    for f in folder.glob(f"{seed}_*"):
        f.unlink()
    return seed, m.name, m.present, m.placed, len(m.wrong), m.false_errors, m.failure, m.ok, m.missing[:3]


def main(argv: list[str]) -> int:
    n = int(next((a for a in argv if a.isdigit()), 2000))
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 4
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory() as parent, multiprocessing.Pool(jobs, _start, (parent,)) as pool:
        for result in pool.imap_unordered(_one, range(seed, seed + n), chunksize=4):
            results.append(result)
            if "-v" in argv and not result[7]:
                print(_failing(result), flush=True)
            if len(results) % 100 == 0:  # a long run shows where it stands
                print(_totals(results, started), flush=True)
    print(_totals(results, started))
    return 0 if all(r[7] for r in results) else 1


def _failing(r) -> str:
    return f"{r[1]}\n    placed {r[3]}/{r[2]}, wrong {r[4]}, false 错误 {r[5][:3]} {r[6][:120]} missing {r[8]}"


def _totals(results: list, started: float) -> str:
    present = sum(r[2] for r in results)
    placed = sum(r[3] for r in results)
    return (f"random layouts: {len(results)} workbooks in {time.perf_counter() - started:.0f} s; placed {placed}/{present} "
            f"({100 * placed / max(present, 1):.2f} %), wrong {sum(r[4] for r in results)}, "
            f"false 错误 {sum(len(r[5]) for r in results)}, not fully right {sum(not r[7] for r in results)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
