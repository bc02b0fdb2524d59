"""The 情况说明 check on six real documents as a reviewer gets them (PDF text, their own workbooks):
every real mistake found, no false flag, each figure read as expected (tests/fixtures/realdocs/)."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.core.narrative.check import review_narrative
from narrative_realdocs import DOCUMENTS, EXPECTED, expected, false_flags, mistakes_found, narrative, readings
from narrative_realdocs import workspace as real_workspace


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    folder = tmp_path_factory.mktemp("realdocs")
    result = {}
    for name in DOCUMENTS:
        ws = real_workspace(name, folder)
        try:
            result[name] = review_narrative(ws, narrative(name))
        finally:
            ws.close()
    return result


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_real_mistake_is_found_and_nothing_else(reviews, name):
    review, doc = reviews[name], expected(name)
    assert [nf.finding.message for nf in false_flags(review, doc)] == []
    found, wanted = mistakes_found(review, doc)
    assert found == wanted
    assert all(nf.finding.severity == "错误" for nf in review.findings)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_figure_is_read_as_expected(reviews, name):
    want = [(f["sentence"], f["figure"], f["reading"]) for f in EXPECTED["figure"] if f["document"] == name]
    got = readings(reviews[name])
    assert Counter(got) == Counter(want)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_figures_that_name_a_table_item_are_attributed(reviews, name):
    assert reviews[name].coverage >= 0.95
