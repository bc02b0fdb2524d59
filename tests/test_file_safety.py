"""Every way a workspace file can be hurt: read-only commands change nothing, refusals leave no trace,
holders are respected, damage and a full or read-only disk are named for what they are."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.review.findings import review
from desktop.core.store.holder import COMMAND, WINDOW, try_hold
from desktop.core.workspace import Workspace, WorkspaceError
from workspace_faults import fill, small_disk

UNIT = {"单位名称": "测试局", "年度": "2024", "单位性质": "行政", "主管部门": "", "金额单位": "万元"}
MEETING = CellRef("公开09", "决算数", "会议费")


def listing(folder: Path) -> dict[str, str]:
    """Every file in the folder with its checksum: what "changed nothing" is measured by."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


@contextmanager
def tampering(path: Path):
    """Another program changing the file, then gone: committed and closed."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def run(*argv, capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def closed_ws(tmp_path) -> Path:
    """A workspace with a figure in it, closed, alone in its folder."""
    folder = tmp_path / "ws"
    folder.mkdir()
    path = folder / "测试局.juesuan"
    ws = Workspace.create(path, UNIT)
    ws.set_value(MEETING, Decimal("12.34"))
    ws.close()
    return path


READERS = [
    ["check"], ["check", "--json"], ["show", "公开09"],
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_reading_commands_change_no_byte_and_create_nothing(closed_ws, capsys, command):
    before = listing(closed_ws.parent)
    code, out, _ = run(command[0], closed_ws, *command[1:], capsys=capsys)
    assert code in (0, 1) and out
    assert listing(closed_ws.parent) == before


def test_check_does_not_turn_an_old_file_into_wal_mode(closed_ws, capsys):
    with tampering(closed_ws) as conn:
        conn.execute("pragma journal_mode = delete")
    before = listing(closed_ws.parent)
    assert run("check", closed_ws, capsys=capsys)[0] in (0, 1)
    assert listing(closed_ws.parent) == before
    with tampering(closed_ws) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_check_reads_an_older_schema_without_migrating_the_file(closed_ws, capsys):
    with tampering(closed_ws) as conn:
        conn.execute("drop table texts")  # a version 2 file has neither texts nor absent
        conn.execute("drop table absent")
        for table in ("perf_tables", "perf_rows", "perf_cells"):  # version 5
            conn.execute(f"drop table {table}")
        conn.execute("pragma user_version = 2")
    before = listing(closed_ws.parent)
    code, out, _ = run("check", closed_ws, "--json", capsys=capsys)
    assert code in (0, 1) and '"unit": "测试局"' in out
    assert listing(closed_ws.parent) == before


def _foreign_wal(path: Path) -> None:
    with tampering(path) as conn:
        conn.execute("pragma journal_mode = wal")
        conn.execute("create table t(x)")
        conn.execute("insert into t values (1)")


def _newer(path: Path) -> None:
    Workspace.create(path, UNIT).close()
    with tampering(path) as conn:
        conn.execute("pragma user_version = 99")


def _missing_table(path: Path) -> None:
    Workspace.create(path, UNIT).close()
    with tampering(path) as conn:
        conn.execute("drop table cells")


def _text(path: Path) -> None:
    path.write_text("这不是数据库" * 200, encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


REFUSED = {
    "text": (_text, "不是决算公开工作区文件"),
    "empty": (_empty, "不是决算公开工作区文件"),
    "foreign WAL database": (_foreign_wal, "不是决算公开工作区文件"),
    "newer version": (_newer, "更新版本"),
    "missing table": (_missing_table, "缺少数据表：cells"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
@pytest.mark.parametrize("command", [
    ["check"], ["show", "公开09"], ["set", "公开09", "决算数", "会议费", "1"], ["note", "公开07", "无"],
    ["export", "-o", "{out}"], ["report", "-o", "{pdf}"],
], ids=lambda c: c[0])
def test_a_refused_file_is_left_byte_for_byte_with_nothing_beside_it(tmp_path, capsys, kind, command):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "x.juesuan"
    make, words = REFUSED[kind]
    make(path)
    before = listing(folder)
    argv = [a.format(out=tmp_path / "x.xlsx", pdf=tmp_path / "x.pdf") for a in command]
    code, _, err = run(argv[0], path, *argv[1:], capsys=capsys)
    assert code == 2
    assert words in err and str(path) in err and "Traceback" not in err
    assert listing(folder) == before
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()


def test_a_writing_command_is_refused_while_a_window_holds_the_file(closed_ws, capsys):
    window = try_hold(closed_ws, WINDOW)
    try:
        code, _, err = run("set", closed_ws, "公开09", "决算数", "会议费", "99", capsys=capsys)
        assert code == 2 and "窗口" in err and f"进程 {os.getpid()}" in err
        assert run("note", closed_ws, "公开07", "无", capsys=capsys)[0] == 2
        # Reading is still allowed.
        assert run("check", closed_ws, capsys=capsys)[0] in (0, 1)
    finally:
        window.release()
    reopened = Workspace.open(closed_ws, read_only=True)
    assert reopened.value(MEETING) == Decimal("12.34") and reopened.notes == {}
    assert run("set", closed_ws, "公开09", "决算数", "会议费", "99", capsys=capsys)[0] == 0
    assert not (closed_ws.parent / (closed_ws.name + ".lock")).exists()


def test_a_writing_command_waits_for_another_command(closed_ws, capsys, monkeypatch):
    other = try_hold(closed_ws, COMMAND)
    monkeypatch.setattr("desktop.core.held_workspace.BUSY_MS", 300)
    try:
        code, _, err = run("set", closed_ws, "公开09", "决算数", "会议费", "99", capsys=capsys)
    finally:
        other.release()
    assert code == 2 and "另一个 juesuan 命令" in err


def test_a_lock_left_by_a_killed_holder_is_no_lock(closed_ws, capsys):
    script = (
        "import os, sys; from pathlib import Path; from desktop.core.store.holder import try_hold, WINDOW;"
        f"h = try_hold(Path({str(closed_ws)!r}), WINDOW); print('held', flush=True); os.kill(os.getpid(), 9)"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "held" in proc.stdout and (closed_ws.parent / (closed_ws.name + ".lock")).exists()
    assert run("set", closed_ws, "公开09", "决算数", "会议费", "5", capsys=capsys)[0] == 0


def test_the_same_file_is_never_opened_twice_in_one_process(closed_ws):
    ws = Workspace.open(closed_ws)
    try:
        with pytest.raises(WorkspaceError, match="已在本程序中打开"):
            Workspace.open(closed_ws)
        ws.set_value(MEETING, Decimal("7.00"))
        copy = Workspace.open(closed_ws, read_only=True)  # through the open connection
        assert copy.value(MEETING) == Decimal("7.00") and copy.read_only
        with pytest.raises(WorkspaceError, match="只读"):
            copy.set_value(MEETING, Decimal("8.00"))
        copy.close()
    finally:
        ws.close()
    Workspace.open(closed_ws).close()  # closed: free again


def test_two_writing_commands_at_once_all_succeed(closed_ws):
    loop = (
        "import sys; from desktop.cli.main import main\n"
        "codes = [main(['set', sys.argv[1], '公开09', '决算数', sys.argv[2], str(i)]) for i in range(1, 41)]\n"
        "print(sorted(set(codes)))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", loop, str(closed_ws), column],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for column in ("会议费", "培训费")
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for out, err in outs:
        assert out.strip().splitlines()[-1] == "[0]", err
        assert "Traceback" not in err and "locked" not in err
    ws = Workspace.open(closed_ws, read_only=True)
    assert ws.value(MEETING) == Decimal("40") and ws.value(CellRef("公开09", "决算数", "培训费")) == Decimal("40")
    assert len([h for h in ws.store.history() if h["col"] in ("会议费", "培训费")]) == 81


def _store_raw(path: Path, value) -> None:
    with tampering(path) as conn:
        conn.execute("update cells set value = ? where form = '公开09' and col = '会议费'", (value,))


@pytest.mark.parametrize("raw", ["abc", "NaN", "Infinity", "1e400", 3.5e300, None.__class__.__name__])
def test_a_damaged_cell_is_named_and_the_rest_stays_usable(closed_ws, capsys, raw):
    _store_raw(closed_ws, raw)
    code, out, err = run("check", closed_ws, capsys=capsys)
    assert code in (0, 1) and "测试局" in out
    assert "公开09" in err and "会议费" in err and "不是数字" in err and "Traceback" not in err
    assert run("show", closed_ws, "公开09", capsys=capsys)[0] == 0
    # The damaged cell can be cleared, and then it is gone.
    assert run("set", closed_ws, "公开09", "决算数", "会议费", "-", capsys=capsys)[0] == 0
    ws = Workspace.open(closed_ws, read_only=True)
    assert ws.damaged == {} and ws.value(MEETING) is None
    assert ws.store.history(1)[0]["col"] == "会议费"


@pytest.mark.parametrize("fact, value", [("年度", "abcd"), ("金额单位", "美元"), ("单位性质", "公司"), ("公开主体", "")])
def test_bad_unit_facts_are_refused_on_open_naming_the_fact(closed_ws, capsys, fact, value):
    with tampering(closed_ws) as conn:
        conn.execute("update unit set value = ? where key = ?", (value, fact))
        if conn.total_changes == 0:
            conn.execute("insert into unit values (?, ?)", (fact, value))
    before = listing(closed_ws.parent)
    code, _, err = run("check", closed_ws, capsys=capsys)
    assert code == 2 and fact in err and "单位信息有误" in err
    assert listing(closed_ws.parent) == before


def test_no_check_compares_with_a_damaged_figure(tmp_path, capsys):
    """The damaged cell is not a blank to compare with: no finding reads it until it is typed again."""
    path = tmp_path / "sample.juesuan"
    from workspace_faults import sample_file

    path = sample_file(tmp_path)
    healthy = {f.key for f in review(Workspace.open(path, read_only=True)).findings}
    with tampering(path) as conn:
        conn.execute("update cells set value = 'abc' where form = '公开09' and row = '决算数' and col = '会议费'")
    code, out, _ = run("check", path, "--json", capsys=capsys)
    report = json.loads(out)
    cells = [line for line in report["damage"] if "校验值" not in line]
    assert len(cells) == 1 and "会议费" in cells[0]
    assert any("其他程序改动过" in line for line in report["damage"])  # the digest tells the tampering too
    keys = {f["key"] for f in report["findings"]}
    assert keys <= healthy  # nothing new: 公开06's 会议费 check and 公开09's sums are not run
    assert not any(c["column"] == "会议费" for f in report["findings"] for c in f["cells"] if c["form"] == "公开09")
    ws = Workspace.open(path)
    try:
        assert ws.unknown and ws.engine.findings.keys() <= healthy
        ws.set_value(MEETING, Decimal("0"))  # typed again: the checks that read it run again
        assert not ws.unknown
        assert any(f.rule.startswith("公开06") and "会议费" in f.message for f in ws.findings())
    finally:
        ws.close()


def _read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)


def _read_only_folder(path: Path) -> None:
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)


@pytest.mark.parametrize("make, words", [(_read_only, "只读"), (_read_only_folder, "文件夹是只读的")])
def test_read_only_files_and_folders_are_said_so_and_still_checked(closed_ws, capsys, make, words, monkeypatch):
    # root ignores permission bits, so the test asks as the program does: through os.access.
    real_access = os.access
    folder = closed_ws.parent

    def access(path, mode, *a, **k):
        target = Path(path)
        if mode & os.W_OK and (target == closed_ws if make is _read_only else target == folder):
            return False
        return real_access(path, mode, *a, **k)

    monkeypatch.setattr(os, "access", access)
    before = listing(folder)
    code, _, err = run("set", closed_ws, "公开09", "决算数", "会议费", "1", capsys=capsys)
    assert code == 2 and words in err and "已损坏" not in err
    code, out, _ = run("check", closed_ws, capsys=capsys)
    assert code in (0, 1) and "测试局" in out
    assert listing(folder) == before


def test_check_reads_a_workspace_on_a_read_only_disk(tmp_path, capsys):
    folder = tmp_path / "ro"
    with small_disk(folder) as mounted:
        path = folder / "测试局.juesuan"
        ws = Workspace.create(path, UNIT)
        ws.set_value(MEETING, Decimal("12.34"))
        ws.close()
        if mounted:
            assert subprocess.run(["mount", "-o", "remount,ro", str(folder)]).returncode == 0
        else:
            folder.chmod(0o555)
        before = listing(folder)
        code, out, err = run("check", path, "--json", capsys=capsys)
        assert code in (0, 1) and '"unit": "测试局"' in out, err
        code, _, err = run("set", path, "公开09", "决算数", "会议费", "1", capsys=capsys)
        assert code == 2 and "只读" in err and "已损坏" not in err
        assert listing(folder) == before
        folder.chmod(0o755) if not mounted else None


def test_a_full_disk_is_said_so_and_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "full"
    with small_disk(folder, "2m") as mounted:
        path = folder / "测试局.juesuan"
        ws = Workspace.create(path, UNIT)
        ws.set_value(MEETING, Decimal("12.34"))
        ws.close()
        fill(folder)
        before = listing(folder)
        attempts = {
            "set": ["set", path, "公开09", "决算数", "会议费", "1"],
            "note": ["note", path, "公开07", "无"],
            "new": ["new", folder / "新.juesuan", "--unit", "某局", "--year", "2024"],
            "export": ["export", path, "-o", folder / "导出.xlsx"],
            "narrative": ["narrative", path, "-o", folder / "情况说明.txt"],
        }
        said = {}
        for name, argv in attempts.items():
            code, _, err = run(*argv, capsys=capsys)
            said[name] = (code, err)
        checked, out, _ = run("check", path, capsys=capsys)
        after = listing(folder)
    assert mounted, "the tests need to mount a tmpfs (root): a full disk cannot be made otherwise"
    for name, (code, err) in said.items():
        assert code == 2 and "磁盘已满" in err and "Traceback" not in err, (name, err)
    assert checked in (0, 1) and "测试局" in out
    assert after == before


def test_hurt_workspaces_never_give_a_traceback_nor_change_a_byte(tmp_path):
    """60 hurt workspaces (each kind two or three times), 6 commands on each; bench/workspace_faults.py runs 600."""
    from workspace_faults import KINDS, run_trials

    tally = run_trials(60, tmp_path)
    assert tally.variants == 60 and set(tally.by_kind) == set(KINDS)
    assert tally.tracebacks == []
    assert tally.changed == []
    assert tally.unexplained == []
    assert tally.exits.get(2, 0) >= 30  # most are refused, each with its reason


def test_formula_like_text_in_every_text_field_exports_no_formula(tmp_path):
    from workspace_faults import PAYLOADS, formula_injection

    assert formula_injection(tmp_path) == (len(PAYLOADS), 0)
