"""Versions over time, "本页信息截至", and records that appear on their day.

A line of documents: Q (2015) is repealed by P (2019); P is amended by A1
(in force 2021-07-01) and A2 (published 2023-02-01, no 实施日期), amended by
a withheld decision the public must not learn of, and repealed by R with
effect from 2027-01-01, still ahead on the build's date.  F is published the
day after the build's date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.views.urls import record_path

from .sitetools import all_text

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
TOMORROW = AS_OF + dt.timedelta(days=1)

HEAD = "index_no: 015200371/{n}\nissuer: 江川省交通运输厅\ncategory: 工业、交通/公路\n"


def _policy(n: str, title: str, published: str, *, effective: str = "", extra: str = "", body: str = "正文。") -> str:
    lines = ["---", HEAD.format(n=n).rstrip(), f"title: {title}", "kind: policy", "doc_type: 其他文件",
             f"published: {published}"]
    if effective:
        lines.append(f"effective: {effective}")
    if extra:
        lines.append(extra.rstrip())
    return "\n".join(lines) + f"\n---\n{body}\n"


RECORDS = {
    "q.md": _policy("2015-00001", "江川省公路管理办法", "2015-03-01", effective="2015-04-01", extra="validity: 已废止"),
    "p.md": _policy("2019-00001", "江川省公路路政管理办法", "2019-04-01", effective="2019-05-01",
                    extra="validity: 已修改\nrepeals: [015200371/2015-00001]"),
    "a1.md": _policy("2021-00001", "关于修改《江川省公路路政管理办法》的决定", "2021-06-01", effective="2021-07-01",
                     extra="amends: [015200371/2019-00001]"),
    "a2.md": _policy("2023-00001", "关于修改《江川省公路路政管理办法》第十条的决定", "2023-02-01",
                     extra="amends: [015200371/2019-00001]"),
    "hidden.md": _policy("2024-00009", "HIDDENMARKER决定", "2024-03-01",
                         extra="amends: [015200371/2019-00001]\ndisclosure: 不予公开\nwithheld_reason: HIDDENMARKER理由"),
    "r.md": _policy("2026-00001", "江川省公路路政条例实施办法", "2026-10-09", effective="2027-01-01",
                    extra="repeals: [015200371/2019-00001]"),
    "n.md": _policy("2026-00002", "江川省公路养护通知", "2026-10-12"),
    "f.md": _policy("2026-00003", "FUTUREMARKER明日发布的通知", TOMORROW.isoformat(), body="FUTUREMARKER正文。"),
}


def _build(root: Path, as_of: dt.date, site: str) -> Path:
    args = ["build", "--config", str(root / "mkdocs.yml"), "--site-dir", str(root / site),
            "--as-of", as_of.isoformat()]
    assert main(args) == 0
    return root / site


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("versions")
    cat = root / "catalogue"
    cat.mkdir()
    for name, text in RECORDS.items():
        (cat / name).write_text(text, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\nsite_url: https://example.gov.cn/xxgk/\nuse_directory_urls: true\ntheme:\n"
        f"  name: material\n  language: zh\n  custom_dir: {ROOT / 'theme'}\n"
        "markdown_extensions: [tables]\nplugins:\n  - catalogue:\n      agency: 测试厅\n      agency_code: \"015200371\"\n"
        "      categories: [工业、交通/公路]\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def today(project) -> Path:
    return _build(project, AS_OF, "site-today")


def _page(site: Path, n: str, sub: str = "") -> str:
    return (site / record_path(f"015200371/{n}") / sub / "index.html").read_text(encoding="utf-8")


def _rows(html: str) -> list[tuple[str, str, str]]:
    """(state, span, wording) of every period row, in order."""
    out = []
    for m in re.finditer(r'<tr class="cat-period cat-period--(\w+)">\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>', html, re.S):
        out.append((m.group(1), m.group(2), re.sub(r"<[^>]+>", "", m.group(3))))
    return out


def test_every_record_page_says_how_current_it_is(today):
    for page in (today / "records").glob("*/index.html"):
        assert "本页信息截至 2026-11-23" in page.read_text(encoding="utf-8")


def test_the_versions_page_lists_the_line_oldest_first_with_the_wording_in_force_each_day(today):
    html = _page(today, "2019-00001", "versions")
    headings = re.findall(r"<h2 id=\"cat-version-\d+\">(.*?)</h2>", html)
    assert [re.sub(r"<[^>]+>", "", h).split(" ")[0] for h in headings] == [
        "江川省公路管理办法", "江川省公路路政管理办法（本文件）", "江川省公路路政条例实施办法"]
    assert _rows(html) == [
        ("past", "2015年4月1日至2019年4月30日", "原文"),
        ("past", "2019年5月1日至2021年6月30日", "原文"),
        ("past", "2021年7月1日至2023年1月31日", "经《关于修改《江川省公路路政管理办法》的决定》修改"),
        ("current", "2023年2月1日至2026年12月31日",
         "经《关于修改《江川省公路路政管理办法》的决定》、《关于修改《江川省公路路政管理办法》第十条的决定》修改"),
        ("future", "2027年1月1日起", "原文"),
    ]
    assert "本页信息截至 2026-11-23" in html
    # the rule it states covers a repeal of some articles too, which takes effect as an amendment does
    assert "修改和部分废止自修改文件的实施日期起适用；全部废止的，废止文件施行的前一天" in html
    assert "<strong>现行</strong>" in html and "尚未施行" in html


def test_every_document_of_a_line_links_to_its_versions_and_no_other_does(today):
    for n in ("2015-00001", "2019-00001", "2026-00001"):
        assert "本文件的历次版本" in _page(today, n)
        assert (today / record_path(f"015200371/{n}") / "versions" / "index.html").is_file()
    for n in ("2021-00001", "2023-00001", "2026-00002"):  # amending decisions and plain records: one version
        assert "本文件的历次版本" not in _page(today, n)
        assert not (today / record_path(f"015200371/{n}") / "versions").exists()


def test_a_withheld_amendment_is_neither_a_version_nor_a_trace(today):
    for path, text in all_text(today):
        assert "HIDDENMARKER" not in text, path
        assert "2024-00009" not in text, path


def test_a_record_published_tomorrow_is_absent_today_and_present_tomorrow(project, today):
    for path, text in all_text(today):
        assert "FUTUREMARKER" not in text, path
    assert not (today / record_path("015200371/2026-00003")).exists()
    tomorrow = _build(project, TOMORROW, "site-tomorrow")
    page = _page(tomorrow, "2026-00003")
    assert "FUTUREMARKER明日发布的通知" in page and "本页信息截至 2026-11-24" in page
    lists = "".join(t for p, t in all_text(tomorrow) if "lists/policies" in p.as_posix())
    assert "FUTUREMARKER明日发布的通知" in lists
    assert "records/015200371_2026-00003/" in (tomorrow / "sitemap.xml").read_text(encoding="utf-8")


def test_the_build_without_as_of_uses_the_date_in_china(project, monkeypatch):
    # 2026-11-23 16:30 UTC is 00:30 on the 24th in China: tomorrow's record is in.
    import build_tools.clock as clock
    real = clock.china_today
    monkeypatch.setattr(clock, "china_today",
                        lambda now=None: real(dt.datetime(2026, 11, 23, 16, 30, tzinfo=dt.timezone.utc)))
    import build_tools.mkdocs_plugin.plugin as plugin
    monkeypatch.setattr(plugin, "china_today", clock.china_today)
    site = project / "site-clock"
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site)]) == 0
    assert "本页信息截至 2026-11-24" in _page(site, "2026-00003")


def test_the_versions_page_changed_on_the_last_day_its_wording_did(project):
    from build_tools.config import load_config
    from build_tools.site_plan import plan_site
    config, _ = load_config(project / "mkdocs.yml")
    pages = {p.path: p for p in plan_site(config, AS_OF).pages}
    # A2 (2023-02-01) is the last change on or before the build's date; R's 2027 start is still ahead.
    assert pages["records/015200371_2019-00001/versions/"].updated == "2026-10-09"  # R published
    later = {p.path: p for p in plan_site(config, dt.date(2027, 1, 5)).pages}
    assert later["records/015200371_2019-00001/versions/"].updated == "2027-01-01"  # R in force


def test_without_site_url_no_feeds_or_sitemap_and_the_build_says_why(project, tmp_path, caplog):
    import logging
    import shutil
    copy = tmp_path / "p"
    shutil.copytree(project / "catalogue", copy / "catalogue")
    (copy / "docs").mkdir()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (copy / "mkdocs.yml").write_text(config.replace("site_url: https://example.gov.cn/xxgk/\n", ""), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalogue"):
        site = _build(copy, AS_OF, "site")
    assert not (site / "feeds").exists()
    assert not list(site.glob("sitemap*.xml*")) or "<lastmod>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert any("没有设置 site_url" in r.getMessage() for r in caplog.records)
