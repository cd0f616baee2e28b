"""Search on a site without directory URLs (``use_directory_urls: false``): results lead to page files.

The index names each record's page by its folder; the search box's
``data-cat-page`` tells theme/assets/search.js to add the folder's
``index.html``, as a copy read from disk or a server without index
documents needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import record_path

from ..test_file_urls import AS_OF, _project
from .conftest import requires_chromium, serve

pytestmark = requires_chromium

POLICY = "015200371/2024-00006"  # 江交规〔2024〕3号, 关于进一步规范道路客运班线经营许可的通知


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("file-urls-browser")
    site = build_site(_project(root, False), site_dir=root / "site", as_of=AS_OF)
    with serve(site) as url:
        yield url


def test_the_header_box_and_the_results_page_link_to_page_files(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(base_url + "index.html")
        page.locator("header.md-header #cat-search-input").click()
        page.keyboard.type("客运班线")
        page.wait_for_selector("#cat-search-dropdown[data-query='客运班线'][data-state]:not([data-state=partial])")
        links = page.eval_on_selector_all("#cat-search-dropdown a.md-search-result__link", "els => els.map(e => e.href)")
        assert links and all(urlsplit(u).path.endswith("/index.html") for u in links), links
        assert "/" + record_path(POLICY) + "index.html" in [urlsplit(u).path for u in links]
        everything = page.get_attribute("#cat-search-dropdown a.cat-search-all", "href")
        assert urlsplit(everything).path.endswith("/search/index.html")
        page.click("#cat-search-dropdown a.cat-search-all")
        page.wait_for_selector("#cat-search-page[data-state=done]")
        assert urlsplit(page.url).path == "/search/index.html"
        titles = page.eval_on_selector_all("#cat-search-results a.cat-search-result__title", "els => els.map(e => e.href)")
        assert titles and all(urlsplit(u).path.endswith("/index.html") for u in titles), titles
        page.click("#cat-search-results a.cat-search-result__title >> nth=0")
        page.wait_for_load_state()
        assert urlsplit(page.url).path.startswith("/records/") and page.locator("h1").count() >= 1
    finally:
        context.close()


def test_without_javascript_the_search_form_opens_the_results_page_file(browser, base_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(base_url + record_path(POLICY) + "index.html")
        action = page.get_attribute("form[data-cat-search]", "action")
        assert action == "../../search/index.html"
        response = page.request.get(base_url + "search/index.html")
        assert response.ok
    finally:
        context.close()
