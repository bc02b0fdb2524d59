"""Builds the one-folder bundle dist/决算公开填报审核/ with PyInstaller, on Windows or Linux.

Run from anywhere: python build/build.py [--dist DIR] [--work DIR]
Needs the build extra: pip install -e '.[build]'
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "决算公开填报审核"


def folder_size(folder: Path) -> int:
    """Bytes on disk, each file once (Qt's library links and hard links are not counted twice)."""
    files = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.lstat()
            files[(stat.st_dev, stat.st_ino)] = stat.st_size
    return sum(files.values())


def share_programs(bundle: Path) -> None:
    """Outside Windows the window and the command-line programs are the same bytes (a console flag
    means nothing there), so the second is a hard link to the first: one copy on disk and in an archive."""
    window, command_line = bundle / NAME, bundle / "juesuan"
    if sys.platform != "win32" and filecmp.cmp(window, command_line, shallow=False):
        command_line.unlink()
        os.link(window, command_line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建决算公开填报审核的 PyInstaller 程序包")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="程序包输出目录")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "work", help="临时构建目录")
    args = parser.parse_args(argv)

    import PyInstaller.__main__

    PyInstaller.__main__.run([
        str(ROOT / "build" / "juesuan.spec"), "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(args.dist), "--workpath", str(args.work),
    ])
    bundle = args.dist / NAME
    share_programs(bundle)
    print(f"程序包：{bundle}（{folder_size(bundle) / 1024 / 1024:.0f} MB）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
