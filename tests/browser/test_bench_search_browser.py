"""Smoke run of the browser search benchmark (benchmarks/bench_search_browser.py) on the sample site, so it cannot rot.

The benchmark relies on a few things of the search page (its URL, ``?q=``,
the result items, the summary line, the ``search/data/`` prefix); when
they change this run fails (a query never "shows"), and the constants at
the top of the script need adapting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from benchmarks import bench_search_browser as bench
from build_tools.mkdocs_plugin.build import build_site

from .conftest import requires_chromium

pytestmark = requires_chromium

ROOT = Path(__file__).resolve().parent.parent.parent
AS_OF = dt.date(2026, 11, 23)
LINE = re.compile(r"^query=(?P<query>\S+) results=(?P<results>\d+) results_first_ms=\d+ "
                  r"index_requests=(?P<index_requests>\d+) index_bytes=(?P<index_bytes>\d+) index_in_flight=\d+ "
                  r"page_requests=(?P<page_requests>\d+) page_bytes=(?P<page_bytes>\d+) "
                  r"total_until_first=(?P<total>\d+)req/\d+B final_ms=\d+ final_index=\d+req/\d+B$")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("bench-site") / "site", as_of=AS_OF)


def test_default_queries_are_chosen_from_the_site_and_the_same_every_time(site):
    queries = bench.pick_queries(site)
    assert list(queries) == ["第一百二十条", "第一条", "行政处罚", "索引号", "发文字号", "两个字", "一个字", "无结果", "长句"]
    assert queries == bench.pick_queries(site)
    records = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))["records"]
    assert queries["索引号"] in {r["index_no"] for r in records}
    assert queries["发文字号"] in {r["doc_no"] for r in records}
    assert (len(queries["两个字"]), len(queries["一个字"])) == (2, 1)
    assert len(queries["长句"]) >= 20


def test_a_run_prints_a_line_per_query_and_writes_every_request(site, tmp_path):
    out = tmp_path / "figures.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert bench.main(["--site", str(site), "--runs", "1", "--timeout", "60", "--json", str(out),
                           "--query", "行政处罚", "--query", "量子纠缠望远镜"]) == 0
    lines = {m["query"]: m for m in map(LINE.match, printed.getvalue().splitlines()) if m}
    assert set(lines) == {"行政处罚", "量子纠缠望远镜"}
    assert int(lines["行政处罚"]["results"]) > 0 and int(lines["量子纠缠望远镜"]["results"]) == 0
    for m in lines.values():
        assert int(m["index_requests"]) > 0 and int(m["index_bytes"]) > 0 and int(m["page_bytes"]) > 0
        assert int(m["total"]) > int(m["index_requests"])  # and the page itself
    figures = json.loads(out.read_text(encoding="utf-8"))["queries"]
    run = figures["行政处罚"]["runs"][0]
    index = [r for r in run["requests"] if r["index"]]
    assert all("/search/data/" in r["url"] for r in index)
    assert sum(1 for r in index if r["url"].endswith("/meta.json")) == 1
    assert run["results_first_ms"] >= min(r["start_ms"] for r in index)
    assert "| 行政处罚 |" in printed.getvalue()


def test_a_result_item_selector_that_finds_nothing_stops_the_run(site, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "RESULT_ITEM", "#cat-search-results > .no-such-item")
    with pytest.raises(RuntimeError, match="adapt RESULT_ITEM"), contextlib.redirect_stdout(io.StringIO()):
        bench.main(["--site", str(site), "--runs", "1", "--timeout", "60", "--json", str(tmp_path / "f.json"),
                    "--query", "行政处罚"])
