"""A killed window loses no acknowledged edit: exports and other programs reading the file included."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from durability_trials import make_template, regression_trial, run_trial

CI_TRIALS = 50
SEED = 20240601


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("durability"))


def test_edits_after_an_export_and_another_programs_read_survive_a_kill(template, tmp_path):
    """The regression: window open → export → another process opens and closes the file → edit → SIGKILL."""
    result = regression_trial(template, tmp_path)
    assert result.child_error == ""
    assert result.exports == 1 and result.readers == 1 and result.reader_failures == []
    assert result.acknowledged == 6
    assert result.lost == [] and result.corrupt == ""


def test_random_kills_during_edits_exports_and_readers(template, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda i: run_trial(template, tmp_path / f"trial{i}", SEED + i), range(CI_TRIALS)))
    failures = [(i, r) for i, r in enumerate(results) if not r.sound]
    assert failures == []
    # The kills came amid real work: a few edits a trial on average. Each edit waits for two disk
    # syncs (the journal, then the file), and a loaded machine starts the child late in its window.
    assert sum(r.acknowledged for r in results) >= CI_TRIALS * 4
    assert sum(r.exports_begun for r in results) > 0 and sum(r.readers for r in results) > 0


def test_a_copy_of_the_file_taken_while_it_is_edited_holds_every_acknowledged_edit(template, tmp_path):
    from copy_trials import copy_trial

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda i: copy_trial(template, tmp_path / f"copy{i}", SEED + i), range(6)))
    assert [r for r in results if not r.sound] == []
    assert sum(r.acknowledged for r in results) > 0
