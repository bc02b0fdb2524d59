"""Shared fixtures: form definitions once per session, a fresh workspace file per test."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user's own data folder (科目 catalogues they imported, recent files) never reaches a test;
# a test that imports a catalogue points JUESUAN_DATA_DIR at a folder of its own.
os.environ["JUESUAN_DATA_DIR"] = tempfile.mkdtemp(prefix="juesuan-tests-")
sys.path.insert(0, str(Path(__file__).parent))

from desktop import paths  # noqa: E402
from desktop.core.definitions import load_forms  # noqa: E402
from desktop.core.snapshot import load  # noqa: E402
from factory import consistent_snapshot, sample_tables_only  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def forms():
    return load_forms()


@pytest.fixture
def make_ws(tmp_path):
    """Builds a workspace file from a snapshot dict; closes it after the test."""
    opened = []

    def build(snapshot: dict, name: str = "ws.juesuan"):
        ws = load(snapshot, tmp_path / name)
        opened.append(ws)
        return ws

    yield build
    for ws in opened:
        ws.close()


@pytest.fixture
def sample_ws(make_ws):
    return make_ws(json.loads(paths.sample_source().read_text(encoding="utf-8")), "sample.juesuan")


@pytest.fixture
def tables_only_ws(make_ws):
    return make_ws(sample_tables_only(), "sample.juesuan")


@pytest.fixture
def seed004_ws(make_ws):
    return make_ws(json.loads((FIXTURES / "seed-004.json").read_text(encoding="utf-8")), "004.juesuan")


@pytest.fixture
def consistent_ws(make_ws):
    return make_ws(consistent_snapshot(3, with_funds=True, with_regional=True))


@pytest.fixture(autouse=True)
def _numpy_not_left_blocked():
    """desktop.main keeps numpy out of a command's start (sys.modules["numpy"] = None); a test running it
    in-process must not leave that behind: hypothesis, seeing the key, imports numpy.random and fails."""
    had = "numpy" in sys.modules
    yield
    if not had and "numpy" in sys.modules and sys.modules["numpy"] is None:
        del sys.modules["numpy"]
