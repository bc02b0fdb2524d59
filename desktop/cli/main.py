"""`juesuan`: create, fill, show and check workspaces from the command line."""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from desktop import __version__
from desktop.cli.catalogue_command import add_parser as add_catalogue_parser
from desktop.cli.set_choice import SET_HELP, with_set_hint
from desktop.cli.text_command import add_parser as add_text_parser
from desktop.cli.usage import UsageError
from desktop.core.atomic_file import written_whole
from desktop.core.addressing import AddressError, find_column, find_row
from desktop.core.definitions import CellRef
from desktop.core.definitions.loader import FormDefinitionError
from desktop.core.entry_text import undecoded
from desktop.core.money import AmountError, parse_amount
from desktop.core.pdf.opening import is_pdf
from desktop.core.store.failure import describe_failure, is_busy
from desktop.core.held_workspace import held_for_writing
from desktop.core.workspace import UNIT_DEFAULTS, EditError, Workspace, WorkspaceError

OK, HAS_ERRORS, UNUSABLE = 0, 1, 2
BUSY_ATTEMPTS = 3
# How the last-resort message begins; the fuzzing counts it as a traceback.
INTERNAL_ERROR = "程序内部错误"


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the command typed, only its arguments: each subcommand's
    parser costs gettext lookups on disk, and building them all took every command 8 ms."""
    parser = argparse.ArgumentParser(
        prog="juesuan",
        description="决算公开填报审核：部门决算公开表的填报与审核。juesuan [文件] 打开窗口（不带参数时打开示例工作区）；以下命令在命令行中工作。",
    )
    parser.add_argument("--version", action="version", version=f"决算公开填报审核 {__version__}", help="显示程序版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", help="以下之一；juesuan 命令 --help 说明其用法")
    for name, arguments in _ARGUMENTS.items():
        if command in (None, name):
            arguments(sub)
    return parser


def _new_arguments(sub) -> None:
    p = sub.add_parser("new", help="新建工作区文件")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("--unit", required=True, metavar="名称", help="单位名称")
    p.add_argument("--year", required=True, metavar="年度", help="年度，如 2024")
    p.add_argument("--nature", metavar="性质", default="行政", help="单位性质：行政、参公、事业")
    p.add_argument("--parent", metavar="部门", default="", help="主管部门")
    p.add_argument("--money", metavar="单位", default="万元", help="金额单位：万元（默认）或 元")
    p.add_argument("--subject", metavar="主体", default="单位", help="公开主体：单位（默认）或 部门")
    p.add_argument("--with", dest="optional", metavar="表", default="", help="填报的地区附表，如 公开10")
    p.add_argument("--code", metavar="代码", default="", help="单位代码（18 位统一社会信用代码）")
    p.add_argument("--region", metavar="区划", default="", help="财政区划：6 位行政区划代码和名称，如 “610802 榆林市榆阳区”")


def _set_unit_arguments(sub) -> None:
    p = sub.add_parser("set-unit", help="修改单位信息（单位名称、年度、单位代码、财政区划等）")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("key", metavar="项目", help=f"单位信息：{'、'.join(k for k in UNIT_DEFAULTS if k != '选填表')}")
    p.add_argument("value", nargs="?", default="", metavar="值", help="新的值；省略则清空")


def _set_arguments(sub) -> None:
    p = sub.add_parser("set", help="填写一个单元格")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("form", metavar="表", help="表，如 公开02")
    p.add_argument("row", metavar="行", help="行：科目代码、行次或行名称")
    p.add_argument("column", metavar="栏", help="栏：栏次或栏目名称")
    p.add_argument("value", metavar="数值", help="数值；“-”或空串表示清空")
    p.add_argument("--name", metavar="名称", help="科目表中没有的科目代码，须给出科目名称")


def _note_arguments(sub) -> None:
    p = sub.add_parser("note", help="填写或清除空表说明")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("form", metavar="表", help="表，如 公开01")
    p.add_argument("text", nargs="?", default="", metavar="说明", help="空表理由；省略则清除")


def _explain_arguments(sub) -> None:
    p = sub.add_parser(
        "explain", help="填写或清除警告、提示的出错说明",
        epilog="例：juesuan check 单位.juesuan --json 列出各条结果的 key，然后\n"
               "  juesuan explain 单位.juesuan 公开02-02:20801:本年收入合计 \"各项分别四舍五入形成的尾差\"",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("key", metavar="编号", help="审核结果编号，见 check --json 的 key，如 公开06-11:合计:决算数")
    p.add_argument("text", nargs="?", default="", metavar="说明", help="说明；省略则清除")


def _show_arguments(sub) -> None:
    p = sub.add_parser("show", help="按公开表样式显示一张表")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("form", metavar="表", help="表，如 公开01")


def _check_arguments(sub) -> None:
    p = sub.add_parser("check", help="审核工作区、Excel 工作簿（.xlsx、.xls、.ods）或公开文件（PDF），可一次审核多个文件或整个文件夹")
    p.add_argument("paths", type=Path, nargs="+", metavar="文件或文件夹",
                   help="工作区（.juesuan）、Excel 工作簿、公开文件（PDF），或装有它们的文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果（多个文件时每行一个文件）")
    p.add_argument("--jobs", type=_positive, metavar="个数", help="同时审核的进程数（默认为处理器核数）")
    p.add_argument("--glob", metavar="模式", help="文件夹中只审核文件名符合该模式的文件，如 '*2024*.xlsx'")
    p.add_argument("-o", "--output", type=Path, metavar="文件", help="审核汇总工作簿（.xlsx）")
    p.add_argument("--force", action="store_true", help="覆盖已有的审核汇总工作簿")
    p.add_argument("--set", dest="choice", metavar="哪一套", help=SET_HELP)


def _export_arguments(sub) -> None:
    p = sub.add_parser("export", help="导出为 Excel 工作簿（目录与各公开表）")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="文件", help=".xlsx 文件")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


def _import_arguments(sub) -> None:
    p = sub.add_parser("import", help="从 Excel 工作簿（.xlsx、.xls、.ods）或公开文件（PDF）建立工作区")
    p.add_argument("workbook", type=Path, metavar="工作簿", help="Excel 工作簿或公开文件（PDF）")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="文件", help="工作区文件")
    p.add_argument("--force", action="store_true", help="导入到已有工作区（原数字留在修改记录中）")
    p.add_argument("--year", metavar="年度", help="年度（如 2024）：工作簿的表上没有写年度时用它，写了的以此为准")
    p.add_argument("--set", dest="choice", metavar="哪一套", help=SET_HELP)


def _narrative_arguments(sub) -> None:
    p = sub.add_parser("narrative", help="按数据生成情况说明草稿（文本或 Word 文件）")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="文件", help=".txt 或 .docx 文件")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


def _narrative_check_arguments(sub) -> None:
    p = sub.add_parser("narrative-check", help="用工作区数据审核一份情况说明（文本文件或 Word 文档）")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("narrative", type=Path, metavar="情况说明",
                   help="情况说明：文本文件（UTF-8、UTF-16、GB18030）、Word 文档（.docx）或公开文件（PDF）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")


def _merge_arguments(sub) -> None:
    p = sub.add_parser("merge", help="汇总：由本级与所属单位的工作区或工作簿生成部门工作区，或校验已有的部门数")
    p.add_argument("inputs", type=Path, nargs="+", metavar="本级或单位", help="工作区或 Excel 工作簿，可以是已汇总的部门")
    p.add_argument("-o", "--output", type=Path, metavar="文件", help="生成的部门工作区文件")
    p.add_argument("--unit", metavar="名称", help="编制部门（部门名称）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.add_argument("--verify", type=Path, metavar="部门", help="不生成文件，校验这个部门工作区（或工作簿）是否等于各单位之和")
    p.add_argument("--json", action="store_true", help="校验结果以 JSON 输出")


def _publish_arguments(sub) -> None:
    p = sub.add_parser("publish", help="生成公开文件（封面、目录、概况、情况说明、决算表、名词解释、附件）：Word 或 PDF")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="文件", help=".docx（Word）或 .pdf 文件")
    p.add_argument("--outline", metavar="提纲", help="公开文件提纲（各部分的顺序），如“标准”“决算表在前”；默认“标准”")
    p.add_argument("--allow-errors", action="store_true", help="审核有错误时仍然生成（默认拒绝）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


def _report_arguments(sub) -> None:
    p = sub.add_parser("report", help="生成审核报告 PDF")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="文件", help="PDF 文件")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


# Each subcommand's arguments, in the order `juesuan -h` lists them.
_ARGUMENTS = {
    "new": _new_arguments,
    "set-unit": _set_unit_arguments,
    "catalogue": add_catalogue_parser,
    "set": _set_arguments,
    "note": _note_arguments,
    "text": add_text_parser,
    "explain": _explain_arguments,
    "show": _show_arguments,
    "check": _check_arguments,
    "export": _export_arguments,
    "import": _import_arguments,
    "narrative": _narrative_arguments,
    "narrative-check": _narrative_check_arguments,
    "merge": _merge_arguments,
    "publish": _publish_arguments,
    "report": _report_arguments,
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    sys.unraisablehook = _log_unraisable
    argv = sys.argv[1:] if argv is None else list(argv)
    undecodable = next((a for a in argv if undecoded(a)), None)
    if undecodable is not None:
        # Python hands bytes that are not UTF-8 on as lone surrogates, which no file or SQLite takes.
        shown = undecodable.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        print(f"错误：参数“{shown[:80]}”含有无法识别的字节（不是 UTF-8 编码的文字），没有执行。"
              "请改用正常输入的文字或文件名。", file=sys.stderr)
        return UNUSABLE
    parser = _parser(argv[0] if argv and argv[0] in _ARGUMENTS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return UNUSABLE
    command = args.command
    try:
        return _with_retries(COMMANDS[command], args)
    except (
        UsageError, WorkspaceError, EditError, AddressError, FormDefinitionError,
    ) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return UNUSABLE
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return OK
    except (sqlite3.Error, OSError) as exc:
        # The file the error names, when it names one: a missing program file or output folder is
        # not the workspace's fault.
        print(f"错误：{describe_failure(exc, _file_of(args), '处理文件')}", file=sys.stderr)
        return UNUSABLE
    except Exception as exc:  # the one error path: logged, said in Chinese, never a traceback
        import traceback

        from desktop.error_log import log, log_file, setup_logging

        setup_logging()
        log.error("juesuan %s 出错（版本 %s）：\n%s", command, __version__, traceback.format_exc())
        print(f"错误：{INTERNAL_ERROR}（{exc!r}），没有完成“{command}”。详细信息已写入日志：{log_file()}", file=sys.stderr)
        return UNUSABLE


def _log_unraisable(info) -> None:
    """An error in a finalizer (a workbook writer that a failed write left, collected later) goes to
    the log, not over the next message as Python's "Exception ignored" and a traceback."""
    import traceback

    from desktop.error_log import log, setup_logging

    setup_logging()
    log.error("清理时出错：\n%s", "".join(traceback.format_exception(info.exc_value)))


def _with_retries(command, args) -> int:
    """Another program writing the same file for longer than SQLite waits: wait and try again.

    A command's writes are whole transactions, so running it again is safe.
    """
    for attempt in range(BUSY_ATTEMPTS):
        try:
            return command(args)
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt == BUSY_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _file_of(args) -> Path:
    return (
        getattr(args, "workspace", None) or getattr(args, "workbook", None)
        or next(iter(getattr(args, "paths", None) or ()), None) or Path(".")
    )


def _open(path: Path) -> Workspace:
    """For a command that only reads: a copy in memory, the file left exactly as it is."""
    ws = Workspace.open(path, read_only=True)
    _report_damage(ws)
    return ws


@contextmanager
def _open_for_writing(path: Path):
    with held_for_writing(path) as ws:
        _report_damage(ws)
        yield ws


def _report_damage(ws: Workspace) -> None:
    for line in ws.damage():
        print(f"警告：{line}", file=sys.stderr)


def _form(ws: Workspace, form_id: str) -> str:
    if form_id not in ws.forms or not ws.structure.is_active(form_id):
        names = "、".join(f.id for f in ws.structure.active)
        raise UsageError(f"没有表“{form_id}”。可用的表：{names}")
    return form_id


def cmd_new(args) -> int:
    ws = Workspace.create(
        args.workspace,
        {
            "单位名称": args.unit, "年度": args.year, "单位性质": args.nature,
            "主管部门": args.parent, "金额单位": args.money, "公开主体": args.subject,
            "选填表": args.optional, "单位代码": args.code, "财政区划": args.region,
        },
    )
    print(f"已新建工作区：{ws.path}（{args.unit}，{args.year}年度）")
    ws.close()
    return OK


def cmd_set_unit(args) -> int:
    with _open_for_writing(args.workspace) as ws:
        ws.set_unit(args.key, args.value)
        print(f"{args.key}：{ws.unit[args.key] or '（未填）'}")
        return OK


def cmd_set(args) -> int:
    with _open_for_writing(args.workspace) as ws:
        form_id = _form(ws, args.form)
        row = find_row(ws.structure, form_id, args.row)
        column = find_column(ws.structure, form_id, row, args.column)
        if row is None:
            # Read the figure before the 科目 row goes in, so a refusal writes nothing.
            try:
                parse_amount(args.value, unit=ws.money_unit)
            except AmountError as exc:
                raise UsageError(str(exc)) from exc
            ws.add_row(form_id, args.row, args.name)
        ref = CellRef(form_id, row.key if row else args.row, column.key)
        ws.set_value(ref, ws.parse(ref, args.value))
        shown = ws.value(ref)
        print(f"{ws.describe(ref)} = {'' if shown is None else shown}")
        return OK


def cmd_note(args) -> int:
    with _open_for_writing(args.workspace) as ws:
        ws.set_empty_note(_form(ws, args.form), args.text)
        print(f"{args.form} 空表说明：{args.text or '（已清除）'}")
        return OK


def cmd_explain(args) -> int:
    with _open_for_writing(args.workspace) as ws:
        # A rule folded into one wrong cell's finding still has its own key.
        known = {k for f in ws.findings() for k in (f.key, *f.covers)} | set(ws.explanations)
        if args.key not in known:
            # Most likely a mistyped key: say so rather than keep a note nothing shows.
            raise UsageError(f"当前没有编号为“{args.key}”的审核结果。编号见 juesuan check --json 的 key")
        ws.set_explanation(args.key, args.text)
        print(f"{args.key} 出错说明：{ws.explanation(args.key) or '（已清除）'}")
        return OK


def cmd_text(args) -> int:
    from desktop.cli.text_command import run

    return run(args, _open, _open_for_writing)


def cmd_show(args) -> int:
    from desktop.cli.table_text import render_form

    with _open(args.workspace) as ws:
        print(render_form(ws, _form(ws, args.form)))
    return OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数")
    return int(text)


def cmd_check(args) -> int:
    single = len(args.paths) == 1 and not args.paths[0].is_dir() and args.output is None
    if not single:
        from desktop.cli.batch_check import run_batch

        from desktop.core.review.workbook import write_review_workbook

        if args.output is not None:
            _refuse_existing(args.output, args.force)
        code, reports = run_batch(args.paths, args.glob, args.jobs, args.json)
        if args.output is not None and reports:
            with _writing(args.output, "Excel 或 WPS"):
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
    return _check(_open(args.workspace), args)


def _check_workbook(args) -> int:
    """Builds the workbook's workspace in memory, then checks it like any other."""
    from desktop.core.excel.import_ import ExcelError, workspace_from_workbook

    with _from_workbook(args.workspace):
        try:
            ws, warnings = workspace_from_workbook(args.workspace, choice=args.choice)
        except ExcelError as exc:
            raise UsageError(with_set_hint(exc)) from exc
    _print_warnings(warnings)
    return _check(ws, args, source=args.workspace, warnings=warnings)


@contextmanager
def _from_workbook(path: Path):
    """A figure the workspace refuses came from the workbook: the message names it."""
    try:
        yield
    except EditError as exc:
        raise UsageError(f"工作簿“{path}”：{exc}") from exc


def _read_workbook(path: Path, choice: str | None = None):
    from desktop.core.excel.import_ import ExcelError, read_workbook

    if is_pdf(path):
        from desktop.cli.pdf_commands import read_pdf_or_refuse

        snapshot, warnings, _ = read_pdf_or_refuse(path)
        _print_warnings(warnings)
        return snapshot, warnings
    try:
        snapshot, warnings = read_workbook(path, choice=choice)
    except ExcelError as exc:
        raise UsageError(with_set_hint(exc)) from exc
    _print_warnings(warnings)
    return snapshot, warnings


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"警告：{warning}", file=sys.stderr)


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


def _refuse_existing(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise UsageError(f"文件“{target}”已存在；如要覆盖请加 --force")


@contextmanager
def _writing(target: Path, holder: str):
    """A file that cannot be written is the user's to solve: say which file and why, in words."""
    try:
        yield
    except OSError as exc:
        raise UsageError(describe_failure(exc, target, "写入", holder)) from exc
    except Exception as exc:
        # lxml, which writes the workbook's XML, reports a failed write as SerialisationError("IO_EFBIG").
        code = getattr(errno, str(exc).removeprefix("IO_"), None) if type(exc).__name__ == "SerialisationError" else None
        if not isinstance(code, int):
            raise
        raise UsageError(describe_failure(OSError(code, os.strerror(code)), target, "写入", holder)) from exc


def cmd_report(args) -> int:
    # The PDF is drawn with Qt, the one Qt use the command line has (see pyproject's contract).
    from desktop.core.review.report import build_report
    from desktop.printing.report_pdf import write_pdf

    target: Path = args.output
    _require_format(target, {".pdf": "PDF"}, "审核报告")
    _refuse_existing(target, args.force)
    with _open(args.workspace) as ws:
        report = build_report(ws)
    with _writing(target, "其他程序"), written_whole(target) as partial:
        pages = write_pdf(report, partial)
    counts = report.summary["by_severity"]
    print(f"已生成审核报告：{target}（{pages} 页；错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条）")
    return HAS_ERRORS if counts["错误"] else OK


def _require_format(target: Path, formats: dict[str, str], what: str) -> None:
    """Refuses an output name whose suffix is not a format the command writes, as `publish` does."""
    if target.suffix.lower() not in formats:
        kinds = " 或 ".join(f"{suffix}（{name}）" for suffix, name in formats.items())
        raise UsageError(f"不能生成“{target.name}”：{what}只能存为 {kinds}，请改用该扩展名")


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
    _refuse_existing(target, args.force)
    with _open(args.workspace) as ws:
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


def cmd_export(args) -> int:
    from desktop.core.excel.export import write_workbook

    target: Path = args.output
    _require_format(target, {".xlsx": "Excel 工作簿"}, "导出的工作簿")
    _refuse_existing(target, args.force)
    with _open(args.workspace) as ws, _writing(target, "Excel 或 WPS"):
        write_workbook(ws, target)
    print(f"已导出：{target}")
    return OK


def cmd_import(args) -> int:
    from desktop.core.excel.import_ import apply, write_workspace

    target: Path = args.output
    _require_format(target, {".juesuan": "决算公开工作区"}, "导入的工作区")
    if target.exists() and not args.force:
        raise UsageError(f"工作区“{target}”已存在；如要导入到其中（原数字保留在修改记录中）请加 --force")
    snapshot, warnings = _read_workbook(args.workbook, args.choice)
    if args.year:
        snapshot.unit["年度"] = args.year
    elif not snapshot.unit.get("年度"):
        print("警告：工作簿的表上没有写年度，工作区的年度为空；可用 --year 指定（决定所用的科目表）", file=sys.stderr)
    with _from_workbook(args.workbook):
        if target.exists():
            with _open_for_writing(target) as ws:
                apply(ws, snapshot)
        else:
            write_workspace(snapshot, target)
    tail = f"；{len(warnings)} 个单元格未能导入，见上方警告" if warnings else ""
    print(f"已导入：{args.workbook} → {target}（{snapshot.figure_count} 个数字{tail}）")
    return OK


def cmd_narrative(args) -> int:
    from desktop.cli.narrative_commands import write_draft
    from desktop.core.narrative.draft import gaps_in

    _refuse_existing(args.output, args.force)
    with _open(args.workspace) as ws, _writing(args.output, "Word 或其他程序"), written_whole(args.output) as partial:
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


def cmd_narrative_check(args) -> int:
    from desktop.cli.narrative_commands import check_report as narrative_report
    from desktop.cli.narrative_commands import print_check, read_text

    pages = None
    if is_pdf(args.narrative):
        from desktop.cli.pdf_commands import pdf_narrative

        text, pages = pdf_narrative(args.narrative)
    else:
        text = read_text(args.narrative)
    with _open(args.workspace) as ws:
        report, found = narrative_report(ws, args.narrative, text, pages)
    print_check(report, found, args.json)
    return HAS_ERRORS if report["summary"]["by_severity"]["错误"] else OK


def cmd_catalogue(args) -> int:
    from desktop.cli.catalogue_command import run

    return run(args)


def cmd_merge(args) -> int:
    from desktop.cli.merge_command import build, verify

    return verify(args) if args.verify is not None else build(args)


COMMANDS = {
    "merge": cmd_merge,
    "export": cmd_export,
    "import": cmd_import,
    "new": cmd_new,
    "set-unit": cmd_set_unit,
    "catalogue": cmd_catalogue,
    "set": cmd_set,
    "note": cmd_note,
    "text": cmd_text,
    "explain": cmd_explain,
    "show": cmd_show,
    "check": cmd_check,
    "report": cmd_report,
    "publish": cmd_publish,
    "narrative": cmd_narrative,
    "narrative-check": cmd_narrative_check,
}
