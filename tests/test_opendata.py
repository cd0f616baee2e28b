"""Open data, feeds and the sitemap of the built sample site (build_tools/exports/).

Done-when of issue 18: the JSON validates against the published schemas, the
CSV round-trips through Python's csv (after undoing the formula guard) and
decodes as Excel does (utf-8-sig), the feeds parse with feedparser without
bozo and hold what they should, the sitemap lists exactly the public pages
with the records' dates and splits past 50,000 URLs.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.body_html import absolute_links
from build_tools.config import load_config
from build_tools.exports import opendata as od
from build_tools.exports.feeds import FEEDS, LATEST, entry_id
from build_tools.machinery.remade import MadeWhenWritten, bytes_of
from build_tools.exports.sitemap import MAX_URLS, sitemap_files, split
from build_tools.mkdocs_plugin.build import build_site
from build_tools.model.fields import FIELDS
from build_tools.site_plan import plan_site, record_updated
from build_tools.views.opendata import size_words
from build_tools.views.urls import record_path

from .sitetools import links_of, page_url, resolve

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
SITE_URL = "https://jtt.jiangchuan.gov.cn/xxgk/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("site"), as_of=AS_OF)


@pytest.fixture(scope="module")
def plan():
    config, _ = load_config(ROOT / "mkdocs.yml")
    return plan_site(config, AS_OF, site_url=SITE_URL)


def _json(site: Path, rel: str):
    return json.loads((site / rel).read_bytes().decode("utf-8"))


# -- JSON ---------------------------------------------------------------------

def test_the_json_files_validate_against_the_published_schemas(site, plan):
    catalogue = _json(site, od.CATALOGUE_JSON)
    jsonschema.validate(catalogue, _json(site, od.CATALOGUE_SCHEMA), format_checker=jsonschema.FormatChecker())
    assert catalogue["count"] == len(plan.public.records) == len(catalogue["records"]) > 40
    assert [r["index_no"] for r in catalogue["records"]] == [r.index_no for r in plan.public.records]
    record_schema = _json(site, od.RECORDS_SCHEMA)
    files = sorted((site / "data" / "records").glob("*.json"))
    assert [f.name for f in files] == sorted(record_path(r.index_no).split("/")[1] + ".json"
                                             for r in plan.public.records)
    by_no = {r["index_no"]: r for r in catalogue["records"]}
    for f in files:
        one = json.loads(f.read_bytes())
        jsonschema.validate(one, record_schema, format_checker=jsonschema.FormatChecker())
        assert {k: v for k, v in one.items() if k in by_no[one["index_no"]]} == by_no[one["index_no"]]
    # The record format is the one docs/reference holds (`catalogue schema`), byte for byte.
    assert (site / od.RECORD_SCHEMA).read_bytes() == (ROOT / "docs/reference/record.schema.json").read_bytes()
    # Every exported field is named as the field table names it, in its order.
    keys = [f.key for f in FIELDS if f.key not in od.NOT_EXPORTED] + ["url", "status"]
    assert all(list(r) == keys for r in catalogue["records"])


def test_metadata_values_dates_iso_urls_absolute(site, plan):
    rows = {r["index_no"]: r for r in _json(site, od.CATALOGUE_JSON)["records"]}
    for record in plan.public.records:
        row = rows[record.index_no]
        assert row["published"] == record.published.isoformat()
        assert row["kind"] == record.kind.label
        assert row["url"] == SITE_URL + record_path(record.index_no)
        assert (site / record_path(record.index_no) / "index.html").is_file()
        for a in row["attachments"]:
            assert a.startswith(SITE_URL + "attachments/")
            assert resolve(site, "", a[len(SITE_URL):]).is_file()


def test_body_html_is_the_html_the_record_page_shows(site, plan):
    """The open data's HTML (BodyRenderer) and the page's (MkDocs) are the same, links made absolute."""
    checked = 0
    for page in plan.site.records:
        if page.annual is not None:  # an annual report's page shows its tables instead of the body
            continue
        html = (site / page.path / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<div class="cat-body">\n(.*?)\n</div>\n', html, re.S).group(1)
        data = json.loads((site / od.record_file(page.record.index_no)).read_bytes())
        assert data["body_html"] == absolute_links(shown, SITE_URL + page.path), page.record.index_no
        assert data["body_markdown"] == plan.page(f"{page.path}index.md").body
        checked += 1
    assert checked > 40


def test_an_annual_reports_tables_are_in_its_record_file_as_its_page_shows_them(site, plan):
    """A data user collecting the annual reports' figures found none of them in the open data: the tables are drawn
    by the theme and the body held empty slots (a review).  The record file holds each table, cell for cell as the
    page's, every row as wide as the table; other records hold none."""
    from html.parser import HTMLParser

    class Grid(HTMLParser):  # the page's table as a browser lays it out, spans repeated
        def __init__(self):
            super().__init__()
            self.tables, self.cell = {}, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "table" and "cat-ar-table" in (a.get("class") or ""):
                self.rows, self.width, self.at = [], int(a["data-columns"]), -1
                self.tables[a["class"].split()[-1].removeprefix("cat-ar-")] = self.rows
            elif tag == "tr" and hasattr(self, "rows"):
                self.at += 1
                while len(self.rows) <= self.at:
                    self.rows.append([None] * self.width)
            elif tag in ("td", "th") and hasattr(self, "rows"):
                self.cell, self.span = "", (int(a.get("rowspan", 1)), int(a.get("colspan", 1)))

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                r = self.at
                c = self.rows[r].index(None)
                for dr in range(self.span[0]):
                    while len(self.rows) <= r + dr:
                        self.rows.append([None] * self.width)
                    for dc in range(self.span[1]):
                        self.rows[r + dr][c + dc] = self.cell.strip()
                self.cell = None
            elif tag == "table":
                self.__dict__.pop("rows", None)

    reports = [p for p in plan.site.records if p.annual is not None]
    assert reports
    for page in reports:
        parser = Grid()
        parser.feed((site / page.path / "index.html").read_text(encoding="utf-8"))
        data = json.loads((site / od.record_file(page.record.index_no)).read_bytes())
        assert [t["id"] for t in data["tables"]] == [t.id for t in page.annual.tables] == ["t2", "t3", "t4"]
        for t in data["tables"]:
            rows = parser.tables[t["id"]]
            assert t["head"] + t["body"] == [[c or "" for c in row] for row in rows if any(c is not None for c in row)]
            assert all(len(row) == len(rows[0]) for row in t["head"] + t["body"])
    figures = json.loads((site / od.record_file(reports[0].record.index_no)).read_bytes())["tables"][0]["body"]
    assert any(row[0] == "规章" and all(cell.isdigit() for cell in row[1:]) for row in figures)
    others = [p for p in plan.site.records if p.annual is None][:5]
    assert all(json.loads((site / od.record_file(p.record.index_no)).read_bytes())["tables"] == [] for p in others)


def test_each_records_file_is_made_when_written_and_the_open_data_page_shows_their_total(site, plan):
    """The plan holds no record's JSON, only how to make it (each is made once, when written: pages.write_made);
    the 开放数据 page, completed once they are written, shows the total size of the bytes in the site."""
    made = [f for f in plan.generated if f.dest.startswith(f"{od.DATA}records/")]
    assert len(made) == len(plan.public.records) and all(isinstance(f.content, MadeWhenWritten) for f in made)
    assert plan.page("data/index.md").data.record_total is None  # completed by the writer
    for f in made[::7]:
        assert (site / f.dest).read_bytes() == f.content.make(), f.dest
    total = sum(p.stat().st_size for p in (site / "data" / "records").glob("*.json"))
    assert f"JSON，共 {size_words(total)}</small>" in (site / "data" / "index.html").read_text(encoding="utf-8")


def test_links_in_body_html_are_made_absolute_against_the_record_page():
    html = ('<p><a href="../015200371_2024-00001/">另一条</a> <a href="../../attachments/a%20b.pdf">附件</a> '
            '<img src="chart.png" alt="图"> <a href="https://www.gov.cn/">外部</a> <a href="#t1">注</a></p>')
    base = SITE_URL + "records/015200371_2024-00002/"
    assert absolute_links(html, base) == (
        f'<p><a href="{SITE_URL}records/015200371_2024-00001/">另一条</a> '
        f'<a href="{SITE_URL}attachments/a%20b.pdf">附件</a> <img src="{base}chart.png" alt="图"> '
        f'<a href="https://www.gov.cn/">外部</a> <a href="{base}#t1">注</a></p>')



_HREFS = st.lists(st.sampled_from(list("#a第条/.?:=%_ \t\r\n\x00") + ["../", "http://", "#第一百二十条"]),
                  max_size=8).map("".join)
_BASES = st.sampled_from([SITE_URL + "records/015200371_2024-00002/", "/records/a/", "/", "", "https://x.gov.cn",
                          "https://x.gov.cn/a/?q=1", "https://x.gov.cn/a/#top", "https://x.gov.cn/a/?", "a/b",
                          "https://x.gov.cn/a/#", "mailto:x@y", "//x.gov.cn/a/"])


@settings(max_examples=400, deadline=None)
@given(hrefs=st.lists(_HREFS, max_size=4), base=_BASES)
def test_absolute_links_is_urljoin_on_every_link(hrefs, base):
    """Its shortcut for fragments (a long law's hundreds of 第X条 self-links) gives urljoin's result exactly,
    for any href and any base, including those urljoin rewrites (an empty fragment, tabs, a base with a query)."""
    html = "".join(f'<a class="c" href="{h}">x</a><img src="{h}">' for h in hrefs)
    assert absolute_links(html, base) == "".join(
        f'<a class="c" href="{urljoin(base, h)}">x</a><img src="{urljoin(base, h)}">' for h in hrefs)


# -- CSV ----------------------------------------------------------------------

def test_the_csv_is_what_excel_on_chinese_windows_opens(site):
    data = (site / od.CATALOGUE_CSV).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8, not GBK
    text = data.decode("utf-8-sig")  # as Excel decodes it
    assert "\r\n" in data.decode("utf-8") and "\n" not in data.decode("utf-8").replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == od.csv_header()
    catalogue = _json(site, od.CATALOGUE_JSON)["records"]
    keys = list(catalogue[0])
    assert len(rows) == len(catalogue) + 1
    for row, record in zip(rows[1:], catalogue):
        values = dict(zip(keys, (od.unguard_cell(c) for c in row)))
        for key, value in record.items():
            expected = od.LIST_SEPARATOR.join(value) if isinstance(value, list) else (
                "" if value is None else str(value))
            assert values[key] == expected, (record["index_no"], key)
    # Every field quoted.
    for line in data.decode("utf-8-sig").split("\r\n")[:-1]:
        assert line.startswith('"') and line.endswith('"')


HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\t=1", "'已有单引号", "＝全角", "普通文本",
           "", "含,逗号\"引号\"\r\n换行"]


def test_csv_guard_round_trips_hostile_cells():
    header = od.csv_header()
    keys = [f.key for f in od.EXPORTED] + [k for k, _, _ in od.EXTRA_COLUMNS]
    rows = [{k: (value if k != "issuer" else [value, value]) for k in keys} for value in HOSTILE]
    data = od.catalogue_csv(rows)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert read[0] == header
    for value, row in zip(HOSTILE, read[1:]):
        for cell in row:
            assert not cell.startswith(od.FORMULA_STARTS), cell  # nothing a spreadsheet would run
        assert od.unguard_cell(row[0]) == value
        assert od.unguard_cell(row[keys.index("issuer")]) == od.LIST_SEPARATOR.join([value, value])


# -- feeds ----------------------------------------------------------------------

def test_feeds_parse_without_bozo_and_hold_the_latest_of_their_kind(site, plan):
    updated = {r.index_no: record_updated(r, plan.public) for r in plan.public.records}
    for spec in FEEDS:
        expected = [r for r in plan.public.records if r.kind in spec.kinds][:LATEST]
        assert expected
        for path in (spec.atom, spec.rss):
            parsed = feedparser.parse((site / path).read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            assert parsed.version == ("atom10" if path.endswith("atom.xml") else "rss20")
            assert [e.id for e in parsed.entries] == [entry_id("jtt.jiangchuan.gov.cn", r) for r in expected]
            for entry, record in zip(parsed.entries, expected):
                assert entry.link == SITE_URL + record_path(record.index_no)
                assert entry.title == record.title
                assert entry.tags[0].term == record.kind.label  # only its kinds
                if path.endswith("atom.xml"):
                    assert entry.updated_parsed[:3] == _utc_day(updated[record.index_no])
                    assert entry.published_parsed[:3] == _utc_day(record.published)
                else:
                    assert entry.published_parsed[:3] == _utc_day(record.published)
            newest = max(updated[r.index_no] for r in expected)
            assert parsed.feed.updated_parsed[:3] == _utc_day(newest)  # the newest entry's, not the clock
            for link in parsed.feed.links:
                assert link.href.startswith(SITE_URL)
            assert parsed.feed.link == SITE_URL + spec.list_path  # the page, not the feed itself
            assert {(l.rel, l.href) for l in parsed.feed.links} >= {("self", SITE_URL + path)}


def _utc_day(day: dt.date) -> tuple[int, int, int]:
    """Midnight in China is 16:00 UTC the day before (feedparser gives UTC)."""
    d = day - dt.timedelta(days=1)
    return (d.year, d.month, d.day)


def test_feed_ids_do_not_depend_on_the_build(tmp_path, plan):
    """The same catalogue built another day, elsewhere: the same ids, and the same bytes when nothing changed."""
    other = build_site(ROOT / "mkdocs.yml", site_dir=tmp_path / "later", as_of=AS_OF + dt.timedelta(days=30))
    later = feedparser.parse((other / "feeds/all.atom.xml").read_bytes())
    ids = {e.link: e.id for e in later.entries}
    for r in plan.public.records[:LATEST]:
        assert ids[SITE_URL + record_path(r.index_no)] == f"tag:jtt.jiangchuan.gov.cn,{r.published.year}:{r.index_no}"


def test_the_feeds_folder_has_a_sitemap_of_its_feeds(site):
    # Material's script fetches sitemap.xml beside every <link rel="alternate">'s target: without this
    # file each page load would fetch feeds/sitemap.xml and get a 404 (the search browser tests fail on it).
    import xml.etree.ElementTree as ET
    root = ET.fromstring((site / "feeds" / "sitemap.xml").read_bytes())
    locs = sorted(e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))
    feeds = sorted(p.name for p in (site / "feeds").glob("*.xml") if p.name != "sitemap.xml")
    assert [loc.rsplit("/", 1)[1] for loc in locs] == feeds and all("/xxgk/feeds/" in loc for loc in locs)


def test_every_page_names_the_overall_feeds_and_list_pages_their_own(site):
    pages = [p for p in site.rglob("index.html") if "records" in p.parts or p.parent == site
             or "lists" in p.parts or p.parent.name in ("guide", "data")]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        heads = re.findall(r'<link rel="alternate" type="application/(atom|rss)\+xml" title="[^"]*" href="([^"]+)">',
                           html.split("</head>")[0])
        targets = {resolve(site, page_url(site, page), href).relative_to(site).as_posix() for _, href in heads}
        assert {"feeds/all.atom.xml", "feeds/all.rss.xml"} <= targets, page
        rel = page.relative_to(site).as_posix()
        for spec in FEEDS[1:]:
            if rel.startswith(spec.list_path) and "overview" not in rel:  # the 预决算 overview is no list
                assert {spec.atom, spec.rss} <= targets, rel
                body = html.split("</head>")[1]
                assert any(resolve(site, page_url(site, page), h) == site / spec.atom for h in links_of(body))
    # Under the /xxgk/ sub-path the relative href lands on the feed: checked by resolve() above.


# -- sitemap ------------------------------------------------------------------------

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_exactly_the_public_pages_with_record_dates(site, plan):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    entries = {u.find("s:loc", NS).text: getattr(u.find("s:lastmod", NS), "text", None)
               for u in root.findall("s:url", NS)}
    pages = {SITE_URL + page_url(site, p) for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith(("search/", "assets/"))}
    pages.add(SITE_URL + "search/")
    assert set(entries) == pages
    for page in plan.site.records:
        assert entries[SITE_URL + page.path] == record_updated(page.record, plan.public).isoformat()
    newest = max(record_updated(r, plan.public) for r in plan.public.records).isoformat()
    assert entries[SITE_URL] == newest and newest < AS_OF.isoformat()  # from the records, not the build date
    assert entries[SITE_URL + "guide/"] is None  # a docs/ page: no date the records know
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_the_sitemap_splits_into_an_index_past_50000_urls():
    entries = [(f"records/{i:06d}/", "2026-01-%02d" % (1 + i % 28)) for i in range(MAX_URLS * 2 + 5)]
    assert [len(c) for c in split(entries)] == [MAX_URLS, MAX_URLS, 5]
    files = sitemap_files(SITE_URL, entries)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-1.xml.gz", "sitemap-2.xml", "sitemap-2.xml.gz",
                             "sitemap-3.xml", "sitemap-3.xml.gz", "sitemap.xml", "sitemap.xml.gz"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    assert [s.find("s:loc", NS).text for s in index] == [SITE_URL + f"sitemap-{i}.xml" for i in (1, 2, 3)]
    seen = []
    for i in (1, 2, 3):
        part = ET.fromstring(files[f"sitemap-{i}.xml"])
        assert len(part) <= MAX_URLS and len(files[f"sitemap-{i}.xml"]) < 50 * 1024 * 1024
        seen += [u.find("s:loc", NS).text for u in part]
    assert seen == sorted(urljoin(SITE_URL, u) for u, _ in entries)
    small = sitemap_files(SITE_URL, entries[:MAX_URLS])
    assert sorted(small) == ["sitemap.xml", "sitemap.xml.gz"]
    assert sitemap_files(SITE_URL, entries) == files  # deterministic, gzip included


# -- the 开放数据 page -----------------------------------------------------------------

def test_the_open_data_page_lists_the_files_fields_and_counts(site, plan):
    page = site / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<h1>开放数据</h1>" in html
    assert f"数据共 <strong>{len(plan.public.records)}</strong> 条" in html
    newest = max(record_updated(r, plan.public) for r in plan.public.records).isoformat()
    assert f'<time datetime="{newest}">' in html
    targets = {resolve(site, "data/", h) for h in links_of(html)}
    for rel in (od.CATALOGUE_JSON, od.CATALOGUE_CSV, od.CATALOGUE_SCHEMA, od.RECORDS_SCHEMA, od.RECORD_SCHEMA,
                *(f.atom for f in FEEDS), *(f.rss for f in FEEDS), od.record_file(plan.public.records[0].index_no)):
        assert site / rel in targets, rel
    size = (site / od.CATALOGUE_JSON).stat().st_size
    assert f"{size / 1024:.1f} KB" in html
    fields = re.findall(r'<dt>([^<]+) <code>([a-z_]+)</code></dt>\s*<dd>([^<]+)</dd>', html)
    assert fields == [(f.label, f.key, f.help) for f in od.EXPORTED] + [
        (label, k, text) for k, label, text in od.EXTRA_COLUMNS]
    # Linked from every page's footer.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert site / "data/index.html" in {resolve(site, "", h) for h in links_of(home)}


# -- rebuilds -------------------------------------------------------------------------

def test_a_serve_rebuild_updates_the_open_data_and_feeds(tmp_path):
    """``mkdocs serve``: a changed record is changed in data/ and feeds/, a deleted one leaves them."""
    from .test_incremental import INTERPRETATION, copy_project, serve_build

    config = copy_project(tmp_path / "project")
    site = tmp_path / "serve-site"
    serve_build(config, site, first=True)
    source = config.parent / INTERPRETATION
    index_no = "015200371/2024-00007"
    own = site / od.record_file(index_no)
    assert own.is_file()
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: 修订后的", 1), encoding="utf-8")
    serve_build(config, site)
    rows = {r["index_no"]: r for r in _json(site, od.CATALOGUE_JSON)["records"]}
    assert rows[index_no]["title"].startswith("修订后的")
    assert json.loads(own.read_bytes())["title"].startswith("修订后的")
    assert "修订后的" in (site / od.CATALOGUE_CSV).read_bytes().decode("utf-8-sig")
    assert "修订后的" in (site / "feeds/interpretations.atom.xml").read_text(encoding="utf-8")
    source.unlink()
    serve_build(config, site)
    assert not own.exists()
    assert index_no not in {r["index_no"] for r in _json(site, od.CATALOGUE_JSON)["records"]}
    assert index_no not in (site / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert index_no.replace("/", "_") not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_open_data_page_is_rendered_again_when_a_file_size_changes(tmp_path, caplog):
    """The page shows the files' sizes: they are in its view, hence in its cache key."""
    import logging

    from .test_incremental import INTERPRETATION, copy_project

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.catalogue")
    config = copy_project(tmp_path / "project")
    first = build_site(config, site_dir=tmp_path / "one", as_of=AS_OF)
    before = (first / "data/index.html").read_text(encoding="utf-8")
    source = config.parent / INTERPRETATION
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: 修订后的较长标题", 1),
                      encoding="utf-8")
    second = build_site(config, site_dir=tmp_path / "two", as_of=AS_OF)  # same cache directory
    after = (second / "data/index.html").read_text(encoding="utf-8")
    size = (second / od.CATALOGUE_JSON).stat().st_size
    assert f"{size / 1024:.1f} KB" in after and after != before


def _with_cache(tmp_path):
    """The sample's configuration with a cache directory, and a body renderer class counting its calls."""
    from dataclasses import replace

    from build_tools.body_html import BodyRenderer

    config, _ = load_config(ROOT / "mkdocs.yml")

    class Counting(BodyRenderer):
        calls = 0

        def __call__(self, text):
            Counting.calls += 1
            return super().__call__(text)

    return replace(config, cache_dir=tmp_path / "cache", workers=1), Counting


def test_body_html_is_rendered_once_then_taken_from_the_memo_or_the_cache(tmp_path):
    from build_tools.body_html import SITE_EXTENSIONS
    from build_tools.site_plan import SiteMemo

    config, Counting = _with_cache(tmp_path)
    memo = SiteMemo()
    first = plan_site(config, AS_OF, memo, site_url=SITE_URL, render_body=Counting())
    n = Counting.calls
    assert n == len({p.body for p in first.pages if p.template == "record.html"})
    plan_site(config, AS_OF, memo, site_url=SITE_URL, render_body=Counting())  # serve: the memo
    plan_site(config, AS_OF, SiteMemo(), site_url=SITE_URL, render_body=Counting())  # a new process: the cache
    assert Counting.calls == n
    other = Counting((*SITE_EXTENSIONS, "footnotes"))  # another renderer: rendered anew
    again = plan_site(config, AS_OF, memo, site_url=SITE_URL, render_body=other)
    assert Counting.calls == 2 * n
    assert [bytes_of(f.content) for f in again.generated] == [bytes_of(f.content) for f in first.generated]  # same HTML


def _reachable(root) -> list:
    """The objects ``root`` holds, directly or not (modules, their globals and classes left out: shared code)."""
    import gc
    import sys
    import types

    shared = {id(m.__dict__) for m in list(sys.modules.values()) if m is not None}
    seen, found, todo = set(), [], [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or id(obj) in shared or isinstance(obj, (types.ModuleType, type)):
            continue
        seen.add(id(obj))
        found.append(obj)
        todo.extend(gc.get_referents(obj))
    return found


def _records_files(plan):
    return {f.dest: f.content for f in plan.generated if isinstance(f.content, MadeWhenWritten)}


@pytest.mark.parametrize("entries", ["whole", "pruned", "damaged"])
def test_a_one_off_build_reads_each_body_html_back_from_the_cache_rather_than_holding_it(tmp_path, entries):
    """The HTML is held for the next build of a server (the memo); a one-off build does not hold it (issue 19).

    A record's file is made when written, from the cache entry, or rendered
    again where another build pruned it or it is found damaged: the same
    bytes either way.
    """
    from dataclasses import replace

    from build_tools.site_plan import SiteMemo

    config, Counting = _with_cache(tmp_path)
    served = SiteMemo()
    plan_site(config, AS_OF, served, site_url=SITE_URL, render_body=Counting())  # fills the cache
    rendered = Counting.calls
    assert served.body_html and rendered == len(served.body_html)
    memo = SiteMemo(hold_body_html=False)
    plan = plan_site(config, AS_OF, memo, site_url=SITE_URL, render_body=Counting())
    assert Counting.calls == rendered and not memo.body_html  # all from the cache, none held
    files = _records_files(plan)
    assert len(files) > 40
    html = set(served.body_html.values())
    assert not [o for o in _reachable(plan) if type(o) is str and o in html]  # nothing in the plan holds them
    bodies = tmp_path / "cache" / "bodies"
    stored = [p for p in bodies.rglob("*") if p.is_file()]
    assert len(stored) == rendered
    whole = {dest: made.make() for dest, made in files.items()}
    assert Counting.calls == rendered
    for path in stored[::3]:
        if entries == "pruned":
            path.unlink()
        elif entries == "damaged":
            path.write_bytes(path.read_bytes()[:-1] + b"!")
    assert {dest: made.make() for dest, made in files.items()} == whole
    assert (Counting.calls == rendered) is (entries == "whole")  # rendered again only what the cache lost
    fresh = plan_site(replace(config, cache_dir=tmp_path / "other"), AS_OF, SiteMemo(), site_url=SITE_URL)
    assert {dest: made.make() for dest, made in _records_files(fresh).items()} == whole  # as a build holding them


def test_a_records_file_key_changes_whenever_its_bytes_do(tmp_path):
    """A build in place keeps a record's file made from the same key without making it (pages.write_made):
    so one key must never stand for two contents.  Attacked with what changes a file: the day (a
    status), the site's address, the Markdown extensions, an edited body and an edited title."""
    from dataclasses import replace

    from build_tools.body_html import SITE_EXTENSIONS, BodyRenderer
    from build_tools.site_plan import SiteMemo

    from .test_incremental import copy_project

    config, _ = load_config(ROOT / "mkdocs.yml")
    config = replace(config, cache_dir=tmp_path / "cache", workers=1)
    edited_yml = copy_project(tmp_path / "edited")
    edited, _ = load_config(edited_yml)
    edited = replace(edited, cache_dir=tmp_path / "cache", workers=1)
    source = next(p for p in (tmp_path / "edited" / "catalogue" / "policies").rglob("*.md"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n---\n", "\n---\n\n另起一段。\n", 1), encoding="utf-8")
    other = next(p for p in (tmp_path / "edited" / "catalogue" / "notices").rglob("*.md"))
    other.write_text(re.sub(r"^title: *(.*)$", r"title: \1（修订）", other.read_text(encoding="utf-8"), count=1,
                            flags=re.M), encoding="utf-8")
    variants = [
        (config, AS_OF, SITE_URL, None),
        (config, AS_OF, SITE_URL, None),  # the same build again: the same keys
        (config, dt.date(2031, 1, 1), SITE_URL, None),
        (config, AS_OF, "https://www.example.gov.cn/other/", None),
        (config, AS_OF, SITE_URL, BodyRenderer([e for e in SITE_EXTENSIONS if e != "tables"])),
        (edited, AS_OF, SITE_URL, None),
    ]
    by_key: dict[str, set[bytes]] = {}
    plans = []
    for conf, as_of, url, renderer in variants:
        plan = plan_site(conf, as_of, SiteMemo(), site_url=url, render_body=renderer)
        plans.append(_records_files(plan))
        for made in plans[-1].values():
            assert made.key
            by_key.setdefault(made.key, set()).add(made.make())
    assert all(len(contents) == 1 for contents in by_key.values())
    assert {d: m.key for d, m in plans[0].items()} == {d: m.key for d, m in plans[1].items()}
    for later in plans[2:]:  # each variant changes some files, and every changed file has a new key
        changed = [d for d in plans[0] if d in later and plans[0][d].make() != later[d].make()]
        assert changed and all(plans[0][d].key != later[d].key for d in changed)
    unchanged = [d for d in plans[0] if plans[0][d].make() == plans[-1][d].make()]
    assert unchanged and all(plans[0][d].key == plans[-1][d].key for d in unchanged)  # the fast path's use


def test_without_a_cache_directory_the_body_html_is_held_for_the_writer():
    from dataclasses import replace

    from build_tools.site_plan import SiteMemo

    config, _ = load_config(ROOT / "mkdocs.yml")
    memo = SiteMemo(hold_body_html=False)
    plan = plan_site(replace(config, cache_dir=None, workers=1), AS_OF, memo, site_url=SITE_URL)
    files = _records_files(plan)
    assert not memo.body_html and len(files) > 40
    held = plan_site(replace(config, cache_dir=None, workers=1), AS_OF, SiteMemo(), site_url=SITE_URL)
    assert {dest: made.make() for dest, made in files.items()} == \
        {dest: made.make() for dest, made in _records_files(held).items()}


# -- the body renderer the plugin hands the core --------------------------------

_TRICKY = ["纯文本一段。\n\n第二段，没有任何标记。", "含 **加粗**、*强调*、`代码` 和 [链接](../x/) 的段落。",
           "脚注[^1]。\n\n[^1]: 注释 &amp; <b>标签</b>", "行尾两个空格  \n换行", "!!! note \"注意\"\n    提示内容。",
           "| 表 | 头 |\n|---|---|\n| 甲 | 乙_丙_ |", "# 标题 {#anchor}\n\n文字 \\* 转义"]


def _site_renderers():
    from mkdocs.config import load_config as load_mkdocs_config

    from build_tools.body_html import BodyRenderer
    from build_tools.mkdocs_plugin.exports import body_renderer

    mkdocs_config = load_mkdocs_config(str(ROOT / "mkdocs.yml"))
    return body_renderer(mkdocs_config), BodyRenderer(mkdocs_config.markdown_extensions, mkdocs_config.mdx_configs)


def test_open_data_bodies_are_converted_with_the_pages_plain_text_skip(plan):
    """Markdown done as the pages do it (issue 19): the skip is on, and the HTML is the plain renderer's."""
    fast, plain = _site_renderers()
    assert fast.skip is not None and "catalogue_plain_text" in fast._md.treeprocessors
    assert fast.identity == plain.identity  # same output, same cache keys
    bodies = [p.body for p in plan.pages if p.template == "record.html"] + _TRICKY
    assert len(bodies) > 40
    for body in bodies:
        assert fast(body) == plain(body), body[:80]
    assert fast.skip is not None  # never stepped aside on these


def test_a_skip_that_changes_a_body_is_caught_and_turned_off():
    from markdown.util import AtomicString

    fast, plain = _site_renderers()

    skip = fast.skip

    def mark_everything(root):  # a broken skip: would leave **加粗** unprocessed
        if not skip.enabled:
            return
        for element in root.iter():
            if element.text:
                element.text = AtomicString(element.text)

    skip.run = mark_everything
    text = "含 **加粗** 的段落。"
    assert fast(text) == plain(text)
    assert fast.skip is None and "catalogue_plain_text" not in fast._md.treeprocessors
    [notice] = fast.notices  # logged by the build with the pages' notices
    assert notice.speedup == "纯文本跳过（PlainTextSkip）" and "结果不同" in notice.reason
    assert fast(text) == plain(text)


def test_what_a_page_never_shows_reaches_neither_the_open_data_nor_the_search_index(tmp_path):
    """An editor's note in a comment (a whistle-blower's name and address), an unused link definition (an internal
    address, a staff name), a pasted <style>, <script> or <template>: hidden by the page, published in
    ``body_markdown`` and, for the elements, searchable with a snippet (a review).  A fence shows what it holds."""
    from tests.sitetools import output_bytes
    from tests.test_security import AGENCY, AS_OF, record_text, write_project
    body = ("正文第一段。\n\n<!-- 编辑备注：举报人李四COMMENTSECRET（住幸福路88号） -->\n\n"
            '[备用]: https://oa.example.internal/flow/8812 "经办人王五REFDEFSECRET"\n\n'
            "<style>/* 审核人：赵六STYLESECRET */</style>\n\n<script>var e = \"周九JSSECRET\";</script>\n\n"
            "<template><p>原稿：吴十TPLSECRET</p></template>\n\n见[规定][用]。\n\n[用]: https://www.gov.cn/\n\n"
            # a picture pasted inline: the page shows none; its bytes and metadata were in the open data (a review)
            "![身份证扫描件](data:image/png;base64,REFUQVVSSVNFQ1JFVA==)\n\n"
            '<img alt="照片" src="data:image/png;base64,REFUQUhUTUxTRUNSRVQ=">\n\n'
            '<p style="background-image:url(data:image/png;base64,U1RZTEVTRUNSRVRCWVRFUw==)">x</p>\n\n'
            '<img alt="图" srcset="data:image/png;base64,U1JDU0VUU0VDUkVUQllURVM= 2x">\n\n'
            '<img alt="扫描件" src="&#100;ata:image/png;base64,RU5USVRZU0VDUkVUQllURVM=">\n\n'
            "```\n<!-- 代码里的注释FENCEDSHOWN -->\n```\n")
    fields = {"index_no": f"{AGENCY}/2024-00150", "title": "关于某事的通知", "kind": "notice", "issuer": "测试厅",
              "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    write_project(tmp_path, {"a.md": record_text(fields, body)})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    record = json.loads((site / od.record_file(fields["index_no"])).read_text(encoding="utf-8"))
    assert "https://www.gov.cn/" in record["body_markdown"] and "FENCEDSHOWN" in record["body_markdown"]
    for path, data in output_bytes(site):
        text = data.decode("utf-8", "replace")
        for secret in ("COMMENTSECRET", "REFDEFSECRET", "STYLESECRET", "JSSECRET", "TPLSECRET", "oa.example.internal",
                       "REFUQVVSSVNFQ1JFVA", "REFUQUhUTUxTRUNSRVQ", "U1RZTEVTRUNSRVRCWVRFUw", "U1JDU0VUU0VDUkVUQllURVM",
                       "RU5USVRZU0VDUkVUQllURVM"):
            assert secret not in text, (secret, path)


@pytest.mark.parametrize("tag", ['<img src="&#100;ata:image/png;base64,RU5USVRZU0VDUkVUQllURVM=" alt="扫描件">',
                                 '<img src="&#x64;ata:image/png;base64,RU5USVRZU0VDUkVUQllURVM=">',
                                 # and in Markdown, which writes the address into the page as it stands (a review)
                                 "![扫描件](&#100;ata:image/png;base64,RU5USVRZU0VDUkVUQllURVM=)",
                                 '![扫描件](<&#x64;ata:image/png;base64,RU5USVRZU0VDUkVUQllURVM=> "身份证")'])
def test_a_data_address_written_with_references_leaves_the_open_datas_markdown(tag):
    """&#100;ata: is data: to a browser (and to nothing on the page, which keeps no data: address): the picture's
    bytes stayed in body_markdown (a review of the data: fix).  A link elsewhere keeps its references."""
    from build_tools.body_html import shown_markdown
    kept = shown_markdown(f"正文。\n\n{tag}\n\n<a href=\"x?a=1&amp;b=2\">链接</a>\n")
    assert "RU5USVRZU0VDUkVUQllURVM" not in kept and '<a href="x?a=1&amp;b=2">' in kept, kept


def test_the_open_datas_markdown_keeps_what_it_must_and_nothing_a_comment_hides():
    """A comment holding a fence hid the fence on the page and kept it in body_markdown; reading every reference of
    a tag with a data: address made a title's &quot; close it and start an event handler (a review)."""
    from build_tools.body_html import shown_markdown
    hidden = shown_markdown("正文。\n\n<!-- 编者注：\n```\n内部依据FENCESECRET\n```\n-->\n\n```\n<!-- 代码里SHOWN -->\n```\n")
    assert "FENCESECRET" not in hidden and "SHOWN" in hidden, hidden
    tag = '<img src="&#100;ata:image/png;base64,QUJDREVGR0hJSktMTU5PUFFSU1RVVg==" title="&quot; onerror=&quot;x" alt="a">'
    kept = shown_markdown(f"正文。\n\n{tag}\n")
    assert '<img src="" title="&quot; onerror=&quot;x" alt="a">' in kept, kept


@pytest.mark.parametrize("body, shown", [
    ('1. 网站名称：\n\n        <meta name="SiteName" content="CODESHOWN">\n\n请照办。\n', True),
    ('- 甲\n\n\t\t<meta name="SiteName" content="CODESHOWN">\n', True),
    ('> 写法：\n>\n>     <meta name="SiteName" content="CODESHOWN">\n\n请照办。\n', True),
    ('!!! note "写法"\n\n        <meta name="SiteName" content="CODESHOWN">\n\n请照办。\n', True),
    # a list item's paragraph, a raw HTML block, a quotation's lazy line: no code, the page drops the tag
    ('1. 事项：\n\n    <input type="hidden" value="经办人DROPPEDMARK"> 正文\n\n请照办。\n', False),
    ('<div>\n    <input type="hidden" value="经办人DROPPEDMARK">\n</div>\n\n请照办。\n', False),
    ('> 引文\n    <input type="hidden" value="经办人DROPPEDMARK">\n\n请照办。\n', False)])
def test_a_tag_shown_as_code_in_a_list_item_or_a_quotation_stays_in_the_open_data(body, shown):
    """A notice on website standards shows the <meta> tags to write as code under its numbered item: the open data's
    body_markdown had the lines emptied, as hidden markup (a review).  Code the page shows stays as written; a tag
    the page drops outside code still goes."""
    from build_tools.body_html import SITE_EXTENSIONS, BodyRenderer, shown_markdown
    kept = shown_markdown(body)
    assert ("CODESHOWN" in kept) is shown and "DROPPEDMARK" not in kept, kept
    page = BodyRenderer((*SITE_EXTENSIONS, "sane_lists", "admonition"))(body)  # the sample site's
    assert ("CODESHOWN" in page) is shown and "DROPPEDMARK" not in page, page


@pytest.mark.parametrize("written, shown", [
    ("应符合<GB1589-2016>的规定", "应符合&lt;GB1589-2016&gt;的规定"),
    ("按照<JT/T 489—2019>执行", "按照&lt;JT/T 489—2019&gt;执行"),
    ("见<span>强调</span>和<o:p></o:p>", "见<span>强调</span>和"), ("代码 `<GB1589>` 中", "代码 <code>&lt;GB1589&gt;</code> 中"),
    # an autolink, a CMS's own element (closed in the text), ruby (a review of the first reading)
    ("邮箱<jtt@jiangchuan.gov.cn>",
     '邮箱<a href="mailto:jtt@jiangchuan.gov.cn" rel="noopener noreferrer">jtt@jiangchuan.gov.cn</a>'),
    ("<ucapcontent>正文</ucapcontent>", "正文"),
])
def test_a_bracketed_name_that_is_no_element_is_shown_as_written(written, shown):
    """A standard's number in angle brackets was taken for a tag and dropped with its text by the sanitiser: the
    page said 应符合的规定 (a review).  An HTML element, Word's markup and code keep their reading."""
    from build_tools.body_html import BodyRenderer, literal_brackets
    assert BodyRenderer()(written) == f"<p>{shown}</p>"
    assert literal_brackets(literal_brackets(written)) == literal_brackets(written)


def test_a_footnotes_back_link_is_titled_in_chinese_with_the_sites_configuration():
    """Python-Markdown titles the back link "Jump back to footnote 1 in the text": English on a Chinese page, read by
    a Chinese screen reader (a review).  The sample configuration gives it a Chinese title."""
    from mkdocs.config import load_config

    from build_tools.body_html import BodyRenderer
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    html = BodyRenderer(config.markdown_extensions, config.mdx_configs)("正文[^1]。\n\n[^1]: 注释。")
    assert 'title="返回正文中第 1 个注释处"' in html and "Jump back" not in html


def test_a_page_that_turned_expired_or_repealed_is_dated_the_day_it_turned(tmp_path):
    """A page showing 已失效 since the day after its 有效期至 kept the sitemap's and the feeds' older date; so did one
    whose repeal took effect after the repealing record was published (a review)."""
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    lapsed = cat.add("policy", "2024-03-05", doc_type="行政规范性文件", expires="2026-06-30")
    old = cat.add("policy", "2020-03-05", doc_type="行政规范性文件", validity="已废止")
    cat.add("policy", "2026-05-10", doc_type="行政规范性文件", repeals=[old.index_no], effective="2026-07-01")
    from build_tools.config import options_to_config
    config, _ = options_to_config({}, base_dir=cat.root)
    plan = plan_site(config, dt.date(2026, 12, 1))
    days = {r.index_no: record_updated(r, plan.public) for r in plan.public.records}
    assert days[lapsed.index_no] == dt.date(2026, 7, 1) and days[old.index_no] == dt.date(2026, 7, 1)


def test_words_bullets_are_shown_as_bullets_and_other_private_use_characters_are_said(tmp_path):
    """Word's list bullets come as private-use characters (U+F0B7 …): each item began with an empty box on the page
    and the check passed (a review).  The page shows Word's known bullets as the bullets they are; any other such
    character is said."""
    from tests.test_security import AGENCY, AS_OF, record_text, write_project
    fields = {"index_no": f"{AGENCY}/2024-00160", "title": "关于某事的通知", "kind": "notice", "issuer": "测试厅",
              "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    write_project(tmp_path, {"a.md": record_text(fields, "要求如下：\n\n\uf0b7\t第一项\n\n\uf06c\t第二项\n\n符号\uf0f0。\n")})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    page = next((site / "records").glob("*/index.html")).read_text(encoding="utf-8")
    assert "第一项" in page, page[page.find("要求"):page.find("要求") + 300]
    assert "•" in page and "●" in page and "\uf0b7" not in page
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    config, _ = load_config(tmp_path / "mkdocs.yml")
    said = [p.message for p in check_catalogue(config, AS_OF).problems if p.code == "body-pasted-markup"]
    assert len(said) == 1 and "U+F0F0" in said[0]


def _one_notice_site(tmp_path, serial: int, body: str) -> Path:
    """A project of one public notice with ``body``, built; returns the site."""
    from tests.test_security import AGENCY, AS_OF, record_text, write_project
    fields = {"index_no": f"{AGENCY}/2024-{serial:05d}", "title": "关于某事的通知", "kind": "notice", "issuer": "测试厅",
              "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    write_project(tmp_path, {"a.md": record_text(fields, body)})
    return build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)


def test_words_list_marks_pasted_into_a_body_go_and_the_numbers_they_hold_stay(tmp_path):
    """<![if !supportLists]>1.<![endif]> (Word's 另存为网页, pasted by hand) was shown on the page as written (a review)."""
    body = "要求如下：\n\n<![if !supportLists]>1.<![endif]>加强组织领导。\n\n<![if !supportLists]>2.<![endif]>强化督查。\n"
    site = _one_notice_site(tmp_path, 161, body)
    page = next((site / "records").glob("*/index.html")).read_text(encoding="utf-8")
    assert "1.加强组织领导。" in page and "2.强化督查。" in page and "supportLists" not in page
    data = next((site / "data" / "records").glob("*.json")).read_text(encoding="utf-8")
    assert "supportLists" not in data and "1.加强组织领导" in data


def test_an_ordered_list_keeps_its_first_number_with_the_sites_configuration():
    """Items 3. and 4. after a paragraph were published as 1. and 2. while the text said 第3项 (a review): the sample
    configuration's sane_lists keeps a list's first number, and the pages' fast path still stands in for it."""
    from mkdocs.config import load_config

    from build_tools.body_html import BodyRenderer
    from build_tools.mkdocs_plugin.plain_bodies import ALSO_KNOWN
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    html = BodyRenderer(config.markdown_extensions, config.mdx_configs)("前两项略。\n\n3. 第三项\n4. 第四项\n")
    assert '<ol start="3">' in html
    assert "sane_lists" in config.markdown_extensions and "olist" in ALSO_KNOWN["blockprocessors"]



@pytest.mark.parametrize("case", ["amended-before", "repealer-not-public"])
def test_a_repeal_ahead_shows_in_force_whatever_else_changed_the_record(tmp_path, case):
    """Written 已废止 ahead of its repeal: an amendment already in force made the page say 已废止 (its day was taken
    for the repeal's), and so did a repealing record not yet published (only public ones were looked at), while the
    annual report counted it in force (a review)."""
    from build_tools.config import options_to_config
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2020-03-05", doc_type="行政规范性文件", validity="已废止")
    if case == "amended-before":
        cat.add("policy", "2025-03-01", doc_type="行政规范性文件", amends=[old.index_no], effective="2025-04-01")
        cat.add("policy", "2026-11-10", doc_type="行政规范性文件", repeals=[old.index_no], effective="2027-01-01")
    else:
        cat.add("policy", "2026-12-10", doc_type="行政规范性文件", repeals=[old.index_no], effective="2027-01-01")
    config, _ = options_to_config({}, base_dir=cat.root)
    plan = plan_site(config, dt.date(2026, 12, 1))
    record = plan.public.get(old.index_no)
    # amended before, repealed ahead: as amended until its repeal (a later review: 现行有效 hid the amendment)
    shown = "已修改" if case == "amended-before" else "现行有效"
    assert plan.public.status(record).label == shown
    page = next(p for p in plan.site.records if p.record.index_no == old.index_no)
    assert ("有效性", shown) in [(r.label, r.value) for r in page.rows]
    assert page.banner is None or "将自" in page.banner.text or "按修改后的规定执行" in page.banner.text
    assert plan_site(config, dt.date(2027, 1, 1)).public.status(record).label == "已废止"


@pytest.mark.parametrize("validity, link", [("已修改", "amends"), ("部分失效", "repeals"), ("部分失效", "amends")])
def test_a_change_ahead_by_a_record_not_public_yet_shows_in_force_until_its_day(tmp_path, validity, link):
    """Marked 已修改 in the commit that scheduled the amending decision: the page said 请以修改后的规定为准 before the
    decision was public, then 现行有效 once it was, then 已修改 again (a review).  In force as it stands until the
    day the change takes effect, whether the changing record is public yet or not."""
    from build_tools.config import options_to_config
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2020-03-05", doc_type="行政规范性文件", validity=validity)
    cat.add("policy", "2026-12-10", doc_type="行政规范性文件", effective="2027-01-01", **{link: [old.index_no]})
    config, _ = options_to_config({}, base_dir=cat.root)
    for day, shown in (("2026-12-01", "现行有效"), ("2026-12-15", "现行有效"), ("2027-01-01", validity)):
        plan = plan_site(config, dt.date.fromisoformat(day))
        assert plan.public.status(plan.public.get(old.index_no)).label == shown, day
        page = next(p for p in plan.site.records if p.record.index_no == old.index_no)
        # no undated 已修改 / 部分失效 banner beside 现行有效 while the change is ahead (a review)
        assert page.banner is None or "将" in page.banner.text or shown != "现行有效", (day, page.banner)


@pytest.mark.parametrize("validity, link", [("已修改", "amends"), ("已废止", "repeals")])
def test_a_change_by_a_record_never_public_dates_the_page(tmp_path, validity, link):
    """Changed by a withheld record: the status shown changes on its day, and the sitemap and the open data's
    updated kept the older day (a review)."""
    from build_tools.config import options_to_config
    from build_tools.site_plan import record_updated
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2020-03-05", validity=validity)
    cat.add("policy", "2026-03-01", effective="2026-04-01", disclosure="依申请公开", withheld_reason="条例第十六条第二款，过程性信息",
            **{link: [old.index_no]})
    config, _ = options_to_config({}, base_dir=cat.root)
    public = plan_site(config, dt.date(2026, 6, 1)).public
    record = public.get(old.index_no)
    assert public.status(record).label == validity
    assert record_updated(record, public) == dt.date(2026, 4, 1)


def test_a_repeal_left_unmarked_is_told_ahead_and_the_site_shows_what_the_office_wrote(tmp_path):
    """A record left 现行有效 when its repeal took effect failed the check on that day alone, with no word before (a
    review): it is told from the day the repealing record is in the catalogue.  The site shows what the office wrote
    and the error stays one the nightly run does not publish through: a 已废止 taken from the link alone had shown a
    regulation repealed by a mistyped repeals:, or by a decision repealing one article (a review of that try)."""
    from build_tools.config import options_to_config
    from build_tools.diagnostics import MISSED_DEADLINES
    from build_tools.pipeline import check_catalogue
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2020-03-05")
    cat.add("policy", "2026-11-10", effective="2026-12-01", repeals=[old.index_no])
    config, _ = options_to_config({}, base_dir=cat.root)
    for day, codes in (("2026-11-10", {"repeal-ahead-unmarked"}), ("2026-11-30", {"repeal-ahead-unmarked"}),
                       ("2026-12-01", {"validity-conflict"})):
        as_of = dt.date.fromisoformat(day)
        plan = plan_site(config, as_of)
        assert plan.public.status(plan.public.get(old.index_no)).label == "现行有效", day
        assert {p.code for p in check_catalogue(config, as_of).problems} == codes, day
    assert "validity-conflict" not in MISSED_DEADLINES


def test_a_record_that_lapsed_before_its_repeal_took_effect_stays_lapsed(tmp_path):
    """Its 有效期至 passed first: 已失效 from the day after, as before the repeal's day was looked at."""
    from build_tools.config import options_to_config
    from tests.test_compliance import Cat
    cat = Cat(tmp_path)
    old = cat.add("policy", "2020-03-05", expires="2026-10-31")
    cat.add("policy", "2026-11-10", effective="2026-12-01", repeals=[old.index_no])
    config, _ = options_to_config({}, base_dir=cat.root)
    public = plan_site(config, dt.date(2026, 12, 2)).public
    assert public.status(public.get(old.index_no)).label == "已失效"


def test_text_the_pasted_markup_hides_is_on_no_page_in_no_export_and_in_no_index(tmp_path):
    """Word's hidden text and comments, a CMS's hidden 经办人: shown on the page once the sanitiser dropped the style,
    kept in the open data and indexed (a review).  The site shows the paste as the browser did."""
    from tests.sitetools import all_text
    body = ("现将有关情况通报如下。<span style='display:none;mso-hide:all'>内部意见HIDDENMARK1</span>\n\n"
            '<div style="display:none"><div class="clear"></div>经办人HIDDENMARK2</div>\n\n'
            "<div style='mso-element:comment-list'><div class=msocomtxt><p class=MsoCommentText>批注HIDDENMARK3</p>"
            "</div></div>\n\n特此通报。\n")
    site = _one_notice_site(tmp_path, 162, body)
    texts = list(all_text(site))
    assert any("特此通报" in text for _, text in texts)
    assert not [path for path, text in texts if "HIDDENMARK" in text]


def test_what_pasted_markup_holds_and_the_page_drops_is_in_no_export(tmp_path):
    """A CMS page's hidden <input value="经办人…">, a <meta content="…">, a data-reviewer="审核人…": the sanitiser
    took them off the page, and the open data's body_markdown published them (a review).  What the page keeps of a
    tag (a class, a tooltip, an anchor's name) stays."""
    from tests.sitetools import all_text
    body = ('正文第一段。\n\n<input type="hidden" name="operator" value="经办人DROPPEDMARK1">\n\n'
            '<meta name="author" content="经办人DROPPEDMARK2">\n\n'
            '<p data-reviewer="审核人DROPPEDMARK3" class="MsoNormal" title="说明KEPTTITLE"><a name="_ftn1">正文第二段。</a></p>\n\n'
            '<p style="display:none">经办人HIDDENMARK4</p>\n\n代码 `<p data-x="CODESHOWN">` 照录。\n')
    site = _one_notice_site(tmp_path, 164, body)
    assert not [path for path, text in all_text(site) if "DROPPEDMARK" in text or "HIDDENMARK" in text]
    [data] = (site / "data" / "records").glob("*.json")
    markdown = json.loads(data.read_text(encoding="utf-8"))["body_markdown"]
    assert '<p class="MsoNormal" title="说明KEPTTITLE"><a name="_ftn1">正文第二段。</a></p>' in markdown, markdown
    assert '`<p data-x="CODESHOWN">`' in markdown and "正文第一段。" in markdown


def test_a_notice_pasted_line_by_line_gets_its_closing_set_on_the_page(tmp_path):
    """Parted from the last sentence after the closing was looked for, the agency and date stayed on the left, on one
    line (a review: the unit test ran the two steps in the other order)."""
    body = "各市（州）交通运输局：\n现将有关事项通知如下。\n一、检查内容\n重点检查路况。\n请各地按时报送。\n江川省交通运输厅\n2026年3月1日\n"
    site = _one_notice_site(tmp_path, 163, body)
    page = next((site / "records").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<p class="cat-gw-signer">江川省交通运输厅</p><p class="cat-gw-date">2026年3月1日</p>' in page
    assert "<p>一、检查内容</p>" in page and "<p>各市（州）交通运输局：</p>" in page


def test_words_manual_line_break_is_a_line_break_and_other_controls_are_dropped_and_said(tmp_path):
    """Word's manual line break comes as U+000B, its page break as U+000C: the page carried them and Chromium drew
    boxes, with a clean check, though the same characters in the metadata are errors (a review).  The page shows a
    line break (and nothing for the page break); check says where the character is."""
    from tests.test_security import AGENCY, AS_OF, record_text, write_project
    fields = {"index_no": f"{AGENCY}/2024-00161", "title": "关于某事的通知", "kind": "notice", "issuer": "测试厅",
              "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    write_project(tmp_path, {"a.md": record_text(fields, "现予以公布。\x0b联系人：张三。\n\n江川省交通运输厅\n\x0c\n附件\n")})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    page = next((site / "records").glob("*/index.html")).read_text(encoding="utf-8")
    assert "现予以公布。<br>联系人" in page or "现予以公布。<br />联系人" in page, page[page.find("现予"):page.find("现予") + 200]
    assert "\x0b" not in page and "\x0c" not in page
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    config, _ = load_config(tmp_path / "mkdocs.yml")
    said = [p for p in check_catalogue(config, AS_OF).problems if p.code == "body-pasted-markup"]
    assert len(said) == 1 and "垂直制表符" in said[0].message and "U+000B" in said[0].message, said
