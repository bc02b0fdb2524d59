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


# Platforms that draw without a display server: tests, screenshots and remote viewers.
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}


def no_display(environ=os.environ, platform: str = sys.platform) -> str | None:
    """Why no window can open on this Linux machine (no display server), or None when one can.

    Qt itself would abort the process with an English line about the xcb plugin.
    """
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen in HEADLESS_PLATFORMS:
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "没有图形界面：找不到显示器（环境变量 DISPLAY 与 WAYLAND_DISPLAY 都未设置），窗口无法打开。\n"
        "在桌面中启动本程序；通过 SSH 登录时可用 ssh -X。命令行功能不需要窗口，例如：\n"
        "  juesuan check 单位.xlsx\n"
        "（juesuan --help 列出全部命令。）"
    )


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
