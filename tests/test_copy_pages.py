"""A copy of the file taken while one edit is being saved holds some of the pages that edit
writes, new, and the rest old (a user copies the file to a USB stick, or a synced folder takes
it, at any moment). Whatever the mix, the program never reads such a copy silently as anything
but a whole state of the file: it refuses it as damaged, or says it was copied mid-save."""

from __future__ import annotations

import itertools
import random
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.store import WorkspaceError
from desktop.core.workspace import Workspace

_PAGE_MIXES = 64  # at most this many mixes of one edit's pages are tried


def _pages(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


def _rows(path: Path) -> set[tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        conn.text_factory = bytes  # a page copied half-written can cut a character in two
        return {(t, *row) for t in tables if t not in ("meta", "history") for row in conn.execute(f'SELECT * FROM "{t}"')}
    finally:
        conn.close()


def _mixes(before: bytes, after: bytes, folder: Path) -> dict[str, list[str]]:
    """Each copy holding a mix of the edit's pages, by what the program makes of it."""
    size = int.from_bytes(after[16:18], "big")
    old, new = _pages(before, size), _pages(after, size)
    old += [b""] * (len(new) - len(old))  # a page the edit added is absent from an early copy
    changed = [i for i in range(len(new)) if old[i] != new[i]]
    path = folder / "副本.juesuan"
    wholes = []
    for whole in (before, after):
        path.write_bytes(whole)
        wholes.append(_rows(path))
    if 2 ** len(changed) <= _PAGE_MIXES:
        subsets = [set(s) for n in range(len(changed) + 1) for s in itertools.combinations(changed, n)]
    else:  # too many to try each: random mixes, and every cut of a copy read from start to end
        rng = random.Random(len(changed))
        subsets = [set(changed[:n]) for n in range(len(changed))] + [set(changed[n:]) for n in range(len(changed))]
        subsets += [{i for i in changed if rng.random() < 0.5} for _ in range(max(0, _PAGE_MIXES - len(subsets)))]
    found: dict[str, list[str]] = {"refused": [], "said": [], "whole": [], "silently wrong": []}
    for subset in subsets:
        path.write_bytes(b"".join(new[i] if i in subset else old[i] for i in range(len(new))))
        label = f"pages {sorted(subset)} new of {changed}"
        try:
            if _rows(path) in wholes:
                found["whole"].append(label)  # whatever the program says of it, nothing is lost
                continue
        except sqlite3.DatabaseError:
            pass
        try:
            ws = Workspace.open(path, read_only=True)
        except WorkspaceError as exc:
            assert "已损坏" in str(exc) or "不是决算公开工作区文件" in str(exc), str(exc)
            found["refused"].append(label)
            continue
        notices = list(ws.store.notices)
        ws.close()
        found["said" if any("复制出来的副本" in n for n in notices) else "silently wrong"].append(label)
    return found


def _edit(ws: Workspace, edit: str, step: int) -> None:
    typed = sorted(ws.values.typed)
    if edit == "改一个数":
        ws.set_value(typed[(7 * step) % len(typed)], Decimal(f"4321.{step % 100:02d}"))
    elif edit == "清空一个数":
        ws.set_value(typed[(5 * step) % len(typed)], None)
    elif edit == "改单位信息":
        ws.set_unit("主管部门", f"某某市财政局{step}")
    elif edit == "写情况说明":
        ws.set_text("情况说明", ws.text("情况说明") + f"\n补充说明第{step}段。" + "说明。" * 300 * step)
    else:
        table_id, row, col = sorted(ws.store.perf_cells())[step]
        ws.performance.set_cells(table_id, [(row, col, f"{12 + step}.5")])


@pytest.mark.parametrize("edit", ["改一个数", "清空一个数", "改单位信息", "写情况说明", "改绩效表"])
def test_no_copy_of_a_file_mid_save_reads_silently_as_a_state_it_never_had(sample_ws, tmp_path, edit):
    for step in range(1, 4):
        before = sample_ws.store.path.read_bytes()
        _edit(sample_ws, edit, step)
        found = _mixes(before, sample_ws.store.path.read_bytes(), tmp_path)
        assert found["silently wrong"] == []
        assert found["whole"]  # the copy taken before or after the save is read as it is


def test_no_copy_taken_while_figures_are_typed_into_empty_cells_loses_one_silently(sample_ws, tmp_path):
    # Each new figure is a new row: now and then its page splits and rows that were saved long
    # before move to another page. A copy holding the split half-written must not read as sound.
    structure = sample_ws.structure
    empty = [r for f in structure.active for r in structure.value_cells(f.id) if r not in sample_ws.values.typed]
    silent, said = [], 0
    for ref in empty[:120]:
        before = sample_ws.store.path.read_bytes()
        sample_ws.set_value(ref, Decimal("1.23"))
        after = sample_ws.store.path.read_bytes()
        if len(after) == len(before):
            continue  # no page split (it takes a new page): the test above tries such edits
        found = _mixes(before, after, tmp_path)
        silent += found["silently wrong"]
        said += len(found["said"])
    assert silent == []
    assert said > 0  # some mixes did move saved rows, and were told apart


def test_a_copy_that_disagrees_with_its_digest_is_opened_with_a_notice_and_the_file_left_alone(sample_ws, tmp_path):
    copy = tmp_path / "副本.juesuan"
    sample_ws.save_copy(copy)
    with sqlite3.connect(copy) as conn:  # a row gone, as a split page copied half-written leaves it
        conn.execute("DELETE FROM cells WHERE (form, row, col) IN (SELECT form, row, col FROM cells LIMIT 1)")
    conn.close()
    data = copy.read_bytes()
    with Workspace.open(copy, read_only=True) as ws:
        assert any("复制出来的副本" in n and "只读查看" in n for n in ws.store.notices)
    assert copy.read_bytes() == data
    with Workspace.open(copy) as ws:  # opened to work on: told, and nothing written until an edit
        assert any("继续使用" in n for n in ws.store.notices)
    assert copy.read_bytes() == data
    with Workspace.open(copy) as ws:
        assert any("继续使用" in n for n in ws.store.notices)
        ws.set_unit("主管部门", "某某市财政局")  # the first edit makes its content the file's
    with Workspace.open(copy) as ws:
        assert ws.store.notices == []


def test_files_the_program_writes_agree_with_their_digest(sample_ws, tmp_path):
    from desktop.core.excel.export import write_workbook
    from desktop.core.excel.import_ import read_workbook, write_workspace

    made = tmp_path / "新建.juesuan"
    Workspace.create(made, {"单位名称": "某局", "年度": "2024"}).close()
    book = tmp_path / "表.xlsx"
    write_workbook(sample_ws, book)
    imported = tmp_path / "导入.juesuan"
    write_workspace(read_workbook(book)[0], imported)
    sample_ws.save_copy(tmp_path / "另存.juesuan")
    for path in (made, imported, tmp_path / "另存.juesuan", sample_ws.path):
        with Workspace.open(path, read_only=True) as ws:
            assert ws.store.notices == [], path
