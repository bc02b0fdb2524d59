"""Window speed: a figure typed until the window shows it with its findings, and start-up time.

Run: python bench/gui_speed.py [--start-only] [--code DIR] [--bundle DIST/决算公开填报审核]
(offscreen; prints medians and 95th percentiles; with --bundle also times the built bundle's start;
`--code` times the start of another checkout too, in the same rounds, taking turns)
Each edit is timed from Enter, with what came before it (opening the cell editor, scrolling to the cell)
already painted: until the window has painted the edit and its findings (the first repaint after the
findings changed: what the user sees), and until the window is idle again (the views' delayed layouts
done and the edit committed to the file, which waits for the disk after the repaint). It is timed with
the workspace file on disk as usual, and on a RAM disk (/dev/shm, where there is one), where committing
an edit (SQLite, synchronous=FULL) waits for no disk: the difference is the disk's.
Start is timed as a user's second start (modules' bytecode kept, whatever PYTHONDONTWRITEBYTECODE the
shell has) and as a first one (no bytecode written, every module compiled).
Targets (key to findings shown): median under 8 ms and p95 under 16 ms on the sample, median under 16 ms
at ten times its rows; start to an interactive window under 0.5 s.
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
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from desktop.gui.app import application  # noqa: E402
from desktop.gui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import synthetic  # noqa: E402

EDITS = 200
STARTS = 9
IDLE_PASSES = 3
RAM_DISK = Path("/dev/shm")


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"中位数 {statistics.median(samples) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def _key(widget, key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _idle(app) -> None:
    """Events until the window is idle: an item view lays itself out on a zero timer after a change and
    repaints on the pass after that."""
    for _ in range(IDLE_PASSES):
        app.processEvents()


class _TimedWindow(MainWindow):
    """Notes when it has painted (and flushed) what changed since the mark was cleared."""

    changed = False
    painted = 0.0

    def event(self, event) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and self.changed and not self.painted:
            self.painted = time.perf_counter()
        return handled


def edit_latency(folder: Path, data: dict, name: str) -> tuple[list[float], list[float]]:
    """Per edit: Enter until the edit and its findings are painted, and until the window is idle."""
    path = folder / f"{name}.juesuan"
    load(data, path).close()
    app = application()
    window = _TimedWindow()
    window.open_path(path)
    window.show()
    app.processEvents()
    # One publish tells the views the values, then the findings: the first repaint after it shows both.
    window.session.values_changed.connect(lambda _cells: setattr(window, "changed", True))
    editor = window.show_page("公开05")
    view, model = editor.view, editor.model
    pane = window.findings.model
    cells = [ref for ref in model.refs() if not window.session.workspace.values.can_compute(ref)]
    shown, idle = [], []
    original = ""
    for i in range(EDITS):
        # Each cell twice: a wrong figure, then its own back, so the pane gains and loses findings and every
        # Enter commits a change (a figure typed over with itself writes nothing).
        ref = cells[(i // 2) % len(cells)]
        index = model.index_of(ref)
        view.setCurrentIndex(index)
        if i % 2 == 0:
            original = model.data(index, Qt.ItemDataRole.EditRole) or "0"
        text = "9" if i % 2 == 0 else original
        _key(view, Qt.Key.Key_unknown, text[0])
        line = view.indexWidget(index)
        line.setText(text)
        _idle(app)
        window.changed, window.painted = False, 0.0
        start = time.perf_counter()
        _key(line, Qt.Key.Key_Return)
        _idle(app)  # the edit is queued by the delegate; views lay out and repaint, then it is committed
        idle.append(time.perf_counter() - start)
        assert window.painted, "the window painted nothing after the findings changed"
        shown.append(window.painted - start)
        assert not window.session.workspace.store.unsettled
        assert window.session.workspace.value(ref) == window.session.workspace.parse(ref, text)
        assert pane.rowCount() == len(window.session.all_findings())
    window.close()
    return shown, idle


def start_times(folder: Path, programs: dict[str, list[str]], bytecode: bool) -> dict[str, list[float]]:
    """Each program's start, taking turns round by round, so a loaded machine slows them alike."""
    envs = {}
    for name, program in programs.items():
        # Kept apart per program: two checkouts' modules share names, and a newer one's sample copy
        # may be in a file format the older cannot open.
        env = {**os.environ, "JUESUAN_DATA_DIR": str(folder / "userdata" / name)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if bytecode:
            env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode" / name)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env["PYTHONPYCACHEPREFIX"] = str(folder / "no-bytecode")
        envs[name] = env
        subprocess.run(program + ["--quit-after-show"], env=env, check=True)  # copies the sample, compiles
    samples: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(STARTS):
        for name, program in programs.items():
            start = time.perf_counter()
            # Quits as soon as the first window is shown: launch to interactive, plus the exit.
            subprocess.run(program + ["--quit-after-show"], env=envs[name], check=True)
            samples[name].append(time.perf_counter() - start)
    return samples


def _starts(folder: Path, programs: dict[str, list[str]]) -> None:
    for bytecode, how in ((True, "字节码已缓存，如用户第二次启动"), (False, "不写字节码，每次编译")):
        for name, samples in start_times(folder, programs, bytecode).items():
            print(f"启动到窗口可操作（{STARTS} 次，含退出，{how}）{name}：中位数 {statistics.median(samples):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, help="PyInstaller 程序包目录")
    parser.add_argument("--start-only", action="store_true", help="只测启动")
    parser.add_argument("--code", type=Path, help="另一份代码（如主干），与本代码轮流启动")
    args = parser.parse_args()
    if not args.start_only:
        sample = json.loads(paths.sample_source().read_text(encoding="utf-8"))
        disks = [("磁盘", None)] + ([("内存盘", RAM_DISK)] if RAM_DISK.is_dir() else [])
        for name, data in (("示例工作区", sample), ("十倍行数的工作区", synthetic(sample, 10))):
            for disk, where in disks:
                with tempfile.TemporaryDirectory(dir=where) as tmp:
                    shown, idle = edit_latency(Path(tmp), data, "edit")
                where_ = f"{EDITS} 次，{name}公开05，文件在{disk}"
                print(f"按键到修改及审核结果显示（{where_}）：{_stats(shown)}")
                print(f"按键到窗口空闲、修改已存盘（{where_}）：{_stats(idle)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        here = Path(__file__).resolve().parent.parent
        programs = {"本代码": [sys.executable, "-c", _LAUNCH.format(str(here))]}
        if args.code:
            programs[str(args.code)] = [sys.executable, "-c", _LAUNCH.format(str(args.code.resolve()))]
        _starts(folder, programs)
        if args.bundle:
            exe = args.bundle / ("决算公开填报审核" + (".exe" if sys.platform == "win32" else ""))
            for name, samples in start_times(folder, {"程序包": [str(exe)]}, True).items():
                print(f"程序包启动到窗口可操作（{STARTS} 次，含退出）：中位数 {statistics.median(samples):.2f} s")


# The program as `python -m desktop` starts it, from the given checkout whatever PYTHONPATH says.
_LAUNCH = "import sys; sys.path.insert(0, {!r}); from desktop.main import main; sys.exit(main(sys.argv[1:]))"


if __name__ == "__main__":
    main()
