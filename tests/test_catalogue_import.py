"""A newer 科目 catalogue from the official list: read from Excel or text, checked, kept in the user's
folder, chosen by year, compared with the edition in use; and what the workspace and report say of it."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.core.catalogue import load_catalogue, load_catalogues
from desktop.core.catalogue_import import CatalogueImportError, import_catalogue
from desktop.core.review.report import build_report, report_html
from desktop.core.workspace import Workspace

SHIPPED = load_catalogues(2024)


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    folder = tmp_path / "userdata"
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(folder))
    return folder / "catalogues"


def functional_2025() -> dict[str, str]:
    """The shipped list with 2010108 dropped and 2010109 renamed, as next year's list might have it."""
    items = dict(SHIPPED["功能分类"].items)
    del items["2010108"]
    items["2010109"] = "人大信访"
    return items


def write_text(path, items, encoding="utf-8", head=("2025年政府收支分类科目", "科目编码\t科目名称")):
    path.write_text("\n".join([*head, *(f"{c}\t{n}" for c, n in items.items())]), encoding=encoding)
    return path


def test_text_list_is_kept_and_compared_with_the_edition_in_use(tmp_path, user_folder):
    source = write_text(tmp_path / "功能2025.txt", functional_2025(), encoding="gb18030")
    imported = import_catalogue(source, 2025)
    assert imported.catalogue.kind == "功能分类" and imported.catalogue.year == 2025
    assert imported.path == user_folder / "functional-2025.toml"
    assert imported.changes.renamed == [("2010109", "人大信访工作", "人大信访")]
    assert imported.changes.dropped == [("2010108", "代表工作")]
    assert imported.changes.lines() == ["改名 2010109：人大信访工作 → 人大信访", "取消 2010108 代表工作"]
    assert imported.changes.previous == "功能分类科目目录2024年版"
    # The title line begins with a year: looked like a code, so it is listed, not silently skipped.
    assert imported.unread == ["第 1 行：“2025年政府收支分类科目”中没有 3、5 或 7 位的科目代码，未读入"]
    # Full-width brackets in names stay as the list prints them.
    assert imported.catalogue.name("20103") == SHIPPED["功能分类"].name("20103")
    assert "（" in imported.catalogue.name("20103")


def test_edition_by_year_with_the_users_edition(tmp_path, user_folder):
    import_catalogue(write_text(tmp_path / "f.txt", functional_2025()), 2025)
    for year, edition in ((2024, "2024年版"), (2025, "2025年版（导入）"), (2026, "2025年版（导入）")):
        assert load_catalogues(year)["功能分类"].edition == edition
    assert "2010108" in load_catalogues(2024)["功能分类"]
    assert "2010108" not in load_catalogues(2025)["功能分类"]
    assert load_catalogues(2025)["经济分类"].edition == "2024年版"  # only the kind imported changes
    # A user edition of the shipped year stands before the shipped one.
    import_catalogue(write_text(tmp_path / "g.txt", functional_2025()), 2024)
    assert load_catalogues(2024)["功能分类"].edition == "2024年版（导入）"


def test_workbook_with_a_code_column_split_columns_and_code_in_the_name_cell(tmp_path, user_folder):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "经济分类"
    sheet.append(["2025年部门预算支出经济分类科目"])
    sheet.append(["科目编码", "科目名称", "说明"])
    items = dict(SHIPPED["经济分类"].items)
    codes = list(items)
    for i, code in enumerate(codes):
        if i % 4 == 0:
            sheet.append([int(code), items[code], "说明文字"])  # a number cell, as Excel keeps codes
        elif i % 4 == 1 and len(code) == 5:
            sheet.append([code[:3], code[3:], items[code]])  # 类 and 款 in cells of their own
        elif i % 4 == 2:
            sheet.append([i, code, items[code]])  # after a 序号 column
        else:
            sheet.append([f"{code} {items[code]}"])
    sheet.append(["①", "注：本表据财政部文件整理"])
    path = tmp_path / "经济2025.xlsx"
    book.save(path)
    imported = import_catalogue(path, 2025)
    assert imported.catalogue.kind == "经济分类"
    assert imported.catalogue.items == items
    assert imported.changes.lines() == [] and imported.changes.added == []
    # The title begins with a year and is listed; “①” is no digit a code is made of: the note is passed over.
    assert imported.unread == ["“经济分类”工作表 A1：“2025年部门预算支出经济分类科目”中没有 3、5 或 7 位的科目代码，未读入"]


@pytest.mark.parametrize("content, message", [
    ("科目编码\t科目名称\n说明：本表无内容\n", "中没有可识别的科目代码"),
    ("201\t一般公共服务支出\n20101\t人大事务\n20101\t人大事务（重）\n", "科目代码 20101 重复出现（第 2 行“人大事务”，第 3 行“人大事务（重）”）"),
    ("201\t一般公共服务支出\n2010101\t行政运行\n", "第 2 行：科目 2010101 行政运行 所属的款 20101 不在文件中"),
    ("201\t一般公共服务支出\n301\t工资福利支出\n", "第 2 行：科目代码 301 不是功能分类的代码"),
    ("201\t一般公共服务支出\n20101\n", "第 2 行：科目 20101 没有名称"),
    ("501\t机关工资福利支出\n", "第 1 行：科目代码 501 不是功能分类（2 开头）或经济分类（3 开头）的代码"),
])
def test_bad_text_lists_are_refused_naming_file_and_line(tmp_path, user_folder, content, message):
    source = tmp_path / "目录.txt"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueImportError) as caught:
        import_catalogue(source, 2025)
    assert message in str(caught.value)
    assert "目录.txt" in str(caught.value)
    assert not user_folder.exists() or not list(user_folder.iterdir())  # nothing kept


def test_the_kind_given_is_held_to(tmp_path, user_folder):
    source = write_text(tmp_path / "f.txt", {"201": "一般公共服务支出"}, head=())
    with pytest.raises(CatalogueImportError, match="第 1 行：科目代码 201 不是经济分类的代码"):
        import_catalogue(source, 2025, "经济分类")


def test_malformed_workbook_and_binary_text_are_refused(tmp_path, user_folder):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CatalogueImportError, match="坏.xlsx.*已损坏"):
        import_catalogue(broken, 2025)
    old = tmp_path / "旧.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CatalogueImportError, match="另存为 .xlsx"):
        import_catalogue(old, 2025)
    binary = tmp_path / "乱码.txt"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(CatalogueImportError, match="乱码.txt.*不是文本文件"):
        import_catalogue(binary, 2025)
    with pytest.raises(CatalogueImportError, match="找不到文件"):
        import_catalogue(tmp_path / "没有.txt", 2025)


def test_workbook_cells_are_named_in_a_refusal(tmp_path, user_folder):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "功能"
    sheet.append(["201", "一般公共服务支出"])
    sheet.append(["201", "一般公共服务"])
    path = tmp_path / "dup.xlsx"
    book.save(path)
    with pytest.raises(CatalogueImportError, match="“功能”工作表 A1“一般公共服务支出”，“功能”工作表 A2"):
        import_catalogue(path, 2025)


# -- what a workspace says about its catalogue ----------------------------------------------


def _rules(ws):
    return {f.rule: f for f in ws.findings()}


def test_older_edition_is_one_hint_and_a_dropped_code_in_use_a_warning_naming_the_row(tmp_path, user_folder):
    path = tmp_path / "w.juesuan"
    with Workspace.create(path, {"单位名称": "测试局", "年度": "2025"}) as ws:
        ws.add_row("公开02", "2010108")
        ws.add_row("公开02", "2080101")
        hint = _rules(ws)["科目目录-01"]
        assert hint.severity == "提示" and hint.form == "单位信息"
        assert "功能分类科目目录是2024年版" in hint.message and "经济分类科目目录是2024年版" in hint.message
        assert "公开02-科目" not in _rules(ws)
        import_catalogue(write_text(tmp_path / "f.txt", functional_2025()), 2025)
        result = ws.reload_catalogues()
        assert result.structure
        rules = _rules(ws)
        assert "功能分类" not in rules["科目目录-01"].message  # the 经济分类 edition is still older
        dropped = rules["公开02-科目"]
        assert dropped.severity == "警告" and dropped.key == "公开02-科目:2010108:"
        assert dropped.message.startswith("公开02「2010108 代表工作」行：科目 2010108 不在功能分类科目目录2025年版（导入）中")
        assert sum(1 for f in ws.findings() if f.rule == "公开02-科目") == 1  # 2080101 is still there
        assert ws.reload_catalogues().structure is False
    with Workspace.open(path) as ws:  # the next opening takes the imported edition up by itself
        assert "公开02-科目" in _rules(ws)


def test_a_2024_workspace_has_no_edition_hint(tables_only_ws):
    assert "科目目录-01" not in _rules(tables_only_ws)


def test_report_header_names_code_region_and_edition(tables_only_ws):
    html = report_html(build_report(tables_only_ws))
    assert "<th width=\"12%\">单位代码</th><td width=\"38%\">未填</td>" in html
    assert "<th width=\"12%\">科目目录</th><td width=\"38%\">2024年版</td>" in html
    tables_only_ws.set_unit("单位代码", "91350100M000100Y43")
    tables_only_ws.set_unit("财政区划", "610802 榆林市榆阳区")
    html = report_html(build_report(tables_only_ws))
    assert "<td width=\"38%\">91350100M000100Y43</td>" in html
    assert "<td width=\"38%\">610802 榆林市榆阳区</td>" in html


def test_a_kept_edition_lists_one_code_and_name_a_line_and_reads_back_whole(tmp_path, user_folder):
    """The file the import keeps reads as the official list prints it, a name wrapped in its Excel
    cell comes back on one line, and the older table form of a file still reads the same."""
    items = functional_2025()
    items["2010101"] = "行政\n运行"
    source = tmp_path / "功能2025.xlsx"
    book = openpyxl.Workbook()
    for code, name in items.items():
        book.active.append([code, name])
    book.save(source)
    imported = import_catalogue(source, 2025)
    kept = (user_folder / "functional-2025.toml").read_text(encoding="utf-8")
    assert "2010101 行政 运行\n" in kept and "2010109 人大信访\n" in kept
    assert load_catalogues(2025)["功能分类"].items == {**items, "2010101": "行政 运行"} == imported.catalogue.items
    table_form = user_folder / "functional-2026.toml"
    table_form.write_text('kind = "功能分类"\nyear = 2026\ntitle = "t"\n[items]\n"201" = "一般公共服务支出"\n',
                          encoding="utf-8")
    assert load_catalogues(2026)["功能分类"].items == {"201": "一般公共服务支出"}


def test_a_damaged_list_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "functional-2030.toml"
    path.write_text("kind = \"功能分类\"\nyear = 2030\ntitle = \"t\"\nitems = '''\n201 一般公共服务支出\n20101\n'''\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="functional-2030.toml 的 items 第 2 行“20101”"):
        load_catalogue(path)
