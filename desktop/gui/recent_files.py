"""The 最近打开 list, kept as a small JSON file in the user's data folder."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import paths

LIMIT = 8


def _file() -> Path:
    return paths.user_data_dir() / "recent.json"


def load() -> list[Path]:
    try:
        entries = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in entries if isinstance(p, str)]


def remember(path: Path) -> list[Path]:
    path = Path(path).resolve()
    entries = [path] + [p for p in load() if p != path]
    entries = entries[:LIMIT]
    try:
        _file().parent.mkdir(parents=True, exist_ok=True)
        _file().write_text(json.dumps([str(p) for p in entries], ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only profile loses the list, not the user's work
    return entries
