"""The 科目 catalogues (功能分类, 经济分类) of one year: shipped in resources/catalogues, or imported
by the user into their data folder (a newer edition than the program ships)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import NamedTuple

from desktop import paths
from desktop.core.parsed_files import parsed_once


class Catalogue(NamedTuple):
    kind: str  # "功能分类" or "经济分类"
    year: int
    title: str
    items: dict[str, str]  # code -> official name, in code order
    imported: bool = False  # loaded by the user from an official list, kept in the user's data folder

    @property
    def edition(self) -> str:
        """“2024年版”, and where it came from when the user imported it."""
        return f"{self.year}年版" + ("（导入）" if self.imported else "")

    def name(self, code: str) -> str | None:
        return self.items.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self.items

    def search(self, text: str, limit: int = 50) -> list[tuple[str, str]]:
        """科目 whose code starts with, or whose name contains, the text."""
        text = text.strip()
        if not text:
            return []
        hits = [
            (code, name)
            for code, name in self.items.items()
            if code.startswith(text) or text in name
        ]
        return hits[:limit]


# Digits of a 类, a 款 and a 项 code: the one place they are written down.
LEVEL_BY_WIDTH = {3: "类", 5: "款", 7: "项"}
CODE_WIDTHS = tuple(LEVEL_BY_WIDTH)
KINDS = {"功能分类": "functional", "经济分类": "economic"}


def is_code(text: str) -> bool:
    """A 科目 code: ASCII digits, as wide as a 类, 款 or 项."""
    return text.isascii() and text.isdigit() and len(text) in CODE_WIDTHS


def parent_code(code: str) -> str | None:
    """The 款 of a 项, the 类 of a 款; None for a 类."""
    return {7: code[:5], 5: code[:3]}.get(len(code))


def ancestors(code: str) -> list[str]:
    """The 类 and 款 above a code, outermost first."""
    chain = []
    parent = parent_code(code)
    while parent:
        chain.insert(0, parent)
        parent = parent_code(parent)
    return chain


def load_catalogue(path: Path, imported: bool = False) -> Catalogue:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    items = data["items"]
    if isinstance(items, str):
        items = _items_of_lines(path, items)
    return Catalogue(
        kind=data["kind"], year=int(data["year"]), title=data["title"], items=dict(sorted(items.items())),
        imported=imported,
    )


def _items_of_lines(path: Path, text: str) -> dict[str, str]:
    """`items` written as the official list prints it, a “代码 名称” line a 科目: a thousand lines
    read as one string, where a TOML table of them took every command 4 ms to parse."""
    items = {}
    for number, line in enumerate(text.splitlines(), 1):
        code, _, name = line.strip().partition(" ")
        if not line.strip():
            continue
        if not (is_code(code) and name.strip()):
            raise ValueError(f"科目目录文件 {path.name} 的 items 第 {number} 行“{line.strip()}”应为“科目代码 科目名称”")
        items[code] = name.strip()
    return items


def items_as_lines(items: dict[str, str]) -> str:
    """The `items` of a catalogue file: one “代码 名称” line a 科目, in a TOML literal string."""
    return "items = '''\n" + "".join(f"{code} {name}\n" for code, name in items.items()) + "'''"


def catalogue_file(kind: str, year: int) -> str:
    """The file name an edition is kept under: “functional-2025.toml”."""
    return f"{KINDS[kind]}-{year}.toml"


def _shipped(files: list[Path]) -> list[Catalogue]:
    return [load_catalogue(path) for path in files]


def _user_editions(files: list[Path]) -> list[Catalogue]:
    """The editions the user imported; a file another program damaged is passed over, not fatal:
    the import wrote it whole, and the shipped edition still serves."""
    found = []
    for path in files:
        try:
            found.append(load_catalogue(path, imported=True))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def load_catalogues(
    year: int, folder: Path | None = None, user_folder: Path | None = None,
) -> dict[str, Catalogue]:
    """The catalogue of each kind for a year: the newest edition not after it, else the oldest.

    An edition the user imported stands before the shipped one of the same year. The files are
    parsed once per process and again only when one changes.
    """
    shipped = parsed_once(folder or paths.catalogues_dir(), "*.toml", (), _shipped)
    imported = parsed_once(user_folder or paths.user_catalogues_dir(), "*.toml", (), _user_editions)
    editions: dict[str, list[Catalogue]] = {}
    for catalogue in shipped + imported:
        editions.setdefault(catalogue.kind, []).append(catalogue)
    chosen = {}
    for kind, catalogues in editions.items():
        catalogues.sort(key=lambda c: (c.year, c.imported))
        usable = [c for c in catalogues if c.year <= year]
        chosen[kind] = usable[-1] if usable else catalogues[0]
    return chosen


def editions_text(catalogues: dict[str, Catalogue]) -> str:
    """“2024年版” when both kinds are one edition, else each kind with its own."""
    ordered = [catalogues[k] for k in KINDS if k in catalogues]
    if not ordered:
        return "无"
    if len({c.edition for c in ordered}) == 1:
        return ordered[0].edition
    return "，".join(f"{c.kind}{c.edition}" for c in ordered)
