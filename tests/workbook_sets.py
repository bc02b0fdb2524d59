"""A workbook holding two units' or two years' complete sets of tables, for the tests of choosing one."""

from __future__ import annotations

import openpyxl


def _table(title, head, unit, year, k):
    return [[title], [f"编制单位：{unit}", f"{year}年度", "金额单位：万元"], ["科目代码", "科目名称", *head],
            [None, "合计", 3 * k, k, 2 * k], ["208", "社会保障和就业支出", 3 * k, k, 2 * k]]


def two_sets(path, owners=(("甲局", 2024), ("乙中心", 2024))):
    """Each owner's 公开02 and 公开03 on sheets of its own; owner i's figures are i times the first's."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for k, (unit, year) in enumerate(owners, 1):
        for name, title, head in (
            ("收入", "收入决算表", ["本年收入合计", "财政拨款收入", "事业收入"]),
            ("支出", "支出决算表", ["本年支出合计", "基本支出", "项目支出"]),
        ):
            sheet = book.create_sheet(f"{unit}{year}{name}")
            for row in _table(title, head, unit, year, k):
                sheet.append(row)
    book.save(path)
    return path
