"""`juesuan catalogue import`: a newer 科目 catalogue from the official list, for every workspace of its year."""

from __future__ import annotations

import sys

from desktop.cli.usage import UsageError

# What the user types for --kind, and the catalogue kind it means.
KIND_WORDS = {"功能": "功能分类", "功能分类": "功能分类", "经济": "经济分类", "经济分类": "经济分类"}


class CatalogueUsageError(UsageError):
    """Input the catalogue command cannot use; exit status 2 with the message."""


def add_parser(sub) -> None:
    p = sub.add_parser("catalogue", help="科目目录：导入财政部发布的新版政府收支分类科目")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True, help="目前只有 import")
    p = actions.add_parser("import", help="从 Excel 工作簿（.xlsx）或文本文件导入一年的科目目录")
    p.add_argument("file", metavar="文件", help="每行（每行单元格）为科目代码和科目名称，如“2080101 行政运行”")
    p.add_argument("--year", required=True, metavar="年度", help="科目目录的年度，如 2025；此后该年度的工作区都使用它")
    p.add_argument("--kind", metavar="分类", help="功能 或 经济（省略时按代码判断：2 开头为功能分类，3 开头为经济分类）")


def run(args) -> int:
    from pathlib import Path

    from desktop.core.catalogue_import import CatalogueImportError, import_catalogue

    if not (args.year.isascii() and args.year.isdigit() and len(args.year) == 4):
        raise CatalogueUsageError(f"年度“{args.year}”应为四位年份，如 2025")
    kind = None
    if args.kind is not None:
        kind = KIND_WORDS.get(args.kind.strip())
        if kind is None:
            raise CatalogueUsageError(f"--kind “{args.kind}”应为：功能、经济")
    try:
        imported = import_catalogue(Path(args.file), int(args.year), kind)
    except CatalogueImportError as exc:
        raise CatalogueUsageError(str(exc)) from exc
    for line in imported.unread:
        print(f"警告：{line}", file=sys.stderr)
    print(imported.summary())
    print(f"保存在：{imported.path}")
    changes = imported.changes.lines()
    if changes:
        print(f"与{imported.changes.previous}相比改名或取消的科目（用到它们的工作区将逐行提示）：")
        for line in changes:
            print(f"  {line}")
    return 0
