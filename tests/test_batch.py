"""`juesuan check` over a folder: every file reported, unreadable ones with their reason, the review workbook."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.cli.main import main
from desktop.core.batch import opening
from desktop.core.batch.runner import check_files
from desktop.core.batch.sources import files_to_check
from desktop.core.snapshot import load, load_file
from factory import sample_tables_only

SEED_004 = Path(__file__).parent / "fixtures" / "seed-004.json"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A reviewer's inbox: two workspaces, an exported workbook, one with an error, and bad files."""
    root = tmp_path_factory.mktemp("inbox")
    (root / "县局" / "下属").mkdir(parents=True)
    load(sample_tables_only(), root / "县局" / "sample.juesuan").close()
    load_file(SEED_004, root / "县局" / "下属" / "004.juesuan").close()
    assert main(["export", str(root / "县局" / "sample.juesuan"), "-o", str(root / "sample.xlsx")]) == 0
    shutil.copy(root / "县局" / "下属" / "004.juesuan", root / "wrong.juesuan")
    assert main(["set", str(root / "wrong.juesuan"), "公开01", "事业收入", "决算数", "99999"]) == 0
    whole = (root / "sample.xlsx").read_bytes()
    (root / "damaged.xlsx").write_bytes(whole[: len(whole) // 2])
    book = Workbook()
    book.active["A1"] = "职工通讯录"
    book.save(root / "foreign.xlsx")
    shutil.copy(root / "sample.xlsx", root / "locked.xlsx")
    (root / "~$sample.xlsx").write_bytes(b"owner")
    (root / "说明.txt").write_text("不是报表", encoding="utf-8")
    return root


@pytest.fixture
def locked(folder, monkeypatch):
    """locked.xlsx is open in Excel: reading it is refused by the system, as on Windows."""
    real = opening.workspace_from_workbook

    def refuse(path, forms=None):
        if path.name == "locked.xlsx":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, forms)

    monkeypatch.setattr(opening, "workspace_from_workbook", refuse)


def _listing(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_a_folder_is_searched_for_workbooks_and_workspaces(folder):
    found = [p.relative_to(folder).as_posix() for p in files_to_check([folder])]
    assert found == [
        "damaged.xlsx", "foreign.xlsx", "locked.xlsx", "sample.xlsx", "wrong.juesuan",
        "县局/sample.juesuan", "县局/下属/004.juesuan",
    ]
    assert [p.name for p in files_to_check([folder], "*.juesuan")] == ["wrong.juesuan", "sample.juesuan", "004.juesuan"]
    assert [p.name for p in files_to_check([folder / "sample.xlsx", folder, folder / "sample.xlsx"], "sample*")] == [
        "sample.xlsx", "sample.juesuan",
    ]


def test_every_file_reported_unreadable_ones_with_their_reason_and_nothing_written(folder, locked, capsys):
    before = _listing(folder)
    code = main(["check", str(folder), "--json", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 2  # unreadable files win over files with 错误
    reports = {json.loads(line)["path"]: json.loads(line) for line in out.splitlines()}
    assert len(reports) == 7
    by_name = {p.split("/")[-1]: r for p, r in reports.items()}
    assert {n: r["status"] for n, r in by_name.items()} == {
        "damaged.xlsx": "无法读取", "foreign.xlsx": "无法读取", "locked.xlsx": "无法读取",
        "sample.xlsx": "无错误", "wrong.juesuan": "有错误", "sample.juesuan": "无错误", "004.juesuan": "无错误",
    }
    assert "已损坏" in by_name["damaged.xlsx"]["reason"]
    assert "没有可识别的决算公开表" in by_name["foreign.xlsx"]["reason"]
    assert "locked.xlsx" in by_name["locked.xlsx"]["reason"] and "无法读取" in by_name["locked.xlsx"]["reason"]
    sample = by_name["sample.xlsx"]
    assert sample["unit"] == "榆林市人力资源和社会保障局" and sample["year"] == "2024"
    assert sample["summary"]["by_severity"] == {"错误": 0, "警告": 0, "提示": 23}
    assert sample["import_warnings"] == [] and sample["seconds"] > 0
    assert by_name["004.juesuan"]["import_warnings"] == []
    wrong = by_name["wrong.juesuan"]
    assert wrong["summary"]["by_severity"]["错误"] > 0
    assert any(f["severity"] == "错误" and f["form"] == "公开01" for f in wrong["findings"])
    for name in ("damaged.xlsx", "foreign.xlsx", "locked.xlsx"):
        assert f"错误：{by_name[name]['reason']}" in err
    assert _listing(folder) == before


def test_exit_status_1_when_a_file_has_errors_and_0_when_none(folder, capsys):
    assert main(["check", str(folder / "县局"), str(folder / "wrong.juesuan"), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["状态", "错误", "警告", "提示", "单位"]
    assert lines[1].startswith("有错误") and lines[1].endswith("wrong.juesuan")
    assert "共 3 个文件：无错误 2，有错误 1，无法读取 0" in out
    assert main(["check", str(folder / "县局"), "--jobs", "1"]) == 0


def test_a_pool_of_two_workers_reports_the_same_as_one(folder):
    files = files_to_check([folder / "县局", folder / "sample.xlsx", folder / "wrong.juesuan"])
    seen = []
    pooled = check_files(files, jobs=2, on_report=seen.append)
    alone = check_files(files, jobs=1)
    assert len(seen) == 4 and seen == pooled
    strip = lambda reports: sorted((r["path"], r["status"], json.dumps(r["findings"], ensure_ascii=False)) for r in reports)
    assert strip(pooled) == strip(alone)


def test_a_cancelled_batch_stops_and_returns_what_finished(folder):
    files = files_to_check([folder]) * 3
    seen: list = []
    reports = check_files(files, jobs=1, on_report=seen.append, stop=lambda: len(seen) >= 2)
    assert len(reports) == 2 == len(seen)


def test_the_review_workbook_lists_files_worst_first_every_finding_and_the_rules(folder, locked, tmp_path, capsys):
    target = tmp_path / "审核汇总.xlsx"
    assert main(["check", str(folder), "--jobs", "1", "-o", str(target)]) == 2
    capsys.readouterr()
    book = load_workbook(target)
    assert book.sheetnames == ["按文件", "全部审核结果", "触发的规则"]
    files = book["按文件"]
    rows = list(files.iter_rows(values_only=True))
    assert rows[0][:4] == ("单位", "年度", "文件", "状态")
    statuses = [r[3] for r in rows[1:]]
    assert statuses == ["无法读取"] * 3 + ["有错误"] + ["无错误"] * 3
    wrong = rows[4]
    assert wrong[2].endswith("wrong.juesuan") and wrong[4] >= 1 and "公开01" in wrong[9]
    assert wrong[8] == "否" and wrong[7] is None  # no table missing, no 情况说明 in it
    assert files.freeze_panes == "A2" and files.auto_filter.ref == "A1:J8"
    findings = list(book["全部审核结果"].iter_rows(values_only=True))
    assert findings[0] == ("文件", "单位", "表", "行", "列", "规则", "严重程度", "说明", "应为", "实为", "差额")
    total = sum(r[4] + r[5] + r[6] for r in rows[1:] if r[3] != "无法读取")
    assert len(findings) - 1 == total
    assert findings[1][6] == "错误" and findings[1][0].endswith("wrong.juesuan")
    rules = {r[0]: r for r in book["触发的规则"].iter_rows(min_row=2, values_only=True)}
    assert rules["公开06-11"][3] == 4  # the 尾差 every copy of the sample and 004 carries


def test_an_existing_review_workbook_needs_force(folder, tmp_path, capsys):
    target = tmp_path / "审核汇总.xlsx"
    target.write_bytes(b"old")
    assert main(["check", str(folder / "县局"), "--jobs", "1", "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == b"old"
    assert main(["check", str(folder / "县局"), "--jobs", "1", "-o", str(target), "--force"]) == 0
    assert zipfile.is_zipfile(target)


def test_a_folder_without_workbooks_is_said_so(tmp_path, capsys):
    (tmp_path / "说明.txt").write_text("无", encoding="utf-8")
    assert main(["check", str(tmp_path), "--glob", "*.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "没有工作簿（.xlsx）、公开文件（PDF）或工作区（.juesuan）符合“*.xlsx”" in err and str(tmp_path) in err


class _Terminal:
    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_on_a_terminal_the_progress_bar_redraws_one_line_with_rate_and_time_left():
    from desktop.cli.batch_check import Progress

    screen = _Terminal()
    progress = Progress(4, screen)
    report = {"path": "a.xlsx", "status": "无错误", "summary": {"by_severity": {"错误": 0, "警告": 0, "提示": 0}}}
    progress.advance(report)
    progress.advance(report)
    frames = screen.text.split("\r")[1:]
    assert len(frames) == 2 and "\n" not in screen.text
    assert "2/4" in frames[-1] and "个/秒" in frames[-1] and "约剩" in frames[-1]
    assert frames[-1].count("█") == 12  # half of the bar
    progress.advance(report)
    progress.advance(report)
    assert screen.text.endswith("\n") and "4/4" in screen.text.split("\r")[-1]


def test_a_cancelled_pool_stops_promptly(folder):
    files = files_to_check([folder / "县局"]) * 20
    seen: list = []
    reports = check_files(files, jobs=2, on_report=seen.append, stop=lambda: len(seen) >= 1)
    # Files already handed to the two workers finish; the rest never start.
    assert 1 <= len(reports) <= 2 * 4 + 1 < len(files)


def test_one_file_and_a_folder_print_one_json_shape(folder, capsys):
    """Scripts read `check --json` the same way whether it was given one file or many."""
    for name in ("sample.xlsx", "县局/下属/004.juesuan"):
        main(["check", str(folder / name), "--json"])
        single = json.loads(capsys.readouterr().out)
        main(["check", str(folder / name), str(folder / name), "--json", "--jobs", "1"])
        line = json.loads(capsys.readouterr().out.splitlines()[0])
        assert set(single) == set(line) and single["findings"] == line["findings"]
        assert single["path"] == line["path"] and single["status"] == line["status"]
        assert all({"severity", "message", "cells", "form", "key"} <= set(f) for f in single["findings"])
