"""`show`, `check` and `narrative-check`: a workspace, workbook or PDF read and what is wrong in it said."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.exit_status import HAS_ERRORS, OK
from desktop.cli.opening import active_form, open_for_reading
from desktop.cli.output_files import refuse_existing, writing
from desktop.cli.set_choice import with_set_hint
from desktop.cli.usage import UsageError
from desktop.cli.workbook_input import from_workbook, print_warnings
from desktop.core.pdf.opening import is_pdf
from desktop.core.workspace import Workspace


def cmd_show(args) -> int:
    from desktop.cli.table_text import render_form

    with open_for_reading(args.workspace) as ws:
        print(render_form(ws, active_form(ws, args.form)))
    return OK


def cmd_check(args) -> int:
    single = len(args.paths) == 1 and not args.paths[0].is_dir() and args.output is None
    if not single:
        from desktop.cli.batch_check import run_batch

        from desktop.core.review.workbook import write_review_workbook

        if args.output is not None:
            refuse_existing(args.output, args.force)
        code, reports = run_batch(args.paths, args.glob, args.jobs, args.json)
        if args.output is not None and reports:
            with writing(args.output, "Excel 或 WPS"):
                write_review_workbook(reports, args.output)
            print(f"已写入审核汇总：{args.output}", file=sys.stderr if args.json else sys.stdout)
        return code
    from desktop.core.batch.sources import is_workbook

    args.workspace = args.paths[0]
    if is_pdf(args.workspace):
        from desktop.cli.pdf_commands import check_pdf

        return check_pdf(args.workspace, args.json)
    if is_workbook(args.workspace):
        return _check_workbook(args)
    return _check(open_for_reading(args.workspace), args)


def _check_workbook(args) -> int:
    """Builds the workbook's workspace in memory, then checks it like any other."""
    from desktop.core.excel.import_ import ExcelError, workspace_from_workbook

    with from_workbook(args.workspace):
        try:
            ws, warnings = workspace_from_workbook(args.workspace, choice=args.choice)
        except ExcelError as exc:
            raise UsageError(with_set_hint(exc)) from exc
    print_warnings(warnings)
    return _check(ws, args, source=args.workspace, warnings=warnings)


def _check(ws: Workspace, args, source: Path | None = None, warnings=()) -> int:
    from desktop.core.batch.file_report import check_report
    from desktop.core.review.findings import review

    try:
        if args.json:
            report = check_report(ws, source, warnings)
            import json

            print(json.dumps(report, ensure_ascii=False, indent=2))
            summary = report["summary"]
        else:
            found = review(ws)
            summary = found.summary
            _print_findings(ws, found.findings, summary)
        return HAS_ERRORS if summary["by_severity"]["错误"] else OK
    finally:
        ws.close()


def _print_findings(ws: Workspace, findings, summary) -> None:
    counts = summary["by_severity"]
    print(
        f"{ws.unit.get('单位名称', '')} {ws.unit.get('年度', '')}年度："
        f"错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条"
    )
    for finding in findings:
        explanation = ws.explanation_of(finding)
        tail = f"（说明：{explanation}）" if explanation else ""
        print(f"[{finding.severity}] {finding.rule} {finding.message}{tail}")
    unchecked = ws.unchecked()
    if unchecked:
        print(f"未核对 {len(unchecked)} 条（读到的数字缺失或已损坏）：")
        for entry in unchecked:
            print(f"[未核对] {entry['rule']} {entry['title']}（{'；'.join(entry['reasons'])}）")


def cmd_narrative_check(args) -> int:
    from desktop.cli.narrative_commands import check_report as narrative_report
    from desktop.cli.narrative_commands import print_check, read_text

    pages = None
    if is_pdf(args.narrative):
        from desktop.cli.pdf_commands import pdf_narrative

        text, pages = pdf_narrative(args.narrative)
    else:
        text = read_text(args.narrative)
    with open_for_reading(args.workspace) as ws:
        report, found = narrative_report(ws, args.narrative, text, pages)
    print_check(report, found, args.json)
    return HAS_ERRORS if report["summary"]["by_severity"]["错误"] else OK
