"""汇总: seed 000 is a 部门 of 13 units and 004 one of them; 000 − 004 is the rest, rest + 004 is 000."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pathlib import Path

from desktop import paths
from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.merge.members import MEMBERS_KEY, members_of
from desktop.core.merge.summing import MergeError, Part, fill_sums, shown_figures, totals_of
from desktop.core.merge.verify import verify_merged
from desktop.core.review.findings import review
from desktop.core.snapshot import load, load_file
from desktop.core.workspace import Workspace

DEPT = "榆林市人力资源和社会保障局"


@pytest.fixture
def files(tmp_path):
    """000 (the sample), 004, and the rest of the 部门 (000 − 004) as workspace files."""
    dept = load_file(paths.sample_source(), tmp_path / "000.juesuan")
    unit = load_file(Path(__file__).parent / "fixtures" / "seed-004.json", tmp_path / "004.juesuan")
    rest = Workspace.create(tmp_path / "rest.juesuan", {**dept.unit, "单位名称": "其余12个单位", "公开主体": "单位"})
    fill_sums(rest, totals_of([Part(dept, dept.path), Part(unit, unit.path, -1)]))
    rest.set_text(MEMBERS_KEY, "")  # twelve units whose names the seeds do not give
    for ws in (dept, unit, rest):
        ws.close()
    return tmp_path


def test_the_rest_of_the_department_is_a_valid_set_of_tables(files):
    with Workspace.open(files / "000.juesuan") as dept, Workspace.open(files / "004.juesuan") as unit, \
            Workspace.open(files / "rest.juesuan") as rest:
        figures = shown_figures(rest)
        assert figures and min(figures.values()) >= 0
        assert figures[_ref(rest, "公开01", "本年支出合计")] == (
            shown_figures(dept)[_ref(dept, "公开01", "本年支出合计")] - shown_figures(unit)[_ref(unit, "公开01", "本年支出合计")]
        )
        by_key = {f.key: f for f in review(dept).findings}
        of_unit = {f.key: f for f in review(unit).findings}
        for finding in review(rest).findings:
            if finding.severity != "错误" or finding.rule.startswith(("公开07-", "公开08-")) and "空表" in finding.message:
                continue
            # A rest is itself a sum of rounded figures: a 尾差 of 000 less a 尾差 of 004, nothing more.
            assert by_key[finding.key].rounding and of_unit[finding.key].rounding, finding.message
            assert finding.difference == by_key[finding.key].difference - of_unit[finding.key].difference


def _ref(ws, form, label):
    row = next(r for r in ws.rows(form) if r.label == label)
    return CellRef(form, row.key, ws.structure.columns(form, row.key)[0].key)


def test_the_rest_and_004_sum_to_000_exactly(files, capsys):
    target = files / "部门.juesuan"
    assert main(["merge", "-o", str(target), "--unit", DEPT, str(files / "rest.juesuan"), str(files / "004.juesuan")]) == 0
    assert "已汇总 2 个单位" in capsys.readouterr().out
    with Workspace.open(target) as merged, Workspace.open(files / "000.juesuan") as dept:
        assert shown_figures(merged) == shown_figures(dept)
        assert merged.unit["单位名称"] == DEPT and merged.unit["公开主体"] == "部门"
        assert [(m.name, m.path) for m in members_of(merged)] == [
            ("其余12个单位", str(files / "rest.juesuan")), ("榆林市人事信息中心", str(files / "004.juesuan")),
        ]
        # The 科目 rows of both, their 款 and 类 included.
        assert {r.code for r in merged.coded_rows("公开02")} == {r.code for r in dept.coded_rows("公开02")}
    code = main(["merge", "--verify", str(files / "000.juesuan"), str(files / "rest.juesuan"), str(files / "004.juesuan"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["findings"] == [] and len(report["units"]) == 2


def test_verify_lists_each_differing_cell_as_a_finding(files, capsys):
    with Workspace.open(files / "rest.juesuan") as rest:
        row = next(r for r in rest.rows("公开05") if r.code == "2080101")
        ref = CellRef("公开05", row.key, "基本支出")
        rest.set_value(ref, rest.value(ref) + Decimal("0.01"))  # one unit's rounding: 尾差
        other = CellRef("公开05", row.key, "项目支出")
        rest.set_value(other, (rest.value(other) or Decimal(0)) + Decimal("12.00"))  # a wrong figure
    code = main(["merge", "--verify", str(files / "000.juesuan"), str(files / "rest.juesuan"), str(files / "004.juesuan"), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    cells = {(f["cells"][0]["form"], f["cells"][0]["row"], f["cells"][0]["column_key"]): f for f in report["findings"]}
    tail = cells[("公开05", "2080101", "基本支出")]
    assert tail["severity"] == "提示" and tail["rounding"] and tail["difference"] == "-0.01" and tail["tolerance"] == "0.015"
    wrong = cells[("公开05", "2080101", "项目支出")]
    assert wrong["severity"] == "错误" and wrong["difference"] == "-12.00" and wrong["rule"] == "汇总校验"
    assert "公开05「2080101" in wrong["message"]
    # The totals above the changed cells differ too, each named.
    assert ("公开05", "20801", "项目支出") in cells and ("公开05", "208", "项目支出") in cells


def test_a_department_can_be_summed_again_but_never_count_a_unit_twice(files, capsys):
    dept = files / "部门.juesuan"
    assert main(["merge", "-o", str(dept), "--unit", DEPT, str(files / "rest.juesuan"), str(files / "004.juesuan")]) == 0
    capsys.readouterr()
    assert main(["merge", "-o", str(files / "上级.juesuan"), "--unit", "上级部门", str(dept), str(files / "004.juesuan")]) == 2
    err = capsys.readouterr().err
    assert "榆林市人事信息中心" in err and "计入了两次" in err and "在其汇总单位中" in err
    assert not (files / "上级.juesuan").exists()
    assert main(["merge", "-o", str(files / "x.juesuan"), "--unit", "x", str(files / "004.juesuan"), str(files / "004.juesuan")]) == 2
    assert "计入了两次" in capsys.readouterr().err
    # A 部门 as one unit of a higher 部门 (二级部门): its units are kept in the list.
    assert main(["merge", "-o", str(files / "上级.juesuan"), "--unit", "上级部门", str(dept)]) == 0
    with Workspace.open(files / "上级.juesuan") as higher, Workspace.open(files / "000.juesuan") as seed:
        assert members_of(higher)[0].units == ("其余12个单位", "榆林市人事信息中心")
        assert shown_figures(higher) == shown_figures(seed)


def test_different_year_or_money_unit_is_refused(files, capsys):
    assert main(["new", str(files / "2023.juesuan"), "--unit", "旧", "--year", "2023"]) == 0
    assert main(["new", str(files / "yuan.juesuan"), "--unit", "元单位", "--year", "2024", "--money", "元"]) == 0
    capsys.readouterr()
    assert main(["merge", "-o", str(files / "m.juesuan"), "--unit", "部", str(files / "004.juesuan"), str(files / "2023.juesuan")]) == 2
    assert "年度不同" in capsys.readouterr().err
    assert main(["merge", "-o", str(files / "m.juesuan"), "--unit", "部", str(files / "004.juesuan"), str(files / "yuan.juesuan")]) == 2
    assert "金额单位不同" in capsys.readouterr().err
    assert not (files / "m.juesuan").exists()
    with Workspace.open(files / "004.juesuan", read_only=True) as a, Workspace.open(files / "2023.juesuan", read_only=True) as b:
        with pytest.raises(MergeError):
            verify_merged(a, [Part(b, b.path)])


def test_workbooks_are_summed_like_workspaces_and_an_existing_target_needs_force(files, capsys):
    book = files / "004.xlsx"
    assert main(["export", str(files / "004.juesuan"), "-o", str(book)]) == 0
    target = files / "部门.juesuan"
    target.write_bytes(b"old")
    args = ["merge", "-o", str(target), "--unit", DEPT, str(files / "rest.juesuan"), str(book)]
    assert main(args) == 2 and target.read_bytes() == b"old"
    assert main([*args, "--force"]) == 0
    capsys.readouterr()
    with Workspace.open(target) as merged, Workspace.open(files / "000.juesuan") as seed:
        assert shown_figures(merged) == shown_figures(seed)
    assert main(["merge", "--verify", str(target), str(files / "rest.juesuan"), str(book)]) == 0


def test_units_tails_adding_up_past_the_tolerance_are_named_as_such(tmp_path, capsys):
    data = json.loads((Path(__file__).parent / "fixtures" / "seed-004.json").read_text(encoding="utf-8"))
    files = []
    for i in range(3):  # three units each 0.01 off in 公开01 本年支出合计 (尾差, within ±0.025)
        data["unit"]["单位名称"] = f"单位{i}"
        load(data, tmp_path / f"{i}.juesuan").close()
        files.append(str(tmp_path / f"{i}.juesuan"))
    assert main(["merge", "-o", str(tmp_path / "部门.juesuan"), "--unit", "部门", *files]) == 0
    out = capsys.readouterr().out
    assert "只是各单位尾差的累积" in out
    tail = next(line for line in out.splitlines() if line.startswith("[错误] 公开01-03"))
    assert "差额 -0.03" in tail
    listed = [line for line in out.splitlines() if line.startswith("[错误]")]
    with Workspace.open(tmp_path / "部门.juesuan") as merged:
        # Every other 错误 of the 部门 is a 空表说明 it has yet to write (notes are not copied).
        errors = [f for f in merged.findings() if f.severity == "错误"]
        others = [f for f in errors if f"[错误] {f.rule} {f.message}" not in listed]
        assert len(listed) + len(others) == len(errors)
        assert others and all("空表说明" in f.message for f in others)


def test_regional_tables_and_whole_number_rows_are_summed_and_checks_still_pass(tmp_path, capsys):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from factory import consistent_snapshot

    one = consistent_snapshot(1, with_funds=True, with_regional=True)
    two = consistent_snapshot(2, with_funds=False, with_regional=False)
    one["unit"]["单位名称"], two["unit"]["单位名称"] = "甲单位", "乙单位"
    two["unit"]["年度"] = one["unit"]["年度"]
    load(one, tmp_path / "甲.juesuan").close()
    load(two, tmp_path / "乙.juesuan").close()
    target = tmp_path / "部门.juesuan"
    assert main(["merge", "-o", str(target), "--unit", "某部门", str(tmp_path / "甲.juesuan"), str(tmp_path / "乙.juesuan")]) == 0
    capsys.readouterr()
    with Workspace.open(tmp_path / "甲.juesuan") as a, Workspace.open(tmp_path / "乙.juesuan") as b, \
            Workspace.open(target) as merged:
        assert "公开10" in merged.enabled_optional
        fa, fb, fm = shown_figures(a), shown_figures(b), shown_figures(merged)
        regional = [ref for ref in fa if ref.form == "公开10"]
        assert regional and all(fm[ref] == fa[ref] + fb.get(ref, Decimal(0)) for ref in regional)
        assert all(fm[ref] == fa.get(ref, Decimal(0)) + fb.get(ref, Decimal(0)) for ref in set(fa) | set(fb))
        # Two consistent units make a consistent 部门: no 错误 but the 空表说明 it must write itself.
        assert all("空表说明" in f.message for f in merged.findings() if f.severity == "错误")


def test_merge_needs_a_name_and_never_writes_over_an_input(files, capsys):
    unit = str(files / "004.juesuan")
    assert main(["merge", "-o", str(files / "部门.juesuan"), unit]) == 2
    assert "--unit" in capsys.readouterr().err
    before = (files / "004.juesuan").read_bytes()
    assert main(["merge", "-o", unit, "--unit", "部门", "--force", unit, str(files / "rest.juesuan")]) == 2
    assert "是要汇总的文件之一" in capsys.readouterr().err
    assert (files / "004.juesuan").read_bytes() == before
