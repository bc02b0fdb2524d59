"""Other regions' real 情况说明 sentences (tests/fixtures/real_sentences/), each checked against a
workspace that holds exactly the figures its own expected reading states: every flag is false
unless it is at a real mistake the fixture marks, and each expected figure is attributed or not
(bench/narrative_real_sentences.py, tests/test_narrative_real_sentences.py)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.core.definitions import CellRef
from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.facts import load_vocabulary
from desktop.core.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "real_sentences"
SEVERE = ("错误", "警告")
# 公开05's column and the 年初预算 column a 功能分类 code's 决算数 and 年初预算数 are in (facts.toml [coded]).
_CODE = re.compile(r"\d{3}(\d{2}){0,2}")
_NUMBER = re.compile(r"[\d,]+(\.\d+)?")
_SENTENCE_END = re.compile(r"[。;；\n]")
_YUAN_IN = {"亿元": Decimal(100000000), "万元": Decimal(10000), "元": Decimal(1)}
_FIGURE = re.compile(r"\d[\d,.]*\s*(亿元|万元|万|元|%|％)")


@dataclass
class Passage:
    region: str
    source: str
    year: int
    text: str
    figures: list  # [written, item, role]
    mistakes: list = field(default_factory=list)
    unit: str = "万元"  # the unit the document's figures are in (and a bare number's)

    def sentences(self) -> int:
        """Sentences (up to 。；; or a line end) with an amount or a percentage."""
        return sum(1 for part in _SENTENCE_END.split(self.text) if _FIGURE.search(part))


@dataclass
class Tally:
    passages: int = 0
    sentences: int = 0
    expected: int = 0
    attributed: int = 0
    false_flags: int = 0
    right_flags: int = 0
    hints: int = 0
    mistakes: int = 0  # real mistakes the fixture marks
    missed: int = 0  # of those, flagged nowhere (错误 or 警告)
    false_examples: list = field(default_factory=list)
    missed_examples: list = field(default_factory=list)
    unattributed: list = field(default_factory=list)


def load_passages(folder: Path = FIXTURES) -> list[Passage]:
    found = []
    for path in sorted(folder.glob("*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("passage", []):
            found.append(Passage(path.stem, entry["source"], entry["year"], entry["text"],
                                 entry.get("figures", []), entry.get("mistakes", []), entry.get("unit", "万元")))
    return found


def _amount(written: str, unit: str = "万元") -> Decimal:
    """The figure in `unit` (the workspace's): “1.2万元” is 12000 in a workspace kept in 元, “0.61亿元”
    is 6100 in one kept in 万元."""
    value = Decimal(_NUMBER.search(written).group(0).replace(",", ""))
    said = next((u for u in _YUAN_IN if u[0] in written), "元" if written.rstrip().endswith("元") else unit)
    return value * _YUAN_IN[said] / _YUAN_IN[unit]


def _refs(spec) -> list[CellRef]:
    specs = [spec] if isinstance(spec, str) else list(spec or [])
    return [CellRef(*each.split("/")) for each in specs]


def reading_values(passage: Passage) -> dict[str, dict[str, Decimal]]:
    """Each item's 决算数 (A), 预算数 (B) and 上年数 (L) as the reading states or implies them."""
    values: dict[str, dict[str, Decimal]] = {}
    for written, item, role in passage.figures:
        if role in ("A", "B", "L"):
            values.setdefault(item, {})[role] = _amount(written, passage.unit)
    for written, item, role in passage.figures:
        said = values.setdefault(item, {})
        if role in ("D+", "D-") and "A" in said and "L" not in said:
            change = _amount(written, passage.unit)
            said["L"] = said["A"] - change if role == "D+" else said["A"] + change
        if role in ("BD+", "BD-") and "A" in said and "B" not in said:
            change = _amount(written, passage.unit)
            said["B"] = said["A"] - change if role == "BD+" else said["A"] + change
    return values


def _cells(values: dict[str, dict[str, Decimal]], vocabulary: dict) -> tuple[dict, list]:
    """The cells holding the reading's figures; a cell two items would give different figures
    (收入总计 and 支出总计 share one 上年数) is left unknown. Also the 功能分类 rows to add."""
    facts = {entry["name"]: entry for entry in vocabulary.get("fact", [])}
    coded = vocabulary.get("coded", {})
    wanted: dict[CellRef, set] = {}
    rows = []

    def put(refs: list[CellRef], value: Decimal) -> None:
        if not refs:
            return
        wanted.setdefault(refs[0], set()).add(value)
        for ref in refs[1:]:  # a figure of several cells (财政拨款收入): the first holds it
            wanted.setdefault(ref, set()).add(Decimal(0))

    for item, said in values.items():
        if _CODE.fullmatch(item):
            rows.append(item)
            spec = {"actual": f"{coded['functional_form']}/{item}/{coded['functional_column']}",
                    "budget": f"{coded['budget_form']}/{item}/{coded['budget_column']}"}
        else:
            spec = facts[item]
        # “收入总计、支出总计” is a figure of each of its members: every member's cells hold it.
        for each in [facts[m] for m in spec.get("same_as", [])] or [spec]:
            for role, key in (("A", "actual"), ("B", "budget"), ("L", "last_year")):
                if role in said:
                    put(_refs(each.get(key)), said[role])
    # A component cell stated by its own item wins over the 0 put there for a multi-cell figure.
    stated = {}
    for ref, options in wanted.items():
        if len(options) == 1:
            stated[ref] = next(iter(options))
        elif len(options - {Decimal(0)}) == 1:
            stated[ref] = next(iter(options - {Decimal(0)}))
    return stated, rows


def passage_workspace(passage: Passage, vocabulary: dict | None = None) -> Workspace:
    """A workspace in memory holding only the figures the passage's reading states: every other
    cell is unknown, as if the tables were absent, so nothing is compared with a figure the
    reading does not give."""
    vocab = vocabulary or load_vocabulary()
    stated, rows = _cells(reading_values(passage), vocab)
    ws = Workspace.create(None, {"年度": str(passage.year), "选填表": "公开10", "金额单位": passage.unit},
                          checks_held=True)
    coded = vocab.get("coded", {})
    if rows:
        ws.add_rows_to({coded["functional_form"]: [(c, None) for c in rows],
                        coded["budget_form"]: [(c, None) for c in rows if len(c) == 7]})
    ws.set_values(sorted(stated.items()))
    typed = set(stated)
    for form in ws.structure.active:
        for ref in ws.structure.value_cells(form.id):
            if ref not in typed:
                ws.unknown.add(ref)
                ws.unknown |= {c for c in ws.values.affected_by(ref) if not ws.values.is_typed(c)}
    return ws


def _positions(text: str, written: list[str]) -> list[int]:
    """Where each figure stands: the first occurrence after the figure before it."""
    found, at = [], 0
    for each in written:
        pos = text.find(each, at)
        if pos < 0:
            raise ValueError(f"“{each}” not found after position {at}")
        found.append(pos)
        at = pos + 1
    return found


def measure(passages: list[Passage], vocabulary: dict | None = None) -> dict[str, Tally]:
    vocab = vocabulary or load_vocabulary()
    tallies: dict[str, Tally] = {}
    for passage in passages:
        tally = tallies.setdefault(passage.region, Tally())
        ws = passage_workspace(passage, vocab)
        try:
            review = review_narrative(ws, passage.text)
        finally:
            ws.close()
        tally.passages += 1
        tally.sentences += passage.sentences()
        read = {r.start for r in review.checked + review.no_data}
        positions = _positions(passage.text, [f[0] for f in passage.figures])
        for (written, item, role), pos in zip(passage.figures, positions):
            tally.expected += 1
            number = pos + _NUMBER.search(written).start()
            if any(number <= start < pos + len(written) for start in read):
                tally.attributed += 1
            else:
                tally.unattributed.append((passage.source, written, item, role,
                                           _sentence(passage.text, pos)))
        # A mistake is a marker, or a list of markers any one of which a flag may point at (a sum
        # that does not hold: any of its figures).
        mistakes = [("／".join(m) if isinstance(m, list) else m,
                     [(p, p + len(each)) for each in (m if isinstance(m, list) else [m]) for p in _all(passage.text, each)])
                    for m in passage.mistakes]
        flagged = [nf.figure_start for nf in review.findings
                   if nf.finding.severity in SEVERE and nf.figure_start is not None]
        for marker, places in mistakes:
            tally.mistakes += 1
            if not any(start <= at < end for start, end in places for at in flagged):
                tally.missed += 1
                tally.missed_examples.append((passage.source, marker))
        mistakes = [place for _, places in mistakes for place in places]
        for nf in review.findings:
            severity = nf.finding.severity
            if severity not in SEVERE:
                tally.hints += 1
                continue
            at = nf.figure_start if nf.figure_start is not None else -1
            if any(start <= at < end for start, end in mistakes):
                tally.right_flags += 1
            else:
                tally.false_flags += 1
                tally.false_examples.append((passage.source, nf.finding.message,
                                             _sentence(passage.text, max(at, 0))))
    return tallies


def _all(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)]


def _sentence(text: str, pos: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = max(starts, default=0)
    end = _SENTENCE_END.search(text, pos)
    return text[start:end.end() if end else len(text)].strip()
