"""`export` and `import`: a workspace written out as an Excel workbook, or built from a workbook or PDF."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.exit_status import OK
from desktop.cli.opening import open_for_reading, open_for_writing
from desktop.cli.output_files import refuse_existing, require_format, writing
from desktop.cli.usage import UsageError
from desktop.cli.workbook_input import from_workbook, read_snapshot


def cmd_export(args) -> int:
    from desktop.core.excel.export import write_workbook

    target: Path = args.output
    require_format(target, {".xlsx": "Excel 工作簿"}, "导出的工作簿")
    refuse_existing(target, args.force)
    with open_for_reading(args.workspace) as ws, writing(target, "Excel 或 WPS"):
        write_workbook(ws, target)
    print(f"已导出：{target}")
    return OK


def cmd_import(args) -> int:
    from desktop.core.excel.import_ import apply, write_workspace

    target: Path = args.output
    require_format(target, {".juesuan": "决算公开工作区"}, "导入的工作区")
    if target.exists() and not args.force:
        raise UsageError(f"工作区“{target}”已存在；如要导入到其中（原数字保留在修改记录中）请加 --force")
    snapshot, warnings = read_snapshot(args.workbook, args.choice)
    if args.year:
        snapshot.unit["年度"] = args.year
    elif not snapshot.unit.get("年度"):
        print("警告：工作簿的表上没有写年度，工作区的年度为空；可用 --year 指定（决定所用的科目表）", file=sys.stderr)
    with from_workbook(args.workbook):
        if target.exists():
            with open_for_writing(target) as ws:
                apply(ws, snapshot)
        else:
            write_workspace(snapshot, target)
    tail = f"；导入警告 {len(warnings)} 条，见上方" if warnings else ""
    print(f"已导入：{args.workbook} → {target}（{snapshot.figure_count} 个数字{tail}）")
    return OK
