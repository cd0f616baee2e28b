"""Pages whose record's 索引号 changed after they were public: the old addresses, as plain data.

A record page's address is made from its 索引号 (``records/<number>/``, :func:`.urls.record_path`).  The
number is immutable once published (DOMAIN.md §1), yet offices correct a mistyped one; the page then moved,
and every link to it from other sites, from an earlier report or a reader's bookmark answered 404 (a
review).  The catalogue's Git history (:func:`~build_tools.history.read_history`) knows the numbers a page
was public under (:func:`.history.former_numbers`): each old address gets a page that sends the reader to
the present one (``index-number-changed``, a warning), unless another file now holds the old number, which
is then a number used twice (``index-number-reused``, an error: the old address shows another document).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..diagnostics import Problem, problem
from ..history import History
from ..model.record import Record
from ..model.values import in_hidden_file
from .history import first_held, former_numbers, same_title
from .urls import record_path


@dataclass(frozen=True, slots=True)
class MovedPage:
    """An address a record page had under a former number, and where the page is now."""

    path: str
    """The old folder, relative to the site root (``records/<old number>/``, or its ``versions/``)."""
    target: str
    """The page's folder now."""
    former: str
    """The number the page was public under."""
    index_no: str
    """The record's number now."""
    title: str


class _Held(Protocol):
    """A file as validated: the number it holds (if readable), the file, its record (if valid)."""

    index_no: str | None
    source: str
    record: Record | None


def number_holders(files: Iterable[_Held]) -> dict[str, tuple[str, int | None, str | None]]:
    """Each 索引号 the catalogue's files hold now (valid or not) → the file, the number's line, the title.
    A hidden file holds none: a backup in .bak/ is never published (a review)."""
    return {f.index_no: (f.source, f.record.line_of("index_no") if f.record else None,
                         f.record.title if f.record else None)
            for f in files if f.index_no and not in_hidden_file(f.source)}


def could_be_address(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether a former number could have been a page's address: the configured pattern's, or a former
    pattern's (ASCII with digits, six characters or more); a placeholder such as 待编号, committed and
    numbered later, never was (a review)."""
    return lambda n: pattern.match(n) is not None or (n.isascii() and any(c.isdigit() for c in n) and len(n) >= 6)


def moved_pages(public: Iterable[Record], records: Iterable[Record],
                holders: Mapping[str, tuple[str, int | None, str | None]],
                history: History | None, as_of: dt.date, versions: frozenset[str] = frozenset(),
                taken: frozenset[str] = frozenset(), valid: Callable[[str], bool] = lambda number: True
                ) -> tuple[tuple[MovedPage, ...], tuple[Problem, ...]]:
    """The old addresses of the ``public`` records' pages and the problems of numbers changed or reused.

    ``records``: every valid record (a withheld one's former number taken by another file is a reuse too);
    ``holders``: each 索引号 the catalogue's files hold now (valid or not) → the file holding it, the line, its title;
    ``versions``: the record folders that have a versions page; ``taken``: the site's other paths, never
    given to an old address; ``valid``: whether a number could have been an address (the configured pattern, or a
    former one: a placeholder 待编号 committed and numbered later was none).

    No redirect: a number the file changed together with its title (a notice archived under another name and a
    new one written into the file, or next year's written over it: another document).  No reuse: a number the
    file holding it now held first (a duplicate fixed minutes later), or holds under the same title (the same
    document, archived in another file); a hidden file holds no number (a backup in .bak/ is never published).
    Reviews found each said wrongly.  Any other file holding a number a page was public under is a reuse,
    whatever became of the page."""
    if history is None or not history.available:
        return (), ()
    shown = {r.index_no for r in public}
    moved: list[MovedPage] = []
    problems: list[Problem] = []
    for r in records:
        for former in former_numbers(r.index_no, history.of(r.source), as_of):
            if not valid(former.number):
                continue
            holder, line, holder_title = holders.get(former.number, (None, None, None))
            if holder is not None and holder != r.source:
                held = first_held(former.number, history.of(holder))
                if held is not None and held <= former.since:
                    continue  # the holder's all along: this file held it for a while by mistake
                if former.title is not None and holder_title is not None and same_title(holder_title) == same_title(former.title):
                    continue  # the same document in another file (archived under another name): no reuse
                problems.append(problem(
                    "index-number-reused", holder, line, "index_no",
                    f"索引号 {former.number} 已经公开用过：记录文件 {r.source} 曾以这个索引号在网站上公开（网址 "
                    f"{record_path(former.number)}），后来改为 {r.index_no}。同一个网址先后是两份文件，引用旧网址的人看到的是另一份。",
                    f"索引号一经公开不再用于其他文件：给 {holder} 一个新的索引号（catalogue new 会给出下一个可用的），"
                    f"或把 {r.source} 的索引号改回 {former.number}。"))
                continue
            if former.renamed or r.index_no not in shown:
                continue  # renamed: another document written into the file; the old one is gone, not moved
            old, new = record_path(former.number), record_path(r.index_no)
            if old in taken:
                continue
            problems.append(problem(
                "index-number-changed", r.source, r.line_of("index_no"), "index_no",
                f"这条记录曾以索引号 {former.number} 在网站上公开，现在的索引号是 {r.index_no}。旧网址 {old} 会转到现在的页面。",
                f"索引号一经公开不应再改。如果是更正错误，保留现在的写法即可，旧网址会一直转到这里；否则把索引号改回 {former.number}。"))
            moved.append(MovedPage(old, new, former.number, r.index_no, r.title))
            if new in versions:
                moved.append(MovedPage(f"{old}versions/", f"{new}versions/", former.number, r.index_no, r.title))
    return tuple(moved), tuple(problems)


def relative_target(page: MovedPage) -> str:
    """The present page's folder, relative to the old one's."""
    return posixpath.relpath(page.target, page.path) + "/"
