"""Hostile workbooks (tests/hostile_workbooks.py: zip bombs, merged ranges over whole sheets,
cells at the grid's far corner, deep and entity-laden XML, thousands of sheets, damaged zips and
compound files, wrong kinds, hostile .xls/.ods) each run as a user runs them: `juesuan check FILE
--json` (and `import` for one in four) in its own process, timed and measured; then the whole
folder through one batch `juesuan check DIR --json`.

Run: python bench/workbook_hostile.py [--count 1000] [--seed 0] [--jobs 2]
Targets: 0 tracebacks, 0 internal errors, 0 runs over 10 s, peak memory under 500 MB for every
input under 5 MB, 0 bytes changed in any input; the batch reports every file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile_workbooks import hostile, other_formats  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.cli.main import INTERNAL_ERROR  # noqa: E402
from desktop.core.excel.export import write_workbook  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402

HANG, KILL = 10.0, 60.0


def _run(argv: list[str], cwd: Path) -> tuple[int | None, str, float, int]:
    """Exit status (None when killed by a signal), stderr, seconds and peak memory (KB) of one command.

    The peak is the child's VmHWM, read every 5 ms while it runs: its ru_maxrss would start from
    this process's size (Linux carries it over the exec).
    """
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "desktop", *argv], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _high_water(proc.pid))
            if time.perf_counter() - started > KILL:
                proc.kill()
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return (proc.returncode if proc.returncode >= 0 else None), text, seconds, peak


def _high_water(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone since the poll
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _drive(kind: str, path: Path, n: int, work: Path) -> dict:
    before = _digest(path)
    argv = ["import", str(path), "-o", str(work / f"{n}.juesuan")] if n % 4 == 3 else ["check", str(path), "--json"]
    status, err, seconds, peak = _run(argv, work)
    return {
        "kind": kind, "path": path.name, "size": path.stat().st_size, "status": status, "seconds": seconds, "peak_kb": peak,
        "traceback": "Traceback" in err, "internal": INTERNAL_ERROR in err,
        "unexplained": status == 2 and path.name not in err, "changed": _digest(path) != before, "err": err.strip()[-300:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
        good = folder / "sample.xlsx"
        write_workbook(ws, good)
        ws.close()
        bases = {"xlsx": good, **other_formats(good, folder)}
        inputs, work = folder / "in", folder / "work"
        inputs.mkdir()
        work.mkdir()
        started = time.perf_counter()
        made = list(hostile(bases, inputs, args.count, args.seed))
        print(f"生成 {len(made)} 个文件：{time.perf_counter() - started:.0f} s（基础格式：{'、'.join(bases)}）")
        with ThreadPoolExecutor(args.jobs) as pool:
            runs = list(pool.map(lambda item: _drive(item[1][0], item[1][1], item[0], work), enumerate(made)))
        before = {p.name: _digest(p) for _, p in made}
        started = time.perf_counter()
        batch = subprocess.run([sys.executable, "-m", "desktop", "check", str(inputs), "--json", "--jobs", str(args.jobs)],
                               cwd=work, capture_output=True, timeout=3600)
        batch_seconds = time.perf_counter() - started
        changed_by_batch = sum(_digest(inputs / name) != digest for name, digest in before.items())
    _print(runs, batch, batch_seconds, changed_by_batch)


def _print(runs: list[dict], batch, batch_seconds: float, changed_by_batch: int) -> None:
    small = [r for r in runs if r["size"] < 5 * 1024 * 1024]
    print(f"{'类别':<14}{'个数':>6}{'退出0/1':>8}{'退出2':>7}{'最慢 s':>8}{'内存峰值 MB':>12}")
    for kind in dict.fromkeys(r["kind"] for r in runs):
        mine = [r for r in runs if r["kind"] == kind]
        print(f"{kind:<14}{len(mine):>6}{sum(r['status'] in (0, 1) for r in mine):>8}{sum(r['status'] == 2 for r in mine):>7}"
              f"{max(r['seconds'] for r in mine):>8.2f}{max(r['peak_kb'] for r in mine) / 1024:>12.0f}")
    figures = {
        "输入": len(runs), "tracebacks": sum(r["traceback"] for r in runs), "内部错误": sum(r["internal"] for r in runs),
        "其他退出码或被终止": sum(r["status"] not in (0, 1, 2) for r in runs),
        "退出码 2 未点名文件": sum(r["unexplained"] for r in runs),
        f"超过 {HANG:.0f} s": sum(r["seconds"] > HANG for r in runs),
        "输入 <5 MB 的最大内存峰值 MB": f"{max(r['peak_kb'] for r in small) / 1024:.0f}",
        "被改动的输入（单独运行）": sum(r["changed"] for r in runs),
        "最慢 s": f"{max(r['seconds'] for r in runs):.2f}",
    }
    for label, value in figures.items():
        print(f"{label:<28}{value:>10}")
    reports = [json.loads(line) for line in batch.stdout.splitlines() if line.startswith(b"{")]  # one JSON line a file
    print(f"批量审核整个文件夹：退出码 {batch.returncode}，{batch_seconds:.0f} s，报告 {len(reports)} 份，"
          f"内部错误 {sum(INTERNAL_ERROR in r.get('reason', '') for r in reports)}，被改动的输入 {changed_by_batch}")
    for r in runs:
        if r["traceback"] or r["internal"] or r["unexplained"] or r["status"] not in (0, 1, 2) or r["seconds"] > HANG or r["changed"]:
            print(f"\n[{r['kind']}] {r['path']} 退出 {r['status']} {r['seconds']:.1f}s\n{r['err']}")


if __name__ == "__main__":
    main()
