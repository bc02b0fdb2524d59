"""A published PDF on the command line: checked in full with each finding's page, or its 情况说明 read out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.cli.usage import UsageError
from desktop.core.checks.findings import summarize
from desktop.core.excel.reading import ExcelError
from desktop.core.workspace import EditError


def read_pdf_or_refuse(path: Path):
    """The PDF read (snapshot, warnings, pages); its refusal as a UsageError (exit 2)."""
    from desktop.core.pdf.import_ import read_pdf

    try:
        return read_pdf(path)
    except ExcelError as exc:
        raise UsageError(str(exc)) from exc


def pdf_workspace(path: Path):
    """The PDF as a workspace in memory, its warnings and its page index; refusals as UsageError."""
    from desktop.core.pdf.import_ import workspace_from_pdf

    try:
        return workspace_from_pdf(path)
    except ExcelError as exc:
        raise UsageError(str(exc)) from exc
    except EditError as exc:
        raise UsageError(f"“{path}”：{exc}") from exc


def check_pdf(path: Path, as_json: bool) -> int:
    """Tables, cross-table rules and the 情况说明 against the tables; each finding names its page.
    Returns 1 when there is an error, 0 otherwise."""
    from desktop.core.batch.file_report import check_report, finding_pages
    from desktop.core.review.findings import review

    ws, warnings, pages = pdf_workspace(path)
    try:
        for warning in warnings:
            print(f"警告：{warning}", file=sys.stderr)
        if as_json:
            report = check_report(ws, path, warnings, pages)
            print(json.dumps(report, ensure_ascii=False, indent=2))
            summary = report["summary"]
        else:
            findings = review(ws).findings
            page_of = finding_pages(ws, findings, pages)
            summary = summarize(findings)
            counts = summary["by_severity"]
            print(f"{ws.unit.get('单位名称', '')} {ws.unit.get('年度', '')}年度（{path.name}）："
                  f"错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条")
            for finding in findings:
                print(f"[{finding.severity}] {finding.rule} {finding.message}{page_text(page_of[finding.key])}")
        return 1 if summary["by_severity"]["错误"] else 0
    finally:
        ws.close()


def page_text(pages: list[int]) -> str:
    """“（第8页）”, “（第8、9页）”, or "" where the finding is about no printed page (a missing table)."""
    return f"（第{'、'.join(map(str, pages))}页）" if pages else ""


def pdf_narrative(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The 情况说明 of a PDF and where its pages start in it; refused when it has none."""
    from desktop.core.definitions import load_forms
    from desktop.core.pdf.book import table_book
    from desktop.core.pdf.narrative_part import narrative_text
    from desktop.core.pdf.opening import read_pages

    try:
        pages = read_pages(path)
    except ExcelError as exc:
        raise UsageError(str(exc)) from exc
    book = table_book(pages, load_forms())
    text, starts = narrative_text(pages, {o.page for sheet in book.worksheets for o in sheet.origins})
    if not text:
        raise UsageError(f"“{path}”中没有找到情况说明（按“第×部分……情况说明”的标题查找）")
    return text, starts
