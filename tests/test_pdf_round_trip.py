"""The program's own 公开文件 read back exactly: the sample and generated workspaces published as PDF
(`juesuan publish`), the PDF imported: every table figure, 绩效自评表, 单位名称 and 年度 the same.

Each round trip costs a publish and a read (the sample about 15 s, a generated workspace about
3 s on a 2-core machine): the sample and GENERATED workspaces here, 20 and more with
`bench/pdf_import.py --own 20`.
"""

from __future__ import annotations

import pytest

from desktop.core.definitions import load_forms
from pdf_round_trip import generated, round_trip, sample

GENERATED = 5


@pytest.fixture(scope="module")
def forms():
    return load_forms()


@pytest.mark.parametrize("seed", range(GENERATED))
def test_a_generated_workspace_reads_back_from_its_pdf_exactly(tmp_path, forms, seed):
    got = round_trip(generated(seed), tmp_path, forms)
    assert (got.wrong, got.missing, got.performance, got.unit, got.warnings) == ([], [], [], {}, [])
    assert got.placed == got.present and got.performance_count >= 2


def test_the_sample_reads_back_from_its_pdf_exactly(tmp_path, forms):
    got = round_trip(sample(), tmp_path, forms)
    assert (got.wrong, got.missing, got.performance, got.unit) == ([], [], [], {})
    assert got.placed == got.present == 271 and got.performance_count == 9
    # The 绩效自评表 the 情况说明 quotes as pasted text are printed in it as tables too: those copies
    # are named where their columns do not line up, and leave their names to the 附件's tables.
    assert all("重复" not in str(w) for w in got.warnings)
