"""The workspace file: committed at once, history kept, versions and damage handled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from decimal import Decimal

import pytest

from desktop.core.definitions import CellRef
from desktop.core.store import WorkspaceError
from desktop.core.store.migrations import SCHEMA_VERSION
from desktop.core.workspace import Workspace

UNIT = {"单位名称": "测试单位", "年度": "2024"}


def killed_mid_save(path) -> None:
    """Another process begins a large write, its cache spilling pages into the file (when nothing
    holds the file), and dies before committing: a journal left to roll back."""
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r}, isolation_level=None, timeout=0.2)
        conn.execute("pragma cache_size = 1")
        conn.execute("begin immediate")
        conn.execute("update cells set value = '99.00'")
        conn.execute("insert into history (time, action) select 't', randomblob(500) from "
                     "(with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000) select i from n)")
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_every_edit_is_committed_and_kept_in_history(tmp_path):
    path = tmp_path / "a.juesuan"
    ws = Workspace.create(path, UNIT)
    ref = CellRef("公开01", "事业收入", "决算数")
    ws.set_value(ref, Decimal("12.50"))
    ws.set_value(ref, Decimal("13.00"))
    ws.set_value(ref, None)
    # Another connection sees every change without any save step.
    with sqlite3.connect(path) as other:
        rows = other.execute("select old, new from history where form = '公开01' order by id").fetchall()
        assert rows == [(None, "12.50"), ("12.50", "13.00"), ("13.00", None)]
        assert other.execute("pragma journal_mode").fetchone()[0] == "delete"
    ws.close()
    again = Workspace.open(path)
    assert again.value(ref) is None
    assert again.store.history(limit=1)[0]["old"] == "13.00"
    again.close()


def test_killed_in_the_middle_of_edits_loses_nothing_that_returned(tmp_path):
    path = tmp_path / "k.juesuan"
    Workspace.create(path, UNIT).close()
    log = tmp_path / "done.txt"
    script = textwrap.dedent(
        f"""
        import sys
        from decimal import Decimal
        from desktop.core.definitions import CellRef
        from desktop.core.workspace import Workspace
        ws = Workspace.open({str(path)!r})
        out = open({str(log)!r}, "a", buffering=1)
        for i in range(1, 100000):
            ws.set_value(CellRef("公开09", "决算数", "会议费"), Decimal(i) / 100)
            out.write(f"{{i}}\\n")
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 60
    while time.time() < deadline:
        if log.exists() and len(log.read_text().splitlines()) >= 30:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = [int(x) for x in log.read_text().splitlines() if x]
    assert len(done) >= 30
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    ws = Workspace.open(path)
    value = ws.value(CellRef("公开09", "决算数", "会议费"))
    # The last edit that returned is there (one more may have landed before the kill).
    assert value * 100 in (done[-1], done[-1] + 1)
    assert len([h for h in ws.store.history() if h["col"] == "会议费"]) >= done[-1]
    ws.close()


def test_newer_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "new.juesuan"
    Workspace.create(path, UNIT).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="更新版本"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_text_file_is_not_a_workspace(tmp_path):
    path = tmp_path / "notes.juesuan"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="不是 SQLite 数据库"):
        Workspace.open(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


def test_foreign_database_is_not_a_workspace(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t(x)")
    with pytest.raises(WorkspaceError, match="不是决算公开工作区文件"):
        Workspace.open(path)


def test_damaged_file_is_reported_never_overwritten(tmp_path):
    path = tmp_path / "bad.juesuan"
    ws = Workspace.create(path, UNIT)
    for i in range(300):
        ws.set_value(CellRef("公开09", "决算数", "会议费"), Decimal(i))
    ws.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="已损坏"):
        Workspace.open(path)
    assert path.read_bytes() == bytes(data)


def test_missing_file(tmp_path):
    with pytest.raises(WorkspaceError, match="找不到"):
        Workspace.open(tmp_path / "nope.juesuan")


def test_create_never_overwrites(tmp_path):
    path = tmp_path / "x.juesuan"
    path.write_text("keep")
    with pytest.raises(WorkspaceError, match="已存在"):
        Workspace.create(path, UNIT)
    assert path.read_text() == "keep"


def test_older_schema_is_migrated_forward(tmp_path, monkeypatch):
    from desktop.core.store import migrations

    path = tmp_path / "old.juesuan"
    Workspace.create(path, UNIT).close()

    def add_flags(conn):
        conn.execute("CREATE TABLE flags (name TEXT PRIMARY KEY)")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [add_flags])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    from desktop.core.store import workspace_file

    monkeypatch.setattr(workspace_file, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(workspace_file, "SCHEMA_VERSION", migrations.SCHEMA_VERSION)
    ws = Workspace.open(path)
    assert ws.store.schema_version == SCHEMA_VERSION + 1
    assert "flags" in ws.store.table_names()
    assert ws.unit["单位名称"] == "测试单位"
    ws.close()


def test_unit_facts_live_in_the_workspace(tmp_path):
    path = tmp_path / "u.juesuan"
    ws = Workspace.create(path, {**UNIT, "单位性质": "事业", "主管部门": "某某局", "金额单位": "元"})
    ws.set_unit("单位名称", "测试单位（更名）")
    ws.close()
    ws = Workspace.open(path)
    assert ws.unit["单位名称"] == "测试单位（更名）"
    assert (ws.unit["单位性质"], ws.unit["主管部门"], ws.money_unit) == ("事业", "某某局", "元")
    ws.close()


def test_save_copy_is_a_whole_workspace(sample_ws, tmp_path):
    from desktop.core import snapshot

    target = tmp_path / "copy" / "另存.juesuan"
    target.parent.mkdir()
    sample_ws.save_copy(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["另存.juesuan"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("pragma quick_check").fetchone()[0] == "ok"
    copy = Workspace.open(target)
    assert snapshot.dump(copy) == snapshot.dump(sample_ws)
    assert len(copy.store.history()) == len(sample_ws.store.history())
    copy.close()
    # The original stays the open file: later edits go there, not into the copy.
    sample_ws.set_value(CellRef("公开09", "决算数", "会议费"), Decimal("1.00"))
    copy = Workspace.open(target)
    assert copy.value(CellRef("公开09", "决算数", "会议费")) != Decimal("1.00")
    copy.close()


def test_save_copy_refuses_existing_target_and_itself(sample_ws, tmp_path):
    other = tmp_path / "other.juesuan"
    other.write_text("keep")
    with pytest.raises(WorkspaceError, match="已存在"):
        sample_ws.save_copy(other)
    assert other.read_text() == "keep"
    with pytest.raises(WorkspaceError, match="就是当前打开的工作区文件"):
        sample_ws.save_copy(sample_ws.path)
    with pytest.raises(WorkspaceError, match="无法另存为"):
        sample_ws.save_copy(tmp_path / "no-such-folder" / "x.juesuan")


def test_failed_save_copy_leaves_nothing(sample_ws, tmp_path, monkeypatch):
    from desktop.core.store.workspace_file import WorkspaceFile

    def broken(path):
        raise WorkspaceError("模拟失败")

    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(WorkspaceFile, "inspect", staticmethod(broken))
    with pytest.raises(WorkspaceError, match="无法另存为.*模拟失败"):
        sample_ws.save_copy(folder / "x.juesuan")
    assert list(folder.iterdir()) == []


def test_a_removed_row_comes_back_whole_through_the_workspace(sample_ws):
    from desktop.core.snapshot import dump

    before = dump(sample_ws)
    code = next(r.code for r in sample_ws.coded_rows("公开02") if len(r.code) == 3)
    removed = sample_ws.remove_row("公开02", code).removed
    assert removed.codes and all(c.startswith(code) for c in removed.codes) and removed.figures
    assert not any(r.code.startswith(code) for r in sample_ws.coded_rows("公开02"))
    sample_ws.restore_rows(removed)
    assert dump(sample_ws) == before


def test_a_hidden_partial_file_a_killed_import_left_is_cleaned_up_next_time(tmp_path):
    from desktop.core.atomic_file import written_whole

    target = tmp_path / "新.juesuan"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".{target.name}.{dead.pid}.partial"
    left.write_bytes(b"half")
    (tmp_path / f"{left.name}-journal").write_bytes(b"j")
    with written_whole(target) as partial:
        partial.write_bytes(b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_journal_a_crash_left_is_rolled_back_and_said(tmp_path, capsys):
    from desktop.cli.main import main

    path = tmp_path / "j.juesuan"
    ws = Workspace.create(path, UNIT)
    ws.set_value(CellRef("公开09", "决算数", "会议费"), Decimal("12.50"))
    ws.close()
    killed_mid_save(path)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    before = path.read_bytes()
    assert main(["show", str(path), "公开09"]) == 0  # read in a scratch copy: the file keeps its bytes
    assert "撤回" in capsys.readouterr().err and path.read_bytes() == before
    assert main(["set", str(path), "公开09", "决算数", "会议费", "13"]) == 0
    assert "撤回" in capsys.readouterr().err and not journal.exists()
    again = Workspace.open(path, read_only=True)
    assert again.value(CellRef("公开09", "决算数", "会议费")) == Decimal("13.00")
    assert again.store.count("history", "action = '单元格'") == 2
    again.close()


def test_a_new_file_has_the_tables_an_upgraded_one_has(tmp_path):
    from desktop.core.store.migrations import MIGRATIONS, build

    def shape(conn):
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        return {(kind, name, "WITHOUT ROWID" in (sql or "")) for kind, name, sql in rows}, {
            name: [r[1:3] for r in conn.execute(f'PRAGMA table_info("{name}")')] for _, name, _ in rows if _ == "table"}

    new, upgraded = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    build(new)
    for step in MIGRATIONS:
        step(upgraded)
    assert shape(new) == shape(upgraded)
    assert ("index", "idx_history_form_row_col", False) not in shape(new)[0]
    assert ("table", "cells", True) in shape(new)[0]


def test_a_reader_keeps_the_state_it_began_with_when_the_writer_dies_mid_write(tmp_path):
    """Another program reading the file while the window is killed in the middle of writing a save
    into it: the reader ends with what was committed when it began, never a refusal half way (the
    journal turned hot under it) nor pages of the unfinished save."""
    from desktop.core.store.file_checks import reader, verify

    path = tmp_path / "w.juesuan"
    ws = Workspace.create(path, UNIT)
    ws.set_value(CellRef("公开09", "决算数", "会议费"), Decimal("12.50"))
    ws.close()
    conn, notice = reader(path)
    killed_mid_save(path)  # with the file free, it would write pages of its save into the file itself
    assert verify(conn, path) == SCHEMA_VERSION and notice is None
    memory = sqlite3.connect(":memory:")
    conn.backup(memory)
    conn.close()
    assert memory.execute("SELECT value FROM cells").fetchall() == [("12.50",)]
    assert memory.execute("SELECT count(*) FROM history").fetchone()[0] == 1


def test_held_writes_reach_the_file_whole_at_settle_or_with_the_next_write(tmp_path):
    path = tmp_path / "h.juesuan"
    ws = Workspace.create(path, UNIT)
    meeting, training = CellRef("公开09", "决算数", "会议费"), CellRef("公开09", "决算数", "培训费")

    def on_disk() -> dict[str, str]:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT col, value FROM cells"))
        finally:
            conn.close()

    with ws.store.held():
        ws.set_value(meeting, Decimal("1"))
    assert ws.store.unsettled and on_disk() == {} and ws.value(meeting) == Decimal("1")
    with pytest.raises(sqlite3.OperationalError):  # a write failing part way undoes itself, not the held one
        with ws.store.transaction():
            ws.store.set_cells([(meeting, Decimal("2"), Decimal("1"))])
            ws.store.conn.execute("INSERT INTO no_such_table VALUES (1)")
    assert ws.store.unsettled and not ws.store.dropped
    ws.set_value(training, Decimal("4"))  # any write not held commits what was held with it
    assert not ws.store.unsettled and on_disk() == {"会议费": "1", "培训费": "4"}
    with ws.store.held():
        ws.set_value(meeting, Decimal("5"))
    ws.close()  # closing commits it
    again = Workspace.open(path, read_only=True)
    assert again.value(meeting) == Decimal("5") and again.store.count("history", "action = '单元格'") == 3
    again.close()
