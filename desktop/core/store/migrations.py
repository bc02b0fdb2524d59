"""Schema versions of the workspace file and the forward steps between them."""

from __future__ import annotations

import sqlite_utils

# 'JSWS' — marks the file as ours, so a stranger's database is never taken for a workspace.
APPLICATION_ID = 0x4A535753


def _v1(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["unit"].create({"key": str, "value": str}, pk="key")
    db["cells"].create(
        {"form": str, "row": str, "col": str, "value": str}, pk=("form", "row", "col"),
        not_null={"value"},
    )
    db["coded_rows"].create(
        {"form": str, "code": str, "name": str, "custom": int}, pk=("form", "code"),
    )
    db["empty_notes"].create({"form": str, "text": str}, pk="form")
    db["history"].create(
        {
            "id": int, "time": str, "action": str, "form": str, "row": str, "col": str,
            "old": str, "new": str,
        },
        pk="id",
    )
    db["history"].create_index(["form", "row", "col"])


def _v2(db: sqlite_utils.Database) -> None:
    # 出错说明: the user's explanation of a 警告 or 提示, keyed by the finding's stable key
    # ("公开06-11:合计:决算数"), so it outlives the finding going away and coming back.
    db["explanations"].create({"key": str, "text": str}, pk="key", not_null={"text"})


def _v3(db: sqlite_utils.Database) -> None:
    # Free text the narrative needs and the tables lack: the 情况说明 itself and its
    # descriptive sections (主要职责, 机构设置, …), keyed by section.
    db["texts"].create({"key": str, "text": str}, pk="key", not_null={"text"})


def _v4(db: sqlite_utils.Database) -> None:
    # What the workbook a workspace was imported from lacked: a whole table (col '') or one
    # column of it. Checks that read it are not evaluated until a figure is typed there.
    db["absent"].create({"form": str, "col": str}, pk=("form", "col"), not_null={"form", "col"})


def _v5(db: sqlite_utils.Database) -> None:
    # The 绩效自评表: the 整体 table and one per project (any number), their repeated rows
    # (tasks, indicators) in order, and their cells as typed text (indicator values are text).
    db["perf_tables"].create(
        {"id": int, "form": str, "position": int, "name": str}, pk="id", not_null={"form", "name"},
    )
    db["perf_rows"].create(
        {"table_id": int, "row": str, "position": int}, pk=("table_id", "row"), not_null={"row"},
    )
    db["perf_cells"].create(
        {"table_id": int, "row": str, "col": str, "value": str}, pk=("table_id", "row", "col"),
        not_null={"value"},
    )


# Index i holds the step from version i to i + 1. Append; never edit a released step.
MIGRATIONS = [_v1, _v2, _v3, _v4, _v5]
SCHEMA_VERSION = len(MIGRATIONS)
