"""What a check reports: a finding with its cells, expected and actual values, and JSON shape."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

SEVERITY_ORDER = {"错误": 0, "警告": 1, "提示": 2}


class FindingCell(NamedTuple):
    form: str
    row: str  # row key: the 科目 code on coded rows
    row_label: str  # as printed
    column: str  # column key
    column_label: str  # printed header text
    section: str  # "收入"/"支出" on two-sided forms, "" otherwise
    line: int | None  # 行次
    value: Decimal | None

    def to_json(self) -> dict:
        coded = self.row.isdigit()
        data = {
            "form": self.form,
            "row": self.row if coded else self.row_label,
            "row_key": self.row,
            "row_label": self.row_label,
            "column": self.column_label,
            "column_key": self.column,
            "value": _text(self.value),
        }
        if self.section:
            data["section"] = self.section
        if self.line is not None:
            data["line"] = self.line
        return data


class Finding(NamedTuple):
    key: str  # stable identity: rule, row, column
    rule: str
    title: str
    severity: str  # 错误 / 警告 / 提示
    form: str
    message: str
    cells: tuple[FindingCell, ...]
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    rounding: bool = False  # a 尾差 within the rounding tolerance
    covers: tuple[str, ...] = ()  # the keys of the findings one wrong cell explains, reported as this one

    def to_json(self) -> dict:
        data = {
            "key": self.key,
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "form": self.form,
            "message": self.message,
            "expected": _text(self.expected),
            "actual": _text(self.actual),
            "difference": _text(self.difference),
            "tolerance": _text(self.tolerance),
            "rounding": self.rounding,
            "cells": [c.to_json() for c in self.cells],
        }
        if self.covers:
            data["covers"] = list(self.covers)
        return data


def cell_of(structure, ref, value: Decimal | None) -> FindingCell:
    """How a finding names a cell: its row and column as printed, and its value."""
    return FindingCell._make((*_names(structure, ref), value))


class CellNames:
    """cell_of for the cells of one structure (rebuilt, never changed), each named once and kept with the
    figure it was last named with: a re-check words every cell of a failed sum again, most of them unchanged."""

    def __init__(self, structure):
        self.structure = structure
        self._cells: dict = {}

    def __call__(self, ref, value: Decimal | None) -> FindingCell:
        cell = self._cells.get(ref)
        if cell is None:
            cell = self._cells[ref] = FindingCell._make((*_names(self.structure, ref), value))
        elif cell.value is not value:  # the same figure object: equal and written alike
            cell = self._cells[ref] = cell._replace(value=value)
        return cell


def _names(structure, ref) -> tuple:
    row = structure.row(ref.form, ref.row)
    column = structure.column(ref.form, ref.row, ref.col)
    return (
        ref.form, ref.row, row.label if row else ref.row, ref.col, column.path[-1] if column else ref.col,
        row.section if row else "", row.line if row else None,
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def sort_findings(findings) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.form, f.key))


def summarize(findings) -> dict:
    """Counts by severity and by form, the shape reviewers' scripts read."""
    tally = Tally(findings)
    return {"by_severity": tally.by_severity, "by_form": dict(sorted(tally.by_form.items()))}


class Tally:
    """Counts by severity and by form, kept current finding by finding (the window's badges and status
    bar: a keystroke changes a few findings, not the count of all of them)."""

    def __init__(self, findings=()):
        self.by_severity = {s: 0 for s in SEVERITY_ORDER}
        self.by_form: dict[str, dict[str, int]] = {}  # a form without findings is not there
        for finding in findings:
            self.add(finding)

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_form.setdefault(finding.form, {s: 0 for s in SEVERITY_ORDER})[finding.severity] += 1

    def remove(self, finding: Finding) -> None:
        self.by_severity[finding.severity] -= 1
        form = self.by_form[finding.form]
        form[finding.severity] -= 1
        if not any(form.values()):
            del self.by_form[finding.form]
