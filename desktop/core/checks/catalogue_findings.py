"""What the 科目 catalogue in use says about a workspace: an edition older than its 年度 (once), and
科目 the edition lacks that the workspace still uses (one a row)."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.catalogue import Catalogue, is_code
from desktop.core.checks.findings import Finding
from desktop.core.definitions import CellRef

EDITION_RULE = "科目目录-01"
# The page that names the edition in use; the edition finding belongs to it, not to a table.
EDITION_FORM = "单位信息"


def catalogue_findings(
    structure, catalogues: dict[str, Catalogue], year: int, typed: dict[CellRef, Decimal],
) -> list[Finding]:
    found = _edition(catalogues, year)
    return ([found] if found else []) + _unknown_codes(structure, typed)


def _edition(catalogues: dict[str, Catalogue], year: int) -> Finding | None:
    older = [c for c in catalogues.values() if year and c.year < year]
    if not older:
        return None
    return Finding(
        key=f"{EDITION_RULE}::", rule=EDITION_RULE, title="科目目录早于年度", severity="提示", form=EDITION_FORM,
        message=(
            f"{year}年度的工作区使用的{'、'.join(f'{c.kind}科目目录是{c.edition}' for c in older)}，早于本年度。"
            f"如已有{year}年政府收支分类科目，请用“文件 → 导入科目目录…”"
            f"（命令行：juesuan catalogue import 文件 --year {year}）载入，此后{year}年度的工作区都使用它。"
        ),
        cells=(),
    )


def _unknown_codes(structure, typed: dict[CellRef, Decimal]) -> list[Finding]:
    """科目 taken from an earlier edition that the one in use renumbered or dropped."""
    out = []
    for form in structure.active:
        section = next((s for s in form.sections if s.catalogue), None)
        catalogue = structure.catalogues.get(section.catalogue) if section else None
        if catalogue is None:
            continue
        coded = [r for r in structure.value_rows(form.id) if r.code and structure.section(form.id, r.key) is section]
        rows = {r.code: r.label for r in coded if not r.custom}
        if section.all_catalogue_rows:
            # A form that prints the whole catalogue drops the row with it: its figure is not shown.
            shown = {r.key for r in structure.value_rows(form.id)}
            rows |= {ref.row: "" for ref in typed if ref.form == form.id and is_code(ref.row) and ref.row not in shown}
        for code in sorted(c for c in rows if c not in catalogue):
            name = rows[code]
            label = f"{code} {name}".strip()
            shown = "" if name else "，本表已不再显示这一行的数字"
            out.append(Finding(
                key=f"{form.id}-科目:{code}:", rule=f"{form.id}-科目", title="科目不在科目目录中", severity="警告",
                form=form.id,
                message=(
                    f"{form.id}「{label}」行：科目 {code} 不在{catalogue.kind}科目目录{catalogue.edition}中，"
                    f"新版已取消或改用其他代码{shown}。"
                    "请删除这一行，按新版科目重新填写。"
                ),
                cells=(),
            ))
    return out
