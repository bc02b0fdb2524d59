"""The 公开文件 as PDF, read back the way a reader sees it: pdftotext per page, the outline, the fonts."""

from __future__ import annotations

import json
import re
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader

from desktop import paths
from desktop.core.definitions import load_forms
from desktop.core.publish.document import build_document
from desktop.core.publish.output import OutputError
from desktop.core.snapshot import load
from desktop.printing import pdf_bookmarks
from desktop.printing.publish_pdf import write_pdf
from pdf_round_trip import read_back, sample


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample (情况说明, 绩效自评表 and all) as a PDF, written once for the module's tests."""
    folder = tmp_path_factory.mktemp("publish")
    ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
    try:
        document = build_document(ws)
    finally:
        ws.close()
    target = folder / "公开.pdf"
    pages = write_pdf(document, target)
    return document, target, pages


def test_the_pdf_reads_back_as_the_sample_exactly(published):
    """`juesuan import` of the sample's 公开文件: every table figure, all nine 绩效自评表 (figures and
    texts), 单位名称 and 年度 (the generated workspaces' round trips: test_pdf_round_trip)."""
    _, pdf, pages = published
    got = read_back(sample(), pdf, pages, load_forms())
    assert (got.wrong, got.missing, got.performance, got.unit) == ([], [], [], {})
    assert got.placed == got.present == 271 and got.performance_count == 9
    # The 绩效自评表 the 情况说明 quotes as pasted text are printed in it as tables too: those copies
    # are named where their columns do not line up, and leave their names to the 附件's tables.
    assert got.warnings and all("重复" not in str(w) for w in got.warnings)
    # Every paragraph of the 情况说明 word for word (pasted tables aside: they are read as tables).
    assert got.paragraphs == (127, 127)



def test_a_tables_rules_are_drawn_as_whole_lines(published):
    """One line for each run of cell edges, not four filled rectangles a cell (Qt's own border): the
    page is a third of the drawing to parse, and the table is still found from its rules."""
    import pdfplumber

    _, pdf, _ = published
    reader = PdfReader(pdf)
    items = [child for item in reader.outline for child in (item if isinstance(item, list) else [item])]
    number = next(reader.get_destination_page_number(i) for i in items if i.title.endswith("收入决算表"))
    with pdfplumber.open(pdf) as read:
        page = read.pages[number]
        tables = page.find_tables()
        assert not page.rects and tables
        assert len(page.lines) < len(tables[0].cells)

def page_text(pdf, first: int, last: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-f", str(first), "-l", str(last or first), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def toc_pages(document, pdf) -> list[int]:
    """The page numbers printed in the 目录, entry by entry (the pages between the cover and the first part)."""
    first_part = document.parts[0].heading
    text, page = "", 2
    while squeezed(first_part) not in squeezed(page_text(pdf, page)).split("目录")[0] or page == 2:
        text += page_text(pdf, page)
        page += 1
        if squeezed(page_text(pdf, page)).startswith(squeezed(first_part)):
            break
    flat = squeezed(text)
    numbers, position = [], 0
    for entry in document.toc:
        match = re.compile(re.escape(squeezed(entry.text)) + r"\.{2,}(\d+)").search(flat, position)
        assert match, f"目录 lacks {entry.text!r} with its page"
        numbers.append(int(match.group(1)))
        position = match.end()
    return numbers


def test_every_part_and_table_is_in_the_pdf(published):
    document, pdf, pages = published
    assert len(PdfReader(pdf).pages) == pages > 40
    text = squeezed(page_text(pdf, 1, pages))
    for part in document.parts:
        assert squeezed(part.heading) in text
    for table in document.tables():
        assert squeezed(table.title) in text
        if table.code:
            assert table.code in text
    assert [t.code for t in document.tables() if t.code][:9] == [f"公开0{n}表" for n in range(1, 10)]
    # The sample's figures as printed: 公开01's 本年收入合计 and 公开05's 合计.
    assert "73,687.35" in text and "7,397.18" in text
    assert "【请填写保密审查情况】" in text  # the cover statement the sample lacks


def test_the_toc_gives_the_page_each_part_and_item_starts_on(published):
    document, pdf, _ = published
    numbers = toc_pages(document, pdf)
    assert numbers == sorted(numbers) and len(set(numbers)) > 10
    for entry, page in zip(document.toc, numbers):
        on_page = squeezed(page_text(pdf, page))
        assert squeezed(entry.text) in on_page, f"{entry.text} not on page {page}"
        if entry.level == 1:  # a part opens its page
            assert on_page.startswith(squeezed(entry.text))
    # Each part starts after the last item of the part before it.
    parts = [page for entry, page in zip(document.toc, numbers) if entry.level == 1]
    assert parts[0] > 2 and len(parts) == len(document.parts)


def test_bookmarks_point_at_the_pages_in_the_toc(published):
    document, pdf, _ = published
    numbers = toc_pages(document, pdf)
    reader = PdfReader(pdf)
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            found += [(child.title, 2, reader.get_destination_page_number(child) + 1) for child in item]
        else:
            found.append((item.title, 1, reader.get_destination_page_number(item) + 1))
    assert found == [(e.text, e.level, n) for e, n in zip(document.toc, numbers)]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_chinese_font_is_embedded(published):
    _, pdf, _ = published
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert line.split()[-5] == "yes", line  # the emb column


def test_wide_tables_print_across_the_page_with_their_header_on_every_page(published):
    document, pdf, pages = published
    reader = PdfReader(pdf)
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert not landscape[0] and not landscape[1]  # cover and 目录
    texts = [squeezed(page_text(pdf, n)) for n in range(1, pages + 1)]
    continued = 0
    for table in document.tables():
        if not table.code:
            continue
        start = next(n for n, text in enumerate(texts) if table.code in text)
        assert landscape[start] == table.wide
        following = start + 1
        while following < pages and landscape[following] == table.wide and not re.search(r"公开\d\d表|第.部分", texts[following]):
            for cell in table.header[0]:
                assert squeezed(cell.text) in texts[following], (table.code, following + 1, cell.text)
            continued += 1
            following += 1
    assert continued >= 2  # the sample's 公开02 and 公开03 run over a page


def test_figures_stand_right_aligned_in_their_columns(published):
    """A column of figures of different lengths ends at one edge: read from the words' boxes."""
    _, pdf, pages = published
    start = next(n for n in range(1, pages + 1) if "公开03表" in page_text(pdf, n))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(start), "-l", str(start), str(pdf), "-"],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', boxes)
    columns = defaultdict(list)
    for left, right, text in words:
        if re.fullmatch(r"[\d,]+\.\d\d", text):
            columns[round(float(right))].append((float(left), text))
    column = max(columns.values(), key=len)
    assert len(column) >= 5
    assert max(left for left, _ in column) - min(left for left, _ in column) > 5  # lengths differ, right edges agree


def test_a_failed_write_leaves_no_file(tables_only_ws, tmp_path, monkeypatch):
    document = build_document(tables_only_ws)

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.printing.publish_pdf.write_with_bookmarks", full_disk)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(OutputError, match="磁盘"):
        write_pdf(document, folder / "公开.pdf")
    assert list(folder.iterdir()) == []


def test_bookmarks_nest_items_under_their_part(tmp_path):
    plain = tmp_path / "plain.pdf"
    from desktop.printing.report_pdf import ensure_application

    ensure_application()
    from PySide6.QtGui import QPdfWriter, QPainter

    writer = QPdfWriter(str(plain))
    painter = QPainter(writer)
    for _ in range(2):
        writer.newPage()
    painter.end()
    target = tmp_path / "marked.pdf"
    marks = [pdf_bookmarks.Bookmark("第一部分", 0, 0), pdf_bookmarks.Bookmark("一、", 1, 1),
             pdf_bookmarks.Bookmark("第二部分", 2, 0)]
    pdf_bookmarks.write_with_bookmarks(plain.read_bytes(), marks, target)
    reader = PdfReader(target)
    top = reader.outline
    assert [getattr(i, "title", None) for i in top if not isinstance(i, list)] == ["第一部分", "第二部分"]
    assert [c.title for c in top[1]] == ["一、"] and reader.get_destination_page_number(top[1][0]) == 1


def test_an_empty_workspace_still_publishes_with_its_gaps_visible(tmp_path):
    from desktop.core.workspace import Workspace

    ws = Workspace.create(tmp_path / "空.juesuan", {"单位名称": "测试局", "年度": "2024", "金额单位": "万元"})
    try:
        document = build_document(ws, "决算表在前")
    finally:
        ws.close()
    target = tmp_path / "空.pdf"
    pages = write_pdf(document, target)
    text = squeezed(page_text(target, 1, pages))
    for gap in document.gaps:  # each gap's 【请填写…】 is printed where it belongs
        assert squeezed(gap.rsplit("印为", 1)[1]) in text
    assert "【请填写情况说明】" in text and "【请填写公开07表的空表说明】" in text
    numbers = toc_pages(document, target)
    for entry, page in zip(document.toc, numbers):
        assert squeezed(entry.text) in squeezed(page_text(target, page))
    # This outline puts the tables before the 情况说明, and so do the pages.
    starts = {e.text: n for e, n in zip(document.toc, numbers) if e.level == 1}
    assert starts["第二部分 2024年度部门决算表"] < starts["第三部分 2024年度部门决算情况说明"]
