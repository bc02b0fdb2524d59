"""The layers (window and command line over printing over the core; the core without Qt) are checked rules."""

import re
import shutil
import subprocess
import sys
from pathlib import Path


def test_import_contracts_hold():
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        # The one installed beside this Python: the virtual environment need not be on PATH.
        [shutil.which("lint-imports", path=str(Path(sys.executable).parent)), "--config", str(root / "pyproject.toml")],
        capture_output=True, text=True, cwd=root,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"Contracts: \d+ kept, 0 broken", proc.stdout), proc.stdout
