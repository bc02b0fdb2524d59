"""The 审核报告 on paper or as PDF: the report's HTML laid out on A4 pages with page numbers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QFont, QGuiApplication, QPageLayout, QPageSize, QPainter,
    QPdfWriter, QTextBlockFormat, QTextCursor, QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from desktop.core.review.report import CLOSING_LEAD, Report, report_html, report_title
from desktop.printing import table_pages
from desktop.printing.fonts import chinese_family, register_bundled_fonts

MARGIN_MM = 12
FOOTER_PT = 14
SOURCE = "source_html"  # the document's HTML, kept on it for paint()


def ensure_application() -> QGuiApplication:
    """Qt draws text only inside an application; headless runs use the offscreen platform."""
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    register_bundled_fonts()
    return app


def page_layout() -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, margins,
                       QPageLayout.Unit.Millimeter)


def report_printer(output: Path | None = None) -> QPrinter:
    """The printer the 打印 dialog starts from; with `output`, one that prints into that PDF file
    through the platform's print engine (cups on Linux) rather than QPdfWriter."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    if output is not None:
        printer.setOutputFileName(str(output))
    return printer


def report_document(report: Report) -> QTextDocument:
    document = QTextDocument()
    family = chinese_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    html = report_html(report)
    document.setHtml(html)
    # paint() lays the tables out again, cut between rows to fit the device's pages.
    document.setProperty(SOURCE, html)
    return document


def paint(document: QTextDocument, device) -> int:
    """Lays the document out on the device's pages and draws it with 第 n 页 共 N 页; returns N."""
    dpi = device.logicalDpiY()
    width, height = device.width(), device.height()
    footer = FOOTER_PT * dpi / 72
    body = height - footer

    def typeset(html: str, page_height: float) -> QTextDocument:
        laid = QTextDocument()
        laid.documentLayout().setPaintDevice(device)
        laid.setDefaultFont(document.defaultFont())
        laid.setHtml(html)
        laid.setPageSize(QSizeF(width, page_height))
        return laid

    source = document.property(SOURCE)
    if source:
        document = table_pages.lay_out(source, typeset, body)
    else:
        document.documentLayout().setPaintDevice(device)
        document.setPageSize(QSizeF(width, body))
    _keep_closing_together(document, body)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        # QPdfWriter says nothing when its file cannot be created; the caller must hear it.
        raise OSError("无法创建文件（目录不存在或没有写入权限）")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body, width, body)
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(document.defaultFont())
            painter.drawText(
                QRectF(0, body, width, footer), Qt.AlignmentFlag.AlignCenter,
                f"第 {page + 1} 页  共 {pages} 页",
            )
    finally:
        painter.end()
    return pages


def _keep_closing_together(document: QTextDocument, body: float) -> None:
    """Starts the closing block (note, 签字, the names) on a new page when the page it begins on
    cannot hold it all: a signature line alone on the last page is no place to sign."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid() and not block.text().startswith(CLOSING_LEAD):
        block = block.next()
    if not block.isValid():
        return
    top = layout.blockBoundingRect(block).top()
    end = layout.documentSize().height()
    if int(top // body) != int((end - 1) // body) and end - top < body:
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(fmt)


def write_pdf(report: Report, target: Path) -> int:
    """Writes the report as PDF (fonts embedded); returns the number of pages."""
    ensure_application()
    writer = QPdfWriter(str(target))
    writer.setResolution(300)
    writer.setPageLayout(page_layout())
    writer.setTitle(f"{report.unit.get('单位名称', '')} {report_title(report.unit)}")
    writer.setCreator("决算公开填报审核")
    return paint(report_document(report), writer)
