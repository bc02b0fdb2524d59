"""Files and arguments the program cannot use: each a Chinese message naming the file, exit 2, no byte changed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.core.entry_text import UNIT_NAME_CHARS
from desktop.core.workspace import Workspace, WorkspaceError

UNIT = {"单位名称": "测试单位", "年度": "2024"}


@pytest.fixture
def ws_path(tmp_path) -> Path:
    path = tmp_path / "w.juesuan"
    Workspace.create(path, UNIT).close()
    return path


def _refused(capsys, *argv) -> str:
    assert main([str(a) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err and "内部错误" not in err
    return err


@pytest.mark.parametrize("command", [["check"], ["show", "公开09"], ["set", "公开09", "决算数", "会议费", "1"]])
def test_a_named_pipe_is_refused_at_once(tmp_path, capsys, command):
    pipe = tmp_path / "pipe.juesuan"
    os.mkfifo(pipe)
    err = _refused(capsys, command[0], pipe, *command[1:])
    assert str(pipe) in err and "不是普通文件" in err


def test_the_window_refuses_a_named_pipe(tmp_path):
    from desktop.gui.opening import open_session

    pipe = tmp_path / "pipe.juesuan"
    os.mkfifo(pipe)
    with pytest.raises(WorkspaceError, match="不是普通文件"):
        open_session(pipe)


@pytest.mark.parametrize("change, words", [
    ("pragma user_version = 0", "文件格式版本为 0"),
    ("create table spare as select form, row, col from cells", "数据表 cells 缺少列：value"),
])
def test_a_damaged_schema_is_named(ws_path, capsys, change, words):
    conn = sqlite3.connect(ws_path)
    with conn:
        conn.execute(change)
        if change.startswith("create"):
            conn.execute("drop table cells")
            conn.execute("alter table spare rename to cells")
    conn.close()
    before = ws_path.read_bytes()
    for argv in (["check", ws_path], ["set", ws_path, "公开09", "决算数", "会议费", "1"]):
        err = _refused(capsys, *argv)
        assert str(ws_path) in err and words in err
    assert ws_path.read_bytes() == before


def test_a_name_too_long_for_its_journal_is_refused_for_writing(tmp_path, capsys):
    path = tmp_path / ("长" * 82 + ".juesuan")
    Workspace.create(tmp_path / "short.juesuan", UNIT).close()
    (tmp_path / "short.juesuan").rename(path)
    assert main(["check", str(path)]) in (0, 1)
    err = _refused(capsys, "set", path, "公开09", "决算数", "会议费", "1")
    assert "文件名太长" in err


def test_an_argument_that_is_not_utf8_is_refused(ws_path, capsys):
    before = ws_path.read_bytes()
    err = _refused(capsys, "set-unit", ws_path, "单位名称", "ab\udcffcd")
    assert "不是 UTF-8" in err and ws_path.read_bytes() == before


def test_text_fields_are_bounded_and_cleaned_at_entry(ws_path, capsys):
    err = _refused(capsys, "set-unit", ws_path, "单位名称", "名" * (UNIT_NAME_CHARS + 1))
    assert f"最多 {UNIT_NAME_CHARS} 个字符" in err
    assert main(["set-unit", str(ws_path), "单位名称", "单位\x00甲\x07乙"]) == 0
    assert main(["set-unit", str(ws_path), "主管部门", "   "]) == 0
    with Workspace.open(ws_path, read_only=True) as ws:
        assert ws.unit["单位名称"] == "单位甲乙" and ws.unit["主管部门"] == ""


def test_a_long_unit_name_written_by_other_means_still_publishes(ws_path, tmp_path, capsys):
    conn = sqlite3.connect(ws_path)
    with conn:
        conn.execute("update unit set value = ? where key = '单位名称'", ("名\x01" * 300,))
    conn.close()
    target = tmp_path / "公开.docx"
    assert main(["publish", str(ws_path), "-o", str(target), "--allow-errors"]) in (0, 1)  # 1: the check has errors
    assert target.stat().st_size > 0


@pytest.mark.parametrize("command, target, formats", [
    (["export"], "x.csv", ".xlsx"), (["report"], "x.docx", ".pdf"), (["import"], "x.txt", ".juesuan"),
])
def test_an_output_of_a_format_the_command_does_not_write_is_refused(ws_path, tmp_path, capsys, command, target, formats):
    source = ws_path if command[0] != "import" else tmp_path / "book.xlsx"
    err = _refused(capsys, command[0], source, "-o", tmp_path / target)
    assert target in err and formats in err
    assert not (tmp_path / target).exists()
