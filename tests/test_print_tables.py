"""The exported workbook as it prints: converted to PDF by LibreOffice and read back page by page."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop.core.definitions import CellRef
from desktop.core.excel import print_setup
from desktop.core.excel.export import write_workbook
from libreoffice import to_pdf

FORMS = [f"公开0{i}" for i in range(1, 10)]


def page_texts(pdf) -> list[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout).group(1))
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                       check=True, capture_output=True, text=True).stdout
        for n in range(1, pages + 1)
    ]


def pages_by_table(texts: list[str]) -> dict[str, list[str]]:
    """Each table's pages: from the page printing its 公开0X表 label up to the next table's
    or the first 绩效自评表 page."""
    tables: dict[str, list[str]] = {}
    current = None
    for text in texts:
        label = re.search(r"(公开\d\d)表", text)
        if label:
            current = label.group(1)
        elif "绩效自评表" in text:  # the 绩效自评表 sheets print after the tables
            current = None
        if current:
            tables.setdefault(current, []).append(text)
    return tables


@pytest.fixture
def printed(sample_ws, tmp_path):
    xlsx = tmp_path / "决算公开.xlsx"
    write_workbook(sample_ws, xlsx)
    return load_workbook(xlsx), pages_by_table(page_texts(to_pdf(xlsx, tmp_path)))


def test_every_table_prints_on_the_pages_the_program_placed(printed):
    book, pages = printed
    assert sorted(pages) == FORMS
    for form in FORMS:
        planned = len(book[form].row_breaks.brk) + 1
        assert len(pages[form]) == planned, form
    # 公开01 used to leave 本年收入合计 … 总计 alone on a second page.
    assert len(pages["公开01"]) == 1
    assert all(len(pages[f]) == 1 for f in ("公开07", "公开08", "公开09"))


def test_totals_share_a_page_with_the_header_and_rows_above(printed):
    _, pages = printed
    for form in ("公开01", "公开04"):
        last = pages[form][-1]
        for label in ("本年收入合计", "本年支出合计", "总计"):
            assert label in last, (form, label)
        # The repeated header, and ordinary rows above the closing block, print on that page too.
        assert "栏次" in last and "行次" in last
        body_lines = [line for line in last.splitlines() if re.search(r"\b\d{1,2}\b", line)]
        assert len(body_lines) >= 2 + 4
    assert len(pages["公开04"]) == 2
    assert "二十五、债务付息支出" in pages["公开04"][1]


def test_one_scale_for_all_tables_and_text_the_same_size(printed, tmp_path):
    book, _ = printed
    scales = {book[f].page_setup.scale for f in FORMS}
    assert len(scales) == 1 and 50 <= scales.pop() <= 100
    assert not any(book[f].sheet_properties.pageSetUpPr.fitToPage for f in FORMS)
    bbox = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "决算公开.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    heights = {
        round(float(y1) - float(y0), 1)
        for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">栏次<', bbox)
    }
    assert len(heights) == 1  # the 栏次 row prints at one size on every table


def test_print_areas_titles_fonts_and_padding(printed):
    book, _ = printed
    sheet = book["公开02"]
    assert sheet.print_title_rows == "$4:$6"
    assert sheet.print_area.endswith(f"$I${sheet.max_row}")
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet["A1"].font.name == print_setup.TITLE_FACE
    assert sheet["C4"].font.name == print_setup.BODY_FACE and sheet["C4"].font.bold
    six = [c for c in sheet[6] if c.value not in (None, "")]
    assert [c.value for c in six][:2] == ["栏次", "1"]
    assert {c.font.name for c in six} == {print_setup.BODY_FACE}
    total = next(c for c in sheet["C"] if isinstance(c.value, Decimal | int | float))
    assert total.number_format.endswith("_ ") and total.alignment.horizontal == "right"
    name = next(c for c in sheet["B"] if c.value == "行政运行")
    assert name.alignment.indent >= 1 and name.font.name == print_setup.BODY_FACE


def test_empty_table_prints_its_reason_on_its_own_page(printed, sample_ws):
    book, pages = printed
    note = sample_ws.notes["公开07"]
    assert any(c.value == f"说明：{note}" for row in book["公开07"].iter_rows() for c in row)
    assert note in pages["公开07"][0].replace(" ", "")
    assert not any(str(c.value).startswith("说明：") for row in book["公开02"].iter_rows() for c in row)


def _table(rows: int, kept: set[int], height: float = 20) -> print_setup.PrintedTable:
    class Dimension:
        def __init__(self):
            self.height = height

    class Sheet:
        row_dimensions = {r: Dimension() for r in range(1, rows + 1)}

    return print_setup.PrintedTable(Sheet(), [10], 4, 6, rows, kept)


def test_a_break_never_leaves_the_closing_totals_alone():
    # 40 rows of 20 pt at 100 %: a page holds 23 rows, so the paper ends just above the totals.
    table = _table(40, kept={25, 26, 27, 28})
    # Without totals the second page starts where the paper ends, at row 24 …
    assert print_setup.page_starts(_table(40, kept=set()), 100) == [24]
    # … with them, two ordinary rows earlier, so the totals print below rows they sum.
    assert print_setup.page_starts(table, 100) == [23]


def test_kept_rows_are_a_closing_block_not_every_row_between_far_totals():
    rows = [(r, r in (5, 30, 32, 33)) for r in range(5, 34)]
    assert print_setup.kept_rows(rows) == {5, 30, 31, 32, 33}


def test_common_scale_is_set_by_the_widest_table():
    narrow, wide = _table(10, set()), _table(10, set())
    narrow.widths, wide.widths = [40], [200]
    scale = print_setup.one_scale([narrow, wide])
    assert scale < 100 and wide.width_pt * scale / 100 <= print_setup.PRINTABLE_WIDTH_PT
    assert print_setup.one_scale([narrow]) == 100


def test_a_long_table_flows_over_pages_the_program_planned_each_with_its_header(sample_ws, tmp_path):
    codes = [c for c in sample_ws.catalogues["功能分类"].items if len(c) == 7][:90]
    sample_ws.add_rows("公开02", [(c, None) for c in codes])
    sample_ws.set_values([(CellRef("公开02", c, "财政拨款收入"), Decimal("1.00")) for c in codes])
    xlsx = tmp_path / "long.xlsx"
    write_workbook(sample_ws, xlsx)
    book = load_workbook(xlsx)
    pages = pages_by_table(page_texts(to_pdf(xlsx, tmp_path)))
    breaks = [b.id for b in book["公开02"].row_breaks.brk]
    assert len(breaks) >= 2 and len(pages["公开02"]) == len(breaks) + 1
    assert all("栏次" in page and "本年收入合计" in page for page in pages["公开02"])
    assert "合计" in pages["公开02"][0] and "注：本表反映" in pages["公开02"][-1]
    # The scale stays the one of every other table.
    assert book["公开02"].page_setup.scale == book["公开09"].page_setup.scale


def test_every_sheet_prints_in_the_official_faces_with_no_calibri_left(sample_ws, tmp_path):
    xlsx = tmp_path / "决算公开.xlsx"
    write_workbook(sample_ws, xlsx)
    import zipfile

    with zipfile.ZipFile(xlsx) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
    assert set(re.findall(r'<name val="([^"]+)"', styles)) == {"宋体", "黑体"}
    book = load_workbook(xlsx)
    for sheet in book.worksheets:
        faces = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
        assert faces <= {"宋体", "黑体"}, (sheet.title, faces)


def test_the_performance_sheets_print_like_the_tables(sample_ws, tmp_path):
    xlsx = tmp_path / "决算公开.xlsx"
    write_workbook(sample_ws, xlsx)
    book = load_workbook(xlsx)
    whole = book["绩效整体"]
    amounts = [c for row in whole.iter_rows() for c in row if isinstance(c.value, (int, float)) and c.value >= 1000]
    assert amounts and all(c.number_format == "#,##0.00_ " for c in amounts)
    sheet = book["绩效项目"]
    # A wrapped text gets the height of its lines; a project that would run over a page's foot starts the next.
    tall = [r for r in range(1, sheet.max_row + 1) if (sheet.row_dimensions[r].height or 0) > print_setup.LINE_PT]
    assert tall
    assert sheet.page_setup.scale and not sheet.sheet_properties.pageSetUpPr.fitToPage
    starts = [b.id + 1 for b in sheet.row_breaks.brk]
    assert starts and all(sheet.cell(r, 1).value == "项目名称" for r in starts)


def test_libreoffice_prints_each_project_of_the_performance_sheet_whole_on_a_page(sample_ws, tmp_path):
    xlsx = tmp_path / "决算公开.xlsx"
    write_workbook(sample_ws, xlsx)
    book = load_workbook(xlsx)
    for name in [n for n in book.sheetnames if n != "绩效项目"]:
        book.remove(book[name])
    book.save(xlsx)
    texts = page_texts(to_pdf(xlsx, tmp_path))
    # Each page holds whole projects, each 总分 under its 项目名称; a project longer than a page starts
    # a page and runs on over the next, which holds nothing else.
    pages = ["".join("N" if m.group() == "项目名称" else "T" for m in re.finditer("项目名称|总分", t)) for t in texts]
    assert "".join(pages) == "NT" * sum(1 for t in sample_ws.performance.ordered() if t.form == "绩效项目")
    for page, after in zip(pages, pages[1:] + [""]):
        assert re.fullmatch(r"T?(NT)*N?", page), pages
        if page.endswith("N"):
            assert page == "N" and re.fullmatch(r"T?", after), pages
