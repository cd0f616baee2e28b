"""The exports of one build, made from the plan's data: open data, feeds and the 开放数据 page's view."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..body_html import absolute_links
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
    build of the process (only what this build used is kept).
    """
    base = base_of(site_url)
    last, memo.body_html = memo.body_html, {}

    def body(r: Record) -> tuple[str, str]:
        text = markdown[r.index_no]
        html = last.get(text)
        if html is None:
            html = render(text)
        memo.body_html[text] = html
        return text, absolute_links(html, record_url(base, r.index_no))

    schema = json.dumps(json_schema(config), ensure_ascii=False, indent=2) + "\n"  # as `catalogue schema` writes it
    data = open_data(public, base, newest, schema, config.index_no_pattern.pattern, body)
    files = dict(data.files)
    if site_url:
        files.update(feeds(public, base, site_name, updated, config.feed_id_authority))
    example = record_file(public.records[0].index_no) if public.records else ""
    page = opendata_page(files, data.count, newest, example)
    if memo.open_data_page == page:
        page = memo.open_data_page
    memo.open_data_page = page
    return Exports(files, page)
