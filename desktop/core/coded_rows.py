"""科目 rows on the coded forms: which rows adding a 科目 takes, and what removing them took away."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from desktop.core.catalogue import Catalogue, ancestors, is_code
from desktop.core.changes import EditError
from desktop.core.definitions import CellRef, FormDef
from desktop.core.structure import CodedRow, Structure


class RemovedRows(NamedTuple):
    """What remove_row took off a form: its 科目 rows (code, name) and their typed figures."""

    form: str
    rows: list[tuple[str, str]]
    figures: list[tuple[CellRef, Decimal]]

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.rows]


def rows_to_add(form: FormDef, catalogues: dict[str, Catalogue], structure: Structure,
                entries: list[tuple[str, str | None]]) -> list[CodedRow]:
    """The rows putting these 科目 on a coded form takes: each with its 款 and 类 not there yet, named
    from the catalogue; a code it lacks needs a name, and its 款 and 类 must be there or known."""
    form_id = form.id
    section = next((s for s in form.sections if s.catalogue), None)
    if section is None:
        raise EditError(f"{form_id} 的行是固定的，不能增加科目")
    catalogue = catalogues.get(section.catalogue)
    present = {r.code for r in structure.value_rows(form_id) if r.code}
    added: list[CodedRow] = []
    for code, name in entries:
        if not is_code(code):
            raise EditError(f"科目代码“{code}”应为 3 位（类）、5 位（款）或 7 位（项）数字")
        for each in ancestors(code) + [code]:
            if each in present:
                continue
            known = catalogue.name(each) if catalogue else None
            if known is None and each != code:
                level = {3: "类", 5: "款"}.get(len(each), "")
                raise EditError(
                    f"{form_id}：科目 {code} 所属的{level}“{each}”不在"
                    f"{catalogue.year if catalogue else ''}年{section.catalogue}科目表中。"
                    f"请先增加科目 {each} 并写明它的名称（窗口：在表上方输入“{each}”和名称；"
                    f"命令行：set … {each} … --name 名称），再增加 {code}"
                )
            if known is None and not name:
                raise EditError(
                    f"{form_id}：科目代码 {code} 不在{catalogue.year if catalogue else ''}年"
                    f"{section.catalogue}科目表中；如确需使用，请同时填写科目名称"
                )
            added.append(CodedRow(form_id, each, known or name, custom=known is None))
            present.add(each)
    return added
