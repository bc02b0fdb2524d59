"""The user's view preferences (尾差 marks, table zoom), kept per user across sessions."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import paths

ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)  # percent
_ROUNDING = "view/rounding_marks"
_ZOOM = "view/zoom"


def _settings() -> QSettings:
    # A file in the user's data folder, beside the recent list: one place to find or reset,
    # and the folder a test points elsewhere.
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def rounding_marks() -> bool:
    """Whether every 尾差 is outlined as a finding is (off: a faint corner mark)."""
    return _settings().value(_ROUNDING, False, type=bool)


def set_rounding_marks(shown: bool) -> None:
    _settings().setValue(_ROUNDING, bool(shown))


def zoom() -> int:
    value = _settings().value(_ZOOM, 100, type=int)
    return value if value in ZOOM_STEPS else 100


def set_zoom(percent: int) -> None:
    _settings().setValue(_ZOOM, int(percent))


def zoom_step(percent: int, step: int) -> int:
    """The next zoom step up (1) or down (-1) from `percent`, staying within the steps."""
    position = ZOOM_STEPS.index(percent) if percent in ZOOM_STEPS else ZOOM_STEPS.index(100)
    return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, position + step))]
