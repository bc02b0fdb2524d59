"""Which file it is, told by content: each kind that is no workbook gets its own reason naming the
file, the same from `check` and `import`; .xls and .ods read as their .xlsx."""

from __future__ import annotations

import re
import shutil
import sqlite3
import zipfile

import pytest
from hostile_workbooks import ole_file, other_formats

from desktop.cli.main import main
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import read_workbook


def _pdf(path):  # a PDF is read as one whatever its name: this one is cut short
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n")


def _docx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")


def _zip(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("照片.txt", "x")


def _empty(path):
    path.write_bytes(b"")


def _encrypted(path):
    path.write_bytes(ole_file(["EncryptionInfo", "EncryptedPackage"]))


def _doc(path):
    path.write_bytes(ole_file(["WordDocument"]))


def _html(path):
    path.write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")


def _workspace(path):
    sqlite3.connect(path).execute("create table t(x)").connection.commit()


KINDS = [
    (_pdf, "已损坏或不是有效的 PDF 文件"), (_docx, "是 Word 文档"), (_zip, "是压缩包（zip）"), (_empty, "是空文件"),
    (_encrypted, "设有打开密码"), (_doc, "是 Word 文档（.doc）"), (_html, "是网页（HTML）格式的表格"),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
@pytest.mark.parametrize("make, reason", KINDS, ids=[k[0].__name__.strip("_") for k in KINDS])
def test_a_file_that_is_no_workbook_is_named_with_what_it_is(tmp_path, capsys, make, reason, suffix):
    path = tmp_path / f"上报{suffix}"
    make(path)
    before = path.read_bytes()
    messages = []
    for argv in (["check", str(path)], ["check", str(path), "--json"], ["import", str(path), "-o", str(tmp_path / "n.juesuan")]):
        assert main(argv) == 2
        messages.append(capsys.readouterr().err.strip())
    assert len(set(messages)) == 1, messages  # the same words from every command
    assert reason in messages[0] and str(path) in messages[0]
    assert path.read_bytes() == before and not (tmp_path / "n.juesuan").exists()


def test_a_workspace_under_a_workbook_name_is_checked_as_a_workspace(sample_ws, tmp_path, capsys):
    disguised = tmp_path / "其实是工作区.xls"
    sample_ws.close()  # its edits then all in the file
    shutil.copy(sample_ws.path, disguised)
    assert main(["check", str(disguised)]) in (0, 1)
    assert "SQLite" not in capsys.readouterr().err


def test_import_refuses_a_workspace_given_as_a_workbook(tmp_path, capsys):
    path = tmp_path / "工作区.xlsx"
    _workspace(path)
    assert main(["import", str(path), "-o", str(tmp_path / "n.juesuan")]) == 2
    assert "是本程序的工作区文件" in capsys.readouterr().err


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    """The sample's export as .xlsx, .xls and .ods (LibreOffice saves the other two)."""
    import json

    from desktop import paths
    from desktop.core.snapshot import load

    folder = tmp_path_factory.mktemp("formats")
    ws = load(json.loads(paths.sample_source().read_text(encoding="utf-8")), folder / "sample.juesuan")
    book = folder / "sample.xlsx"
    write_workbook(ws, book)
    ws.close()
    figures = read_workbook(book)[0].cells
    past = _stored_past_shown(book)
    made = other_formats(book, folder)
    if not made:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/test.sh installs it")
    return {"xlsx": book, **made, "figures": figures, "past": past}


def _stored_past_shown(book) -> int:
    """Every figure shown with two decimals stored with four, as a 元→万元 formula leaves them."""
    from openpyxl import load_workbook

    from desktop.core.excel.shown_values import shown_decimals

    workbook, count = load_workbook(book), 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if type(cell.value) in (int, float) and shown_decimals(cell.number_format) == 2:
                    cell.value += 0.0004
                    count += 1
    workbook.save(book)
    return count


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_every_kind_reads_a_figure_as_its_number_format_shows_it(formats, kind):
    """The decimals a figure shows come from the file's own formats (calamine, reading .xls and
    .ods, gives none): stored with more, it is read as shown, with one warning for the workbook."""
    got, warnings = read_workbook(formats[kind])
    assert formats["past"] > 200 and got.cells == formats["figures"]
    assert [w.reason.split("（")[0] for w in warnings] == [f"{formats['past']} 个数字存的小数位多于显示的"]


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_xls_and_ods_read_the_same_figures_as_the_xlsx(formats, kind):
    want, _ = read_workbook(formats["xlsx"])
    got, _ = read_workbook(formats[kind])
    assert got.cells == want.cells and got.unit == want.unit
    if kind == "ods":  # calamine reads an .ods cell's <text:tab/> as nothing: the words are the same
        assert {k: re.sub(r"\s", "", v) for k, v in got.texts.items()} == {k: re.sub(r"\s", "", v) for k, v in want.texts.items()}
    else:
        assert got.texts == want.texts


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_xls_and_ods_whatever_their_name(formats, tmp_path, capsys, kind):
    renamed = tmp_path / "上报.xlsx"
    shutil.copy(formats[kind], renamed)
    assert main(["check", str(renamed), "--json"]) in (0, 1)
    assert "无法读取" not in capsys.readouterr().err
