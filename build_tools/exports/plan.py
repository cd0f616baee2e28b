"""The exports of one build, made from the plan's data: open data, feeds and the 开放数据 page's view."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..body_html import absolute_links
from ..machinery.cache import ContentCache, environment_digest, fingerprint
from ..config import CatalogueConfig
from ..model.record import Record
from ..model.schema import json_schema
from ..views.opendata import OpenDataPage, opendata_page
from ..visibility import PublicCatalogue
from .feeds import feeds
from .opendata import open_data, record_file, record_url


@dataclass(frozen=True, slots=True)
class Exports:
    files: dict[str, bytes]
    """``{site path: bytes}``: ``data/…`` and (with a site URL) ``feeds/…``."""
    page: OpenDataPage


def base_of(site_url: str) -> str:
    """``site_url`` ending with ``/`` (a relative ``/`` when there is none: URLs then start at the root)."""
    return (site_url if site_url.endswith("/") else site_url + "/") if site_url else "/"


def make_exports(config: CatalogueConfig, public: PublicCatalogue, site_url: str, site_name: str, newest: str,
                 markdown: Mapping[str, str], updated: Callable[[Record], dt.date],
                 render: Callable[[str], str], memo) -> Exports:
    """Every export of the site on ``public``'s date.

    ``markdown`` is each record page's body (by index number); ``render`` turns
    it into the page's HTML, remembered in ``memo.body_html`` for the next
    build of the process (only what this build used is kept) and in the
    cache directory, under a key of the text, the renderer and the code.
    """
    base = base_of(site_url)
    last, memo.body_html = memo.body_html, {}
    cache = ContentCache(config.cache_dir, "bodies") if config.cache_dir is not None else None
    salt = fingerprint(environment_digest(), getattr(render, "identity", repr(render)))

    def body(r: Record) -> tuple[str, str]:
        text = markdown[r.index_no]
        key = fingerprint(salt, text)  # the renderer is in the key: an edited mkdocs.yml under serve renders anew
        html = last.get(key)
        if html is None:
            html = _cached_render(key, text, render, cache)
        elif cache is not None:
            cache.has(key)  # used by this build: not pruned
        memo.body_html[key] = html
        return text, absolute_links(html, record_url(base, r.index_no))

    schema = json.dumps(json_schema(config), ensure_ascii=False, indent=2) + "\n"  # as `catalogue schema` writes it
    with cache.batch() if cache is not None else contextlib.nullcontext():  # one flush, not one per body
        data = open_data(public, base, newest, schema, config.index_no_pattern.pattern, body)
    files = dict(data.files)
    if site_url:
        files.update(feeds(public, base, site_name, updated, config.feed_id_authority))
    example = record_file(public.records[0].index_no) if public.records else ""
    if cache is not None:
        cache.prune()
    page = opendata_page(files, data.count, newest, example)
    if memo.open_data_page == page:
        page = memo.open_data_page
    memo.open_data_page = page
    return Exports(files, page)


def _cached_render(key: str, text: str, render: Callable[[str], str], cache: ContentCache | None) -> str:
    """``render(text)``, kept in the cache directory under a key of the text, the renderer and the code.

    Rendering every body costs some 2 ms (20 s at 10,000 records); a build
    with the cache directory of the last one renders only the bodies that changed.
    """
    if cache is None:
        return render(text)
    stored = cache.get(key)
    if stored is not None:
        return stored.decode("utf-8")
    html = render(text)
    cache.put(key, html.encode("utf-8"))
    return html
