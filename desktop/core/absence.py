"""What an imported workbook lacked, or printed and the import could not place, in the words the
window shows beside the form."""

from __future__ import annotations

from desktop.core.unread import Unread
from desktop.core.workspace import Workspace

TABLE_MARK, COLUMN_MARK, UNREAD_MARK = "缺表", "缺栏", "未读入"
# Of a table's unread figures, how many the banner names (the import's warnings name them all).
_NAMED = 3


def absent_columns(ws: Workspace, form_id: str) -> list[str]:
    """The printed names of the form's columns the workbook lacked, in the form's order."""
    lacking = {col for form, col in ws.absent if form == form_id and col}
    names = [c.path[-1] for s in ws.forms[form_id].sections for c in s.columns if c.key in lacking]
    return list(dict.fromkeys(names))


def absence_mark(ws: Workspace, form_id: str) -> str:
    """缺表, 缺栏, 未读入 or '' for the navigation list."""
    if (form_id, "") in ws.absent:
        return TABLE_MARK
    if absent_columns(ws, form_id):
        return COLUMN_MARK
    return UNREAD_MARK if unread_of(ws, form_id) else ""


def unread_of(ws: Workspace, form_id: str) -> list[Unread]:
    return [u for u in ws.unread if u.form == form_id]


def absence_notice(ws: Workspace, form_id: str) -> str:
    """The banner over an absent table or a table with absent columns; '' for one that is whole."""
    if (form_id, "") in ws.absent:
        return (
            "导入的工作簿中没有本表。读取本表的审核规则未核对（不当作 0 计算）；"
            "在本表填入一个数字或填写空表说明，本表即视为已有。"
        )
    names = absent_columns(ws, form_id)
    lines = []
    if names:
        listed = "、".join(f"“{n}”" for n in names)
        lines.append(
            f"导入的工作簿中本表没有{listed}栏。读取这些栏的审核规则未核对（不当作 0 计算）；"
            "在这些栏填入数字，该栏即视为已有。"
        )
    unread = unread_of(ws, form_id)
    if unread:
        figures = list(dict.fromkeys(u.said for u in unread))
        named = "、".join(figures[:_NAMED]) + ("等" if len(figures) > _NAMED else "")
        scopes = "、".join(dict.fromkeys(_scope(ws, u) for u in unread))
        lines.append(
            f"导入的工作簿中本表有 {len(figures)} 个数字未能读入（{named}），无法确定应在哪一格。"
            f"读取{scopes}的审核规则未核对；在应填的空白单元格填入该数字，或核对原表后点“已核对”，即恢复审核。"
        )
    return "\n".join(lines)


def _scope(ws: Workspace, unread: Unread) -> str:
    """The cells an unread figure may be, in the form's words: 「决算数」栏, 「一般公共预算财政拨款收入」行「金额」栏."""
    form = ws.forms[unread.form]
    column = next((c.path[-1] for s in form.sections for c in s.columns if c.key == unread.col), unread.col)
    row = ws.structure.row(unread.form, unread.row) if unread.row else None
    label = row.caption if row else unread.row
    if label and unread.col:
        return f"「{label}」行「{column}」栏"
    return f"「{column}」栏" if unread.col else f"「{label}」行" if label else "本表各栏"
