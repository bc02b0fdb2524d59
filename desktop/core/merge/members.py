"""Which units a 部门 workspace sums: kept as a text section, so a 部门 can itself be summed again."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.core.workspace import Workspace

# A text section (not a unit fact): the store schema stays as it is, and an exported workbook
# carries it in its hidden sheet like every other text.
MEMBERS_KEY = "汇总单位"


@dataclass(frozen=True)
class Member:
    name: str  # 单位名称
    path: str  # the file it was summed from
    units: tuple[str, ...] = field(default=())  # for a 部门 summed again, the units inside it

    def to_json(self) -> dict:
        return {"单位名称": self.name, "文件": self.path, "所属单位": list(self.units)}


def members_of(ws: Workspace) -> list[Member]:
    """The units a 部门 workspace was summed from; none for a unit's own workspace."""
    text = ws.text(MEMBERS_KEY)
    if not text:
        return []
    try:
        entries = json.loads(text)
        return [Member(e["单位名称"], e.get("文件", ""), tuple(e.get("所属单位", []))) for e in entries]
    except (ValueError, KeyError, TypeError):
        return []  # a hand-edited list: the 部门 is then summed as a whole, which is what it shows


def counted_names(ws: Workspace) -> list[str]:
    """Every unit whose figures this workspace holds: itself, or its units and theirs."""
    members = members_of(ws)
    if not members:
        return [ws.unit.get("单位名称", "")]
    return [name for m in members for name in (m.name, *m.units)]


def members_text(members: list[Member]) -> str:
    return json.dumps([m.to_json() for m in members], ensure_ascii=False, indent=1)
