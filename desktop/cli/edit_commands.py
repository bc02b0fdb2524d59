"""`new`, `set-unit`, `set`, `note` and `explain`: a workspace made, or its unit facts, figures and notes changed."""

from __future__ import annotations

from desktop.cli.exit_status import OK
from desktop.cli.opening import active_form, open_for_writing
from desktop.cli.usage import UsageError
from desktop.core.addressing import find_column, find_row
from desktop.core.definitions import CellRef
from desktop.core.money import AmountError, parse_amount
from desktop.core.workspace import Workspace


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
    with open_for_writing(args.workspace) as ws:
        ws.set_unit(args.key, args.value)
        print(f"{args.key}：{ws.unit[args.key] or '（未填）'}")
        return OK


def cmd_set(args) -> int:
    with open_for_writing(args.workspace) as ws:
        form_id = active_form(ws, args.form)
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
    with open_for_writing(args.workspace) as ws:
        ws.set_empty_note(active_form(ws, args.form), args.text)
        print(f"{args.form} 空表说明：{args.text or '（已清除）'}")
        return OK


def cmd_explain(args) -> int:
    with open_for_writing(args.workspace) as ws:
        # A rule folded into one wrong cell's finding still has its own key.
        known = {k for f in ws.findings() for k in (f.key, *f.covers)} | set(ws.explanations)
        if args.key not in known:
            # Most likely a mistyped key: say so rather than keep a note nothing shows.
            raise UsageError(f"当前没有编号为“{args.key}”的审核结果。编号见 juesuan check --json 的 key")
        ws.set_explanation(args.key, args.text)
        print(f"{args.key} 出错说明：{ws.explanation(args.key) or '（已清除）'}")
        return OK
