"""`juesuan`: create, fill, show and check workspaces from the command line.

Here are the commands' arguments and the one entry point that runs each command and turns its failures
into messages; the commands themselves are in the modules named after what they do.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from desktop import __version__
from desktop.cli import (
    catalogue_command, check_commands, edit_commands, publish_commands, text_command, workbook_commands,
)
from desktop.cli.exit_status import OK, UNUSABLE
from desktop.cli.set_choice import SET_HELP
from desktop.cli.usage import UsageError
from desktop.core.addressing import AddressError
from desktop.core.definitions.loader import FormDefinitionError
from desktop.core.entry_text import undecoded
from desktop.core.store.failure import describe_failure, is_busy
from desktop.core.workspace import UNIT_DEFAULTS, EditError, WorkspaceError

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


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数")
    return int(text)


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
    "catalogue": catalogue_command.add_parser,
    "set": _set_arguments,
    "note": _note_arguments,
    "text": text_command.add_parser,
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


def _merge(args) -> int:
    # The 汇总's module loads the workbook readers and the merge itself: only `merge` imports it.
    from desktop.cli.merge_command import run

    return run(args)


COMMANDS = {
    "merge": _merge,
    "export": workbook_commands.cmd_export,
    "import": workbook_commands.cmd_import,
    "new": edit_commands.cmd_new,
    "set-unit": edit_commands.cmd_set_unit,
    "catalogue": catalogue_command.run,
    "set": edit_commands.cmd_set,
    "note": edit_commands.cmd_note,
    "text": text_command.run,
    "explain": edit_commands.cmd_explain,
    "show": check_commands.cmd_show,
    "check": check_commands.cmd_check,
    "report": publish_commands.cmd_report,
    "publish": publish_commands.cmd_publish,
    "narrative": publish_commands.cmd_narrative,
    "narrative-check": check_commands.cmd_narrative_check,
}
