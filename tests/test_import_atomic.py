"""An import that fails part-way leaves the target workspace exactly as it was: figures, notes,
texts, rows, absences and history; from the core, the command line and a new file alike."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.excel.export import write_workbook
from desktop.core.excel.import_ import apply, read_workbook, workspace_from_workbook, write_workspace
from desktop.core.snapshot import Snapshot, create, dump
from desktop.core.store.workspace_file import WorkspaceFile
from desktop.core.workspace import Workspace
from factory import as_printed

CHANGED = CellRef("公开09", "决算数", "会议费")


def _state(ws: Workspace) -> tuple:
    return dump(ws), ws.store.history(), sorted(ws.absent)


@pytest.fixture
def workbook(sample_ws, tmp_path):
    """The sample with other figures, a row fewer, another 空表说明 and text: an import changes much."""
    ws = sample_ws
    for ref in sorted(ws.values.typed)[::7]:
        ws.set_value(ref, ws.values.typed[ref] + Decimal("1.00"))
    code = next(r.code for r in ws.coded_rows("公开05") if len(r.code) == 7)
    ws.remove_row("公开05", code)
    ws.set_empty_note("公开08", "本单位没有国有资本经营预算财政拨款收支，故本表为空表。")
    ws.set_text("情况说明", "另一份情况说明。")
    path = tmp_path / "另一份.xlsx"
    write_workbook(ws, path)
    return path


@pytest.fixture
def target(make_ws, tmp_path):
    from desktop import paths
    import json

    ws = make_ws(json.loads(paths.sample_source().read_text(encoding="utf-8")), "目标.juesuan")
    ws.set_value(CHANGED, Decimal("60.00"))
    ws.remove_row("公开03", next(r.code for r in ws.coded_rows("公开03") if len(r.code) == 7))
    ws.set_absent({("公开08", "")})
    return ws


def _fail_at(monkeypatch, method: str, k: int) -> list[int]:
    """Makes the store's `method` raise a disk error on its k-th call, or for set_cells at its k-th
    cell (the cells before it written); returns the counter of calls (of cells)."""
    real = getattr(WorkspaceFile, method)
    calls = [0]

    def failing(self, *args, **kwargs):
        if method == "set_cells":
            changes, before = args[0], calls[0]
            calls[0] += len(changes)
            if before < k <= calls[0]:
                real(self, changes[:k - before - 1])
                raise sqlite3.OperationalError("disk I/O error")
            return real(self, *args, **kwargs)
        calls[0] += 1
        if calls[0] == k:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(WorkspaceFile, method, failing)
    return calls


def _count(monkeypatch, target_ws, snapshot, method: str) -> int:
    calls = _fail_at(monkeypatch, method, -1)
    detached = target_ws.detached_copy()
    detached.store.read_only = False  # counted on a copy in memory, the target untouched
    apply(detached, snapshot)
    detached.close()
    monkeypatch.undo()
    return calls[0]


def test_the_import_changes_much(target, workbook):
    snapshot, _ = read_workbook(workbook)
    apply(target, snapshot)
    assert target.value(CHANGED) != Decimal("60.00") and target.absent == set()
    assert target.text("情况说明") == "另一份情况说明。"


@pytest.mark.parametrize("method", ["set_cells", "add_coded_row", "remove_coded_row", "set_empty_note", "set_text", "set_absent"])
def test_a_failure_at_any_write_leaves_the_open_workspace_as_it_was(target, workbook, monkeypatch, method):
    snapshot, _ = read_workbook(workbook)
    total = _count(monkeypatch, target, snapshot, method)
    assert total >= 1
    before = _state(target)
    for k in sorted({1, 2, total // 2, total - 1, total} & set(range(1, total + 1))):
        _fail_at(monkeypatch, method, k)
        with pytest.raises(sqlite3.OperationalError):
            apply(target, snapshot)
        monkeypatch.undo()
        assert _state(target) == before, f"{method} failed at call {k} of {total}"
        assert target.value(CHANGED) == Decimal("60.00")
        assert target.missing_tables() == ["公开08"]
    path = target.path
    target.close()
    with Workspace.open(path) as reopened:
        assert _state(reopened) == before


def test_a_failure_importing_into_a_new_file_leaves_no_file(workbook, tmp_path, monkeypatch):
    snapshot, _ = read_workbook(workbook)
    for k in (1, 40, 200):
        _fail_at(monkeypatch, "set_cells", k)
        with pytest.raises(sqlite3.OperationalError):
            write_workspace(snapshot, tmp_path / "新.juesuan")
        monkeypatch.undo()
        assert not any(p.name.startswith("新") for p in tmp_path.iterdir())


def test_juesuan_import_force_that_fails_leaves_the_workspace_as_it_was(target, workbook, monkeypatch, capsys):
    path = target.path
    before = _state(target)
    target.close()
    _fail_at(monkeypatch, "set_cells", 30)
    assert main(["import", str(workbook), "-o", str(path), "--force"]) == 2
    assert "错误" in capsys.readouterr().err
    monkeypatch.undo()
    with Workspace.open(path) as reopened:
        assert _state(reopened) == before
    assert main(["import", str(workbook), "-o", str(path), "--force"]) == 0
    with Workspace.open(path) as reopened:
        assert reopened.value(CHANGED) != Decimal("60.00")


def test_every_reader_returns_the_same_typed_snapshot(sample_ws, tmp_path):
    path = tmp_path / "样本.xlsx"
    write_workbook(sample_ws, path)
    snapshot, warnings = read_workbook(path)
    assert isinstance(snapshot, Snapshot) and warnings == []
    assert all(isinstance(v, Decimal) for v in snapshot.cells.values())
    assert Snapshot.from_json(dump(sample_ws)).cells == snapshot.cells == sample_ws.values.typed
    files = sorted(tmp_path.iterdir())
    ws, warnings = workspace_from_workbook(path)
    with ws:
        assert ws.path.name == ":memory:" and dump(ws) == as_printed(sample_ws, dump(sample_ws))
    assert sorted(tmp_path.iterdir()) == files  # checked in memory: nothing written beside it


def test_a_workspace_filled_with_its_checks_held_finds_what_edit_by_edit_finds(workbook, tmp_path):
    """`create` holds the checks while it fills the workspace and runs them once at the end: the
    findings are those of the same edits made one at a time, absences and 空表说明 included."""
    snapshot, _ = read_workbook(workbook)
    snapshot.absent = {("公开07", "")}
    snapshot.cells[CHANGED] = snapshot.cells.get(CHANGED, Decimal(0)) + Decimal("9.99")
    with workspace_from_workbook(workbook)[0] as held:
        apply(held, snapshot)  # into a filled workspace: edits checked one by one
        one_by_one = [(f.key, f.severity, f.message) for f in held.findings()]
    with create(snapshot, None) as built:
        at_once = [(f.key, f.severity, f.message) for f in built.findings()]
        assert at_once == one_by_one
        assert any(sev == "错误" for _, sev, _ in at_once)  # the changed 会议费 no longer balances
        assert at_once == [(f.key, f.severity, f.message) for f in built.full_check()]
