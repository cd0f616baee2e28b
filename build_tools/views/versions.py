"""The versions of a document that were in force over time, as plain data.

A reader who holds an old decision, or an auditor asking what applied on a
day, needs more than today's text: which document was in force when, and in
which wording.  The catalogue knows it from its links and dates:

- a document is in force from its 实施日期 (its 发布日期 when it has none);
- each document that amends it starts a new wording on the day the amendment
  takes effect (the amending document's 实施日期, else its 发布日期);
- a document that repeals it ends it the day before the repeal takes effect,
  and is the next document of the line; its 有效期至 ends it too;
- the documents it repealed came before it.

A line is followed through ``repeals`` both ways, as far as it goes, in the
public view only: a document the public may not see is neither shown nor
followed.  Days still ahead of the build's date are shown as to come.

Only a record that belongs to such a line gets a versions page: one that was
amended, was repealed, or repealed another.  A plain record has one version,
itself, and its page says all there is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.fields import Validity
from ..model.record import Record
from ..status import takes_effect
from ..visibility import PublicCatalogue
from .records import Link, cn_date, has_versions, record_link, versions_path
from .urls import record_path

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """One wording of one document and the days it was (or is to be) in force."""

    start: dt.date
    end: dt.date | None
    """The last day in force; None while no end is known."""
    wording: str
    """原文, or 经《…》修改 (the amendments applied by then, latest last; 经《…》部分废止 for a document that
    repealed some of a 部分失效 record's articles)."""
    amendments: tuple[Link, ...]
    """The amending documents applied in this wording."""
    state: str
    """``past``, ``current`` (in force on the build's date) or ``future``."""
    verbs: tuple[str, ...] = ()
    """What each of :attr:`amendments` did, where one repealed articles (``修改``, ``部分废止``); empty where
    each amended it."""

    @property
    def span(self) -> str:
        """``2019年5月1日至2021年6月30日``, ``2024年7月1日起`` …"""
        if self.end is not None and self.end < self.start:
            return f"未施行（{cn_date(self.end + _DAY)}起被废止）"
        if self.end is None:
            return f"{cn_date(self.start)}起"
        return f"{cn_date(self.start)}至{cn_date(self.end)}"


@dataclass(frozen=True, slots=True)
class Version:
    """One document of the line, with its periods in force."""

    link: Link
    record_index: str
    periods: tuple[Period, ...]
    this: bool
    """The document whose versions page this is."""


@dataclass(frozen=True, slots=True)
class VersionsPage:
    """A record's versions page: every document of its line, oldest first."""

    path: str
    record_path: str
    title: str
    record_title: str
    versions: tuple[Version, ...]
    as_of: str
    """The build's date, ISO: what "current" is judged on."""
    updated: str
    """The last day what the page shows changed, ISO: a document of the line or an amendment
    published, or a period begun or ended, on or before the build's date."""


def _takes_effect(r: Record) -> dt.date:
    """The day a document takes effect: the rule the banners use (:func:`~build_tools.status.takes_effect`)."""
    return takes_effect(r)[0]


def _line(record: Record, public: PublicCatalogue) -> list[Record]:
    """Every public record connected to ``record`` through repeals, either way."""
    g = public.graph
    seen: dict[str, Record] = {}
    todo = [record.index_no]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        r = public.get(n)
        if r is None:
            continue
        seen[n] = r
        todo.extend(g.repeals.get(n, ()))
        todo.extend(g.repealed_by.get(n, ()))
    return sorted(seen.values(), key=lambda r: (_takes_effect(r), r.published, r.index_no))


def _state(start: dt.date, end: dt.date | None, as_of: dt.date) -> str:
    if start > as_of:
        return "future"
    if end is not None and end < as_of:
        return "past"
    return "current"


def _periods(r: Record, public: PublicCatalogue) -> tuple[Period, ...]:
    g = public.graph
    start = _takes_effect(r)
    # 部分失效: what repeals it repeals some of its articles and changes it as an amendment does (its page says
    # the rest is in force; a review found its versions page saying it was no longer in force)
    partial = r.validity is Validity.PARTIALLY_INVALID
    repealers = [o for n in g.repealed_by.get(r.index_no, ()) if (o := public.get(n))]
    ends = [] if partial else [_takes_effect(o) - _DAY for o in repealers]
    if r.expires:
        ends.append(r.expires)
    end = min(ends) if ends else None
    amendments = sorted([*(o for n in g.amended_by.get(r.index_no, ()) if (o := public.get(n))),
                         *(repealers if partial else ())],
                        key=lambda o: (_takes_effect(o), o.published, o.index_no))
    cut = frozenset(o.index_no for o in repealers) if partial else frozenset()
    periods: list[Period] = []
    applied: list[Record] = []
    day = start
    for a in amendments:
        when = _takes_effect(a)
        if end is not None and when > end:
            break
        if when > day:
            periods.append(_period(day, when - _DAY, applied, public, cut))
        applied.append(a)
        day = max(day, when)
    periods.append(_period(day, end, applied, public, cut))
    return tuple(periods)


def _period(start: dt.date, end: dt.date | None, applied: list[Record], public: PublicCatalogue,
            cut: frozenset[str] = frozenset()) -> Period:
    """A period of the text as ``applied`` changed it: amended, or some articles repealed by those in ``cut``."""
    verbs = tuple("部分废止" if a.index_no in cut else "修改" for a in applied) if cut & {a.index_no for a in applied} \
        else ()
    if not applied:
        wording = "原文"
    elif not verbs:
        wording = "经" + "、".join(f"《{a.title}》" for a in applied) + "修改"
    else:
        wording = "经" + "、".join(f"《{a.title}》{verb}" for a, verb in zip(applied, verbs))
    links = tuple(record_link(a, note=f"自 {cn_date(_takes_effect(a))} 起施行{verb}", public=public)
                  for a, verb in zip(applied, verbs or ("修改",) * len(applied)))
    return Period(start, end, wording, links, _state(start, end, public.as_of), verbs)


def versions_page(record: Record, public: PublicCatalogue) -> VersionsPage:
    """The versions page of a record that belongs to a line (:func:`has_versions`)."""
    line = _line(record, public)
    versions = tuple(
        Version(record_link(r, public=public), r.index_no, _periods(r, public), r.index_no == record.index_no)
        for r in line)
    g = public.graph
    days = {r.published for r in line}
    days |= {o.published for r in line for n in g.amended_by.get(r.index_no, ()) if (o := public.get(n))}
    for v in versions:
        for p in v.periods:
            days.add(p.start)
            if p.end is not None:
                days.add(p.end + _DAY)
    updated = max(d for d in days if d <= public.as_of)
    return VersionsPage(versions_path(record.index_no), record_path(record.index_no),
                        f"{record.title}：历次版本", record.title, versions, public.as_of.isoformat(),
                        updated.isoformat())


def versions_pages(public: PublicCatalogue) -> tuple[VersionsPage, ...]:
    """The versions page of every public record that belongs to a line, in the records' order."""
    return tuple(versions_page(r, public) for r in public.records if has_versions(r, public))
