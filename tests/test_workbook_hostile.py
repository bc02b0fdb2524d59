"""Hostile workbooks, every class twice, through the command line and one batch: each refused with
its reason or read, never a traceback, never a changed byte (bench/workbook_hostile.py runs 1,000
in their own processes and measures time and memory)."""

from __future__ import annotations

import hashlib

from hostile_workbooks import CLASSES, hostile, other_formats
from workbook_variants import drive

from desktop.core.batch.file_report import UNREADABLE
from desktop.core.batch.runner import check_files
from desktop.core.excel.export import write_workbook


def test_hostile_workbooks_are_refused_or_read_and_never_changed(sample_ws, tmp_path):
    good = tmp_path / "good.xlsx"
    write_workbook(sample_ws, good)
    sample_ws.close()
    bases = {"xlsx": good, **other_formats(good, tmp_path)}
    inputs = tmp_path / "in"
    inputs.mkdir()
    made = list(hostile(bases, inputs, 2 * len(CLASSES), seed=20261206))
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for _, path in made}
    outcomes = []
    for n, (kind, path) in enumerate(made):
        out = tmp_path / "out" / str(n)
        out.mkdir(parents=True)
        outcomes.append(drive(kind, path, out))
    assert [t for o in outcomes for t in o.tracebacks] == []
    assert [(o.kind, u) for o in outcomes for u in o.unexplained] == []  # every refusal names the file
    assert [p for o in outcomes for p in o.partial] == []
    assert all(s in (0, 1, 2) for o in outcomes for s in o.exits)
    # A guard against a hang, not a speed target.
    assert max(o.seconds for o in outcomes) < 60, max(outcomes, key=lambda o: o.seconds)
    refused = {o.kind for o in outcomes if 2 in o.exits}
    assert {"zip bomb", "merged range", "far cell", "wrong kind", "many sheets"} <= refused
    reports = check_files([p for _, p in made], jobs=2)
    assert len(reports) == len(made)
    assert not [r for r in reports if r["status"] == UNREADABLE and "程序内部错误" in r["reason"]]
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in digests} == digests
