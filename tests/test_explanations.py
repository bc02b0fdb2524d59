"""出错说明: the user's explanation of a 警告 or 提示, kept by the finding's stable key."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest
import sqlite_utils

from desktop.cli.main import main
from desktop.core import snapshot
from desktop.core.definitions import CellRef
from desktop.core.store.migrations import APPLICATION_ID, SCHEMA_VERSION, _v1
from desktop.core.workspace import EditError, Workspace

KEY = "公开06-11::"  # a 尾差 on the sample: 基本支出 against 人员经费 + 公用经费
PERSONNEL = CellRef("公开06", "人员经费合计", "决算数")
TEXT = "人员经费、公用经费分别四舍五入所致"


def test_explanation_is_kept_in_the_file_and_history(sample_ws):
    sample_ws.set_explanation(KEY, f"  {TEXT}\n")
    assert sample_ws.explanation(KEY) == TEXT
    path = sample_ws.path
    sample_ws.close()
    ws = Workspace.open(path)
    assert ws.explanations == {KEY: TEXT}
    last = ws.store.history(limit=1)[0]
    assert (last["action"], last["form"], last["row"], last["old"], last["new"]) == (
        "出错说明", "公开06", KEY, None, TEXT,
    )
    ws.set_explanation(KEY, "")
    assert ws.explanations == {} and ws.store.explanations() == {}
    assert ws.store.history(limit=1)[0]["old"] == TEXT
    ws.close()


def test_an_error_cannot_be_explained_away(sample_ws):
    sample_ws.set_explanation(KEY, TEXT)
    sample_ws.set_value(PERSONNEL, Decimal("4867.43"))
    assert sample_ws.engine.raw[KEY].severity == "错误"
    with pytest.raises(EditError, match="错误不能以说明代替更正"):
        sample_ws.set_explanation(KEY, "另一说明")
    # The one written for the 尾差 stays, but does not cover the error.
    finding = sample_ws.engine.raw[KEY]
    assert sample_ws.explanation(KEY) == TEXT and sample_ws.explanation_of(finding) == ""
    sample_ws.set_value(PERSONNEL, Decimal("4866.43"))
    assert sample_ws.explanation_of(sample_ws.engine.findings[KEY]) == TEXT


def test_explanation_outlives_its_finding(sample_ws):
    sample_ws.set_explanation(KEY, TEXT)
    sample_ws.set_value(PERSONNEL, Decimal("4866.42"))  # now adds up exactly
    assert KEY not in sample_ws.engine.findings
    assert sample_ws.store.explanations() == {KEY: TEXT}
    sample_ws.set_explanation(KEY, "改写后的说明")  # may still be edited or cleared
    assert sample_ws.explanation(KEY) == "改写后的说明"


def test_snapshot_carries_explanations_and_old_snapshots_load(sample_ws, tmp_path):
    sample_ws.set_explanation(KEY, TEXT)
    data = snapshot.dump(sample_ws)
    assert data["explanations"] == {KEY: TEXT}
    again = snapshot.load(data, tmp_path / "again.juesuan")
    assert snapshot.dump(again) == data
    again.close()
    del data["explanations"]
    old = snapshot.load(data, tmp_path / "old.juesuan")
    assert old.explanations == {} and snapshot.dump(old)["explanations"] == {}
    old.close()


def test_version_1_file_is_migrated_with_its_data(tmp_path):
    path = tmp_path / "v1.juesuan"
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _v1(db)
    db["unit"].insert_all([{"key": "单位名称", "value": "旧单位"}, {"key": "年度", "value": "2024"}])
    db["cells"].insert({"form": "公开09", "row": "决算数", "col": "会议费", "value": "3.50"})
    db.execute("PRAGMA user_version = 1")
    db.close()

    ws = Workspace.open(path)
    assert ws.store.schema_version == SCHEMA_VERSION >= 2
    assert "explanations" in ws.store.table_names()
    assert ws.unit["单位名称"] == "旧单位"
    assert ws.value(CellRef("公开09", "决算数", "会议费")) == Decimal("3.50")
    assert ws.explanations == {}
    ws.close()


@pytest.fixture
def sample_path(sample_ws):
    path = sample_ws.path
    sample_ws.close()
    return path


def test_explain_command(sample_path, capsys):
    assert main(["explain", str(sample_path), KEY, TEXT]) == 0
    assert capsys.readouterr().out == f"{KEY} 出错说明：{TEXT}\n"
    # 1: the sample's 情况说明 carries its published mistakes (机关运行, “42.19%万元”).
    assert main(["check", str(sample_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    explained = {f["key"]: f["explanation"] for f in report["findings"]}
    assert explained[KEY] == TEXT
    assert all(text is None for key, text in explained.items() if key != KEY)
    assert main(["check", str(sample_path)]) == 1
    assert f"（说明：{TEXT}）" in capsys.readouterr().out
    assert main(["explain", str(sample_path), KEY]) == 0  # no text: cleared
    assert "已清除" in capsys.readouterr().out
    with sqlite3.connect(sample_path) as conn:
        assert conn.execute("select count(*) from explanations").fetchone()[0] == 0


def test_explain_command_refuses_unknown_keys_and_errors(sample_path, capsys):
    assert main(["explain", str(sample_path), "公开99-01::", TEXT]) == 2
    assert "当前没有编号为“公开99-01::”的审核结果" in capsys.readouterr().err
    assert main(["set", str(sample_path), "公开06", "人员经费合计", "决算数", "4867.43"]) == 0
    assert main(["explain", str(sample_path), KEY, TEXT]) == 2
    assert "错误不能以说明代替更正" in capsys.readouterr().err
    with sqlite3.connect(sample_path) as conn:
        assert conn.execute("select count(*) from explanations").fetchone()[0] == 0
