"""Free text kept in the workspace: the 情况说明 and its descriptive sections."""

from __future__ import annotations

import sqlite3

from desktop.core.snapshot import dump, load
from desktop.core.store.migrations import MIGRATIONS
from desktop.core.workspace import Workspace


def test_texts_are_saved_at_once_with_history(sample_ws):
    sample_ws.set_text("情况说明", "一、收入支出决算总体情况说明\r\n2024年度收入、支出总计均为73,687.35万元。\r\n")
    sample_ws.close()
    reopened = Workspace.open(sample_ws.path)
    try:
        assert reopened.text("情况说明") == "一、收入支出决算总体情况说明\n2024年度收入、支出总计均为73,687.35万元。"
        assert reopened.store.history(1)[0]["action"] == "文字"
        reopened.set_text("情况说明", "  ")
        assert reopened.text("情况说明") == "" and "情况说明" not in reopened.store.texts()
    finally:
        reopened.close()


def test_texts_travel_in_snapshots(sample_ws, tmp_path):
    sample_ws.set_text("概况:主要职责", "贯彻落实人力资源和社会保障法律法规。")
    copy = load(dump(sample_ws), tmp_path / "copy.juesuan")
    try:
        assert copy.texts == sample_ws.texts
        assert copy.texts["概况:主要职责"] == "贯彻落实人力资源和社会保障法律法规。"
    finally:
        copy.close()


def test_a_version_2_file_gains_the_texts_table(tmp_path):
    path = tmp_path / "v2.juesuan"
    ws = Workspace.create(path, {"单位名称": "某局", "年度": "2024"})
    ws.close()
    conn = sqlite3.connect(path)
    conn.execute("drop table texts")
    conn.execute("drop table absent")  # added in version 4
    for table in ("perf_tables", "perf_rows", "perf_cells"):  # added in version 5
        conn.execute(f"drop table {table}")
    conn.execute("pragma user_version = 2")
    conn.commit()
    conn.close()
    ws = Workspace.open(path)
    try:
        assert ws.store.schema_version == len(MIGRATIONS) == 7
        ws.set_text("情况说明", "正文")
        assert ws.store.texts() == {"情况说明": "正文"}
    finally:
        ws.close()
