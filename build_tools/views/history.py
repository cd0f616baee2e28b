"""What a record page says about its own history (本页修订记录), as plain data.

The metadata table already gives the 发布日期, the legal date of
publication.  This says something else: when the page went on this site
and when it was revised since, from the catalogue's Git history
(:mod:`build_tools.history`), with each revision's ``change_note``.

Nothing from before a record was public is shown (drafts are not public
history): no commit dated before its 发布日期, none after the build's
``as_of`` (a site built ``--as-of`` a past day shows the history known that
day), none before the latest commit that made it 主动公开.  Only public
records have pages, so a record that is not public has no history anywhere.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..history import Change, History
from ..model.record import Record

SHOWN = 10
"""Revisions listed on a page (the newest); the page says how many there are in all."""


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision of a page, or the current ``change_note`` when its date is not known."""

    date: str
    """The day, ISO (China time); empty for a note whose date is not known."""
    note: str = ""
    """The ``change_note`` set in that revision; empty if none was."""
    commit: str = ""
    """The commit id (short); empty outside Git."""


@dataclass(frozen=True, slots=True)
class RecordHistory:
    """The 本页修订记录 block of a record page."""

    first: str
    """The day the page went on this site, ISO: the first commit's day, or the
    发布日期 if it was committed ahead of it; empty outside Git."""
    revisions: tuple[Revision, ...] = ()
    """The latest revisions, newest first (at most :data:`SHOWN`), after a
    note not yet committed, if any (dateless)."""
    total: int = 0
    """Revisions in all (dated ones)."""
    from_git: bool = True
    """False when the build had no Git history: the page shows the current note only."""

    @property
    def last_revised(self) -> dt.date | None:
        """The day of the latest dated revision, or None when the page was never revised."""
        day = next((r.date for r in self.revisions if r.date), "")
        return dt.date.fromisoformat(day) if day else None

    @property
    def listed(self) -> int:
        """Dated revisions listed (at most :data:`SHOWN`)."""
        return sum(1 for r in self.revisions if r.date)


def record_history(record: Record, history: History | None, as_of: dt.date,
                   notes: Callable[[str], str] | None = None) -> RecordHistory | None:
    """The history a public record's page shows on ``as_of``, or None when there is nothing to show.

    ``notes`` gives each note read from Git as the page may show it (:func:`.site.shown_note`: no
    withheld file's name, nothing if it holds a personal number): those notes were never checked as
    the record's text is, and a commit can no more be corrected than unsaid."""
    note = record.change_note or ""
    if history is None or not history.available:
        return RecordHistory("", (Revision("", note),), 0, from_git=False) if note else None
    shown = _public_changes(history.of(record.source), record.published, as_of)
    if not shown:
        return RecordHistory("", (Revision("", note),), 0) if note else None
    first = max(shown[0].when.date(), record.published)
    revisions = [Revision(c.when.date().isoformat(), (notes(c.note) if notes else c.note) if c.note else "", c.commit)
                 for c in reversed(shown[1:]) if c.when.date() >= record.published]
    latest_note = next((r.note for r in revisions if r.note), None)
    pending = (Revision("", note),) if note and note != latest_note else ()
    return RecordHistory(first.isoformat(), pending + tuple(revisions[:SHOWN]), len(revisions))


def _public_changes(changes: tuple[Change, ...], published: dt.date, as_of: dt.date) -> tuple[Change, ...]:
    """The changes up to ``as_of`` that the public saw, since the record was last out of public view.

    A commit's content was on the site from the later of its own day and the 发布日期 it left,
    until the next commit (or ``as_of``), if the file then said 主动公开.  A commit whose content
    the public never saw — a note written while the record was withheld, or while its 发布日期
    was still ahead (an embargo), or a draft replaced before its day — is not public history, and
    neither is anything before it.  The state is carried from commit to commit, since a commit
    records only the lines it changed.
    """
    known = [c for c in changes if c.when.date() <= as_of]
    start = 0
    public, day = True, None  # no disclosure line means 主动公开; no 发布日期 yet means not public
    for i, c in enumerate(known):
        if c.public is not None:
            public = c.public
        if c.published is not None:
            day = _day(c.published)
        until = known[i + 1].when.date() if i + 1 < len(known) else as_of
        if not public or c.withheld or day is None or max(c.when.date(), day) > until:
            start = i + 1
    return tuple(known[start:])


def _day(text: str) -> dt.date | None:
    """A 发布日期 as a commit wrote it, or None when it cannot be read (then nothing before is shown)."""
    from ..model.values import parse_date
    value = parse_date(text)
    return value if isinstance(value, dt.date) else None


@dataclass(frozen=True, slots=True)
class Former:
    """A number a record's page was public under before its present one."""

    number: str
    since: dt.date
    """The day the file first held it."""
    title: str | None
    """The title the file had then (read where the number changed), or None when not read."""
    renamed: bool = False
    """Whether the title changed in the commit that changed the number: another document written into the file
    (a notice archived under another name, next year's written over it), not a correction of this one's number."""


def former_numbers(index_no: str, changes: tuple[Change, ...], as_of: dt.date) -> tuple[Former, ...]:
    """The 索引号 a record's page was on the site under before ``index_no``, its present one, oldest first.

    A page's address follows its number (``records/<number>/``), so a number corrected after the page was
    public left the old address answering 404 to everyone who had linked to it (a review).  A number counts
    when a version under it was public by :func:`_public_changes`' reading (主动公开, not withheld, its
    发布日期 reached before the next commit); a number written only while the record was withheld or
    embargoed was never an address."""
    known = [c for c in changes if c.when.date() <= as_of]
    public, day, number = True, None, None
    since: dict[str, dt.date] = {}
    titles: dict[str, str] = {}  # the title of the last version read under each number
    renamed: set[str] = set()
    shown: list[str] = []
    for i, c in enumerate(known):
        if c.public is not None:
            public = c.public
        before, day = day, (_day(c.published) if c.published is not None else day)
        if c.index_no is not None and number and c.index_no != number and (
                c.title is not None and number in titles and another_document(titles[number], c.title)
                or before is not None and day is not None and abs((day - before).days) > _CORRECTED_DAYS):
            # the title changed with the number (compared there, not with today's), or the 发布日期 by months: the
            # 下半年 report written over the 上半年 one was sent the first one's readers (reviews)
            renamed.add(number)
        if c.index_no is not None:
            number = c.index_no
            since.setdefault(number, c.when.date())
        if number and c.title is not None:
            titles[number] = c.title
        until = known[i + 1].when.date() if i + 1 < len(known) else as_of
        if public and not c.withheld and day is not None and max(c.when.date(), day) <= until \
                and number and number != index_no and number not in shown:
            shown.append(number)
    return tuple(Former(n, since[n], titles.get(n), n in renamed) for n in shown)


_CORRECTED_DAYS = 31
"""How far a 发布日期 corrected together with the number may move: further, the file holds another document."""


def another_document(before: str, after: str) -> bool:
    """Whether a title changed in the commit that changed the number says another document was written into the file:
    a year or a number changed (关于做好2025年春运工作的通知 → 2026年…: next year's written over it), or more than three
    characters, those taken out and those put in (公路养护 → 水路运输, 印发 → 废止: titles sharing long boilerplate, whose
    likeness said "the same": a review); not a typo corrected with the number (通之 → 通知, 养户 → 养护 with a 的 put in:
    their redirects were lost, reviews)."""
    a, b = same_title(before), same_title(after)
    if a == b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changed = "".join(a[i1:i2] + b[j1:j2] for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    return any(ch.isdigit() or ch in _PERIOD_WORDS for ch in changed) or len(changed) > 3


_PERIOD_WORDS = frozenset("年〇零一二三四五六七八九十百上下半春夏秋冬季首末初")
"""Characters of a title that name its period (2025年, 第一季度, 上半年, 春运, 年末): one changed, another period's
document (上半年 → 下半年: a review)."""


def same_title(title: str) -> str:
    """A title as compared: width, spaces and quotes aside."""
    return "".join(unicodedata.normalize("NFKC", title).split()).strip("\"'“”")


def first_held(number: str, changes: tuple[Change, ...]) -> dt.date | None:
    """The day a file first held ``number`` (by its history), or None when its history never wrote it."""
    return next((c.when.date() for c in changes if c.index_no == number), None)
