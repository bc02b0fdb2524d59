"""`juesuan new --code --region`, `juesuan set-unit` and `juesuan catalogue import`: exit status and messages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.core.catalogue import load_catalogues
from desktop.core.workspace import Workspace

CODE = "91350100M000100Y43"


def run(*args, data=None):
    env = {**os.environ, **({"JUESUAN_DATA_DIR": str(data)} if data else {})}
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=env,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_new_with_code_and_region_then_set_unit(tmp_path):
    path = tmp_path / "u.juesuan"
    code, out, err = run("new", path, "--unit", "测试局", "--year", "2024", "--code", CODE.lower(), "--region", "610802榆林市榆阳区")
    assert code == 0, err
    with Workspace.open(path) as ws:
        assert (ws.unit["单位代码"], ws.unit["财政区划"]) == (CODE, "610802 榆林市榆阳区")
    code, out, err = run("set-unit", path, "财政区划", "610802")
    assert (code, out.strip()) == (0, "财政区划：610802")
    code, out, err = run("set-unit", path, "单位代码")
    assert (code, out.strip()) == (0, "单位代码：（未填）")


@pytest.mark.parametrize("args, message", [
    (("--code", "91350100M000100Y44"), "错误：单位代码“91350100M000100Y44”的校验位（第 18 位）是“4”，按前 17 位应为“3”"),
    (("--code", "9135010"), "错误：单位代码“9135010”有 7 位，统一社会信用代码应为 18 位"),
    (("--region", "6108 榆林"), "错误：财政区划代码“6108”有 4 位，行政区划代码应为 6 位"),
])
def test_new_refuses_a_bad_code_or_region_and_writes_nothing(tmp_path, args, message):
    path = tmp_path / "u.juesuan"
    code, out, err = run("new", path, "--unit", "测试局", "--year", "2024", *args)
    assert code == 2 and err.startswith(message) and "Traceback" not in err
    assert not path.exists()


def test_set_unit_refuses_bad_values_and_unknown_keys(tmp_path):
    path = tmp_path / "u.juesuan"
    Workspace.create(path, {"单位名称": "测试局", "年度": "2024", "单位代码": CODE}).close()
    code, _, err = run("set-unit", path, "单位代码", "91350100M000100Y4I")
    assert code == 2 and "“I”不是统一社会信用代码可用的字符" in err
    code, _, err = run("set-unit", path, "单位编号", "1")
    assert code == 2 and "没有名为“单位编号”的单位信息" in err and "财政区划" in err
    with Workspace.open(path) as ws:
        assert ws.unit["单位代码"] == CODE


def test_catalogue_import_lists_renamed_and_dropped(tmp_path):
    items = dict(load_catalogues(2024)["功能分类"].items)
    del items["2010108"]
    items["2010109"] = "人大信访"
    source = tmp_path / "2025功能.txt"
    source.write_text("\n".join(f"{c} {n}" for c, n in items.items()), encoding="utf-8-sig")
    data = tmp_path / "userdata"
    code, out, err = run("catalogue", "import", source, "--year", "2025", "--kind", "功能", data=data)
    assert code == 0, err
    assert out.splitlines()[0].startswith("已导入2025年功能分类科目目录：1121 个科目（与功能分类科目目录2024年版相比：新增 0 个，改名 1 个，取消 1 个）")
    assert "  改名 2010109：人大信访工作 → 人大信访" in out.splitlines()
    assert "  取消 2010108 代表工作" in out.splitlines()
    assert (data / "catalogues" / "functional-2025.toml").is_file()
    assert err == ""


@pytest.mark.parametrize("content, args, message", [
    ("说明文字\n", (), "中没有可识别的科目代码"),
    ("201 一般公共服务支出\n201 一般公共服务\n", (), "科目代码 201 重复出现（第 1 行“一般公共服务支出”，第 2 行“一般公共服务”）"),
    ("201 一般公共服务支出\n", ("--kind", "收入"), "--kind “收入”应为：功能、经济"),
    ("201 一般公共服务支出\n", ("--year", "25"), "年度“25”应为四位年份"),
])
def test_catalogue_import_refusals_exit_2_naming_the_file(tmp_path, content, args, message):
    source = tmp_path / "目录.txt"
    source.write_text(content, encoding="utf-8")
    data = tmp_path / "userdata"
    year = () if "--year" in args else ("--year", "2025")
    code, out, err = run("catalogue", "import", source, *year, *args, data=data)
    assert code == 2 and message in err and err.startswith("错误：") and "Traceback" not in err
    assert not (data / "catalogues").exists()


def test_catalogue_import_of_a_damaged_workbook(tmp_path):
    source = tmp_path / "目录.xlsx"
    source.write_bytes(b"PK\x03\x04 broken")
    code, _, err = run("catalogue", "import", source, "--year", "2025", data=tmp_path / "userdata")
    assert code == 2 and "目录.xlsx" in err and "已损坏" in err
