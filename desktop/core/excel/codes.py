"""A 科目 code as printed anywhere: 2080101, "208.01.01", "208 01 01", a number, before the name in one
cell; and a row that prints only the 科目's name, found in the catalogue under the 类 and 款 above it."""

from __future__ import annotations

import re

from desktop.core.catalogue import CODE_WIDTHS, Catalogue
from desktop.core.excel.tables import norm
from desktop.core.labels import normalize_label

# norm() has already removed spaces, so "208 01 01" arrives as "2080101"; dots and dashes stay.
# Joined parts must make a 类, 款 or 项 width: "2024年" is no code, nor is a figure "53.15".
_CODE = re.compile(r"^(\d{3})(?:[.．\-—]?(\d{2}))?(?:[.．\-—]?(\d{2}))?(?![\d.])(.*)$")


def split_code(value) -> tuple[str, str] | None:
    """(code, the text after it) when the cell starts with a 科目 code in any notation, else None."""
    m = _CODE.match(norm(value))
    if not m:
        return None
    code = "".join(p for p in m.group(1, 2, 3) if p)
    rest = m.group(4)
    if len(code) not in CODE_WIDTHS:
        return None
    return code, rest


_BARE = re.compile(r"\d{3}(?:\d{2}){0,2}|\d{3}[.．]\d{2}[.．]\d{2}")


def is_code_cell(value) -> bool:
    """A cell that holds only a code; "301.01" could as well be a figure, so one dot is not enough."""
    return bool(_BARE.fullmatch(norm(value)))


class NameResolver:
    """Finds the code of a row that prints only its 科目 name. A name can stand for several 科目
    (事业运行, 行政运行 under every 款): the one under the 款 or 类 read last above it is meant;
    a 类 name, or a name only one 科目 bears, is taken anywhere (公开06's groups continue a 类 from
    the group before without its 类 row). Ambiguity left is answered with None, never a guess."""

    def __init__(self, catalogue: Catalogue | None):
        self._by_name: dict[str, list[str]] = {}
        if catalogue is not None:
            for code, name in catalogue.items.items():
                self._by_name.setdefault(normalize_label(name), []).append(code)
        self.lei = ""
        self.kuan = ""
        self.tied: list[str] = []  # the 科目 the last name left open could be, for the table's sums to choose

    def saw(self, code: str) -> None:
        """A row read with its code: the rows under it are looked up under it."""
        if len(code) == 3:
            self.lei, self.kuan = code, ""
        elif len(code) == 5:
            self.lei, self.kuan = code[:3], code

    def code_of(self, name: str) -> tuple[str | None, str]:
        """(code, "") or (None, why)."""
        codes = self._by_name.get(normalize_label(name), [])
        self.tied = []
        if not codes:
            return None, ""
        for parent, width in ((self.kuan, 7), (self.lei, 5), ("", 3)):
            under = [c for c in codes if len(c) == width and c.startswith(parent)] if parent or width == 3 else []
            if len(under) == 1:
                self.saw(under[0])
                return under[0], ""
            if len(under) > 1:
                self.tied = under
                break
        else:
            if len(codes) == 1:  # one 科目 of that name in the whole catalogue: no other it could be
                self.saw(codes[0])
                return codes[0], ""
            self.tied = [c for c in codes if c.startswith(self.kuan or self.lei)] or codes
        return None, f"科目名称“{name}”在目录中对应 {'、'.join(codes[:4])}，按上方的类、款无法确定是哪一个"
