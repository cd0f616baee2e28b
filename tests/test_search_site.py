"""Search in the built site: the box in Material's header, the results page, the index files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.search import build_search

from .sitetools import page_url, resolve
from .test_search import public_of

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("search-site") / "site", as_of=AS_OF)


def header_of(html: str) -> str:
    return html[html.index('<header class="md-header'):html.index("</header>")]


def test_every_page_has_one_search_box_inside_materials_header(site):
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = header_of(html)
        assert html.count("data-cat-search") == 1 and "data-cat-search" in header, page
        # Inside Material's header bar (its <nav class="md-header__inner">), after its own buttons.
        nav = header[header.index('<nav class="md-header__inner'):]
        assert nav.index("md-header__title") < nav.index("data-cat-search") < nav.rindex("</nav>"), page
        assert "&lt;" not in header, page  # nothing escaped by accident: icons are markup
        assert 'data-md-component="search"' not in header  # Material's own search stays off
        action = re.search(r'<form class="md-search__form" name="search" action="([^"]+)" method="get"', header)
        assert resolve(site, page_url(site, page), action.group(1)) == site / "search" / "index.html", page
        assert re.search(r'<input type="search" class="md-search__input" name="q"', header)
        assert re.search(r'<script src="[^"]*assets/search\.js\?v=[0-9a-f]{10}" defer></script>', html), page


def test_the_results_page_explains_search_needs_javascript_and_links_every_list(site):
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    nojs = html[html.index('id="cat-search-nojs"'):html.index('id="cat-search-page"')]
    assert "站内搜索需要浏览器启用 JavaScript" in nojs
    for target in ("lists/policies/", "lists/interpretations/", "lists/fiscal/", "lists/reports/", "lists/notices/"):
        href = re.search(rf'href="([^"]*{target})"', nojs).group(1)
        assert resolve(site, "search/", href) == site / target / "index.html"
    assert re.search(r'<div class="cat-search-page" id="cat-search-page" hidden>', html)
    for name in ("kind", "category", "year", "issuer", "validity", "sort"):
        assert f'<select name="{name}"' in html
    # what it searches: the catalogue, not the site's own pages (a reader looked for the application form there)
    assert "不含本栏目的说明页面（如信息公开指南" in html[html.index('id="cat-search-page"'):]


def test_the_site_holds_exactly_the_index_the_core_builds(site):
    public, config = public_of(ROOT / "catalogue")
    expected = build_search(public, config.catalogue_dir, config.categories)
    written = {p.relative_to(site).as_posix(): p.read_bytes()
               for p in (site / "search" / "data").rglob("*") if p.is_file()}
    assert written == expected


def test_with_materials_search_enabled_again_its_box_replaces_ours(tmp_path):
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: 测试\nuse_directory_urls: true\n"
        f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {ROOT / 'theme'}\n"
        f"plugins:\n  - search\n  - catalogue:\n      catalogue_dir: {ROOT / 'catalogue'}\n", encoding="utf-8")
    out = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    header = header_of((out / "index.html").read_text(encoding="utf-8"))
    assert header.count('class="md-search"') == 1 and 'data-md-component="search"' in header
    assert "data-cat-search" not in header and "&lt;" not in header
