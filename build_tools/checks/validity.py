"""Validity must agree with what other records say about a record."""

from __future__ import annotations

import datetime as dt

from ..catalogue import Catalogue
from ..diagnostics import Problem, problem
from ..graph import LinkGraph
from ..model.fields import FIELDS_BY_KEY, Kind, Validity
from ..status import IN_FORCE_AS_WRITTEN, in_effect, takes_effect
from .deadlines import book_title


def check_repealed_validity(catalogue: Catalogue, graph: LinkGraph, as_of: dt.date) -> list[Problem]:
    """A record repealed by a record in effect cannot still be in force (现行有效, 已修改: a review found a repealed
    已修改 document shown in force, the annual report counting it repealed).  部分失效 is what a repeal of some
    of its articles leaves (the page says so from these links): no conflict (a later review)."""
    problems = []
    field = FIELDS_BY_KEY["validity"]
    for target, sources in graph.repealed_by.items():
        record = catalogue.by_index[target]
        if record.validity not in (Validity.IN_FORCE, Validity.AMENDED):
            continue
        repealers = [catalogue.by_index[s] for s in sources if in_effect(catalogue.by_index[s], as_of)]
        if not repealers:
            coming = sorted((_repeal_day(r), r.index_no, r) for s in sources if (r := catalogue.by_index[s]).is_proactive)
            if coming:  # said ahead: on the day, the check's is an error
                (day, which), _, by = coming[0]
                problems.append(problem(
                    "repeal-ahead-unmarked", record.source, record.lines.get("validity", 1), "validity",
                    f"本文件将自 {day.isoformat()}（{by.index_no}{book_title(by.title)}的{which}）起被它废止，"
                    f"{field.display}仍是{record.validity.label}。",
                    f"现在就可以改为 validity: 已废止（只废止部分条款的，改为 部分失效；没有「有效性」这一行时，加上这一行）："
                    f"{day.isoformat()} 之前网站仍按现在的有效性显示，当天起显示新的。不改的话，当天起检查会报告错误，"
                    "网站不再更新。"))
            continue
        by = repealers[0]
        since = (by.effective or by.published).isoformat()
        problems.append(problem(
            "validity-conflict", record.source, record.lines.get("validity", 1), "validity",
            f"本文件已被 {by.index_no}{book_title(by.title)}废止（自 {since} 起施行），{field.display}不能是{record.validity.label}。",
            "改为 validity: 已废止（没有「有效性」这一行时，加上这一行）；只废止了其中部分条款的，改为 validity: 部分失效；"
            "废止关系写错了的，改正废止文件的「废止」。"))
    return problems


def _repeal_day(repealer) -> tuple[dt.date, str]:
    """The day a repeal shows on the site, and which of the repealing record's dates that is: it takes effect
    on its 实施日期, and is seen once it is published."""
    day, which = takes_effect(repealer)
    return (repealer.published, "发布日期") if repealer.published > day else (day, which)


def check_validity_drift(catalogue: Catalogue, graph: LinkGraph, as_of: dt.date) -> list[Problem]:
    """现行有效 after 有效期至 has passed; amended by a record in effect but not marked 已修改."""
    problems = []
    for r in catalogue.records:
        if r.validity not in IN_FORCE_AS_WRITTEN:
            continue
        if r.expires and r.expires < as_of:
            problems.append(problem(
                "expired-still-in-force", r.source, r.lines.get("validity", r.line_of("expires")), "validity",
                f"「有效期至」{r.expires.isoformat()} 已过，「有效性」(validity)仍是{r.validity.label}。",
                "网站已按有效期把本文件显示为已失效。请改为 validity: 已失效（没有「有效性」这一行时，加上这一行），"
                "使记录与网站一致；如果有效期已经延长，请修改「有效期至」。"))
        if r.validity is not Validity.IN_FORCE:
            continue
        amenders = [catalogue.by_index[s] for s in graph.amended_by.get(r.index_no, ())
                    if in_effect(catalogue.by_index[s], as_of)]
        if amenders:
            by = amenders[0]
            problems.append(problem(
                "amended-not-marked", r.source, r.lines.get("validity", 1), "validity",
                f"本文件已被 {by.index_no}{book_title(by.title)}修改（自 {(by.effective or by.published).isoformat()} 起施行），"
                "「有效性」(validity)仍是现行有效。",
                "改为 validity: 已修改（部分条款失效的写 部分失效；没有「有效性」这一行时，加上这一行）。"))
    return problems


def check_undated_ends(catalogue: Catalogue, graph: LinkGraph, as_of: dt.date) -> list[Problem]:
    """A 规章 or 行政规范性文件 marked 已废止 or 已失效 that nothing dates: no repealing record in the
    catalogue, no 有效期至, or one still to come on ``as_of`` (repealed early: a 5-year 有效期 cut short by
    清理; it was counted 现行有效 until then, found by an audit).  Table 二（一） then cannot place its end in a
    year (it was counted 现行有效 for ever: found by an audit); it is now in force in no year, and the editor
    is told how to date it."""
    from ..annual_report import ARTICLE_20_1_TYPES, expiry_to_come
    problems = []
    # named in a record's 废止 the graph refused (link-before-target: published before it was formed): that error is
    # said there, and its hint tells what to do with this 已废止 (told here to write the number it already had)
    refused = {t for x in catalogue.records for t in x.repeals} - graph.repealed_by.keys()
    for r in catalogue.records:
        if (r.kind is not Kind.POLICY or r.doc_type not in ARTICLE_20_1_TYPES
                or r.validity not in (Validity.REPEALED, Validity.EXPIRED)
                or (r.expires and not expiry_to_come(r, as_of)) or graph.repealed_by.get(r.index_no)
                or r.index_no in refused):
            continue
        if r.expires:
            missing = (f"「有效期至」{r.expires.isoformat()} 却还没有到，目录中也没有废止它的文件："
                       "目录不知道它从哪天起不再有效。")
            fix = ("废止它的文件在本目录中时，在那份文件的「废止」(repeals) 中写上本文件的索引号；不在本目录中时，"
                   "把「有效期至」(expires) 改为它实际有效的最后一天（原定的有效期可写在正文或修订说明中）。")
        else:
            missing = "目录却不知道它从哪天起不再有效：没有废止它的文件，也没有「有效期至」。"
            fix = ("废止它的文件在本目录中时，在那份文件的「废止」(repeals) 中写上本文件的索引号；不在本目录中时，"
                   "在本记录中填写「有效期至」(expires)：它有效的最后一天。")
        problems.append(problem(
            "repeal-undated", r.source, r.lines.get("validity", 1), "validity",
            f"本{r.doc_type.label}的有效性是{r.validity.label}，{missing}"
            "年度报告表二（一）在任何一年都不把它计入现行有效，也不计入哪一年的本年废止。", fix))
    return problems

