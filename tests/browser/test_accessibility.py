"""Accessibility in a real browser: axe-core on every page type, keyboard, focus, text size, phones, print.

The sample site is built once per module and served under /xxgk/ (the path of
site_url), so the 404 page's absolute URLs work.  axe-core comes from the npm
package in .ci/a11y (installed by .ci/run and scripts/test.sh with ``npm ci``);
its axe.min.js is injected into each page and run with the WCAG 2.1 A and AA
tags plus best practices, in the light and the dark scheme.  Any serious or
critical violation fails, printed rule by rule with the elements it names.

Skipped outside CI when Chromium, Playwright or .ci/a11y/node_modules is
missing; under CI=true they always run (and fail if anything is missing).
Lighthouse's scores are measured by scripts/lighthouse.py, not asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import build_site

from .conftest import IN_CI, requires_chromium
from .site_server import serve_site

ROOT = Path(__file__).resolve().parent.parent.parent
AS_OF = dt.date(2026, 11, 23)
AXE = ROOT / ".ci/a11y/node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

pytestmark = [requires_chromium, pytest.mark.skipif(
    not IN_CI and not AXE.exists(),
    reason="axe-core is installed by .ci/run and scripts/test.sh (npm ci --prefix .ci/a11y)")]

#: One page of each type, as a path under the site.
PAGES = {
    "home": "",
    "policy": "records/015200371_2020-00003/",          # 网约车 实施细则, has two interpretations
    "not-yet-effective": "records/015200371_2026-00005/",  # its 有效性 a label (尚未生效)
    "interpretation": "records/015200371_2020-00004/",
    "budget": "records/015200371_2026-00002/",
    "final-account": "records/015200371_2025-00006/",
    "notice": "records/015200371_2024-00008/",
    "annual-report": "records/015200371_2026-00001/",
    "browse-list": "lists/policies/",
    "fiscal-overview": "lists/fiscal/overview/",
    "search": "search/?q=%E7%BD%91%E7%BA%A6%E8%BD%A6",  # 网约车
    "versions": "records/015200371_2020-00003/versions/",  # which wording was in force when
    "open-data": "data/",  # 开放数据: the files, the feeds, the fields (issue 18)
    "404": "no/such/page/",
}
POLICY, INTERPRETATION = PAGES["policy"], PAGES["interpretation"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    site = build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("a11y") / "site", as_of=AS_OF)
    with serve_site(site) as base:
        yield base


def _open(context, url: str):
    page = context.new_page()
    page.goto(url, wait_until="load")
    if "search/?" in url:  # search.js fills the results after loading the index; axe then sees them as a
        # reader does while the exact total is still counted (aria-busy), which must be readable too
        page.wait_for_selector("#cat-search-results li", timeout=10_000)
    return page


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def test_a_wide_table_of_a_records_text_scrolls_on_a_phone_in_a_region_the_keyboard_reaches(browser, base_url):
    """The 通行费收费标准 notice's four columns scroll in Material's box on a phone: it was no tab stop and had no
    name (axe: scrollable-region-focusable, serious), the keyboard could not reach the last column (a review)."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = _open(context, base_url + PAGES["notice"])
        page.wait_for_selector(".md-typeset__scrollwrap[role=region]", timeout=10_000)
        wrap = page.locator(".md-typeset__scrollwrap").first
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label")
        assert not [v for v in _axe_violations(page) if v["id"] == "scrollable-region-focusable"]
        wrap.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=wrap.element_handle(), timeout=5_000)
        page.set_viewport_size({"width": 1280, "height": 800})  # wide enough: no stop that scrolls nothing
        page.wait_for_function("() => !document.querySelector('.md-typeset__scrollwrap[role=region]')", timeout=5_000)
    finally:
        context.close()


@pytest.mark.parametrize("name", ["search", "policy", "browse-list"])
def test_contrast_holds_on_a_site_whose_mkdocs_yml_sets_no_palette(browser, base_url, name):
    """catalogue generate's mkdocs.yml sets no palette: Material then writes no scheme attribute, the theme's
    greys keyed on it did not apply, and the search filters' labels were 4.41:1 (a review).  The page as such a
    site serves it: its body without Material's palette attributes."""
    context = browser.new_context()
    try:
        page = _open(context, base_url + PAGES[name])
        page.evaluate("""() => { for (const a of ['data-md-color-scheme', 'data-md-color-primary',
                                                  'data-md-color-accent', 'data-md-color-media'])
                                   document.body.removeAttribute(a); }""")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
        assert result["violations"] == [], _describe(result["violations"])
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(browser, base_url, name, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = _open(context, base_url + PAGES[name])
        # The scheme really is the one asked for (Material picks it from the media query).
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        violations = _axe_violations(page)
        assert not violations, f"axe on {name} ({scheme}):\n" + _describe(violations)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_on_a_phone_with_the_目录_open(browser, base_url, scheme):
    # The 目录 of a long record shows only where Material's sidebar does not (issue 19).
    context = browser.new_context(color_scheme=scheme, viewport=PHONE)
    try:
        page = _open(context, base_url + POLICY)
        page.click("details.cat-contents summary")
        assert page.locator("details.cat-contents nav a").first.is_visible()
        violations = _axe_violations(page)
        assert not violations, f"axe on the policy's 目录 ({scheme}):\n" + _describe(violations)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", ["results page", "drop-down"])
def test_axe_finds_no_serious_violation_when_search_says_the_site_was_updated(browser, base_url, where, scheme):
    """The error states of search: the message with its 刷新本页 link (inside a sentence: underlined,
    not told apart by colour alone), the browse lists under it on the results page."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.route("**/d/*.json", lambda route: route.fulfill(status=404, body="gone"))  # rebuilt under the page
        if where == "results page":
            page.goto(base_url + PAGES["search"])
            page.wait_for_selector("#cat-search-page[data-state=error]")
        else:
            page.goto(base_url + PAGES["browse-list"])
            page.click("#cat-search-input")
            page.keyboard.type("网约车")
            page.wait_for_selector("#cat-search-dropdown[data-state=error]")
        assert page.locator("a.cat-search-reload").first.is_visible()
        violations = _axe_violations(page)
        assert not violations, f"axe on search's error state, {where} ({scheme}):\n" + _describe(violations)
    finally:
        context.close()


def test_404_answers_any_depth_in_the_sites_design(browser, base_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(base_url + "a/b/c/gone.html")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "页面不存在"
        assert page.locator("header.md-header").count() == 1  # markup, not text
        page.fill("#cat-404-q", "网约车")
        page.press("#cat-404-q", "Enter")
        page.wait_for_url("**/xxgk/search/?q=*")
        page.wait_for_selector("#cat-search-results li", timeout=10_000)
    finally:
        context.close()


def _focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40),
                href: el.getAttribute('href') || '', id: el.id,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none'};
    }""")


def test_keyboard_reaches_the_interpretation_in_reading_order_and_follows_it(browser, base_url):
    context = browser.new_context()
    try:
        page = _open(context, base_url + POLICY)
        page.evaluate("window.__seen = []")
        target = None
        for step in range(120):
            page.keyboard.press("Tab")
            # Reading order: each focused element comes after the one before it in the document.
            in_order = page.evaluate("""() => {
                const el = document.activeElement, seen = window.__seen, last = seen[seen.length - 1];
                seen.push(el);
                return !last || !!(last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
            }""")
            focused = _focused(page)
            if step == 0:
                assert focused["text"] == "跳到主要内容", focused
            assert in_order, f"focus went back up the page at Tab {step + 1}: {focused}"
            assert focused["tag"] == "BODY" or focused["outline"] or focused["shadow"], \
                f"no visible focus indicator at Tab {step + 1}: {focused}"
            if "015200371_2020-00004" in focused["href"]:
                target = focused
                break
        assert target is not None, "Tab never reached the interpretation link"
        page.keyboard.press("Enter")
        page.wait_for_url("**/" + INTERPRETATION)
    finally:
        context.close()


def _tab_to(page, selector: str, limit: int = 40) -> bool:
    """Press Tab until the element matching ``selector`` has the focus; whether it got it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False


def test_on_a_phone_the_keyboard_opens_the_menu_and_the_search_and_escape_closes_the_menu(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        page = _open(context, base_url + POLICY)
        # The closed drawer's links are off screen: Tab must not wander into them.
        hidden_links = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')]
            .filter(a => getComputedStyle(a).visibility !== 'hidden').length""")
        assert hidden_links == 0, "links of the closed menu can take the focus"
        menu = 'button[data-cat-toggle="__drawer"]'
        assert _tab_to(page, menu), "Tab never reached the menu button"
        assert page.get_attribute(menu, "aria-label") == "打开导航菜单"
        assert page.locator('label.md-header__button[for="__drawer"]').is_hidden()
        assert page.get_attribute(menu, "aria-expanded") == "false"
        assert _focused(page)["outline"], "the menu button shows no focus"
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert page.get_attribute(menu, "aria-expanded") == "true"
        page.wait_for_timeout(400)  # the drawer slides in
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"), _focused(page)
        assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0"), "focus is off screen"
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("s => document.activeElement.matches(s)", menu)

        search = 'button[data-cat-toggle="__search"]'
        assert _tab_to(page, search), "Tab never reached the search button"
        page.keyboard.press(" ")
        assert page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.id") == "cat-search-input"
        page.keyboard.type("网约车")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=*")
    finally:
        context.close()


def test_skip_link_moves_focus_past_the_header(browser, base_url):
    context = browser.new_context()
    try:
        page = _open(context, base_url + PAGES["browse-list"])
        page.keyboard.press("Tab")
        assert _focused(page)["text"] == "跳到主要内容"
        assert page.locator(".cat-skip[href='#cat-content']").is_visible()  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "cat-content"
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('.md-header, .md-tabs, .md-sidebar')")
        # The focused element is not hidden under the sticky header.
        assert page.evaluate("document.activeElement.getBoundingClientRect().top"
                             " >= document.querySelector('.md-header').getBoundingClientRect().bottom")
    finally:
        context.close()


def _font_size(page, selector: str = "article.md-typeset") -> float:
    return page.evaluate(f"parseFloat(getComputedStyle(document.querySelector({json.dumps(selector)})).fontSize)")


def test_text_size_is_kept_across_pages_and_grows_the_text(browser, base_url):
    context = browser.new_context()
    try:
        page = _open(context, base_url + PAGES["home"])
        standard = _font_size(page)
        assert standard >= 16
        buttons = page.locator("button[data-cat-text-size]")
        assert buttons.count() == 3 and page.locator(".cat-textsize").is_visible()
        assert page.get_attribute("button[data-cat-text-size=standard]", "aria-pressed") == "true"
        page.click("button[data-cat-text-size=x-large]")
        assert page.get_attribute("button[data-cat-text-size=x-large]", "aria-pressed") == "true"
        assert page.get_attribute("button[data-cat-text-size=standard]", "aria-pressed") == "false"
        assert _font_size(page) >= standard * 1.4
        page.goto(base_url + POLICY)
        assert page.get_attribute("html", "data-cat-text-size") == "x-large"
        assert page.get_attribute("button[data-cat-text-size=x-large]", "aria-pressed") == "true"
        assert _font_size(page) >= standard * 1.4
        page.click("button[data-cat-text-size=standard]")
        page.goto(base_url + PAGES["browse-list"])
        assert page.get_attribute("html", "data-cat-text-size") is None
    finally:
        context.close()


def test_text_size_is_applied_before_the_first_paint(browser, base_url):
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('catalogue.textSize', 'large')")
    try:
        page = context.new_page()
        # Scripts (page-tools.js included) are blocked: the inline head script alone sets the size.
        page.route("**/*.js", lambda route: route.abort())
        page.goto(base_url + POLICY, wait_until="commit")
        page.wait_for_selector("body")
        assert page.get_attribute("html", "data-cat-text-size") == "large"
    finally:
        context.close()


def test_without_javascript_the_buttons_are_hidden_and_nothing_is_a_script_link(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = _open(context, base_url + POLICY)
        assert not page.locator(".cat-textsize").is_visible()
        assert not page.locator("[data-cat-print]").is_visible()
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.locator(".cat-tools a", has_text="我要纠错").is_visible()
    finally:
        context.close()


_FOCUSED = r"""() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  document.getAnimations().forEach(a => a.finish());  // a skip link fades in
  const r = e.getBoundingClientRect(); let shown = r.width > 0 && r.height > 0;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
    const cs = getComputedStyle(n);
    if (cs.visibility === 'hidden' || cs.display === 'none' || parseFloat(cs.opacity) < 0.05) shown = false;
  }
  return {name: (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 20), cls: String(e.className),
          shown: shown, nav: !!e.closest('#cat-site-nav')}; }"""


@pytest.mark.parametrize("width", [1280, 1024, 375])
def test_without_javascript_every_tab_stop_shows_and_the_navigation_is_reached(browser, base_url, width):
    # Found by a review: below 76.25em the ☰ drawer needs JavaScript, so Tab reached none of the site's
    # sections; the scheme switch, the empty drop-down, the folded phone search field, an empty sidebar
    # and the hidden 回到页面顶部 took the focus and showed nothing.
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    try:
        page = _open(context, base_url + PAGES["budget"])
        unseen, reached, first = [], set(), None
        for _ in range(120):
            page.keyboard.press("Tab")
            info = page.evaluate(_FOCUSED)
            if info is None or (info["name"], info["cls"]) == first:
                break
            first = first or (info["name"], info["cls"])
            if not info["shown"]:
                unseen.append(info)
            if info["nav"]:
                reached.add(info["name"])
        assert unseen == []
        assert {"首页", "信息公开指南", "政策文件", "预决算", "信息公开年报"} <= reached
        # The second skip link goes there straight away.
        page.goto(base_url + PAGES["budget"])
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "跳到网站导航"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "cat-site-nav"
    finally:
        context.close()


@pytest.mark.parametrize("size", ["standard", "large"])
def test_print_button_prints_and_paper_drops_the_chrome(browser, base_url, size):
    """At 大 or 特大 the print button printed nothing: the page's own mark of the size (on <html>) was taken for the
    size button every click was inside (a review), and axe found the button's aria-pressed on <html>."""
    context = browser.new_context()
    try:
        page = _open(context, base_url + POLICY)
        page.click(f"button[data-cat-text-size={size}]")
        assert page.get_attribute("html", "aria-pressed") is None
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        page.click("[data-cat-print]")
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-tabs", ".md-search", ".cat-tools", ".md-footer", ".cat-skip"):
            assert not page.locator(selector).first.is_visible(), selector
        assert page.locator("article h1").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "policy", "not-yet-effective", "annual-report", "browse-list",
                                  "fiscal-overview", "versions", "open-data", "404"])
@pytest.mark.parametrize("width", [360, 768, 1280])
def test_200_percent_text_does_not_scroll_sideways(browser, base_url, name, width):
    """At 360 px, the commonest Android width: the 尚未生效 label of a policy's metadata scrolled the page sideways by
    36 px there, and by 6 px at 390 px.  On a 768 px tablet and beside a 1280 px desktop's sidebars every list's four
    columns did, by 195 and 183 px (reviews)."""
    context = browser.new_context(viewport={"width": width, "height": 780})
    try:
        page = _open(context, base_url + PAGES[name])
        standard = _font_size(page, "body")
        # Material's root is 125 %; twice the text is 250 % (what a browser's text zoom of 200 % does).
        page.add_style_tag(content="html, html[data-cat-text-size] { font-size: 250% !important; }")
        assert _font_size(page, "body") >= 1.9 * standard
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 200 % text"
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "browse-list"])
def test_lists_stay_readable_at_200_percent_text_on_a_phone(browser, base_url, name):
    """The list kept three columns at any text size: at 200 % a title ran one character a line and a date over
    eight lines (a review).  Each record is a block now: its date on one line, its title many characters wide."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = _open(context, base_url + PAGES[name])
        page.add_style_tag(content="html, html[data-cat-text-size] { font-size: 250% !important; }")
        measured = page.evaluate("""() => [...document.querySelectorAll('table.cat-list tbody tr')].slice(0, 5).map(tr => {
            const date = tr.querySelector('.cat-list__date'), title = tr.querySelector('td a');
            const line = parseFloat(getComputedStyle(date).lineHeight) || date.getBoundingClientRect().height;
            return [date.getBoundingClientRect().height / line, title.getBoundingClientRect().width,
                    parseFloat(getComputedStyle(title).fontSize)]; })""")
        assert measured
        for lines, width, size in measured:
            assert lines < 1.5, f"a date runs over {lines:.1f} lines"
            assert width >= 6 * size, f"a title is {width / size:.1f} characters wide"
    finally:
        context.close()


@pytest.mark.parametrize("width, size", [(1280, "large"), (1024, "x-large"), (768, None), (360, None)])
def test_a_lists_headers_match_its_cells_at_every_layout(browser, base_url, width, size):
    """The blocks a narrow list takes at large text hid the 索引号 cells and kept their header: a screen reader read
    each title as 索引号 (a review).  Shown headers and each row's shown cells agree, table or blocks."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = _open(context, base_url + PAGES["browse-list"])
        if size:
            page.click(f"button[data-cat-text-size={size}]")
        shown = page.evaluate("""() => { const on = e => getComputedStyle(e).display !== 'none';
            return [[...document.querySelectorAll('table.cat-list thead th')].filter(on).length,
                    ...[...document.querySelectorAll('table.cat-list tbody tr')].slice(0, 5)
                       .map(tr => [...tr.children].filter(on).length)]; }""")
        assert len(set(shown)) == 1, shown
    finally:
        context.close()


@pytest.mark.parametrize("name", ["budget", "fiscal-overview"])
def test_chart_texts_read_in_the_dark_scheme(browser, base_url, name):
    """The charts' legend, unit and bar values kept the colours their own style sheet gave them (#212121, #000):
    black on the dark page, 1.0:1, which axe does not look at in SVG (a review)."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = _open(context, base_url + PAGES[name])
        fills = page.evaluate("""() => { const body = getComputedStyle(document.body).color;
            return [...document.querySelectorAll('.cat-chart svg text')].filter(t => t.textContent.trim())
                   .map(t => [t.textContent.trim(), getComputedStyle(t).fill, body]); }""")
        assert fills
        dark = [(text, fill) for text, fill, _ in fills
                if sum(int(v) for v in fill[fill.index("(") + 1:fill.index(")")].split(",")[:3]) < 300]
        assert not dark, dark[:5]
    finally:
        context.close()


@pytest.mark.parametrize("name", ["budget", "fiscal-overview"])
def test_chart_texts_grow_with_the_chosen_text_size_on_a_phone(browser, base_url, name):
    """特大 made the body 24 px and the chart's labels smaller than at 标准 (10 px: the larger margins shrank the
    drawing, a review).  At 大 and 特大 the chart keeps at least 20rem and scrolls sideways in its figure."""
    context = browser.new_context(viewport=PHONE)
    measure = """() => [...document.querySelectorAll('.cat-chart svg text')].filter(t => t.textContent.trim())
                   .map(t => t.getBoundingClientRect().height).filter(h => h > 0)"""
    try:
        page = _open(context, base_url + PAGES[name])
        standard = min(page.evaluate(measure))
        for size in ("large", "x-large"):
            page.click(f"button[data-cat-text-size={size}]")
            grown = min(page.evaluate(measure))
            assert grown >= 1.3 * standard and grown >= 14, (size, standard, grown)
            assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
            assert page.locator(".cat-chart-hint").first.is_visible()
        page.click("button[data-cat-text-size=standard]")
        assert not page.locator(".cat-chart-hint").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", ["budget", "fiscal-overview"])
def test_a_chart_that_scrolls_on_a_phone_is_scrolled_by_the_keyboard_too(browser, base_url, name):
    """At 特大 a phone's chart scrolls sideways in its box, which no key reached: a keyboard user saw half of it
    (axe: scrollable-region-focusable).  The box is a tab stop named by the chart's caption."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = _open(context, base_url + PAGES[name])
        page.click("button[data-cat-text-size=x-large]")
        box = page.locator(".cat-chart__scroll").first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # it does scroll
        box.focus()
        assert page.evaluate("document.activeElement.classList.contains('cat-chart__scroll')")
        assert box.get_attribute("role") == "region" and "图：" in page.evaluate(
            "document.getElementById(document.activeElement.getAttribute('aria-labelledby')).textContent")
        page.keyboard.press("ArrowRight")  # scrolled smoothly: waited for
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=5_000)
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), sorted(i for i in set(ids) if ids.count(i) > 1)
        violations = _axe_violations(page)
        assert not violations, f"axe on {name} at 特大 on a phone:\n" + _describe(violations)
    finally:
        context.close()


@pytest.mark.parametrize("name", ["budget", "fiscal-overview"])
def test_at_the_largest_text_a_desktop_chart_fits_its_column(browser, base_url, name):
    """At 特大 on a 1280 px screen the overview's chart was 600 px in a 482 px column: the latest year was cut off
    (a review).  Only a phone scrolls a chart."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, base_url + PAGES[name])
        page.click("button[data-cat-text-size=x-large]")
        widths = page.evaluate("""() => [...document.querySelectorAll('.cat-chart__scroll')]
            .map(s => [s.scrollWidth, s.clientWidth])""")
        assert widths and all(scroll <= client + 1 for scroll, client in widths), widths
        assert not page.locator(".cat-chart-hint").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [None, "phone"])
def test_the_search_box_closes_when_the_focus_leaves_it_and_no_single_key_opens_it(browser, base_url, viewport):
    """Tabbing through the header opened the box on focus and nothing closed it: the page stayed dimmed, the box
    covered the links the focus went on to, and on a phone the whole page was behind it; a bare "s" jumped the
    reader into search (a review)."""
    context = browser.new_context(viewport=PHONE) if viewport else browser.new_context()
    try:
        page = _open(context, base_url + PAGES["policy"])
        page.focus("#cat-search-input")
        assert page.evaluate("document.getElementById('__search').checked")
        page.evaluate("document.activeElement.blur()")  # a phone's keyboard dismissed: the results stay
        page.wait_for_timeout(50)
        assert page.evaluate("document.getElementById('__search').checked")
        page.focus("#cat-search-input")
        for _ in range(3):  # past the results' region (a scrolling region is a stop: axe asks it for Safari)
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            if not page.evaluate("!!document.activeElement.closest('.md-search')"):
                break
        state = page.evaluate("""() => [document.getElementById('__search').checked,
                                        !!document.activeElement.closest('.md-search'),
                                        document.activeElement.tagName]""")
        assert state[:2] == [False, False], state
        page.evaluate("document.activeElement.blur()")
        page.evaluate("window.scrollTo(0, 900)")
        page.keyboard.press("s")
        assert page.evaluate("[document.getElementById('__search').checked, window.scrollY]") == [False, 900]
    finally:
        context.close()


@pytest.mark.parametrize("name", ["budget", "final-account", "fiscal-overview"])
def test_wide_fiscal_tables_on_a_phone_scroll_in_a_named_region_the_keyboard_reaches(browser, base_url, name):
    """The 三公经费 and overview tables ran 26-42 % off a phone's screen, hiding 增减额 and 增减率, with no hint and
    a scroll box the keyboard could not reach (a review); the annual report's tables did it right."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = _open(context, base_url + PAGES[name])
        boxes = page.evaluate("""() => [...document.querySelectorAll('.cat-fiscal-wrap')].map(b => {
            const label = document.getElementById(b.getAttribute('aria-labelledby') || '');
            const hint = document.getElementById(b.getAttribute('aria-describedby') || '');
            return [b.scrollWidth > b.clientWidth + 1, b.tabIndex, b.getAttribute('role'),
                    label ? label.textContent.trim() : '', hint ? getComputedStyle(hint).display : 'none']; })""")
        assert boxes
        for wide, tab, role, label, hint in boxes:
            assert role == "region" and tab == 0 and label
            if wide:
                assert hint != "none"
    finally:
        context.close()


TOUCH_TARGETS = (".cat-tools a, .cat-tools button, .cat-footer a, .cat-pager a, .cat-facet a, .cat-feed-links a, "
                 ".md-typeset table.cat-list a, .md-header__button, .cat-404 a, .cat-404 button, .cat-404 input")


@pytest.mark.parametrize("name", ["home", "policy", "browse-list", "open-data", "404"])
def test_touch_targets_are_at_least_44px_on_a_phone(browser, base_url, name):
    context = browser.new_context(viewport=PHONE)
    try:
        page = _open(context, base_url + PAGES[name])
        small = page.evaluate("""selector => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, r]) => r.width > 0 && (r.height < 44 || r.width < 44))
            .map(([el, r]) => `${el.className || el.tagName} "${(el.innerText || '').trim().slice(0, 20)}" `
                              + `${Math.round(r.width)}x${Math.round(r.height)}`)""", TOUCH_TARGETS)
        assert page.locator(TOUCH_TARGETS).count() > 3
        assert not small, f"targets under 44px on {name}: {small[:15]}"
    finally:
        context.close()
