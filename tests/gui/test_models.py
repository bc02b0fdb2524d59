"""Every Qt model passes pytest-qt's model tester, also while edits change it."""

from __future__ import annotations

import pytest

from desktop.core.definitions import CellRef
from desktop.gui.findings_model import FindingsFilter, FindingsModel
from desktop.gui.form_model import FormHeaderModel, FormLayout, FormModel
from desktop.gui.navigation import NavigationModel
from desktop.gui.opening import open_session


def test_form_models_of_every_form(qtmodeltester, sample_path):
    session = open_session(sample_path)
    try:
        session.set_unit("选填表", "公开10")
        for form in session.workspace.structure.active:
            qtmodeltester.check(FormModel(session, form.id), force_py=True)
            qtmodeltester.check(FormHeaderModel(FormLayout(session, form.id)), force_py=True)
    finally:
        session.close()


@pytest.mark.parametrize("watched", ["form", "findings", "filter", "navigation"])
def test_models_stay_consistent_through_edits(qtmodeltester, empty_path, watched):
    # One model per test: the tester follows a single model's signals.
    session = open_session(empty_path)
    try:
        form = FormModel(session, "公开03")
        findings = FindingsModel(session)
        proxy = FindingsFilter()
        proxy.setSourceModel(findings)
        navigation = NavigationModel(session)
        models = {"form": form, "findings": findings, "filter": proxy, "navigation": navigation}
        qtmodeltester.check(models[watched], force_py=True)
        session.add_rows("公开03", "2080101")
        session.edit_values([(CellRef("公开03", "2080101", "基本支出"), 3)], "填写")
        session.set_note("公开05", "本单位无一般公共预算财政拨款支出，故本表为空表。")
        session.set_unit("选填表", "公开10")
        proxy.set_filter(severities=["错误"], form="公开03")
        for _ in range(3):
            session.undo_stack.undo()
        qtmodeltester.check(models[watched], force_py=True)
        assert findings.rowCount() == len(session.workspace.findings())
        assert [findings.finding(r).key for r in range(findings.rowCount())] == [
            f.key for f in session.workspace.findings()
        ]
    finally:
        session.close()
