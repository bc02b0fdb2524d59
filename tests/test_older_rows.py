"""公开01 printed as older templates print it (forms' stand_ins, tests/fixtures/regional-wording.toml): a merged
“一、财政拨款收入” is split into the form's three rows only when 公开04's items decide it, else its figure is named
and the rows left unread, their checks waiting; 支出 listed by 基本支出/项目支出 leaves the 类 unread."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.core.excel.header import Segment
from desktop.core.excel.row_place import stub_row
from layout_random import Shape, reshaper
from layout_variants import Variant, measure

WORDING = tomllib.loads((Path(__file__).parent / "fixtures" / "regional-wording.toml").read_text(encoding="utf-8"))


def _report(m) -> str:
    return f"{m.name}: placed {m.placed}/{m.present} wrong {m.wrong[:3]} false 错误 {m.false_errors[:3]} {m.failure}"


@pytest.mark.parametrize("row", WORDING["stand_in"], ids=lambda row: row["printed"])
def test_older_rows_are_known_as_standing_for_the_forms_rows(forms, row):
    placed = stub_row(forms[row["form"]], None, row["printed"], Segment())
    assert placed.row is None and placed.stand_in is not None
    assert list(placed.stand_in.rows) == row["rows"]


@pytest.mark.parametrize("how", ["merged", "merged_part"])
def test_a_merged_income_row_is_split_as_04_prints_its_parts(consistent_ws, tmp_path, how):
    variant = Variant()
    m = measure(consistent_ws, variant, tmp_path, how, reshaper(variant, Shape(old_rows=how), 1))
    assert m.ok, _report(m)
    assert any("合印了公开01" in w and "按公开04所列各项" in w for w in m.warnings)


def test_a_merged_income_row_04_does_not_decide_is_unread_and_its_checks_wait(consistent_ws, tmp_path):
    variant = Variant()
    merge = reshaper(variant, Shape(old_rows="merged"), 1)

    def reshape(block):
        merge(block)
        if block.form == "公开04":  # 公开04's income items printed blank: they no longer add up to the merged row
            for r in range(block.body, block.end):
                if isinstance(block.cell(r, 1), str) and block.cell(r, 1).endswith("财政拨款收入"):
                    block.set(r, 3, None)

    m = measure(consistent_ws, variant, tmp_path, "undecided", reshape)
    assert not m.wrong and not m.failure
    assert not [e for e in m.false_errors if e.startswith("公开01")], _report(m)
    named = [w for w in m.warnings if "合印了公开01" in w]
    assert len(named) == 1 and "没有能把它分开的数字" in named[0] and "未导入" in named[0]
    assert {ref.row for ref, _, _ in m.missing if ref.form == "公开01"} <= {
        "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"}


def test_spending_listed_by_nature_leaves_the_classes_unread(consistent_ws, tmp_path):
    variant = Variant()
    m = measure(consistent_ws, variant, tmp_path, "nature", reshaper(variant, Shape(old_rows="by_nature"), 1))
    assert m.ok, _report(m)
    named = [w for w in m.warnings if "基本支出" in w]
    assert len(named) == 1 and "另一种口径" in named[0]
    assert not [w for w in m.warnings if "不是公开01的行" in w]


@pytest.mark.parametrize("seed", [3, 5, 7])
@pytest.mark.parametrize("blank_as", ["none", "－"])
def test_a_merged_row_is_split_when_04_prints_its_parts_blank_and_out_of_order(sample_ws, tmp_path, seed, blank_as):
    # 公开04's items printed bare (一般公共预算财政拨款, as under 年初结转和结余) and out of order: the blank ones
    # (left empty or marked －) are told by the figures the sums place, and they decide the merged row with the
    # one that is not blank.
    variant = Variant(income_words="bare", blank_as=blank_as)
    m = measure(sample_ws, variant, tmp_path, f"shuffled{seed}",
                reshaper(variant, Shape(old_rows="merged", fixed_order="shuffled"), seed))
    assert m.ok, _report(m)
    assert any("按公开04所列各项" in w for w in m.warnings)


def test_classes_printed_beside_spending_by_nature_leave_the_others_unread(consistent_ws, tmp_path):
    # One 类 left printed with its figure among 基本支出/项目支出 (a template that lists a few 类 too): the
    # other 类 still have no figure, and the sum of the one printed is no 本年支出合计 to compare with.
    variant = Variant()
    nature = reshaper(variant, Shape(old_rows="by_nature"), 1)
    ref = next(ref for ref in consistent_ws.structure.value_cells("公开01")
               if "类" in consistent_ws.structure.row("公开01", ref.row).tags and consistent_ws.values.get(ref))
    label = consistent_ws.structure.row("公开01", ref.row).label

    def reshape(block):
        nature(block)
        if block.form == "公开01":
            stub = block.header_columns("项目")[-1]
            block.set(block.end - 5, stub, label)
            block.set(block.end - 5, stub + 2, float(consistent_ws.values.get(ref)))

    m = measure(consistent_ws, variant, tmp_path, "nature_one", reshape)
    assert m.ok, _report(m)
    assert any("另一种口径" in w for w in m.warnings)
