"""The shape of a form definition, as read from its TOML file."""

from __future__ import annotations

from typing import NamedTuple

from desktop.core.catalogue import LEVEL_BY_WIDTH


class CellRef(NamedTuple):
    """One cell: form id, row key (the 科目 code on coded rows) and column key."""

    form: str
    row: str
    col: str


class ColumnDef(NamedTuple):
    key: str
    path: tuple[str, ...]  # printed header, outermost group first
    number: int | None  # 栏次
    aliases: tuple[str, ...] = ()  # other printed headers for this column (Excel import)


class RowDef(NamedTuple):
    """A row: fixed in the form file, or a 科目 taken from a catalogue."""

    key: str
    label: str  # as printed, numbering included ("一、…")
    section: str
    code: str | None = None
    line: int | None = None  # 行次
    tags: frozenset[str] = frozenset()
    heading: bool = False  # a printed caption with no figures
    spacer: bool = False  # a numbered empty line that pads a side-by-side half
    decimals: int = 2
    unit: str | None = None  # printed 计量单位, "金额" for the workspace's money unit
    custom: bool = False  # a code the catalogue lacks, added by the user
    aliases: tuple[str, ...] = ()  # other regions' wording of the label (Excel import)
    source: "CellRef | None" = None  # the cell this row's figure is read from in another year's workspace

    @property
    def caption(self) -> str:
        """How messages name the row: “2080101 行政运行” for a 科目, the label otherwise."""
        if self.code and self.label and self.label != self.code:
            return f"{self.code} {self.label}"
        return self.label

    @property
    def level(self) -> str | None:
        if self.code is None:
            return None
        return LEVEL_BY_WIDTH.get(len(self.code))


class StandIn(NamedTuple):
    """A row other templates print in place of several of the form's rows: their sum (`adds`, an older
    merged row such as 财政拨款收入), or a breakdown of the same total by another axis (基本支出 where the
    form lists 功能分类 类), which says nothing of any one of them."""

    label: str
    aliases: tuple[str, ...]
    rows: tuple[str, ...]  # row keys, or "#tag" for every row of the section with the tag
    adds: bool


class SectionDef(NamedTuple):
    """A block of rows sharing columns; 公开01 and 公开04 print two side by side."""

    key: str
    title: str | None
    stub: tuple[str, ...]  # printed row-header columns, e.g. ("项目", "行次")
    stub_group: str | None  # a header spanning the stub columns, e.g. "项目"
    columns: tuple[ColumnDef, ...]
    fixed_rows: tuple[RowDef, ...]
    catalogue: str | None = None  # "功能分类"/"经济分类" for coded rows
    all_catalogue_rows: bool = False  # print every 科目 of the catalogue (公开06)
    total_row: RowDef | None = None  # the 合计 row above coded rows
    footer_rows: tuple[RowDef, ...] = ()  # fixed rows printed below coded rows
    stand_ins: tuple[StandIn, ...] = ()  # rows other templates print for several of these (Excel import)

    @property
    def labelled_rows(self) -> tuple[RowDef, ...]:
        """The rows printed by their label, not a 科目 code: the fixed rows, the 合计 row, the rows below."""
        return (*self.fixed_rows, *([self.total_row] if self.total_row else []), *self.footer_rows)

    def column(self, key: str) -> ColumnDef:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


class Term(NamedTuple):
    """A signed reference inside a check: [row, col] of a form, or a sum over rows."""

    sign: int
    form: str
    row: str  # "@" (the bound row), "#tag" (only under sum) or a row key/code
    col: str  # "@" (the bound column) or a column key
    is_sum: bool = False


class CheckDef(NamedTuple):
    id: str
    title: str
    form: str
    kind: str  # "equation", "tree", "empty_note", "completion"
    severity: str = "错误"
    section: str | None = None
    lhs: tuple[Term, ...] = ()
    op: str = "="
    rhs: tuple[Term, ...] = ()
    for_rows: tuple[str, ...] = ()  # row selectors, see loader
    for_columns: tuple[str, ...] = ()
    compute: bool = False
    text: str = ""  # the rule as written in the form file
    # A budget-against-actual comparison (决算 on the left, 预算 on the right): it appears
    # on the budget execution screen, and an explanation (the reason) lowers its severity.
    budget: bool = False
    explained_severity: str | None = None


class Layout(NamedTuple):
    """How the form is printed beyond its sections."""

    mode: str = "sections"  # "sections" side by side, or "groups" (公开06)
    groups: tuple[tuple[str, ...], ...] = ()  # 类 codes per printed group
    group_columns: tuple[str, ...] = ("科目代码", "科目名称", "决算数")


class FormDef(NamedTuple):
    id: str  # "公开01"
    title: str
    label: str  # "公开01表"
    order: int
    published: bool  # one of the disclosed tables (目录, 空表说明)
    sections: tuple[SectionDef, ...]
    checks: tuple[CheckDef, ...]
    footnote: str = ""
    layout: Layout = Layout()
    optional: bool = False  # a regional table a workspace takes up only when it is enabled
    aliases: tuple[str, ...] = ()  # other regions' titles of this table (Excel import)
    # Forms whose columns other regions print beside this table's, over the same rows (公开05 with
    # its 年初预算数): such a column's figures go to that form (Excel and PDF import).
    printed_with: tuple[str, ...] = ()

    def section(self, key: str) -> SectionDef:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def is_coded(self) -> bool:
        return any(s.catalogue for s in self.sections)
