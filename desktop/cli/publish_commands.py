"""`report`, `publish` and `narrative`: the documents made from a workspace — the 审核报告 PDF, the 公开文件
and the 情况说明 draft."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.exit_status import HAS_ERRORS, OK
from desktop.cli.opening import open_for_reading
from desktop.cli.output_files import refuse_existing, require_format, writing
from desktop.cli.usage import UsageError
from desktop.core.atomic_file import written_whole


def cmd_report(args) -> int:
    # The PDF is drawn with Qt, the one Qt use the command line has (see pyproject's contract).
    from desktop.core.review.report import build_report
    from desktop.printing.report_pdf import write_pdf

    target: Path = args.output
    require_format(target, {".pdf": "PDF"}, "审核报告")
    refuse_existing(target, args.force)
    with open_for_reading(args.workspace) as ws:
        report = build_report(ws)
    with writing(target, "其他程序"), written_whole(target) as partial:
        pages = write_pdf(report, partial)
    counts = report.summary["by_severity"]
    print(f"已生成审核报告：{target}（{pages} 页；错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条）")
    return HAS_ERRORS if counts["错误"] else OK


def cmd_publish(args) -> int:
    from desktop.core.publish.document import build_document
    from desktop.core.publish.gate import error_count, target_problem
    from desktop.core.publish.outline import OutlineError
    from desktop.core.publish.output import OutputError
    from desktop.printing.publish_file import write_publication

    target: Path = args.output
    problem = target_problem(target)
    if problem:
        raise UsageError(problem)
    refuse_existing(target, args.force)
    with open_for_reading(args.workspace) as ws:
        errors = error_count(ws)
        if errors and not args.allow_errors:
            print(
                f"错误：审核有 {errors} 条错误，按此公开会被退回，未生成公开文件。请先更正（juesuan check 列出各条），"
                "确需先出稿时加 --allow-errors",
                file=sys.stderr,
            )
            return HAS_ERRORS
        try:
            document = build_document(ws, args.outline)
        except OutlineError as exc:
            raise UsageError(str(exc)) from exc
    try:
        pages = write_publication(document, target)
    except OutputError as exc:
        raise UsageError(str(exc)) from exc
    tail = f"，{pages} 页" if pages else ""
    warned = f"；审核有 {errors} 条错误未更正" if errors else ""
    print(f"已生成公开文件：{target}（{len(document.gaps)} 处【请填写】{tail}{warned}）")
    if not pages:  # Word: its 目录 gets its page numbers when Word opens it
        from desktop.core.publish.output import TOC_NOTE

        print(TOC_NOTE)
    for gap in document.gaps:
        print(f"警告：{gap}", file=sys.stderr)
    return HAS_ERRORS if errors else OK


def cmd_narrative(args) -> int:
    from desktop.cli.narrative_commands import write_draft
    from desktop.core.narrative.draft import gaps_in

    refuse_existing(args.output, args.force)
    with open_for_reading(args.workspace) as ws, writing(args.output, "Word 或其他程序"), written_whole(args.output) as partial:
        text = write_draft(ws, partial, args.output.suffix)
    asks = text.count("【请")
    tail = f"；{asks} 处【请填写…】待补充" if asks else ""
    print(f"已生成情况说明草稿：{args.output}（{len(text)} 字{tail}）")
    gaps = gaps_in(text)
    if gaps:
        print("草稿中没有数字、须由您填写的内容：")
        for gap in gaps:
            print(f"  · {gap}")
    return OK
