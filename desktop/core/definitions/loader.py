"""Reads forms/*.toml into form definitions and checks that every rule refers to real cells."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from desktop import paths
from desktop.core.catalogue import is_code
from desktop.core.definitions.expression import RuleSyntaxError, parse_rule
from desktop.core.definitions.model import (
    CellRef,
    CheckDef,
    ColumnDef,
    LEVEL_BY_WIDTH,
    FormDef,
    Layout,
    RowDef,
    SectionDef,
    StandIn,
)
from desktop.core.parsed_files import parsed_once

SEVERITIES = ("错误", "警告", "提示")
_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])\s*")


class FormDefinitionError(ValueError):
    """A form file that cannot be used; the message names the file and the problem."""


def row_key(label: str) -> str:
    """A fixed row's key: its printed label without the leading "一、"/"（一）" numbering."""
    return _NUMBERING.sub("", label).strip()


class FormSet:
    """Every form of the template, in print order."""

    __slots__ = ("forms",)

    def __init__(self, forms: dict[str, FormDef]):
        self.forms = forms

    def __getitem__(self, form_id: str) -> FormDef:
        return self.forms[form_id]

    def __iter__(self):
        return iter(self.forms.values())

    def __contains__(self, form_id: str) -> bool:
        return form_id in self.forms

    @property
    def published(self) -> list[FormDef]:
        return [f for f in self.forms.values() if f.published]


def load_forms(folder: Path | None = None) -> FormSet:
    """The forms of `folder` (the shipped ones by default), parsed once while their files stay as
    they are: the one FormSet every workspace of the process shares, and the key its bound checks
    are kept under."""
    return parsed_once(folder or paths.forms_dir(), "*.toml", (), _load_all)


def _load_all(files: list[Path]) -> FormSet:
    forms = [_load_form(path) for path in files]
    forms.sort(key=lambda f: f.order)
    seen: set[str] = set()
    for form in forms:
        if form.id in seen:
            raise FormDefinitionError(f"表 {form.id} 定义了两次")
        seen.add(form.id)
    form_set = FormSet({f.id: f for f in forms})
    for form in forms:
        for check in form.checks:
            _validate_check(form_set, form, check)
        _validate_sources(form_set, form)
    return form_set


def _validate_sources(forms: FormSet, form: FormDef) -> None:
    for section in form.sections:
        for row in section.fixed_rows:
            ref = row.source
            if ref is None:
                continue
            target = forms.forms.get(ref.form)
            if target is None or not _row_exists(target, ref.row) or not any(
                c.key == ref.col for s in target.sections for c in s.columns
            ):
                raise FormDefinitionError(f"{form.id}「{row.label}」的 source 指向不存在的单元格 {ref}")


def read_definition(path: Path, error: type[Exception]) -> dict:
    """A form definition file's data; a malformed file raises `error`, naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"表定义文件 {path.name} 格式有误：{exc}") from exc


def _load_form(path: Path) -> FormDef:
    data = read_definition(path, FormDefinitionError)
    try:
        form_id = data["id"]
        sections = tuple(_section(s) for s in data["sections"])
        checks = tuple(_check(form_id, c) for c in data.get("checks", []))
        layout = data.get("layout", {})
        return FormDef(
            id=form_id,
            title=data["title"],
            label=data.get("label", f"{form_id}表"),
            order=int(data["order"]),
            published=bool(data.get("published", True)),
            sections=sections,
            checks=checks,
            footnote=data.get("footnote", ""),
            optional=bool(data.get("optional", False)),
            aliases=tuple(data.get("aliases", ())),
            printed_with=tuple(data.get("printed_with", ())),
            layout=Layout(
                mode=layout.get("mode", "sections"),
                groups=tuple(tuple(g) for g in layout.get("groups", [])),
            ),
        )
    except (KeyError, TypeError, RuleSyntaxError) as exc:
        raise FormDefinitionError(f"表定义文件 {path.name} 有误：{exc}") from exc


def _section(data: dict) -> SectionDef:
    key = data.get("key", "")
    line = int(data.get("line_start", 1))
    rows: list[RowDef] = []
    for item in data.get("rows", []):
        if "spacer" in item:
            for _ in range(int(item["spacer"])):
                rows.append(RowDef(key=f"{key}·空行{line}", label="", section=key, line=line, spacer=True))
                line += 1
            continue
        row = _row(item, key, line)
        rows.append(row)
        if row.line is not None:
            line = row.line + 1
    total = data.get("total_row")
    return SectionDef(
        key=key,
        title=data.get("title"),
        stub=tuple(data.get("stub", ["项目"])),
        stub_group=data.get("stub_group"),
        columns=tuple(
            ColumnDef(
                key=c["key"], path=tuple(c.get("path", [c["key"]])), number=c.get("number"),
                aliases=tuple(c.get("aliases", ())),
            )
            for c in data["columns"]
        ),
        fixed_rows=tuple(rows),
        catalogue=data.get("catalogue"),
        all_catalogue_rows=bool(data.get("all_catalogue_rows", False)),
        total_row=_row({"tags": ["合计"], **total}, key, None) if total else None,
        footer_rows=tuple(_row(r, key, None) for r in data.get("footer_rows", [])),
        stand_ins=tuple(
            StandIn(label=s["label"], aliases=tuple(s.get("aliases", ())), rows=tuple(s["rows"]), adds=bool(s["adds"]))
            for s in data.get("stand_ins", [])
        ),
    )


def _row(item: dict, section: str, line: int | None) -> RowDef:
    label = item["label"]
    heading = bool(item.get("heading", False))
    tags = set(item.get("tags", []))
    code = item.get("code")
    if code:
        tags.add(LEVEL_BY_WIDTH[len(code)])
    return RowDef(
        key=item.get("key", row_key(label)),
        label=label,
        section=section,
        code=code,
        line=None if heading else item.get("line", line),
        tags=frozenset(tags),
        heading=heading,
        decimals=int(item.get("decimals", 2)),
        unit=item.get("unit"),
        aliases=tuple(item.get("aliases", ())),
        source=parse_source(item["source"]) if "source" in item else None,
    )


def parse_source(text: str) -> CellRef:
    """“公开01[收入总计, 决算数]” -> the cell it names."""
    m = re.fullmatch(r"\s*([^\[\s]+)\[\s*([^,\]]+?)\s*,\s*([^\]]+?)\s*\]\s*", text)
    if not m:
        raise FormDefinitionError(f"source “{text}”应写成 表[行, 列]")
    return CellRef(*m.groups())


def _check(form_id: str, data: dict) -> CheckDef:
    kind = data.get("kind", "equation")
    severity = data.get("severity", "错误")
    if severity not in SEVERITIES:
        raise FormDefinitionError(f"检查 {data.get('id')} 的严重程度“{severity}”无效")
    explained = data.get("explained_severity")
    if explained is not None and explained not in SEVERITIES:
        raise FormDefinitionError(f"检查 {data.get('id')} 的说明后严重程度“{explained}”无效")
    lhs, op, rhs = ((), "=", ())
    if kind in ("equation", "completion"):
        lhs, op, rhs = parse_rule(data["rule"], form_id)
    return CheckDef(
        id=data["id"],
        title=data["title"],
        form=form_id,
        kind=kind,
        severity=severity,
        section=data.get("section"),
        lhs=lhs,
        op=op,
        rhs=rhs,
        for_rows=tuple(_as_list(data.get("for_rows", []))),
        for_columns=tuple(_as_list(data.get("for_columns", []))),
        compute=bool(data.get("compute", False)),
        text=data.get("rule", ""),
        budget=bool(data.get("budget", kind == "completion")),
        explained_severity=explained,
    )


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _validate_check(forms: FormSet, form: FormDef, check: CheckDef) -> None:
    def fail(why: str):
        raise FormDefinitionError(f"{form.id} 的检查 {check.id}：{why}")

    if check.kind == "equation" and check.compute:
        if len(check.lhs) != 1 or any(t.sign < 0 for t in check.rhs) or check.op != "=":
            fail("可计算的规则须写成“单元格 = 各部分之和”")
    if check.kind in ("equation", "completion"):
        for term in check.lhs + check.rhs:
            if term.form not in forms:
                fail(f"引用了不存在的表 {term.form}")
            target = forms[term.form]
            if term.row == "@" and not check.for_rows:
                fail("用了 @ 行，但没有 for_rows")
            if term.col == "@" and not check.for_columns:
                fail("用了 @ 列，但没有 for_columns")
            if term.col != "@" and not any(
                c.key == term.col for s in target.sections for c in s.columns
            ):
                fail(f"{term.form} 没有“{term.col}”列")
            if term.row != "@" and not term.row.startswith("#"):
                if not _row_exists(target, term.row):
                    fail(f"{term.form} 没有“{term.row}”行")
    for selector in check.for_rows:
        target_id, _ = split_selector(selector, form.id)
        if target_id not in forms:
            fail(f"for_rows 引用了不存在的表 {target_id}")


def _row_exists(form: FormDef, key: str) -> bool:
    for section in form.sections:
        fixed = section.fixed_rows + section.footer_rows
        if section.total_row:
            fixed += (section.total_row,)
        if any(r.key == key for r in fixed):
            return True
        if section.catalogue and is_code(key):
            return True
    return False


def split_selector(selector: str, own_form: str) -> tuple[str, str]:
    """"公开05#项" -> ("公开05", "#项"); "*" -> (own form, "*")."""
    m = re.fullmatch(r"([^#*]*)([#*].*)", selector)
    if not m:
        return own_form, selector
    return (m.group(1) or own_form), m.group(2)
