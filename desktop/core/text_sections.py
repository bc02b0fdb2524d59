"""The free-text sections of the 情况说明 the tables cannot supply, as listed in resources/narrative."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from desktop import paths

NARRATIVE_KEY = "情况说明"  # the full text the user edits and the checker reads


@dataclass(frozen=True)
class TextSection:
    key: str
    title: str
    hint: str


def text_sections() -> list[TextSection]:
    with open(paths.resources_dir() / "narrative" / "sections.toml", "rb") as fh:
        data = tomllib.load(fh)
    return [TextSection(s["key"], s["title"], s.get("hint", "")) for s in data["section"]]
