"""The 公开文件 as a writer-neutral model: cover, 目录 entries, numbered parts and their blocks.

`build_document` reads the workspace once; the Word and PDF writers only lay the model out,
so both print the same words, the same figures and the same 【请填写…】 gaps.
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.core.publication import subject
from desktop.core.narrative.headings import PART, heading_level
from desktop.core.publish.blocks import Block, Cell, Gaps, Heading, Paragraph, Table
from desktop.core.publish.table_blocks import attachment_blocks, pasted_table, table_part_blocks
from desktop.core.publish.outline import Outline, Part as OutlinePart, chinese_number, load_outline
from desktop.core.text_sections import NARRATIVE_KEY, narrative_title, text_sections
from desktop.core.workspace import Workspace

__all__ = ["Block", "Cell", "Cover", "Document", "Heading", "Paragraph", "Part", "Table", "TocEntry", "build_document"]


class Part(NamedTuple):
    number: str  # "第一部分"
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


class Cover(NamedTuple):
    unit: str
    title: str  # "2024年度部门决算"
    statements: tuple[Paragraph, ...]  # “保密审查情况：已审查”


class TocEntry(NamedTuple):
    text: str
    level: int  # 1 a part, 2 an item


class Document(NamedTuple):
    outline: str
    cover: Cover
    toc: tuple[TocEntry, ...]
    parts: tuple[Part, ...]
    gaps: tuple[str, ...] = ()  # each missing text, in Chinese, naming where it belongs
    year: str = ""
    unit_word: str = "单位"  # 公开主体: 部门 or 单位

    @property
    def title(self) -> str:
        return f"{self.cover.unit}{self.cover.title}"

    def tables(self) -> list[Table]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Table)]


def build_document(ws: Workspace, outline_name: str | None = None) -> Document:
    """The whole 公开文件 of `ws` in the order of the named outline (the shipped default if None)."""
    outline: Outline = load_outline(outline_name)
    word = subject(ws)
    year = ws.unit.get("年度", "")
    fill = {"{年度}": year, "{主体}": word}
    gaps = Gaps()
    statements = []
    for statement in outline.statements:
        text = ws.text(statement.key).strip()
        if text:
            statements.append(Paragraph(f"{statement.label}：{text}"))
        else:
            shown = gaps.placeholder(statement.label, "封面")
            statements.append(Paragraph(f"{statement.label}：{shown.text}", placeholder=True))
    cover = Cover(ws.unit.get("单位名称", ""), _filled(outline.cover_title, fill), tuple(statements))
    parts = []
    for n, entry in enumerate(outline.parts, start=1):
        number, title = f"第{chinese_number(n)}部分", _filled(entry.title, fill)
        where = f"{number} {title}"
        if entry.content == "texts":
            blocks = _text_items(ws, entry, fill, gaps, where)
        elif entry.content == "narrative":
            blocks = _narrative(ws, title, gaps, where)
        elif entry.content == "tables":
            blocks = table_part_blocks(ws, gaps, where)
        elif entry.content == "text":
            blocks = _one_text(ws, entry, fill, gaps, where)
        else:
            blocks = _text_items(ws, entry, fill, gaps, where, own_page=True)
            numbered = sum(1 for b in blocks if isinstance(b, Heading) and b.level == 2)
            blocks += attachment_blocks(ws, entry.kind, gaps, where, first=numbered + 1)
        parts.append(Part(number, title, tuple(blocks)))
    toc = []
    for part in parts:
        toc.append(TocEntry(part.heading, 1))
        toc += [TocEntry(b.text, 2) for b in part.blocks if isinstance(b, Heading) and b.level == 2]
    return Document(outline.name, cover, tuple(toc), tuple(parts), tuple(gaps.found), year, word)


def _filled(text: str, fill: dict[str, str]) -> str:
    for mark, value in fill.items():
        text = text.replace(mark, value)
    return text


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _text_items(ws: Workspace, entry: OutlinePart, fill, gaps: Gaps, where: str, own_page: bool = False) -> list[Block]:
    """Each text section under its numbered heading; an optional one only when written. An
    attachment (`own_page`) starts a page, as the attached tables do."""
    blocks: list[Block] = []
    for item in entry.items:
        title = _filled(item.title, fill)
        body = _paragraphs(ws.text(item.key))
        if not body and item.optional:
            continue
        number = sum(1 for b in blocks if isinstance(b, Heading) and b.level == 2) + 1
        blocks.append(Heading(f"{chinese_number(number)}、{title}", 2, new_page=own_page))
        blocks += body or [gaps.placeholder(title, where)]
    return blocks


def _narrative(ws: Workspace, part_title: str, gaps: Gaps, where: str) -> list[Block]:
    """The 情况说明 as the user keeps it; its “一、” and “（一）” lines are headings, tab-separated
    lines (a pasted table) a table."""
    blocks: list[Block] = []
    own_titles = {part_title, narrative_title(ws)}
    pasted: list[str] = []
    # A blank line does not end a pasted table: two tables in a row would run together in Word.
    for line in ws.text(NARRATIVE_KEY).splitlines():
        if "\t" in line.strip():
            pasted.append(line.strip(" \u3000"))  # a leading tab is an empty first cell
            continue
        line = line.strip()
        if not line:
            continue
        if pasted:
            blocks.append(pasted_table(pasted))
            pasted = []
        # Text pasted from a published document starts with its part line and title: the part
        # heading above already prints them.
        if not blocks and (PART.match(line) or line in own_titles):
            continue
        level = heading_level(line)
        blocks.append(Heading(line, level + 1) if level else Paragraph(line))
    if pasted:
        blocks.append(pasted_table(pasted))
    return blocks or [gaps.placeholder("情况说明", where)]


def _one_text(ws: Workspace, entry: OutlinePart, fill, gaps: Gaps, where: str) -> list[Block]:
    """A text section, or its shipped default while the user has written none."""
    text = ws.text(entry.key).strip()
    if not text:
        section = next((s for s in text_sections() if s.key == entry.key), None)
        text = section.default if section else ""
    body = _paragraphs(_filled(text, fill))
    return body or [gaps.placeholder(_filled(entry.title, fill), where)]
