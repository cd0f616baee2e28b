"""The built site: every link works, links go both ways, nothing withheld leaks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import index_slug, record_path

from .sitetools import all_text, links_of, page_url, resolve

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("site"), as_of=AS_OF)


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_internal_link_resolves_and_no_record_page_is_orphaned(sample_site):
    # 404.html uses absolute URLs under site_url by design (it is served at any depth).
    pages = sorted(p for p in sample_site.rglob("*.html") if p.name != "404.html")
    linked: set[Path] = set()
    broken = []
    for page in pages:
        base = page_url(sample_site, page)
        for href in links_of(page.read_text(encoding="utf-8")):
            target = resolve(sample_site, base, href)
            if target is None:
                continue
            if not target.exists():
                broken.append((base, href))
            elif target != page:
                linked.add(target.resolve())
    assert not broken, broken[:20]
    records = {p.resolve() for p in (sample_site / "records").glob("*/index.html")}
    assert records, "no record pages were built"
    assert records <= linked, sorted(str(p) for p in records - linked)[:10]


def test_index_slug_is_one_to_one():
    assert index_slug("000014349/2013-00123") == "000014349_2013-00123"
    assert index_slug("a_b") != index_slug("a/b")
    assert index_slug("GS0018-GK068-20180130-000010") == "GS0018-GK068-20180130-000010"
    assert record_path("..") != "records/../"


# -- a small catalogue made for these tests -------------------------------------

POLICY = """---
index_no: 015200371/2024-00001
title: 测试政策甲
kind: policy
doc_type: 行政规范性文件
issuer: 江川省交通运输厅
category: 工业、交通/公路
written: 2024-03-01
published: 2024-03-05
effective: 2024-04-01
---
正文甲。<script>alert("x")</script>

| 项目 | 金额 |
|---|---|
| 一 | 1.00 |
"""

INTERP = """---
index_no: 015200371/2024-00002
title: 测试政策甲的解读
kind: interpretation
issuer: 江川省交通运输厅
category: 工业、交通/公路
published: 2024-03-06
interprets: [015200371/2024-00001]
interpretation_form: 图解
---
解读正文。
"""

REPEALER = """---
index_no: 015200371/2025-00001
title: 测试政策乙
kind: policy
doc_type: 其他文件
issuer: 江川省交通运输厅
category: 工业、交通/公路
written: 2025-01-02
published: 2025-01-03
repeals: [015200371/2023-00001]
amends: [015200371/2024-00001]
---
乙正文。
"""

OLD = """---
index_no: 015200371/2023-00001
title: 测试旧政策
kind: policy
doc_type: 其他文件
issuer: 江川省交通运输厅
category: 工业、交通/公路
written: 2023-01-02
published: 2023-01-04
validity: 已废止
---
旧正文。
"""

WITHHELD = """---
index_no: 015200371/2024-{serial}
title: {marker}标题
kind: notice
issuer: {marker}机关
category: 工业、交通/公路
published: {published}
disclosure: {mode}
withheld_reason: {marker}理由
keywords: [{marker}词]
summary: {marker}概述
---
{marker}正文
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("small")
    cat = root / "catalogue"
    cat.mkdir()
    amended = POLICY.replace("published: 2024-03-05", "published: 2024-03-05\nvalidity: 已修改")
    (cat / "a.md").write_text(amended, encoding="utf-8")
    (cat / "b.md").write_text(INTERP, encoding="utf-8")
    (cat / "c.md").write_text(REPEALER, encoding="utf-8")
    (cat / "d.md").write_text(OLD, encoding="utf-8")
    markers = {"ONREQUESTMARKER": ("00010", "依申请公开", "2024-05-06"),
               "WITHHELDMARKER": ("00011", "不予公开", "2024-05-06"),
               "FUTUREMARKER": ("00012", "主动公开", "2026-12-01")}
    for marker, (serial, mode, published) in markers.items():
        text = WITHHELD.format(serial=serial, marker=marker, mode=mode, published=published)
        if mode == "主动公开":
            text = text.replace("withheld_reason: FUTUREMARKER理由\n", "")
        (cat / f"{marker}.md").write_text(text, encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\nuse_directory_urls: true\ntheme:\n  name: material\n  language: zh\n  custom_dir: "
        f"{ROOT / 'theme'}\nmarkdown_extensions: [tables, footnotes]\nplugins:\n  - catalogue:\n"
        "      page_size: 2\n      agency: 测试厅\n", encoding="utf-8")
    site = build_site(root / "mkdocs.yml", site_dir=root / "site", as_of=AS_OF)
    return site, markers


def test_withheld_on_request_and_future_records_leave_no_trace(small_site):
    site, markers = small_site
    for path, text in all_text(site):
        for marker in markers:
            assert marker not in text, f"{marker} leaked into {path.relative_to(site)}"


def test_policy_and_interpretation_link_each_other(small_site):
    site, _ = small_site
    policy = _html(site, record_path("015200371/2024-00001"))
    interp = _html(site, record_path("015200371/2024-00002"))
    assert "相关解读" in policy and "测试政策甲的解读" in policy and "图解" in policy
    assert "解读对象" in interp and "测试政策甲" in interp
    assert re.search(r'href="\.\./015200371_2024-00002/"', policy)
    assert re.search(r'href="\.\./015200371_2024-00001/"', interp)


def test_amended_and_repealed_records_carry_a_banner_linking_to_the_changer(small_site):
    site, _ = small_site
    amended = _html(site, record_path("015200371/2024-00001"))
    repealed = _html(site, record_path("015200371/2023-00001"))
    for page in (amended, repealed):
        assert "cat-banner" in page and "测试政策乙" in page
    # The changer has no 实施日期: the change took effect on its 发布日期, and the banner says so.
    assert "本文件自 2025年1月3日 起按修改后的规定执行（这一天是修改文件的发布日期）" in amended
    assert "本文件自 2025年1月3日 起废止（这一天是废止文件的发布日期）" in repealed
    assert "cat-banner--amended" in amended and "cat-banner--repealed" in repealed
    changer = _html(site, record_path("015200371/2025-00001"))
    assert "本文件修改的文件" in changer and "本文件废止的文件" in changer


def test_raw_html_in_a_body_is_not_executed(small_site):
    site, _ = small_site
    policy = _html(site, record_path("015200371/2024-00001"))
    assert "<script>alert" not in policy
    assert "<table" in policy  # Markdown tables still render


def test_lists_are_paginated_in_both_orders(small_site):
    site, _ = small_site
    first = _html(site, "lists/policies/")
    assert "第 1 / 2 页" in first and 'rel="next"' in first
    assert (site / "lists/policies/page/2/index.html").exists()
    oldest = _html(site, "lists/policies/oldest/")
    assert oldest.index("测试旧政策") < oldest.index("测试政策乙") if "测试政策乙" in oldest else True
    newest = _html(site, "lists/policies/")
    assert "测试政策乙" in newest  # newest first on page 1


def test_metadata_table_and_page_conventions(small_site):
    site, _ = small_site
    page = _html(site, record_path("015200371/2024-00002"))
    for label in ("索引号", "主题分类", "发文机关", "发布日期", "公开方式"):
        assert f'<th scope="row">{label}</th>' in page
    assert '<meta name="ArticleTitle" content="测试政策甲的解读">' in page
    assert '<meta name="PubDate" content="2024-03-06">' in page


def _first_page_assets(site: Path) -> list[Path]:
    """The home page and every stylesheet and script it loads (all local)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert refs and not [r for r in refs if re.match(r"(https?:)?//", r)], "the home page loads nothing from elsewhere"
    return [site / "index.html", *(site / r.split("?")[0] for r in refs)]


def test_the_first_page_a_visitor_loads_is_under_200_kb_as_sent(sample_site):
    # What a web server sends (gzip, as GitHub Pages and a stock nginx do):
    # the home page with its CSS and JavaScript. Uncompressed it is larger
    # (Material's own CSS and JS are most of it); docs/dev/benchmarks.md has both.
    import gzip

    assets = _first_page_assets(sample_site)
    sent = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in assets)
    assert sent < 200_000, f"the first page costs {sent:,} bytes gzipped"
    assert sum(p.stat().st_size for p in assets) < 400_000
