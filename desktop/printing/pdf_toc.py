"""The PDF's 目录: each title wrapped under a hanging indent, a dotted leader after its last line,
and its page number at the right end of that same line.

Qt's rich text has no tab leaders, and a number that no longer fits after a long title drops to
the start of the next line; so the lines are broken here, by Qt's own line breaker at the font and
paint device the page is drawn with, and a title's last line always keeps room for the number.
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QTextLayout, QTextOption

from desktop.core.publish.document import TocEntry
from desktop.printing.pdf_pages import CSS_DPI

TOC_PT = 14  # 四号: most entries, long 项目 names aside, keep to one line
TITLE_PT = 20
LINE_HEIGHT = "125%"
ENTRY_GAP = 12  # CSS pixels above each entry; a title's own further lines follow closely
INDENT = "　　"  # an item stands under its part
HANG = "　　"  # a title's further lines stand clear of its 一、 or 第一部分
LEADER = "."
# Room kept for a number before its value is known: the lines mostly stay where they are when the
# numbers are filled in, and a longer number is laid out again (see publish_pdf.TOC_ROUNDS).
WIDEST_NUMBER = "99"
LEAST_DOTS = 2  # a title's last line ends this many dots short of its number, at the least


class TocLines:
    """The 目录 as HTML for a page whose lines are `width` device pixels wide (the document's own
    margin already taken off), set in `faces` at the resolution of `device`."""

    def __init__(self, faces: dict[str, str], device: QPaintDevice, width: float):
        self.faces = faces
        self.device = device
        # The run's right tab stop stands one CSS pixel inside the edge (pdf_pages._tab_to_right_edge).
        self.edge = width - device.logicalDpiX() / CSS_DPI
        # The faces the paragraphs are set in: a part's the heading face, else the document's own.
        body = faces.get("body", "")
        self.fonts = {1: self._font(faces.get("heading", "") or body), 2: self._font(body)}

    def _font(self, face: str) -> QFont:
        font = QFont(face) if face else QFont()
        font.setPointSizeF(TOC_PT)
        return font

    def html(self, entries: Iterable[TocEntry], pages: list[int | None]) -> str:
        """The heading and one paragraph an entry; a number not yet known is left blank."""
        lines = [
            f'<p align="center" style="{self._family(1)}font-size:{TITLE_PT}pt">目　录</p>',
        ]
        for entry, page in zip(entries, pages):
            lines.append(self._entry(entry, "" if page is None else str(page)))
        return "".join(lines)

    def lines(self, entry: TocEntry, number: str = "") -> list[str]:
        """The entry's printed lines as plain text: indents, title, leader dots, tab, number."""
        level = 1 if entry.level == 1 else 2
        font = self.fonts[level]
        metrics = QFontMetricsF(font, self.device)
        first = "" if level == 1 else INDENT
        rest = first + HANG
        reserve = max(metrics.horizontalAdvance(WIDEST_NUMBER), metrics.horizontalAdvance(number))
        dot = metrics.horizontalAdvance(LEADER)
        room = reserve + dot * (LEAST_DOTS + 2)  # the leader, and the gap before the number
        widths = (self.edge - metrics.horizontalAdvance(first), self.edge - metrics.horizontalAdvance(rest))
        texts, last_width = self._broken(" ".join(entry.text.split()), font, widths, room)
        printed = [(first if n == 0 else rest) + text for n, text in enumerate(texts)]
        end = metrics.horizontalAdvance(first if len(texts) == 1 else rest) + last_width
        # Half a dot short of filling, besides the gap: a line a hair too long would wrap its number away.
        dots = int((self.edge - metrics.horizontalAdvance(number) - 1.5 * dot - end) // dot)
        printed[-1] += LEADER * max(dots, LEAST_DOTS) + "\t" + number
        return printed

    def _entry(self, entry: TocEntry, number: str) -> str:
        """One paragraph, its lines broken where `lines` says: a block is kept to one page whole
        (pdf_pages), so an entry never leaves its number's line on the next page."""
        return (
            f'<p style="{self._family(entry.level)}font-size:{TOC_PT}pt;white-space:pre-wrap;'
            f'line-height:{LINE_HEIGHT};margin-top:{ENTRY_GAP}px;margin-bottom:0">'
            + "<br/>".join(escape(text) for text in self.lines(entry, number)) + "</p>"
        )

    def _family(self, level: int) -> str:
        face = self.faces.get("heading", "") if level == 1 else ""
        return f"font-family:'{face}';" if face else ""

    def _broken(
        self, text: str, font: QFont, widths: tuple[float, float], room: float,
    ) -> tuple[list[str], float]:
        """`text` in lines of widths[0] then widths[1], the last one `room` short of its width;
        with the last line's width."""
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        spans: list[tuple[int, int]] = []
        last = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            width = widths[0] if not spans else widths[1]
            line.setLineWidth(width)
            if line.textStart() + line.textLength() >= len(text) and line.naturalTextWidth() > width - room:
                line.setLineWidth(width - room)  # what is left over goes on a line of its own
            spans.append((line.textStart(), line.textLength()))
            last = line.naturalTextWidth()
        layout.endLayout()
        texts = [text[start:start + length].strip() for start, length in spans] or [""]
        return texts, last
