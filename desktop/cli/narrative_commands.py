"""`juesuan narrative` and `juesuan narrative-check`: the 情况说明 drafted and checked from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.narrative.check import check_narrative
from desktop.core.narrative.draft import draft_narrative
from desktop.core.text_sections import narrative_title
from desktop.core.workspace import Workspace


class NarrativeUsageError(Exception):
    """Input the narrative commands cannot use; exit status 2."""


def read_text(path: Path) -> str:
    """A 情况说明 saved by Notepad, WPS or Word as text: UTF-8 (with or without BOM) or GB18030."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NarrativeUsageError(f"无法读取“{path}”：{exc.strerror or exc}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NarrativeUsageError(f"“{path}”不是文本文件（UTF-8 或 GB18030 编码）")


def write_draft(ws: Workspace, target: Path, kind: str) -> str:
    """The draft as text, or as a Word document when `kind` (the file's suffix) is .docx."""
    text = draft_narrative(ws)
    if kind.lower() == ".docx":
        from desktop.core.narrative.word import write_docx  # python-docx only when Word is asked for

        write_docx(text, target, narrative_title(ws))
    else:
        target.write_text(text, encoding="utf-8")
    return text


def check_report(ws: Workspace, source: Path, text: str) -> tuple[dict, list]:
    found = check_narrative(ws, text)
    counts = {"错误": 0, "警告": 0, "提示": 0}
    for item in found:
        counts[item.finding.severity] += 1
    report = {
        "workspace": str(ws.path),
        "narrative": str(source),
        "summary": {"by_severity": counts},
        "findings": [item.to_json() for item in found],
    }
    return report, found


def print_check(report: dict, found: list, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    counts = report["summary"]["by_severity"]
    print(f"{report['narrative']}：错误 {counts['错误']} 条，警告 {counts['警告']} 条，提示 {counts['提示']} 条")
    for item in found:
        print(f"[{item.finding.severity}] {item.finding.message}")  # the message quotes the sentence
