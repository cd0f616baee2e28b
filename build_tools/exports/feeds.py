"""RSS 2.0 and Atom feeds of the latest public records, overall and per kind, made with feedgen.

Each feed holds the :data:`LATEST` newest records (by 发布日期, then index
number, as every list on the site) of its kinds:

========================  ==============================  =====================
feed                      records                         list page linking it
========================  ==============================  =====================
``feeds/all.atom.xml``    every kind                      every page's ``<head>``
``feeds/policies.…``      政策文件                        ``lists/policies/``
``feeds/interpretations…`` 政策解读                       ``lists/interpretations/``
``feeds/fiscal.…``        部门预算、部门决算 (预决算)     ``lists/fiscal/``
``feeds/notices.…``       通知公告                        ``lists/notices/``
========================  ==============================  =====================

(each as ``.atom.xml`` and ``.rss.xml``).

- **Ids** are tag URIs (RFC 4151) minted from the index number, which never
  changes and is never reused: ``tag:<authority>,<year published>:<index number>``,
  the authority being the option ``feed_id_authority`` or else the host of
  ``site_url``; pinning the option keeps ids when the site moves host.
  RSS ``guid`` is the same tag (``isPermaLink="false"``).
- **Dates** come from the records, never the clock: an entry's ``updated`` is
  the day its page last changed (its 发布日期, its 实施日期 once reached, the
  publication of a record linked to it: ``site_plan.record_updated``),
  ``published`` its 发布日期, both at 00:00 China time; a feed's ``updated``
  (RSS ``lastBuildDate``) is its newest entry's.  So a rebuild is byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from feedgen.feed import FeedGenerator

from ..clock import CHINA
from ..model.fields import Kind
from ..model.record import Record
from ..visibility import PublicCatalogue
from ..views.urls import page_url
from .opendata import record_url
from .sitemap import sitemap_files

LATEST = 50
"""Entries per feed."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed: its name in the URL, title, kinds and the list page it belongs to."""

    slug: str
    title: str
    kinds: frozenset[Kind]
    list_path: str

    @property
    def atom(self) -> str:
        return f"feeds/{self.slug}.atom.xml"

    @property
    def rss(self) -> str:
        return f"feeds/{self.slug}.rss.xml"


ALL = FeedSpec("all", "最新公开信息", frozenset(Kind), "")
FEEDS: tuple[FeedSpec, ...] = (
    ALL,
    FeedSpec("policies", "政策文件", frozenset({Kind.POLICY}), "lists/policies/"),
    FeedSpec("interpretations", "政策解读", frozenset({Kind.INTERPRETATION}), "lists/interpretations/"),
    FeedSpec("fiscal", "预决算", frozenset({Kind.BUDGET, Kind.FINAL_ACCOUNT}), "lists/fiscal/"),
    FeedSpec("notices", "通知公告", frozenset({Kind.NOTICE}), "lists/notices/"),
)
FEEDS_BY_LIST = {f.list_path: f for f in FEEDS if f.list_path}
"""The per-kind feed of a list page's section (``lists/policies/`` …)."""


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA)


def entry_id(authority: str, record: Record) -> str:
    """A record's feed id: ``tag:jtt.jiangchuan.gov.cn,2024:015200371/2024-00012``."""
    return f"tag:{authority},{record.published.year}:{record.index_no}"


def authority_of(site_url: str, configured: str = "") -> str:
    """The tag authority: the configured one, else ``site_url``'s host (without port)."""
    return configured or (urlsplit(site_url).hostname or "localhost")


def _feed(spec: FeedSpec, records: Sequence[Record], base_url: str, site_name: str, authority: str,
          updated: Callable[[Record], dt.date], directory_urls: bool) -> FeedGenerator:
    fg = FeedGenerator()
    title = f"{site_name}：{spec.title}" if site_name else spec.title
    fg.id(f"tag:{authority},2000:feeds/{spec.slug}")
    fg.title(title)
    fg.subtitle(f"{title}（最新 {LATEST} 条）")
    fg.language("zh-CN")
    fg.generator("gov-disclosure-catalogue")
    newest = max((updated(r) for r in records), default=None)
    moment = _moment(newest) if newest else dt.datetime(2000, 1, 1, tzinfo=CHINA)
    fg.updated(moment)
    fg.lastBuildDate(moment)
    for r in records:
        fe = fg.add_entry(order="append")
        url = record_url(base_url, r.index_no, directory_urls)
        fe.id(entry_id(authority, r))
        fe.guid(entry_id(authority, r), permalink=False)
        fe.title(r.title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.published(_moment(r.published))
        fe.updated(_moment(updated(r)))
        fe.author(name="、".join(r.issuer))
        fe.category(term=r.kind.label, label=r.kind.label)
        fe.summary(r.summary or r.title)
    return fg


FEEDS_SITEMAP = "feeds/sitemap.xml"
"""The sitemap of the feeds' folder (see :func:`feeds`)."""


def feeds(public: PublicCatalogue, base_url: str, site_name: str, updated: Callable[[Record], dt.date],
          authority: str = "", directory_urls: bool = True) -> dict[str, bytes]:
    """Every feed file, ``{site path: bytes}``; ``base_url`` is the site's absolute URL ending in ``/``.
    ``directory_urls``: as :func:`~build_tools.exports.opendata.record_url`."""
    authority = authority_of(base_url, authority)
    out: dict[str, bytes] = {}
    for spec in FEEDS:
        records = [r for r in public.records if r.kind in spec.kinds][:LATEST]
        fg = _feed(spec, records, base_url, site_name, authority, updated, directory_urls)
        page = {"href": urljoin(base_url, page_url(spec.list_path, directory_urls)), "rel": "alternate",
                "type": "text/html"}
        # feedgen gives RSS's <link> the last link: the page, after the feed itself.
        fg.link([{"href": urljoin(base_url, spec.atom), "rel": "self", "type": "application/atom+xml"}, page],
                replace=True)
        out[spec.atom] = fg.atom_str(pretty=True, encoding="UTF-8")
        fg.link([{"href": urljoin(base_url, spec.rss), "rel": "self", "type": "application/rss+xml"}, page],
                replace=True)
        out[spec.rss] = fg.rss_str(pretty=True, encoding="UTF-8")
    # Material for MkDocs fetches the sitemap.xml beside the target of every <link rel="alternate"> of a
    # page (for its language selector), so each feed named in <head> would cost a request that fails:
    # the feeds' folder has a sitemap of its own, listing the feeds (a sitemap may list the URLs under
    # its folder, sitemaps.org), a few hundred bytes.
    newest = max((updated(r) for r in public.records), default=None)
    day = newest.isoformat() if newest else None
    out[FEEDS_SITEMAP] = sitemap_files(base_url, [(path, day) for path in sorted(out)])["sitemap.xml"]
    return out
