"""Before Qt starts: the system libraries its Linux (xcb) platform plugin needs, said in Chinese.

Without them QApplication aborts the process with an English message about the xcb plugin; checking first
lets the user read which Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Library name (as ctypes.util.find_library takes it) -> the Debian/Ubuntu package holding it.
XCB_NEEDS = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
}


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return environ.get("XDG_SESSION_TYPE") != "wayland"


def missing_packages(environ=os.environ, platform: str = sys.platform, find=ctypes.util.find_library) -> list[str]:
    """The packages to install before the window can open (none when it can, or on Windows)."""
    if not uses_xcb(environ, platform):
        return []
    return [package for library, package in XCB_NEEDS.items() if not find(library)]


def explanation(packages: list[str]) -> str:
    return (
        "无法打开窗口：Qt 的 Linux 图形平台（xcb）缺少系统库。请先安装：\n"
        f"  sudo apt-get install -y {' '.join(packages)}\n"
        "（Debian/Ubuntu；其他发行版请安装同名的库。）无显示器时可设环境变量 QT_QPA_PLATFORM=offscreen，"
        "命令行功能（juesuan check 等）不需要窗口。"
    )
