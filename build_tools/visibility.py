"""The one gate between the catalogue and anything the public can see.

Only 主动公开 records whose published date has come (on ``as_of``) pass.
Every later stage — pages, lists, counts, feeds, sitemap, search, exports —
receives a :class:`PublicCatalogue` and never the full catalogue, so a
withheld or embargoed record cannot leak by a stage forgetting to filter.
Links to records that did not pass are dropped here too; a page that
mentions one shows its reference as plain text.  So are attachments that a
record which did not pass also lists, or a record file with errors (which
never passes, and may be a withheld one): publishing the shared file would
publish what that record withholds (``catalogue check`` reports it as
``attachment-shared-not-public``; without ``--strict`` the build still
never publishes it).  Files are compared, not names: a name that links to
a withheld record's file (a symbolic or hard link) is that file.

No public record's free text (标题, 内容概述, 修订说明, 主题词) names a withheld file either: the
names are taken out here (:class:`~build_tools.withheld_names.WithheldNames`; bodies, whose links are
rewritten first, by :class:`~build_tools.links.PublicLinks`), and ``catalogue check`` reports each.

A 主动公开 record that would publish personal data (an ID or mobile number
the privacy check reports as an error) or a withheld record's name
(``withheld-title-named``, ``reference-names-not-public``) does not pass
either, until it is corrected: ``kept_off`` names such records (:func:`.pipeline.kept_off`), so
a build without ``--strict`` publishes the rest of the catalogue and not
the number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .catalogue import Catalogue
from .graph import LinkGraph, meant_record
from .model.fields import FREE_TEXT, Validity
from .model.record import Record
from .model.values import in_hidden_file, index_number_key, parse_doc_no
from .status import Status, status_on, takes_effect
from .views.urls import index_slug
from .withheld_names import TitleNet, WithheldNames, own_forms, record_names


@dataclass(frozen=True, slots=True)
class PublicCatalogue:
    """The records the public may see on ``as_of``, and the links among them."""

    as_of: dt.date
    records: tuple[Record, ...]
    """Public records, newest first (published date, then index number)."""
    by_index: Mapping[str, Record]
    graph: LinkGraph
    """The link graph restricted to public records on both ends."""
    withheld_attachments: frozenset[str] = frozenset()
    """Files listed by a public record and by one that is not public: taken off the public records."""
    hidden_files: frozenset[str] = frozenset()
    """Every catalogue file the site does not publish (the files of records not public or kept off,
    those records with errors name, under any of their names): no public text may name them
    (:class:`~build_tools.withheld_names.WithheldNames`)."""
    hidden_pages: frozenset[str] = frozenset()
    """The index numbers of the record files not public (records with errors too): no public text may
    hold their pages' addresses."""
    names: WithheldNames | None = field(default=None, repr=False, compare=False)
    """The net for :attr:`hidden_files` and :attr:`hidden_pages` (None: nothing withheld), for text
    the gate does not hold itself (notes read from Git)."""
    withheld_titles: TitleNet = field(default_factory=lambda: TitleNet(()), repr=False, compare=False)
    """What the records not public are called (their titles and shorter forms, none a public record has too),
    for text the gate does not hold itself: a note read from Git naming a record withheld since (a review)."""
    ends_not_public: Mapping[str, dt.date] = field(default_factory=dict)
    """For a public record repealed only by records not public (published later, kept off): the day the
    first of them takes effect.  Table 二（一） counts the record in force until then (it was counted in force
    in no year, its repeal undated: found by an audit); nothing of the repealing record is shown."""
    amended_not_public: Mapping[str, dt.date] = field(default_factory=dict)
    """For a public record amended only by records not public: the day the first of them takes effect.  A record
    written 已修改 (or 部分失效) ahead of its amendment is in force as it stands until then (it was shown 已修改
    before the amendment was public, then 现行有效 once it was, then 已修改 again: a review)."""

    def get(self, index_no: str) -> Record | None:
        """A public record by index number; None if absent or not public."""
        return self.by_index.get(index_no)

    def status(self, record: Record) -> Status:
        """``record``'s validity as every page, list, search filter and export shows it on :attr:`as_of`
        (:func:`~build_tools.status.status_on`), from the day the first public record repealing or amending it
        takes effect.  What the office wrote is shown, never more: a 已废止 taken from a ``repeals:`` link alone
        showed a regulation repealed by a mistyped link, or by a decision repealing one of its articles (a review
        of an earlier try); a record left in force on its repeal's day is ``validity-conflict``, told ahead by
        ``repeal-ahead-unmarked``."""
        g, n = self.graph, record.index_no
        # the change the written validity says: a repeal for 已废止 (an amendment in force already is no repeal: a
        # review found one taken for it), an amendment for 已修改, either for 部分失效
        changers = {Validity.REPEALED: (g.repealed_by,), Validity.AMENDED: (g.amended_by,),
                    Validity.PARTIALLY_INVALID: (g.repealed_by, g.amended_by)}.get(record.validity, ())
        days = [takes_effect(o)[0] for rel in changers for m in rel.get(n, ()) if (o := self.get(m)) is not None]
        if not days:  # changed by a record not public yet: its day, as the annual report counts a repeal
            later = {Validity.REPEALED: (self.ends_not_public,), Validity.AMENDED: (self.amended_not_public,),
                     Validity.PARTIALLY_INVALID: (self.ends_not_public, self.amended_not_public)}
            days = [m[n] for m in later.get(record.validity, ()) if n in m]
        shown = status_on(record, self.as_of, min(days) if days else None)
        if shown is Status.IN_FORCE and record.validity is Validity.REPEALED and any(
                takes_effect(o)[0] <= self.as_of for m in g.amended_by.get(n, ()) if (o := self.get(m)) is not None):
            return Status.AMENDED  # written 已废止 ahead of its repeal, amended before: as amended until then (a review)
        return shown


def is_public(record: Record, as_of: dt.date) -> bool:
    """主动公开, published on or before ``as_of``, and not in a hidden file (``.neibu/x.md``: read for what it
    withholds, never published)."""
    return record.is_proactive and record.published <= as_of and not in_hidden_file(record.source)


def public_view(catalogue: Catalogue, graph: LinkGraph, as_of: dt.date,
                kept_off: frozenset[str] = frozenset(), refused: frozenset[str] = frozenset()) -> PublicCatalogue:
    """Filter the catalogue and its links down to what may be published; the records of
    ``kept_off`` (index numbers: their publication would publish personal data) are not, nor the
    attachments ``refused`` (files nobody could open: :func:`~build_tools.pipeline.refused_files`)."""
    unread = {index_number_key(str(f["index_no"])): f for f in catalogue.unread_facts.values() if f.get("index_no")}
    # by its 文号 and its title too, as an interpretation may name it (a review)
    unread.update({f"文号:{f['doc_no']}": f for f in catalogue.unread_facts.values() if f.get("doc_no")})
    unread.update({f"标题:{f['title']}": f for f in catalogue.unread_facts.values() if f.get("title")})
    public = [r for r in catalogue.records if is_public(r, as_of) and r.index_no not in kept_off
              and not _waits_for_its_policy(r, catalogue, as_of, unread)]
    # A record not yet published (embargoed) is hidden too: its files and their names wait for its
    # date, and ``check`` warns of a public record that lists one or names it (``attachment-shared-not-
    # yet-public``, ``names-not-yet-public``).
    hidden = {a for r in catalogue.records if not is_public(r, as_of) or r.index_no in kept_off
              for a in (*r.attachments, r.source)}  # its own file too: an attachment may be a link to it
    hidden |= catalogue.unpublished_attachments  # listed by a record with errors: it may be a withheld one
    hidden |= refused
    hidden = {name for a in hidden for name in catalogue.names_of(a)}  # the file, under any of its names
    # and what a record not 主动公开 holds, in any copy too (CI's clone makes a hard link a copy); a copy of what
    # a record not yet published holds is that record's to publish on its day, and maybe a live one's already
    hidden |= {name for r in catalogue.records if not r.is_proactive for a in (*r.attachments, r.source)
               for name in catalogue.names_of(a, copies=True)}
    # and what a record file that gives no record names, in any copy too: it may be a withheld one (a review)
    hidden |= {name for a in catalogue.unpublished_attachments for name in catalogue.names_of(a, copies=True)}
    withheld = frozenset(a for r in public for a in r.attachments if a in hidden)
    if withheld:
        # Only records that list such a file become new objects (the serve memos go by identity).
        public = [replace(r, attachments=tuple(a for a in r.attachments if a not in withheld))
                  if withheld.intersection(r.attachments) else r for r in public]
    pages = catalogue.known_index_nos - {r.index_no for r in public}  # a record with errors too
    names = WithheldNames.shared(hidden, {a for r in public for a in (r.source, *r.attachments)},
                                 map(index_slug, pages), (index_slug(r.index_no) for r in public))
    if names:
        public = [_without_names(r, names) for r in public]
    public.sort(key=lambda r: (r.published, r.index_no), reverse=True)
    by_index = {r.index_no: r for r in public}

    def keep(index: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        out = {}
        for src, targets in index.items():
            if src in by_index:
                kept = tuple(t for t in targets if t in by_index)
                if kept:
                    out[src] = kept
        return out

    filtered = LinkGraph(
        interpretations=keep(graph.interpretations), interprets=keep(graph.interprets),
        amended_by=keep(graph.amended_by), amends=keep(graph.amends),
        repealed_by=keep(graph.repealed_by), repeals=keep(graph.repeals),
        problems=())
    def not_public(changed_by: Mapping[str, tuple[str, ...]]) -> dict[str, dt.date]:
        return {target: min(catalogue.by_index[s].effective or catalogue.by_index[s].published for s in sources)
                for target, sources in changed_by.items()
                if target in by_index and sources and not any(s in by_index for s in sources)}
    shown = frozenset().union(*(record_names(r.title, r.issuer) for r in public))
    with_errors = [(str(f["title"]), tuple(f.get("issuer", ()))) for f in catalogue.unread_withheld()]
    titles = TitleNet(name for title, issuer in [*((r.title, r.issuer) for r in catalogue.records
                                                   if r.index_no not in by_index and r.index_no not in kept_off),
                                                 *((r.title, r.issuer) for r in catalogue.duplicates if not r.is_proactive),
                                                 *with_errors]
                      for name in record_names(title, issuer) | own_forms(title, issuer) if name not in shown)
    return PublicCatalogue(as_of, tuple(public), by_index, filtered, withheld, frozenset(hidden), frozenset(pages),
                           names if names else None, titles, not_public(graph.repealed_by),
                           not_public(graph.amended_by))


def _waits_for_its_policy(record: Record, catalogue: Catalogue, as_of: dt.date,
                          unread: Mapping[str, Mapping[str, object]]) -> bool:
    """Whether ``record`` interprets a 主动公开 policy not yet published: it waits for it (dated before it,
    ``interpretation-before-policy``, it published the policy's content and 文号 a month early in a build
    without ``--strict``: a review).  The policy named by its 文号, title or serial where its index number goes
    (as the check reads it: :func:`~build_tools.graph.meant_record`), and a policy file with errors of its own
    (``unread``, its legible facts by :func:`index_number_key`), are waited for too (a review published both
    early)."""
    for target in record.interprets:
        # a policy dropped for a number a copy beside it kept: its interpretation went out early (reviews), whichever
        # of the two files came first
        if any(d.index_no == target and d.is_proactive and d.published > as_of for d in catalogue.duplicates):
            return True
        policy = catalogue.by_index.get(target) or _same_number(catalogue, target)
        if policy is None and (meant := meant_record(catalogue, target)) is not None:
            policy = catalogue.by_index.get(meant[0])
        if policy is not None and policy.is_proactive and policy.published > as_of:
            return True
        facts = None if policy is not None else unread.get(index_number_key(target)) \
            or unread.get(f"文号:{parse_doc_no(target).key}") or unread.get(f"标题:{target.strip().strip('《》')}")
        if facts is not None and not facts.get("withheld") and isinstance(day := facts.get("published"), dt.date) \
                and day > as_of:
            return True
    return False


def _same_number(catalogue: Catalogue, index_no: str) -> Record | None:
    """The record whose index number reads as ``index_no`` (2026-0090 for 2026-00090: the reference is then an
    error of its own, and the interpretation waited for nothing: a review)."""
    same = index_number_key(index_no)
    return next((r for r in catalogue.records if index_number_key(r.index_no) == same), None)


def _without_names(record: Record, names: WithheldNames) -> Record:
    """``record`` with no withheld file's name or address in its text fields (``catalogue check``
    reports each as ``field-names-not-public``); the record itself if none holds one."""
    changed = {}
    for key in FREE_TEXT:
        value = getattr(record, key)
        if isinstance(value, str):
            scrubbed = names.scrub(value)
        elif isinstance(value, tuple) and value:
            scrubbed = tuple(names.scrub(v) for v in value)
        else:
            continue
        if scrubbed != value:
            changed[key] = scrubbed
    return replace(record, **changed) if changed else record
