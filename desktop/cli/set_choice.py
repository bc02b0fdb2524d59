"""Which set of tables to read from a workbook holding several units' or years': the option and the hint."""

from __future__ import annotations

SET_HELP = "工作簿中有几个单位或年度的整套表时，只读其中一套：序号（见提示）、单位名称或年度"


def with_set_hint(exc: Exception) -> str:
    """The reader's message, and for a workbook of several sets how to pick one (the window asks instead)."""
    if not getattr(exc, "sets", None):
        return str(exc)
    return f"{exc}\n请用 --set 指定其中一套：序号、单位名称或年度，如 --set 1"
