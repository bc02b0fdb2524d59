"""`juesuan text`: the 情况说明, 概况 and cover statements written from the command line, as publish prints them."""

from __future__ import annotations

from desktop.cli.main import main
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import Workspace


def test_a_part_is_named_by_its_title_and_saved(sample_ws, capsys):
    path = str(sample_ws.path)
    sample_ws.close()
    assert main(["text", path, "保密审查情况", "已按规定进行保密审查。"]) == 0
    assert capsys.readouterr().out == "“封面：保密审查情况”已保存，11 字\n"
    assert main(["text", path, "部门主要职责", "负责全市人力资源和社会保障工作。"]) == 0
    with Workspace.open(path, read_only=True) as ws:
        assert ws.text("公开:保密审查情况") == "已按规定进行保密审查。"
        assert ws.text("概况:主要职责") == "负责全市人力资源和社会保障工作。"
    capsys.readouterr()
    assert main(["text", path, "封面：保密审查情况"]) == 0
    assert capsys.readouterr().out == "已按规定进行保密审查。\n"
    assert main(["text", path]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert "封面：保密审查情况　11 字" in listing and "人员情况　（未填写）" in listing
    assert main(["text", path, "保密审查情况", ""]) == 0
    assert capsys.readouterr().out == "“封面：保密审查情况”已清除\n"


def test_the_narrative_comes_from_a_file_in_any_encoding(sample_ws, tmp_path, capsys):
    path = str(sample_ws.path)
    sample_ws.close()
    source = tmp_path / "说明.txt"
    source.write_bytes("一、收入支出决算总体情况说明\n收入总计73,687.35万元。\n".encode("gb18030"))
    assert main(["text", path, "情况说明", "--file", str(source)]) == 0
    with Workspace.open(path, read_only=True) as ws:
        assert ws.text(NARRATIVE_KEY) == "一、收入支出决算总体情况说明\n收入总计73,687.35万元。"


def test_an_unknown_part_lists_the_parts(sample_ws, capsys):
    path = str(sample_ws.path)
    sample_ws.close()
    assert main(["text", path, "封底", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：没有名为“封底”的文字部分。可填写的部分：情况说明、部门主要职责")
