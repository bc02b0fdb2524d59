"""The program's own 公开文件 read back: a workspace published as PDF, the PDF imported, and every
figure of the workspace compared with what the import gives (the round-trip test and its bench)."""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from desktop import paths
from desktop.core.definitions import FormSet
from desktop.core.definitions.performance import load_performance_forms
from desktop.core.money import parse_amount
from desktop.core.snapshot import Snapshot, load
from desktop.core.text_sections import NARRATIVE_KEY
from factory import consistent_snapshot, with_performance


class RoundTrip(NamedTuple):
    present: int  # the workspace's published non-zero table figures
    placed: int  # read back equal
    wrong: list  # (cell, published, read): read back different, or read where nothing was published
    missing: list  # published, not read back
    performance: list[str]  # 绩效自评表 (by name) not read back, or read back different
    performance_count: int
    unit: dict  # 单位名称 and 年度 as published and as read, where they differ
    warnings: list
    pages: int
    paragraphs: tuple[int, int]  # 情况说明 paragraphs read back word for word, of those it has (pasted tables aside)


def sample() -> dict:
    return json.loads(paths.sample_source().read_text(encoding="utf-8"))


def generated(seed: int, narrative: bool = False) -> dict:
    """A random consistent workspace with 绩效自评表; every other one with the regional 公开10; with
    `narrative` the 情况说明 the program drafts from its tables (the bench's measure of paragraphs)."""
    data = with_performance(consistent_snapshot(seed, with_regional=seed % 2 == 1), seed)
    if narrative:
        from desktop.core.narrative.draft import draft_narrative

        ws = load(data, None)
        try:
            data.setdefault("texts", {})[NARRATIVE_KEY] = draft_narrative(ws)
        finally:
            ws.close()
    return data


def generated_round_trips(seeds: range, folder: Path) -> dict[int, RoundTrip]:
    """Each generated workspace's round trip, as many at a time as the machine has cores: publishing
    and reading are both one core's work from start to end."""
    workers = min(len(seeds), os.cpu_count() or 1)
    # Spawned, not forked: a child forked from a process that has started Qt inherits its threads' locks.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(seeds, pool.map(_generated_round_trip, seeds, [folder] * len(seeds))))


def _generated_round_trip(seed: int, folder: Path) -> RoundTrip:
    from desktop.core.definitions import load_forms

    return round_trip(generated(seed), folder, load_forms())


def round_trip(data: dict, folder: Path, forms: FormSet) -> RoundTrip:
    """Publishes the workspace `data` as PDF into `folder` and reads the PDF back."""
    from desktop.core.publish.document import build_document
    from desktop.printing.publish_file import write_publication

    ws = load(data, None)
    try:
        target = folder / f"{ws.unit['单位名称']}.pdf"
        pages = write_publication(build_document(ws, None), target)
    finally:
        ws.close()
    return read_back(data, target, pages, forms)


def read_back(data: dict, target: Path, pages: int, forms: FormSet) -> RoundTrip:
    """The PDF `target` published from the workspace `data`, read and compared with it."""
    from desktop.core.pdf.import_ import read_pdf

    ws = load(data, None)
    try:
        published = Snapshot.of(ws)
        unit = {k: ws.unit.get(k, "") for k in ("单位名称", "年度")}
    finally:
        ws.close()
    read = read_pdf(target, forms)
    want = {ref: v for ref, v in published.cells.items() if v and forms[ref.form].published}
    got = {ref: v for ref, v in read.snapshot.cells.items() if v}
    wrong = [(ref, v, got[ref]) for ref, v in want.items() if ref in got and got[ref] != v]
    wrong += [(ref, None, v) for ref, v in got.items() if ref not in want]
    missing = [ref for ref in want if ref not in got]
    read_tables = {(t["form"], t["name"]): _figures(t) for t in read.snapshot.performance or []}
    differing = [t["name"] for t in published.performance or [] if read_tables.get((t["form"], t["name"])) != _figures(t)]
    differs = {k: (v, read.snapshot.unit.get(k, "")) for k, v in unit.items() if read.snapshot.unit.get(k, "") != v}
    placed = sum(1 for ref, v in want.items() if got.get(ref) == v)
    paragraphs = [line.strip() for line in published.texts.get(NARRATIVE_KEY, "").splitlines() if line.strip() and "\t" not in line]
    read_lines = {line.strip() for line in read.snapshot.texts.get(NARRATIVE_KEY, "").splitlines()}
    return RoundTrip(len(want), placed, wrong, missing, differing, len(published.performance or []), differs,
                     read.warnings, pages, (sum(1 for p in paragraphs if p in read_lines), len(paragraphs)))


def _figures(table: dict) -> dict:
    """A 绩效自评表's cells with each amount, score and rate as its figure (the PDF prints “379”
    as “379.00” and groups thousands), each text as written."""
    form = load_performance_forms()[table["form"]]

    def values(block, cells: dict) -> dict:
        out: dict = {}
        for key, text in cells.items():
            column = block.column(key) if block else None
            numeric = column is not None and column.numeric and text
            out[key] = (parse_amount(text.rstrip("%"), decimals=6) or Decimal(0), text.endswith("%")) if numeric else text
        return out

    return {
        "cells": {row: values(form.block_of_row(row), cells) for row, cells in table["cells"].items()},
        "rows": {key: [values(form.block(key), cells) for cells in rows] for key, rows in table["rows"].items()},
    }
