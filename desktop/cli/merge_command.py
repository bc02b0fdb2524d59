"""`juesuan merge`: a 部门 workspace summed from its 本级 and units, or an existing one checked against them."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path

from desktop.core.batch.opening import open_any
from desktop.core.checks.findings import summarize
from desktop.core.definitions import load_forms
from desktop.core.excel.import_ import ExcelError
from desktop.core.merge.members import members_of
from desktop.core.merge.summing import MergeError, Part, accumulated_tails, build_merged, shown_figures, totals_of
from desktop.core.merge.verify import compare
from desktop.core.workspace import EditError
from desktop.cli.exit_status import HAS_ERRORS, OK
from desktop.cli.usage import UsageError


class MergeUsageError(UsageError):
    """Inputs `merge` cannot use; exit status 2 with the message."""


def run(args) -> int:
    """Checks an existing 部门 against its units (--verify), or builds one from them."""
    return verify(args) if args.verify is not None else build(args)


def build(args) -> int:
    if args.output is None:
        raise MergeUsageError("请用 -o 指定生成的部门工作区文件，如 -o 部门.juesuan")
    if not args.unit:
        raise MergeUsageError("请用 --unit 指定编制部门（部门名称）")
    if args.output.exists() and not args.force:
        raise MergeUsageError(f"文件“{args.output}”已存在；如要覆盖请加 --force")
    if any(_same_file(args.output, path) for path in args.inputs):
        raise MergeUsageError(f"“{args.output}”是要汇总的文件之一，不能写到它上面")
    forms = load_forms()
    with ExitStack() as stack:
        parts = [_part(stack, path, forms) for path in args.inputs]
        try:
            totals = totals_of(parts)
            _warn_gaps(totals)
            merged = build_merged(args.output, parts, args.unit)
        except MergeError as exc:
            raise MergeUsageError(str(exc)) from exc
        with merged:
            figures = len(shown_figures(merged))
            tails = accumulated_tails(merged.findings(), totals)
    names = "、".join(p.ws.unit.get("单位名称", "") for p in parts)
    print(
        f"已汇总 {len(parts)} 个单位（{names}）→ {args.output}（{args.unit}，{figures} 个数字）；"
        "空表说明、情况说明由部门填写"
    )
    if tails:
        print(f"注意：部门表中有 {len(tails)} 条错误只是各单位尾差的累积（各单位都只是尾差），请按部门口径调整相应的合计：")
        for finding in tails:
            print(f"[错误] {finding.rule} {finding.message}")
    return OK


def verify(args) -> int:
    forms = load_forms()
    with ExitStack() as stack:
        dept = _part(stack, args.verify, forms)
        parts = [_part(stack, path, forms) for path in args.inputs]
        try:
            totals = totals_of(parts)
            _warn_gaps(totals)
            findings = compare(dept.ws, totals)
        except MergeError as exc:
            raise MergeUsageError(str(exc)) from exc
        summary = summarize(findings)
        if args.json:
            report = {
                "workspace": str(args.verify),
                "unit": dept.ws.unit.get("单位名称", ""),
                "year": dept.ws.unit.get("年度", ""),
                "money_unit": dept.ws.money_unit,
                "units": [{"单位名称": p.ws.unit.get("单位名称", ""), "文件": str(p.path)} for p in parts],
                "summary": summary,
                "findings": [f.to_json() for f in findings],
            }
            print(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            _print(dept, parts, findings, summary)
    return HAS_ERRORS if summary["by_severity"]["错误"] else OK


def _print(dept: Part, parts: list[Part], findings, summary) -> None:
    counts = summary["by_severity"]
    listed = {m.name for m in members_of(dept.ws)}
    given = [p.ws.unit.get("单位名称", "") for p in parts]
    print(
        f"{dept.ws.unit.get('单位名称', '')} {dept.ws.unit.get('年度', '')}年度 汇总校验（{len(parts)} 个单位）："
        f"错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条"
    )
    if listed and listed != set(given):
        print(f"注意：部门工作区记录的汇总单位为 {'、'.join(sorted(listed))}，本次给出的是 {'、'.join(given)}")
    for finding in findings:
        print(f"[{finding.severity}] {finding.rule} {finding.message}")


def _warn_gaps(totals) -> None:
    for line in totals.gaps:
        print(f"警告：{line}", file=sys.stderr)


def _part(stack: ExitStack, path: Path, forms) -> Part:
    try:
        ws, warnings = open_any(path, forms)
    except ExcelError as exc:
        raise MergeUsageError(str(exc)) from exc
    except EditError as exc:
        raise MergeUsageError(f"工作簿“{path}”：{exc}") from exc
    stack.enter_context(ws)
    for warning in warnings:
        print(f"警告：{warning}", file=sys.stderr)
    return Part(ws, path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False
