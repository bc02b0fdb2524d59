"""Builds the one-folder bundle dist/决算公开填报审核/ with PyInstaller, on Windows or Linux.

Run from anywhere: python build/build.py [--dist DIR] [--work DIR]
Needs the build extra: pip install -e '.[build]'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "决算公开填报审核"


def folder_size(folder: Path) -> int:
    """Bytes on disk, each file once (Qt's library links are not counted twice)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


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
    print(f"程序包：{bundle}（{folder_size(bundle) / 1024 / 1024:.0f} MB）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
