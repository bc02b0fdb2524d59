"""Bad workbooks on purpose, for fuzzing the import: the same seed gives the same files.

`variants(good, folder, count, seed)` writes `count` files made from `good` (an export of a
workspace) and yields (kind, path). `drive(path, folder)` runs one file through the command
line entry as a user would and reports what happened. Used by tests/test_workbook_fuzz.py
and bench/workbook_fuzz.py.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import random
import re
import statistics
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from desktop.cli.main import INTERNAL_ERROR as INTERNAL, main
from desktop.core.excel.meta import SHEET

JUNK = ["", "-3", "0", "四", "公开99", "99999999", "1048570", "²０２４", "=SUM(A1:A3)", "\\u00zz", "x" * 40_000, "#REF!", "2080101",
        "目录", SHEET, "公开02", "公开05", "财政拨款收入", "1e300", "abc", "自定义", "9990101", "2025", "元", 7, 1e300, True]
EXTREMES = [1e300, -1e300, 1e15, 12345678901234567890, "1e300", "-1e400", "inf", "NaN", "1,23", "١٢٣", "(1,2.3)",
            "99999999999999999999", 0.1 + 0.2, -0.0]
ODD_VALUES = [True, False, datetime.datetime(2024, 2, 29), datetime.date(1900, 1, 1), datetime.time(12, 30), "#REF!",
              "#DIV/0!", "#N/A", "=1/0", "=SUM(A1:A3)", "七" * 33_000, "12\t34", "a\u2028b", "_x000B_", "\x7f", ""]
CONTROL_TEXT = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")


def _bytes(rng, good: Path, path: Path) -> None:
    path.write_bytes(rng.randbytes(rng.choice([0, 1, 4, 100, 5000])))


def _zip_magic(rng, good: Path, path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + rng.randbytes(rng.randint(0, 3000)))


def _truncated(rng, good: Path, path: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: rng.randint(0, len(data) - 1)])


def _bit_flips(rng, good: Path, path: Path) -> None:
    data = bytearray(good.read_bytes())
    for _ in range(rng.choice([1, 2, 8, 64])):
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def zip_parts(good: Path) -> dict[str, bytes]:
    """Every part of a workbook's zip by name."""
    with zipfile.ZipFile(good) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _member_removed(rng, good: Path, path: Path) -> None:
    parts = zip_parts(good)
    del parts[rng.choice(sorted(parts))]
    write_zip_parts(path, parts)


def _xml_corrupted(rng, good: Path, path: Path) -> None:
    parts = zip_parts(good)
    name = rng.choice(sorted(parts))
    data = parts[name]
    how = rng.randrange(4)
    if how == 0:
        data = data[: rng.randrange(len(data) or 1)]
    elif how == 1:
        at = rng.randrange(len(data) or 1)
        data = data[:at] + rng.choice([b"<", b"&", b"\x00", b"</x>", b"&#1;", b"\xff\xfe"]) + data[at:]
    elif how == 2:  # a number of a cell or an attribute made nonsense
        data = re.sub(rb'(<v>)[^<]*(</v>)', lambda m: m.group(1) + rng.choice([b"x", b"inf", b"-", b"1e99999"]) + m.group(2),
                      data, count=rng.randint(1, 5))
        data = re.sub(rb'(r|s|t)="[^"]*"', lambda m: m.group(1) + b'="' + rng.choice([b"", b"-1", b"ZZZ0", b"q"]) + b'"',
                      data, count=rng.choice([0, 1]))
    else:
        data = b""
    parts[name] = data
    write_zip_parts(path, parts)


def _hidden_damaged(rng, good: Path, path: Path) -> None:
    wb = openpyxl.load_workbook(good)
    sheet = wb[SHEET]
    for _ in range(rng.choice([1, 1, 3])):
        r = rng.randint(1, sheet.max_row + 1)
        c = rng.randint(1, 6)
        sheet.cell(r, c).value = rng.choice(JUNK) or None
    if rng.random() < 0.2:
        sheet.delete_rows(1)
    wb.save(path)


def _with_cells(rng, good: Path, path: Path, values: list, hidden: bool) -> None:
    wb = openpyxl.load_workbook(good)
    if not hidden:
        del wb[SHEET]
    printed = [s for s in wb.worksheets if s.title != SHEET]
    for _ in range(rng.choice([1, 3, 10])):
        sheet = rng.choice(printed)
        figures = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
        cell = rng.choice(figures) if figures and rng.random() < 0.8 else sheet.cell(rng.randint(1, 60), rng.randint(1, 12))
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = rng.choice(values)
    wb.save(path)


def _extreme(rng, good: Path, path: Path) -> None:
    _with_cells(rng, good, path, EXTREMES, hidden=rng.random() < 0.5)


def _odd_cells(rng, good: Path, path: Path) -> None:
    _with_cells(rng, good, path, ODD_VALUES, hidden=rng.random() < 0.5)


def _controls(rng, good: Path, path: Path) -> None:
    """Control characters the way files carry them: Excel's _xHHHH_ escapes, and raw in the XML."""
    parts = zip_parts(good)
    name = rng.choice([n for n in parts if n.startswith("xl/worksheets/")])
    xml = parts[name].decode()
    escaped = "".join(f"_x{ord(ch):04X}_" for ch in rng.sample(CONTROL_TEXT, 5))
    xml = re.sub(r"<t>", lambda m: "<t>" + (escaped if rng.random() < 0.2 else ""), xml)
    if rng.random() < 0.5:  # raw controls are not XML: the file is damaged
        xml = xml.replace("<t>", "<t>\x0b", 1)
    parts[name] = xml.encode()
    write_zip_parts(path, parts)


def _formulas(rng, good: Path, path: Path) -> None:
    _with_cells(rng, good, path, ["=SUM(A1:A3)", "=1/0", "=A1", '=HYPERLINK("http://x","y")', "=B5*2"],
                hidden=rng.random() < 0.5)


def _big_sheet(rng, good: Path, path: Path) -> None:
    wb = openpyxl.load_workbook(good)
    if rng.random() < 0.5:
        del wb[SHEET]
    sheet = wb[rng.choice(["公开05", "公开02", "目录"])]
    top = sheet.max_row + 1
    for r in range(top, top + 10_000):
        sheet.cell(r, 1, rng.choice(["2080101", "行政运行", f"第{r}行", None]))
        for c in range(2, 8):
            sheet.cell(r, c, rng.choice([r * 1.25, "1,234.50", None, "—"]))
    wb.save(path)


def _relaid(rng, good: Path, path: Path) -> None:
    """Rows and columns inserted, deleted and merged, values moved: what hands do to a sheet in Excel."""
    wb = openpyxl.load_workbook(good)
    if rng.random() < 0.5:
        del wb[SHEET]
    printed = [s for s in wb.worksheets if s.title != SHEET]
    for _ in range(rng.choice([1, 3, 8])):
        sheet = rng.choice(printed)
        how = rng.randrange(6)
        at = rng.randint(1, max(sheet.max_row, 2))
        if how == 0:
            sheet.insert_rows(at, rng.randint(1, 3))
        elif how == 1:
            sheet.delete_rows(at, rng.randint(1, 3))
        elif how == 2:
            sheet.insert_cols(rng.randint(1, 6))
        elif how == 3:
            sheet.delete_cols(rng.randint(1, 6))
        elif how == 4:  # merged over whatever is there (openpyxl cannot unmerge after rows moved)
            sheet.merge_cells(start_row=at, start_column=1, end_row=at + rng.randint(0, 3), end_column=rng.randint(1, 4))
        else:
            cells = [c for row in sheet.iter_rows() for c in row if type(c).__name__ == "Cell"]
            a, b = rng.choice(cells), rng.choice(cells)
            a.value, b.value = b.value, a.value
    wb.save(path)


def _no_tables(rng, good: Path, path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = rng.choice(["会议签到表", "", "目录"])
    for _ in range(rng.randint(0, 30)):
        wb.active.cell(rng.randint(1, 40), rng.randint(1, 10), rng.choice([12.5, "文字", 1e300, None]))
    wb.save(path)


def _empty_zip(rng, good: Path, path: Path) -> None:
    with zipfile.ZipFile(path, "w"):
        pass


def _directory(rng, good: Path, path: Path) -> None:
    path.mkdir()


MAKERS = {
    "random bytes": _bytes, "zip magic then junk": _zip_magic, "truncated": _truncated, "bit flips": _bit_flips,
    "member removed": _member_removed, "corrupted XML": _xml_corrupted, "damaged _juesuan": _hidden_damaged,
    "extreme numbers": _extreme, "odd cells": _odd_cells, "control characters": _controls, "formulas": _formulas,
    "re-laid sheets": _relaid, "no tables": _no_tables, "empty zip": _empty_zip, "directory": _directory, "10,000 rows": _big_sheet,
}
# How often each kind comes, by weight: the 10,000-row sheets take seconds each, the rest milliseconds.
WEIGHTS = {kind: 1 for kind in MAKERS} | {"10,000 rows": 0.1, "damaged _juesuan": 2, "bit flips": 2, "corrupted XML": 2}


# For a quick run: files the reader refuses at once come more often, those it imports less.
QUICK = WEIGHTS | {"random bytes": 4, "zip magic then junk": 4, "truncated": 4, "bit flips": 4, "no tables": 4,
                   "empty zip": 4, "directory": 4, "damaged _juesuan": 1, "corrupted XML": 1, "10,000 rows": 0}


def variants(good: Path, folder: Path, count: int, seed: int = 0, weights: dict[str, float] = WEIGHTS):
    """(kind, path) for `count` bad inputs; each kind at least once when count allows."""
    rng = random.Random(seed)
    kinds = list(MAKERS)
    chosen = kinds[:count] + rng.choices(kinds, weights=[weights[k] for k in kinds], k=max(0, count - len(kinds)))
    for i, kind in enumerate(chosen):
        path = folder / f"{i:04d}.xlsx"
        MAKERS[kind](random.Random(rng.random()), good, path)
        yield kind, path


@dataclass
class Outcome:
    """What the command line did with one input, over the three commands."""

    kind: str
    path: Path
    exits: list[int | None] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # exit 2 without a Chinese message naming the file
    partial: list[str] = field(default_factory=list)
    seconds: float = 0.0


COMMANDS = (("check",), ("check", "--json"), ("import",))


def drive(kind: str, path: Path, out: Path) -> Outcome:
    """Runs `check`, `check --json` and `import -o` on the file in-process, as `juesuan` would."""
    outcome = Outcome(kind, path)
    start = time.perf_counter()
    for command in COMMANDS:
        target = out / "导入.juesuan"
        argv = [command[0], str(path), *command[1:]] + (["-o", str(target)] if command[0] == "import" else [])
        err = io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                status = main(argv)
        except SystemExit as exc:  # argparse refusing the arguments
            status = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001 - anything escaping main() is what the fuzzing looks for
            outcome.tracebacks.append(f"{' '.join(command)}: {traceback.format_exc()}")
            status = None
        outcome.exits.append(status)
        message = err.getvalue()
        if INTERNAL in message:  # the command line's last resort caught it: still a traceback
            outcome.tracebacks.append(f"{' '.join(command)}: {message.strip()[:500]}")
        if status == 2 and not (path.name in message and re.search(r"[\u4e00-\u9fff]", message)):
            outcome.unexplained.append(f"{' '.join(command)}: {message.strip()[:300]}")
        if command[0] == "import":
            left = sorted(p.name for p in out.iterdir() if not (status == 0 and p == target))
            outcome.partial += left
            for p in out.iterdir():
                p.unlink()
    outcome.seconds = time.perf_counter() - start
    return outcome


def fuzz(good: Path, folder: Path, count: int, seed: int, weights: dict[str, float] = WEIGHTS,
         workers: int = 1) -> list["Outcome"]:
    """`count` bad inputs made from the good workbook, each driven through the command line; with
    `workers`, that many processes drive them side by side (the command line prints to the one
    stdout of its process, so not threads)."""
    inputs = folder / "in"
    inputs.mkdir()
    jobs = []
    for kind, path in variants(good, inputs, count, seed, weights):
        out = folder / "out" / path.stem
        out.mkdir(parents=True)
        jobs.append((kind, path, out))
    if workers == 1:
        return [drive(*job) for job in jobs]
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.starmap(drive, jobs, chunksize=1)


def summary(outcomes: list[Outcome]) -> dict:
    seconds = [o.seconds for o in outcomes]
    exits: dict[int, int] = {}
    for o in outcomes:
        for status in o.exits:
            exits[status] = exits.get(status, 0) + 1
    by_kind: dict[str, int] = {}
    for o in outcomes:
        by_kind[o.kind] = by_kind.get(o.kind, 0) + 1
    return {
        "inputs": len(outcomes),
        "by_kind": by_kind,
        "exits": dict(sorted(exits.items(), key=lambda e: (e[0] is None, e[0] or 0))),
        "tracebacks": sum(len(o.tracebacks) for o in outcomes),
        "odd_exits": sum(1 for o in outcomes for s in o.exits if s is not None and s not in (0, 1, 2)),
        "unexplained": sum(len(o.unexplained) for o in outcomes),
        "partial": sum(len(o.partial) for o in outcomes),
        "median_seconds": statistics.median(seconds) if seconds else 0.0,
        "max_seconds": max(seconds, default=0.0),
    }
