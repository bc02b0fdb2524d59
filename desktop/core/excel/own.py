"""Reading back a workbook this program exported: the grid positions are known, cell for cell."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.catalogue import ancestors, load_catalogues
from desktop.core.checks.bound import bound_rules
from desktop.core.definitions import CellRef, FormSet
from desktop.core.definitions.layout import printed_grid
from desktop.core.excel.cells import as_printed
from desktop.core.excel.meta import MAX_ROW, Meta, Untrusted
from desktop.core.excel.reading import NeedsLayout, Warning_, address, figure_of, text_of
from desktop.core.money import AmountError, parse_amount
from desktop.core.structure import CodedRow, Structure
from desktop.core.values import CellValues
from desktop.core.workspace import UNIT_DEFAULTS
from desktop.core.snapshot import Snapshot


def read_own(book, meta: Meta, forms: FormSet) -> tuple[Snapshot, list[Warning_]]:
    """A snapshot of the exported workspace, with any figure changed in Excel since export.

    A cell listed as typed comes back typed. A computed total comes back computed unless
    its figure was changed in Excel, in which case it becomes typed (with a warning, since
    it now overrides the sum). A figure put in a blank, non-computed cell is typed.
    """
    unit = {**UNIT_DEFAULTS, **meta.unit}
    year = int(unit["年度"]) if unit["年度"] else 9999  # read_meta let only four ASCII digits through
    enabled = {f.strip() for f in unit.get("选填表", "").split(",") if f.strip()}
    coded = [CodedRow(form, code, name, custom) for form, code, name, custom in meta.rows]
    catalogues = load_catalogues(year)
    _check_rows(meta, forms, catalogues)
    structure, rules = bound_rules(forms, catalogues, coded, enabled)
    values_of_hidden = _checked_cells(meta, structure)
    typed_refs = set(meta.typed)
    warnings: list[Warning_] = []
    found: dict[CellRef, tuple] = {}  # ref → (value, sheet, address)
    relaid: dict[CellRef, Decimal] = {}
    for form in structure.active:
        if form.id not in meta.sheets:
            continue
        name, top = meta.sheets[form.id]
        if name not in book.sheetnames:
            warnings.append(Warning_(name, "", f"工作表已被删除，{form.id} 的数字未导入"))
            continue
        sheet = book[name]
        grid = printed_grid(form, structure.rows.get(form.id, []), unit.get("金额单位") or "万元")
        if top + grid.n_rows - 1 > MAX_ROW:
            raise Untrusted(meta.origin[("sheet", form.id)], f"{form.id} 的表格从第 {top} 行起，超出了工作表的最后一行")
        moved = _first_moved_stub(sheet, grid, top)
        if moved is not None and not hasattr(sheet, "merged_cells"):
            raise NeedsLayout(name)  # read for values alone: reading it by its headers needs the merges
        if moved is not None:
            # Rows or columns were inserted or deleted in Excel: positions no longer hold, so the
            # sheet is read like any other workbook, by header and row name.
            warnings.append(Warning_(name, moved, "表格版式在 Excel 中被改动，按表头和行名称读取本表"))
            from desktop.core.excel.foreign import read_foreign  # loaded only for a re-laid-out table

            snapshot, more = read_foreign(_OneSheet(sheet), forms, structure)
            warnings += more
            relaid.update({ref: value for ref, value in snapshot.cells.items() if ref.form == form.id})
            continue
        for cell in grid.value_cells():
            r, c = top + cell.row, cell.col + 1
            raw = sheet.cell(r, c).value
            decimals = cell.source.decimals if cell.source else 2
            try:
                found[cell.ref] = (figure_of(raw, decimals, name, address(r, c)), name, address(r, c))
            except AmountError as exc:
                warnings.append(Warning_(name, address(r, c), f"{exc}，未导入"))
    typed = {ref: v for ref, (v, _, _) in found.items() if ref in typed_refs and v is not None}
    typed.update(values_of_hidden)
    typed.update(relaid)
    values = CellValues(dict(typed), rules)
    for ref, (value, sheet_name, where) in found.items():
        if ref in typed_refs or value is None:
            continue
        if ref in rules:
            if values.get(ref) != value:
                typed[ref] = value
                warnings.append(Warning_(
                    sheet_name, where,
                    f"自动计算的合计在 Excel 中被改为 {value}（分项之和为 {values.get(ref)}），按手工填写导入",
                ))
        else:
            typed[ref] = value
    snapshot = Snapshot(
        unit=unit, rows=[(row.form, row.code, row.name) for row in sorted(coded, key=lambda r: (r.form, r.code))],
        cells=dict(sorted(typed.items())), empty_notes=dict(meta.notes), explanations=dict(meta.explanations),
        texts=dict(meta.texts), absent=set(meta.absent),
    )
    return snapshot, warnings


def _check_rows(meta: Meta, forms: FormSet, catalogues) -> None:
    """Every 科目 row can be put back: on a coded form, under 类 and 款 that are there, named if not catalogued."""
    present = {(form, code) for form, code, _, _ in meta.rows}
    for form, code, name, _ in meta.rows:
        section = next((s for s in forms[form].sections if s.catalogue), None)
        if section is None:
            raise Untrusted(meta.origin[(form, code)], f"{form} 的行是固定的，不能有科目 {code}")
        catalogue = catalogues.get(section.catalogue)
        known = catalogue.name if catalogue else (lambda _: None)
        missing = [each for each in ancestors(code) if (form, each) not in present and known(each) is None]
        if missing:
            raise Untrusted(meta.origin[(form, code)], f"{form} 科目 {code} 的上级科目 {missing[0]} 既不在科目表中也不在工作簿中")
        if known(code) is None and not name.strip():
            raise Untrusted(meta.origin[(form, code)], f"{form} 科目 {code} 不在科目表中，又没有名称")


def _checked_cells(meta: Meta, structure: Structure) -> dict[CellRef, Decimal]:
    """The typed marks and hidden figures, each on a cell that exists; the figures read."""
    for ref in [*meta.typed, *meta.values]:
        if not structure.is_cell(ref):
            raise Untrusted(meta.origin[ref], f"{ref.form} 没有“{ref.row[:20]}”行“{ref.col[:20]}”栏这个可填单元格")
    values: dict[CellRef, Decimal] = {}
    for ref, text in meta.values.items():
        try:
            values[ref] = parse_amount(text, decimals=structure.row(ref.form, ref.row).decimals)
        except AmountError as exc:
            raise Untrusted(meta.origin[ref], str(exc)) from exc
        if values[ref] is None:
            del values[ref]
    return values


class _OneSheet:
    """A workbook of one sheet, for reading a re-laid-out sheet by its headers."""

    def __init__(self, sheet):
        self.worksheets = [sheet]


def _first_moved_stub(sheet, grid, top: int) -> str | None:
    """The first stub or header cell whose text is not where the export put it, or None."""
    for cell in grid.cells:
        if cell.ref is not None or not cell.text:
            continue
        r, c = top + cell.row, cell.col + 1
        if text_of(sheet.cell(r, c).value) != as_printed(cell.text).strip():
            return address(r, c)
    return None
