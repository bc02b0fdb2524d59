"""What a user reads when the path given is not a workspace file: Chinese, naming it, exit 2."""

from __future__ import annotations

import os
import re
import shlex

import pytest

from desktop.cli import COMMAND_NAMES
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


def test_the_argument_parser_speaks_chinese(capsys):
    for args in (["check"], ["check", "x.juesuan", "--frob"]):
        with pytest.raises(SystemExit) as exited:
            main(args)
        assert exited.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert "juesuan check：错误：缺少参数：文件或文件夹" in err
    assert err[-1] == "juesuan：错误：无法识别的参数：--frob"


@pytest.mark.parametrize("command", sorted(COMMAND_NAMES))
def test_every_argument_has_chinese_help(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith("用法：juesuan") and "显示本说明并退出" in shown
    # Every argument is described in Chinese: no English placeholder, no line without its help.
    assert not re.search(r"(-\w+ |^  )[A-Z_]{2,}\b", shown, re.M), shown
    arguments = [line for line in shown.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert all(len(line.split()) >= 2 for line in arguments), shown


def test_explain_help_gives_a_working_example(sample_ws, capsys):
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    example = shlex.split(capsys.readouterr().out.split("然后\n")[1].strip())
    assert example[:3] == ["juesuan", "explain", "单位.juesuan"]
    path = str(sample_ws.path)
    sample_ws.close()
    assert main(["explain", path, *example[3:]]) == 0
    assert capsys.readouterr().out.strip() == f"{example[3]} 出错说明：{example[4]}"


def test_a_folder_given_as_the_narrative_is_said_in_chinese(sample_ws, tmp_path, capsys):
    path = str(sample_ws.path)
    sample_ws.close()
    assert main(["narrative-check", path, str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"错误：无法读取“{tmp_path}”：这是一个文件夹，不是文件。\n"


@pytest.mark.parametrize("command", ["check", "import", "narrative-check"])
def test_a_named_pipe_is_refused_at_once_never_read(sample_ws, tmp_path, capsys, command):
    pipe = tmp_path / "上报.pdf"
    os.mkfifo(pipe)  # opening it to look would wait for a writer for ever
    argv = {"check": ["check", str(pipe)], "import": ["import", str(pipe), "-o", str(tmp_path / "n.juesuan")],
            "narrative-check": ["narrative-check", str(sample_ws.path), str(pipe)]}[command]
    sample_ws.close()
    assert main(argv) == 2
    assert str(pipe) in capsys.readouterr().err
