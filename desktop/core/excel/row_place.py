"""Which fixed row a printed label names: by its name, and where one name fits several rows, by its
printed 行次, its place, or (when the rows are printed in another order) the table's own sums."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.definitions import FormDef, RowDef, SectionDef, StandIn
from desktop.core.excel.header import Segment
from desktop.core.labels import normalize_label, numbered


@dataclass
class Placed:
    """What a label names: the row, else why not; `tied`, the rows it could be when only the sums can tell;
    `stand_in`, a row other templates print for several of the form's (see merged_rows)."""

    row: RowDef | None
    why: str = ""
    tied: list[RowDef] = field(default_factory=list)
    stand_in: StandIn | None = None


def stub_row(form: FormDef, section: SectionDef | None, name: str, segment: Segment, line: str = "") -> Placed:
    """The fixed row a label names in its place.

    One label can name several rows (公开04 prints 一般公共预算财政拨款 as an income item and again under
    年初财政拨款结转和结余). A row already read on this side is not read twice. Of the rest, the printed
    行次 (`line`) picks one when this side's 行次 has agreed with the form's on every row read so far;
    else, when all of them lie below the last row read, the rows are taken to be printed in the form's
    order and the first is meant. A row of that label above the last row read and not yet read shows the
    side printed in another order: then the place says nothing, and the rows are left `tied` for the
    table's sums to choose (row_settle). The 行次 alone never names a row.
    """
    wanted = normalize_label(name)
    if not wanted:
        return Placed(None)
    found = _named(form, section, wanted)
    if not found:
        stand_in = next((s for each in ([section] if section else form.sections) for s in each.stand_ins
                         if wanted in {normalize_label(w) for w in (s.label, *s.aliases)}), None)
        return Placed(None, f"“{name}”不是{form.id}的行", stand_in=stand_in)
    number = int(line) if line.isdigit() else None
    if len(found) > 1:
        found = [(i, row) for i, row in found if i not in segment.read] or found
    by_line = [(i, row) for i, row in found if number is not None and row.line == number]
    if len(found) > 1 and len(by_line) == 1 and segment.lines_trusted:
        found = by_line
    elif len(found) > 1 and any(i < segment.place for i, _ in found):
        rows = "、".join(row.key for _, row in found)
        return Placed(None, f"“{name}”可指{form.id}的 {rows}，此表这几行的次序与{form.id}不同，按所在位置无法确定是哪一行",
                      [row for _, row in found])
    # All below the last row read: the first of them, as the form orders them.
    segment.place, row = found[0]
    segment.read.add(segment.place)
    if number is not None and row.line is not None:
        if row.line == number:
            segment.lines_agreed += 1
        else:
            segment.lines_differed += 1
    return Placed(row)


def names_a_row(form: FormDef, text: str) -> bool:
    """Whether a cell's text is a fixed row's label numbered as a body row (“八、其他收入”): a header
    cell carries no ordinal, so the body has begun, figures printed on the row or not."""
    return numbered(text) and bool(_named(form, None, normalize_label(text)))


def labels_a_row(form: FormDef, text: str) -> bool:
    """Whether a cell's text is a fixed row's label, numbered or not."""
    return bool(_named(form, None, normalize_label(text)))


def _named(form: FormDef, section: SectionDef | None, wanted: str) -> list[tuple[int, RowDef]]:
    """The fixed rows (by their order in the form, or in `section`) a label names."""
    sections = [section] if section else list(form.sections)
    order = [row for s in sections for row in s.labelled_rows if not row.spacer and not row.heading]
    names = [{normalize_label(row.label), normalize_label(row.key)} | {normalize_label(a) for a in row.aliases} for row in order]
    found = [(i, row) for i, row in enumerate(order) if wanted in names[i]]
    if not found:
        # Printed without its 收入/支出 ("一般公共服务" for 一般公共服务支出); never a total or a 结余 line.
        found = [
            (i, row) for i, row in enumerate(order)
            if not row.key.endswith(("合计", "总计", "结余")) and {wanted + "收入", wanted + "支出"} & names[i]
        ]
    return found
