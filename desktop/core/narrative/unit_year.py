"""The unit's name and the year a 情况说明 quotes in its title, headings and opening words: a text
copied from last year or from another unit is the commonest real slip."""

from __future__ import annotations

import re

from desktop.core.narrative.comparison import COMPARED, names_year
from desktop.core.narrative.numbers import normalize
from desktop.core.narrative.sentences import paragraphs

# “2024年度”, “2024 年度” (or a bare “2024年”) at the start of a title, a heading or a sentence,
# possibly after the unit's name (“乌海市人力资源和社会保障局（本级）2024年度…”).
_OPENING = re.compile(r"^(?P<lead>[^\d,.;:。，、\n]{0,40}?)(?P<year>\d{4})\s*年(?:度|(?![\d月]))")
# A unit's name ends with the word for what kind of body it is.
_UNIT_END = re.compile(r"(局|委员会|委|厅|院|中心|办公室|办|所|站|馆|校|部|会|队|处|社|司)(\([^)]*\))?$")
_NOT_UNIT = ("本部门", "本单位", "我单位", "我局", "我部门", "第", "部门", "单位")


def unit_year_slips(text: str, starts: list[int], unit: str, year: int | None) -> list[tuple[int, int, str]]:
    """(start, end, message) for each title, heading or sentence opening at `starts` that names a
    year other than the workspace's, or a unit other than the workspace's."""
    own = _bare(unit)
    slips = []
    others: dict[str, list[tuple[int, int]]] = {}
    spans = paragraphs(text)
    for start in starts:
        m = _OPENING.match(normalize(text[start:start + 80]))
        if m is None:
            continue
        said = int(m.group("year"))
        if year and said != year and _is_this_years(text, start, m) \
                and not _beside_this_year(text, spans, start, said, year) \
                and not _next_budget(text, start, m, said, year):
            slips.append((start + m.start("year"), start + m.end(), f"说的是 {said} 年度，工作区是 {year} 年度"))
        lead = re.sub(r"^(第[一二三四五六七八九十]+部分|[#\s])+", "", m.group("lead")).strip()
        if own and _UNIT_END.search(lead) and not lead.startswith(_NOT_UNIT):
            if _bare(lead) not in own and own not in _bare(lead):
                others.setdefault(lead, []).append((start + m.start("lead"), start + m.end("lead")))
    for lead, places in others.items():  # one finding per other name, at its first place
        times = f"（共 {len(places)} 处）" if len(places) > 1 else ""
        slips.append((*places[0], f"单位名称写作“{lead}”{times}，工作区的单位是“{unit}”"))
    return slips


def _is_this_years(text: str, start: int, m: re.Match) -> bool:
    """A year followed by the narrative's own words, not “与2023年度相比” nor “较2022年度决算数…”, nor
    in the title of a document cited."""
    lead = m.group("lead")
    # “按照…《关于…2016年度地方预决算公开…的通报》要求”: the year of a document the text cites.
    cited = lead.count("《") > lead.count("》")
    after = text[start + m.end():start + m.end() + 30]
    # “2015年衢江区“三公”经费支出决算同比下降的原因”: a bare 年 opens the text's own 决算 words;
    # “二是2020年下拨了…” is a reason about another year.
    own = m.group(0).endswith("度") or "决算" in after
    return "相比" not in after[:12] and not COMPARED.search(lead) and not cited and own


def _next_budget(text: str, start: int, m: re.Match, said: int, year: int) -> bool:
    """“2022年度“三公”经费预算总计21.8万元” in 2021's text: next year's 预算 set beside this year's
    决算, which a text copied from another year would not do — no slip."""
    return said == year + 1 and "预算" in text[start + m.end():start + m.end() + 30]


def _beside_this_year(text: str, spans, start: int, said: int, year: int) -> bool:
    """An earlier year in a paragraph that also names the workspace's states last year's figures
    beside this year's (“2017年度支出合计2906万元…2016年度支出合计628万元”): a text copied from
    last year would not name the year it was not written in."""
    if said > year:
        return False
    para = next((p for p in spans if p.start <= start < p.end), None)
    return para is not None and names_year(normalize(para.text(text)), year)


def _bare(name: str) -> str:
    # “规划与自然资源局” and “规划和自然资源局” are one name: the joining word is a spelling.
    return re.sub(r"[\s()（）与和及、]|本级", "", normalize(name or ""))
