"""科目目录: importing the official list (1,121 功能分类 codes) from text and from Excel, and what an
imported edition adds to opening a workspace (load_catalogues reads the user's folder every time).

Run: python bench/catalogue_speed.py [--rounds R]   (prints medians)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def median_seconds(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["JUESUAN_DATA_DIR"] = str(tmp / "userdata")
        import openpyxl

        from desktop.core.catalogue import load_catalogues
        from desktop.core.catalogue_import import import_catalogue

        items = load_catalogues(2024)["功能分类"].items
        text = tmp / "功能.txt"
        text.write_text("\n".join(f"{c}\t{n}" for c, n in items.items()), encoding="utf-8")
        book = openpyxl.Workbook()
        for code, name in items.items():
            book.active.append([code, name, "说明"])
        workbook = tmp / "功能.xlsx"
        book.save(workbook)
        shipped = median_seconds(lambda: load_catalogues(2025), args.rounds)
        print(f"导入文本（{len(items)} 个科目）：{median_seconds(lambda: import_catalogue(text, 2025), args.rounds):.3f} s")
        print(f"导入 Excel（{len(items)} 个科目）：{median_seconds(lambda: import_catalogue(workbook, 2025), args.rounds):.3f} s")
        with_user = median_seconds(lambda: load_catalogues(2025), args.rounds)
        print(f"选用科目目录（打开工作区时）：只有自带版本 {shipped * 1000:.1f} ms，另有导入版本 {with_user * 1000:.1f} ms")


if __name__ == "__main__":
    main()
