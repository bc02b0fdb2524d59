"""The 绩效自评表 as data: blocks of fixed or repeated rows, typed columns, checks (forms/绩效/*.toml)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from desktop import paths
from desktop.core.definitions.loader import read_definition
from desktop.core.parsed_files import parsed_once

# What a column holds: text as printed, an amount (万元), a score (分值/得分), a rate in percent.
COLUMN_TYPES = ("text", "amount", "score", "rate")
CHECK_KINDS = (
    "rate", "row_sum", "column_sum", "block_sum", "score_cap", "total_points", "score_sum",
    "rate_score", "deviation_reason",
)
SEVERITIES = ("错误", "警告", "提示")


class PerformanceDefinitionError(ValueError):
    """A 绩效自评表 file that cannot be used; the message names the file and the problem."""


class PerfColumn(NamedTuple):
    key: str
    path: tuple[str, ...]  # printed header, outermost first
    type: str
    optional: bool = False  # printed only where a region prints it (001's 指标性质/指标方向/计量单位)
    aliases: tuple[str, ...] = ()  # other regions' headers (Excel import)

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def numeric(self) -> bool:
        return self.type != "text"


class PerfBlock(NamedTuple):
    """Rows sharing columns: fixed rows named in the file, or any number the user adds."""

    key: str
    title: str
    columns: tuple[PerfColumn, ...]
    rows: tuple[str, ...]  # fixed row keys
    labels: dict[str, str]  # printed label of a fixed row, when not its key
    aliases: dict[str, tuple[str, ...]]
    repeated: bool
    row_label: str  # a repeated row's caption in messages ("指标 3")
    quoted: dict[str, str]  # row, budget, actual, rate the narrative quotes
    plain: bool  # printed as caption and text lines, without a header line
    title_aliases: tuple[str, ...]  # other regions' wording of the title (Excel import)

    def column(self, key: str) -> PerfColumn | None:
        return next((c for c in self.columns if c.key == key), None)

    def label(self, row: str) -> str:
        return self.labels.get(row, row)


class PerfCheck(NamedTuple):
    id: str
    title: str
    kind: str
    severity: str
    params: dict


class PerfForm(NamedTuple):
    id: str  # "绩效整体" / "绩效项目"
    title: str
    order: int
    repeated: bool  # one table per project
    name_label: str  # the printed caption of the table's name (项目名称, 部门（单位）名称)
    blocks: tuple[PerfBlock, ...]
    checks: tuple[PerfCheck, ...]
    score: dict[str, str]  # the cell holding 自评得分
    aliases: tuple[str, ...]  # other regions' titles (Excel import)

    def block(self, key: str) -> PerfBlock:
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def block_of_row(self, row: str) -> PerfBlock | None:
        """The fixed block a row key belongs to; repeated rows are "块#n"."""
        head = row.split("#", 1)[0]
        for block in self.blocks:
            if (block.repeated and head == block.key and "#" in row) or row in block.rows:
                return block
        return None

    @property
    def quoted(self) -> dict[str, str]:
        return next((b.quoted for b in self.blocks if b.quoted), {})


def load_performance_forms(folder: Path | None = None) -> dict[str, PerfForm]:
    return dict(parsed_once(folder or paths.forms_dir() / "绩效", "*.toml", (), _load_all))


def _load_all(files: list[Path]) -> dict[str, PerfForm]:
    forms = [_load(path) for path in files]
    forms.sort(key=lambda f: f.order)
    return {f.id: f for f in forms}


def _load(path: Path) -> PerfForm:
    data = read_definition(path, PerformanceDefinitionError)
    try:
        blocks: list[PerfBlock] = []
        for item in data["blocks"]:
            columns = item["columns"]
            if isinstance(columns, str):  # the same columns as an earlier block
                columns_def = next(b.columns for b in blocks if b.key == columns)
            else:
                columns_def = tuple(_column(c, path) for c in columns)
            blocks.append(PerfBlock(
                key=item["key"], title=item.get("title", ""), columns=columns_def,
                rows=tuple(item.get("rows", ())), labels=dict(item.get("labels", {})),
                aliases={k: tuple(v) for k, v in item.get("aliases", {}).items()},
                repeated=bool(item.get("repeated", False)), row_label=item.get("row_label", item["key"]),
                quoted=dict(item.get("quoted", {})), plain=bool(item.get("plain", False)),
                title_aliases=tuple(item.get("title_aliases", ())),
            ))
        form = PerfForm(
            id=data["id"], title=data["title"], order=int(data["order"]),
            repeated=bool(data.get("repeated", False)), name_label=data.get("name_label", "名称"),
            blocks=tuple(blocks), checks=tuple(_check(c, path) for c in data.get("checks", [])),
            score=next((dict(b["score"]) for b in data["blocks"] if "score" in b), {}),
            aliases=tuple(data.get("aliases", ())),
        )
    except (KeyError, TypeError, StopIteration) as exc:
        raise PerformanceDefinitionError(f"表定义文件 {path.name} 有误：{exc}") from exc
    _validate(form, path)
    return form


def _column(item: dict, path: Path) -> PerfColumn:
    kind = item.get("type", "text")
    if kind not in COLUMN_TYPES:
        raise PerformanceDefinitionError(f"表定义文件 {path.name}：栏“{item.get('key')}”的类型“{kind}”无效")
    return PerfColumn(item["key"], tuple(item.get("path", [item["key"]])), kind, bool(item.get("optional", False)),
                      tuple(item.get("aliases", ())))


def _check(item: dict, path: Path) -> PerfCheck:
    kind, severity = item["kind"], item.get("severity", "错误")
    if kind not in CHECK_KINDS:
        raise PerformanceDefinitionError(f"表定义文件 {path.name}：检查 {item.get('id')} 的种类“{kind}”无效")
    if severity not in SEVERITIES:
        raise PerformanceDefinitionError(f"表定义文件 {path.name}：检查 {item.get('id')} 的严重程度“{severity}”无效")
    params = {k: v for k, v in item.items() if k not in ("id", "title", "kind", "severity")}
    return PerfCheck(item["id"], item["title"], kind, severity, params)


def _validate(form: PerfForm, path: Path) -> None:
    """Every block, row and column a check or quote names exists: a typo fails at load, not silently."""
    blocks = {b.key: b for b in form.blocks}
    rows = {row: b for b in form.blocks for row in b.rows}

    def fail(why: str):
        raise PerformanceDefinitionError(f"表定义文件 {path.name}：{why}")

    def need_column(block: PerfBlock, col: str, where: str):
        if block.column(col) is None:
            fail(f"{where} 引用的“{block.key}”没有“{col}”栏")

    def need_cell(ref: dict, where: str):
        if "block" in ref:
            if ref["block"] not in blocks:
                fail(f"{where} 引用了不存在的块“{ref['block']}”")
            need_column(blocks[ref["block"]], ref["col"], where)
        else:
            if ref["row"] not in rows:
                fail(f"{where} 引用了不存在的行“{ref['row']}”")
            need_column(rows[ref["row"]], ref["col"], where)

    for check in form.checks:
        p, where = check.params, f"检查 {check.id}"
        for key in p.get("blocks", []) + ([p["block"]] if "block" in p else []):
            if key not in blocks:
                fail(f"{where} 引用了不存在的块“{key}”")
        for key in [p.get("row"), p.get("total_row"), *p.get("rows", [])]:
            if key is not None and key not in rows:
                fail(f"{where} 引用了不存在的行“{key}”")
        for ref in [p.get("total"), p.get("reason"), *p.get("addends", [])]:
            if isinstance(ref, dict):
                need_cell(ref, where)
    if form.score:
        need_cell(form.score, "自评得分")
    quoted = form.quoted
    if quoted:
        for key in ("budget", "actual", "rate"):
            need_column(rows[quoted["row"]], quoted[key], "情况说明引用")
