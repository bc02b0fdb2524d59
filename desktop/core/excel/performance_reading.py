"""The 绩效自评表 read back from a workbook by their captions: this program's sheets and other layouts."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.core.definitions.performance import PerfBlock, PerfColumn, PerfForm
from desktop.core.excel.reading import Warning_, text_of
from desktop.core.labels import plain
from desktop.core.money import AmountError, parse_amount
from desktop.core.performance.book import parse_as_typed, parse_rate


def read_performance(workbook, forms: dict[str, PerfForm], *, own: bool,
                     title_rows: int = 1) -> tuple[list[dict], list[Warning_]]:
    """Every 绩效自评表 on a sheet named after its form or headed by its title (in the first of
    `title_rows` lines: a PDF's page may print a part heading above it), as snapshot entries.

    A table of another program's layout is taken only when its points add up to its 总分 as read:
    text pasted from a PDF shifts cells, and figures read from the wrong column must not pass as
    the table's. One that does not is named, not imported, and leaves its name to the tables that are.
    """
    tables: list[dict] = []
    warnings: list[Warning_] = []
    for form in forms.values():
        titles = {plain(t) for t in (form.title, *form.aliases)}
        names: set[str] = set()  # the form's tables' names, over all its sheets
        for name in workbook.sheetnames:
            if _is_performance_sheet(workbook[name], name, form, titles, title_rows):
                found: list[dict] = []
                reader = _Reader(form, workbook[name], titles, names, found, warnings)
                reader.run()
                for entry in found:
                    if own or (id(entry) not in reader.misread and _points_add_up(form, entry)):
                        entry["name"] = reader.unique(entry["name"], reader.where[id(entry)])
                        tables.append(entry)
                    else:
                        warnings.append(Warning_(name, "", f"{form.title}“{entry['name']}”的栏目未能对齐读取（数字栏中有文字、缺总分，或各项分值之和"
                                                 "与总分不符），未导入，请在程序中录入"))
    return tables, warnings


def performance_sheet_names(workbook, forms: dict[str, PerfForm], title_rows: int = 1) -> set[str]:
    """The sheets read_performance reads: their figures are the 绩效自评表's, no 公开 table's."""
    return {name for form in forms.values() for name in workbook.sheetnames
            if _is_performance_sheet(workbook[name], name, form, {plain(t) for t in (form.title, *form.aliases)}, title_rows)}


def _is_performance_sheet(sheet, name: str, form: PerfForm, titles: set[str], title_rows: int) -> bool:
    """Named after the form, or headed by its title (in the first of `title_rows` lines)."""
    if not hasattr(sheet, "iter_rows"):  # a chart sheet
        return False
    lines = [[plain(text_of(v)) for v in row if v] for row in sheet.iter_rows(max_row=3, values_only=True)]
    heads = [texts[0] for texts in lines if texts][:title_rows]
    return name == form.id or any(t in h for h in heads for t in titles)


def _points_add_up(form: PerfForm, entry: dict) -> bool:
    """Every figure read is a figure, the 总分 line has both its 分值 and 得分, and the 分值 read,
    fixed rows and repeated rows, add up to the 总分's: a layout read one column off fails one of them."""
    total_row = form.score.get("row")
    lines = [(form.block_of_row(row), row, v) for row, v in entry["cells"].items()]
    lines += [(form.block(key), "", v) for key, values in entry["rows"].items() for v in values]
    points = []
    try:
        for block, row, values in lines:
            for key, text in values.items():
                column = block.column(key) if block else None
                if column is not None and column.numeric:
                    value = parse_amount(text.rstrip("%"), decimals=6)
                    if key == "分值" and row != total_row and value is not None:
                        points.append(value)
        total = entry["cells"].get(total_row, {})
        stated, scored = parse_amount(total.get("分值")), parse_amount(total.get("得分"))
    except AmountError:
        return False
    return stated is not None and scored is not None and bool(points) and sum(points) == stated


_YEAR_LINE = re.compile(r"^[（(]?\d{4}年度[)）]?$")


class _Reader:
    """Lines top to bottom: a name line starts a table, a header line a block, other lines are its rows.

    Columns are placed by the header line above them, rows by their label (anywhere left of the
    first figure): a layout whose captions sit in merged cells reads the same figures.
    """

    def __init__(self, form: PerfForm, sheet, titles: set[str], names: set[str], tables: list[dict],
                 warnings: list[Warning_]):
        self.form, self.sheet, self.titles, self.tables, self.warnings = form, sheet, titles, tables, warnings
        self.names = names
        self.misread: set[int] = set()  # tables (by id) with text in a figure column
        self.where: dict[int, str] = {}  # tables (by id): the cell of their name
        self.entry: dict | None = None
        self.block: PerfBlock | None = None
        self.columns: dict[int, PerfColumn] = {}
        self.fresh = False  # no row read under the current header line yet
        # Each block's columns by every label they go by, the first column a label names winning.
        self.by_label: dict[int, dict[str, PerfColumn]] = {}
        for block in form.blocks:
            named = self.by_label[id(block)] = {}
            for column in block.columns:
                for label in _labels(column):
                    named.setdefault(label, column)
        # Every line is matched against these: normalised once, not once a line.
        self.name_label = plain(form.name_label)
        self.block_titles = {id(b): {plain(b.title), *map(plain, b.title_aliases)} for b in form.blocks}
        self.column_labels = {label for named in self.by_label.values() for label in named}
        self.row_labels = {(id(b), r): _row_labels(b, r) for b in form.blocks for r in b.rows}
        self.plain_captions = [
            (block, {text: row for row in reversed(block.rows) for text in (plain(block.label(row)), plain(row))})
            for block in form.blocks if block.plain
        ]

    def run(self) -> None:
        for cells in self.sheet.iter_rows():
            texts = [plain(text_of(c.value)) for c in cells]
            filled = [i for i, t in enumerate(texts) if t]
            if not filled:
                continue
            first = texts[filled[0]]
            if len(filled) == 1 and (any(t in first for t in self.titles) or _YEAR_LINE.match(first)):
                continue  # a title or 年度 line (repeated above each project)
            if first == self.name_label:
                name = re.sub(r"\s+", " ", next((text_of(cells[i].value) for i in filled[1:]), "")).strip()
                self.entry = {"form": self.form.id, "name": name, "cells": {}, "rows": {}}
                self.where[id(self.entry)] = cells[filled[0]].coordinate
                self.tables.append(self.entry)
                self.block = None
                continue
            if self.entry is None or self._plain_rows(cells, texts) or self._header(texts):
                continue
            self._body(cells, texts, filled)

    def unique(self, name: str, where: str) -> str:
        """Two projects of one name, or none: both kept, told apart, and the user told. Asked of
        tables taken only: a copy refused (pasted in the 情况说明) does not rename the one read."""
        if self.form.repeated and (not name or name in self.names):
            base = name or "未命名项目"
            fixed = next(f"{base}（{n}）" for n in range(2, len(self.names) + 3) if f"{base}（{n}）" not in self.names)
            self.warnings.append(Warning_(self.sheet.title, where,
                                          f"项目名称{'“' + name + '”重复' if name else '为空'}，导入为“{fixed}”"))
            name = fixed
        self.names.add(name)
        return name

    def _plain_rows(self, cells, texts) -> bool:
        """主管部门 … 实施单位 …: each caption, anywhere on the line, takes the next text."""
        found = False
        for block, captions in self.plain_captions:
            for i, text in enumerate(texts):
                row = captions.get(text)
                if row is not None:
                    value = next((text_of(c.value) for c in cells[i + 1:] if text_of(c.value)), "")
                    self.entry["cells"][row] = {block.columns[0].key: value}
                    found = True
        return found

    def _header(self, texts) -> bool:
        """A block's header line: its title then its columns' labels. A layout may leave the title
        blank or word it otherwise: then most of the block's columns must be named. Of several
        blocks, the one the line names most columns of, its title, all its columns."""
        if self.column_labels.isdisjoint(texts[1:]):
            return False  # a line of figures, not of column labels
        best = None
        for block in self.form.blocks:
            if block.plain:
                continue
            titled = texts[0] in self.block_titles[id(block)]
            mapping = {}
            named = self.by_label[id(block)]
            for i, text in enumerate(texts[1:], 1):
                column = named.get(text)
                if column is not None and column not in mapping.values():
                    mapping[i] = column
            n = len(block.columns)
            enough = min(2, n) if titled else min(n, max(3, n // 2 + 1))
            rank = (len(mapping), titled, len(mapping) == n)
            if mapping and len(mapping) >= enough and (best is None or rank > best[0]):
                best = (rank, block, mapping)
        if best is None:
            return False
        _, self.block, self.columns = best
        self.fresh = True
        return True

    def _body(self, cells, texts, filled) -> None:
        where = cells[filled[0]].coordinate
        if self.block is None:
            self.warnings.append(Warning_(self.sheet.title, where, "不在任何栏目行之下，未导入"))
            return
        values = {}
        for i, column in self.columns.items():
            text = _text(cells[i], column) if i < len(cells) else ""
            if text and column.numeric and not _is_figure(text, column):
                # What a figure column cannot hold is named and left blank, as with the 公开表; in
                # another program's layout it also says the columns were not read aligned.
                self.warnings.append(Warning_(self.sheet.title, cells[i].coordinate,
                                              f"{column.label}“{text[:40]}”不是数字，未导入"))
                self.misread.add(id(self.entry))
            elif text:
                values[column.key] = text
        fresh, self.fresh = self.fresh, False
        stub = set(texts[:min(self.columns)])
        # A fixed row printed under another block's header (总分 under the indicators' columns).
        labels = self.row_labels
        other = next(((b, r) for b in self.form.blocks if not b.plain and b is not self.block
                      for r in b.rows if labels[id(b), r] & stub), None)
        if other is not None:
            block, row = other
            if kept := {k: v for k, v in values.items() if block.column(k) is not None}:
                self.entry["cells"][row] = kept
            return
        if self.block.repeated:
            if values:
                self.entry["rows"].setdefault(self.block.key, []).append(values)
            return
        row = next((r for r in self.block.rows if labels[id(self.block), r] & stub), None)
        if row is None and fresh and len(self.block.rows) == 1 and not any(stub):
            row = self.block.rows[0]  # a one-row block printed without its caption (年度总体目标)
        if row is None:
            self.warnings.append(Warning_(self.sheet.title, where,
                                          f"“{text_of(cells[filled[0]].value)}”不是{self.form.title}的行，未导入"))
            return
        if values:
            self.entry["cells"][row] = values


def _is_figure(text: str, column: PerfColumn) -> bool:
    try:
        (parse_rate if column.type == "rate" else lambda t: parse_as_typed(t, 2))(text)
    except AmountError:
        return False
    return True


def _labels(column: PerfColumn) -> set[str]:
    return {plain("/".join(column.path)), plain(column.path[-1]), plain(column.key), *map(plain, column.aliases)}


def _row_labels(block: PerfBlock, row: str) -> set[str]:
    return {plain(block.label(row)), plain(row), *map(plain, block.aliases.get(row, ()))}


def _text(cell, column: PerfColumn) -> str:
    """A cell as typed text: a number with the decimals of its format; a percentage as “57.45%”."""
    value = cell.value
    if column.type == "text" or not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return text_of(value)
    fmt = cell.number_format or ""
    places = len(re.match(r"0*", fmt.split(".", 1)[1]).group()) if "." in fmt else 0
    try:
        number = Decimal(str(value))
        if "%" in fmt:
            return f"{(number * 100).quantize(Decimal(1).scaleb(-places))}%"
        if re.match(r"[#,]*0", fmt):  # “0.00”, or grouped “#,##0.00_ ”
            return str(number.quantize(Decimal(1).scaleb(-places)))
    except InvalidOperation:  # infinite, or too large to carry its decimals: refused as a figure later
        pass
    return text_of(value)
