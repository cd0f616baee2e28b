"""The page chrome in the built site: the 404 page, lang, the skip link, the page tools.

Structural checks on the HTML files; tests/browser/test_accessibility.py checks
the same things in a browser (axe-core, keyboard, text size, print, phones).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

from build_tools.mkdocs_plugin.build import build_site

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
SITE_PATH = "/xxgk/"  # the path of site_url in mkdocs.yml


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("chrome"), as_of=AS_OF)


def _nav_sections() -> list[tuple[str, str]]:
    """(title, URL path under the site) of every page in mkdocs.yml's nav, sections flattened."""
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    found = []

    def walk(items):
        for item in items:
            (title, target), = item.items()
            if isinstance(target, list):
                walk(target)
            else:
                path = "" if target == "index.md" else re.sub(r"(index)?\.md$", "", target).rstrip("/") + "/"
                found.append((title, path))
    walk(nav)
    return found


def test_404_is_markup_in_the_sites_design_with_search_and_sections(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    # Material's header and footer were once printed as escaped text.
    for escaped in ("&lt;header", "&lt;nav", "&lt;div", "&amp;lt;", "&lt;footer", "&#34;md-"):
        assert escaped not in html, escaped
    assert '<header class="md-header"' in html
    assert "<h1>页面不存在</h1>" in html
    assert "<title>页面不存在 - " in html
    form = re.search(r'<form class="cat-404__search"[^>]*action="([^"]+)"[^>]*method="get"', html)
    assert form and form.group(1) == SITE_PATH + "search/"
    assert re.search(r'<input type="search" id="cat-404-q" name="q"', html)
    assert '<label id="cat-404-search-label" for="cat-404-q">' in html
    sections = html[html.index('class="cat-404__sections"'):]
    sections = sections[:sections.index("</nav>")]
    nav = _nav_sections()
    assert len(nav) >= 8
    for title, path in nav:
        href = SITE_PATH + path if path else SITE_PATH + "."
        assert f'<a href="{href}">{title}</a>' in sections, (title, href)
    # Absolute URLs from site_url: the page works at any depth.
    assert not re.search(r'(?:href|src|action)="\.\.?/', html)
    # The footer a government site carries, from the plugin's settings.
    assert "主办单位：江川省交通运输厅" in html and "网站标识码：5200000031" in html


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_lang_zh_cn_a_skip_link_and_no_script_links(sample_site):
    pages = _pages(sample_site)
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, page
        assert '<a href="#cat-content" class="md-skip cat-skip">跳到主要内容</a>' in html, page
        assert html.count('id="cat-content"') == 1, page
        assert html.index("cat-skip") < html.index('<header class="md-header"'), page
        assert not re.search(r'href\s*=\s*["\']?\s*javascript:', html, re.I), page
        # One contentinfo landmark: the government footer is inside Material's <footer>.
        assert html.count("<footer") == 1 and 'role="contentinfo"' not in html, page
        assert html.index('<footer class="md-footer">') < html.index('class="cat-footer"'), page


def test_page_tools_are_real_buttons_hidden_without_javascript(sample_site):
    html = (sample_site / "records/015200371_2020-00003/index.html").read_text(encoding="utf-8")
    group = re.search(r'<div class="cat-textsize" role="group" aria-labelledby="cat-textsize-label" data-cat-js hidden>'
                      r'(.*?)</div>', html, re.S)
    assert group, "the text-size group is missing or not hidden"
    buttons = re.findall(r'<button type="button" class="cat-tools__button" data-cat-text-size="([a-z-]+)" '
                         r'aria-pressed="(true|false)">([^<]+)</button>', group.group(1))
    assert [(size, label) for size, _, label in buttons] == [
        ("standard", "标准"), ("large", "大"), ("x-large", "特大")]
    assert re.search(r'<button type="button" class="cat-tools__button" data-cat-print data-cat-js hidden>打印本页</button>',
                     html)
    # The size is applied by an inline script in <head>, before the first paint.
    head = html[:html.index("</head>")]
    assert 'localStorage.getItem("catalogue.textSize")' in head
    assert "assets/page-tools.js" in html


def test_every_page_asks_for_the_themes_assets_by_a_versioned_address(sample_site):
    """assets/search.js?v=<digest of the file served>: a browser that kept last month's script or style
    sheet asks for this month's, since the address changed with the file (and only then)."""
    import hashlib
    from urllib.parse import urljoin
    expected = {path: hashlib.sha256((sample_site / path).read_bytes()).hexdigest()[:10]
                for path in ("assets/catalogue.css", "assets/search.css", "assets/search.js", "assets/page-tools.js",
                             "assets/vendor/pako_inflate.es5.min.js")}  # search.js loads it without DecompressionStream
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 150
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<head>" not in html or 'http-equiv="refresh"' in html:
            continue  # a redirect page
        page_url = "http://x/" + page.relative_to(sample_site).as_posix()
        found = {}
        for ref in re.findall(r'(?:href|src|data-cat-pako)="([^"]*assets/(?:catalogue|search|page-tools|'
                              r'vendor/pako_inflate\.es5\.min)\.(?:css|js)[^"]*)"', html):
            if ref.startswith(SITE_PATH):  # the 404 page, served at any depth, links by absolute path
                ref = "/" + ref[len(SITE_PATH):]
            target = urljoin(page_url, ref)
            path, _, query = target[len("http://x/"):].partition("?")
            found[path] = query
        assert found == {path: f"v={digest}" for path, digest in expected.items()}, page


def test_the_themes_style_sheets_and_scripts_are_served_minified_and_still_parse(sample_site):
    """A phone loads them on every page: search.js was two fifths comments.  Served minified, they hold no comment,
    are smaller by a quarter at least, and (with Node.js, which CI has) the scripts still parse."""
    import shutil
    import subprocess

    from build_tools.mkdocs_plugin.asset_urls import MINIFIED
    theme = Path(__file__).resolve().parent.parent / "theme"
    for path, kind in MINIFIED.items():
        served, source = (sample_site / path).read_bytes(), (theme / path).read_bytes()
        assert len(served) < 0.8 * len(source), path
        assert b"/*" not in served, path
        if kind == "js":
            assert not re.search(rb"(^|[;{}])\s*//", served), path
            node = shutil.which("node")
            if node is None and os.environ.get("CI"):
                raise AssertionError("CI runs with Node.js (.ci/run installs it)")
            if node is not None:
                subprocess.run([node, "--check", str(sample_site / path)], check=True)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_palettes_colours_read_at_4_5_to_1_in_both_schemes():
    css = (ROOT / "theme/assets/catalogue.css").read_text(encoding="utf-8")

    def value(selector: str, name: str) -> str:
        block = re.search(re.escape(selector) + r" \{([^}]*)\}", css)
        assert block, selector
        found = re.search(re.escape(name) + r": (#[0-9a-fA-F]{6})\b", block.group(1))
        assert found, (selector, name)
        return found.group(1)

    white, slate = "#ffffff", "#1e2129"  # Material's default and slate backgrounds
    primary = value("[data-md-color-primary=custom]", "--md-primary-fg-color")
    assert contrast(primary, white) >= 4.5  # links on the page, white header text on it
    assert contrast(value("[data-md-color-primary=custom]", "--md-typeset-a-color"), white) >= 4.5
    assert contrast(value("[data-md-color-accent=custom]", "--md-accent-fg-color"), white) >= 4.5
    assert contrast(value("[data-md-color-scheme=slate][data-md-color-primary=custom]", "--md-typeset-a-color"),
                    slate) >= 4.5
    assert contrast(value("[data-md-color-scheme=slate][data-md-color-accent=custom]", "--md-accent-fg-color"),
                    slate) >= 4.5
    assert contrast("#ef5552", white) < 4.5  # Material's red, which this replaces
    palettes = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["theme"]["palette"]
    assert {p["scheme"] for p in palettes} == {"default", "slate"}
    assert all(p["primary"] == "custom" and p["accent"] == "custom" for p in palettes)
