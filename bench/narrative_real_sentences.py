"""How the 情况说明 check reads other regions' real wording: the sentences of
tests/fixtures/real_sentences/, each checked against a workspace holding exactly the figures its
expected reading states. Per region: sentences, figures expected, attributed %, false flags
(错误/警告 anywhere but at a real mistake the fixture marks), right flags, 提示, the real mistakes the
fixture marks that no flag points at; and totals.

Run: PYTHONPATH=$PWD python3 bench/narrative_real_sentences.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from narrative_real_sentences import Tally, load_passages, measure  # noqa: E402


def report(tallies: dict[str, Tally], verbose: bool) -> list[str]:
    lines = [f"{'region':<6}\t{'passages':>8}\t{'sentences':>9}\t{'figures':>7}\t{'attributed':>10}"
             f"\t{'false flags':>11}\t{'right flags':>11}\t{'提示':>4}\t{'mistakes missed':>15}"]
    total = Tally()
    for region, t in sorted(tallies.items()):
        lines.append(_row(region, t))
        for name in ("passages", "sentences", "expected", "attributed", "false_flags", "right_flags", "hints",
                     "mistakes", "missed"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    lines.append(_row("total", total))
    lines.append(f"regions: {len(tallies)}")
    if verbose:
        for region, t in sorted(tallies.items()):
            for source, message, sentence in t.false_examples:
                lines.append(f"FALSE [{region}] {message}\n    {sentence}\n    {source}")
            for source, marker in t.missed_examples:
                lines.append(f"MISSED [{region}] {marker}\n    {source}")
            for source, written, item, role, sentence in t.unattributed:
                lines.append(f"UNREAD [{region}] {written} ({item} {role})\n    {sentence}")
    return lines


def _row(name: str, t: Tally) -> str:
    share = f"{100 * t.attributed / t.expected:.1f}%" if t.expected else "-"
    return (f"{name:<6}\t{t.passages:>8}\t{t.sentences:>9}\t{t.expected:>7}\t{share:>10}"
            f"\t{t.false_flags:>11}\t{t.right_flags:>11}\t{t.hints:>4}\t{f'{t.missed}/{t.mistakes}':>15}")


def main(verbose: bool) -> int:
    for line in report(measure(load_passages()), verbose):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
