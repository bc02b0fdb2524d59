"""What a user reads when the path given is not a workspace file: Chinese, naming it, exit 2."""

from __future__ import annotations

import re

import pytest

from desktop.cli.main import main


@pytest.mark.parametrize("args", [["show", ".", "公开01"], ["set", ".", "公开01", "事业收入", "决算数", "1"]])
def test_a_folder_given_as_workspace_is_described_in_chinese(tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "“.”是文件夹，不是工作区文件" in err
    assert not re.search(r"[A-Za-z]{3,}", err.replace("juesuan", "")), err
    assert list(tmp_path.iterdir()) == []


def test_a_code_the_catalogue_lacks_says_what_to_do(tmp_path, capsys):
    path = str(tmp_path / "n.juesuan")
    assert main(["new", path, "--unit", "某局", "--year", "2024"]) == 0
    assert main(["set", path, "公开02", "9990101", "事业收入", "1"]) == 2
    err = capsys.readouterr().err
    assert "科目 9990101 所属的类“999”不在2024年功能分类科目表中" in err
    assert "请先增加科目 999 并写明它的名称" in err and "--name" in err
