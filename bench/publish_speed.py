"""公开文件 speed on the sample workspace: the whole document built from the workspace and written
as Word and as PDF, in one process and as the whole `juesuan publish` command.

Run: python bench/publish_speed.py [ROUNDS]   (offscreen; prints medians)
Target (issue 15): the sample's .docx under 1 s, its PDF under 3 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop import paths  # noqa: E402
from desktop.core.publish.document import build_document  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from desktop.printing.publish_file import write_publication  # noqa: E402
from desktop.printing.report_pdf import ensure_application  # noqa: E402

COMMAND_ROUNDS = 3


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):6.2f} s（中位数，{len(samples)} 次）  最快 {min(samples):6.2f} s  最慢 {max(samples):6.2f} s"


def _in_process(ws, target: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and processor seconds: on a shared machine the second is what an idle one would wait."""
    wall, cpu = [], []
    for _ in range(rounds):
        target.unlink(missing_ok=True)
        start, start_cpu = time.perf_counter(), time.process_time()
        write_publication(build_document(ws), target)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _command(workspace: Path, target: Path) -> list[float]:
    """The whole process, as the user waits for it: start, check, build, write."""
    samples = []
    for _ in range(COMMAND_ROUNDS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop", "publish", str(workspace), "-o", str(target), "--allow-errors", "--force"],
            check=False, capture_output=True,
        )
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    ensure_application()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        workspace = folder / "sample.juesuan"
        ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace)
        try:
            docx = _in_process(ws, folder / "公开.docx", rounds)
            pdf = _in_process(ws, folder / "公开.pdf", rounds)
        finally:
            ws.close()
        print(f"机器负载（1 分钟平均）：{os.getloadavg()[0]:.1f}，处理器 {os.cpu_count()} 个")
        for name, (wall, cpu) in ((".docx", docx), (".pdf ", pdf)):
            print(f"示例公开文件 {name}（建模型 + 写出，进程内）：{_median(wall)}")
            print(f"    其中处理器时间：{_median(cpu)}")
        print(f"juesuan publish … -o 公开.docx（整个命令，含审核）：{_median(_command(workspace, folder / 'c.docx'))}")
        print(f"juesuan publish … -o 公开.pdf （整个命令，含审核）：{_median(_command(workspace, folder / 'c.pdf'))}")


if __name__ == "__main__":
    main()
