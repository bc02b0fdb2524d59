"""Tables titled and rows labelled as other regions' published documents word them
(tests/fixtures/regional-wording.toml, each with its source): each table is found and every figure lands in its row."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.excel.header import Segment
from desktop.core.excel.row_place import stub_row
from layout_variants import Variant, measure

WORDING = tomllib.loads((Path(__file__).parent / "fixtures" / "regional-wording.toml").read_text(encoding="utf-8"))
TITLES = {t["form"]: t["text"] for t in WORDING["title"]}


def _report(m) -> str:
    return f"{m.name}: placed {m.placed}/{m.present} wrong {m.wrong[:3]} false 错误 {m.false_errors[:3]} {m.failure}"


@pytest.mark.parametrize("label", ["公开01表", "表一", "none"])
def test_tables_titled_as_other_regions_print_them_are_found(sample_ws, tmp_path, label):
    def retitle(block):
        if block.form in TITLES:
            block.set(0, 1, TITLES[block.form])

    m = measure(sample_ws, Variant(label=label), tmp_path, reshape=retitle)
    assert m.ok, _report(m)


@pytest.mark.parametrize("row", WORDING["row"], ids=lambda row: row["printed"])
def test_rows_labelled_as_other_regions_label_them_are_read(consistent_ws, forms, tmp_path, row):
    assert stub_row(forms[row["form"]], None, row["printed"], Segment()).row.label == row["label"]
    def relabel(block):
        if block.form != row["form"]:
            return
        for r in range(block.body, block.end):
            for c in range(1, block.width() + 1):
                if block.cell(r, c) == row["label"]:
                    block.set(r, c, row["printed"])

    m = measure(consistent_ws, Variant(), tmp_path, reshape=relabel)
    assert m.ok, _report(m)
    assert not [w for w in m.warnings if f"不是{row['form']}的行" in w]


@pytest.mark.parametrize("sangong", ["rows", "twelve"])
def test_columns_headed_as_other_regions_head_them_are_read(sample_ws, tmp_path, sangong):
    words = {(c["form"], c["header"]): c["printed"] for c in WORDING["column"]}

    def reword(block):
        for r in range(block.head, block.body):
            for c in range(1, block.width() + 1):
                if (block.form, block.cell(r, c)) in words:
                    block.set(r, c, words[block.form, block.cell(r, c)])

    m = measure(sample_ws, Variant(sangong=sangong), tmp_path, reshape=reword)
    assert m.ok, _report(m)
    assert not [w for w in m.warnings if "栏" in w and "未导入" in w]


def test_yunnan_05_printed_with_the_fund_tables_columns_keeps_its_own(sample_ws, tmp_path):
    # 云南's 一般公共预算财政拨款收入支出决算表 prints 公开07's columns: 年初结转和结余, 本年收入, 本年支出 (小计,
    # 基本支出, 项目支出), 年末结转和结余. 本年支出's three are 公开05's; the others are named, not imported.
    def yunnan_05(block):
        if block.form != "公开05":
            return
        block.set(0, 1, TITLES["公开05"])
        block.insert_columns(3, 2)
        block.set(block.head, 3, "年初结转和结余")
        block.set(block.head, 4, "本年收入")
        block.set(block.head, 8, "年末结转和结余")
        block.merges += [(block.head, c, block.head + 1, c) for c in (3, 4, 8)]
        for r in range(block.body, block.end):
            block.set(r, 4, block.cell(r, 5))
            block.set(r, 3, None)

    m = measure(sample_ws, Variant(), tmp_path, reshape=yunnan_05)
    assert m.ok, _report(m)
    named = [w for w in m.warnings if "本年收入" in w and "不是公开05的栏" in w]
    assert named and all("未导入" in w for w in named)
