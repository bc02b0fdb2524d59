"""The draft never states a figure it does not have: unfilled tables, missing 上年决算数 and counts
the tables lack become 【请填写…】 marks, each listed among the draft's gaps."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop import paths
from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.narrative.draft import draft_with_gaps


@pytest.fixture
def sample_snapshot():
    return json.loads(paths.sample_source().read_text(encoding="utf-8"))


def test_an_unfilled_fund_table_is_asked_for_not_written_as_zero(make_ws, sample_snapshot):
    del sample_snapshot["cells"]["公开04"]
    draft = draft_with_gaps(make_ws(sample_snapshot))
    assert "财政拨款收入、支出总计均为0.00万元" not in draft.text
    assert "0.00万元" not in draft.text
    section = draft.text.split("四、财政拨款收入支出决算总体情况说明\n")[1].split("\n")[0]
    assert section == "【请填写公开04《财政拨款收入支出决算总表》（该表尚未填写，本段数字待填表后生成）】"
    assert "请填写公开04《财政拨款收入支出决算总表》（该表尚未填写，本段数字待填表后生成）" in draft.gaps
    # The sections drawn from the tables that are filled keep their figures.
    assert "2024年度收入、支出总计均为73,687.35万元。" in draft.text


def test_a_filled_table_of_zeros_with_its_note_may_say_zero(make_ws, sample_snapshot):
    sample_snapshot["cells"]["公开04"] = {}
    sample_snapshot["empty_notes"]["公开04"] = "本部门无财政拨款收支，故本表为空表"
    draft = draft_with_gaps(make_ws(sample_snapshot))
    assert "2024年度财政拨款收入、支出总计均为0.00万元。" in draft.text
    assert not any("公开04" in gap for gap in draft.gaps)


def test_an_empty_table_without_its_note_asks_for_the_note(make_ws, sample_snapshot):
    del sample_snapshot["empty_notes"]["公开07"]
    draft = draft_with_gaps(make_ws(sample_snapshot))
    seventh = draft.text.split("七、政府性基金预算财政拨款收入支出决算情况说明\n")[1].split("\n")[0]
    assert seventh == "【请填写公开07《政府性基金预算财政拨款收入支出决算表》的空表说明（该表无数据，写明为空的理由）】"
    assert "故《政府性基金预算财政拨款收入支出决算表》为空表" not in draft.text
    assert any(gap.startswith("请填写公开07") for gap in draft.gaps)
    # 公开08 keeps its own note as its sentence.
    assert "八、国有资本经营预算财政拨款支出决算情况说明\n本部门不涉及故公开空表\n" in draft.text


def test_missing_last_year_figures_are_asked_for_and_entered_ones_compared(make_ws, sample_snapshot):
    ws = make_ws(sample_snapshot)
    draft = draft_with_gaps(ws)
    assert "2024年度收入、支出总计均为73,687.35万元。与上年相比：【请填写上年收入总计决算数】。" in draft.text
    assert "请填写上年收入总计决算数" in draft.gaps and "请填写上年“三公”经费决算数" in draft.gaps
    ws.set_values([(CellRef("上年决算", "收入支出总计", "上年决算数"), Decimal("70000.00"))])
    draft = draft_with_gaps(ws)
    assert "与上年相比，增加3,687.35万元，增长5.27%" in draft.text
    assert "请填写上年收入总计决算数" not in draft.gaps


def test_counts_the_tables_lack_are_asked_for(make_ws, sample_snapshot):
    ws = make_ws(sample_snapshot)
    draft = draft_with_gaps(ws)
    assert "全年国内公务接待【请填写国内公务接待批次】批次、【请填写国内公务接待人次】人次。" in draft.text
    assert "年末公务用车保有量【请填写年末公务用车保有量】辆。" in draft.text
    for gap in ("请填写国内公务接待批次", "请填写国内公务接待人次", "请填写年末公务用车保有量"):
        assert gap in draft.gaps
    # No 因公出国 spending: no sentence, and no question, about its 团组.
    assert "团组" not in draft.text
    # With 公开10 in use and its vehicles entered, the count is written.
    ws.set_unit("选填表", "公开10")
    ws.set_values([(CellRef("公开10", "车辆合计", "数值"), Decimal("3")),
                   (CellRef("公开10", "其他用车", "数值"), Decimal("3"))])
    draft = draft_with_gaps(ws)
    assert "年末公务用车保有量3辆。" in draft.text and "请填写年末公务用车保有量" not in draft.gaps


def test_gaps_are_listed_once_in_order_with_reasons_counted(make_ws, sample_snapshot):
    draft = draft_with_gaps(make_ws(sample_snapshot))
    assert len(draft.gaps) == len(set(draft.gaps))
    assert draft.gaps[0] == "请填写上年收入总计决算数"
    assert draft.gaps[-1] == "2 处差异原因【请填写原因】"  # 会议费、培训费 below budget
    assert all(f"【{gap}】" in draft.text for gap in draft.gaps[:-1])


def test_the_command_lists_the_gaps(make_ws, sample_snapshot, tmp_path, capsys):
    del sample_snapshot["cells"]["公开04"]
    ws = make_ws(sample_snapshot)
    path = ws.path
    ws.close()
    assert main(["narrative", str(path), "-o", str(tmp_path / "d.txt")]) == 0
    out = capsys.readouterr().out
    assert "草稿中没有数字、须由您填写的内容：" in out
    assert "  · 请填写公开04《财政拨款收入支出决算总表》（该表尚未填写，本段数字待填表后生成）" in out
    assert "  · 请填写国内公务接待批次" in out
