"""The program's own 公开文件 read back exactly: generated workspaces with 绩效自评表 published as PDF
(`juesuan publish`), the PDF imported: every table figure, 绩效自评表, 单位名称 and 年度 the same.

The 20 round trips run in a process each core (publishing and reading are one core's work each),
the sample's in test_publish_pdf (on the PDF its tests share); `bench/pdf_import.py --own 20` prints
them with their 情况说明 paragraphs and times.
"""

from __future__ import annotations

import pytest

from pdf_round_trip import generated_round_trips

GENERATED = range(20)


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory):
    return generated_round_trips(GENERATED, tmp_path_factory.mktemp("round-trips"))


@pytest.mark.parametrize("seed", GENERATED)
def test_a_generated_workspace_reads_back_from_its_pdf_exactly(round_trips, seed):
    got = round_trips[seed]
    assert (got.wrong, got.missing, got.performance, got.unit, got.warnings) == ([], [], [], {}, [])
    assert got.placed == got.present and got.performance_count >= 2
