"""The 公开文件's outline as data (resources/publish/outlines.toml): the cover and the parts in order."""

from __future__ import annotations

import tomllib
from typing import NamedTuple

from desktop import paths

CONTENTS = ("texts", "narrative", "tables", "text", "attachments")
# 第一部分…第十部分 and 一、…二十、: outlines are short.
_NUMERALS = "一二三四五六七八九十"


class OutlineError(ValueError):
    """An outline name the program does not ship, or an outline file it cannot use."""


class Item(NamedTuple):
    title: str
    key: str  # the text section printed under the title
    optional: bool = False  # left out while the user has written nothing, rather than asked for


class Part(NamedTuple):
    title: str
    content: str
    items: tuple[Item, ...] = ()
    key: str = ""  # content "text"
    kind: str = ""  # content "attachments"; its items print before the attached tables


class Statement(NamedTuple):
    label: str
    key: str


class Outline(NamedTuple):
    name: str
    description: str
    cover_title: str
    statements: tuple[Statement, ...]
    parts: tuple[Part, ...]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


def _load() -> dict:
    with open(paths.resources_dir() / "publish" / "outlines.toml", "rb") as fh:
        return tomllib.load(fh)


def outline_names() -> list[str]:
    return [o["name"] for o in _load()["outline"]]


def outline_descriptions() -> dict[str, str]:
    return {o["name"]: o.get("description", "") for o in _load()["outline"]}


def load_outline(name: str | None = None) -> Outline:
    data = _load()
    name = name or data["default"]
    entry = next((o for o in data["outline"] if o["name"] == name), None)
    if entry is None:
        names = "、".join(o["name"] for o in data["outline"])
        raise OutlineError(f"没有名为“{name}”的公开文件提纲。可用的提纲：{names}")
    parts = []
    for part in entry["part"]:
        if part["content"] not in CONTENTS:
            raise OutlineError(f"公开文件提纲“{name}”的部分“{part['title']}”的 content“{part['content']}”不可用")
        items = tuple(Item(i["title"], i["key"], i.get("optional", False)) for i in part.get("items", ()))
        parts.append(Part(part["title"], part["content"], items, part.get("key", ""), part.get("kind", "")))
    cover = data["cover"]
    statements = tuple(Statement(s["label"], s["key"]) for s in cover.get("statements", ()))
    return Outline(name, entry.get("description", ""), cover["title"], statements, tuple(parts))
