"""Window speed: a committed edit until the 审核结果 pane shows its effect, and start-up time.

Run: python bench/gui_speed.py [--bundle DIST/决算公开填报审核]
(offscreen; prints medians and 95th percentiles; with --bundle also times the built bundle's start)
Each edit is timed from Enter until the window is idle again (the views' delayed layouts and repaints
done), with what came before it (opening the cell editor, scrolling to the cell) already painted. It is
timed twice: with the workspace file on disk as usual, and on a RAM disk (/dev/shm, where there is one),
where committing an edit (SQLite, synchronous=FULL) waits for no disk: the difference is the disk's.
Targets: edit median under 8 ms and p95 under 16 ms on the sample, median under 16 ms at ten times its
rows; start to an interactive window under 0.5 s.
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
STARTS = 5
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


def edit_latency(folder: Path, data: dict, name: str) -> list[float]:
    path = folder / f"{name}.juesuan"
    load(data, path).close()
    app = application()
    window = MainWindow()
    window.open_path(path)
    window.show()
    app.processEvents()
    editor = window.show_page("公开05")
    view, model = editor.view, editor.model
    pane = window.findings.model
    cells = [ref for ref in model.refs() if not window.session.workspace.values.can_compute(ref)]
    samples = []
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
        start = time.perf_counter()
        _key(line, Qt.Key.Key_Return)
        _idle(app)  # the commit is queued by the delegate; views lay out and repaint here
        samples.append(time.perf_counter() - start)
        assert window.session.workspace.value(ref) == window.session.workspace.parse(ref, text)
        assert pane.rowCount() == len(window.session.all_findings())
    window.close()
    return samples


def start_time(folder: Path, program: list[str]) -> list[float]:
    env = {**os.environ, "JUESUAN_DATA_DIR": str(folder / "userdata")}
    command = program + ["--quit-after-show"]
    subprocess.run(command, env=env, check=True)  # the first start copies the sample
    samples = []
    for _ in range(STARTS):
        start = time.perf_counter()
        # Quits as soon as the first window is shown: launch to interactive, plus the exit.
        subprocess.run(command, env=env, check=True)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, help="PyInstaller 程序包目录")
    args = parser.parse_args()
    sample = json.loads(paths.sample_source().read_text(encoding="utf-8"))
    disks = [("磁盘", None)] + ([("内存盘", RAM_DISK)] if RAM_DISK.is_dir() else [])
    for name, data in (("示例工作区", sample), ("十倍行数的工作区", synthetic(sample, 10))):
        for disk, where in disks:
            with tempfile.TemporaryDirectory(dir=where) as tmp:
                edits = edit_latency(Path(tmp), data, "edit")
            print(f"按键提交一次修改到审核结果更新（{EDITS} 次，{name}公开05，文件在{disk}）：{_stats(edits)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        starts = start_time(folder, [sys.executable, "-m", "desktop"])
        print(f"启动到窗口可操作（{STARTS} 次，含退出）：中位数 {statistics.median(starts):.2f} s")
        if args.bundle:
            exe = args.bundle / ("决算公开填报审核" + (".exe" if sys.platform == "win32" else ""))
            starts = start_time(folder, [str(exe)])
            print(f"程序包启动到窗口可操作（{STARTS} 次，含退出）：中位数 {statistics.median(starts):.2f} s")


if __name__ == "__main__":
    main()
