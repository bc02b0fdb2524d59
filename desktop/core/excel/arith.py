"""A table's own arithmetic as a witness: under which of a few close readings of a block do its
totals and subtotals hold? And the sums between tables, for a table with no title read as a form the
workbook has no other copy of. The sums are the form's own checks (forms/*.toml), bound and evaluated
by the check engine's code, with its rounding tolerance: one source of truth for what balances."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from desktop.core.catalogue import load_catalogues
from desktop.core.checks.evaluation import Evaluation
from desktop.core.checks.instances import Instance, compute_rules, instantiate
from desktop.core.definitions import CellRef, FormDef, FormSet
from desktop.core.money import CENT
from desktop.core.structure import CodedRow, Structure
from desktop.core.values import CellValues


class _NothingUnfilled:
    """A trial reading has no unfilled tables to wait for: a sum that fails, fails."""

    @staticmethod
    def among(_inst) -> list[str]:
        return []


class _Trial(Evaluation):
    """The engine's evaluation of one check instance over one trial reading's figures."""

    def __init__(self, structure: Structure, cells: dict[CellRef, Decimal], rules: dict | None = None):
        self.structure = structure
        self.values = CellValues(cells, rules or {})
        self.exact = False  # figures are judged in 万元 to the cent (see in_wan): a 尾差 holds
        self.unknown: set[CellRef] = set()
        self.explanations: dict[str, str] = {}
        self.unfilled = _NothingUnfilled()
        self._bind_wording()


def balances(
    form: FormDef, cells: dict[CellRef, Decimal], rows: dict[str, str], witnesses: set[CellRef], year: str,
    trees: bool = False,
) -> bool | None:
    """Whether a block read on trial balances where the `witnesses` (the cells whose reading is in
    question) take part: True when every sum of the form that reads them holds (a 尾差 holds) and one
    such sum has a figure other than 0 among them; False when one fails; None when no sum speaks (all
    blank or zero, or no sum reads them). `rows` are the 科目 read (code → name), `year` picks the catalogue;
    `trees` adds each 科目's sum of the 科目 under it, for a reading in question of which row a figure is on."""
    catalogues = load_catalogues(int(year) if year.isdigit() else 9999)
    coded = [CodedRow(form.id, code, name) for code, name in rows.items()]
    structure = Structure(FormSet({form.id: form}), catalogues, coded, {form.id})
    trial = _Trial(structure, {ref: v for ref, v in cells.items() if ref.form == form.id})
    spoke = False
    for inst in _own_sums(structure, form, trees):
        if inst.reads.isdisjoint(witnesses) or not _both_sides(trial, inst):
            continue
        finding = trial._equation(inst)
        if finding is not None and not finding.rounding:
            return False
        spoke = spoke or any(trial.values.get(ref) for ref in inst.reads & witnesses)
    return True if spoke else None


def disagreement(
    forms: FormSet, form: FormDef, cells: dict[CellRef, Decimal], rows: dict[str, dict[str, str]], year: str,
    printed: dict[str, set[tuple[str, str]]], blank: set[CellRef], unknown=lambda ref: False,
) -> str | None:
    """The first sum between a table read on trial as `form` and the tables read already that fails beyond
    rounding (公开04's 一般公共预算财政拨款 by 类 against a 公开05), by its title; None when every such sum
    holds or none speaks. `cells` are every table's figures in 万元 (see in_wan), `rows` their 科目 by form;
    a cell left blank on a row a table read prints (a figure on it, or `blank`: printed with none), in a column
    it prints (`printed`: form → (section, column)), is its 0: a row on a page not read yet is nothing. A sum
    reading a cell `unknown` says (a figure left unread, or one a merged row waits to give) is not compared."""
    catalogues = load_catalogues(int(year) if year.isdigit() else 9999)
    present = {ref.form for ref in cells} | {form.id}
    coded = [CodedRow(f, code, name) for f, by_code in rows.items() if f in present for code, name in by_code.items()]
    structure = Structure(FormSet({f.id: f for f in forms if f.id in present}), catalogues, coded, present)
    lines = {(ref.form, ref.row) for ref in (*cells, *blank)}
    zeros = {ref: Decimal(0) for f in present - {form.id} for ref in structure.value_cells(f) if ref not in cells
             and (f, ref.row) in lines and (getattr(structure.section(f, ref.row), "key", None), ref.col) in printed.get(f, ())}
    cells = {**zeros, **cells}
    instances = instantiate(structure)
    # A total the table leaves to compute across its columns (公开05's 小计 of a table printing 项目支出 alone) is what
    # 公开04 is compared with; one over its rows, or another table's, from the rows of a page read so far, would be
    # part of one.
    rules = {ref: parts for ref, parts in compute_rules(instances).items()
             if ref.form == form.id and all(part.row == ref.row for part in parts)}
    trial = _Trial(structure, cells, rules)
    for inst in instances:
        touched = {ref.form for ref in inst.reads}
        if inst.check.kind != "equation" or inst.check.op != "=" or form.id not in touched or len(touched) < 2:
            continue
        if any(unknown(ref) for ref in inst.reads):
            continue
        if _both_sides(trial, inst) and (finding := trial._equation(inst)) is not None and not finding.rounding:
            return inst.check.title
    return None


def in_wan(cells: dict[CellRef, Decimal], counts: set[CellRef], money: str | None) -> dict[CellRef, Decimal]:
    """A table's figures as they will be judged: one in 元 in 万元 to the cent, since a 元 table copied
    from one in 万元 carries its 尾差 as 100 元, which is a 尾差 all the same."""
    if money != "元":
        return cells
    return {ref: v if ref in counts else (v / 10000).quantize(CENT, rounding=ROUND_HALF_UP) for ref, v in cells.items()}


def _own_sums(structure: Structure, form: FormDef, trees: bool) -> list[Instance]:
    """The form's equations within the table (a 合计 and its parts; 年初 + 收入 − 支出 = 年末). A
    column's own 类/款/项 tree is left out unless asked for: it holds whichever column the figures are
    read into, so it says nothing of how columns are named, only of which row a figure is on."""
    return [
        inst for inst in instantiate(structure)
        if (inst.check.kind == "equation" and inst.check.op == "=" or trees and inst.check.kind == "tree")
        and all(ref.form == form.id for ref in inst.reads)
    ]


def _both_sides(trial: _Trial, inst: Instance) -> bool:
    """A sum with a side wholly blank says nothing of how its columns are named (a total left to compute)."""
    shown = trial.values.shown
    return any(shown[ref] is not None for _, ref in inst.lhs) and any(shown[ref] is not None for _, ref in inst.rhs)
