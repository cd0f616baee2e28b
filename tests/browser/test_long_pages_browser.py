"""A long record in Chromium (issue 19): the 目录 on a phone, article addresses, back to the top without JavaScript.

The site is tests/long_catalogue/ (a record with 章, 节 and 135 条), built
as tests/test_long_pages.py builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..test_long_pages import LONG, build_long
from .conftest import requires_chromium, serve

pytestmark = requires_chromium

PHONE = {"width": 375, "height": 812}

# Where an element is against the viewport and below Material's header (which stays on top).
_PLACE = """s => {
    const el = document.querySelector(s), header = document.querySelector('.md-header');
    const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, header: header ? header.getBoundingClientRect().bottom : 0,
            height: innerHeight, scrollY: scrollY};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_long(tmp_path_factory.mktemp("long-browser"))


def _in_view(place: dict) -> bool:
    """The element's top is on screen, not under the header."""
    return place["header"] - 1 <= place["top"] < place["height"] - 20


def test_on_a_phone_the_目录_sits_above_the_body_closed_opens_on_tap_and_leads_to_a_chapter(browser, site):
    with serve(site) as base:
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        try:
            page.goto(base + LONG)
            contents = page.locator("details.cat-contents")
            assert contents.is_visible()
            assert not contents.evaluate("d => d.open")
            assert not page.locator("details.cat-contents nav a").first.is_visible()
            # Above the body's first heading, after the metadata; Material's own sidebar is not shown.
            assert page.evaluate(_PLACE, "details.cat-contents")["top"] < page.evaluate(_PLACE, "#第一章")["top"]
            assert not page.locator(".md-sidebar--secondary .md-nav--secondary").is_visible()
            page.locator("details.cat-contents summary").tap()
            assert contents.evaluate("d => d.open")
            link = page.get_by_role("link", name="第三章 车辆管理", exact=True)
            assert link.is_visible()
            link.tap()
            page.wait_for_function("location.hash === '#' + encodeURIComponent('第三章')")
            page.wait_for_timeout(200)
            assert _in_view(page.evaluate(_PLACE, "#第三章")), page.evaluate(_PLACE, "#第三章")
            section = page.get_by_role("link", name="第二节 车辆维修", exact=True)
            assert section.get_attribute("href") == "#第三章第二节"
        finally:
            page.close()


def test_an_article_address_lands_on_the_article(browser, site):
    with serve(site) as base:
        page = browser.new_page(viewport=PHONE)
        try:
            page.goto(base + LONG + "#第一百二十条")
            page.wait_for_timeout(200)
            place = page.evaluate(_PLACE, "#第一百二十条")
            assert _in_view(place) and place["scrollY"] > 2000, place
            assert page.locator("#第一百二十条").inner_text().startswith("第一百二十条 违反本办法第十条规定")
            # The number is a link to the article's own address, marked beside the text when followed.
            self_link = page.locator("#第一百二十条 a.cat-article")
            assert self_link.get_attribute("href") == "#第一百二十条"
            assert page.locator("#第一百二十条").evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
        finally:
            page.close()


def test_back_to_the_top_works_from_the_keyboard_without_javascript(browser, site):
    with serve(site) as base:
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        try:
            page.goto(base + LONG)
            back = page.locator(".cat-to-top a")
            back.scroll_into_view_if_needed()
            assert back.is_visible() and back.inner_text() == "返回顶部"
            assert page.evaluate("scrollY") > 5000
            back.focus()
            page.keyboard.press("Enter")
            page.wait_for_timeout(200)
            place = page.evaluate(_PLACE, "h1")
            assert _in_view(place) and place["scrollY"] < 400, place
        finally:
            context.close()


def test_on_a_desktop_the_sidebar_shows_the_headings_and_on_paper_neither_目录_nor_link(browser, site):
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        try:
            page.goto(base + LONG)
            assert not page.locator("details.cat-contents").is_visible()
            assert page.locator(".md-sidebar--secondary a[href='#第二章第一节']").is_visible()
            page.emulate_media(media="print")
            page.set_viewport_size({"width": 720, "height": 900})
            assert not page.locator("details.cat-contents").is_visible()
            assert not page.locator(".cat-to-top").is_visible()
        finally:
            page.close()


@pytest.mark.parametrize("width", [1366, 1024])
def test_without_javascript_a_long_sidebar_目录_scrolls_on_its_own(browser, site, width):
    """Without JavaScript Material leaves the sidebar as tall as its list, sticky at the top: a law's 目录
    taller than the window could not scroll, and its last headings came on screen only at the end of the
    page; between 960 and 1219 px the in-page 目录 showed beside it (found by a review)."""
    with serve(site) as base:
        context = browser.new_context(viewport={"width": width, "height": 420}, java_script_enabled=False)
        page = context.new_page()
        try:
            page.goto(base + LONG)
            assert not page.locator("details.cat-contents").is_visible()
            box = ".md-sidebar--secondary .md-sidebar__scrollwrap"
            client, total = page.locator(box).evaluate("w => [w.clientHeight, w.scrollHeight]")
            assert client < 420 < total, (client, total)  # held to the window, the list longer than it
            last = page.locator(".md-sidebar--secondary a").last
            page.evaluate("window.scrollTo(0, 1500)")  # reading near the top of the law
            page.locator(box).evaluate("w => { w.scrollTop = 1e6; }")
            rect = last.evaluate("a => { const r = a.getBoundingClientRect(); return [r.top, r.bottom]; }")
            assert 0 <= rect[0] and rect[1] <= 420, rect  # the last heading on screen, the page where it was
            assert page.evaluate("scrollY") == 1500
        finally:
            context.close()


def test_with_material_toc_integrate_the_目录_fills_the_widths_its_sidebar_leaves(browser, tmp_path):
    """toc.integrate puts the table of contents in the left sidebar, shown from 1220 px: between 960 and
    1219 px no 目录 was on screen at all once the in-page one hid from 960 (found by a review)."""
    site = build_long(tmp_path, config_edit=lambda text: text.replace("    - navigation.top\n",
                                                                      "    - navigation.top\n    - toc.integrate\n"))
    with serve(site) as base:
        for width, shown in ((1024, True), (1366, False), (375, True)):
            context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
            page = context.new_page()
            try:
                page.goto(base + LONG)
                assert page.locator("details.cat-contents").is_visible() == shown, width
            finally:
                context.close()
