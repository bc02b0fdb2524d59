"""Asking where to save a file the program writes for the unit (workbook, report, Word)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.workspace import Workspace


def ask_save_path(parent: QWidget, ws: Workspace, title: str, name: str, kind: str, suffix: str) -> Path | None:
    """Offers “单位名称+年度+name” beside the workspace; the suffix is added if the user leaves it off."""
    suggestion = ws.path.with_name(f"{ws.unit.get('单位名称', '')}{ws.unit.get('年度', '')}年度{name}{suffix}")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), f"{kind} (*{suffix})")
    if not chosen:
        return None
    return Path(chosen) if Path(chosen).suffix.lower() == suffix else Path(chosen + suffix)
