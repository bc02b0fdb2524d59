"""Fuzzing the import: damaged, odd and huge workbooks through the real command line, never a traceback."""

from __future__ import annotations

from workbook_variants import MAKERS, QUICK, fuzz, summary

from desktop.core.excel.export import write_workbook

# Each kind at least once (one 10,000-row sheet among them); bench/workbook_fuzz.py runs 500.
COUNT = 100


def test_bad_workbooks_never_crash_and_leave_nothing_behind(sample_ws, tmp_path):
    good = tmp_path / "good.xlsx"
    write_workbook(sample_ws, good)
    sample_ws.close()
    outcomes = fuzz(good, tmp_path, COUNT, seed=20240531, weights=QUICK, workers=2)
    figures = summary(outcomes)
    assert figures["inputs"] >= 100 and set(figures["by_kind"]) == set(MAKERS)
    assert [t for o in outcomes for t in o.tracebacks] == []
    assert figures["odd_exits"] == 0
    assert [u for o in outcomes for u in o.unexplained] == []  # every exit 2 names the file, in Chinese
    assert [p for o in outcomes for p in o.partial] == []
    # A guard against a hang, not a speed target (bench/workbook_fuzz.py prints the times).
    assert figures["max_seconds"] < 60, max(outcomes, key=lambda o: o.seconds)
    # The fuzzing reaches past the zip: some inputs import, some are refused as unusable.
    assert figures["exits"].get(0) and figures["exits"].get(2)
