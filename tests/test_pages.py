"""Record pages and lists a reader cannot misread (issue 16).

- every status but 现行有效 is shown, with its own wording and style class,
  on the record page, in every list, on the home page and next to links to
  the record from other record pages;
- the banner says from which day the change took effect, which date that
  is, and links to the changing record;
- 相关解读 and the changing documents come before the body (and again after);
- every kind of record can be browsed by year, and every record by 主题分类,
  with counts equal to the rows of the lists they link to.

Views are tested as plain data (no MkDocs), then the built HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest

from build_tools.config import load_config
from build_tools.mkdocs_plugin.build import build_site
from build_tools.site_plan import plan_site
from build_tools.status import Status
from build_tools.views.urls import record_path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)

_HEAD = """---
index_no: 015200371/{no}
title: {title}
kind: {kind}
issuer: 江川省交通运输厅
category: {category}
published: {published}
"""

_RECORDS = {
    # A repealed policy with a table too wide for paper; repealed by a record in force from 2024-05-01.
    "p1.md": ("2023-00001", "甲规定", "policy", "工业、交通/公路", "2023-01-05",
              "doc_type: 其他文件\nvalidity: 已废止\n",
              "甲正文。\n\n| " + " | ".join(f"第{i}列标题" for i in range(1, 15)) + " |\n|"
              + "---|" * 14 + "\n| " + " | ".join(f"{i * 1234567.89:,.2f}" for i in range(1, 15)) + " |\n"),
    "r1.md": ("2024-00001", "乙规定", "policy", "工业、交通/公路", "2024-04-10",
              "doc_type: 其他文件\neffective: 2024-05-01\nrepeals: [015200371/2023-00001]\n", "乙正文。\n"),
    "p2.md": ("2023-00002", "丙办法", "policy", "工业、交通/水运", "2023-02-01",
              "doc_type: 其他文件\nvalidity: 已修改\n", "丙正文。\n"),
    "a1.md": ("2024-00002", "关于修改丙办法的决定", "policy", "工业、交通/水运", "2024-03-01",
              "doc_type: 其他文件\namends: [015200371/2023-00002]\n", "修改正文。\n"),
    "p3.md": ("2023-00003", "丁细则", "policy", "工业、交通/水运", "2023-03-01",
              "doc_type: 其他文件\nvalidity: 部分失效\n", "丁正文。\n"),
    "a2.md": ("2024-00003", "关于修改丁细则部分条款的决定", "policy", "工业、交通/水运", "2024-05-20",
              "doc_type: 其他文件\neffective: 2024-06-01\namends: [015200371/2023-00003]\n", "修改正文。\n"),
    "p4.md": ("2022-00001", "戊措施", "policy", "工业、交通/道路运输", "2022-01-10",
              "doc_type: 其他文件\neffective: 2022-01-10\nexpires: 2023-12-31\nvalidity: 已失效\n", "戊正文。\n"),
    "p5.md": ("2026-00001", "己规范", "policy", "工业、交通/道路运输", "2026-10-01",
              "doc_type: 其他文件\neffective: 2027-01-01\n", "己正文。\n"),
    "i1.md": ("2023-00004", "甲规定解读", "interpretation", "工业、交通/公路", "2023-01-06",
              "interprets: [015200371/2023-00001]\n", "解读正文。\n"),
    "n1.md": ("2024-00005", "关于公路养护施工的通告", "notice", "工业、交通/公路", "2024-08-27",
              "attachments: [施工路段名单.csv]\n",
              "各有关单位：\n\n现将有关事项通告如下。\n\n附件：1. 施工路段名单\n2. 绕行示意图\n\n"
              "江川省交通运输厅\n2024年8月26日\n"),
    "n2.md": ("2025-00001", "另一份通知", "notice", "综合政务/政务公开", "2025-02-01", "", "通知正文。\n"),
}


def _write_catalogue(root: Path) -> Path:
    cat = root / "catalogue"
    cat.mkdir()
    for name, (no, title, kind, category, published, extra, body) in _RECORDS.items():
        text = _HEAD.format(no=no, title=title, kind=kind, category=category, published=published)
        (cat / name).write_text(text + extra + "---\n" + body, encoding="utf-8")
    (cat / "施工路段名单.csv").write_text("路段,起止\nG1,K1-K9\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\nuse_directory_urls: true\ntheme:\n  name: material\n  language: zh\n  custom_dir: "
        f"{ROOT / 'theme'}\nmarkdown_extensions: [tables, admonition]\nplugins:\n  - catalogue:\n"
        "      page_size: 2\n      agency: 测试厅\n", encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def status_config(tmp_path_factory):
    config, problems = load_config(_write_catalogue(tmp_path_factory.mktemp("status")))
    assert problems == []
    return replace(config, cache_dir=None)


@pytest.fixture(scope="module")
def status_plan(status_config):
    return plan_site(status_config, AS_OF)


@pytest.fixture(scope="module")
def status_site(status_config, tmp_path_factory) -> Path:
    return build_site(status_config.catalogue_dir.parent / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("site"),
                      as_of=AS_OF)


@pytest.fixture(scope="module")
def sample_plan():
    config, problems = load_config(ROOT / "mkdocs.yml")
    assert problems == []
    return plan_site(replace(config, cache_dir=None), AS_OF)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("sample"), as_of=AS_OF)


def _page(plan, no: str):
    return next(p.data for p in plan.pages if p.template == "record.html" and p.data.record.index_no.endswith(no))


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# -- views ---------------------------------------------------------------------------


def test_every_status_has_its_own_style_name_and_wording():
    shown = [s for s in Status if s.shown]
    assert Status.IN_FORCE not in shown and len(shown) == 5
    assert len({s.slug for s in Status}) == len(Status)
    assert len({s.label for s in Status}) == len(Status)
    assert all(re.fullmatch(r"[a-z-]+", s.slug) for s in Status)


def test_each_banner_has_its_own_title_wording_and_date(status_plan):
    banners = {no: _page(status_plan, no).banner for no in
               ("2023-00001", "2023-00002", "2023-00003", "2022-00001", "2026-00001")}
    assert [b.status for b in banners.values()] == [Status.REPEALED, Status.AMENDED, Status.PARTIALLY_INVALID,
                                                   Status.EXPIRED, Status.NOT_YET_EFFECTIVE]
    assert len({b.title for b in banners.values()}) == 5
    assert len({b.text for b in banners.values()}) == 5
    # Repealed: the repealing record's 实施日期, named as such, not its 发布日期 (2024-04-10).
    repealed = banners["2023-00001"]
    assert repealed.date == "2024-05-01"
    assert "本文件自 2024年5月1日 起废止（这一天是废止文件的实施日期）" in repealed.text
    assert [(l.text, l.url) for l in repealed.links] == [("乙规定", record_path("015200371/2024-00001"))]
    assert "2024年4月10日" not in repealed.text
    # Amended by a record without 实施日期: its 发布日期, named as such.
    amended = banners["2023-00002"]
    assert amended.date == "2024-03-01" and "这一天是修改文件的发布日期" in amended.text
    assert amended.links[0].text == "关于修改丙办法的决定"
    partly = banners["2023-00003"]
    assert partly.date == "2024-06-01" and "部分条款自 2024年6月1日 起失效" in partly.text
    assert banners["2022-00001"].date == "2023-12-31" and "有效期至 2023年12月31日" in banners["2022-00001"].text
    assert banners["2026-00001"].date == "2027-01-01" and "自 2027年1月1日（实施日期）起施行" in banners["2026-00001"].text


def test_a_change_still_ahead_is_told_in_the_future_not_as_done(status_config):
    # On 2024-04-20 the repealing 乙规定 is published (2024-04-10) but in force only from 2024-05-01:
    # 甲规定, already marked 已废止 by its editor, still applies until then.
    early = plan_site(status_config, dt.date(2024, 4, 20))
    banner = _page(early, "2023-00001").banner
    assert banner.title == "本文件将废止" and banner.date == "2024-05-01"
    assert "本文件将自 2024年5月1日 起废止" in banner.text and "在此之前继续执行" in banner.text
    assert "不再执行" not in banner.text
    assert banner.links[0].note.startswith("将自 2024年5月1日 起废止")
    # Until then it is in force, and every view says so: the page's 有效性 said 已废止 under that banner, and the
    # lists, the search and the open data too, while the annual report counted it in force (a review).
    page = _page(early, "2023-00001")
    assert page.status is Status.IN_FORCE and ("有效性", "现行有效") in [(r.label, r.value) for r in page.rows]
    rows = {i.index_no[-10:]: i for p in early.site.lists for i in p.items}
    assert rows["2023-00001"].status == "现行有效" and rows["2023-00001"].flag == ""
    assert _page(early, "2023-00004").key_sections[0].links[0].status is None  # its interpretation's link to it
    # From that day on it is told as done.
    late = plan_site(status_config, dt.date(2024, 5, 1))
    assert _page(late, "2023-00001").banner.title == "本文件已废止"
    assert _page(late, "2023-00001").status is Status.REPEALED
    assert _page(late, "2023-00004").key_sections[0].links[0].status is Status.REPEALED


def test_the_sample_repeal_banner_gives_the_day_the_repeal_took_effect(sample_plan):
    banner = _page(sample_plan, "2019-00001").banner
    # 2024-00003 was published 2024-05-27 and took effect 2024-07-01.
    assert banner.date == "2024-07-01" and "自 2024年7月1日 起废止" in banner.text
    assert banner.links[0].url == record_path("015200371/2024-00003")
    assert "2024年7月1日" in banner.links[0].note and "实施日期" in banner.links[0].note


def test_key_related_documents_come_before_the_body_and_again_after(status_plan):
    page = _page(status_plan, "2023-00001")
    assert [s.title for s in page.key_sections] == ["相关解读", "废止本文件的文件"]
    assert all(s in page.sections for s in page.key_sections)
    assert [s.title for s in _page(status_plan, "2023-00004").key_sections] == ["解读对象"]
    # Links to a record not in force carry its status.
    target = _page(status_plan, "2023-00004").key_sections[0].links[0]
    assert target.status is Status.REPEALED


def test_list_rows_flag_every_record_not_in_force(status_plan):
    rows = {i.index_no[-10:]: i for p in status_plan.site.lists for i in p.items}
    assert rows["2023-00001"].flag == "repealed" and rows["2023-00001"].status == "已废止"
    assert rows["2023-00002"].flag == "amended"
    assert rows["2023-00003"].flag == "partly-invalid"
    assert rows["2022-00001"].flag == "expired"
    assert rows["2026-00001"].flag == "not-yet-effective" and rows["2026-00001"].status == "尚未生效"
    assert rows["2024-00001"].flag == "" and rows["2024-00001"].status == "现行有效"
    assert rows["2024-00005"].flag == "" and rows["2024-00005"].status == ""  # a notice has no validity


def _list_rows(plan) -> dict[str, int]:
    """Rows of every list across all its pages (newest first), by the list's first URL."""
    rows: dict[str, int] = {}
    for p in plan.site.lists:
        if p.newest_first:
            rows[p.page_urls[0]] = rows.get(p.page_urls[0], 0) + len(p.items)
    return rows


@pytest.mark.parametrize("which", ["sample_plan", "status_plan"])
def test_every_count_equals_the_rows_of_the_list_it_links_to(which, request):
    plan = request.getfixturevalue(which)
    rows = _list_rows(plan)
    checked = 0
    for p in plan.site.lists:
        for _, facets in p.facets:
            for f in facets:
                assert f.count == rows[f.url], (p.path, f.title)
                checked += 1
    for f in (*plan.site.home.sections, *plan.site.home.categories):
        assert f.count == rows[f.url], f.title
        checked += 1
    assert checked > 20


def test_every_kind_is_browsable_by_year_and_everything_by_category(sample_plan):
    rows = _list_rows(sample_plan)
    for path in ("lists/interpretations/year/2023/", "lists/notices/year/2024/", "lists/reports/year/2024/",
                 "lists/fiscal/year/2025/", "lists/policies/year/2024/"):
        assert rows.get(path), path
    everything = sum(1 for _ in sample_plan.public.records)
    assert rows["lists/category/"] == everything
    categories = [f for f in sample_plan.site.home.categories if f.url != "lists/category/"]
    assert sum(f.count for f in categories) == everything  # one category per record
    kinds = {i.kind for p in sample_plan.site.lists if p.path.startswith("lists/category/") for i in p.items}
    assert {"政策文件", "政策解读", "通知公告", "年度报告"} <= kinds
    # Existing URLs are kept.
    for path in ("lists/policies/", "lists/interpretations/", "lists/fiscal/", "lists/reports/", "lists/notices/"):
        assert path in rows
    # A report is listed under the year it reports on, not the year it was published.
    reports = {p.path: [i.title for i in p.items] for p in sample_plan.site.lists if p.newest_first}
    assert any("2024" in t for t in reports["lists/reports/year/2024/"])


# -- built HTML ----------------------------------------------------------------------


_LABEL = re.compile(r'<span class="cat-status cat-status--([a-z-]+)">([^<]+)</span>')


def test_the_record_page_shows_a_banner_of_its_own_kind(status_site):
    for no, slug, title in (("2023-00001", "repealed", "本文件已废止"), ("2023-00002", "amended", "本文件已修改"),
                            ("2023-00003", "partly-invalid", "本文件部分失效"), ("2022-00001", "expired", "本文件已失效"),
                            ("2026-00001", "not-yet-effective", "本文件尚未生效")):
        html = _html(status_site, record_path(f"015200371/{no}"))
        assert f'class="admonition cat-banner cat-banner--{slug}"' in html
        assert f'id="cat-banner-title">{title}</p>' in html
        assert "admonition warning" not in html
        # The banner comes before the metadata table, whose 有效性 cell carries the label too.
        assert html.index("cat-banner--") < html.index('<table class="cat-meta">')
        label = _LABEL.search(html)  # the first label on the page: the 有效性 cell
        assert label.group(1) == slug and Status(label.group(2)).slug == slug
    repealed = _html(status_site, record_path("015200371/2023-00001"))
    assert re.search(r'<a href="\.\./015200371_2024-00001/">乙规定</a> <span class="cat-banner__when">'
                     r"自 2024年5月1日 起废止（该文件的实施日期）</span>", repealed)


def test_related_documents_come_before_the_body_and_again_after(status_site):
    html = _html(status_site, record_path("015200371/2023-00001"))
    key, body = html.index('class="cat-key-links"'), html.index('class="cat-body"')
    meta = html.index('<table class="cat-meta">')
    assert meta < key < body
    block = html[key:body]
    assert "相关解读" in block and "甲规定解读" in block and "废止本文件的文件" in block and "乙规定" in block
    after = html[body:]
    assert "<h2>相关解读</h2>" in after and "<h2>废止本文件的文件</h2>" in after


def _rows_linking_to(html: str, index_no: str) -> list[str]:
    href = record_path(index_no).split("/")[1]
    return [row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if f"{href}/\"" in row]


def test_a_repealed_record_is_labelled_in_every_list_and_link_where_it_appears(status_site):
    seen = 0
    for f in sorted(status_site.rglob("index.html")):
        html = f.read_text(encoding="utf-8")
        for row in _rows_linking_to(html, "015200371/2023-00001"):
            assert '<span class="cat-status cat-status--repealed">已废止</span>' in row, f
            seen += 1
    assert seen >= 5  # 政策文件 (both orders), its category, year, validity lists, 主题分类, home
    home = _html(status_site, "")
    assert _rows_linking_to(home, "015200371/2026-00001")  # the latest list on the home page
    assert '<span class="cat-status cat-status--not-yet-effective">尚未生效</span>' in home
    interp = _html(status_site, record_path("015200371/2023-00004"))
    assert re.search(r'>甲规定</a> <span class="cat-status cat-status--repealed">已废止</span>', interp)


def test_each_status_label_reads_at_more_than_4_5_to_1():
    css = (ROOT / "theme/assets/catalogue.css").read_text(encoding="utf-8")

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for status in Status:
        if not status.shown:
            continue
        m = re.search(rf"\.cat-status--{status.slug} \{{ color: (#[0-9a-f]{{6}}); background: (#[0-9a-f]{{6}});", css)
        assert m, status
        fg, bg = sorted((luminance(m.group(1)), luminance(m.group(2))))
        assert (bg + 0.05) / (fg + 0.05) >= 4.5, status


def test_year_and_category_lists_are_built_and_reachable(sample_site):
    home = _html(sample_site, "")
    assert 'href="lists/category/"' in home and "按主题分类浏览" in home
    for path in ("lists/interpretations/year/2023/", "lists/notices/year/2024/", "lists/reports/year/2024/",
                 "lists/category/"):
        assert (sample_site / path / "index.html").exists(), path
    interp = _html(sample_site, "lists/interpretations/")
    assert "按年度浏览" in interp and 'href="year/2023/"' in interp
    nav = _html(sample_site, "lists/policies/")
    assert "按主题分类" in nav and "lists/category/" in nav.replace("../../", "lists/").replace("../", "lists/")


def _html_rows(site: Path, path: str) -> int:
    """Rows across every page of a built list (following its pager)."""
    total, page = 0, site / path / "index.html"
    n = 1
    while page.exists():
        body = page.read_text(encoding="utf-8")
        total += len(re.findall(r"<tr>\s*<td class=\"cat-list__no\">", body))
        n += 1
        page = site / path / "page" / str(n) / "index.html"
    return total


def test_every_count_on_a_built_list_equals_its_rows(status_site):
    lists = sorted({f.parent for f in (status_site / "lists").rglob("index.html")
                    if "/page/" not in f.as_posix() and "/oldest" not in f.as_posix()})
    checked = 0
    for folder in lists:
        rel = folder.relative_to(status_site).as_posix() + "/"
        html = (folder / "index.html").read_text(encoding="utf-8")
        for href, count in re.findall(r'<li><a href="([^"]+)"[^>]*>[^<]+</a> <small>\((\d+)\)</small></li>', html):
            target = (Path("/" + rel) / href).resolve().as_posix().lstrip("/") + "/"
            assert _html_rows(status_site, target) == int(count), (rel, href)
            checked += 1
        shown = re.search(r"共 (\d+) 条", html)
        assert shown and int(shown.group(1)) == _html_rows(status_site, rel), rel
    assert checked > 20


def test_a_notice_body_ends_with_a_right_set_signature_and_a_linked_attachment(status_site):
    html = _html(status_site, record_path("015200371/2024-00005"))
    assert ('<div class="cat-gw-closing"><p class="cat-gw-signer">江川省交通运输厅</p>'
            '<p class="cat-gw-date">2024年8月26日</p></div>') in html
    link = re.search(r'<li>1\. <a href="([^"]+)"[^>]*>施工路段名单</a></li><li>2\. 绕行示意图</li>', html)
    assert link, "the 附件 note's first item links to the record's attachment"
    assert (status_site / record_path("015200371/2024-00005") / unquote(link.group(1))).resolve().is_file()
    plain = _html(status_site, record_path("015200371/2025-00001"))
    assert "cat-gw-" not in plain and "<p>通知正文。</p>" in plain
