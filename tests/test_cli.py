"""The command line as a reviewer's script uses it: exit status, messages, JSON shape."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from desktop.cli.main import main


def run(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True,
        encoding="utf-8",
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def ws_path(tmp_path):
    path = tmp_path / "t.juesuan"
    assert main(["new", str(path), "--unit", "测试单位", "--year", "2024"]) == 0
    return path


def cells(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("select form, row, col, value from cells order by form, row, col").fetchall()


def test_new_set_show_check_round(ws_path, capsys):
    assert main(["set", str(ws_path), "公开02", "2080101", "财政拨款收入", "1,234.50"]) == 0
    assert main(["set", str(ws_path), "公开01", "1", "1", "1234.5"]) == 0  # 行次 1, 栏次 1
    assert main(["set", str(ws_path), "公开01", "事业收入", "决算数", "１２．００"]) == 0
    assert cells(ws_path) == [
        ("公开01", "一般公共预算财政拨款收入", "决算数", "1234.50"),
        ("公开01", "事业收入", "决算数", "12.00"),
        ("公开02", "2080101", "财政拨款收入", "1234.50"),
    ]
    capsys.readouterr()
    assert main(["show", str(ws_path), "公开02"]) == 0
    out = capsys.readouterr().out
    assert "收入决算表" in out and "公开02表" in out and "编制单位：测试单位" in out
    assert "20801     人力资源和社会保障管理事务" in out and "1,234.50*" in out

    code, out, err = run("check", ws_path, "--json")
    assert code == 1, err
    report = json.loads(out)
    assert report["unit"] == "测试单位"
    assert report["summary"]["by_severity"]["错误"] >= 1
    finding = next(f for f in report["findings"] if f["rule"] == "公开02-11")
    assert set(finding) >= {"rule", "severity", "message", "expected", "actual", "difference", "cells"}
    assert finding["severity"] == "错误"
    assert (finding["expected"], finding["actual"], finding["difference"]) == ("1246.50", "1234.50", "-12.00")
    assert {"form": "公开02", "row": "合计", "column": "本年收入合计", "value": "1234.50"}.items() <= finding["cells"][0].items()
    side = next(c for c in finding["cells"] if c["form"] == "公开01")
    assert side["section"] == "收入" and side["line"] == 27 and side["row"] == "本年收入合计"


def test_check_passes_with_exit_zero_on_a_clean_workspace(tmp_path):
    code, out, err = run("check", tmp_path / "none.juesuan")
    assert code == 2 and "找不到工作区文件" in err


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("1e400", "超出可填报的范围"),
        ("12345678901234567890", "超出可填报的范围"),
        ("1.001", "小数超过 2 位"),
    ],
)
def test_bad_figures_exit_2_and_write_nothing(ws_path, value, message):
    before = cells(ws_path)
    code, out, err = run("set", ws_path, "公开02", "2080101", "财政拨款收入", value)
    assert code == 2
    assert message in err and "错误：" in err
    assert cells(ws_path) == before
    with sqlite3.connect(ws_path) as conn:
        assert conn.execute("select count(*) from coded_rows").fetchone()[0] == 0


@pytest.mark.parametrize(
    "value, stored",
    [("１２３．４５", "123.45"), ("-0", "0.00"), ("14, 344. 12", "14344.12")],
)
def test_number_shapes_accepted(ws_path, value, stored):
    assert main(["set", str(ws_path), "公开09", "决算数", "会议费", value]) == 0
    assert cells(ws_path) == [("公开09", "决算数", "会议费", stored)]


def test_ambiguous_and_unknown_addresses_exit_2(ws_path):
    code, _, err = run("set", ws_path, "公开01", "总计", "决算数", "5")
    assert code == 2 and "行次 30" in err and "行次 60" in err
    code, _, err = run("set", ws_path, "公开03", "2080101", "不存在的栏", "5")
    assert code == 2 and "没有“不存在的栏”栏" in err
    code, _, err = run("set", ws_path, "公开99", "1", "1", "5")
    assert code == 2 and "没有表“公开99”" in err
    code, _, err = run("set", ws_path, "公开02", "2089988", "1", "5")
    assert code == 2 and "不在2024年功能分类科目表中" in err
    assert cells(ws_path) == []


def test_code_outside_catalogue_with_a_name(ws_path):
    assert main(["set", str(ws_path), "公开03", "2080188", "基本支出", "5", "--name", "地方自设科目"]) == 0
    with sqlite3.connect(ws_path) as conn:
        assert conn.execute("select code, name, custom from coded_rows where code = '2080188'").fetchone() == (
            "2080188", "地方自设科目", 1,
        )


def test_note_command_clears_empty_table_finding(ws_path):
    code, out, _ = run("check", ws_path, "--json")
    assert any(f["rule"] == "公开07-90" for f in json.loads(out)["findings"])
    assert main(["note", str(ws_path), "公开07", "本单位无政府性基金预算财政拨款收支，故本表为空表"]) == 0
    code, out, _ = run("check", ws_path, "--json")
    assert not any(f["rule"] == "公开07-90" for f in json.loads(out)["findings"])


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and "决算公开填报审核" in out


def test_the_entry_point_knows_every_command_without_importing_them():
    from desktop.cli import COMMAND_NAMES
    from desktop.cli.main import COMMANDS

    assert COMMAND_NAMES == set(COMMANDS)
