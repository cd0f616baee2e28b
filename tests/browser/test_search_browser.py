"""Search in a real browser: the header box, the results page, filters, the URL, no JavaScript.

The sample site is built once, served over HTTP on 127.0.0.1 (an ephemeral
port) and driven with Playwright in Debian's Chromium.  Results shown by
theme/assets/search.js are compared with build_tools.search.query (the
Python twin the recall tests use) on the same files.

Skipped only when /usr/bin/chromium or the playwright package is missing
and CI is unset; under CI=true they always run (and fail if the browser is
missing).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from build_tools.mkdocs_plugin.asset_urls import version_of
from build_tools.mkdocs_plugin.build import build_site
from build_tools.search.index import ROOT as INDEX_ROOT
from build_tools.search.normalise import normalise
from build_tools.search.query import SearchIndex
from build_tools.views.urls import record_path

from .conftest import requires_chromium, serve

pytestmark = requires_chromium

ROOT = Path(__file__).resolve().parent.parent.parent
AS_OF = dt.date(2026, 11, 23)
POLICY = "015200371/2024-00006"  # 江交规〔2024〕3号, 关于进一步规范道路客运班线经营许可的通知
BUDGET_2026 = "015200371/2026-00002"  # has the CSV attachment
UPDATED = "网站已更新，本页的搜索已无法使用。刷新本页后即可搜索"  # and a link: 刷新本页


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("search-site") / "site", as_of=AS_OF)


@pytest.fixture(scope="module")
def base_url(site) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("request", lambda r: problems.append(f"request off 127.0.0.1: {r.url}")
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def python_index(site) -> SearchIndex:
    return SearchIndex(lambda path: (site / path).read_bytes())


def results_page(tab, base_url: str, query: str = "", **params) -> None:
    """Open search/?q=…&params and wait until the count is exact."""
    parts = ([f"q={quote(query)}"] if query else []) + [f"{k}={quote(v)}" for k, v in params.items()]
    tab.goto(f"{base_url}search/" + ("?" + "&".join(parts) if parts else ""))
    tab.wait_for_selector("#cat-search-page[data-state=done]")


def shown_urls(page, selector: str = "#cat-search-results a.cat-search-result__title") -> list[str]:
    return [urlsplit(h).path for h in page.eval_on_selector_all(selector, "els => els.map(e => e.href)")]


def url_of(index_no: str) -> str:
    return "/" + record_path(index_no)


# -- the header box --------------------------------------------------------------------


def test_typing_in_the_header_box_lists_the_best_records_with_the_term_marked(page, base_url):
    page.goto(base_url)
    box = page.locator("header.md-header #cat-search-input")
    assert box.is_visible()
    box.click()
    page.keyboard.type("三公经费")
    page.wait_for_selector("#cat-search-dropdown[data-query='三公经费'][data-state]:not([data-state=partial])")
    items = page.locator("#cat-search-dropdown .md-search-result__item")
    assert items.count() == 6
    first = items.nth(0)
    # the latest year's budget or final account, whose tables hold the term too (indexed since a review)
    heading = first.locator(".cat-search-result__heading").inner_text()
    assert heading in ("江川省交通运输厅2026年部门预算公开", "江川省交通运输厅2025年度部门决算公开"), heading
    assert ("2026-02-13" if "预算" in heading else "2026-") in first.inner_text()
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(normalise(m) == "三公经费" for m in marks)
    for i in range(items.count()):  # budgets and final accounts hold it in their keywords
        heading = items.nth(i).locator(".cat-search-result__heading").inner_text()
        assert "预算" in heading or "决算" in heading


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_dropdown_reads_at_the_sites_sizes(browser, base_url, width):
    """Material's 12.8 px snippets and a 15 px high link to all results, and an <h1> per result (a review): snippets
    and titles are 16 px now, dates 14 px, the link a row 44 px high, and no result is a heading."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(base_url)
        if width < 600:
            page.get_by_role("button", name="打开搜索").click()
        else:
            page.locator("header.md-header #cat-search-input").click()
        page.keyboard.type("网约车")
        page.wait_for_selector("#cat-search-dropdown[data-state=done]")
        sizes = page.evaluate("""() => { const px = s => [...document.querySelectorAll('#cat-search-dropdown ' + s)]
                .map(e => parseFloat(getComputedStyle(e).fontSize));
            const all = document.querySelector('#cat-search-dropdown a.cat-search-all').getBoundingClientRect();
            return {heading: px('.cat-search-result__heading'), snippet: px('.md-search-result__article > p:last-child'),
                    meta: px('.cat-search-result__meta'), link: [all.height, all.width],
                    headings: document.querySelectorAll('#cat-search-dropdown h1, #cat-search-dropdown h2').length}; }""")
        assert sizes["heading"] and min(sizes["heading"]) >= 16 and min(sizes["snippet"]) >= 16
        assert min(sizes["meta"]) >= 14 and sizes["headings"] == 0
        assert sizes["link"][0] >= 44 and sizes["link"][1] >= 200
    finally:
        page.close()


def test_a_document_number_typed_with_square_brackets_finds_its_record_first(page, base_url):
    page.goto(base_url + "guide/")
    page.click("#cat-search-input")
    page.keyboard.type("江交规[2024]3号")
    page.wait_for_selector("#cat-search-dropdown[data-query='江交规[2024]3号'][data-state]:not([data-state=partial])")
    assert shown_urls(page, "#cat-search-dropdown a.md-search-result__link")[0] == url_of(POLICY)


def test_enter_opens_the_results_page_which_keeps_the_query_through_filters_reload_and_back(page, base_url):
    page.goto(base_url)
    page.click("#cat-search-input")
    page.keyboard.type("政务公开")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert page.input_value("#cat-search-input") == "政务公开"
    everything = int(page.get_attribute("#cat-search-page", "data-total"))
    titles = page.locator("#cat-search-results .cat-search-result__title").all_inner_texts()
    assert len(titles) == min(10, everything) and "政务公开" in titles[0]
    assert page.locator("#cat-search-results mark").count() > 0

    page.select_option("select[name=kind]", "policy")
    page.wait_for_url("**kind=policy*")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    policies = int(page.get_attribute("#cat-search-page", "data-total"))
    assert 0 < policies < everything
    kinds = page.locator("#cat-search-results .cat-search-result__kind").all_inner_texts()
    assert kinds and set(kinds) == {"政策文件"}
    shown = shown_urls(page)

    page.reload()
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert page.input_value("#cat-search-input") == "政务公开"
    assert page.input_value("select[name=kind]") == "policy"
    assert shown_urls(page) == shown

    page.go_back()
    page.wait_for_function("!location.search.includes('kind=')")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert int(page.get_attribute("#cat-search-page", "data-total")) == everything
    assert page.input_value("select[name=kind]") == ""


def test_filters_combine_and_work_with_an_empty_query(page, base_url, python_index):
    results_page(page, base_url, kind="budget")
    kinds = page.locator("#cat-search-results .cat-search-result__kind").all_inner_texts()
    assert kinds and set(kinds) == {"部门预算"}
    dates = page.locator("#cat-search-results time").all_inner_texts()
    assert dates == sorted(dates, reverse=True)  # without a query: newest first
    page.select_option("select[name=year]", "2024")
    page.wait_for_url("**year=2024*")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert page.locator("#cat-search-results .cat-search-result__title").all_inner_texts() == [
        "江川省交通运输厅2024年部门预算公开"]
    expected = python_index.search("", {"kind": "budget", "year": "2024"})
    assert int(page.get_attribute("#cat-search-page", "data-total")) == len(expected.docs)
    # The other filters offer only values that still have results, with their counts.
    options = page.locator("select[name=kind] option").all_inner_texts()
    assert options[0] == "全部" and any(o.startswith("部门预算（") for o in options)


def test_results_and_counts_are_those_of_the_reference_implementation(page, base_url, python_index):
    queries = ["三公经费", "解读材料", "政务公开", "交通运输厅", "运班", "客运班线经营", "2024", "路",
               "江交规〔2024〕3号", "015200371/2024-00006", "政务公开 2024", "不存在的词语组合"]
    for q in queries:
        results_page(page, base_url, q)
        expected = python_index.search(q)
        assert int(page.get_attribute("#cat-search-page", "data-total")) == len(expected.docs), q
        want = [url_of(python_index.doc(d)["n"]) for d in expected.docs[:10]]
        assert shown_urls(page) == want, q


def test_results_by_date_and_without_a_query_are_newest_first_as_the_catalogue_lists_them(page, base_url, site):
    """The index numbers documents by kind and 主题分类; meta.json's date order puts them back."""
    from build_tools.search.index import ROOT as INDEX_ROOT
    from build_tools.search.query import SearchIndex

    index = SearchIndex(lambda path: (site / path).read_bytes())
    assert index.newest != sorted(index.newest)  # numbered otherwise than by date
    for query, params in (("", {}), ("政务公开", {"sort": "date"}), ("交通运输", {"sort": "date", "page": "2"})):
        results_page(page, base_url, query, **params)
        expected = index.search(query, sort=params.get("sort", "relevance")).docs
        skip = 10 * (int(params.get("page", "1")) - 1)
        want = [url_of(index.doc(d)["n"]) for d in expected[skip:skip + 10]]
        assert len(want) >= 5 and shown_urls(page) == want, (query, params)
        dates = page.locator("#cat-search-results time").all_inner_texts()
        assert dates == sorted(dates, reverse=True)
    assert (site / INDEX_ROOT / "meta.json").is_file()


def test_a_browser_without_decompression_streams_inflates_the_index_with_pako(page, base_url, python_index):
    """Browsers before 2023 (iOS 16.3, Firefox 112) have no DecompressionStream: the bundled pako inflates."""
    page.add_init_script("delete window.DecompressionStream;")
    loaded = []
    page.on("request", lambda r: loaded.append(urlsplit(r.url).path + "?" + urlsplit(r.url).query))
    for q in ("客运班线经营", "路", "2026年预算数（万元）"):
        results_page(page, base_url, q)
        expected = python_index.search(q)
        assert int(page.get_attribute("#cat-search-page", "data-total")) == len(expected.docs), q
        assert shown_urls(page) == [url_of(python_index.doc(d)["n"]) for d in expected.docs[:10]], q
    # Once per page opened, at the address of its bytes (a pako kept from before an upgrade is never run).
    pako = version_of((ROOT / "theme/assets/vendor/pako_inflate.es5.min.js").read_bytes())
    assert loaded.count("/assets/vendor/pako_inflate.es5.min.js" + pako) == 3
    assert page.evaluate("typeof window.pako") == "object"


def test_a_modern_browser_inflates_without_loading_pako(page, base_url):
    loaded = []
    page.on("request", lambda r: loaded.append(urlsplit(r.url).path))
    results_page(page, base_url, "客运班线经营")
    assert shown_urls(page)
    assert not [u for u in loaded if "pako" in u]


def test_a_page_kept_from_before_an_index_format_change_asks_for_a_reload(page, base_url, site):
    """A browser holding search.js from before the site changed its index format reads nothing
    wrongly: it says the site was updated and to reload, and lists nothing."""
    meta = json.loads((site / INDEX_ROOT / "meta.json").read_text(encoding="utf-8"))
    meta["format"] -= 1
    body = json.dumps(meta, ensure_ascii=False)
    page.route(f"**/{INDEX_ROOT}meta.json",
               lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
    page.wait_for_selector("#cat-search-page[data-state=error]")
    assert UPDATED in page.inner_text("#cat-search-summary")
    assert page.locator("#cat-search-results li").count() == 0
    # The message holds a link that reloads the page: with the site's own index the search then works.
    page.unroute(f"**/{INDEX_ROOT}meta.json")
    with page.expect_navigation():
        page.get_by_role("link", name="刷新本页").click()
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert page.url.endswith(f"search/?q={quote('客运班线经营')}")
    assert page.locator("#cat-search-results li").count() > 0


def test_the_header_dropdown_says_the_site_was_updated_with_a_reload_link(page, base_url, site):
    """The drop-down on every page: an index of another format gives the same words and link as the
    results page (no stale list, state "error"); any other failure says search is unavailable."""
    meta = json.loads((site / INDEX_ROOT / "meta.json").read_text(encoding="utf-8"))
    meta["format"] += 1
    body = json.dumps(meta, ensure_ascii=False)
    page.route(f"**/{INDEX_ROOT}meta.json",
               lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    page.goto(base_url + "lists/policies/")
    page.click("#cat-search-input")
    page.keyboard.type("渡船")
    page.wait_for_selector("#cat-search-dropdown[data-state=error]")
    meta_line = page.locator("#cat-search-dropdown .md-search-result__meta")
    assert meta_line.inner_text() == "网站已更新，本页的搜索已无法使用。刷新本页后即可搜索。"
    assert page.locator("#cat-search-dropdown .md-search-result__item").count() == 0
    page.unroute(f"**/{INDEX_ROOT}meta.json")
    with page.expect_navigation():
        meta_line.get_by_role("link", name="刷新本页").click()
    assert page.url == base_url + "lists/policies/"
    page.click("#cat-search-input")
    page.keyboard.type("渡船")
    page.wait_for_selector("#cat-search-dropdown[data-query='渡船'][data-state]:not([data-state=partial]):not([data-state=error])")
    assert page.locator("#cat-search-dropdown .md-search-result__item").count() > 0


def test_a_script_of_the_previous_format_finds_no_index_and_says_so(browser, base_url):
    """A browser holding the previous search.js (format 2, which read search/data/meta.json and never
    looked at the format) finds nothing there: it says search is unavailable, it shows no record."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/assets/search.js?v=*", lambda route: route.fulfill(
        status=200, content_type="application/javascript",
        body=(ROOT / "theme/assets/search.js").read_text(encoding="utf-8").replace(
            'var DATA = ROOT + "search/data/" + FORMAT + "/";', 'var DATA = ROOT + "search/data/";')))
    asked: list[str] = []
    page.on("response", lambda r: asked.append(f"{r.status} {urlsplit(r.url).path}"))
    page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
    page.wait_for_selector("#cat-search-page[data-state=error]")
    assert "没有搜索索引" in page.inner_text("#cat-search-summary")
    assert page.locator("#cat-search-results li").count() == 0
    assert "404 /search/data/meta.json" in asked and not errors
    context.close()


def test_result_files_gone_since_the_index_was_read_ask_for_a_reload(browser, base_url):
    """A page open across a rebuild read meta.json of an index whose files are gone now: where a
    result file answers 404, the page says the site was updated, with no script error and no result."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/d/*.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
    page.wait_for_selector("#cat-search-page[data-state=error]")
    assert UPDATED in page.inner_text("#cat-search-summary")
    assert page.locator("#cat-search-results li").count() == 0 and not errors
    context.close()


def test_when_search_fails_a_phone_shows_the_message_first_then_the_lists(browser, base_url):
    """With the index unreadable, a reader on a phone sees the message at the top, above the fold,
    then the browse lists: no filters (nothing to filter), no claim that JavaScript is off (it runs)."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/meta.json", lambda route: route.fulfill(status=404, body="gone"))
    try:
        page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
        page.wait_for_selector("#cat-search-page[data-state=error]")
        summary = page.locator("#cat-search-summary")
        assert "没有搜索索引" in summary.inner_text()
        box = summary.bounding_box()
        assert box and box["y"] + box["height"] <= 640, box  # in the first screen, with no scrolling
        assert not page.locator("#cat-search-filters").is_visible()
        assert not page.locator("#cat-search-nojs-why").is_visible()
        assert page.locator("#cat-search-nojs-browse").is_visible()
        links = page.locator("#cat-search-nojs a")
        assert links.all_inner_texts() == ["政策文件", "政策解读", "预决算", "政府信息公开工作年度报告", "通知公告"]
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        # the lists come after the message, in reading order as on the screen
        assert links.first.bounding_box()["y"] > box["y"]
        assert "启用 JavaScript" not in page.locator("article").inner_text()
        assert not errors
    finally:
        context.close()


def test_a_late_failure_of_an_earlier_search_leaves_the_later_searchs_page_alone(browser, base_url):
    """The reader searches again while the first search still waits for the index; the first one's
    requests then fail. The page shows the second search, whole: no error, results and filters kept."""
    needed: set[str] = set()  # the index files the second search reads, found by running it alone
    alone = browser.new_context(locale="zh-CN")
    first = alone.new_page()
    first.on("request", lambda r: needed.add(urlsplit(r.url).path))
    first.goto(f"{base_url}search/?q={quote('预算')}")
    first.wait_for_selector("#cat-search-page[data-state=done]")
    alone.close()

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    held = []

    def hold(route):  # the first search's own files wait; the second's are served
        if urlsplit(route.request.url).path in needed:
            route.continue_()
        else:
            held.append(route)
    page.route(f"**/{INDEX_ROOT}*/**", hold)
    try:
        page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
        page.wait_for_function("document.getElementById('cat-search-summary').textContent === '正在搜索…'")
        for _ in range(50):
            if held:
                break
            page.wait_for_timeout(100)
        assert held, "the first search asked for no file of its own"
        page.fill("#cat-search-input", "预算")
        page.press("#cat-search-input", "Enter")
        page.wait_for_selector("#cat-search-page[data-state=done]")
        summary = page.inner_text("#cat-search-summary")
        shown = page.locator("#cat-search-results li").count()
        assert shown > 0 and "预算" in summary
        for route in held:
            route.fulfill(status=500, body="server error")
        page.wait_for_timeout(500)  # the failed requests' callbacks have run
        assert page.get_attribute("#cat-search-page", "data-state") == "done"
        assert page.inner_text("#cat-search-summary") == summary
        assert page.locator("#cat-search-results li").count() == shown
        assert page.locator("#cat-search-filters").is_visible()
        assert not page.locator("#cat-search-nojs").is_visible()
        assert not errors
    finally:
        context.close()


def test_a_failure_after_a_filter_change_moves_focus_to_the_message(browser, base_url):
    """A keyboard reader changes a filter; the search then fails and hides the filters. Focus goes to
    the 刷新本页 link in the message, not back to the top of the document."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    held = []
    page.route("**/d/*.json", lambda route: held.append(route))  # result files wait …
    try:
        page.goto(f"{base_url}search/?q={quote('通知')}")
        page.wait_for_selector("#cat-search-filters select[name=kind] option:nth-child(2)", state="attached")
        page.focus("#cat-search-filters select[name=kind]")
        page.keyboard.press("ArrowDown")  # a new search, with the filter
        page.wait_for_function("location.search.indexOf('kind=') >= 0")
        for _ in range(50):
            if held:
                break
            page.wait_for_timeout(100)
        for route in held:  # … and are gone: the site was rebuilt under the page
            route.fulfill(status=404, body="gone")
        page.unroute("**/d/*.json")
        page.route("**/d/*.json", lambda route: route.fulfill(status=404, body="gone"))
        page.wait_for_selector("#cat-search-page[data-state=error]")
        assert not page.locator("#cat-search-filters").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('cat-search-reload')")
        assert page.evaluate("document.activeElement.textContent") == "刷新本页"
    finally:
        context.close()


@pytest.fixture(scope="module")
def positions_site(tmp_path_factory) -> Path:
    """Two notices, one saying 客运班线经营 so often that its positions lie apart, in an x/ chunk."""
    from tests.test_search import write_record

    root = tmp_path_factory.mktemp("positions-site")
    cat = root / "catalogue"
    cat.mkdir()
    write_record(cat, "a.md", "00001", "关于客运班线经营的通知", "客运班线经营，" * 20000, published="2024-05-10")
    write_record(cat, "b.md", "00002", "关于道路运输的通知", "道路运输。", published="2024-05-06")
    return build_site(ROOT / "mkdocs.yml", catalogue_dir=cat, site_dir=root / "site", as_of=AS_OF)


@pytest.mark.parametrize("chunks", ["p", "x"])
def test_chunks_gone_since_the_index_was_read_ask_for_a_reload(browser, request, chunks):
    """A page open across a rebuild: its postings chunks (p/) or positions chunks (x/) answer 404 and
    meta.json names another index now. The page says the site was updated rather than finding nothing;
    with meta.json unchanged the index is missing a file (every chunk is written, an empty one too): an
    error, never 没有找到 for text records hold, nor a page left at 正在统计… (found by a review)."""
    site = request.getfixturevalue("site" if chunks == "p" else "positions_site")
    meta = json.loads((site / INDEX_ROOT / "meta.json").read_text(encoding="utf-8"))
    assert list((site / INDEX_ROOT / meta["id"] / chunks).glob("*.bin"))
    with serve(site) as base_url:
        for rebuilt, expected in ((True, UPDATED), (False, "搜索索引的文件不完整")):
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            served: list[int] = []

            def meta_json(rebuilt: bool, served: list[int]):  # the handler takes the route only
                def fulfil(route):
                    served.append(1)
                    body = dict(meta, id="0123456789ab") if rebuilt and len(served) > 1 else meta
                    route.fulfill(status=200, content_type="application/json", body=json.dumps(body, ensure_ascii=False))
                return fulfil
            page.route(f"**/{INDEX_ROOT}meta.json", meta_json(rebuilt, served))
            page.route(f"**/{chunks}/*.bin", lambda route: route.fulfill(status=404, body="gone"))
            page.goto(f"{base_url}search/?q={quote('客运班线经营')}")
            page.wait_for_function("['error', 'done'].indexOf(document.getElementById('cat-search-page')"
                                   ".getAttribute('data-state')) >= 0")
            assert page.get_attribute("#cat-search-page", "data-state") == "error", page.inner_text("#cat-search-summary")
            assert expected in page.inner_text("#cat-search-summary"), rebuilt
            assert page.locator("#cat-search-results li").count() == 0 and not errors
            assert len(served) == 2  # meta.json once to start, once to ask whether it still names this index
            context.close()


@pytest.mark.parametrize("payload", [b"\xff" * 64, b"", b"\x05\x01", None, "cut"])
def test_a_damaged_chunk_is_an_error_not_a_hung_page_or_no_results(browser, base_url, payload):
    """A chunk that inflates to bytes that are no postings (a varint running past the end, nothing, a count
    with no entries): the page hung in a loop over a count read from nothing, or said 没有找到 (a review)."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    body = (b"<html><body>404 Not Found</body></html>" if payload is None  # a server's error page sent with 200
            else zlib.compress(bytes(range(256)) * 40)[:60] if payload == "cut" else zlib.compress(payload))
    page.route("**/p/*.bin", lambda route: route.fulfill(status=200, body=body))
    page.goto(f"{base_url}search/?q={quote('道路运输')}")
    page.wait_for_selector("#cat-search-page[data-state=error]", timeout=15000)
    assert "搜索暂时无法使用（搜索索引的文件不完整）" in page.inner_text("#cat-search-summary") and not errors
    context.close()


def test_a_query_longer_than_what_is_searched_says_what_was_searched(page, base_url):
    """The first 100 characters are searched: the summary said a record held all 134 (a review)."""
    text = "客运班线经营" + "甲" * 94 + "绝不存在的三十四个字" * 3 + "四个字符"
    results_page(page, base_url, text)
    summary = page.inner_text("#cat-search-summary")
    assert text not in summary and text[:100] in summary and "只按前 100 个字搜索" in summary


def test_a_query_of_punctuation_only_claims_no_hits(page, base_url):
    """《》 searched nothing, and the page said 找到 47 条包含“《》”的公开信息 (a review)."""
    results_page(page, base_url, "《》")
    summary = page.inner_text("#cat-search-summary")
    assert "中没有可以搜索的文字" in summary and "找到" not in summary and "包含“《》”的" not in summary
    page.fill("#cat-search-input", "")
    page.keyboard.type("“ ”")
    page.wait_for_selector("#cat-search-dropdown[data-state=done]", state="attached")
    assert "没有可以搜索的文字" in page.locator("#cat-search-dropdown").text_content()
    assert page.locator("#cat-search-dropdown .md-search-result__item").count() == 0


def test_the_first_results_show_after_a_handful_of_requests(page, base_url):
    """meta.json, the exact-key file, one postings chunk per proving bigram, the first results' files."""
    page.goto(f"{base_url}search/")
    page.wait_for_selector("#cat-search-page[data-state=done]")  # the listing of every record, before any query
    for q in ("客运班线经营许可", "交通", "不存在的词语组合"):
        page.evaluate("q => { const f = document.querySelector('form[data-cat-search]');"
                      " f.querySelector('input[name=q]').value = q; f.requestSubmit(); }", q)
        page.wait_for_function(f"window.catSearch.last && window.catSearch.last.q === {q!r}"
                               " && window.catSearch.last.firstMs !== undefined")
        first = page.evaluate("window.catSearch.last")
        assert first["firstRequests"] <= 12, (q, first)
        assert first["firstBytes"] < 300_000, (q, first)


def test_a_hit_inside_an_attachment_says_so(page, base_url):
    results_page(page, base_url, "2026年预算数（万元）")
    assert shown_urls(page) == [url_of(BUDGET_2026)]
    excerpt = page.locator("#cat-search-results .cat-search-result__excerpt").inner_text()
    assert excerpt.startswith("附件 2026-00002-sangong-jingfei.csv：")
    assert normalise(page.locator("#cat-search-results .cat-search-result__excerpt mark").first.inner_text()) \
        == normalise("2026年预算数（万元）")


def test_a_page_beyond_the_first_is_in_the_url(page, base_url, python_index):
    expected = python_index.search("交通")
    assert len(expected.docs) > 10
    results_page(page, base_url, "交通", page="2")
    want = [url_of(python_index.doc(d)["n"]) for d in expected.docs[10:20]]
    assert shown_urls(page) == want
    page.click("#cat-search-pager a[rel=prev]")
    page.wait_for_function("!location.search.includes('page=')")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert shown_urls(page) == [url_of(python_index.doc(d)["n"]) for d in expected.docs[:10]]


def test_on_a_phone_the_header_icon_opens_the_box(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base_url + "lists/policies/")
        folded = page.locator(".cat-search .md-search__inner")
        assert folded.bounding_box()["width"] == 0  # Material folds the box away on a phone
        page.click(".cat-search__button:visible")  # the button page-tools.js puts in the label's place
        page.wait_for_function("document.querySelector('.cat-search .md-search__inner').offsetWidth > 300")
        page.click("#cat-search-input")
        page.keyboard.type("渡船")
        page.wait_for_selector("#cat-search-dropdown[data-query='渡船'][data-state]:not([data-state=partial])")
        first = page.locator("#cat-search-dropdown .md-search-result__item").first
        assert first.is_visible() and "渡船" in first.locator("mark").first.inner_text()
    finally:
        context.close()


def test_without_javascript_the_box_opens_a_page_that_explains_and_links_the_lists(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "records/015200371_2024-00006/")
        page.fill("#cat-search-input", "政务公开")
        page.press("#cat-search-input", "Enter")
        page.wait_for_url("**/search/?q=*")
        text = page.locator("article").inner_text()
        assert "站内搜索需要浏览器启用 JavaScript" in text
        links = page.locator("#cat-search-nojs a").all_inner_texts()
        assert links == ["政策文件", "政策解读", "预决算", "政府信息公开工作年度报告", "通知公告"]
        assert not page.locator("#cat-search-page").is_visible()
    finally:
        context.close()


# -- 有效性, the hide filter, synonyms (issue 16) -------------------------------------------------

REPEALED = "015200371/2019-00001"  # 江川省公路路政许可办理规定, 已废止
EXPIRED = "015200371/2022-00001"  # 纾困 measures, 已失效
AMENDED = "015200371/2020-00003"  # 网约车 rules, 已修改


def status_of(tab, selector: str, index_no: str) -> str:
    """The 有效性 label shown on the result linking to ``index_no`` ("" when none)."""
    item = tab.locator(selector, has=tab.locator(f"a[href$='{record_path(index_no)}']"))
    assert item.count() == 1, index_no
    badge = item.locator(".cat-search-status")
    return badge.inner_text().replace("有效性：", "").strip() if badge.count() else ""


def test_a_repealed_or_expired_hit_shows_its_validity_in_the_results_page(page, base_url):
    results_page(page, base_url, "路政许可")
    assert url_of(REPEALED) in shown_urls(page)
    assert status_of(page, "#cat-search-results li", REPEALED) == "已废止"
    badge = page.locator("#cat-search-results li[data-status='已废止'] .cat-search-status")
    assert "cat-status--repealed" in badge.get_attribute("class")
    results_page(page, base_url, "纾困")
    assert status_of(page, "#cat-search-results li", EXPIRED) == "已失效"
    # each status its own style: the label is not the only difference, nor is colour
    styles = page.eval_on_selector(
        "#cat-search-results li[data-status='已失效'] .cat-search-status",
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert styles[0] != "rgba(0, 0, 0, 0)"
    results_page(page, base_url, "网约车")
    assert shown_urls(page)[-1] == url_of(AMENDED)
    assert status_of(page, "#cat-search-results li", AMENDED) == "已修改"
    current = [u for u in shown_urls(page) if u != url_of(AMENDED)]
    assert page.locator("#cat-search-results .cat-search-status").count() == 1 and current


def test_a_repealed_hit_shows_its_validity_in_the_header_dropdown(page, base_url):
    page.goto(base_url)
    page.click("#cat-search-input")
    page.keyboard.type("路政许可")
    page.wait_for_selector(f"#cat-search-dropdown[data-query='路政许可'] a[href$='{record_path(REPEALED)}']")
    assert status_of(page, "#cat-search-dropdown .md-search-result__item", REPEALED) == "已废止"
    current = page.locator("#cat-search-dropdown .md-search-result__item",
                           has_not=page.locator(".cat-search-status"))
    assert current.count() >= 1


def test_hiding_documents_no_longer_in_force_works_and_stays_in_the_url(page, base_url, python_index):
    results_page(page, base_url, "路政")
    everything = int(page.get_attribute("#cat-search-page", "data-total"))
    assert url_of(REPEALED) in shown_urls(page)
    page.check("input[name=hide]")
    page.wait_for_url("**hide=lapsed*")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert int(page.get_attribute("#cat-search-page", "data-total")) == everything - 1
    assert url_of(REPEALED) not in shown_urls(page)
    expected = python_index.search("路政", {"hide": "lapsed"})
    assert shown_urls(page) == [url_of(python_index.doc(d)["n"]) for d in expected.docs[:10]]
    page.reload()
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert page.is_checked("input[name=hide]") and url_of(REPEALED) not in shown_urls(page)
    page.go_back()
    page.wait_for_function("!location.search.includes('hide=')")
    page.wait_for_selector("#cat-search-page[data-state=done]")
    assert not page.is_checked("input[name=hide]")
    assert int(page.get_attribute("#cat-search-page", "data-total")) == everything
    # with an empty query: every record in force, expired and repealed ones left out
    results_page(page, base_url, hide="lapsed")
    assert int(page.get_attribute("#cat-search-page", "data-total")) == len(python_index.search("", {"hide": "lapsed"}).docs)


def test_taxi_finds_chuzuqiche_and_says_through_which_synonym(page, base_url):
    results_page(page, base_url, "出租车")
    notes = page.locator("#cat-search-results .cat-search-result__synonym").all_inner_texts()
    assert notes and all(n == "按同义词“出租汽车”找到" for n in notes)
    assert len(notes) == page.locator("#cat-search-results li").count()
    marks = {normalise(m) for m in page.locator("#cat-search-results mark").all_inner_texts()}
    assert "出租汽车" in marks


@pytest.fixture(scope="module")
def small_url(tmp_path_factory) -> Iterator[str]:
    """A site of three notices: one says only 网络预约出租汽车, one 网约车 (repealed), one 网约车."""
    from tests.test_search import write_record

    root = tmp_path_factory.mktemp("synonym-site")
    cat = root / "catalogue"
    cat.mkdir()
    body = "为规范{}经营服务行为，保障乘客合法权益，现将有关事项通知如下。"
    write_record(cat, "a.md", "00001", "关于网络预约出租汽车服务的通知", body.format("网络预约出租汽车"),
                 published="2024-05-10")
    write_record(cat, "b.md", "00002", "关于网约车服务的通知", body.format("网约车"), published="2024-05-06",
                 extra="validity: 已废止\n")
    write_record(cat, "c.md", "00003", "关于网约车服务的补充通知", body.format("网约车"), published="2024-03-01")
    site = build_site(ROOT / "mkdocs.yml", catalogue_dir=cat, site_dir=root / "site", as_of=AS_OF)
    with serve(site) as url:
        yield url


def test_wangyueche_finds_the_record_that_says_only_wangluo_yuyue_chuzu_qiche(page, small_url):
    """The issue's synonym test: 网约车 finds 网络预约出租汽车, says so, marks it, ranks it after exact hits."""
    results_page(page, small_url, "网约车")
    assert shown_urls(page) == [url_of("015200371/2024-00003"), url_of("015200371/2024-00001"),
                                url_of("015200371/2024-00002")]
    found = page.locator("#cat-search-results li").nth(1)
    assert found.locator(".cat-search-result__synonym").inner_text() == "按同义词“网络预约出租汽车”找到"
    assert "网络预约出租汽车" in found.locator("a.cat-search-result__title mark").all_inner_texts()
    assert status_of(page, "#cat-search-results li", "015200371/2024-00002") == "已废止"
    page.click("#cat-search-input")
    page.fill("#cat-search-input", "")
    page.keyboard.type("网约车")
    page.wait_for_selector(f"#cat-search-dropdown[data-query='网约车'] a[href$='{record_path('015200371/2024-00001')}']")
    links = shown_urls(page, "#cat-search-dropdown a.md-search-result__link")
    assert url_of("015200371/2024-00001") in links
    item = page.locator("#cat-search-dropdown .md-search-result__item").nth(links.index(url_of("015200371/2024-00001")))
    assert "按同义词“网络预约出租汽车”找到" in item.inner_text()


def test_synonyms_status_and_the_filter_agree_with_the_reference_implementation(page, base_url, python_index):
    queries = [("网约车", {}), ("出租车", {}), ("路政", {}), ("驾照", {}), ("公交", {}), ("路政", {"hide": "lapsed"}),
               ("交通 出租车", {}), ("道路运输", {"hide": "lapsed"})]
    for q, params in queries:
        results_page(page, base_url, q, **params)
        expected = python_index.search(q, params)
        assert int(page.get_attribute("#cat-search-page", "data-total")) == len(expected.docs), q
        shown = expected.docs[:10]
        assert shown_urls(page) == [url_of(python_index.doc(d)["n"]) for d in shown], q
        labels = [status_of(page, "#cat-search-results li", python_index.doc(d)["n"]) for d in shown]
        assert labels == [python_index.status_label(d) for d in shown], q
        notes = page.eval_on_selector_all(
            "#cat-search-results li",
            "els => els.map(e => { const n = e.querySelector('.cat-search-result__synonym'); return n ? n.innerText : ''; })")
        assert notes == ["按同义词" + "".join(f"“{v}”" for v in expected.via[d]) + "找到" if d in expected.via else ""
                         for d in shown], q


MARKERS = ("青松", "白鹭", "长河", "远山", "晨钟", "秋水", "明月")
LONG = {2, 5}
"""Which of the notices below (newest first) are longer than a result file's bundle."""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Iterator[tuple[str, SearchIndex]]:
    """Seven notices, two of them over 32 KB between short ones: result files of two, one, two, one and one."""
    from tests.test_search import write_record

    root = tmp_path_factory.mktemp("bundle-site")
    cat = root / "catalogue"
    cat.mkdir()
    paragraph = "各地要按照通知要求做好道路运输安全生产工作，落实企业主体责任，加强日常监督检查。\n\n"
    for k, marker in enumerate(MARKERS):
        body = f"现将{marker}路段养护有关事项通知如下。\n\n" + (paragraph * 500 if k in LONG else paragraph)
        write_record(cat, f"n{k}.md", f"{k + 1:05d}", f"关于{marker}路段养护的通知", body,
                     published=f"2024-05-{20 - k:02d}")
    site = build_site(ROOT / "mkdocs.yml", catalogue_dir=cat, site_dir=root / "site", as_of=AS_OF)
    index = SearchIndex(lambda path: (site / path).read_bytes())
    with serve(site) as url:
        yield url, index


def test_results_are_read_from_the_right_place_of_files_shared_by_short_records(page, mixed):
    """Short records share a result file, long ones have their own; the browser reads each result's
    own entry (title, excerpt) wherever it lies, as query.py does."""
    url, index = mixed
    assert [index.bundle_of[d] for d in range(len(MARKERS))] == [0, 0, 2, 3, 3, 5, 6]
    for k, marker in enumerate(MARKERS):
        results_page(page, url, marker)
        assert page.get_attribute("#cat-search-page", "data-total") == "1", marker
        item = page.locator("#cat-search-results li").first
        assert item.locator("a.cat-search-result__title").inner_text() == f"关于{marker}路段养护的通知"
        assert marker in item.locator("mark").all_inner_texts(), marker
        assert shown_urls(page) == [url_of(index.doc(d)["n"]) for d in index.search(marker).docs]
    results_page(page, url, "养护有关事项")
    expected = index.search("养护有关事项")
    assert int(page.get_attribute("#cat-search-page", "data-total")) == len(expected.docs) == len(MARKERS)
    assert shown_urls(page) == [url_of(index.doc(d)["n"]) for d in expected.docs]


@pytest.fixture(scope="module")
def wide(tmp_path_factory) -> Iterator[tuple[str, SearchIndex]]:
    """Positions at their edges: a notice of over 65,536 characters (positions of 17 bits, bigrams
    there thousands of times: counted, in x/ chunks), a bigram only at the start of a body (a first
    position of no bits), and a notice holding every bigram of a phrase but not the phrase."""
    from tests.test_search import write_record

    root = tmp_path_factory.mktemp("wide-site")
    cat = root / "catalogue"
    cat.mkdir()
    paragraph = "各地要按照通知要求做好道路运输安全生产工作，落实企业主体责任，加强日常监督检查。\n\n"
    write_record(cat, "long.md", "00001", "关于道路运输安全生产的通知",
                 "现将有关事项通知如下。\n\n" + paragraph * 3000 + "本通知所称长河湾码头，指城东港区的客运码头。",
                 published="2024-05-20")
    write_record(cat, "start.md", "00002", "关于湾口区航道的通知", "湾口区航道自即日起封闭施工。",
                 published="2024-05-19")
    write_record(cat, "apart.md", "00003", "关于码头管理的通知", "长河边上的湾码头由港区统一管理，落实企业主体责任。",
                 published="2024-05-18")
    site = build_site(ROOT / "mkdocs.yml", catalogue_dir=cat, site_dir=root / "site", as_of=AS_OF)
    index = SearchIndex(lambda path: (site / path).read_bytes())
    with serve(site) as url:
        yield url, index


@pytest.mark.parametrize("inflater", ["DecompressionStream", "pako"])
def test_positions_of_many_bits_and_of_none_prove_in_the_browser_as_in_the_reference(page, wide, inflater):
    url, index = wide
    assert len(index.doc(0)["b"]) > 65_536
    if inflater == "pako":  # browsers before 2023
        page.add_init_script("delete window.DecompressionStream;")
    loaded = []
    page.on("request", lambda r: loaded.append(urlsplit(r.url).path))
    expected = {  # query → index numbers of the records holding it, read from their texts
        "长河湾码头": ["00001"],  # at character 120,000 or so; 00003 holds 长河, 湾码 and 码头, apart
        "客运码头": ["00001"],
        "湾口区航道": ["00002"],  # 湾口 is only at the start of a body: its first positions need no bits
        "湾码头由港区": ["00003"],
        "落实企业主体责任": ["00001", "00003"],  # 3,000 times in one notice (positions in x/), once in another
        "日常监督检查": ["00001"],
        "长河湾码头由港区": [],  # each half in another notice
    }
    for query, records in expected.items():
        found = index.search(query)
        assert sorted(index.doc(d)["n"].rsplit("-", 1)[1] for d in found.docs) == records, query
        results_page(page, url, query)
        assert int(page.get_attribute("#cat-search-page", "data-total")) == len(found.docs), query
        assert shown_urls(page) == [url_of(index.doc(d)["n"]) for d in found.docs], query
    assert any("/x/" in path for path in loaded)  # positions too long for their chunk were read too
    assert any("pako" in path for path in loaded) == (inflater == "pako")
