"""A table's header band read into segments: stub columns and the value columns right of them, matched to the form."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.definitions import ColumnDef, FormDef, FormSet, RowDef, SectionDef
from desktop.core.excel.columns import column_for
from desktop.core.excel.codes import NameResolver
from desktop.core.excel.reading import is_number_like
from desktop.core.excel.tables import norm
from desktop.core.labels import normalize_label


@dataclass
class Column:
    """A value column of a table as printed in the workbook, matched to the form."""

    index: int
    path: list[str]
    section: SectionDef | None = None
    column: ColumnDef | None = None
    row: RowDef | None = None  # set when the header names the row (三公 预算数/决算数 as columns)
    form: FormDef | None = None  # set when the column is another form's printed beside (printed_with)


@dataclass
class Segment:
    """Stub columns and the value columns right of them; side-by-side halves and groups are segments."""

    code: int | None = None
    name: int | None = None
    other: list[int] = field(default_factory=list)  # 行次, 计量单位: printed, not read
    parts: dict[str, int] = field(default_factory=dict)  # 类/款/项 columns of a split 科目编码
    last: dict[str, str] = field(default_factory=dict)  # the 类 and 款 above, for rows that print only their own part
    values: list[Column] = field(default_factory=list)
    place: int = -1  # the last fixed row read, by its order in the form: a repeated label is the next one down
    read: set[int] = field(default_factory=set)  # the fixed rows read so far, by their order in the form
    line: int | None = None  # the 行次 column, if printed
    unit: int | None = None  # the 计量单位 column, if printed: 元 or 万元 on a row of amounts
    # How the printed 行次 compared with the form's on the rows read so far: it decides between rows
    # of one label only while it has agreed every time (another region numbers its rows its own way).
    lines_agreed: int = 0
    lines_differed: int = 0
    names: NameResolver | None = None  # finds the code of a row printed by its 科目 name alone

    @property
    def lines_trusted(self) -> bool:
        return self.lines_agreed >= 2 and not self.lines_differed


def stub_kind(text: str) -> str | None:
    if any(w in text for w in ("代码", "编码", "编号")):
        return "code"
    if text == "行次":
        return "line"
    if text in ("项目", "科目名称", "名称", "科目", "项目名称") or text.endswith("科目名称"):
        return "name"
    if text == "计量单位":
        return "unit"
    if text in ("类", "款", "项"):
        return "part"
    return None


def is_header_line(values) -> bool:
    """A header's line: one naming the 科目编码, 科目名称, 项目 or 行次 column, with no figure."""
    return not any(is_number_like(v) for v in values) and any(
        isinstance(v, str) and stub_kind(norm(v)) in ("code", "name", "line") for v in values)


def header_segments(form: FormDef, paths: dict[int, list[str]], forms: FormSet) -> list[Segment]:
    """`forms` is the set the import reads by: a column printed beside is one of its forms, not a shipped one."""
    segments: list[Segment] = []
    current: Segment | None = None
    for c in sorted(paths):
        path = paths[c]
        kind = stub_kind(path[-1]) if path else None
        if kind in ("code", "name", "line", "unit", "part"):
            if current is None or current.values:
                current = Segment()
                segments.append(current)
            if kind == "part":
                current.parts[path[-1]] = c
            elif kind == "code":
                current.code = c
            elif kind == "name":
                current.name = c
            else:
                current.other.append(c)
                if kind == "line" and current.line is None:
                    current.line = c
                if kind == "unit" and current.unit is None:
                    current.unit = c
            continue
        if current is None:
            current = Segment()
            segments.append(current)
        current.values.append(Column(c, path))
    for i, segment in enumerate(segments):
        _match_columns(form, segment, i, len(segments), forms)
    return segments


def _match_columns(form: FormDef, segment: Segment, index: int, count: int, forms: FormSet) -> None:
    sections = list(form.sections)
    titled = [s for s in sections if s.title and any(norm(s.title) in col.path for col in segment.values)]
    if len(titled) == 1:
        candidates = titled
    elif len(sections) > 1 and count == len(sections):
        candidates = [sections[index]]
    else:
        candidates = sections
    fixed_labels = {normalize_label(r.label): r for s in sections for r in s.fixed_rows if not r.spacer}
    column_names = {norm(n) for s in candidates for c in s.columns for n in (c.key, *c.path, *c.aliases)}
    for col in segment.values:
        path = list(col.path)
        for i, text in enumerate(path):
            # A header naming a row, not a column: 三公 printed with 预算数 and 决算数 as column groups.
            if normalize_label(text) in fixed_labels and text not in column_names:
                col.row = fixed_labels[normalize_label(text)]
                del path[i]
                break
        path = [p for p in path if not any(s.title and norm(s.title) == p for s in sections)]
        col.section, col.column = column_for(form, candidates, path)
        if col.column is None and col.row is None and form.printed_with:
            _match_beside(form, col, path, forms)


def _match_beside(form: FormDef, col: Column, path: list[str], forms: FormSet) -> None:
    """A column no column of the form's: another form's, printed beside over the same rows."""
    for other in (forms[f] for f in form.printed_with if f in forms.forms):
        section, column = column_for(other, list(other.sections), path)
        if column is not None and section is not None:
            col.form, col.section, col.column = other, section, column
            return
