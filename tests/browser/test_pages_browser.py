"""Record pages and lists in Chromium: on paper, and on a 390 px phone (issue 16).

The site is tests/test_pages.py's catalogue with every status, a table
fourteen columns wide and a 公文 ending.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import record_path

from ..test_pages import _write_catalogue
from .conftest import requires_chromium, serve

pytestmark = requires_chromium

REPEALED = record_path("015200371/2023-00001")
NOTICE = record_path("015200371/2024-00005")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    return build_site(_write_catalogue(root), site_dir=root / "site", as_of=dt.date(2026, 11, 23))


def _open(browser, base: str, path: str, *, width: int, media: str = "screen"):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto(base + path)
    return page


def test_a_record_page_prints_its_banner_metadata_and_whole_tables(browser, site):
    with serve(site) as base:
        page = _open(browser, base, REPEALED, width=720, media="print")  # about A4's printable width
        try:
            hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.cat-tools',
                                              '.cat-search', '.md-footer']
                .map(s => [s, [...document.querySelectorAll(s)].every(e => e.offsetParent === null)])""")
            assert all(ok for _, ok in hidden), hidden
            for selector in (".cat-banner--repealed", "table.cat-meta", ".cat-key-links"):
                assert page.locator(selector).is_visible(), selector
            fit = page.evaluate("""() => {
                const t = document.querySelector('.cat-body table');
                const box = document.querySelector('.md-content').getBoundingClientRect();
                const r = t.getBoundingClientRect();
                const wrap = t.closest('.md-typeset__scrollwrap') || t.parentElement;
                return {right: r.right, limit: box.right, scroll: t.scrollWidth, client: t.clientWidth,
                        wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth,
                        overflow: getComputedStyle(wrap).overflowX}
            }""")
            assert fit["right"] <= fit["limit"] + 1, fit  # no column beyond the paper's edge
            assert fit["scroll"] <= fit["client"] + 1 and fit["wrapScroll"] <= fit["wrapClient"] + 1, fit
            assert fit["overflow"] == "visible", fit  # no scroll box on paper
        finally:
            page.close()


def test_the_signature_and_date_of_a_notice_are_set_right(browser, site):
    with serve(site) as base:
        page = _open(browser, base, NOTICE, width=1280)
        try:
            placed = page.evaluate("""() => {
                const body = document.querySelector('.cat-body').getBoundingClientRect();
                return [...document.querySelectorAll('.cat-gw-signer, .cat-gw-date')].map(e => {
                    const range = document.createRange(); range.selectNodeContents(e);
                    const text = range.getBoundingClientRect();
                    return {align: getComputedStyle(e).textAlign, left: text.left - body.left, right: body.right - text.right};
                })}""")
            assert len(placed) == 2
            for p in placed:
                assert p["align"] == "right" and p["right"] < p["left"], placed
        finally:
            page.close()


def test_a_phone_shows_every_status_without_sideways_scrolling(browser, site):
    with serve(site) as base:
        for path in ("lists/policies/", REPEALED, ""):
            page = _open(browser, base, path, width=390)
            try:
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 390, (path, width)
                labels = page.locator(".cat-status")
                assert labels.count() >= 1 and labels.first.is_visible(), path
            finally:
                page.close()
