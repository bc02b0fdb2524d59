"""`juesuan publish`: refused with 错误 unless asked, gaps as warnings, existing files, suffixes, a held file."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from desktop import paths
from desktop.cli.main import main
from desktop.core.snapshot import load
from factory import sample_tables_only


@pytest.fixture
def sample_file(tmp_path):
    """The sample as shipped: its published 情况说明 carries 3 错误."""
    path = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), path).close()
    return path


@pytest.fixture
def clean_file(tmp_path):
    path = tmp_path / "clean.juesuan"
    load(sample_tables_only(), path).close()
    return path


def test_errors_refuse_publishing_and_name_the_count(sample_file, tmp_path, capsys):
    target = tmp_path / "公开.pdf"
    assert main(["publish", str(sample_file), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "审核有 3 条错误" in err and "--allow-errors" in err
    assert not target.exists()


def test_allow_errors_publishes_and_lists_each_gap(sample_file, tmp_path, capsys):
    target = tmp_path / "公开.pdf"
    assert main(["publish", str(sample_file), "-o", str(target), "--allow-errors"]) == 1
    out, err = capsys.readouterr()
    assert f"已生成公开文件：{target}" in out and "5 处【请填写】" in out and "审核有 3 条错误未更正" in out
    assert "警告：封面：保密审查情况未填写，文件中印为【请填写保密审查情况】" in err
    assert err.count("警告：") == 5
    assert len(PdfReader(target).pages) > 40


def test_a_clean_workspace_publishes_with_exit_zero(clean_file, tmp_path, capsys):
    target = tmp_path / "公开.pdf"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 0
    assert "已生成公开文件" in capsys.readouterr().out
    assert target.read_bytes().startswith(b"%PDF")


def test_an_existing_file_needs_force(clean_file, tmp_path, capsys):
    target = tmp_path / "公开.pdf"
    target.write_bytes(b"old")
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == b"old"
    assert main(["publish", str(clean_file), "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_an_unknown_suffix_is_refused_in_chinese(clean_file, tmp_path, capsys):
    target = tmp_path / "公开.txt"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "“公开.txt”" in err and ".docx" in err and ".pdf" in err
    assert not target.exists()


def test_an_unknown_outline_is_refused(clean_file, tmp_path, capsys):
    assert main(["publish", str(clean_file), "-o", str(tmp_path / "公开.pdf"), "--outline", "没有"]) == 2
    assert "没有名为“没有”的公开文件提纲" in capsys.readouterr().err


def test_a_file_held_open_is_named_and_left_alone(clean_file, tmp_path, capsys, monkeypatch):
    """Word holds its open file on Windows: replacing it fails with a permission error."""
    target = tmp_path / "公开.pdf"
    target.write_bytes(b"open in a reader")

    def held(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr("desktop.core.atomic_file.os.replace", held)
    assert main(["publish", str(clean_file), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "正被其他程序（如 Word、WPS 或 PDF 阅读器）打开" in err and "Traceback" not in err
    assert target.read_bytes() == b"open in a reader"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.juesuan", "公开.pdf"]


# A failure while the document is made names the file that failed, never the workspace, which is fine.

def missing_program_file(tmp_path, monkeypatch, relative: str):
    """The program's data as installed, less one file (a broken installation)."""
    import shutil

    root = tmp_path / "installed"
    shutil.copytree(paths.resources_dir(), root / "resources")
    (root / "forms").symlink_to(paths.forms_dir(), target_is_directory=True)
    (root / "resources" / relative).unlink()
    monkeypatch.setattr(paths, "_data_roots", lambda: [root])
    return root / "resources" / relative


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_a_missing_output_folder_is_named_before_anything_is_drawn(clean_file, tmp_path, capsys, monkeypatch, suffix):
    drawn = []
    monkeypatch.setattr("desktop.printing.publish_file.write_publication", lambda *a: drawn.append(a))
    target = tmp_path / "没有的文件夹" / f"公开{suffix}"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"文件夹“{tmp_path / '没有的文件夹'}”不存在" in err and "Traceback" not in err
    assert str(clean_file) not in err and not drawn


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_an_output_folder_gone_while_drawing_is_named(clean_file, tmp_path, capsys, monkeypatch, suffix):
    folder = tmp_path / "出稿"
    folder.mkdir()
    target = folder / f"公开{suffix}"
    monkeypatch.setattr("desktop.core.publish.gate.target_problem", lambda path: folder.rmdir())
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误：无法写入“{target}”：文件夹“{folder}”不存在") and "Traceback" not in err
    assert str(clean_file) not in err and not folder.exists()


@pytest.mark.parametrize("relative", ["publish/outlines.toml", "publish/名词解释.txt"])
def test_a_missing_program_file_is_named_not_the_workspace(clean_file, tmp_path, capsys, monkeypatch, relative):
    missing = missing_program_file(tmp_path, monkeypatch, relative)
    target = tmp_path / "公开.docx"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"错误：找不到程序文件“{missing}”，程序安装不完整（文件被删除或移动）。请重新安装程序。\n"
    assert not target.exists()


def test_a_bundle_without_words_template_names_it(clean_file, tmp_path, capsys, monkeypatch):
    from desktop.core import official_docx

    gone = official_docx.TEMPLATE.with_name("没有.docx")  # among python-docx's own files
    monkeypatch.setattr(official_docx, "TEMPLATE", gone)
    target = tmp_path / "公开.docx"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"找不到程序文件“{gone}”" in err and str(clean_file) not in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [clean_file]


def test_a_missing_data_folder_is_named(clean_file, tmp_path, capsys, monkeypatch):
    empty = tmp_path / "装好的程序"
    monkeypatch.setattr(paths, "_data_roots", lambda: [empty])
    assert main(["publish", str(clean_file), "-o", str(tmp_path / "公开.docx")]) == 2
    err = capsys.readouterr().err
    assert f"找不到程序文件“{empty / 'resources'}”" in err and str(clean_file) not in err


def test_a_pdf_qt_cannot_draw_names_the_pdf(clean_file, tmp_path, capsys, monkeypatch):
    def refused(*args):
        raise OSError("Qt 无法开始绘制 PDF")

    monkeypatch.setattr("desktop.printing.publish_pdf.paint", refused)
    target = tmp_path / "公开.pdf"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"错误：无法生成“{target}”：Qt 无法开始绘制 PDF，没有写入任何内容。\n"
    assert not target.exists()


def test_a_word_file_held_open_is_named_as_held(clean_file, tmp_path, capsys, monkeypatch):
    target = tmp_path / "公开.docx"
    target.write_bytes(b"open in Word")

    def held(source, destination):
        raise PermissionError(13, "Permission denied", str(source), None, str(destination))

    monkeypatch.setattr("desktop.core.atomic_file.os.replace", held)
    assert main(["publish", str(clean_file), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    assert f"文件“{target}”正被其他程序（如 Word、WPS 或 PDF 阅读器）打开" in err
    assert target.read_bytes() == b"open in Word"


def test_an_unreadable_file_met_on_the_way_is_named_not_the_output(clean_file, tmp_path, capsys, monkeypatch):
    """A permission error about another file than the output is not “the output is held open”."""
    from desktop.core.publish import output

    other = tmp_path / "别的文件.docx"

    def refused(target):
        raise PermissionError(13, "Permission denied", str(other))

    monkeypatch.setattr("desktop.core.publish.docx_writer.written_output", lambda target: _raising(output, target, refused))
    target = tmp_path / "公开.docx"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"无法访问“{other}”：没有访问权限" in err and "Word、WPS" not in err and str(target) not in err


def _raising(output, target, fail):
    from contextlib import contextmanager

    @contextmanager
    def block():
        with output.written_output(target) as partial:
            fail(partial)
            yield partial

    return block()


def test_how_to_update_the_word_toc_is_said_to_the_user_not_published(clean_file, tmp_path, capsys):
    target = tmp_path / "公开.docx"
    assert main(["publish", str(clean_file), "-o", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"已生成公开文件：{target}") and out[1].startswith("目录页码由 Word 在打开文件时更新")
