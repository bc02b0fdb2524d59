"""The named quantities a narrative may quote, computed from a workspace; names come from facts.toml."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from desktop import paths
from desktop.core.definitions import CellRef
from desktop.core.narrative.numbers import normalize
from desktop.core.narrative.quantities import Fact, Quantity

_YUAN_PER_WAN = Decimal(10000)


def vocabulary_path() -> Path:
    return paths.resources_dir() / "narrative" / "facts.toml"


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> dict:
    with open(path or vocabulary_path(), "rb") as fh:
        return tomllib.load(fh)


class Mention(NamedTuple):
    start: int
    end: int
    fact: Fact
    misnamed: str = ""  # a 类 or 款 name the text puts above a 项 the workspace has elsewhere


def _refs(spec) -> list[CellRef]:
    specs = [spec] if isinstance(spec, str) else list(spec or [])
    refs = []
    for each in specs:
        form, row, col = each.split("/")
        refs.append(CellRef(form, row, col))
    return refs


def unfilled_forms(ws) -> frozenset[str]:
    """The tables in use the user has not filled in yet: no figure and no 空表说明.

    In a table with any figure or a 空表说明 a blank is 0 (printed tables leave a zero line blank);
    in one with neither, every blank is “not entered”, and nothing is compared with it."""
    filled = {ref.form for ref, value in ws.values.typed.items() if value}
    return frozenset(
        form.id for form in ws.structure.active
        if form.id not in filled and not ws.notes.get(form.id, "").strip() and ws.structure.value_cells(form.id)
    )


def quantity(ws, refs: list[CellRef], blank_unknown: frozenset[str] = frozenset(),
             unfilled: frozenset[str] = frozenset()) -> Quantity | None:
    """The sum of the cells in 万元; None when a form is not in use or a row is not on it, or
    a cell's figure is not known (a table or column the workbook lacked, a damaged cell, a table
    in `unfilled`).

    A blank is 0, except on the forms in `blank_unknown` (年初预算: not typed yet is not known)."""
    if not refs:
        return None
    total = Decimal(0)
    unknown = getattr(ws, "unknown", ())
    for ref in refs:
        if not ws.structure.is_active(ref.form) or not ws.structure.is_cell(ref) or ref in unknown \
                or ref.form in unfilled:
            return None
        value = ws.value(ref)
        if value is None and ref.form in blank_unknown:
            return None
        total += value if value is not None else Decimal(0)
    if ws.money_unit == "元":
        total = total / _YUAN_PER_WAN
    return Quantity(total, tuple(refs))


class FactBook:
    """Every fact by name, and how to find their names in a text. A plain class (see Fact)."""

    def __init__(self, unfilled: frozenset[str] = frozenset()):
        self.facts: dict[str, Fact] = {}
        self._names: list[tuple[str, Fact]] = []  # longest first
        self._coded: dict[tuple[str, ...], Fact] = {}  # (类, 款, 项) names
        # 经济分类 items whose name another fact already has, used in a 基本支出 paragraph instead.
        self.economic_twins: dict[str, Fact] = {}
        self.economic_context: frozenset[str] = frozenset()
        self._marker_pattern: re.Pattern | None = None
        self._markers: tuple[str, ...] = ()  # （类）（款）（项） as written: a text without any has no path
        self.unfilled = unfilled  # tables in use not filled in yet (unfilled_forms)
        # _names' positions by each name's first two characters: a paragraph is searched only for the
        # names whose start it contains (hundreds of names, a few present).
        self._by_start: dict[str, list[int]] = {}
        self._found: dict[str, tuple[Mention, ...]] = {}  # headings are read again and again
        self._short = False  # a one-character name, found by its character alone
        self._spelled: dict[str, Fact] = {}  # each spelling's first fact in _names
        # 科目 paths written with （类）（款）（项） that name no row of the workspace, by text searched.
        self._unnamed: dict[str, tuple[tuple[int, int], ...]] = {}

    def index_names(self, spelled: list[tuple[str, Fact]]) -> None:
        self._names = sorted(spelled, key=lambda pair: -len(pair[0]))
        self._by_start = {}
        for i, (name, _) in enumerate(self._names):
            self._by_start.setdefault(name[:2], []).append(i)
        self._short = any(len(name) < 2 for name, _ in self._names)
        self._spelled = {}
        for name, fact in self._names:
            self._spelled.setdefault(name, fact)
        self._found = {}

    def get(self, name: str | None) -> Fact | None:
        return self.facts.get(name) if name else None

    def spelled(self, name: str) -> Fact | None:
        """The fact a whole spelling names, if any."""
        return self._spelled.get(name)

    def contradicted(self, fact: Fact) -> bool:
        """A 0 the tables contradict: every part of a whole on the item's table is 0 while another
        table says the whole is spent (公开03 基本/项目 all 0 beside 公开01 本年支出合计 2940.05).
        Which the narrative should match cannot be told, so its figure is not judged by that 0."""
        base = self.get(fact.share_of)
        if fact.actual is None or fact.actual.value or base is None or base.actual is None or not base.actual.value:
            return False
        forms = {c.form for c in fact.actual.cells}
        if forms & {c.form for c in base.actual.cells}:
            return False  # the whole is on the same table: its parts are 0 beside it, not contradicted
        return not any(f.actual.value for f in self.facts.values()
                       if f.share_of == fact.share_of and f.actual is not None
                       and {c.form for c in f.actual.cells} == forms)

    def members(self, fact: Fact) -> list[Fact]:
        """The facts a name stands for: itself, or each of a group."""
        if fact.group:
            return [f for f in (self.facts.get(n) for n in fact.group) if f is not None]
        return [fact]

    def find(self, text: str) -> list[Mention]:
        """Known names in normalized `text`, longest first, never overlapping."""
        if text not in self._found:
            self._found[text] = tuple(self._find(text))
        return list(self._found[text])

    def unnamed_paths(self, text: str) -> list[tuple[int, int]]:
        """Spans of the 科目 paths in `text` (normalized) that name no row: about an item the
        workspace does not have, so not about the item named before them."""
        self.find(text)
        return list(self._unnamed.get(text, ()))

    def _find(self, text: str) -> list[Mention]:
        taken: list[Mention] = []
        unnamed: list[tuple[int, int]] = []
        # Characters a name already covers: asking every earlier name made a long text quadratic.
        covered = bytearray(len(text))

        def free(start: int, end: int) -> bool:
            return not any(covered[start:end])

        def take(mention: Mention) -> None:
            taken.append(mention)
            covered[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)

        # The path pattern matches nothing at every position of a text with no marker: not asked there.
        if self._marker_pattern is not None and any(marker in text for marker in self._markers):
            for m in self._marker_pattern.finditer(text):
                if m.end() == m.start():
                    continue
                path = tuple((level, m.group(level)) for level in ("类", "款", "项") if m.group(level))
                fact = self._coded.get(path)
                if fact is None:
                    # The first name may carry list numbering or a lead-in in front of it.
                    level, first = path[0]
                    for cut in range(1, len(first)):
                        fact = self._coded.get(((level, first[cut:]),) + path[1:])
                        if fact is not None:
                            break
                misnamed = ""
                if fact is None and len(path) > 1:
                    # “卫生健康支出（类）人力资源和社会保障管理事务（款）行政运行（项）”: the 款 and 项
                    # name one row, under another 类 than the text says.
                    fact = self._coded.get(path[1:])
                    if fact is not None:
                        misnamed = path[0][1] + path[0][0]
                if fact is not None and free(m.start(), m.end()):
                    take(Mention(m.start(), m.end(), fact, misnamed))
                elif fact is None:
                    unnamed.append((m.start(), m.end()))
        self._unnamed[text] = tuple(unnamed)
        # A name inside a 科目 path the workspace lacks is part of that path, not a name of its own.
        for start, end in unnamed:
            take(Mention(start, end, None))
        starts = set(map("".join, zip(text, text[1:])))  # every two characters, in C
        starts.add(text[-1:])  # the last is one character
        if self._short:
            starts |= set(text)
        by_start = self._by_start
        for i in sorted(i for start in starts.intersection(by_start) for i in by_start[start]):
            name, fact = self._names[i]
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if free(start, end):
                    take(Mention(start, end, fact))
                start = text.find(name, end)
        return sorted((m for m in taken if m.fact is not None), key=lambda m: m.start)


def build_facts(ws, vocabulary: dict | None = None) -> FactBook:
    vocab = vocabulary or load_vocabulary()
    book = FactBook(unfilled=unfilled_forms(ws))
    unknown = frozenset(vocab.get("coded", {}).get("blank_unknown", []))
    for entry in vocab.get("fact", []):
        names = spellings([entry["name"], *entry.get("aliases", [])], vocab.get("spelling", {}))
        actual = _refs(entry.get("actual"))
        fact = Fact(
            name=entry["name"],
            actual=quantity(ws, actual, unknown, book.unfilled),
            budget=quantity(ws, _refs(entry.get("budget")), unknown, book.unfilled),
            last_year=quantity(ws, _refs(entry.get("last_year")), unknown, book.unfilled),
            share_of=entry.get("share_of"),
            group=tuple(entry.get("same_as", ())),
            names=tuple(dict.fromkeys(normalize(n) for n in names)),
            all_funds=entry.get("all_funds", False),
            unfilled=tuple(dict.fromkeys(r.form for r in actual if r.form in book.unfilled)),
        )
        book.facts[fact.name] = fact
    for fact in list(book.facts.values()):
        if fact.group:
            _enumerations(book, fact, vocab.get("spelling", {}))
    _add_coded(ws, vocab.get("coded", {}), book, unknown)
    spelled = [(n, f) for f in book.facts.values() for n in f.names]
    book.index_names(spelled)
    return book


def spellings(names: list[str], spec: dict) -> list[str]:
    """Each name, with a word of it in its short form (“公车购置费”), and each with a role word
    before its head (“收入决算总计”, “本年支出决算合计”)."""
    result = list(names)
    for long, shorts in spec.get("short", {}).items():
        result += [name.replace(long, short) for name in names if long in name for short in shorts]
    for name in list(result):
        if "“" in name:  # “三公”经费 as "三公"经费 and “三公"经费 too: a keyboard's quotes are the same words
            result += [name.replace("“", opening).replace("”", closing)
                       for opening in ("“", '"') for closing in ("”", '"') if (opening, closing) != ("“", "”")]
        for head in spec.get("heads", []):
            if name.endswith(head) and len(name) > len(head):
                result += [name[:-len(head)] + word + head for word in spec.get("inserted", [])]
    return result


def _enumerations(book: FactBook, group: Fact, spec: dict) -> None:
    """A group's members said as one enumeration sharing a head: “收入总计、支出总计” is also
    “收入、支出总计”, “收、支总计”, “收支总计”, “财政拨款收、支决算总计”."""
    members = [book.facts.get(n) for n in group.group]
    if len(members) != 2 or None in members:
        return
    a, b = (normalize(m.name) for m in members)
    lead = 0
    while lead < min(len(a), len(b)) and a[lead] == b[lead]:
        lead += 1
    qualifier, a, b = a[:lead], a[lead:], b[lead:]
    head = next((h for h in spec.get("heads", []) if a.endswith(h) and b.endswith(h)), None)
    if head is None:
        return
    x, y = a[:-len(head)], b[:-len(head)]
    heads = [head] + [w + head for w in spec.get("inserted", [])]
    pairs = [(x, y, "、"), (x, y, "")] + ([(x[0], y[0], "、"), (x[0], y[0], "")] if x and y else [])
    extra = [qualifier + p + sep + q + h for p, q, sep in pairs for h in heads]
    group.names = tuple(dict.fromkeys([*group.names, *extra]))


def _add_coded(ws, spec: dict, book: FactBook, unknown: frozenset[str]) -> None:
    if not spec:
        return
    form, column = spec.get("functional_form"), spec.get("functional_column")
    budget_form, budget_column = spec.get("budget_form"), spec.get("budget_column")
    names: dict[str, str] = {}
    for each in (form, budget_form, *spec.get("name_forms", [])):
        if each:
            for row in ws.coded_rows(each):
                names.setdefault(row.code, row.name)
    shown = spec.get("markers", [])
    markers = [normalize(m) for m in shown]
    former = {normalize(now): [normalize(o) for o in old] for now, old in spec.get("former_class_names", {}).items()}
    plain_names: dict[str, list[Fact]] = {}
    for code, name in sorted(names.items()):
        path = [names.get(code[:n]) for n in (3, 5, 7) if len(code) >= n]
        if None in path:
            continue
        actual = quantity(ws, [CellRef(form, code, column)], unknown, book.unfilled)
        budget = quantity(ws, [CellRef(budget_form, code, budget_column)], unknown, book.unfilled) \
            if budget_form else None
        label = "".join(f"{n}{m}" for n, m in zip(path, shown))
        fact = Fact(
            name=label or name,
            actual=actual,
            budget=budget,
            share_of=spec.get("class_share_of") if len(code) == 3 else None,
            unfilled=(form,) if form in book.unfilled else (),
        )
        # “类（类）款（款）项（项）”, or without the leading levels (“款（款）项（项）”, “项（项）”)
        # when that names one row only.
        levels = list(zip(("类", "款", "项"), (normalize(n) for n in path)))
        keys = [tuple(levels[first:]) for first in range(len(levels))]
        # The 类 under its name before the 2019 renaming (“文化体育与传媒支出（类）”) is the same 类.
        keys += [(("类", old), *levels[1:]) for old in former.get(levels[0][1], ())]
        for key in keys:
            book._coded[key] = fact if key not in book._coded else _AMBIGUOUS
        if len(code) == 3 and spec.get("plain_class_names") and normalize(name) not in _all_names(book):
            fact.names = tuple(dict.fromkeys(
                spelled for plain in (normalize(name), *former.get(normalize(name), ()))
                for spelled in (plain, plain + "类", plain.removesuffix("支出") + "类")))
        book.facts.setdefault(fact.name, fact)
        if len(code) > 3:
            plain_names.setdefault(normalize(name), []).append(fact)
    # A 款 or 项 named alone (“行政运行85.20万元”, “就业服务项目”): only when one row has that name.
    known = _all_names(book)
    for plain, facts in plain_names.items():
        if len(facts) == 1 and plain not in known and len(plain) >= 4:
            fact = facts[0]
            extra = [plain + s for s in spec.get("plain_suffixes", []) if not plain.endswith(s)]
            fact.names = tuple(dict.fromkeys([*fact.names, plain, *extra]))
    if len(markers) == 3:
        cls, kuan, xiang = (re.escape(m) for m in markers)
        name = r"[^\s,.:;。、()\d]{1,40}?"
        book._marker_pattern = re.compile(
            rf"(?:(?P<类>{name}){cls})?(?:(?P<款>{name}){kuan})?(?:(?P<项>{name}){xiang})?"
        )
        book._markers = tuple(markers)
    economic, economic_column = spec.get("economic_form"), spec.get("economic_column")
    if economic:
        known = _all_names(book)
        for row in ws.structure.value_rows(economic):
            if not row.code or len(row.code) not in (3, 5):
                continue
            spelled = normalize(row.label)
            actual = quantity(ws, [CellRef(economic, row.key, economic_column)], unknown, book.unfilled)
            if spelled in known:
                # 培训费 is 公开09's column, but 30216 of 公开06 where the paragraph is about 公用经费.
                book.economic_twins[spelled] = Fact(
                    f"{row.label}（{economic}）", actual=actual, names=(spelled,), economic=True)
                continue
            others = [n for n in _short_spellings(spelled) if n not in known]
            book.facts.setdefault(row.label, Fact(row.label, actual=actual, names=(spelled, *others), economic=True))
            known.update((spelled, *others))
        book.economic_context = frozenset(spec.get("economic_context", []))


def _short_spellings(label: str) -> list[str]:
    """How a narrative shortens a 经济分类 name: “维修(护)费” as 维修费, “其他交通费用” as 其他交通费."""
    short = re.sub(r"\([^)]*\)", "", label)
    if short.endswith("费用"):
        short = short[:-1]
    return [short] if short != label and len(short) >= 2 else []


_AMBIGUOUS = None  # a short path that names more than one row is not a name


def _all_names(book: FactBook) -> set[str]:
    return {n for f in book.facts.values() for n in f.names}


def unknown_cells(ws, vocabulary: dict | None = None) -> list[str]:
    """Cells facts.toml names that the workspace's forms do not have: a renamed row or column
    would otherwise leave its fact silently unknown."""
    vocab = vocabulary or load_vocabulary()
    missing = []
    for entry in vocab.get("fact", []):
        for key in ("actual", "budget", "last_year"):
            for ref in _refs(entry.get(key)):
                if not ws.structure.is_cell(ref):
                    missing.append(f"{entry['name']}.{key}: {ref.form}/{ref.row}/{ref.col}")
        for other in (entry.get("share_of"), *entry.get("same_as", [])):
            if other and other not in {e["name"] for e in vocab["fact"]} and other != vocab.get(
                    "coded", {}).get("class_share_of"):
                missing.append(f"{entry['name']}: 没有名为“{other}”的 fact")
    return missing
