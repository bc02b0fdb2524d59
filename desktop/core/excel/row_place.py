"""Which fixed row a printed label names: by its name, and where one name fits several rows, by its place."""

from __future__ import annotations

from desktop.core.definitions import FormDef, RowDef, SectionDef
from desktop.core.excel.header import Segment
from desktop.core.labels import normalize_label


def stub_row(
    form: FormDef, section: SectionDef | None, name: str, segment: Segment, line: str = "",
) -> tuple[RowDef | None, str]:
    """The fixed row a label names in its place, else (None, why).

    One label can name several rows (公开04 prints 一般公共预算财政拨款 as an income item and
    again under 年初财政拨款结转和结余). The printed 行次 (`line`) picks one of them when this
    side's 行次 has agreed with the form's on every row read so far; otherwise the rows are taken
    to be printed in the form's order, and the row meant is the first bearing the label below the
    last row read on this side. The 行次 alone never names a row.
    """
    sections = [section] if section else list(form.sections)
    wanted = normalize_label(name)
    if not wanted:
        return None, ""
    order = [
        row for s in sections
        for row in (*s.fixed_rows, *([s.total_row] if s.total_row else []), *s.footer_rows)
        if not row.spacer and not row.heading
    ]
    names = [{normalize_label(row.label), normalize_label(row.key)} | {normalize_label(a) for a in row.aliases} for row in order]
    found = [(i, row) for i, row in enumerate(order) if wanted in names[i]]
    if not found:
        # Printed without its 收入/支出 ("一般公共服务" for 一般公共服务支出); never a total or a 结余 line.
        found = [
            (i, row) for i, row in enumerate(order)
            if not row.key.endswith(("合计", "总计", "结余")) and {wanted + "收入", wanted + "支出"} & names[i]
        ]
    number = int(line) if line.isdigit() else None
    by_line = [(i, row) for i, row in found if number is not None and row.line == number]
    if len(found) > 1 and len(by_line) == 1 and segment.lines_trusted:
        found = by_line
    elif len(found) > 1:
        below = [(i, row) for i, row in found if i > segment.place]
        if not below:
            names = "、".join(row.key for _, row in found)
            return None, f"“{name}”可指{form.id}的 {names}，按所在位置无法确定是哪一行"
        found = below[:1]
    if found:
        segment.place, row = found[0]
        if number is not None and row.line is not None:
            if row.line == number:
                segment.lines_agreed += 1
            else:
                segment.lines_differed += 1
        return row, ""
    return None, f"“{name}”不是{form.id}的行"
