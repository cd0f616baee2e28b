"""The exports of one build, made from the plan's data: open data, feeds and the 开放数据 page's view."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..body_html import absolute_links
from ..machinery.cache import ContentCache, environment_digest, fingerprint
from ..machinery.forked import available_cores, map_chunks, release_free_memory
from ..machinery.remade import MadeWhenWritten
from ..config import CatalogueConfig
from ..model.record import Record
from ..model.schema import json_schema
from ..views.opendata import OpenDataPage, opendata_page, with_record_bytes
from ..visibility import PublicCatalogue
from .feeds import feeds
from .opendata import open_data, record_file, record_url


@dataclass(frozen=True, slots=True)
class Exports:
    files: dict[str, bytes | MadeWhenWritten]
    """``{site path: content}``: ``data/…`` and (with a site URL) ``feeds/…``; the records' files made
    when written (:mod:`~build_tools.machinery.remade`)."""
    page: OpenDataPage
    """The 开放数据 page, less the total size of the records' files (:func:`finish_open_data_page`)."""
    body_differences: tuple[str, ...] = ()
    """With ``verify``: the record files whose body HTML, as the last build or the cache directory held
    it, differs from a fresh conversion (a fast path that was wrong)."""


def base_of(site_url: str) -> str:
    """``site_url`` ending with ``/`` (a relative ``/`` when there is none: URLs then start at the root)."""
    return (site_url if site_url.endswith("/") else site_url + "/") if site_url else "/"


def make_exports(config: CatalogueConfig, public: PublicCatalogue, site_url: str, site_name: str, newest: str,
                 markdown: Mapping[str, str], updated: Callable[[Record], dt.date],
                 render: Callable[[str], str], memo, verify: bool = False, directory_urls: bool = True,
                 tables: Mapping[str, Sequence[dict]] | None = None) -> Exports:
    """Every export of the site on ``public``'s date.

    ``markdown`` is each record page's body (by index number); ``render`` turns
    it into the page's HTML, remembered in ``memo.body_html`` for the next
    build of the process (only what this build used is kept) and in the
    cache directory, under a key of the text, the renderer and the code.
    With ``verify`` every body is converted afresh and compared with what
    was kept (:attr:`Exports.body_differences`).  ``directory_urls`` false addresses each page by its
    folder's ``index.html`` (:func:`~build_tools.views.urls.page_url`).  ``tables``: each annual report's
    tables as its page shows them, by index number, for its record file.
    """
    base = base_of(site_url)
    html = _body_html(config, [markdown[r.index_no] for r in public.records], render, memo, verify)

    def body(r: Record) -> tuple[str, str]:
        text = markdown[r.index_no]
        return text, absolute_links(html(text), record_url(base, r.index_no, directory_urls))

    schema = json.dumps(json_schema(config), ensure_ascii=False, indent=2) + "\n"  # as `catalogue schema` writes it
    data = open_data(public, base, newest, schema, config.index_no_pattern.pattern, body,
                     lambda r: html.key(markdown[r.index_no]), directory_urls, tables)
    files = dict(data.files)
    if site_url:
        files.update(feeds(public, base, site_name, updated, config.feed_id_authority, directory_urls))
    example = record_file(public.records[0].index_no) if public.records else ""
    differing = html.differences
    return Exports(files, opendata_page(files, data.count, newest, example),
                   tuple(r.source for r in public.records if markdown[r.index_no] in differing))


def finish_open_data_page(page: OpenDataPage, record_bytes: int, memo) -> OpenDataPage:
    """The 开放数据 page once the records' files are written: ``record_bytes`` is their total size.

    Kept from the last build of the process (``memo.open_data_page``) when
    equal, so that its page key need not be hashed again.
    """
    page = with_record_bytes(page, record_bytes)
    if memo.open_data_page == page:
        page = memo.open_data_page
    memo.open_data_page = page
    return page


class _BodyHtml:
    """Each body's HTML by its Markdown, as the records' files are made.

    A record's open-data file is made once, when it is written, in a forked
    writer (:mod:`~build_tools.machinery.remade`).  The HTML (some 175 MB
    at 10,000 long laws) is held in ``memo.body_html`` only where the memo
    asks for it (a server's next build reuses it), or here without a cache
    directory; else it is read back from the cache directory, or rendered
    again where an entry is gone (another build pruned it) or found
    damaged: the same HTML, as rendering is a pure function of the text.
    """

    def __init__(self, keys: dict[str, str], cache: ContentCache | None, render: Callable[[str], str],
                 held: dict[str, str], differences: frozenset[str] = frozenset()) -> None:
        """``held``: the HTML of every body where it is held (no cache directory, or the memo keeps
        it, or ``verify``), else of none; ``differences``: the texts whose kept HTML was not a fresh
        conversion's (``verify``)."""
        self._keys, self._cache, self._render, self._held = keys, cache, render, held
        self.differences = differences

    def key(self, text: str) -> str:
        """The key of the HTML of ``text``: a hash of the text, the renderer and the code."""
        return self._keys[text]

    def __call__(self, text: str) -> str:
        html = self._held.get(text)
        if html is None:
            stored = self._cache.get(self._keys[text])
            html = stored.decode("utf-8") if stored is not None else str.__str__(self._render(text))
        return html


def _body_html(config: CatalogueConfig, texts: list[str], render: Callable[[str], str], memo,
               verify: bool = False) -> _BodyHtml:
    """The HTML of every body: from the last build of this process (``memo.body_html``), the
    cache directory, or rendered, in forked workers when many are missing.

    Rendering a body costs some 2 ms of Markdown (20 s for 10,000 records on
    one core); the key of each is a hash of its text, the renderer (its
    extensions and their options) and the code, so an edit renders one body again.
    With ``verify`` every body is rendered, and the HTML the memo or the cache
    held for it is compared with the fresh one (:attr:`_BodyHtml.differences`).
    """
    salt = fingerprint(environment_digest(), getattr(render, "identity", repr(render)))
    cache = ContentCache(config.cache_dir, "bodies") if config.cache_dir is not None else None
    hold = cache is None or memo.hold_body_html or verify  # else read back from the cache when wanted
    last, memo.body_html = memo.body_html, {}
    keys = {text: fingerprint(salt, text) for text in texts}
    found: dict[str, str] = {}
    missing: list[str] = []
    kept: dict[str, str] = {}  # verify: what the fast path would have used
    for text, key in keys.items():
        html = last.get(key)
        if html is not None and cache is not None:
            cache.has(key)  # used by this build: not pruned
        elif html is None and cache is not None:
            if not hold and cache.has(key):  # read when the record's file is made (or rendered then)
                continue
            stored = cache.get(key)
            html = stored.decode("utf-8") if stored is not None else None
        if verify:
            if html is not None:
                kept[text] = html
            html = None
        if html is None:
            missing.append(text)
        elif hold:
            found[text] = html
    del last
    workers = config.workers or available_cores()
    made = map_chunks(lambda chunk: [render(t) for t in chunk], missing,
                      workers=workers if len(missing) >= 200 else 1, chunk_size=100)
    keep = getattr(render, "keep", None)  # a renderer keeping more of each conversion (the pages take it)
    made.reverse()
    with cache.batch() if cache is not None else contextlib.nullcontext():  # one flush, not one per body
        for text in missing:
            html = made.pop()  # each result let go once kept: not all of them twice at the end
            html = keep(text, html) if keep is not None else html
            if hold:
                found[text] = html
            if cache is not None:
                cache.put(keys[text], html.encode("utf-8"))
    if cache is not None:
        cache.prune()
    if memo.hold_body_html:
        memo.body_html = {keys[text]: html for text, html in found.items()}
    if missing:  # the workers' results came through this process's heap: give back what they left
        release_free_memory()
    differences = frozenset(text for text, html in kept.items() if found.get(text) != html)
    return _BodyHtml(keys, cache, render, found, differences)
