"""`juesuan narrative` and `juesuan narrative-check`: the 情况说明 drafted and checked from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.draft import draft_narrative
from desktop.core.store.failure import describe
from desktop.core.text_decoding import TextDecodingError, decode_text
from desktop.core.text_sections import narrative_title
from desktop.core.workspace import Workspace
from desktop.cli.usage import UsageError


class NarrativeUsageError(UsageError):
    """Input the narrative commands cannot use; exit status 2."""


def read_text(path: Path) -> str:
    """A 情况说明 saved by Notepad, WPS or Word: text in UTF-8 (with or without BOM), UTF-16 with
    its BOM, or GB18030; or a Word .docx. (A PDF is read by pdf_commands.pdf_narrative.)"""
    if path.exists() and not path.is_dir() and not path.is_file():  # reading a named pipe would wait for ever
        raise NarrativeUsageError(f"“{path}”不是普通文件（是命名管道、设备或套接字），程序没有读取它。")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NarrativeUsageError(describe(exc, path, "读取")) from exc
    # Files people pick by mistake, named so they know what to save instead.
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NarrativeUsageError(f"“{path}”是旧版 Word（.doc）或 WPS 文档：请在 Word 或 WPS 中另存为 .docx 或文本文件后再核对")
    if raw.startswith(b"PK\x03\x04"):
        from desktop.core.narrative.word import read_docx  # python-docx only when Word is given

        try:
            return read_docx(path)
        except Exception as exc:  # python-docx raises several kinds on a damaged package
            raise NarrativeUsageError(f"“{path}”不是可读取的 Word 文档（.docx）：文件已损坏或格式不符") from exc
    try:
        return decode_text(raw)
    except TextDecodingError as exc:
        raise NarrativeUsageError(f"“{path}”{exc}；情况说明也可以是 Word 文档（.docx）") from exc


def write_draft(ws: Workspace, target: Path, kind: str) -> str:
    """The draft as text, or as a Word document when `kind` (the file's suffix) is .docx."""
    text = draft_narrative(ws)
    if kind.lower() == ".docx":
        from desktop.core.narrative.word import write_docx  # python-docx only when Word is asked for

        write_docx(text, target, narrative_title(ws))
    else:
        target.write_text(text, encoding="utf-8")
    return text


def check_report(ws: Workspace, source: Path, text: str, pages: list[tuple[int, int]] | None = None) -> tuple[dict, list]:
    """The review of `text`; `pages` (offset, page) where the text was read from a PDF, so that each
    finding names its page."""
    review = review_narrative(ws, text)
    if not review.figures:
        raise NarrativeUsageError(f"“{source}”：{review.message()}。请确认选的是情况说明文件")
    found = review.findings
    counts = {"错误": 0, "警告": 0, "提示": 0}
    for item in found:
        counts[item.finding.severity] += 1
    report = {
        "workspace": str(ws.path),
        "narrative": str(source),
        "summary": {"by_severity": counts, "figures": review.summary(), "read": review.message()},
        "findings": [{**item.to_json(), **({"page": _page(pages, item.start)} if pages else {})} for item in found],
        "unread": [item.to_json() for item in review.unread],
        "no_data": [item.to_json() for item in review.no_data],
        "apart": [item.to_json() for item in review.apart],
    }
    return report, found


def _page(pages: list[tuple[int, int]], start: int) -> int:
    return next((page for offset, page in reversed(pages) if offset <= start), pages[0][1])


def print_check(report: dict, found: list, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    counts = report["summary"]["by_severity"]
    print(f"{report['narrative']}：错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条")
    print(report["summary"]["read"])
    for item, data in zip(found, report["findings"]):
        page = f"（第{data['page']}页）" if "page" in data else ""
        print(f"[{item.finding.severity}] {item.finding.message}{page}")  # the message quotes the sentence
    for item in report["unread"]:
        print(f"[未能对应] {item['figure']}。句子：{item['sentence']}")
