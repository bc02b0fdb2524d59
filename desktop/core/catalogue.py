"""The 科目 catalogues (功能分类, 经济分类) of one year, read from resources/catalogues."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.core.parsed_files import parsed_once


@dataclass(frozen=True)
class Catalogue:
    kind: str  # "功能分类" or "经济分类"
    year: int
    title: str
    items: dict[str, str]  # code -> official name, in code order

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


# Digits of a 类, a 款 and a 项 code.
CODE_WIDTHS = (3, 5, 7)


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


def load_catalogue(path: Path) -> Catalogue:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    items = dict(sorted(data["items"].items()))
    return Catalogue(kind=data["kind"], year=int(data["year"]), title=data["title"], items=items)


def load_catalogues(year: int, folder: Path | None = None) -> dict[str, Catalogue]:
    """The catalogue of each kind for a year: the newest edition not after it, else the oldest."""
    editions = parsed_once(folder or paths.catalogues_dir(), "*.toml", (), _editions)
    chosen = {}
    for kind, catalogues in editions.items():
        usable = [c for c in catalogues if c.year <= year]
        chosen[kind] = usable[-1] if usable else catalogues[0]
    return chosen


def _editions(files: list[Path]) -> dict[str, list[Catalogue]]:
    """Each kind's editions, oldest first."""
    editions: dict[str, list[Catalogue]] = {}
    for path in files:
        catalogue = load_catalogue(path)
        editions.setdefault(catalogue.kind, []).append(catalogue)
    for catalogues in editions.values():
        catalogues.sort(key=lambda c: c.year)
    return editions
