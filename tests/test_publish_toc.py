"""The PDF's 目录 for titles of every length: each page number at the right end of the line that ends
its title, after a dotted leader, equal to the page its bookmark points at."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from desktop.core.publish.document import Cover, Document, Heading, Paragraph, Part, TocEntry
from desktop.printing.pdf_pages import Run, lay_out, text_width
from desktop.printing.pdf_toc import LEADER, TocLines
from desktop.printing.publish_pdf import write_pdf

CHINESE = "一般公共预算财政拨款基本支出决算明细表项目支出绩效自评表劳动保障大厦运行及维修改造费机关运行经费"
MIXED = "2024年度12333热线Phase II运维经费（ABC平台v3）WiFi覆盖及OA系统升级"
# A line of the 目录 holds about 31 characters of 四号 on A4's upright page: up to three lines' worth.
LONGEST = 100


def title(source: str, length: int) -> str:
    return (source * (LONGEST // len(source) + 1))[:length].strip() or source[0]


def generated() -> Document:
    """Parts and items whose titles run from one character to three lines, Chinese and mixed."""
    parts = []
    for n, source in enumerate((CHINESE, MIXED, CHINESE)):
        lengths = range(n + 1, LONGEST + 1, 3)  # each part a different third of the lengths
        items = [Heading(f"{k}、{title(source[k % 7:] + source, length)}", 2) for k, length in enumerate(lengths, 1)]
        blocks = []
        for item in items:
            blocks += [item, Paragraph("正文。" * 40)]
        parts.append(Part(f"第{n + 1}部分", title(source, 10 + 40 * n), tuple(blocks)))
    toc = []
    for part in parts:
        toc.append(TocEntry(part.heading, 1))
        toc += [TocEntry(b.text, 2) for b in part.blocks if isinstance(b, Heading)]
    cover = Cover("测试局", "2024年度部门决算", ())
    return Document("标准", cover, tuple(toc), tuple(parts))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    document = generated()
    target = tmp_path_factory.mktemp("toc") / "目录.pdf"
    write_pdf(document, target)
    return document, target


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def toc_page_range(document: Document, pdf) -> range:
    """From the page after the cover to the page before the first part's."""
    reader = PdfReader(pdf)
    return range(2, reader.get_destination_page_number(reader.outline[0]) + 1)


def layout_lines(pdf, pages: range) -> list[tuple[int, str]]:
    """The 目录's printed lines with the page each is on, without its heading and page footers."""
    found = []
    for page in pages:
        args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
        text = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout
        found += [
            (page, line) for line in text.splitlines()
            if line.strip() and squeezed(line) != "目录" and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)
        ]
    return found


def bookmark_pages(pdf) -> list[tuple[str, int]]:
    reader = PdfReader(pdf)
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            found += [(child.title, reader.get_destination_page_number(child) + 1) for child in item]
        else:
            found.append((item.title, reader.get_destination_page_number(item) + 1))
    return found


NUMBERED = re.compile(r"^(?P<title>.*?)\s*\.{%d,}\s*(?P<number>\d+)$" % 2)


def test_each_number_ends_the_line_that_ends_its_title_and_is_the_bookmarks_page(published):
    document, pdf = published
    lines = iter(layout_lines(pdf, toc_page_range(document, pdf)))
    marks = bookmark_pages(pdf)
    assert [text for text, _ in marks] == [entry.text for entry in document.toc]
    wrapped = 0
    for entry, (_, page) in zip(document.toc, marks):
        wanted, read, held, on = squeezed(entry.text), "", 0, set()
        while True:
            page_of_line, line = next(lines)
            line = line.strip()
            on.add(page_of_line)
            numbered = NUMBERED.match(line)
            read += squeezed(numbered.group("title") if numbered else line)
            held += 1
            if numbered:
                break
            assert LEADER * 2 not in line, f"a leader on a line that does not end {entry.text!r}: {line!r}"
        assert read == wanted, f"the number of {entry.text!r} stands on a line that does not end it"
        assert int(numbered.group("number")) == page, entry.text
        assert len(on) == 1, f"{entry.text!r} runs over a page"
        wrapped += held > 1
    assert wrapped > 40  # two and three lines' worth of title were tried, not only short ones
    assert next(lines, None) is None


def test_the_numbers_share_one_right_edge(published):
    """Read from the words' boxes: every number ends where the right margin begins."""
    document, pdf = published
    pages = toc_page_range(document, pdf)
    args = ["pdftotext", "-bbox-layout", "-f", str(pages.start), "-l", str(pages.stop - 1), str(pdf), "-"]
    boxes = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout
    edges = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", boxes, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', line)
        if words and re.fullmatch(r"\d+", words[-1][2]) and LEADER * 2 in "".join(w[2] for w in words[:-1])[-4:]:
            edges.append(float(words[-1][1]))
    assert len(edges) == len(document.toc)
    assert max(edges) - min(edges) < 1.0  # points
    page_width = 595.3
    # The 公文 right margin (26 mm), the text's own margin (4 CSS pixels) and the tab stop's one pixel.
    assert abs(page_width - max(edges) - (26 / 25.4 * 72 + 5 * 0.75)) < 1


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("faces", [
    {"heading": "WenQuanYi Micro Hei", "body": "WenQuanYi Micro Hei"},
    {"heading": "DejaVu Sans", "body": "WenQuanYi Micro Hei"},  # the heading face draws 汉字 by fallback
    {"heading": "", "body": "DejaVu Sans"},  # no heading face: parts in the body's
])
def test_every_entry_lays_out_as_its_lines_at_either_page_width(landscape, faces):
    """Qt's own layout of the 目录 keeps to the lines TocLines broke: none wraps again, and each
    entry's last line ends at the right tab stop with its number."""
    from desktop.printing.report_pdf import ensure_application
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QFont, QPdfWriter

    ensure_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    document = generated()
    toc = TocLines(faces, writer, text_width(writer, landscape))
    numbers = [n * 7 % 230 + 1 for n in range(len(document.toc))]  # one to three digits
    laid = lay_out(Run(toc.html(document.toc, numbers), landscape, right_tab=True), writer, QFont(faces["body"]))
    block = laid.document.begin().next()  # past 目录's own heading
    lengths = set()
    for entry, number in zip(document.toc, numbers):
        planned = toc.lines(entry, str(number))
        lines = block.layout()
        assert lines.lineCount() == len(planned), entry.text
        last = lines.lineAt(lines.lineCount() - 1)
        assert block.text().endswith(f"\t{number}")
        edge = toc.edge
        assert abs(last.x() + last.naturalTextWidth() - edge) < writer.resolution() / 72, (entry.text, number)
        lengths.add(len(planned))
        block = block.next()
    assert {1, 2, 3} <= lengths  # a title on one, two and three lines (the longest part title four upright)
    del laid, writer
