"""Views of the previous build, reused for what did not change (``mkdocs serve`` rebuilds).

While an editor previews, each save rebuilds the site, and all but a few of
10,000 records are the very objects the previous build had: the load cache
hands back the same validated record for an unchanged file (see
:meth:`build_tools.machinery.load_cache.LoadCache.reopen`).  Their views need not be
built again, and a view that is the same object as last time has the same
page key, which then need not be hashed again either.

A view is reused only when everything it is made from is the same:

- a record page: the record (the same object), the date ``as_of``, its
  history as the page shows it (equal: a commit changes it), and every
  public record it links to or is linked from in any relation of the link
  graph, and whether each record it refers to is public (the same objects,
  or absent as before), and the validity each of them and the record itself show
  (:meth:`~build_tools.visibility.PublicCatalogue.status`: it follows from the records that repeal or amend
  them, one link further).  That is all :func:`~.records.record_page` reads;
- a list row: the record, ``as_of`` and the validity it shows;
- a list page, the home page, a versions page: equal to the previous one.  These hold plain
  strings, numbers and list rows, so equal means the same page.

A memo holds the views of one build only; entries the latest build did not
use are dropped, so it never grows beyond one site's views.  It is plain
data owned by its caller (the plugin keeps one per process); nothing here is
global.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TypeVar

from ..model.record import Record
from ..status import Status
from ..visibility import PublicCatalogue
from ..views.lists import ListItem, list_item
from ..views.history import RecordHistory
from ..views.records import RecordPage, record_page

V = TypeVar("V")


class ViewMemo:
    """The record pages, list rows and list pages of the last build, for the next."""

    def __init__(self) -> None:
        # By id() of the record, with the record itself kept in the entry: an
        # id is reused only after its object is freed, which the entry prevents.
        self._pages: dict[int, tuple[Record, dt.date, tuple, RecordPage]] = {}
        """(record, as_of, neighbourhood, page); the page holds its history."""
        self._items: dict[int, tuple[Record, dt.date, Status, ListItem]] = {}
        self._views: dict[tuple[str, str], object] = {}
        self._next_pages: dict[int, tuple[Record, dt.date, tuple, RecordPage]] = {}
        self._next_items: dict[int, tuple[Record, dt.date, Status, ListItem]] = {}
        self._next_views: dict[tuple[str, str], object] = {}
        self.reused = 0
        """Record pages the latest build took from the memo (for tests and logs)."""
        self._graph: object = None
        self._relations: tuple[Mapping, ...] = ()

    def begin(self) -> None:
        """Start a build (forgets what a build that failed halfway had noted)."""
        self._next_pages, self._next_items, self._next_views = {}, {}, {}
        self.reused = 0

    def record_page(self, record: Record, public: PublicCatalogue, history: RecordHistory | None = None) -> RecordPage:
        """:func:`~.records.record_page`, or the same view as last time if nothing it shows changed."""
        if public.graph is not self._graph:  # once per build, not once per record
            self._graph, self._relations = public.graph, _relations(public.graph)
        links = _neighbourhood(record, public, self._relations)
        entry = self._pages.get(id(record))
        if (entry is not None and entry[0] is record and entry[1] == public.as_of
                and _same_objects(entry[2], links) and entry[3].history == history):
            self.reused += 1
            page = entry[3]
        else:
            page = record_page(record, public, history)
        self._next_pages[id(record)] = (record, public.as_of, links, page)
        return page

    def list_item(self, record: Record, public: PublicCatalogue) -> ListItem:
        """:func:`~.lists.list_item`, or the same row as last time for the same record, date and validity shown."""
        entry = self._next_items.get(id(record)) or self._items.get(id(record))
        status = public.status(record)
        if entry is not None and entry[0] is record and entry[1] == public.as_of and entry[2] is status:
            item = entry[3]
        else:
            item = list_item(record, public)
        self._next_items[id(record)] = (record, public.as_of, status, item)
        return item

    def same(self, view: V, name: str) -> V:
        """The previous build's view called ``name`` if it equals ``view``, else ``view``.

        For views of plain values and list rows only (list pages, the home
        page, versions pages), whose equality means the same page.
        """
        key = (type(view).__qualname__, name)
        previous = self._views.get(key)
        if previous is not None and type(previous) is type(view) and previous == view:
            view = previous
        self._next_views[key] = view
        return view

    def finish(self) -> None:
        """End a build: keep what it used for the next one, drop the rest."""
        self._pages, self._next_pages = self._next_pages, {}
        self._items, self._next_items = self._next_items, {}
        self._views, self._next_views = self._next_views, {}


def _relations(graph: object) -> tuple[Mapping, ...]:
    """Every relation of the link graph (each field that maps an index number to others)."""
    fields = (getattr(graph, f.name) for f in dataclasses.fields(graph))
    return tuple(relation for relation in fields if isinstance(relation, Mapping))


def _neighbourhood(record: Record, public: PublicCatalogue, relations: tuple[Mapping, ...]) -> tuple:
    """The public records a record page may show, relation by relation (None: not public).

    Every relation of the link graph, in both directions, and every record
    the record itself refers to: a view built from these (and the record and
    the date) is the same as long as they are the same objects.
    """
    n, get = record.index_no, public.get
    found = []
    for relation in relations:
        targets = relation.get(n)
        found.append(tuple(map(get, targets)) if targets else ())  # most records link to nothing
    refers = (*record.interprets, *record.amends, *record.repeals)
    found.append(tuple(map(get, refers)) if refers else ())
    # the validity each shows (an enum's members are the very objects): the page and its links show it
    found.append((public.status(record), *(public.status(o) for part in found for o in part if o is not None)))
    return tuple(found)


def _same_objects(a: tuple, b: tuple) -> bool:
    """Whether two nested tuples hold the very same objects in the same places."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if type(x) is tuple:
            if type(y) is not tuple or not _same_objects(x, y):
                return False
        elif x is not y:
            return False
    return True
