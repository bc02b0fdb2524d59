"""The core and the command line stay free of Qt: a checked rule, not a hope."""

import shutil
import subprocess
from pathlib import Path


def test_import_contracts_hold():
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [shutil.which("lint-imports"), "--config", str(root / "pyproject.toml")],
        capture_output=True, text=True, cwd=root,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 kept, 0 broken" in proc.stdout
