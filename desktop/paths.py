"""Where the program finds its data: forms, catalogues, the sample, the user's folder."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_roots() -> list[Path]:
    # A PyInstaller bundle unpacks next to sys._MEIPASS; a wheel carries the data inside
    # the package; a source checkout (and an editable install) reads the repository.
    candidates = []
    if hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS))
    return candidates + [_PACKAGE / "_data", _PACKAGE.parent]


def _data_root() -> Path:
    candidates = _data_roots()
    for root in candidates:
        if (root / "forms").is_dir() and (root / "resources").is_dir():
            return root
    # Names the folder looked for last, so the message says which program file is missing.
    raise FileNotFoundError(errno.ENOENT, "找不到程序数据目录（forms 与 resources），安装可能不完整。",
                            str(candidates[-1] / "resources"))


def is_program_file(path: Path) -> bool:
    """One of the program's own files (its forms and resources, or a file of the Python it runs
    on and its packages), not one of the user's: a missing one means a broken installation."""
    import sysconfig  # only when something failed

    path = Path(os.path.abspath(path))
    roots = [root / name for root in _data_roots() for name in ("forms", "resources")]
    roots += [Path(p) for key, p in sysconfig.get_paths().items() if key in ("stdlib", "platstdlib", "purelib", "platlib")]
    if hasattr(sys, "_MEIPASS"):
        roots.append(Path(sys._MEIPASS))  # a bundle carries the packages' data files beside its own
    return any(path.is_relative_to(os.path.abspath(root)) for root in roots)


def forms_dir() -> Path:
    return _data_root() / "forms"


def resources_dir() -> Path:
    return _data_root() / "resources"


def catalogues_dir() -> Path:
    return resources_dir() / "catalogues"


def sample_source() -> Path:
    return resources_dir() / "sample" / "sample-2024.json"


def user_data_dir() -> Path:
    """The per-user folder for the sample copy, recent files and logs."""
    override = os.environ.get("JUESUAN_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "juesuan"


def user_catalogues_dir() -> Path:
    """科目 catalogue editions the user imported (newer than the program ships)."""
    return user_data_dir() / "catalogues"


def icon_file() -> Path:
    return resources_dir() / "icons" / "juesuan.png"


def help_file() -> Path:
    return resources_dir() / "help" / "使用说明.md"
