"""The budget pages and the 预决算 overview as built: real tables, inline charts, true CSV links.

Builds the sample site once (strict) and reads the HTML with the standard
library's parser: captions, header cells with scope, right-aligned numeric
cells, marked totals, the chart's SVG with its title and the table it
stands for, and every year of the catalogue on the overview.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import record_path
from tests.sitetools import links_of, resolve

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 12, 3)
BUDGET_2025 = "015200371/2025-00002"
FINAL_2024 = "015200371/2025-00006"


class Tables(HTMLParser):
    """Every <table class="cat-fiscal-table">: id, caption, header cells, rows of (tag, class, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._t = None
        self._cell = None
        self._in_caption = False
        self._row = None
        self._row_class = ""
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "cat-fiscal-table" in (a.get("class") or ""):
            self._t = {"id": a.get("id"), "caption": "", "head": [], "rows": []}
            self.tables.append(self._t)
        elif self._t is None:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row, self._row_class = [], a.get("class") or ""
        elif tag in ("th", "td"):
            self._cell = [tag, a.get("class") or "", a.get("scope"), ""]

    def handle_endtag(self, tag):
        if self._t is None:
            return
        if tag == "caption":
            self._in_caption = False
        elif tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(tuple(self._cell))
            self._cell = None
        elif tag == "tr":
            if self._in_head and any(c[2] == "colgroup" for c in self._row):
                self._t.setdefault("groups", []).append(self._row)
            elif self._in_head:
                self._t["head"] = self._row
            else:
                self._t["rows"].append((self._row_class, self._row))
        elif tag == "table":
            self._t = None

    def handle_data(self, data):
        if self._t is None:
            return
        if self._in_caption and self._cell is None:
            self._t["caption"] += data
        if self._cell is not None:
            self._cell[3] += data.strip()


def tables_of(html: str) -> dict[str, dict]:
    p = Tables()
    p.feed(html)
    return {t["id"]: t for t in p.tables}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("fiscal") / "site", as_of=AS_OF,
                      strict=True)


def page(site: Path, index_no: str) -> str:
    return (site / record_path(index_no) / "index.html").read_text(encoding="utf-8")


def test_budget_page_tables_are_real_tables(site):
    tables = tables_of(page(site, BUDGET_2025))
    assert {"fiscal-income", "fiscal-expense", "fiscal-functional", "fiscal-sangong", "fiscal-running"} <= set(tables)
    sangong = tables["fiscal-sangong"]
    assert sangong["caption"].startswith("“三公”经费") and "万元" in sangong["caption"]
    assert [c[3] for c in sangong["head"]] == ["项目", "2025年预算数", "2024年预算数", "增减额", "增减率"]
    assert all(c[0] == "th" and c[2] == "col" for c in sangong["head"])
    total_class, total = sangong["rows"][0]
    assert "cat-total" in total_class and total[0][0] == "th" and total[0][2] == "row"
    assert [c[3] for c in total] == ["合计", "149.75", "108.30", "+41.45", "+38.27%"]
    purchase = next(r for _, r in sangong["rows"] if r[0][3] == "公务用车购置费")
    assert [c[3] for c in purchase[1:]] == ["45.00", "0.00", "+45.00", "—"]  # no percent on a zero base
    assert "cat-level-2" in purchase[0][1]
    assert all("cat-num" in c[1] for _, r in sangong["rows"] for c in r[1:])


def test_final_account_page_has_the_counts(site):
    counts = tables_of(page(site, FINAL_2024))["fiscal-counts"]
    assert [(r[0][3], r[1][3], r[2][3]) for _, r in counts["rows"]] == [
        ("出国团组", "2", "个"), ("出国人次", "10", "人次"), ("车辆购置数", "0", "辆"), ("车辆保有量", "58", "辆"),
        ("接待批次", "176", "批次"), ("接待人次", "1604", "人次")]


def test_chart_is_inline_svg_with_a_title_and_its_table(site):
    html = page(site, BUDGET_2025)
    start = html.rindex("<svg ", 0, html.index('id="fiscal-sangong-chart"'))
    svg = html[start: html.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby")
    marks = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "-bar-" in (g.get("id") or "")]
    assert len(marks) == 8
    assert 'aria-describedby="fiscal-sangong"' in html and "<script" not in svg


def test_the_csv_tables_the_body_promises_exist_and_are_linked(site):
    html = page(site, FINAL_2024)
    base = record_path(FINAL_2024)
    csv_links = [h for h in links_of(html) if h.endswith(".csv")]
    assert csv_links
    target = resolve(site, base, csv_links[0])
    assert target is not None and target.is_file()
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "部门决算".encode() in data
    assert "公开表格" in html


def test_overview_page_shows_every_year_side_by_side_and_the_trend(site):
    html = (site / "lists/fiscal/overview/index.html").read_text(encoding="utf-8")
    years = tables_of(html)["fiscal-years"]
    assert [r[0][3] for _, r in years["rows"]] == ["2026年", "2025年", "2024年", "2023年", "2022年"]
    assert [c[3] for c in years["groups"][0] if c[2] == "colgroup"] == ["公开记录", "“三公”经费", "机关运行经费"]
    assert [c[3] for c in years["head"]] == ["年度", "预算", "决算", "预算数", "决算数", "执行率", "预算数", "决算数"]
    row_2025 = next(r for _, r in years["rows"] if r[0][3] == "2025年")
    assert [c[3] for c in row_2025[1:]] == ["部门预算", "部门决算", "149.75", "144.06", "96.20%", "1176.30", "1160.84"]
    assert html.count('class="cat-chart-svg"') == 2
    trend = tables_of(html)["fiscal-trend-final-account"]
    assert [r[0][3] for _, r in trend["rows"]] == ["2022年", "2023年", "2024年", "2025年"]
    # The navigation names it, and every record link on it resolves.
    assert "预决算总览" in (site / "index.html").read_text(encoding="utf-8")
    for href in links_of(html):
        if "records/" in href:
            assert resolve(site, "lists/fiscal/overview/", href).is_file(), href


def test_print_css_keeps_fiscal_tables_whole():
    css = (ROOT / "theme/assets/catalogue.css").read_text(encoding="utf-8")
    section = css[css.index("=== Budgets and final accounts"):css.index("=== end of budgets and final accounts")]
    assert "tabular-nums" in section and "@media print" in section and "break-inside: avoid" in section


def test_a_budget_published_without_figures_links_the_overview(tmp_path):
    """A 所属单位's budget filed without its figures had no 预决算数据 section and so no way back to the overview,
    which lists it (a review)."""
    import shutil

    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "catalogue/budgets/2026-00009-danwei-yusuan.md").write_text(
        "---\nindex_no: 015200371/2026-00009\ntitle: 江川省公路事业发展中心2026年部门预算公开\nkind: budget\n"
        "issuer: 江川省公路事业发展中心\ncategory: 财政、金融、审计/预算决算\nfiscal_year: 2026\napproved: 2026-02-05\n"
        "published: 2026-02-13\n---\n江川省公路事业发展中心2026年部门预算，详见附表。\n", encoding="utf-8")
    built = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    html = page(built, "015200371/2026-00009")
    assert "cat-fiscal-table" not in html
    for index_no in ("015200371/2026-00009", "015200371/2026-00002"):  # without figures, and with them
        text = page(built, index_no)
        links = text[text.index('<p class="cat-fiscal-links">'):]
        (overview,) = [h for h in links_of(links[:links.index("</p>")]) if "fiscal/overview" in h]
        assert resolve(built, record_path(index_no), overview).is_file()
