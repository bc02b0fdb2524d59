"""The unit facts a workspace keeps (单位名称, 年度, 单位性质 …): their defaults, and what each may be."""

from __future__ import annotations

import re

from desktop.core.changes import EditError
from desktop.core.entry_text import UNIT_FACT_CHARS, UNIT_NAME_CHARS, entered
from desktop.core.unit_code import UnitCodeError, check_code, check_region

NATURES = ("行政", "参公", "事业")
MONEY_UNITS = ("万元", "元")
SUBJECTS = ("单位", "部门")
# The unit facts a workspace keeps, with their defaults.
UNIT_DEFAULTS = {
    "单位名称": "",
    "年度": "",
    "单位性质": "行政",
    "主管部门": "",
    "金额单位": "万元",
    "公开主体": "单位",  # 编制单位 or 编制部门 (a department consolidating its units)
    "选填表": "",  # optional regional tables taken up, comma separated
    "单位代码": "",  # 统一社会信用代码; empty is 未填
    "财政区划": "",  # “610802 榆林市榆阳区”: 行政区划代码 and, optionally, its name
}
# Facts written one way whatever was typed (full width, lower case, spaces).
_WRITTEN = {"单位代码": check_code, "财政区划": check_region}


def unit_fact(key: str, value: str) -> str:
    """A unit fact as entered: one line, printable, trimmed (a name of spaces is no name), bounded."""
    return entered(value, f"单位信息“{key}”", UNIT_NAME_CHARS if key == "单位名称" else UNIT_FACT_CHARS,
                              lines=False)


def validate_unit(facts: dict[str, str], *, bounded: bool = True) -> None:
    """Refuses facts no table or document can take; with `bounded`, also any past its length (at entry)."""
    for key, value in facts.items() if bounded else ():
        unit_fact(key, value or "")
    year = facts.get("年度", "")
    if year and not (re.fullmatch(r"[0-9]{4}", year) and 2000 <= int(year) <= 2100):
        raise EditError(f"年度“{year}”应为四位年份，如 2024")
    if facts.get("单位性质") not in NATURES:
        raise EditError(f"单位性质“{facts.get('单位性质')}”应为：{'、'.join(NATURES)}")
    if facts.get("金额单位") not in MONEY_UNITS:
        raise EditError(f"金额单位“{facts.get('金额单位')}”应为：{'、'.join(MONEY_UNITS)}")
    if facts.get("公开主体") not in SUBJECTS:
        raise EditError(f"公开主体“{facts.get('公开主体')}”应为：{'、'.join(SUBJECTS)}")
    normalized_unit(facts)


def normalized_unit(facts: dict[str, str]) -> dict[str, str]:
    """The facts with 单位代码 and 财政区划 written the one way; refuses what they cannot be."""
    out = dict(facts)
    for key, written in _WRITTEN.items():
        try:
            out[key] = written(facts.get(key) or "")
        except UnitCodeError as exc:
            raise EditError(str(exc)) from exc
    return out
