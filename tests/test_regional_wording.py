"""Tables titled and rows labelled as other regions' published documents word them (sources in forms/*.toml):
each table is found and every figure lands in its row."""

from __future__ import annotations

import pytest

from layout_variants import Variant, measure

# 云南省的表（耿马 2022，腾冲 2019，楚雄 2021）: tables by these titles.
YUNNAN_TITLES = {
    "公开01": "收入支出决算表",
    "公开04": "财政拨款收入支出决算表",
    "公开05": "一般公共预算财政拨款收入支出决算表",
    "公开09": "“三公”经费、行政参公单位机关运行经费情况表",
}


def _report(m) -> str:
    return f"{m.name}: placed {m.placed}/{m.present} wrong {m.wrong[:3]} false 错误 {m.false_errors[:3]} {m.failure}"


@pytest.mark.parametrize("label", ["公开01表", "表一", "none"])
def test_tables_titled_as_yunnan_prints_them_are_found(sample_ws, tmp_path, label):
    def retitle(block):
        if block.form in YUNNAN_TITLES:
            block.set(0, 1, YUNNAN_TITLES[block.form])

    m = measure(sample_ws, Variant(label=label), tmp_path, reshape=retitle)
    assert m.ok, _report(m)


@pytest.mark.parametrize("words", [
    {"使用非财政拨款结余（含专用结余）": "使用非财政拨款结余和专用结余", "年初结转和结余": "上年结转和结余"},  # 重庆, 广西
    {"年初结转和结余": "年初结转结余"},  # 重庆
])
def test_carry_rows_labelled_as_other_regions_label_them_are_read(consistent_ws, tmp_path, words):
    def relabel(block):
        if block.form != "公开01":
            return
        for r in range(block.body, block.end):
            for c in range(1, block.width() + 1):
                if block.cell(r, c) in words:
                    block.set(r, c, words[block.cell(r, c)])

    m = measure(consistent_ws, Variant(), tmp_path, reshape=relabel)
    assert m.ok, _report(m)
    assert not [w for w in m.warnings if "不是公开01的行" in w]
