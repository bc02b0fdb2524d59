"""`juesuan`: the window for a file (or the sample), or a command-line subcommand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import COMMAND_NAMES


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # openpyxl imports numpy, when it is installed, only to accept numpy values,
    # which this program never hands them; loading it costs every command a tenth of a second.
    sys.modules.setdefault("numpy", None)
    if argv == ["--version"]:
        from desktop import __version__

        print(f"决算公开填报审核 {__version__}")
        return 0
    if argv and (argv[0] in COMMAND_NAMES or argv[0] in ("-h", "--help")):
        from desktop.cli.main import main as cli_main

        return cli_main(argv)
    parser = argparse.ArgumentParser(prog="juesuan", description="决算公开填报审核：打开工作区窗口。")
    parser.add_argument("workspace", nargs="?", type=Path, help="工作区文件；省略则打开示例工作区")
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--print-report-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    refusal = _not_a_workspace(args.workspace)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 2
    from desktop.gui.app import run

    return run(args.workspace, args.quit_after_show, args.print_report_to)


def _not_a_workspace(path: Path | None) -> str | None:
    """Why the window will not open for this argument: a mistyped command, or a file that is not there.

    Said before the window starts, on the terminal where the user typed it.
    """
    if path is None or path.exists():
        return None
    if not path.suffix and len(path.parts) == 1:
        return (f"未知命令：{path}。可用的命令：{'、'.join(sorted(COMMAND_NAMES))}"
                f"（juesuan --help 列出每条的用法）；打开工作区请给出文件名，如 juesuan 单位.juesuan。")
    return f"找不到工作区文件“{path}”。"
