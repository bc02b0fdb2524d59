"""The button row of the program's dialogs: the action named on its first button, then 取消."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def action_buttons(dialog: QDialog, action: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
