"""The 审核报告: what a check found, in the shape the unit signs and the reviewer files."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from desktop import __version__
from desktop.core.baselines.budget import budget_difference, budget_lines, completion_rate, entered
from desktop.core.catalogue import editions_text
from desktop.core.checks.findings import SEVERITY_ORDER, Finding, summarize
from desktop.core.money import format_amount
from desktop.core.review.findings import review
from desktop.core.workspace import Workspace

SIGNATURES = ("填报人", "审核人", "单位负责人", "日期")
# The paragraph that opens the closing block; the printer keeps it, 签字 and the names on one page.
CLOSING_LEAD = "本报告由程序根据工作区数据生成"


class CompletionRow(NamedTuple):
    code: str
    name: str
    budget: Decimal | None
    spent: Decimal | None

    @property
    def rate(self) -> str:
        return completion_rate(self.budget, self.spent)

    @property
    def difference(self) -> Decimal:
        return budget_difference(self.budget, self.spent)


@dataclass
class Report:
    unit: dict[str, str]
    money_unit: str
    checked_at: datetime
    version: str
    findings: list[Finding]
    explanations: dict[str, str]
    completion: list[CompletionRow] = field(default_factory=list)
    # Rules not evaluated: a table or column the workbook lacked, a damaged figure (see CheckEngine.unchecked).
    unchecked: list[dict] = field(default_factory=list)
    catalogue: str = ""  # the 科目 catalogue edition the workspace used: “2024年版”

    @property
    def summary(self) -> dict:
        return summarize(self.findings)


def build_report(ws: Workspace, now: datetime | None = None, merged: Iterable[Finding] = ()) -> Report:
    """The report of what `review` finds; the window passes its last 汇总校验 (`merged`), as its pane shows it."""
    found = review(ws, merged)
    return Report(
        unit=dict(ws.unit),
        money_unit=ws.money_unit,
        checked_at=now or datetime.now(),
        version=__version__,
        findings=list(found.findings),
        explanations=found.explanations,
        completion=_completion_rows(ws),
        unchecked=list(found.unchecked),
        catalogue=editions_text(ws.catalogues),
    )


def _completion_rows(ws: Workspace) -> list[CompletionRow]:
    """Every budget line with figures, of the comparisons where budgets were entered."""
    lines = entered(ws, budget_lines(ws))
    return [CompletionRow(line.code, line.name, ws.value(line.budget), ws.value(line.actual)) for line in lines]


# -- as a printable document ---------------------------------------------------------

_STYLE = """
body { font-size: 9.5pt; }
h1 { font-size: 17pt; text-align: center; }
h2 { font-size: 12pt; margin-top: 14px; }
td, th { padding: 3px; }
th { background-color: #e8edf3; }
.num { text-align: right; }
.facts th { background-color: #f3f5f8; text-align: left; font-weight: normal; }
.verdict { font-size: 15pt; font-weight: bold; }
.通过 { color: #1f7a35; }
.错误 { color: #c62828; font-weight: bold; }
.警告 { color: #c66a00; font-weight: bold; }
.提示 { color: #1b5fbf; }
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for cells in rows:
        body.append("<tr>" + "".join(_cell(c, i in numeric) for i, c in enumerate(cells)) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse">'
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>"
    )


def _cell(content, numeric: bool) -> str:
    """A body cell; a (text, span) pair spans that many columns."""
    if isinstance(content, tuple):
        text, span = content
        return f'<td colspan="{span}">{text}</td>'
    return f'<td class="num">{content}</td>' if numeric else f"<td>{content}</td>"


def _where(finding: Finding) -> tuple[str, str]:
    if not finding.cells:
        return "", ""
    cell = finding.cells[0]
    row = cell.row_label if not cell.row.isdigit() else f"{cell.row} {cell.row_label}"
    if cell.section:
        row = f"{cell.section}方 {row}"
    return row, cell.column_label


def report_title(unit: dict[str, str]) -> str:
    """“2024年度单位决算公开审核报告”, or 部门决算 where a department publishes for its units."""
    kind = "部门决算" if unit.get("公开主体") == "部门" else "单位决算"
    return f"{unit.get('年度', '')}年度{kind}公开审核报告"


def verdict(report: Report) -> tuple[str, str]:
    """The conclusion in a few words and its style: 通过, or what must be done before submitting."""
    counts = report.summary["by_severity"]
    unexplained = sum(1 for f in report.findings if f.severity == "警告" and f.key not in report.explanations)
    if counts["错误"]:
        text = f"不通过：有 {counts['错误']} 条错误须更正"
        if unexplained:
            text += f"，另有 {unexplained} 条警告须说明"
        return text, "错误"
    if unexplained:
        return f"待说明：{unexplained} 条警告须说明", "警告"
    return "通过", "通过"


def _facts(report: Report) -> str:
    """The header lines as a small two-pair table, so no line is crammed."""
    unit = report.unit
    subject = "部门" if unit.get("公开主体") == "部门" else "单位"
    pairs = [
        (f"编制{subject}", unit.get("单位名称", "")), ("年度", f"{unit.get('年度', '')}年度"),
        ("主管部门", unit.get("主管部门", "") or "—"), ("单位性质", unit.get("单位性质", "") or "—"),
        ("单位代码", unit.get("单位代码", "") or "未填"), ("财政区划", unit.get("财政区划", "") or "未填"),
        ("金额单位", report.money_unit), ("科目目录", report.catalogue or "—"),
        ("审核时间", f"{report.checked_at:%Y-%m-%d %H:%M}"), ("审核程序", f"决算公开填报审核 {report.version}"),
    ]
    rows = []
    for i in range(0, len(pairs), 2):
        cells = "".join(
            f'<th width="12%">{_e(k)}</th><td width="38%">{_e(v)}</td>' for k, v in pairs[i:i + 2]
        )
        rows.append(f"<tr>{cells}</tr>")
    return ('<table class="facts" border="1" cellspacing="0" cellpadding="4" width="100%" '
            f'style="border-collapse: collapse">{"".join(rows)}</table>')


def _finding_row(number: int, finding: Finding, explanation: str) -> list:
    severity = f'<span class="{finding.severity}">{_e(finding.severity)}</span>' + ("（尾差）" if finding.rounding else "")
    rule = _e(finding.rule) + "<br>" + _e(finding.title)
    if not finding.cells and finding.expected is None:
        # No cell and no figure (an empty table without its 空表说明, a missing table): the
        # sentence is the finding, so it takes the place of 行 and 列.
        return [str(number), severity, _e(finding.form), (_e(finding.message), 2), rule, "", "", "", _e(explanation)]
    row, column = _where(finding)
    return [
        str(number), severity, _e(finding.form), _e(row), _e(column), rule,
        _e(format_amount(finding.expected)), _e(format_amount(finding.actual)),
        _e(format_amount(finding.difference)), _e(explanation),
    ]


def report_html(report: Report) -> str:
    counts = report.summary["by_severity"]
    conclusion, style = verdict(report)
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(report_title(report.unit))}</h1>",
        _facts(report),
        "<h2>一、审核结论</h2>",
        f'<p class="verdict"><span class="{style}">{_e(conclusion)}</span></p>',
        f"<p>共发现错误 <b>{counts['错误']}</b> 条、警告 <b>{counts['警告']}</b> 条、提示 <b>{counts['提示']}</b> 条。"
        + ("存在错误，须更正后报送。" if counts["错误"] else "未发现错误。")
        + (f"其中 {sum(1 for f in report.findings if f.rounding)} 条为四舍五入形成的尾差。" if report.findings else "")
        + (f"另有 {len(report.unchecked)} 条规则因数字缺失未核对，见“未核对的审核规则”。" if report.unchecked else "")
        + "</p>",
    ]
    by_form = report.summary["by_form"]
    if by_form:
        rows = [[_e(form)] + [str(c[s]) for s in SEVERITY_ORDER] for form, c in by_form.items()]
        parts.append(_table(["表"] + list(SEVERITY_ORDER), rows, {1, 2, 3}))
    parts.append("<h2>二、审核结果明细</h2>")
    if report.findings:
        rows = [
            _finding_row(number, finding, report.explanations.get(finding.key, ""))
            for number, finding in enumerate(report.findings, 1)
        ]
        parts.append(_table(
            ["序号", "严重程度", "表", "行", "列", "规则", "应为", "实为", "差额", "出错说明"],
            rows, {0, 6, 7, 8},
        ))
    else:
        parts.append("<p>无。</p>")
    if report.unchecked:
        parts.append("<h2>未核对的审核规则</h2>")
        parts.append(f"<p>以下 {len(report.unchecked)} 条规则读到的数字缺失或已损坏，未作审核：</p>")
        rows = [
            [_e(e["form"]), _e(e["rule"]), _e(e["title"]), _e("；".join(e["reasons"]))]
            for e in report.unchecked
        ]
        parts.append(_table(["表", "规则", "内容", "原因"], rows, set()))
    if report.completion:
        parts.append("<h2>三、预算执行情况</h2>")
        rows = [
            [_e(r.code), _e(r.name), _e(format_amount(r.budget)), _e(format_amount(r.spent)),
             _e(r.rate), _e(format_amount(r.difference))]
            for r in report.completion
        ]
        parts.append(_table(["科目代码", "项目", "预算数", "决算数", "完成率", "差额"], rows, {2, 3, 4, 5}))
    signatures = "".join(f"<td width='25%'>{s}：</td>" for s in SIGNATURES)
    # Room to sign: a gap above the block and a tall line for each hand.
    parts.append(
        f"<p style='margin-top: 36px'>{CLOSING_LEAD}；警告、提示所附出错说明由填报单位填写。</p>"
        "<h2 style='margin-top: 24px'>签字</h2><table width='100%' cellpadding='18'><tr>" + signatures
        + "</tr></table></body></html>"
    )
    return "".join(parts)
