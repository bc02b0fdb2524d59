"""A newer 科目 catalogue from the official list (Excel or text), kept in the user's data folder.

Every workspace of that year uses it from then on (catalogue.load_catalogues). What the new edition
renames or drops, against the edition in use before, is returned for the user to read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from desktop import paths
from desktop.core.atomic_file import written_whole
from desktop.core.catalogue import (
    CODE_WIDTHS, KINDS, LEVEL_BY_WIDTH, Catalogue, catalogue_file, items_as_lines, load_catalogue, load_catalogues,
    parent_code,
)
from desktop.core.store.failure import describe, reason
from desktop.core.text_decoding import TextDecodingError, decode_text

# The first digit of a 类 code says the kind: 功能分类 201–234, 部门预算经济分类 301–399.
KIND_BY_DIGIT = {"2": "功能分类", "3": "经济分类"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Full-width digits, as some lists print codes; names keep their own (full-width) brackets.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A code and the name after it in one line or cell: “2010101 行政运行”, “201、一般公共服务支出”.
_CODE_AND_NAME = re.compile(r"([0-9]+)[\s、.:：\-—]*(.*)")


class CatalogueImportError(ValueError):
    """A file that cannot be a 科目 catalogue; the message is Chinese and names the file and line or cell."""


class Entry(NamedTuple):
    code: str
    name: str
    where: str  # “第 12 行” or ““功能分类”工作表 B5”


@dataclass
class Changes:
    """The new edition against the one in use for that year."""

    previous: str  # the edition compared with, “2024年版”
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # code, old name, new name
    dropped: list[tuple[str, str]] = field(default_factory=list)  # code, old name
    added: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the user reads: each renamed and dropped code on its own line."""
        out = [f"改名 {code}：{old} → {new}" for code, old, new in self.renamed]
        out += [f"取消 {code} {name}" for code, name in self.dropped]
        return out


@dataclass
class Imported:
    catalogue: Catalogue
    path: Path  # where the edition is kept
    changes: Changes
    unread: list[str]  # lines that begin like a code but were not taken, with where they are

    def summary(self) -> str:
        c = self.changes
        return (
            f"已导入{self.catalogue.year}年{self.catalogue.kind}科目目录：{len(self.catalogue.items)} 个科目"
            f"（与{c.previous}相比：新增 {len(c.added)} 个，改名 {len(c.renamed)} 个，取消 {len(c.dropped)} 个）。"
            f"此后{self.catalogue.year}年度的工作区都使用它。"
        )


def import_catalogue(source: Path, year: int, kind: str | None = None, folder: Path | None = None) -> Imported:
    """Reads the official list, checks it, compares it with the edition in use and keeps it."""
    if not 2000 <= year <= 2100:
        raise CatalogueImportError(f"年度“{year}”应为四位年份，如 2025")
    if kind is not None and kind not in KINDS:
        raise CatalogueImportError(f"科目类别“{kind}”应为：{'、'.join(KINDS)}")
    entries, unread = read_entries(source)
    kind = _kind_of(source, entries, kind)
    items = _checked_items(source, entries)
    folder = folder or paths.user_catalogues_dir()
    before = load_catalogues(year, user_folder=folder).get(kind)
    catalogue = Catalogue(
        kind=kind, year=year, title=f"{year}年政府收支分类科目·{kind}科目（导入自 {source.name}）",
        items=items, imported=True,
    )
    target = folder / catalogue_file(kind, year)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with written_whole(target) as partial:
            partial.write_text(_toml(catalogue), encoding="utf-8")
    except OSError as exc:
        raise CatalogueImportError(f"无法把科目目录写入“{target}”：{reason(exc, target)}") from exc
    # Read back what was written: the edition every workspace will load is the one checked here.
    kept = load_catalogue(target, imported=True)
    return Imported(kept, target, compare(before, kept.items), unread)


def compare(before: Catalogue | None, items: dict[str, str]) -> Changes:
    if before is None:
        return Changes(previous="（无）", added=sorted(items.items()))
    old = before.items
    return Changes(
        previous=f"{before.kind}科目目录{before.edition}",
        renamed=[(c, old[c], items[c]) for c in old if c in items and old[c] != items[c]],
        dropped=[(c, old[c]) for c in old if c not in items],
        added=[(c, n) for c, n in items.items() if c not in old],
    )


# -- reading the file ------------------------------------------------------------------


def read_entries(source: Path) -> tuple[list[Entry], list[str]]:
    """The codes and names in the file, in order, and the lines that looked like codes but were not."""
    if not source.exists():
        raise CatalogueImportError(f"找不到文件“{source}”")
    if not source.is_file():
        raise CatalogueImportError(f"“{source}”不是文件（是文件夹？），无法读取")
    if source.suffix.lower() == ".xls":
        raise CatalogueImportError(f"“{source}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入")
    if source.suffix.lower() in WORKBOOK_SUFFIXES:
        return _workbook_entries(source)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise CatalogueImportError(describe(exc, source, "读取")) from exc
    if raw.startswith(b"PK\x03\x04"):
        return _workbook_entries(source)
    try:
        text = decode_text(raw)
    except TextDecodingError as exc:
        raise CatalogueImportError(f"“{source}”{exc}；科目目录应为 Excel 工作簿（.xlsx）或文本文件") from exc
    entries, unread = [], []
    for number, line in enumerate(text.splitlines(), 1):
        fields = [f for f in re.split(r"\t|,|\s{2,}|　", line.translate(_DIGITS).strip()) if f.strip()]
        _take(source, fields, f"第 {number} 行", entries, unread)
    return entries, unread


def _workbook_entries(source: Path) -> tuple[list[Entry], list[str]]:
    from desktop.core.excel.reading import ExcelError, address, open_workbook, text_of

    try:
        book = open_workbook(source)
    except ExcelError as exc:
        raise CatalogueImportError(str(exc)) from exc
    entries: list[Entry] = []
    unread: list[str] = []
    for sheet in book.worksheets:
        if not hasattr(sheet, "iter_rows"):
            continue
        for row in sheet.iter_rows():
            cells = [(cell, text_of(cell.value).translate(_DIGITS)) for cell in row]
            cells = [(cell, text) for cell, text in cells if text]
            if cells:
                first = cells[0][0]
                where = f"“{sheet.title}”工作表 {address(first.row, first.column)}"
                _take(source, [text for _, text in cells], where, entries, unread)
    return entries, unread


def _take(source: Path, fields: list[str], where: str, entries: list[Entry], unread: list[str]) -> None:
    """One line or row: a code (whole, split into 类/款/项 cells, or with its name in one cell) and its name.

    The first field that makes a 类, 款 or 项 code is the code: a 序号 column before it is passed over.
    """
    fields = [f.strip() for f in fields]
    starts = [i for i, f in enumerate(fields) if re.match(r"[0-9]", f)]
    if not starts:
        return  # a heading, a blank line, a note
    for start in starts:
        m = _CODE_AND_NAME.fullmatch(fields[start])
        code, rest = m.group(1), m.group(2).strip()
        following = fields[start + 1:]
        # 类, 款 and 项 in cells of their own: “201 | 01 | 01 | 行政运行”.
        while not rest and len(code) in (3, 5) and following and re.fullmatch(r"[0-9]{2}", following[0]):
            code += following.pop(0)
        if len(code) in CODE_WIDTHS:
            break
    else:
        unread.append(f"{where}：“{' '.join(fields)[:40]}”中没有 3、5 或 7 位的科目代码，未读入")
        return
    name = " ".join((rest or next((f for f in following if not re.fullmatch(r"[0-9.]+", f)), "")).split())
    if not name:
        raise CatalogueImportError(f"“{source}”{where}：科目 {code} 没有名称")
    if "'''" in name:  # it would end the list in the catalogue file
        raise CatalogueImportError(f"“{source}”{where}：科目 {code} 的名称“{name}”中有连续三个单引号，不是科目名称")
    entries.append(Entry(code, name, where))


def _kind_of(source: Path, entries: list[Entry], kind: str | None) -> str:
    if not entries:
        raise CatalogueImportError(
            f"“{source}”中没有可识别的科目代码：每行（或每行单元格）应为科目代码（3 位类、5 位款、7 位项）和科目名称，"
            "如“2080101 行政运行”"
        )
    for entry in entries:
        found = KIND_BY_DIGIT.get(entry.code[0])
        if found is None or kind is not None and found != kind:
            expected = kind or "功能分类（2 开头）或经济分类（3 开头）"
            raise CatalogueImportError(f"“{source}”{entry.where}：科目代码 {entry.code} 不是{expected}的代码")
        kind = kind or found
    return kind


def _checked_items(source: Path, entries: list[Entry]) -> dict[str, str]:
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.code in seen:
            raise CatalogueImportError(
                f"“{source}”：科目代码 {entry.code} 重复出现（{seen[entry.code].where}“{seen[entry.code].name}”，"
                f"{entry.where}“{entry.name}”），请删去其中一个"
            )
        seen[entry.code] = entry
    for entry in entries:
        parent = parent_code(entry.code)
        if parent is not None and parent not in seen:
            raise CatalogueImportError(
                f"“{source}”{entry.where}：科目 {entry.code} {entry.name} 所属的{LEVEL_BY_WIDTH[len(parent)]} {parent} "
                "不在文件中；科目目录应列出全部类、款、项"
            )
    return {code: seen[code].name for code in sorted(seen)}


def _toml(catalogue: Catalogue) -> str:
    # A JSON string is a TOML basic string for what json.dumps writes (\", \\, \n, \uXXXX).
    lines = [
        f"# {catalogue.title}",
        f"kind = {json.dumps(catalogue.kind, ensure_ascii=False)}",
        f"year = {catalogue.year}",
        f"title = {json.dumps(catalogue.title, ensure_ascii=False)}",
        "",
        items_as_lines(catalogue.items),
    ]
    return "\n".join(lines) + "\n"
