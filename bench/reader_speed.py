"""The readers measured against each other: the hand-written XML reader (own exports), openpyxl
(other workbooks, number formats) and python-calamine (.xls, .ods), on the sample's export and a
layout workbook, each also saved as .xls and .ods by LibreOffice; then `juesuan check --json` as a
whole process on each format.

Run: python bench/reader_speed.py [--rounds N]   (needs soffice; prints medians in milliseconds)
Targets: `check sample.xlsx --json` ≤ 0.25 s; the .xls no slower than 2× the .xlsx.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from desktop import paths
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook
from desktop.core.excel.xlsx_values import read_values
from desktop.core.snapshot import load

LAYOUT = Path(__file__).resolve().parents[2] / "shared/realdocs/layouts/xlsx/b03_colorder.xlsx"


def _ms(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _xml(path: Path) -> None:
    book = read_values(path)
    for name in book.sheetnames:
        list(book[name].iter_rows(values_only=True))
    book.close()


def _openpyxl(path: Path) -> None:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, data_only=True)
    for sheet in book.worksheets:
        list(sheet.iter_rows(values_only=True))


def _calamine(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    book.close()


def _converted(book: Path, folder: Path) -> dict[str, Path]:
    out = {"xlsx": book}
    for kind in ("xls", "ods"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", kind,
                        "--outdir", str(folder), str(book)], check=True, capture_output=True, timeout=180)
        out[kind] = folder / f"{book.stem}.{kind}"
    return out


def _check_seconds(path: Path, rounds: int, folder: Path) -> float:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    samples = []
    for _ in range(rounds + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "check", str(path), "--json"], env=env, cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples[1:])  # the first compiles what the others load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
        sample = folder / "sample.xlsx"
        write_workbook(ws, sample)
        ws.close()
        books = {"示例导出": _converted(sample, folder)}
        if LAYOUT.exists():
            books["版式工作簿 b03"] = _converted(LAYOUT, folder)
        print(f"读取全部单元格（进程内，{args.rounds} 次中位数，毫秒）")
        for label, files in books.items():
            xml = f"{_ms(lambda: _xml(files['xlsx']), args.rounds):7.1f}" if read_values(files["xlsx"]) else "   不适用"
            print(f"  {label}：XML 读取器 {xml}  openpyxl {_ms(lambda: _openpyxl(files['xlsx']), args.rounds):7.1f}  "
                  + "  ".join(f"calamine {k} {_ms(lambda p=p: _calamine(p), args.rounds):6.1f}" for k, p in files.items()))
            print(f"  {label}：导入（read_workbook） " + "  ".join(
                f"{k} {_ms(lambda p=p: read_workbook(p), args.rounds):7.1f}" for k, p in files.items()))
        print(f"整进程 juesuan check --json（{args.rounds} 次中位数，秒）")
        for label, files in books.items():
            seconds = {k: _check_seconds(p, args.rounds, folder) for k, p in files.items()}
            print(f"  {label}：" + "  ".join(f"{k} {s:.3f}" for k, s in seconds.items())
                  + f"   xls ÷ xlsx = {seconds['xls'] / seconds['xlsx']:.2f}")


if __name__ == "__main__":
    main()
