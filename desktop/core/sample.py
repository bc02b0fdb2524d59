"""The sample workspace a first start opens: a copy in the user's data folder, made once."""

from __future__ import annotations

from pathlib import Path

from desktop import paths
from desktop.core.atomic_file import written_whole
from desktop.core.snapshot import load_file

SAMPLE_NAME = "示例-榆林市人力资源和社会保障局-2024.juesuan"


def sample_copy() -> Path:
    """The user's own copy of the sample; built from the shipped snapshot if missing."""
    target = paths.user_data_dir() / SAMPLE_NAME
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(target) as partial:
            load_file(paths.sample_source(), partial).close()
    return target
