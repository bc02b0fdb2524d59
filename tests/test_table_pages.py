"""Printed tables break between rows: no row across a page, the header over every piece, the last
rows (a 合计 or 总分) and the note under a table never alone on a page."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QPdfWriter

from desktop.core.publish.document import Cell, Table, build_document
from desktop.printing import publish_html, table_pages
from desktop.printing.pdf_pages import Run, lay_out
from desktop.printing.publish_pdf import write_pdf
from desktop.printing.report_pdf import ensure_application

FACES = {"body": "", "heading": "", "subheading": ""}


@pytest.fixture
def writer():
    ensure_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    yield writer
    del writer


def grid_table(rows: int, tall_every: int = 0, note: str = "注：本表金额单位为万元。") -> Table:
    header = ((Cell("科目名称", "header", "center", 0), Cell("决算数", "header", "center", 1)),)
    body = []
    for n in range(rows):
        name = f"第{n + 1}行科目" + ("（说明文字较长，需要在单元格中折成多行才能放下）" * 3 if tall_every and n % tall_every == 0 else "")
        body.append((Cell(name, "label", "left", 0), Cell(f"{n + 1}.00", "figure", "right", 1)))
    body.append((Cell("合计", "label", "left", 0), Cell("999.00", "figure", "right", 1)))
    return Table("测试表", "", (), header, tuple(body), (10.0, 5.0), False, footnote=note)


def pieces(laid) -> list:
    return table_pages.grids(laid.document)


def page_of(laid, y: float) -> int:
    return int(y // laid.body)


@pytest.mark.parametrize("rows,tall", [(60, 0), (90, 7), (41, 5)])
def test_no_row_crosses_a_page_and_every_piece_repeats_the_header(writer, rows, tall):
    html = publish_html.table(grid_table(rows, tall), FACES, first=True, width_cm=15.0)
    laid = lay_out(Run(html), writer, QFont())
    found = pieces(laid)
    assert len(found) == laid.pages >= 2
    geometry = laid.document.documentLayout()
    for piece in found:
        frame = geometry.frameBoundingRect(piece)
        assert page_of(laid, frame.top()) == page_of(laid, frame.bottom() - 1)
        assert piece.format().headerRowCount() == 1 and piece.cellAt(0, 0).firstCursorPosition().block().text() == "科目名称"
    last = found[-1]
    assert last.rows() - 1 >= table_pages.LAST_ROWS
    assert last.cellAt(last.rows() - 1, 0).firstCursorPosition().block().text() == "合计"
    # Every row printed once, in order.
    names = [p.cellAt(r, 0).firstCursorPosition().block().text() for p in found for r in range(1, p.rows())]
    assert [re.sub(r"（.*", "", n) for n in names] == [f"第{n + 1}行科目" for n in range(rows)] + ["合计"]


def test_the_note_goes_to_the_page_of_the_last_rows(writer):
    # Find how many rows fill a page to its foot, then ask for the note not to fit under them.
    for rows in range(30, 80):
        html = publish_html.table(grid_table(rows), FACES, first=True, width_cm=15.0)
        laid = lay_out(Run(html), writer, QFont())
        note = laid.document.findBlock(pieces(laid)[-1].lastPosition() + 1)
        while not note.text().strip():
            note = note.next()
        last = pieces(laid)[-1]
        geometry = laid.document.documentLayout()
        assert page_of(laid, geometry.blockBoundingRect(note).bottom() - 1) == page_of(
            laid, geometry.frameBoundingRect(last).top())
        if len(pieces(laid)) > 1:
            break
    assert len(pieces(laid)) > 1


def test_a_caption_row_keeps_with_the_row_after_it(writer):
    caption = (Cell("", "header", "center", 0), Cell("得分", "header", "center", 1))
    for rows in range(30, 80):
        table = grid_table(rows)
        table = table._replace(body=(*table.body[:-1], caption, table.body[-1]))
        laid = lay_out(Run(publish_html.table(table, FACES, first=True, width_cm=15.0)), writer, QFont())
        for piece in pieces(laid):
            last = piece.cellAt(piece.rows() - 1, 1).firstCursorPosition().block().text()
            assert last != "得分", "a caption row ends a page"
            if piece.rows() > 1:
                assert piece.cellAt(1, 1).firstCursorPosition().block().text() != "得分" or piece.rows() > 3
        if len(pieces(laid)) > 1 and pieces(laid)[-1].rows() <= 4:
            break
    else:
        pytest.fail("no length put the caption and 合计 at a page's foot")


def test_the_published_document_keeps_every_table_whole_per_page(seed004_ws, tmp_path):
    target = tmp_path / "公开.pdf"
    write_pdf(build_document(seed004_ws), target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip() and not line.strip().startswith("—")]
        if lines and lines[0].startswith("注："):
            pytest.fail(f"a note alone at the top of a page: {lines[:3]}")
        if lines and lines[0].startswith("总分"):
            pytest.fail(f"总分 alone at the top of a page: {lines[:3]}")
