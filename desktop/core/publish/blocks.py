"""The blocks a 公开文件's parts are made of: headings, paragraphs and tables, as any writer needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.core.definitions.model import CellRef

WRAP_FLOOR_CM = 2.4  # a column of words is narrowed no further before figures are


class Cell(NamedTuple):
    """One printed cell; a merged cell appears once, at its top-left place."""

    text: str
    kind: str  # "header", "number" (栏次), "label", "code" (科目代码, 行次, 计量单位), "figure"
    align: str  # "left", "center", "right"
    col: int
    rowspan: int = 1
    colspan: int = 1
    ref: CellRef | None = None  # a published figure's workspace cell


class Table(NamedTuple):
    title: str  # printed above the table; empty for a table pasted into the 情况说明
    code: str  # "公开01表"; empty for the 是否空表 list, the 附件 and a pasted table
    caption: tuple[str, ...]  # the line above the table, spread across it: 编制单位, 年度, 金额单位
    header: tuple[tuple[Cell, ...], ...]  # repeated on every page the table runs to
    body: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # each column's wanted width in cm; a writer scales them to its page
    wide: bool  # wider than an A4 portrait page: printed on a landscape page
    footnote: str = ""
    empty_note: str = ""  # “说明：…” under an empty table, or its 【请填写…】
    form_id: str = ""

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def fitted(self, width_cm: float) -> list[float]:
        """Column widths filling `width_cm`: a narrow page takes its room from the columns of words,
        which wrap, down to WRAP_FLOOR_CM, before figures, which must not, are narrowed too."""
        widths = list(self.widths)
        excess = sum(widths) - width_cm
        if excess > 0:
            figures = {c.col for row in self.body for c in row if c.kind == "figure" and c.colspan == 1}
            room = {i: w - WRAP_FLOOR_CM for i, w in enumerate(widths) if i not in figures and w > WRAP_FLOOR_CM}
            taken = min(excess, sum(room.values()))
            for i, spare in room.items():
                widths[i] -= taken * spare / sum(room.values())
        scale = width_cm / sum(widths)
        return [w * scale for w in widths]


class Heading(NamedTuple):
    text: str
    level: int  # 2 an item (一、) of a part, 3 a subsection (（一）) of the 情况说明
    new_page: bool = False


class Paragraph(NamedTuple):
    text: str
    placeholder: bool = False  # a 【请填写…】 standing for missing text


Block = Heading | Paragraph | Table


@dataclass
class Gaps:
    """The missing texts met while building, each with the 【请填写…】 printed in its place."""

    found: list[str] = field(default_factory=list)

    def placeholder(self, what: str, where: str) -> Paragraph:
        self.found.append(f"{where}：{what}未填写，文件中印为【请填写{what}】")
        return Paragraph(f"【请填写{what}】", placeholder=True)
