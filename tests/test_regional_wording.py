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
