"""A site without directory URLs (``use_directory_urls: false``): every link leads to a file.

An office sets MkDocs' switch for a copy read from disk (an archive's CD or
USB stick, a 内网 machine) or a server that does not answer a folder with
its ``index.html``.  MkDocs then addresses its pages as ``…/index.html``;
the catalogue's own links (lists, relations, bodies, the search box, feeds,
open data) must follow, or every record is a folder listing or a 404 from
such a copy.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import page_url, record_path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
LINKED = "015200371/2019-00001"  # 《江川省公路路政许可办理规定》, with 第二条
LINKING = "catalogue/interpretations/2019-00002-jiedu-luzheng-xuke.md"  # its interpretation
BODY_LINKS = ("\n\n详见[《规定》](../policies/2019-00001-luzheng-xuke.md)及其"
              "[第二条](../policies/2019-00001-luzheng-xuke.md#第二条)，本解读[开头](2019-00002-jiedu-luzheng-xuke.md)。\n")
_ADDRESS = re.compile(r'\s(?:href|src|action)="([^"]*)"')


def test_a_page_folder_is_addressed_by_its_index_file_only_without_directory_urls():
    assert page_url("records/A/", True) == "records/A/"
    assert page_url("records/A/", False) == "records/A/index.html"
    assert page_url("records/A/#第2条", False) == "records/A/index.html#第2条"
    assert page_url("search/?q=1", False) == "search/index.html?q=1"
    assert page_url("", False) == page_url(".", False) == page_url("./", False) == "./index.html"
    for kept in ("#第2条", "?q=1", "attachments/a%20b.pdf", "https://x.gov.cn/a/", "/xxgk/a/", "mailto:a@b.cn",
                 "feeds/all.rss.xml", "records/A/index.html"):
        assert page_url(kept, False) == kept


def _project(root: Path, directory_urls: bool) -> Path:
    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: true" in config
    (root / "mkdocs.yml").write_text(config.replace("use_directory_urls: true",
                                                    f"use_directory_urls: {str(directory_urls).lower()}"),
                                     encoding="utf-8")
    with (root / LINKING).open("a", encoding="utf-8") as f:
        f.write(BODY_LINKS)
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def file_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("file-urls")
    return build_site(_project(root, False), site_dir=root / "site", as_of=AS_OF, strict=True)


def _addresses(page: Path) -> list[str]:
    return [html.unescape(m.group(1)) for m in _ADDRESS.finditer(page.read_text(encoding="utf-8"))]


def test_every_relative_link_on_every_page_leads_to_a_file_and_every_fragment_to_its_anchor(file_site):
    pages = sorted(file_site.rglob("*.html"))
    assert len(pages) > 100
    checked, folders, missing, anchors = 0, [], [], []
    ids: dict[Path, set[str]] = {}
    for page in pages:
        for address in _addresses(page):
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or address.startswith(("/", "#")) or not parts.path:
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve()
            where = (page.relative_to(file_site).as_posix(), address)
            if target.is_dir():
                folders.append(where)
            elif not target.is_file():
                missing.append(where)
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]*)"', target.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in ids[target]:
                    anchors.append(where)
    assert checked > 5000
    assert not folders, folders[:10]
    assert not missing, missing[:10]
    assert not anchors, anchors[:10]


def test_the_bodys_links_to_a_record_its_article_and_itself_name_the_page_file(file_site):
    page = (file_site / record_path("015200371/2019-00002") / "index.html").read_text(encoding="utf-8")
    target = record_path(LINKED).removeprefix("records/")
    assert re.search(f'href="../{target}index.html"[^>]*>《规定》</a>', page)
    assert re.search(f'href="../{target}index.html#第二条"[^>]*>第二条</a>', page)
    assert re.search('href="index.html"[^>]*>开头</a>', page)


def test_the_search_box_the_feeds_and_the_open_data_name_page_files(file_site):
    home = (file_site / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="md-search__form"[^>]*>', home).group(0)
    assert 'action="search/index.html"' in form and 'data-cat-page="index.html"' in form
    rows = json.loads((file_site / "data" / "catalogue.json").read_text(encoding="utf-8"))["records"]
    assert rows and all(r["url"].endswith("/index.html") for r in rows)
    feed = (file_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    links = re.findall(r'<link href="([^"]*)" rel="alternate"', feed)
    assert links and all(u.endswith("/index.html") for u in links), links[:3]
    one = json.loads((file_site / "data" / "records" / (record_path("015200371/2019-00002")
                                                         .removeprefix("records/").rstrip("/") + ".json"))
                     .read_text(encoding="utf-8"))
    assert one["url"].endswith("/015200371_2019-00002/index.html")
    assert f'/{record_path(LINKED)}index.html#第二条"' in one["body_html"]


def test_a_site_with_directory_urls_keeps_its_folder_addresses(tmp_path):
    site = build_site(_project(tmp_path, True), site_dir=tmp_path / "site", as_of=AS_OF, strict=True)
    page = (site / record_path("015200371/2019-00002") / "index.html").read_text(encoding="utf-8")
    target = record_path(LINKED).removeprefix("records/")
    assert re.search(f'href="../{target}"[^>]*>《规定》</a>', page)
    assert re.search(f'href="../{target}#第二条"[^>]*>第二条</a>', page)
    assert re.search('href="./"[^>]*>开头</a>', page) and "index.html" not in "".join(re.findall(r'href="\.\./0[^"]*"', page))
    assert 'data-cat-page' not in page and 'action="../../search/"' in page
    rows = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))["records"]
    assert all(r["url"].endswith("/") for r in rows)


def test_links_to_other_parts_of_the_offices_site_stay_and_a_docs_page_may_link_a_record_by_its_file(tmp_path):
    """A link to another part of the office's site (a nav entry ../hdjl/, Material's extra.homepage ../, each served
    there by its own index page) was given an index.html it may not have; a link from docs/about.md to
    records/…/index.html still failed --strict, MkDocs' message naming no target there (reviews)."""
    config = _project(tmp_path, False)
    text = config.read_text(encoding="utf-8")
    assert "\nextra:" not in text
    config.write_text(text + "\nextra:\n  homepage: ../\n", encoding="utf-8")
    target = record_path(LINKED)
    with (tmp_path / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write(f"\n\n见[《规定》]({target}index.html)。\n")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF, strict=True)
    about = (site / "about.html").read_text(encoding="utf-8") if (site / "about.html").exists() else \
        (site / "about" / "index.html").read_text(encoding="utf-8")
    assert f'href="{target}index.html"' in about
    page = (site / target / "index.html").read_text(encoding="utf-8")
    logo = re.search(r'<a href="([^"]*)"[^>]*class="md-header__button md-logo"', page).group(1)
    assert logo == "../../../", logo  # the office's home page above the catalogue, as written


def test_the_feedback_link_joins_the_forms_own_query_and_names_no_page_without_a_site_url(tmp_path):
    """A feedback form at …/index.jsp?lmid=12 got ?lmid=12?page=…, and a site without site_url ?page=None (a
    review)."""
    config = _project(tmp_path, True)
    text = config.read_text(encoding="utf-8")
    assert "feedback_url: https://jtt.jiangchuan.gov.cn/hdjl/jc/" in text and "\nsite_url:" in text
    config.write_text(text.replace("feedback_url: https://jtt.jiangchuan.gov.cn/hdjl/jc/",
                                   "feedback_url: https://www.jiangchuan.gov.cn/hdjl/index.jsp?lmid=12"),
                      encoding="utf-8")
    target = record_path(LINKED)
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    link = re.search(r'<a class="cat-tools__link" href="([^"]*)"', (site / target / "index.html").read_text(
        encoding="utf-8")).group(1)
    assert html.unescape(link) == ("https://www.jiangchuan.gov.cn/hdjl/index.jsp?lmid=12&page="
                                   f"https%3A//jtt.jiangchuan.gov.cn/xxgk/{target}")
    config.write_text(re.sub(r"\nsite_url:[^\n]*", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    site = build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF)
    link = re.search(r'<a class="cat-tools__link" href="([^"]*)"', (site / target / "index.html").read_text(
        encoding="utf-8")).group(1)
    assert link == "https://www.jiangchuan.gov.cn/hdjl/index.jsp?lmid=12"
