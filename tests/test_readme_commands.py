"""The README's two commands work as written: the first installs and opens the window, the second is CI's."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## 两条命令", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_readme_gives_two_commands_and_ci_runs_the_second():
    start, test = readme_commands()
    assert (start, test) == ("bash scripts/start.sh", "bash scripts/test.sh")
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith(test)


def test_the_first_command_installs_and_opens_the_window_on_the_sample(tmp_path):
    start = readme_commands()[0]
    env = {**os.environ, "JUESUAN_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(f"{start} --quit-after-show", shell=True, cwd=ROOT, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr
    assert [p.suffix for p in tmp_path.iterdir() if p.suffix == ".juesuan"] == [".juesuan"]
