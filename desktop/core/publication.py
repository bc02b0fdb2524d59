"""Facts every published output (workbook, 公开文件) prints alike: the 公开主体 word, whether a table is empty."""

from __future__ import annotations


def subject(ws) -> str:
    """“部门” or “单位”, as the unit's 公开主体 says (编制部门/编制单位, 本部门/本单位)."""
    return ws.unit.get("公开主体") or "单位"


def form_is_empty(ws, form_id: str) -> bool:
    """No figure anywhere in the form: it is published empty, with its 空表说明."""
    return all(not ws.values.get(ref) for ref in ws.structure.value_cells(form_id))
