"""The form files and catalogues: loaded, consistent, and laid out like the printed forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.catalogue import load_catalogues
from desktop.core.definitions.layout import printed_grid
from desktop.core.definitions.loader import FormDefinitionError, load_forms

SAMPLE_NAMES = json.loads(
    (Path(__file__).resolve().parents[1] / "resources" / "sample" / "sample-2024.json").read_text("utf-8")
)


def test_every_form_loads_in_print_order(forms):
    ids = [f.id for f in forms]
    assert ids == [f"公开{n:02d}" for n in range(1, 11)] + ["年初预算", "上年决算"]
    assert [f.id for f in forms.published] == ids[:-2]
    assert forms["公开10"].optional


def test_catalogues_carry_their_year_and_every_seed_code():
    catalogues = load_catalogues(2024)
    functional, economic = catalogues["功能分类"], catalogues["经济分类"]
    assert (functional.year, economic.year) == (2024, 2024)
    classes = [c for c in functional.items if len(c) == 3]
    assert len(classes) == 26
    for form, rows in SAMPLE_NAMES["rows"].items():
        for code, name in rows:
            assert functional.name(code) == name, (form, code)
    for code in ("2010101", "2010102", "2010103", "2010350", "2080501", "2080505", "2080506",
                 "2101101", "2101102", "2101103", "2210201", "2210202", "2210203"):
        assert code in functional
    for code, name in {"30212": "因公出国（境）费用", "30231": "公务用车运行维护费", "399": "其他支出"}.items():
        assert economic.name(code) == name
    for code in functional.items:
        if len(code) > 3:
            assert code[: len(code) - 2] in functional, code


def test_next_years_catalogue_sits_beside_this_one(tmp_path):
    (tmp_path / "f2024.toml").write_text('kind = "功能分类"\nyear = 2024\ntitle = "a"\n[items]\n"201" = "旧"\n', "utf-8")
    (tmp_path / "f2025.toml").write_text('kind = "功能分类"\nyear = 2025\ntitle = "b"\n[items]\n"201" = "新"\n', "utf-8")
    assert load_catalogues(2024, tmp_path)["功能分类"].name("201") == "旧"
    assert load_catalogues(2025, tmp_path)["功能分类"].name("201") == "新"
    assert load_catalogues(2026, tmp_path)["功能分类"].name("201") == "新"


def test_a_rule_naming_a_missing_column_is_refused(tmp_path):
    (tmp_path / "x.toml").write_text(
        'id = "X"\ntitle = "x"\norder = 1\n[[sections]]\ncolumns = [{ key = "甲" }]\n'
        'rows = [{ label = "一" }]\n[[checks]]\nid = "X-1"\ntitle = "t"\nrule = "[一, 乙] = [一, 甲]"\n',
        "utf-8",
    )
    with pytest.raises(FormDefinitionError, match="没有“乙”列"):
        load_forms(tmp_path)


def _grid(ws, form_id):
    return printed_grid(ws.forms[form_id], ws.rows(form_id), ws.money_unit)


@pytest.mark.parametrize("form_id", [f"公开{n:02d}" for n in range(1, 10)] + ["年初预算"])
def test_printed_grid_places_every_cell_once(sample_ws, form_id):
    grid = _grid(sample_ws, form_id)
    taken = set()
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in taken, (form_id, r, c)
                assert 0 <= r < grid.n_rows and 0 <= c < grid.n_cols
                taken.add((r, c))
    refs = [c.ref for c in grid.value_cells()]
    assert len(refs) == len(set(refs))
    assert set(refs) == set(sample_ws.structure.value_cells(form_id))


def test_gongkai01_is_printed_side_by_side_with_line_numbers(sample_ws):
    grid = _grid(sample_ws, "公开01")
    at = grid.at()
    assert grid.header_rows == 3
    assert (at[(0, 0)].text, at[(0, 0)].colspan) == ("收入", 3)
    assert (at[(0, 3)].text, at[(0, 3)].colspan) == ("支出", 3)
    assert [at[(1, c)].text for c in range(6)] == ["项目", "行次", "决算数", "项目", "行次", "决算数"]
    assert at[(2, 0)].text == "栏次" and at[(2, 2)].text == "1" and at[(2, 5)].text == "2"
    first = grid.header_rows
    assert at[(first, 0)].text == "一、一般公共预算财政拨款收入" and at[(first, 1)].text == "1"
    assert at[(first, 3)].text == "一、一般公共服务支出" and at[(first, 4)].text == "31"
    last = grid.n_rows - 1
    assert [at[(last, c)].text for c in (0, 1, 3, 4)] == ["总计", "30", "总计", "60"]
    assert at[(first + 8, 1)].text == "9" and at[(first + 8, 2)].ref is None  # padding line


def test_gongkai04_line_numbers_follow_the_template(sample_ws):
    grid = _grid(sample_ws, "公开04")
    at = grid.at()
    last = grid.n_rows - 1
    assert at[(last, 1)].text == "32" and at[(last, 4)].text == "64"
    assert [at[(1, c)].text for c in range(3, 9)][:3] == ["项目", "行次", "合计"]


def test_gongkai05_header_merges_like_the_print(sample_ws):
    at = _grid(sample_ws, "公开05").at()
    assert (at[(0, 0)].text, at[(0, 0)].colspan) == ("项目", 2)
    assert (at[(0, 2)].text, at[(0, 2)].colspan) == ("本年支出", 3)
    assert [at[(1, c)].text for c in range(5)] == ["科目代码", "科目名称", "小计", "基本支出", "项目支出"]
    assert (at[(3, 0)].text, at[(3, 0)].colspan) == ("合计", 2)


def test_gongkai06_flows_into_three_groups_with_footer(sample_ws):
    grid = _grid(sample_ws, "公开06")
    at = grid.at()
    assert grid.n_cols == 9
    assert [at[(0, c)].text for c in range(3)] == ["科目代码", "科目名称", "决算数"]
    assert (at[(1, 0)].text, at[(1, 3)].text, at[(1, 6)].text) == ("301", "302", "307")
    last = grid.n_rows - 1
    assert at[(last, 0)].text == "人员经费合计" and at[(last, 3)].text == "公用经费合计"
    assert at[(last, 2)].ref.row == "人员经费合计"


def test_gongkai09_three_level_header(sample_ws):
    at = _grid(sample_ws, "公开09").at()
    assert (at[(0, 0)].text, at[(0, 0)].rowspan) == ("项目", 3)
    assert (at[(0, 1)].text, at[(0, 1)].colspan) == ("财政拨款“三公”经费", 6)
    assert (at[(1, 3)].text, at[(1, 3)].colspan) == ("公务用车购置及运行维护费", 3)
    assert [at[(2, c)].text for c in (3, 4, 5)] == ["小计", "公务用车购置费", "公务用车运行维护费"]
    assert (at[(0, 7)].text, at[(0, 7)].rowspan) == ("会议费", 3)


def test_a_source_must_name_an_existing_cell(tmp_path):
    import shutil

    from desktop import paths
    from desktop.core.definitions.loader import FormDefinitionError

    for form in paths.forms_dir().glob("*.toml"):
        shutil.copy(form, tmp_path / form.name)
    broken = tmp_path / "上年决算.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("公开09[决算数, 会议费]", "公开09[决算数, 宴请费]"),
        encoding="utf-8",
    )
    with pytest.raises(FormDefinitionError, match="会议费.*宴请费"):
        load_forms(tmp_path)
