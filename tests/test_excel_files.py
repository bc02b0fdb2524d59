"""Files that are not usable workbooks are refused with a message and nothing written; text stays text."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.cli.main import main
from desktop.core.excel.export import write_workbook

INJECTION = '=HYPERLINK("http://x","y")'


def _bad_files(tmp_path, sample_ws):
    text = tmp_path / "text.xlsx"
    text.write_text("序号,表名\n1,收入支出决算总表\n", encoding="utf-8")
    good = tmp_path / "good.xlsx"
    write_workbook(sample_ws, good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    empty = tmp_path / "notables.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "会议签到表"
    book.active["B2"] = 12.5
    book.save(empty)
    return {"text": text, "truncated": truncated, "notables": empty}


@pytest.mark.parametrize("kind", ["text", "truncated", "notables"])
@pytest.mark.parametrize("command", ["import", "check"])
def test_unusable_workbook_exits_2_and_writes_nothing(sample_ws, tmp_path, capsys, kind, command):
    bad = _bad_files(tmp_path, sample_ws)[kind]
    out = tmp_path / "out"
    out.mkdir()
    target = out / "new.juesuan"
    argv = ["import", str(bad), "-o", str(target)] if command == "import" else ["check", str(bad), "--json"]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert bad.name in captured.err and "错误：" in captured.err
    assert captured.out == ""
    assert list(out.iterdir()) == []


def test_unusable_workbook_leaves_existing_workspace_untouched(sample_ws, tmp_path, capsys):
    bad = _bad_files(tmp_path, sample_ws)["truncated"]
    sample_ws.close()
    before = sample_ws.path.read_bytes()
    assert main(["import", str(bad), "-o", str(sample_ws.path), "--force"]) == 2
    assert "损坏" in capsys.readouterr().err
    assert sample_ws.path.read_bytes() == before


def test_formula_like_text_is_written_as_text(sample_ws, tmp_path):
    sample_ws.set_unit("单位名称", INJECTION)
    sample_ws.set_empty_note("公开08", "-本单位无国有资本经营预算财政拨款支出")
    path = tmp_path / "inj.xlsx"
    write_workbook(sample_ws, path)
    book = openpyxl.load_workbook(path)
    line = book["公开01"]["A3"]
    assert line.value == f"编制部门：{INJECTION}" and line.data_type == "s"
    # Every cell holding the name, on every sheet, hidden one included, is a string, never a formula.
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value is not None]
    formulas = [c for c in cells if c.data_type == "f"]
    assert formulas == []
    named = [c for c in cells if c.value == INJECTION]
    assert named and all(c.data_type == "s" and c.quotePrefix for c in named)
    note = [c for c in cells if c.value == "-本单位无国有资本经营预算财政拨款支出"]
    assert note and all(c.data_type == "s" for c in note)
    # And the name comes back as the name.
    from desktop.core.excel.import_ import read_workbook

    snapshot, _ = read_workbook(path)
    assert snapshot.unit["单位名称"] == INJECTION
