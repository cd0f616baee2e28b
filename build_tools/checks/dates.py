"""Dates that cannot be what the editor meant, on the day of the check.

A 发布日期 after the day of the check keeps a record off the site until then: that is how an editor
schedules a record.  Years ahead, it is a mistyped year (2204-12-06 for 2024-12-06), and it silently took
an already-published record off the site, the check saying only that the index number's year did not
match (found by a review).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..index_numbers import year_of
from ..model.fields import FIELDS_BY_KEY
from ..model.record import Record
from ..model.values import EARLIEST_DATE, likely_year, with_year


def latest_publication(as_of: dt.date) -> dt.date | None:
    """The last 发布日期 a record may be scheduled for on ``as_of``: one year later (None past the calendar)."""
    try:
        return with_year(as_of, as_of.year + 1) or as_of + dt.timedelta(days=365)
    except (ValueError, OverflowError):
        return None


def check_published_ahead(catalogue: Catalogue, config: CatalogueConfig, as_of: dt.date
                          ) -> tuple[list[Problem], frozenset[str]]:
    """``published-far-future`` for each record published more than a year after ``as_of``, at its 发布日期
    line, with the year most likely meant; and the index numbers of those records.  Not when the record's
    own years (its index number's, its 成文日期's) say the same year: that is a catalogue checked or built
    as on a past day (``--as-of 2020-01-01``), whose later records are no typos."""
    last = latest_publication(as_of)
    if last is None:
        return [], frozenset()
    f = FIELDS_BY_KEY["published"]
    problems, ahead = [], set()
    for r in catalogue.records:
        if r.published <= last:
            continue
        own = _own_years(r, config)
        if any(abs(y - r.published.year) <= 1 for y in own):
            continue  # its index number or 成文日期 says that year too: a catalogue checked as on a past day
        ahead.add(r.index_no)
        plausible = [y for y in own if EARLIEST_DATE.year <= y <= last.year]
        year = likely_year(r.published.year, plausible or [as_of.year], EARLIEST_DATE.year, last.year)
        meant = with_year(r.published, year) if year is not None else None
        said = f"多半是年份写错了（是不是 {year} 年？）" if year is not None else "多半是年份写错了"
        site = (f"发布日期没到的记录不会出现在网站上：这条记录在 {r.published.isoformat()} 之前都不会公开，"
                "已经公开的也会从网站上撤下。") if r.is_proactive else ""
        problems.append(problem(
            "published-far-future", r.source, r.line_of("published"), "published",
            f"{f.display} {r.published.isoformat()} 比检查日期 {as_of.isoformat()} 晚一年以上，{said}。{site}",
            f"核对原文件，改正年份：published: {meant.isoformat()}" if meant else
            "核对原文件，改正发布日期的年份；要推迟公开的记录，发布日期写实际公开的那一天。"))
    return problems, frozenset(ahead)


def _own_years(r: Record, config: CatalogueConfig) -> list[int]:
    """The years the record itself gives besides its 发布日期: its index number's, its 成文日期's and
    批复日期's, its 年度 (not its 实施日期, which may be years after)."""
    years = [d.year for d in (r.written, r.approved) if d is not None]
    if r.fiscal_year is not None:
        years.append(r.fiscal_year)
    m = config.index_no_pattern.match(r.index_no)
    year = year_of(m) if m is not None else None
    return years if year is None else [*years, year]


def follows_from_published_ahead(problems: Iterable[Problem], catalogue: Catalogue, config: CatalogueConfig,
                                 ahead: frozenset[str]) -> list[Problem]:
    """``problems`` without those a 发布日期 years ahead alone causes, so its own problem is what the editor
    reads first: its index number's year not matching it, an interpretation published before it (whose
    advice was to move the interpretation to that year too), a record repealing or amending it said to be dated
    before it (``link-before-target``), and its deadline passed while it is not out (a record scheduled for later is
    judged on the day: a mistyped year is no schedule)."""
    if not ahead:
        return list(problems)
    index_lines = {(r.source, r.lines.get("index_no")) for r in catalogue.records
                   if r.index_no in ahead and config.index_no_date_field == "published"}
    published_lines = {(r.source, r.line_of("published")) for r in catalogue.records if r.index_no in ahead}
    before: dict[tuple[str, int], set[str]] = defaultdict(set)  # interpretation lines naming a policy years ahead
    for r in catalogue.records:
        for i, target in enumerate(r.interprets):
            if target in ahead:
                before[(r.source, r.lines.get(f"interprets[{i}]", r.line_of("interprets")))].add(target)

    def follows(p: Problem) -> bool:
        if p.code == "index-no-date-mismatch":
            return (p.file, p.line) in index_lines
        if p.code in ("late-disclosure", "late-fiscal-disclosure"):
            return (p.file, p.line) in published_lines
        if p.code == "interpretation-before-policy":  # one per policy named, that policy's number in the message
            return any(f" {target} " in p.message for target in before.get((p.file, p.line), ()))
        if p.code == "link-before-target":  # a document repealed or amended, formed (undated) years ahead
            return any(f" {target} " in p.message for target in ahead)
        return False

    return [p for p in problems if not follows(p)]
