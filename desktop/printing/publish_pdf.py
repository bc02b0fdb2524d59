"""The 公开文件 as PDF: cover, a 目录 with the pages each part starts on, the parts, wide tables on
landscape pages, page numbers, bookmarks, the Chinese font embedded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QPdfWriter

from desktop.core.publish.document import Document, Heading, Paragraph, Table
from desktop.core.publish.output import OutputError, written_output
from desktop.printing import publish_html as html
from desktop.printing.fonts import chinese_family
from desktop.printing.pdf_bookmarks import Bookmark, write_with_bookmarks
from desktop.printing.pdf_pages import LANDSCAPE_MARGINS_MM, PORTRAIT_MARGINS_MM, Run, lay_out, paint, text_width
from desktop.printing.pdf_toc import TocLines
from desktop.printing.report_pdf import ensure_application

RESOLUTION = html.RESOLUTION
# 公文 faces where the machine has them; otherwise its general Chinese face.
BODY_FACES = ("仿宋_GB2312", "仿宋", "FangSong", "STFangsong")
HEADING_FACES = ("黑体", "SimHei", "STHeiti")
SUBHEADING_FACES = ("楷体_GB2312", "楷体", "KaiTi", "STKaiti")
# Laying the 目录 out again with its numbers can only move later pages if it grows by a page;
# a few rounds always settle.
TOC_ROUNDS = 4
TOC_RUN = 1  # the cover is run 0
# A line this short just above a table is its caption (“市级项目绩效自评表”, “（2024年度）”): it goes
# over to the table's page instead of standing alone.
CAPTION_CHARS = 40
# A4's width less the side margins, upright and across (pdf_pages).
PORTRAIT_TEXT_CM = 21.0 - (PORTRAIT_MARGINS_MM[0] + PORTRAIT_MARGINS_MM[2]) / 10
LANDSCAPE_TEXT_CM = 29.7 - (LANDSCAPE_MARGINS_MM[0] + LANDSCAPE_MARGINS_MM[2]) / 10


def write_pdf(document: Document, target: Path) -> int:
    """Writes `document` to `target` whole or not at all; returns the number of pages.

    Raises OutputError (Chinese, naming the file) when the file cannot be written."""
    ensure_application()
    faces = {
        "body": chinese_family(BODY_FACES) or "",
        "heading": chinese_family(HEADING_FACES) or "",
        "subheading": chinese_family(SUBHEADING_FACES) or "",
    }
    font = QFont(faces["body"]) if faces["body"] else QFont()
    font.setPointSizeF(html.BODY_PT)
    footer_font = QFont(font)
    footer_font.setPointSizeF(12)

    buffer = QBuffer()  # its own array: one handed in must outlive it, which Python does not promise
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("决算公开填报审核")

    toc = TocLines(faces, writer, text_width(writer, landscape=False))
    runs, marks = _compose(document, faces, toc.html(document.toc, [None] * len(document.toc)))
    laid = [lay_out(run, writer, font) for run in runs]
    pages: list[int] = []
    for _ in range(TOC_ROUNDS):
        pages = _mark_pages(laid, marks)
        toc_pages = laid[TOC_RUN].pages
        runs[TOC_RUN] = Run(toc.html(document.toc, _toc_numbers(document, marks, pages)), right_tab=True)
        laid[TOC_RUN] = lay_out(runs[TOC_RUN], writer, font)
        if laid[TOC_RUN].pages == toc_pages:
            break
    try:
        total = paint(laid, [run.numbered for run in runs], writer, footer_font)
    except OSError as exc:  # Qt could not start drawing: nothing to do with any file on disk
        raise OutputError(f"无法生成“{target}”：{exc}，没有写入任何内容。") from exc
    laid.clear()  # the documents draw through the writer: they go first
    del writer  # finishes the PDF in the buffer
    buffer.close()
    bookmarks = [Bookmark(text, page - 1, 0 if level == 1 else 1) for (_, text, level), page in zip(marks, pages)]
    with written_output(target) as partial:
        write_with_bookmarks(bytes(buffer.data()), bookmarks, partial)
    return total


class _Composer:
    """Runs of pages built block by block; `marks` are the headings the 目录 and bookmarks point at,
    as (run, text, level 1 a part or 2 an item)."""

    def __init__(self, faces: dict[str, str]):
        self.faces = faces
        self.runs: list[Run] = []
        self.marks: list[tuple[int, str, int]] = []
        self.opened_part = False  # only a part's title on the current run yet: its first table joins it

    def start(self, landscape: bool = False, numbered: bool = True, right_tab: bool = False) -> None:
        run = Run("", landscape, numbered, right_tab=right_tab)
        if not self.runs or self.runs[-1].html:
            self.runs.append(run)
        else:
            self.runs[-1] = run

    @property
    def fresh(self) -> bool:
        """Nothing on the current run yet: a page break here would only leave a blank page."""
        return not self.runs[-1].html

    def add(self, piece: str, mark: str = "", level: int = 0) -> None:
        self.opened_part = level == 1
        self.runs[-1].html += piece
        if mark:
            self.runs[-1].marks.append(mark)
            self.marks.append((len(self.runs) - 1, mark, level))


def _compose(document: Document, faces: dict[str, str], toc: str) -> tuple[list[Run], list[tuple[int, str, int]]]:
    """Cover, 目录, then each part from a new page; every table from the top of a page, with the
    headings and short caption lines just above it; a wide table on landscape pages of its own."""
    composer = _Composer(faces)
    composer.start(numbered=False)
    composer.add(html.cover(document.cover, faces))
    composer.start(right_tab=True)
    composer.add(toc)
    for part in document.parts:
        composer.start()
        composer.add(html.part_heading(part.heading, faces), part.heading, 1)
        above: list[Heading | Paragraph] = []  # held back until it is known whether a table follows
        for block in part.blocks:
            if isinstance(block, Heading) or (isinstance(block, Paragraph) and len(block.text) <= CAPTION_CHARS):
                above.append(block)
                continue
            if isinstance(block, Table):
                wide = _wide(block)
                with_part = composer.opened_part  # the part's first table shares the page with its title
                if wide and with_part:
                    composer.runs[-1].landscape = True
                elif wide:
                    composer.start(landscape=True)
                _lead_in(composer, above, first_on_new_page=not with_part)
                first = composer.fresh or with_part or bool(above)
                width = LANDSCAPE_TEXT_CM if wide else PORTRAIT_TEXT_CM
                composer.add(html.table(block, faces, first=first, width_cm=width))
                if wide:
                    composer.start()
            else:
                _lead_in(composer, above)
                composer.add(html.paragraph(block))
            above = []
        _lead_in(composer, above)
    return [run for run in composer.runs if run.html], composer.marks


def _wide(table: Table) -> bool:
    """Printed across the page when the model says so or its columns would not fit upright."""
    return table.wide or sum(table.widths) > PORTRAIT_TEXT_CM


def _lead_in(composer: _Composer, blocks: list[Heading | Paragraph], first_on_new_page: bool | None = None) -> None:
    """Headings and short lines. Above a table the first of them starts the table's page (True), or
    stays under the part's title (False); elsewhere a heading keeps its own page break (None)."""
    for n, block in enumerate(blocks):
        new_page = block.new_page if isinstance(block, Heading) else False
        if n == 0 and first_on_new_page is not None:
            new_page = first_on_new_page
        if isinstance(block, Heading):
            piece = html.heading(Heading(block.text, block.level, new_page), composer.faces, first=composer.fresh)
            composer.add(piece, block.text if block.level <= 2 else "", 2)
        else:
            composer.add(html.paragraph(block, page_break=new_page and not composer.fresh))


def _mark_pages(laid, marks) -> list[int]:
    """Each mark's page in the whole file, counting from 1."""
    starts, page = [], 1
    for one in laid:
        starts.append(page)
        page += one.pages
    seen: dict[int, int] = {}
    result = []
    for run, _text, _level in marks:
        index = seen.get(run, 0)
        seen[run] = index + 1
        result.append(starts[run] + laid[run].mark_pages[index])
    return result


def _toc_numbers(document: Document, marks, pages: list[int]) -> list[int | None]:
    """The 目录's entries in order, each given the page of the same heading, matched in order."""
    numbers: list[int | None] = []
    position = 0
    for entry in document.toc:
        found = next((i for i in range(position, len(marks)) if marks[i][1] == entry.text), None)
        numbers.append(None if found is None else pages[found])
        position = found + 1 if found is not None else position
    return numbers
