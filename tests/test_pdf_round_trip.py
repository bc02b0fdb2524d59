"""The program's own 公开文件 read back exactly: generated workspaces with 绩效自评表 published as PDF
(`juesuan publish`), the PDF imported: every table figure, 绩效自评表, 单位名称 and 年度 the same.

Each round trip costs a publish and a read (about 4 s on a 2-core machine, most of it pdfminer
parsing the pages' drawing operators): GENERATED workspaces here, the sample in test_publish_pdf
(on the PDF its tests share), 20 and more with `bench/pdf_import.py --own 20`.
"""

from __future__ import annotations

import pytest

from desktop.core.definitions import load_forms
from pdf_round_trip import generated, round_trip

GENERATED = 7


@pytest.fixture(scope="module")
def forms():
    return load_forms()


@pytest.mark.parametrize("seed", range(GENERATED))
def test_a_generated_workspace_reads_back_from_its_pdf_exactly(tmp_path, forms, seed):
    got = round_trip(generated(seed), tmp_path, forms)
    assert (got.wrong, got.missing, got.performance, got.unit, got.warnings) == ([], [], [], {}, [])
    assert got.placed == got.present and got.performance_count >= 2
