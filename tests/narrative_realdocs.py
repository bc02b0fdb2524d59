"""Six real documents as a reviewer gets them (tests/fixtures/realdocs/): each 情况说明 as its PDF's
text gives it and its tables as a workbook, with the reading expected of every figure-bearing
sentence and the mistakes they really hold (expected.toml)."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from desktop.core.excel.import_ import read_workbook, write_workspace
from desktop.core.workspace import Workspace

REALDOCS = Path(__file__).parent / "fixtures" / "realdocs"
EXPECTED = tomllib.loads((REALDOCS / "expected.toml").read_text(encoding="utf-8"))
DOCUMENTS = [doc["name"] for doc in EXPECTED["document"]]
# How the check left each figure: attributed (compared, or named with nothing to compare), unread,
# or about something no table holds.
READING = {"checked": "attributed", "no_data": "attributed", "unread": "unread", "apart": "apart"}


def narrative(name: str) -> str:
    return (REALDOCS / name / "narrative.txt").read_text(encoding="utf-8")


def workspace(name: str, folder: Path) -> Workspace:
    snapshot, _ = read_workbook(REALDOCS / name / "workbook.xlsx")
    target = folder / f"{name}.juesuan"
    write_workspace(snapshot, target)
    return Workspace.open(target)


def expected(name: str) -> dict:
    return next(doc for doc in EXPECTED["document"] if doc["name"] == name)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def readings(review) -> list[tuple[str, str, str]]:
    """(sentence, figure, reading) of every figure the check met, whitespace squashed, in text order."""
    found = [(r.start, squashed(r.sentence), squashed(r.figure), READING[kind])
             for kind in READING for r in getattr(review, kind)]
    return [each[1:] for each in sorted(found)]


def stated(finding) -> Decimal | None:
    return None if finding.actual is None else Decimal(finding.actual)


def false_flags(review, doc: dict) -> list:
    """Flags that are not the document's real mistakes: a stated figure outside `allowed`, and a
    figure-less flag of a rule the document does not expect."""
    allowed = {Decimal(v) for v in doc.get("allowed", [])}
    return [nf for nf in review.findings
            if (stated(nf.finding) not in allowed if nf.finding.actual is not None
                else nf.finding.rule not in doc.get("wording", []))]


def mistakes_found(review, doc: dict) -> tuple[int, int]:
    """(found, expected): each real mistake is a flag carrying its stated figure."""
    flagged = {stated(nf.finding) for nf in review.findings}
    wanted = [Decimal(v) for v in doc.get("mistakes", [])]
    return sum(v in flagged for v in wanted), len(wanted)
