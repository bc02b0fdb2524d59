"""Two complete sets of tables for two units or two years: never mixed; the file's own when it can be
told, else the reader, the command line and (tests/gui) the window ask which."""

from __future__ import annotations

import pytest

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.excel.block_owner import SetsToChoose
from desktop.core.excel.import_ import read_workbook
from workbook_sets import two_sets

_TOTAL = CellRef("公开03", "合计", "本年支出合计")


def test_two_equally_complete_sets_are_not_mixed_but_listed(tmp_path):
    with pytest.raises(SetsToChoose) as caught:
        read_workbook(two_sets(tmp_path / "t.xlsx"))
    assert [(s.unit, s.year, len(s.forms)) for s in caught.value.sets] == [("甲局", "2024", 2), ("乙中心", "2024", 2)]
    assert "1. “甲局” 2024年度：工作表 甲局2024收入、甲局2024支出，2 张表" in str(caught.value)


@pytest.mark.parametrize(("choice", "total"), [("2", 6), ("乙中心", 6), ("甲局", 3)])
def test_a_choice_reads_that_set_and_names_the_other(tmp_path, choice, total):
    snapshot, warnings = read_workbook(two_sets(tmp_path / "t.xlsx"), choice=choice)
    assert snapshot.cells[_TOTAL] == total
    assert sum("其数字未导入" in w.reason for w in warnings) == 2


def test_two_years_are_chosen_by_the_year(tmp_path):
    path = two_sets(tmp_path / "t.xlsx", (("甲局", 2023), ("甲局", 2024)))
    with pytest.raises(SetsToChoose):
        read_workbook(path)
    snapshot, _ = read_workbook(path, choice="2024")
    assert snapshot.cells[_TOTAL] == 6 and snapshot.unit["年度"] == "2024"


def test_the_command_line_refuses_and_tells_how_to_pick(tmp_path, capsys):
    path = two_sets(tmp_path / "t.xlsx")
    assert main(["check", str(path)]) == 2
    said = capsys.readouterr().err
    assert "不能混在一起导入" in said and "--set" in said
    assert main(["import", str(path), "-o", str(tmp_path / "w.juesuan")]) == 2
    assert not (tmp_path / "w.juesuan").exists()
    assert main(["import", str(path), "-o", str(tmp_path / "w.juesuan"), "--set", "乙中心"]) == 0
    assert main(["check", str(path), "--set", "丙"]) == 2
    assert "“丙”没有对应的一套表" in capsys.readouterr().err
