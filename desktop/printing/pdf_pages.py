"""Runs of pages with their own orientation, laid out with QTextDocument and drawn into one PDF.

A document whose wide tables print across the page needs portrait and landscape pages in one
file; QTextDocument has one page size, so each run of pages is its own document, and the PDF
writer switches its page layout before the run's first page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextBlockFormat,
    QTextCursor, QTextDocument, QTextOption,
)

from desktop.printing import table_pages
from desktop.printing.table_rules import on_page, table_rules

# 公文 margins (GB/T 9704): 上 37, 下 35, 左 28, 右 26 mm; a wide table's landscape page keeps the
# sheet's binding edge and gives the width to the table.
PORTRAIT_MARGINS_MM = (28, 37, 26, 35)  # left, top, right, bottom
LANDSCAPE_MARGINS_MM = (25, 20, 20, 20)
# The page number sits in this band at the bottom of the written area.
FOOTER_MM = 9
CSS_DPI = 96  # Qt reads HTML lengths and tab stops at 96 to the inch, whatever the device


@dataclass
class Run:
    """Pages that start on a new page and share one orientation; `marks` are the headings in it,
    in order, found in the laid-out text by their exact wording."""

    html: str
    landscape: bool = False
    numbered: bool = True  # the cover carries no page number
    marks: list[str] = field(default_factory=list)
    right_tab: bool = False  # the 目录: a tab goes to the right edge, an entry is kept to one page


@dataclass
class LaidOut:
    document: QTextDocument
    layout: QPageLayout
    body: float  # the height of a page's text, in device pixels
    pages: int
    mark_pages: list[int]  # for each of the run's marks, its page within the run (0-based)
    rules: list[QLineF] = field(default_factory=list)  # the tables' rules, which Qt is not to draw
    rule_width: float = 0.0


def page_layout(landscape: bool) -> QPageLayout:
    left, top, right, bottom = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(left, top, right, bottom - FOOTER_MM),
        QPageLayout.Unit.Millimeter,
    )


def _size(writer: QPdfWriter, layout: QPageLayout) -> QSizeF:
    rect = layout.paintRectPixels(writer.resolution())
    return QSizeF(rect.width(), rect.height())


def text_width(writer: QPdfWriter, landscape: bool) -> float:
    """A page's line width in device pixels: QTextDocument keeps its margin (CSS pixels) on each side."""
    margin = QTextDocument().documentMargin() * writer.resolution() / CSS_DPI
    return _size(writer, page_layout(landscape)).width() - 2 * margin


def _footer(writer: QPdfWriter) -> float:
    return FOOTER_MM / 25.4 * writer.resolution()


def lay_out(run: Run, writer: QPdfWriter, font: QFont) -> LaidOut:
    layout = page_layout(run.landscape)
    size = _size(writer, layout)
    body = size.height() - _footer(writer)

    def typeset(html: str, height: float) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        document.setDefaultFont(font)
        document.setHtml(html)
        document.setPageSize(QSizeF(size.width(), height))
        return document

    document = table_pages.lay_out(run.html, typeset, body)
    if run.right_tab:
        _tab_to_right_edge(document, size.width(), writer.resolution() / CSS_DPI)
        _keep_blocks_whole(document, body)
    rules, width = table_rules(document, table_pages.grids(document), writer.resolution() / CSS_DPI)
    return LaidOut(document, layout, body, document.pageCount(), _mark_pages(document, run.marks, body), rules, width)


def _tab_to_right_edge(document: QTextDocument, width: float, scale: float) -> None:
    """A right-aligned tab stop at each line's right end. Qt takes tab stops and the document's
    margin in CSS pixels but a block's own margins in device pixels."""
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        edge = (width - 2 * document.documentMargin() * scale - fmt.leftMargin() - fmt.rightMargin()) / scale - 1
        fmt.setTabPositions([QTextOption.Tab(edge, QTextOption.TabType.RightTab)])
        QTextCursor(block).setBlockFormat(fmt)
        block = block.next()


def _keep_blocks_whole(document: QTextDocument, body: float) -> None:
    """A paragraph whose lines would run over a page starts the next one: a 目录 entry's page
    number stands on its title's last line, which must not be parted from the rest of the title."""
    layout = document.documentLayout()
    layout.documentSize()
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount() > 1:
            top = lines.position().y()
            last = lines.lineAt(lines.lineCount() - 1)
            if int((top + lines.lineAt(0).y()) // body) != int((top + last.y() + last.height() - 1) // body):
                moved = QTextBlockFormat()
                moved.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).mergeBlockFormat(moved)
                layout.documentSize()
        block = block.next()


def _mark_pages(document: QTextDocument, marks: list[str], body: float) -> list[int]:
    """The page each heading begins on; a heading missing from the text is a bug in the caller."""
    pages: list[int] = []
    wanted = iter(" ".join(mark.split()) for mark in marks)  # HTML folds runs of spaces into one
    mark = next(wanted, None)
    block = document.begin()
    layout = document.documentLayout()
    while mark is not None and block.isValid():
        if " ".join(block.text().split()) == mark:
            pages.append(int(layout.blockBoundingRect(block).top() // body))
            mark = next(wanted, None)
        block = block.next()
    if mark is not None:
        raise ValueError(f"heading {mark!r} not found in its run of pages")
    return pages


def paint(runs: list[LaidOut], numbered: list[bool], writer: QPdfWriter, font: QFont) -> int:
    """Draws every run into the writer, page numbers centred in the footer band; returns the page count."""
    total = 0
    painter = QPainter()
    writer.setPageLayout(runs[0].layout)
    if not painter.begin(writer):
        raise OSError("Qt 无法开始绘制 PDF")
    try:
        for laid, with_number in zip(runs, numbered):
            for page in range(laid.pages):
                if total:
                    writer.setPageLayout(laid.layout)
                    writer.newPage()
                total += 1
                _draw_page(painter, laid, page, writer)
                if with_number:
                    size = _size(writer, laid.layout)
                    painter.setFont(font)
                    painter.drawText(
                        QRectF(0, laid.body, size.width(), _footer(writer)), Qt.AlignmentFlag.AlignCenter,
                        f"— {total} —",
                    )
    finally:
        painter.end()
    return total


def _draw_page(painter: QPainter, laid: LaidOut, page: int, writer: QPdfWriter) -> None:
    width = _size(writer, laid.layout).width()
    painter.save()
    painter.translate(0, -page * laid.body)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, page * laid.body, width, laid.body)
    painter.setClipRect(context.clip)
    # The pen the page starts with is put back after every cell edge and text run the layout draws
    # (Qt's PDF engine writes it out each time): none at all leaves that out, a third of the page's
    # operators, so the file is leaner and reads back faster. What is drawn is the same.
    painter.setPen(Qt.PenStyle.NoPen)
    laid.document.documentLayout().draw(painter, context)
    rules = on_page(laid.rules, context.clip)
    if rules:
        pen = QPen(Qt.GlobalColor.black, laid.rule_width)
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)  # a rule reaches the middle of the one it meets
        painter.setPen(pen)
        painter.drawLines(rules)
    painter.restore()
