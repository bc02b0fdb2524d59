"""The few colours the window uses, chosen to stay readable on screen and in grey print."""

from PySide6.QtGui import QColor

HEADER = QColor("#eef1f5")
STATE_BACKGROUND = {
    "computed": QColor("#eef3fa"),  # totals the program adds up
    "override": QColor("#fff4d6"),  # a total the user typed over
}
CUSTOM_TEXT = QColor("#8a4b00")  # 科目 not in the catalogue
SEVERITY = {
    "错误": QColor("#d32f2f"),
    "警告": QColor("#ef8a00"),
    "提示": QColor("#1e6fd9"),
}
