"""The window's look in one place: its few colours (readable on screen and in grey print) and headings."""

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel

HEADER = QColor("#eef1f5")
STATE_BACKGROUND = {
    "computed": QColor("#eef3fa"),  # totals the program adds up
    "override": QColor("#fff4d6"),  # a total the user typed over
}
CUSTOM_TEXT = QColor("#8a4b00")  # 科目 not in the catalogue
ABSENT_TEXT = QColor("#7a7a7a")  # a table the imported workbook lacked
ABSENT_BANNER = QColor("#eceff3")  # the notice over such a table
FOUND = QColor("#ffe97a")  # every 查找 match in the 情况说明, as browsers tint them
ROUNDING_MARK = QColor(30, 111, 217, 90)  # a faint 提示 blue: a 尾差 noted, not shouted
SEVERITY = {
    "错误": QColor("#d32f2f"),
    "警告": QColor("#ef8a00"),
    "提示": QColor("#1e6fd9"),
}


def page_title(text: str) -> QLabel:
    """The bold heading every screen starts with."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(15)
    font.setBold(True)
    label.setFont(font)
    return label
