"""Check engine speed: full check and one-edit re-check, on the sample and on ten times its rows.

Run: python bench/check_speed.py   (prints medians and p95 in milliseconds)
Targets: incremental re-check under 0.3 ms on the sample and under 2 ms at ten times its rows (the full check
against its arithmetic floor: bench/floor_speed.py).
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from desktop import paths
from desktop.core.catalogue import load_catalogues
from desktop.core.definitions import CellRef
from desktop.core.snapshot import load

ROUNDS = 200


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.3f} ms（中位数）  p95 {sorted(samples)[int(len(samples) * 0.95)] * 1000:7.3f} ms"


def _time_full(ws) -> list[float]:
    out = []
    for _ in range(ROUNDS // 4):
        start = time.perf_counter()
        ws.engine.run_all()
        out.append(time.perf_counter() - start)
    return out


def _time_incremental(ws, cells: list[CellRef]) -> tuple[list[float], list[float]]:
    """Re-check alone, and the whole edit (store commit + values + re-check)."""
    rng = random.Random(1)
    recheck, edit = [], []
    for _ in range(ROUNDS):
        ref = rng.choice(cells)
        value = Decimal(rng.randint(1, 10**7)) / 100
        start = time.perf_counter()
        affected = ws.values.set_typed(ref, value)
        ws.engine.recheck(affected)
        recheck.append(time.perf_counter() - start)
        start = time.perf_counter()
        ws.set_value(ref, value + 1)
        edit.append(time.perf_counter() - start)
    return recheck, edit


def synthetic(sample: dict, scale: int) -> dict:
    """The sample's shape with about `scale` times its 功能分类 rows."""
    codes = [c for c in load_catalogues(2024)["功能分类"].items if len(c) == 7]
    rng = random.Random(7)
    wanted = max(1, len(sample["rows"]["公开03"]) * scale * 2 // 3)
    chosen = sorted(rng.sample(codes, min(wanted, len(codes))))
    cells = {k: v for k, v in sample["cells"].items() if k not in ("公开02", "公开03", "公开05")}
    for form, cols in (("公开02", ["财政拨款收入", "事业收入"]), ("公开03", ["基本支出", "项目支出"]),
                       ("公开05", ["基本支出", "项目支出"])):
        cells[form] = {c: {col: str(Decimal(rng.randint(1, 10**6)) / 100) for col in cols} for c in chosen}
    return {**sample, "rows": {f: [[c] for c in chosen] for f in ("公开02", "公开03", "公开05")}, "cells": cells}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sample = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), Path(folder) / "s.juesuan")
        big = load(synthetic(json.loads(paths.sample_source().read_text(encoding="utf-8")), 10), Path(folder) / "big.juesuan")
        for name, ws in (("示例工作区", sample), ("十倍行数", big)):
            cells = sorted(ref for form in ("公开02", "公开03", "公开05", "公开06")
                           for ref in ws.structure.value_cells(form))
            rows = sum(len(ws.structure.value_rows(f.id)) for f in ws.structure.active)
            print(f"{name}：{rows} 行，{len(ws.engine.instances)} 个检查实例")
            print(f"  全量审核          {_median_ms(_time_full(ws))}")
            recheck, edit = _time_incremental(ws, cells)
            print(f"  单格修改后增量审核 {_median_ms(recheck)}")
            print(f"  单格修改（含写盘） {_median_ms(edit)}")
            ws.close()


if __name__ == "__main__":
    main()
