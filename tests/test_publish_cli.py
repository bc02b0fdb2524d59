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
