"""Input widgets for the unit facts, shared by the 新建 dialog and the 单位信息 screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from desktop.core.definitions import FormSet
from desktop.core.unit_facts import MONEY_UNITS, NATURES, SUBJECTS

HINTS = {
    "单位名称": "与公章一致的全称，如 榆林市人力资源和社会保障局",
    "主管部门": "本级部门填本部门；所属单位填主管部门名称",
    "单位代码": "18 位统一社会信用代码，如 91350100M000100Y43；可暂不填",
    "财政区划": "6 位行政区划代码和名称，如 610802 榆林市榆阳区",
}


class UnitFields:
    """单位名称, 年度, 单位性质, 主管部门, 单位代码, 财政区划, 金额单位, 公开主体 and the optional tables."""

    def __init__(self, forms: FormSet, layout: QFormLayout):
        self.name = QLineEdit()
        self.name.setPlaceholderText(HINTS["单位名称"])
        self.year = QComboBox()
        this_year = date.today().year
        self.year.addItems([str(y) for y in range(this_year, 2014, -1)])
        self.year.setCurrentText(str(this_year - 1))
        self.nature = QComboBox()
        self.nature.addItems(NATURES)
        self.parent = QLineEdit()
        self.parent.setPlaceholderText(HINTS["主管部门"])
        self.code = QLineEdit()
        self.code.setPlaceholderText(HINTS["单位代码"])
        self.code.setMaxLength(40)  # room for spaces pasted inside; the check says what is wrong
        self.region = QLineEdit()
        self.region.setPlaceholderText(HINTS["财政区划"])
        self.money = QComboBox()
        self.money.addItems(MONEY_UNITS)
        self.subject = QComboBox()
        self.subject.addItems(SUBJECTS)
        self.subject.setToolTip("单位：本单位决算；部门：部门汇总决算（表头印“编制部门”）")
        self.optional: dict[str, QCheckBox] = {
            form.id: QCheckBox(f"{form.id} {form.title}") for form in forms if form.optional
        }
        layout.addRow("单位名称：", self.name)
        layout.addRow("年度：", self.year)
        layout.addRow("单位性质：", self.nature)
        layout.addRow("主管部门：", self.parent)
        layout.addRow("单位代码：", self.code)
        layout.addRow("财政区划：", self.region)
        layout.addRow("金额单位：", self.money)
        layout.addRow("公开主体：", self.subject)
        for box in self.optional.values():
            layout.addRow("地区附表：" if box is next(iter(self.optional.values())) else "", box)

    def widgets(self) -> dict[str, QWidget]:
        return {
            "单位名称": self.name, "年度": self.year, "单位性质": self.nature, "主管部门": self.parent,
            "单位代码": self.code, "财政区划": self.region, "金额单位": self.money, "公开主体": self.subject,
        }

    def facts(self) -> dict[str, str]:
        return {
            "单位名称": self.name.text().strip(), "年度": self.year.currentText(),
            "单位性质": self.nature.currentText(), "主管部门": self.parent.text().strip(),
            "单位代码": self.code.text().strip(), "财政区划": self.region.text().strip(),
            "金额单位": self.money.currentText(), "公开主体": self.subject.currentText(),
            "选填表": self.optional_text(),
        }

    def optional_text(self) -> str:
        return ",".join(form_id for form_id, box in self.optional.items() if box.isChecked())

    def show(self, facts: dict[str, str]) -> None:
        for key, widget in self.widgets().items():
            value = facts.get(key, "")
            if isinstance(widget, QLineEdit):
                if widget.text() != value:
                    widget.setText(value)
            elif widget.currentText() != value:
                if widget.findText(value) < 0:
                    widget.addItem(value)
                widget.setCurrentText(value)
        chosen = {f.strip() for f in facts.get("选填表", "").split(",")}
        for form_id, box in self.optional.items():
            box.setChecked(form_id in chosen)
