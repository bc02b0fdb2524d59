"""Guards against a Qt binding that mishandles what our models return (pinned versions move together)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from desktop.gui.form_model import FormModel
from desktop.gui.opening import open_session


def test_returning_nothing_from_a_model_keeps_none_alive(empty_path):
    # PySide6 6.12.0 dropped a reference to None each time data() returned None to Qt,
    # so a window open for a while crashed the interpreter while painting.
    session = open_session(empty_path)
    try:
        model = FormModel(session, "公开01")
        index = model.index(0, 0)
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
        before = sys.getrefcount(None)
        for _ in range(5000):
            index.data(Qt.ItemDataRole.DecorationRole)
        assert sys.getrefcount(None) >= before - 50
    finally:
        session.close()
