"""Smoke run of the build benchmark (benchmarks/bench_build.py) on 100 records, so it cannot rot.

The benchmark itself (1,000 records and up) is not part of the suite; this
runs the whole script once, small, and checks its output has the promised
shape: one parseable line per build, the ratio line, both sites on disk.
"""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("material")
pytest.importorskip("jieba")

from benchmarks import bench_build  # noqa: E402

MEASUREMENT = re.compile(
    r"^profile=(?P<profile>generated|long) records=(?P<records>\d+) site=(?P<site>ours|stock) "
    r"run=(?P<run>clean|rebuild|cached) wall=(?P<wall>[\d.]+)s cpu=(?P<cpu>[\d.]+)s peak_rss=(?P<peak_rss>[\d.]+)MB peak_pss=(?P<peak_pss>[\d.]+)MB site_size=(?P<site_size>[\d.]+)MB "
    r"index=(?P<index>[\d.]+)MB pages=(?P<pages>\d+)(?: jieba=(?P<jieba>yes|NO))?$")
RATIO = re.compile(
    r"^profile=(?P<profile>generated|long) records=(?P<records>\d+) ratio stock/ours: wall=(?P<wall>[\d.]+)x "
    r"cpu=(?P<cpu>[\d.]+)x peak_rss=(?P<peak_rss>[\d.]+)x "
    r"peak_pss=(?P<peak_pss>[\d.]+)x "
    r"site_size=(?P<site_size>[\d.]+)x index=(?P<index>[\d.]+)x "
    r"index/text=(?P<index_text>[\d.]+)x index/pagefind=(?P<index_pagefind>[\d.]+)x$")
SEARCH = re.compile(
    r"^profile=(?P<profile>generated|long) records=(?P<records>\d+) search: text=(?P<text>[\d.]+)MB "
    r"index=(?P<index>[\d.]+)MB pagefind=(?P<pagefind>[\d.]+)MB pagefind_wall=(?P<pagefind_wall>[\d.]+)s "
    r"index/text=[\d.]+x index/pagefind=[\d.]+x$")
FIGURES = ("wall", "cpu", "peak_rss", "peak_pss", "site_size", "index")
PROFILES = ("generated", "long")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """One benchmark run at 100 records, sites kept: (stdout lines, work dir, JSON results)."""
    work = tmp_path_factory.mktemp("bench_build")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = bench_build.main(["--records", "100", "--profile", "generated", "long", "--work", str(work), "--keep",
                                   "--json", str(work / "results.json")])
    assert status == 0
    return out.getvalue().splitlines(), work, json.loads((work / "results.json").read_text(encoding="utf-8"))


def test_one_parseable_line_per_build(smoke):
    lines, _, _ = smoke
    found = {(m["profile"], m["site"], m["run"]): m.groupdict() for m in map(MEASUREMENT.match, lines) if m}
    assert set(found) == {(p, site, run) for p in PROFILES
                          for site, run in (("ours", "clean"), ("ours", "rebuild"), ("ours", "cached"), ("stock", "clean"))}
    for figures in found.values():
        assert figures["records"] == "100"
        assert all(float(figures[f]) > 0 for f in FIGURES), figures
        assert int(figures["pages"]) > 100  # a page per published record, plus the home page
    assert all(found[(p, "stock", "clean")]["jieba"] == "yes" for p in PROFILES)  # Material's search really segmented with jieba


def test_ratio_line(smoke):
    lines, _, _ = smoke
    ratios = [m.groupdict() for m in map(RATIO.match, lines) if m]
    assert [(r["profile"], r["records"]) for r in ratios] == [("generated", "100"), ("long", "100")]
    assert all(float(r[f]) > 0 for r in ratios for f in (*FIGURES, "index_text", "index_pagefind"))


def test_search_lines_weigh_the_index(smoke):
    """Indexed text from the core, Pagefind run on the stock site; the long profile indexes far more text."""
    lines, work, results = smoke
    found = {m["profile"]: m.groupdict() for m in map(SEARCH.match, lines) if m}
    assert set(found) == set(PROFILES)
    assert all(float(found[p][f]) > 0 for p in PROFILES for f in ("text", "index", "pagefind", "pagefind_wall"))
    assert float(found["long"]["text"]) > 5 * float(found["generated"]["text"])
    assert (work / "long-100" / "pagefind" / "pagefind.js").is_file()
    assert [(z["profile"], z["records"]) for z in results["search"]] == [("generated", 100), ("long", 100)]


def test_both_sites_exist_with_pages(smoke):
    _, work, _ = smoke
    ours, stock = work / "generated-100" / "site-ours", work / "generated-100" / "site-stock"
    assert (ours / "index.html").is_file() and (stock / "index.html").is_file()
    assert len(list((ours / "records").rglob("index.html"))) >= 90
    assert len(list((stock / "records").rglob("index.html"))) >= 90
    assert (stock / "search" / "search_index.json").stat().st_size > 0
    assert any(p.is_file() for p in (ours / "search").rglob("*") if p.name != "index.html")


def test_stock_pages_hold_the_published_records_only(smoke):
    _, work, _ = smoke
    pages = list((work / "generated-100" / "stock" / "docs" / "records").glob("*.md"))
    withheld = sum(1 for p in (work / "generated-100" / "catalogue").rglob("*.md")
                   if re.search(r"^(disclosure|公开方式): (?!主动公开)", p.read_text(encoding="utf-8"), re.M))
    assert len(pages) == 100 - withheld
    text = pages[0].read_text(encoding="utf-8")
    assert text.startswith("# ") and "- 索引号：" in text and "- 发布日期：" in text


def test_json_has_every_figure_and_the_machine(smoke):
    _, _, results = smoke
    assert results["machine"] and results["as_of"] == "2026-11-23"
    assert [(m["profile"], m["site"], m["run"]) for m in results["measurements"]] == [
        (p, site, run) for p in PROFILES
        for site, run in (("ours", "clean"), ("ours", "rebuild"), ("ours", "cached"), ("stock", "clean"))]
    assert all(m[f] > 0 for m in results["measurements"] for f in FIGURES)
    assert set(results["ratios_stock_over_ours"]) == {"generated-100", "long-100"}
    assert set(results["ratios_stock_over_ours"]["long-100"]) == set(FIGURES)


def test_builds_keep_compiled_bytecode_as_installed_programs_do(monkeypatch):
    """A machine set not to write bytecode would make our builds compile the project each time, not stock's."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    assert "PYTHONDONTWRITEBYTECODE" not in bench_build.build_environment()
    bench_build.compile_project()
    compiled = list((bench_build.ROOT / "build_tools" / "search" / "__pycache__").glob("index.*.pyc"))
    assert compiled
