"""The reviewer's summary workbook of a batch check: one row a file, every finding, the rules that fired."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.core.atomic_file import written_whole
from desktop.core.batch.file_report import UNREADABLE
from desktop.core.checks.findings import SEVERITY_ORDER
from desktop.core.excel.cells import put_number, put_text

FILES = ("单位", "年度", "文件", "状态", "错误", "警告", "提示", "缺表", "情况说明已审核", "前三条错误（无法读取时为原因）")
FINDINGS = ("文件", "单位", "表", "行", "列", "规则", "严重程度", "说明", "应为", "实为", "差额")
RULES = ("规则", "名称", "严重程度", "涉及文件数", "条数")
_WIDTHS = {"文件": 48, "单位": 28, "说明": 70, "前三条错误（无法读取时为原因）": 90, "名称": 50}
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")


def worst_first(reports: list[dict]) -> list[dict]:
    """Unreadable files first, then by 错误, 警告, 提示 counts, most first; ties by path."""
    def key(report: dict):
        counts = report.get("summary", {}).get("by_severity", {})
        return (report["status"] != UNREADABLE, *(-counts.get(s, 0) for s in SEVERITY_ORDER), report["path"])
    return sorted(reports, key=key)


def first_errors(report: dict, limit: int = 3) -> str:
    if report["status"] == UNREADABLE:
        return report["reason"]
    errors = [f["message"] for f in report.get("findings", []) if f["severity"] == "错误"]
    return "；".join(errors[:limit])


def write_review_workbook(reports: list[dict], target: Path) -> None:
    """Written beside `target` and renamed into place: a failed write leaves no half workbook."""
    book = Workbook()
    ordered = worst_first(reports)
    _files_sheet(book.active, ordered)
    _findings_sheet(book.create_sheet(), ordered)
    _rules_sheet(book.create_sheet(), ordered)
    with written_whole(Path(target)) as partial:
        book.save(partial)


def _files_sheet(sheet, reports: list[dict]) -> None:
    sheet.title = "按文件"
    _header(sheet, FILES)
    for r, report in enumerate(reports, start=2):
        counts = report.get("summary", {}).get("by_severity", {})
        narrative = report.get("narrative_checked")
        texts = [report.get("unit", ""), report.get("year", ""), report["path"], report["status"]]
        for c, text in enumerate(texts, start=1):
            put_text(sheet, r, c, text)
        for c, severity in enumerate(SEVERITY_ORDER, start=5):
            if report["status"] != UNREADABLE:
                put_number(sheet, r, c, Decimal(counts.get(severity, 0)))
        put_text(sheet, r, 8, "、".join(report.get("missing_tables", [])))
        put_text(sheet, r, 9, "" if narrative is None else ("是" if narrative else "否"))
        put_text(sheet, r, 10, first_errors(report))
    _finish(sheet, FILES, len(reports))


def _findings_sheet(sheet, reports: list[dict]) -> None:
    sheet.title = "全部审核结果"
    _header(sheet, FINDINGS)
    r = 1
    for report in reports:
        for finding in report.get("findings", []):
            r += 1
            cell = finding["cells"][0] if finding["cells"] else {}
            texts = [
                report["path"], report.get("unit", ""), finding["form"], cell.get("row", ""), cell.get("column", ""),
                finding["rule"], finding["severity"], finding["message"],
            ]
            for c, text in enumerate(texts, start=1):
                put_text(sheet, r, c, str(text))
            for c, name in enumerate(("expected", "actual", "difference"), start=9):
                put_number(sheet, r, c, None if finding[name] is None else Decimal(finding[name]))
    _finish(sheet, FINDINGS, r - 1)


def _rules_sheet(sheet, reports: list[dict]) -> None:
    sheet.title = "触发的规则"
    _header(sheet, RULES)
    files: Counter = Counter()
    times: Counter = Counter()
    about: dict[tuple[str, str], str] = {}
    for report in reports:
        seen = set()
        for finding in report.get("findings", []):
            key = (finding["rule"], finding["severity"])
            times[key] += 1
            about.setdefault(key, finding["title"])
            seen.add(key)
        files.update(seen)
    ordered = sorted(files, key=lambda k: (SEVERITY_ORDER[k[1]], -files[k], k[0]))
    for r, key in enumerate(ordered, start=2):
        for c, text in enumerate((key[0], about[key], key[1]), start=1):
            put_text(sheet, r, c, text)
        put_number(sheet, r, 4, Decimal(files[key]))
        put_number(sheet, r, 5, Decimal(times[key]))
    _finish(sheet, RULES, len(ordered))


def _header(sheet, names: tuple[str, ...]) -> None:
    for c, name in enumerate(names, start=1):
        cell = put_text(sheet, 1, c, name)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")


def _finish(sheet, names: tuple[str, ...], rows: int) -> None:
    last = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    sheet.freeze_panes = "A2"
    for c, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(name, max(10, 2 * len(name) + 2))
