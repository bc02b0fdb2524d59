"""A published 决算公开 PDF as input: a real document's figures and the PDFs that cannot be read
(scan, damaged, encrypted, not a 决算); the program's own 公开文件 read back is test_pdf_round_trip.

The real document is tests/fixtures/putuo-shegong-2024.pdf: pages 5–22 (the nine tables and the
情况说明) of 中共上海市普陀区委社会工作部 2024年度部门决算, as published (realdocs/docs/shegong);
its figures, checked by hand in the workbook beside it, are in putuo-shegong-2024-figures.json.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfWriter

from desktop.core.definitions import CellRef
from desktop.core.pdf.import_ import read_pdf
from desktop.core.pdf.opening import SCANNED
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace
from desktop.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "putuo-shegong-2024.pdf"


@pytest.fixture(scope="module")
def real():
    return read_pdf(REAL)


def test_every_figure_of_the_real_document_is_read_and_none_wrong(real):
    want = {CellRef(*key.split("|")): Decimal(v)
            for key, v in json.loads((FIXTURES / "putuo-shegong-2024-figures.json").read_text(encoding="utf-8")).items()}
    got = {ref: v for ref, v in real.snapshot.cells.items() if v}
    assert got == want
    assert real.warnings == []
    assert real.snapshot.unit["单位名称"] == "中共上海市普陀区委社会工作部" and real.snapshot.unit["年度"] == "2024"
    # The 国有资本 table printed as 收入支出决算表 is 公开08, its 空表说明 its own.
    assert "国有资本经营" in real.snapshot.empty_notes["公开08"] and "公开03" not in real.snapshot.empty_notes
    assert real.pages.tables["公开02"] == [2, 3]  # run over two pages, joined


def test_the_narrative_is_its_part_rejoined_without_page_numbers(real):
    text = real.snapshot.texts[NARRATIVE_KEY]
    assert text.startswith("第三部分") and "\n一、收入支出决算总体情况说明\n" in text
    # A sentence broken over lines (and over a page) comes back whole.
    assert "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元" in text
    assert not any(line.strip().strip("-—– ").isdigit() for line in text.splitlines())
    assert "名词解释" not in text


def test_the_command_line_imports_and_checks_a_pdf_citing_pages(tmp_path, capsys):
    target = tmp_path / "单位.juesuan"
    assert main(["import", str(REAL), "-o", str(target)]) == 0
    assert "已导入" in capsys.readouterr().out
    with Workspace.open(target) as ws:
        assert ws.unit["单位名称"] == "中共上海市普陀区委社会工作部" and ws.text(NARRATIVE_KEY).startswith("第三部分")
    # The document holds no real mistake: its two 尾差 cite their pages, its 情况说明 is read whole.
    assert main(["check", str(REAL), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] and all(f["severity"] == "提示" and f["pages"] for f in report["findings"])
    # A figure changed in the workspace: the PDF's sentences quoting it are flagged with their page.
    assert main(["set", str(target), "公开01", "本年收入合计", "决算数", "400"]) == 0
    capsys.readouterr()
    assert main(["narrative-check", str(target), str(REAL)]) == 1
    out = capsys.readouterr().out
    assert "说明为 307.82 万元，表中为 400.00 万元" in out and "（第13页）" in out and "Traceback" not in out



def test_the_batch_takes_a_pdf_with_its_import_warnings_and_each_findings_pages():
    """`juesuan check DIR` checks each file as check_file does in its worker: a PDF's findings cite
    their pages there as for the one file."""
    from desktop.core.batch.worker import check_file

    report = check_file(REAL)
    assert report["status"] == "无错误" and report["findings"]
    assert all(f["pages"] for f in report["findings"])

def _pdf(content: bytes, resources: bytes) -> bytes:
    """A one-page PDF with the given content stream and resources, xref and all."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8"
        b" /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _encrypted() -> bytes:
    import io

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("密码")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, says", [
    ("扫描.pdf", _pdf(b"q 500 0 0 700 40 70 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>"), SCANNED),
    ("损坏.pdf", REAL.read_bytes()[:4000], "已损坏或不是有效的 PDF 文件"),
    ("加密.pdf", _encrypted(), "有打开密码（已加密）"),
    ("通知.pdf", _pdf(b"BT /F1 12 Tf 72 720 Td (Notice of a meeting) Tj ET", b"<< /Font << /F1 6 0 R >> >>"),
     "没有可识别的决算公开表"),
])
def test_a_pdf_that_cannot_be_imported_says_why_in_chinese(tmp_path, capsys, name, data, says):
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "w.juesuan"
    for args in (["import", str(source), "-o", str(target)], ["check", str(source)]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert says in err and name in err and "Traceback" not in err, err
    assert not target.exists()


def test_a_table_printed_without_ruling_lines_is_read_by_its_text_columns(tmp_path):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    from desktop.printing.fonts import chinese_family
    from desktop.printing.report_pdf import ensure_application

    ensure_application()  # the application the program's own PDFs are drawn in

    target = tmp_path / "无框线.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont(chinese_family(), 9))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    rows = [
        ("收入决算表", None), ("编制单位：无框线局 2024年度 金额单位：万元", None),
        (["科目代码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"], "header"),
        (["", "合计", "100.00", "90.00", "10.00"], "body"),
        (["208", "社会保障和就业支出", "100.00", "90.00", "10.00"], "body"),
        (["20805", "行政事业单位养老支出", "100.00", "90.00", "10.00"], "body"),
        (["2080505", "机关事业单位基本养老保险缴费支出", "100.00", "90.00", "10.00"], "body"),
    ]
    y = 60
    for texts, kind in rows:
        if kind is None:
            painter.drawText(QRectF(40, y, 500, 14), Qt.AlignmentFlag.AlignLeft, texts)
        else:
            painter.drawText(QRectF(40, y, 50, 14), Qt.AlignmentFlag.AlignLeft, texts[0])
            painter.drawText(QRectF(100, y, 170, 14), Qt.AlignmentFlag.AlignLeft, texts[1])
            for x, text in zip((290, 380, 470), texts[2:]):
                painter.drawText(QRectF(x, y, 70, 14), right, text)
        y += 20
    painter.end()
    read = read_pdf(target)
    cells = {(ref.row, ref.col): v for ref, v in read.snapshot.cells.items() if ref.form == "公开02" and v}
    assert cells[("2080505", "本年收入合计")] == Decimal("100.00")
    assert cells[("208", "财政拨款收入")] == Decimal("90.00") and cells[("合计", "其他收入")] == Decimal("10.00")
    assert len(cells) == 12 and read.warnings == []
