"""Kill trials: a window-like child edits the workspace file and is SIGKILLed; every acknowledged edit must survive.

Run as a script, this is the child: it opens the file as the window does (`open_session`),
edits through the session (the undoable commands), exports the way the window's `Transfers`
does, and appends one line per step to a log, flushed per line, so the parent knows what
was acknowledged. Imported, it is the parent: `run_trial` and `regression_trial` start a
child, run command-line readers against the same file from this (other) process, kill the
child, then reopen the file and check it. Shared by tests/test_durability.py and
bench/durability.py.

Log lines: ``ready``; ``try|form|row|col|value`` before an edit and ``ok|...`` once it has
returned; ``exporting`` when an export begins and ``exported`` when it is written; ``done`` when a
scripted run has finished.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve()
WORKSPACE = "工作区.juesuan"
LOG = "child.log"
START_TIMEOUT = 30.0  # seconds for a child to open the file; generous for a loaded CI machine
# Only one reader at a time in this process: the command line prints to sys.stdout, which is swapped.
_reader_lock = threading.Lock()


# -- the child -------------------------------------------------------------------------


def _child(path: Path, log_path: Path, seed: int, mode: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.core.definitions import CellRef
    from desktop.core.money import to_text
    from desktop.gui.background import Background
    from desktop.gui.opening import open_session
    from desktop.gui.transfers import Transfers

    app = QCoreApplication([])
    log = log_path.open("a", encoding="utf-8", buffering=1)  # line-buffered: each line reaches the OS at once

    def say(line: str) -> None:
        log.write(line + "\n")

    session = open_session(path)
    assert not session.read_only, "the child must hold the file, as the window does"
    background = Background()

    def status(text: str, _ms: int = 0) -> None:
        if text.startswith("已导出"):
            say("exported")

    transfers = Transfers(None, background, lambda: session, status, lambda _path: False)
    cells = sorted(session.workspace.values.typed)
    rng = random.Random(seed)
    book = path.with_name("导出.xlsx")
    count = 0

    def edit() -> None:
        nonlocal count
        count += 1
        ref: CellRef = rng.choice(cells)
        value = Decimal(f"{1000 + count}.{rng.randrange(100):02d}")  # never the value already there
        line = "|".join([ref.form, ref.row, ref.col, to_text(value)])
        say("try|" + line)
        if session.edit_values([(ref, value)], "填写"):
            app.sendPostedEvents()  # as the window's loop does, once the edit is shown: its commit
            say(("refused|" if session.workspace.store.unsettled else "ok|") + line)
        else:
            say("refused|" + line)
        app.processEvents()  # the background's results and the session's timers, as the window's loop runs them

    def export_and_wait() -> None:
        transfers.export_to(book)
        while background.busy:
            app.processEvents()
            time.sleep(0.002)

    say("ready")
    if mode == "scripted":
        # The regression: edit, export, let another process open and close the file, edit on.
        edit()
        export_and_wait()
        sys.stdin.readline()  # the parent's reader has opened and closed the file
        for _ in range(5):
            edit()
        say("done")
        while True:
            time.sleep(1)
    def export() -> None:
        say("exporting")
        transfers.export_to(book)

    if rng.random() < 0.5:
        # An export from the first moment, edits going on beside it: begun only after a few dozen
        # edits, an export (its first loads the spreadsheet library) was rarely under way at the kill
        # on a slow machine.
        export()
    while True:
        edit()
        if not background.busy and rng.random() < 0.03:
            export()
        pause = rng.choice((0, 0, 0, 0.002, 0.01))
        if pause:
            time.sleep(pause)


# -- the parent ------------------------------------------------------------------------


@dataclass
class TrialResult:
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)  # acknowledged edits not in the file after the kill
    corrupt: str = ""  # what the integrity check said, when not ok
    exports: int = 0  # written whole
    exports_begun: int = 0  # a kill may come in the middle of one
    readers: int = 0
    reader_failures: list[str] = field(default_factory=list)
    child_error: str = ""  # the child ended or stalled before it was killed
    seconds: float = 0.0

    @property
    def sound(self) -> bool:
        return not (self.lost or self.corrupt or self.reader_failures or self.child_error)


def make_template(folder: Path) -> Path:
    """The sample workspace, closed (so its journal is folded in), for each trial to copy."""
    from desktop import paths
    from desktop.core.snapshot import load

    path = folder / "template.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), path).close()
    return path


def run_reader(path: Path) -> str:
    """`juesuan check FILE --json`, as another program would run it: opens the file, reads, closes it.

    Returns "" when it worked, else what went wrong.
    """
    from desktop.cli.main import main

    with _reader_lock:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", str(path), "--json"])
    if status not in (0, 1):  # 1: the figures have errors, which random edits make
        return f"check exited {status}: {err.getvalue().strip()[:300]}"
    try:
        json.loads(out.getvalue())
    except ValueError:
        return f"check printed no JSON: {out.getvalue()[:300]}"
    return ""


def _start_child(folder: Path, template: Path, seed: int, mode: str) -> tuple[subprocess.Popen, Path, Path]:
    path = folder / WORKSPACE
    path.write_bytes(template.read_bytes())
    log = folder / LOG
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with (folder / "child.err").open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(log), str(seed), mode],
            env=env, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err,
        )
    return child, path, log


def _lines(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8")
    return text.split("\n")[:-1]  # a line cut by the kill has no newline yet and does not count


def _wait_for(child: subprocess.Popen, log: Path, line: str, timeout: float = START_TIMEOUT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if line in _lines(log):
            return True
        if child.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def _child_error(folder: Path, child: subprocess.Popen, what: str) -> str:
    err = (folder / "child.err").read_text(encoding="utf-8", errors="replace").strip()
    return f"{what} (exit {child.returncode}): {err[-800:]}"


def _kill(child: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    if child.stdin:
        child.stdin.close()


def check_file(path: Path, log: Path, template: Path, result: TrialResult) -> None:
    """Reopens the file after the kill: healthy, every acknowledged edit there, nothing else changed.

    The one edit that was started but not acknowledged may or may not have landed.
    """
    acked: dict[tuple[str, str, str], Decimal] = {}
    pending: tuple[tuple[str, str, str], Decimal] | None = None
    for line in _lines(log):
        kind, _, rest = line.partition("|")
        if kind not in ("try", "ok"):
            continue
        form, row, col, value = rest.split("|")
        if kind == "try":
            pending = ((form, row, col), Decimal(value))
        else:
            acked[(form, row, col)] = Decimal(value)
            result.acknowledged += 1
            pending = None
    result.exports = _lines(log).count("exported")
    result.exports_begun = _lines(log).count("exporting")

    def cells(file: Path) -> dict[tuple[str, str, str], Decimal]:
        found, verdict = file_cells(file)
        result.corrupt = result.corrupt or verdict
        return found

    before = cells(template)
    try:
        after = cells(path)
    except sqlite3.DatabaseError as exc:
        result.corrupt = str(exc)
        return
    expected = {**before, **acked}
    for key in set(expected) | set(after):
        have = after.get(key)
        if have == expected.get(key):
            continue
        if pending is not None and key == pending[0] and have == pending[1]:
            continue  # the edit under way when the child was killed landed
        if key in acked:
            result.lost.append(f"{'|'.join(key)}: acknowledged {acked[key]}, file has {have}")
        else:
            result.corrupt = result.corrupt or f"{'|'.join(key)} changed from {before.get(key)} to {have}"


def file_cells(file: Path, read_only: bool = False) -> tuple[dict[tuple[str, str, str], Decimal], str]:
    """The file's cells and what SQLite's integrity check says of it ("" when sound). Opened for
    writing, a journal a killed writer left is rolled back first, as the program does on opening;
    `read_only` judges a copy exactly as it stands."""
    from desktop.core.money import from_text

    conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True) if read_only else sqlite3.connect(file)
    try:
        verdict = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        found = {(f, r, c): from_text(v) for f, r, c, v in conn.execute("SELECT form, row, col, value FROM cells")}
        return found, "" if verdict == ["ok"] else "; ".join(verdict[:3])
    finally:
        conn.close()


def run_trial(template: Path, folder: Path, seed: int) -> TrialResult:
    """One child editing and exporting at random, readers from here meanwhile, a SIGKILL at a random moment."""
    start = time.monotonic()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    result = TrialResult()
    child, path, log = _start_child(folder, template, seed, "random")
    try:
        if not _wait_for(child, log, "ready"):
            result.child_error = _child_error(folder, child, "the child did not start")
            return result
        kill_at = time.monotonic() + rng.uniform(0.02, 0.8)
        timer = threading.Timer(max(0.0, kill_at - time.monotonic()), _kill, (child,))
        timer.start()
        while time.monotonic() < kill_at and child.poll() is None:
            time.sleep(rng.uniform(0.01, 0.12))
            if child.poll() is not None:
                break
            failure = run_reader(path)
            result.readers += 1
            if failure:
                result.reader_failures.append(failure)
        timer.join()
        if child.returncode != -signal.SIGKILL:
            result.child_error = _child_error(folder, child, "the child ended before it was killed")
        check_file(path, log, template, result)
    finally:
        _kill(child)
        result.seconds = time.monotonic() - start
    return result


def regression_trial(template: Path, folder: Path) -> TrialResult:
    """Window open → export → another process opens and closes the file → edit → SIGKILL."""
    start = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    result = TrialResult()
    child, path, log = _start_child(folder, template, 1, "scripted")
    try:
        if not _wait_for(child, log, "exported"):
            result.child_error = _child_error(folder, child, "the child did not export")
            return result
        failure = run_reader(path)
        result.readers += 1
        if failure:
            result.reader_failures.append(failure)
        child.stdin.write(b"go\n")
        child.stdin.flush()
        if not _wait_for(child, log, "done"):
            result.child_error = _child_error(folder, child, "the child did not finish its edits")
        _kill(child)
        check_file(path, log, template, result)
    finally:
        _kill(child)
        result.seconds = time.monotonic() - start
    return result


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
