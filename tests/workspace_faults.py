"""Hurt workspaces, made on purpose, and every command run on each: the figures the file-safety test and
bench/workspace_faults.py keep (tracebacks, bytes changed by commands that must change nothing)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop import paths
from desktop.cli.main import INTERNAL_ERROR as INTERNAL, main
from desktop.core.snapshot import load
from desktop.core.store.holder import WINDOW, try_hold

# Commands that promise to change nothing in the workspace's folder, and commands that write.
READERS = [["check"], ["check", "--json"], ["show", "公开09"], ["export", "-o", "{out}/x.xlsx", "--force"]]
WRITERS = [["set", "公开09", "决算数", "会议费", "12.5"], ["note", "公开07", "本单位无政府性基金"]]


@dataclass
class Tally:
    variants: int = 0
    runs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # bytes changed where nothing may change
    unexplained: list[str] = field(default_factory=list)  # exit 2 without a message naming the file
    exits: dict[int, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)


def listing(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def sample_file(folder: Path) -> Path:
    """A healthy workspace, closed: the sample's figures."""
    path = folder / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), path).close()
    return path


def _sql(path: Path, *statements) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            for statement in statements:
                conn.execute(*statement) if isinstance(statement, tuple) else conn.execute(statement)
    finally:
        conn.close()


JUNK = ["abc", "NaN", "Infinity", "-inf", "1e400", "１２", "", " ", "12,34", b"\x00\xff", 1e308, -0.0, 2**62, 3.5]


def _crashed_writer(path: Path, wal: bool) -> None:
    """A process that dies in the middle of a write (rollback journal: a hot journal is left) or
    after a commit it never checkpointed (WAL: a -wal with the commit is left)."""
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        f"conn.execute('pragma journal_mode = {'wal' if wal else 'delete'}')\n"
        "conn.execute('pragma cache_size = 1')\n"
        "conn.execute('pragma wal_autocheckpoint = 0')\n"
        "conn.execute('begin immediate')\n"
        "conn.execute(\"update cells set value = '7.00'\")\n"
        "conn.execute(\"insert into history (time, action, form, row, col) select 't', 'x', 'f', 'r', "
        "randomblob(400) from history, history limit 3000\")\n"
        f"{'conn.execute(chr(67)+chr(79)+chr(77)+chr(77)+chr(73)+chr(84))' if wal else ''}\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)


def _drop_column(path: Path, rng: random.Random) -> None:
    table = rng.choice(["cells", "unit", "texts", "coded_rows", "history"])
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute(f"pragma table_info({table})")]
    conn.close()
    kept = ", ".join(c for c in columns if c != rng.choice(columns))
    _sql(path, f"create table spare as select {kept} from {table}", f"drop table {table}",
         f"alter table spare rename to {table}")


def hurt(kind: str, path: Path, rng: random.Random) -> Path:
    """Damage `path` (a healthy workspace) in the way `kind` names; the path to run the commands on."""
    if kind == "named pipe":
        path.unlink()
        os.mkfifo(path)
    elif kind == "missing column":
        _drop_column(path, rng)
    elif kind == "schema version 0":
        _sql(path, "pragma user_version = 0")
    elif kind in ("leftover journal", "committed wal, read-only folder"):
        _crashed_writer(path, wal=kind != "leftover journal")
    elif kind == "control characters":
        _sql(path, ("update unit set value = ? where key = '单位名称'", ("单位\x00甲\x07\x1b乙\ufffe",)),
             ("insert or replace into texts values ('情况说明', ?)", ("一、概况\x00\x0b\x0c 正文",)),
             ("insert or replace into empty_notes values ('公开07', ?)", ("无\x01\x02",)))
    elif kind == "name too long for its journal":
        longer = path.with_name("长" * 82 + ".juesuan")  # 254 bytes; its -journal would be 262
        path.rename(longer)
        return longer
    elif kind == "flipped bytes":
        data = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
    elif kind == "overwritten page":
        data = bytearray(path.read_bytes())
        start = rng.randrange(0, len(data), 512)
        data[start:start + rng.choice([16, 512, 4096])] = bytes(rng.randrange(256) for _ in range(16)) * 256
        path.write_bytes(bytes(data[: len(path.read_bytes())]))
    elif kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: rng.randrange(len(data))])
    elif kind == "dropped table":
        _sql(path, f"drop table {rng.choice(['cells', 'unit', 'coded_rows', 'history', 'texts', 'explanations'])}")
    elif kind == "bad cell":
        conn = sqlite3.connect(path)
        keys = [tuple(r) for r in conn.execute("select form, row, col from cells order by form, row, col")]
        conn.close()
        for key in rng.sample(keys, rng.randint(1, 5)):
            _sql(path, ("update cells set value = ? where form = ? and row = ? and col = ?", (rng.choice(JUNK), *key)))
    elif kind == "bad 科目 row":
        column, value = rng.choice([
            ("code", "abc"), ("code", ""), ("code", "20801019"), ("code", None), ("name", None), ("name", b"\xff"),
            ("form", "公开99"), ("form", None), ("custom", "x"), ("custom", None), ("code", 2080101),
        ])
        _sql(path, (f"update or ignore coded_rows set {column} = ? where rowid in (select rowid from coded_rows limit ?)",
                    (value, rng.randint(1, 3))))
    elif kind == "odd text":
        table, column = rng.choice([("texts", "text"), ("empty_notes", "text"), ("explanations", "text"),
                                    ("empty_notes", "form"), ("explanations", "key"), ("unit", "key")])
        value = rng.choice([b"\xff\xfe", 12, 3.5, "\x00\x0b=1", "x" * 100000, "公开99"])
        key = "form" if table == "empty_notes" else "key"
        _sql(path, "insert or ignore into texts values ('情况说明', '正文')",
             "insert or ignore into empty_notes values ('公开07', '无')",
             (f"update or ignore {table} set {column} = ? where {key} in (select {key} from {table} limit 1)", (value,)))
    elif kind == "bad unit fact":
        fact = rng.choice(["年度", "金额单位", "单位性质", "公开主体"])
        _sql(path, ("update unit set value = ? where key = ?", (rng.choice(["abcd", "美元", "", "公司", "20240"]), fact)))
    elif kind == "foreign database":
        path.unlink()
        _sql(path, "pragma journal_mode = wal" if rng.random() < 0.5 else "select 1", "create table t(x)")
    elif kind == "newer version":
        _sql(path, "pragma user_version = 99")
    elif kind == "not a database":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000))))
    elif kind in ("held by a window", "read-only folder", "full disk", "file-size limit"):
        pass  # made by the runner around the commands
    else:
        raise ValueError(kind)
    return path


KINDS = [
    "flipped bytes", "overwritten page", "truncated", "dropped table", "bad cell", "bad 科目 row", "odd text",
    "bad unit fact",
    "foreign database", "newer version", "not a database", "held by a window", "read-only folder", "full disk",
    "named pipe", "missing column", "schema version 0", "leftover journal", "committed wal, read-only folder",
    "control characters", "name too long for its journal", "file-size limit",
]
# Kinds whose damage reaches the written documents: the commands that write them run too.
DOCUMENTS = {"control characters": [["publish", "-o", "{out}/p.docx", "--force", "--allow-errors"],
                                    ["publish", "-o", "{out}/p.pdf", "--force", "--allow-errors"]]}
# A quota on the size of any file written (RLIMIT_FSIZE), as a user's disk quota: the export hits it.
_FILE_SIZE_LIMIT = 64 * 1024


def run_command(argv: list[str]) -> tuple[int | None, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as exc:  # escaping main() is exactly what is counted
        return None, f"{type(exc).__name__}: {exc}"
    return code, err.getvalue()


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m"):
    """A tmpfs of its own at `folder` (root, as CI runs); yields False where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    ).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def disk(folder: Path, kind: str):
    """The folder the variant lives in: its own tmpfs where the kind fills it or makes it read-only."""
    if kind in ("full disk", "read-only folder", "committed wal, read-only folder"):
        with small_disk(folder) as mounted:
            yield mounted
    else:
        folder.mkdir(parents=True, exist_ok=True)
        yield False


def fill(folder: Path) -> None:
    fd = os.open(folder / "填满磁盘", os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (b"x" * 65536, b"x" * 512, b"x"):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, chunk)
    finally:
        os.close(fd)


def trial(tally: Tally, healthy: Path, root: Path, kind: str, rng: random.Random, index: int) -> None:
    folder = root / f"v{index}"
    out = root / f"out{index}"
    out.mkdir()
    with disk(folder, kind) as mounted:
        path = folder / "ws.juesuan"
        shutil.copyfile(healthy, path)
        path = hurt(kind, path, rng)
        holder = try_hold(path, WINDOW) if kind == "held by a window" else None
        if kind == "full disk" and mounted:
            fill(folder)
        if kind in ("read-only folder", "committed wal, read-only folder") and mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        tally.variants += 1
        tally.by_kind[kind] = tally.by_kind.get(kind, 0) + 1
        try:
            for command in READERS + DOCUMENTS.get(kind, []) + WRITERS:
                argv = [command[0], str(path), *(a.format(out=out) for a in command[1:])]
                before = listing(folder)
                start = time.perf_counter()
                with _file_size_limit(kind == "file-size limit"):
                    code, err = run_command(argv)
                tally.seconds.append(time.perf_counter() - start)
                tally.runs += 1
                tally.exits[code] = tally.exits.get(code, 0) + 1
                label = f"{kind} #{index}: juesuan {' '.join(argv[:1] + argv[2:])}"
                if code is None or INTERNAL in err or "Traceback" in err:
                    tally.tracebacks.append(f"{label}: {err.strip()[:300]}")
                # A refusal names the workspace, or the output file it could not write.
                if code == 2 and ((str(path) not in err and str(out) not in err) or "错误：" not in err):
                    tally.unexplained.append(f"{label}: {err.strip()[:300]}")
                if (command not in WRITERS or code == 2) and listing(folder) != before:
                    tally.changed.append(label)
        finally:
            if holder is not None:
                holder.release()
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _file_size_limit(on: bool):
    if not on:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (_FILE_SIZE_LIMIT, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def run_trials(count: int, root: Path, seed: int = 20261130) -> Tally:
    rng = random.Random(seed)
    (root / "healthy").mkdir(parents=True, exist_ok=True)
    healthy = sample_file(root / "healthy")
    tally = Tally()
    for index in range(count):
        trial(tally, healthy, root, KINDS[index % len(KINDS)], rng, index)
    return tally


PAYLOADS = ['=HYPERLINK("http://x","点此")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1+1", "=1\n=2"]


def formula_injection(folder: Path) -> tuple[int, int]:
    """Formula-like text in every text field the user can write, exported: (texts written, formula cells)."""
    from desktop.core.excel.export import write_workbook
    from desktop.core.text_sections import NARRATIVE_KEY, text_sections

    path = sample_file(folder)
    from desktop.core.workspace import Workspace

    ws = Workspace.open(path)
    written = 0
    try:
        for i, payload in enumerate(PAYLOADS):
            ws.set_unit("单位名称", payload)
            ws.set_unit("主管部门", payload)
            for form in ws.structure.active:
                if form.published:
                    ws.set_empty_note(form.id, payload)
            for finding in ws.findings():
                if finding.severity != "错误":
                    ws.set_explanation(finding.key, payload)
            for key in [NARRATIVE_KEY] + [s.key for s in text_sections()]:
                ws.set_text(key, payload)
            ws.add_row("公开02", f"20899{i:02d}", payload)
            written += 1
            target = folder / f"注入{i}.xlsx"
            write_workbook(ws, target)
            book = __import__("openpyxl").load_workbook(target)
            formulas = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
            if formulas:
                return written, len(formulas)
    finally:
        ws.close()
    return written, 0
