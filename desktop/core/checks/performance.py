"""The 绩效自评表 checks, as the form files state them, run over every table of a workspace."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.checks.findings import Finding, FindingCell
from desktop.core.definitions.performance import PerfCheck
from desktop.core.performance.book import HUNDRED, PerfTable, SelfEvaluation

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")


def check_performance(book: SelfEvaluation) -> list[Finding]:
    found: list[Finding] = []
    for table in book.ordered():
        for check in book.form_of(table).checks:
            found += _KINDS[check.kind](_Run(book, table, check))
    return found


class _Run:
    """One check on one table: reads cells and makes findings anchored to them."""

    def __init__(self, book: SelfEvaluation, table: PerfTable, check: PerfCheck):
        self.book, self.table, self.check, self.p = book, table, check, check.params
        self.form = book.form_of(table)

    def rows_of(self, block_key: str) -> list[str]:
        return self.book.block_rows(self.table, self.form.block(block_key))

    def num(self, row: str, col: str) -> Decimal | None:
        return self.book.number(self.table, row, col)

    def cell(self, row: str, col: str) -> FindingCell:
        block = self.form.block_of_row(row)
        column = block.column(col) if block else None
        return FindingCell(
            form=self.table.form, row=f"{self.table.id}:{row}",
            row_label=f"{self.table.name}「{self.book.row_label(self.table, row)}」",
            column=col, column_label=column.label if column else col, section="", line=None,
            value=self.num(row, col),
        )

    def finding(self, row: str, col: str, message: str, cells: list[tuple[str, str]], *, severity: str | None = None,
                expected=None, actual=None, tolerance=None, rounding=False) -> Finding:
        difference = None if expected is None or actual is None else actual - expected
        return Finding(
            key=f"{self.check.id}:{self.table.id}:{row}:{col}", rule=self.check.id, title=self.check.title,
            severity=severity or self.check.severity, form=self.table.form,
            message=f"{self.form.title}「{self.table.name}」：{message}",
            cells=tuple(self.cell(r, c) for r, c in cells),
            expected=expected, actual=actual, difference=difference, tolerance=tolerance, rounding=rounding,
        )

    def label(self, row: str, col: str) -> str:
        block = self.form.block_of_row(row)
        column = block.column(col) if block else None
        return f"「{self.book.row_label(self.table, row)}」{column.label if column else col}"

    def sum_finding(self, total: tuple[str, str], addends: list[tuple[str, str]], what: str) -> list[Finding]:
        """total = Σ addends under the 尾差 rule: each blank is an exact zero and no addend."""
        stated = self.num(*total)
        present = [(a, v) for a in addends if (v := self.num(*a)) is not None]
        if stated is None and not present:
            return []
        expected = sum((v for _, v in present), Decimal(0))
        actual = stated if stated is not None else Decimal(0)
        tolerance = HALF_CENT * (len(present) + 1) if len(present) > 1 else CENT
        gap = abs(actual - expected)
        if gap == 0:
            return []
        rounding = gap <= tolerance
        message = (f"{self.label(*total)} {actual} 与{what} {expected} 相差 {actual - expected}"
                   + ("，在尾差范围内" if rounding else ""))
        return [self.finding(*total, message, [total, *(a for a, _ in present)], severity="提示" if rounding else None,
                             expected=expected, actual=actual, tolerance=tolerance, rounding=rounding)]


def _rate(run: _Run) -> list[Finding]:
    p, found = run.p, []
    for block in p["blocks"]:
        for row in run.rows_of(block):
            rate, a, b = run.num(row, p["rate"]), run.num(row, p["denominator"]), run.num(row, p["numerator"])
            if rate is None or a is None or b is None or a == 0:
                continue
            expected = b / a * HUNDRED
            decimals = max(0, -rate.as_tuple().exponent)
            # A rate printed as a whole percent is right within half a point; two decimals within 0.01.
            tolerance = max(CENT, Decimal(5).scaleb(-decimals - 1))
            if abs(rate - expected) <= tolerance:
                continue
            message = (f"{run.label(row, p['rate'])}应为 {b}÷{a} = {expected.quantize(CENT)}%，"
                       f"表上为 {rate}%")
            found.append(run.finding(row, p["rate"], message, [(row, p["rate"]), (row, p["numerator"]),
                                     (row, p["denominator"])], expected=expected.quantize(CENT), actual=rate,
                                     tolerance=tolerance))
    return found


def _row_sum(run: _Run) -> list[Finding]:
    found = []
    for block in run.p["blocks"]:
        for row in run.rows_of(block):
            for total, parts in zip(run.p["total"], run.p["parts"]):
                found += run.sum_finding((row, total), [(row, c) for c in parts], "各部分之和")
    return found


def _column_sum(run: _Run) -> list[Finding]:
    total = run.p["total_row"]
    return [f for col in run.p["columns"]
            for f in run.sum_finding((total, col), [(r, col) for r in run.p["rows"]], "各部分之和")]


def _block_sum(run: _Run) -> list[Finding]:
    total, rows = run.p["total_row"], run.rows_of(run.p["block"])
    return [f for col in run.p["columns"]
            for f in run.sum_finding((total, col), [(r, col) for r in rows], "各行之和")]


def _score_cap(run: _Run) -> list[Finding]:
    found = []
    for block in run.p["blocks"]:
        for row in run.rows_of(block):
            points, score = run.num(row, "分值"), run.num(row, "得分")
            if points is not None and score is not None and score > points:
                found.append(run.finding(row, "得分", f"{run.label(row, '得分')} {score} 超过分值 {points}",
                                         [(row, "得分"), (row, "分值")], expected=points, actual=score))
    return found


def _cells(run: _Run, refs: list[dict]) -> list[tuple[str, str]]:
    cells = []
    for ref in refs:
        rows = run.rows_of(ref["block"]) if "block" in ref else [ref["row"]]
        cells += [(row, ref["col"]) for row in rows]
    return cells


def _total_points(run: _Run) -> list[Finding]:
    total = (run.p["total"]["row"], run.p["total"]["col"])
    addends = _cells(run, run.p["addends"])
    if run.num(*total) is None and all(run.num(*a) is None for a in addends):
        return []
    found = run.sum_finding(total, addends, "各项分值之和") if run.num(*total) is not None else []
    points = Decimal(str(run.p["points"]))
    stated = run.num(*total)
    if stated is None:
        stated = sum((v for a in addends if (v := run.num(*a)) is not None), Decimal(0))
    if stated != points:
        # Keyed apart from the sum above (column 满分), so each can be explained on its own.
        found.append(run.finding(total[0], "满分", f"各项分值合计 {stated}，不是 {points} 分", [total],
                                 expected=points, actual=stated))
    return found


def _score_sum(run: _Run) -> list[Finding]:
    total = (run.p["total"]["row"], run.p["total"]["col"])
    if run.num(*total) is None:
        return []
    addends = _cells(run, run.p["addends"])
    # A row with points but no score printed (a region that leaves the 执行率 得分 blank): the sum cannot be checked.
    if any(run.num(row, "分值") is not None and run.num(row, col) is None for row, col in addends):
        return []
    return run.sum_finding(total, addends, "各项得分之和")


def _rate_score(run: _Run) -> list[Finding]:
    row = run.p["row"]
    points, rate, score = run.num(row, "分值"), run.num(row, "执行率"), run.num(row, "得分")
    if points is None or rate is None or score is None:
        return []
    expected = points * min(rate, HUNDRED) / HUNDRED
    tolerance = Decimal(str(run.p["tolerance"]))
    if abs(score - expected) <= tolerance:
        return []
    message = (f"预算执行率得分 {score} 与分值 {points} × 执行率 {rate}% = {expected.quantize(CENT)} "
               f"相差超过 {tolerance} 分（各地折算办法不同，如属本地规定请写出错说明）")
    return [run.finding(row, "得分", message, [(row, "得分"), (row, "分值"), (row, "执行率")],
                        expected=expected.quantize(CENT), actual=score, tolerance=tolerance)]


def _deviation_reason(run: _Run) -> list[Finding]:
    row, reason = run.p["row"], run.p["reason"]
    rate = run.num(row, "执行率")
    if rate is None or rate >= HUNDRED:
        return []
    if any(run.book.text(run.table, r, c).strip() for r, c in _cells(run, [reason])):
        return []
    return [run.finding(row, "执行率", f"执行率 {rate}% 不足 100%，尚未写偏差原因分析及改进措施",
                        [(row, "执行率")], actual=rate)]


_KINDS = {
    "rate": _rate, "row_sum": _row_sum, "column_sum": _column_sum, "block_sum": _block_sum,
    "score_cap": _score_cap, "total_points": _total_points, "score_sum": _score_sum,
    "rate_score": _rate_score, "deviation_reason": _deviation_reason,
}
