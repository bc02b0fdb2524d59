"""The free-text sections of the 情况说明 the tables cannot supply, as listed in resources/narrative."""

from __future__ import annotations

import tomllib
from typing import NamedTuple

from desktop import paths

NARRATIVE_KEY = "情况说明"  # the full text the user edits and the checker reads


def narrative_title(ws) -> str:
    """The 情况说明's heading, on its workbook sheet and in its Word file."""
    return f"{ws.unit.get('单位名称', '')}{ws.unit.get('年度', '')}年度部门决算情况说明"


class TextSection(NamedTuple):
    key: str
    title: str
    hint: str
    default: str = ""  # printed when the workspace holds no text for the section (名词解释)


def text_sections() -> list[TextSection]:
    with open(paths.resources_dir() / "narrative" / "sections.toml", "rb") as fh:
        data = tomllib.load(fh)
    return [_section(s) for s in data["section"]]


def _section(entry: dict) -> TextSection:
    default = ""
    if "default_file" in entry:
        default = (paths.resources_dir() / entry["default_file"]).read_text(encoding="utf-8").strip()
    # The editor shows the hint while the field is empty: the default text is what it will print.
    hint = entry.get("hint", "") + default
    return TextSection(entry["key"], entry["title"], hint, default)
