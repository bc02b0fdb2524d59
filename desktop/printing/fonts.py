"""A font that holds every 汉字 the forms and reports use, found once per process."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from desktop import paths

# Best first; Windows offices have the first two, Linux needs e.g. fonts-wqy-microhei.
FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "PingFang SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei",
)


def register_bundled_fonts() -> None:
    """Fonts shipped in resources/fonts (the bundle carries one for machines that lack any)."""
    folder = paths.resources_dir() / "fonts"
    if folder.is_dir():
        for file in sorted(folder.iterdir()):
            if file.suffix.lower() in (".ttf", ".ttc", ".otf"):
                QFontDatabase.addApplicationFont(str(file))


def chinese_family(preferred: tuple[str, ...] = ()) -> str | None:
    """The first of `preferred` this machine has, else the best general Chinese face it has."""
    available = set(QFontDatabase.families())
    return next((f for f in (*preferred, *FAMILIES) if f in available), None)
