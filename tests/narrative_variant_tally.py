"""The generated wording variants measured: per class of sentence and per way of writing an amount,
figures written, read (compared or named with no figure to compare), listed as unread, passed over
silently; false flags on the correct text; mutations caught (bench/narrative_variants.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from desktop.core.narrative.check import review_narrative
from desktop.core.narrative.numbers import read_figures
from desktop.core.snapshot import load
from factory import consistent_snapshot
from narrative_seeds import seed_workspace
from narrative_variants import Variant, variants, with_last_year

SEVERE = ("错误", "警告")


def workspaces(folder: Path):
    """The sample (seed 000 with its 年初预算), seed 004, and a generated unit with the regional
    table (机关运行经费, 政府采购), each with 上年决算 filled from its own figures."""
    for seed in ("000", "004"):
        ws = seed_workspace(seed, folder / f"{seed}.juesuan")
        with_last_year(ws)
        yield f"seed-{seed}", ws
        ws.close()
    ws = load(consistent_snapshot(3, with_regional=True), folder / "generated.juesuan")
    with_last_year(ws)
    yield "generated-3", ws
    ws.close()


def measure(ws, found: list[Variant], tally: dict, mutate: bool = True) -> None:
    for variant in found:
        review = review_narrative(ws, variant.text)
        status, allowed = {}, {}
        for kind in ("checked", "no_data", "unread", "apart"):
            for read in getattr(review, kind):
                status.setdefault(read.start, kind)
                allowed.setdefault(read.start, read.allowed)
        keys = (("class", variant.cls), ("style", variant.style))
        false = [nf for nf in review.findings if nf.finding.severity in SEVERE]
        for key in keys:
            counts = tally[key]
            counts["variants"] += 1
            counts["false"] += len(false)
        if false:
            tally["false_examples"].append((variant.text, [nf.finding.message for nf in false]))
        for placed in variant.placed:
            if placed.kind == "word":
                continue
            got = status.get(placed.start, "silent")
            got = "read" if got in ("checked", "no_data") else got
            for key in keys:
                tally[key]["written"] += 1
                tally[key][got] += 1
            if got != "read":
                tally[f"examples_{got}"].append((variant.cls, variant.style, variant.text, placed.text))
        if not mutate or false:
            continue
        for placed in variant.placed:
            if placed.kind != "word" and status.get(placed.start) != "checked":
                continue
            text = variant.mutated(placed)
            if text is None:
                continue
            if _within(allowed.get(placed.start), text, placed):
                for key in keys:
                    tally[key]["hidden"] += 1  # still a value the rounded figures allow: no check can tell
                continue
            caught = any(nf.finding.severity == "错误" for nf in review_narrative(ws, text).findings)
            for key in keys:
                tally[key]["mutations"] += 1
                tally[key]["caught"] += caught
            if not caught:
                tally["examples_missed"].append((variant.cls, variant.style, text, placed.text))


def _within(bounds, text: str, placed) -> bool:
    if bounds is None:
        return False
    found = read_figures(text[placed.start:placed.end + 8])
    return bool(found) and bounds[0] <= found[0].value <= bounds[1]


def new_tally() -> dict:
    return defaultdict(Counter) | {name: [] for name in (
        "false_examples", "examples_unread", "examples_apart", "examples_silent", "examples_missed")}


def measure_workspaces(folder: Path, mutate: bool = True) -> dict:
    tally = new_tally()
    for _, ws in workspaces(folder):
        measure(ws, variants(ws), tally, mutate)
    return tally


def totals(tally: dict) -> Counter:
    """Every class of sentence together."""
    total = Counter()
    for key, counts in tally.items():
        if isinstance(key, tuple) and key[0] == "class":
            total.update(counts)
    return total


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def report(tally: dict, verbose: bool = False) -> list[str]:
    lines = []
    total = totals(tally)
    for axis, title in (("class", "句子类别"), ("style", "金额写法")):
        lines.append(f"按{title}：")
        for (kind, name), c in sorted((k, v) for k, v in tally.items() if isinstance(k, tuple) and k[0] == axis):
            lines.append(
                f"  {name}: 句 {c['variants']}，写出的数 {c['written']}，读到 {c['read']}（{_pct(c['read'], c['written'])}），"
                f"列为未能对应 {c['unread']}，表外 {c['apart']}，未列出 {c['silent']}；误报 {c['false']}；"
                f"变异 {c['mutations']}（另有舍入范围内 {c['hidden']}），发现 {c['caught']}（{_pct(c['caught'], c['mutations'])}）")
    lines.append(
        f"合计：句 {total['variants']}，写出的数 {total['written']}，读到 {total['read']}"
        f"（对应率 {_pct(total['read'], total['written'])}），未能对应 {total['unread']}，表外 {total['apart']}，"
        f"未列出 {total['silent']}；误报 {total['false']}；变异 {total['mutations']}（另有舍入范围内 {total['hidden']}），"
        f"发现 {total['caught']}"
        f"（{_pct(total['caught'], total['mutations'])}）")
    if verbose:
        for text, messages in tally["false_examples"][:40]:
            lines.append(f"  误报：{text!r} → {messages}")
        for kind in ("silent", "unread", "apart", "missed"):
            seen = set()
            for cls, style, text, figure in tally[f"examples_{kind}"]:
                if (cls, text.split("\n", 1)[-1][:18]) in seen:
                    continue
                seen.add((cls, text.split("\n", 1)[-1][:18]))
                lines.append(f"  {kind} [{cls}/{style}] {figure}: {text!r}")
    return lines

