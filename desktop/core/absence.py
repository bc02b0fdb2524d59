"""What an imported workbook lacked, in the words the window shows beside the form."""

from __future__ import annotations

from desktop.core.workspace import Workspace

TABLE_MARK, COLUMN_MARK = "缺表", "缺栏"


def absent_columns(ws: Workspace, form_id: str) -> list[str]:
    """The printed names of the form's columns the workbook lacked, in the form's order."""
    lacking = {col for form, col in ws.absent if form == form_id and col}
    names = [c.path[-1] for s in ws.forms[form_id].sections for c in s.columns if c.key in lacking]
    return list(dict.fromkeys(names))


def absence_mark(ws: Workspace, form_id: str) -> str:
    """缺表, 缺栏 or '' for the navigation list."""
    if (form_id, "") in ws.absent:
        return TABLE_MARK
    return COLUMN_MARK if absent_columns(ws, form_id) else ""


def absence_notice(ws: Workspace, form_id: str) -> str:
    """The banner over an absent table or a table with absent columns; '' for one that is whole."""
    if (form_id, "") in ws.absent:
        return (
            "导入的工作簿中没有本表。读取本表的审核规则未核对（不当作 0 计算）；"
            "在本表填入一个数字或填写空表说明，本表即视为已有。"
        )
    names = absent_columns(ws, form_id)
    if names:
        listed = "、".join(f"“{n}”" for n in names)
        return (
            f"导入的工作簿中本表没有{listed}栏。读取这些栏的审核规则未核对（不当作 0 计算）；"
            "在这些栏填入数字，该栏即视为已有。"
        )
    return ""
