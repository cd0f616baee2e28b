"""Browser benchmark "a first answer in few requests": what the search page fetches, cold, until its first results show.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_search_browser.py --site /tmp/site [--runs 3]
    .venv/bin/python benchmarks/bench_search_browser.py --catalogue /tmp/gen-1k [--runs 3]

``--site`` takes a built site; ``--catalogue DIR`` first builds DIR's own
``mkdocs.yml`` (``catalogue build --config DIR/mkdocs.yml``) into
``--site-dir``.  The site is served on 127.0.0.1 under ``/xxgk/`` (the
path of site_url, tests/browser/site_server.py), with no compression: the
bytes reported are the response bodies as sent, uncompressed.

For each query, ``--runs`` times, in a fresh browser context (empty HTTP
cache, service workers blocked), it opens the search page with the query
in its URL (``search/?q=…``, as the search form sends it) and records every
request the page makes: URL, status, start and end (ms from the start of
navigation) and body bytes.  It splits them into

- **page**: everything not under ``search/data/`` that started before the
  ``load`` event (HTML, CSS, JS, icons);
- **index**: everything under ``search/data/`` (the index files the query
  reads).

"First results shown" is the moment the first result item is in the DOM
and visible (a MutationObserver installed before any page script stamps
``performance.now()``); for a query without results it is the moment the
page says so.  Index figures count the requests *started* before that
moment (what the page had asked for by then, even if a response was still
arriving).  The moment the exact total is final (the summary line says
``找到 N 条`` / ``共 N 条`` / ``没有找到``) and the figures until then are
recorded too.  Each figure is the median of the runs; one untimed run
first warms the server's file cache.

Queries (deterministic for a site, see :func:`pick_queries`): 第一百二十条,
第一条, 行政处罚, an 索引号 and a 发文字号 from ``data/catalogue.json``, the
commonest two-character and one-character strings of the titles, a string
found in no record, and a long phrase copied from a record body
(``data/records/*.json``).  ``--query Q`` (repeatable) replaces them.

It prints one line per query and a Markdown table, and writes JSON
(``--json``).  Needs /usr/bin/chromium and the playwright package (dev
extras).  Everything that depends on the search page's markup is in the
constants below.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# -- what the benchmark relies on in the site's markup (adapt here when it changes) ---------------

#: The search page, relative to the site root (the search form's action).
SEARCH_PAGE = "search/"
#: The URL parameter carrying the query (the search form's input name).
QUERY_PARAM = "q"
#: A result item of the results list on the search page.
RESULT_ITEM = "#cat-search-results > li"
#: The line that tells the number of results.
SUMMARY = "#cat-search-summary"
#: The summary once the exact total is known (group 1, the total; no group: no results).
FINAL_TOTAL = r"(?:找到|共)\s*([0-9,]+)\s*条|没有找到"
#: Every index file lives under this path, relative to the site root.
INDEX_PREFIX = "search/data/"

SITE_PATH = "/xxgk/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FIXED_QUERIES = ("第一百二十条", "第一条", "行政处罚")
#: Candidates for a query with no results: the first found in no record is used.
ABSENT_CANDIDATES = ("量子纠缠望远镜", "火星基地建设规划", "深海潜航器牌照", "星际航道管理")
HAN = re.compile(r"[\u3400-\u9fff]")

#: Installed in every page before its scripts: stamps when the first result shows and when the total is final.
_OBSERVER = """
(() => {
  const S = window.__qbench = {first: null, items: 0, final: null, summary: null, load: null};
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(100000);
  const ITEM = %(item)s, SUMMARY = %(summary)s, FINAL = new RegExp(%(final)s);
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== "hidden";
  const check = () => {
    const now = performance.now();
    if (S.first === null) {
      const items = document.querySelectorAll(ITEM);
      for (const e of items) if (visible(e)) { S.first = now; S.items = items.length; break; }
    }
    if (S.final === null) {
      const s = document.querySelector(SUMMARY);
      if (s && visible(s) && FINAL.test(s.textContent)) { S.final = now; S.summary = s.textContent.trim(); }
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true,
                                                 attributes: true});
  addEventListener("load", () => { S.load = performance.now(); });
})();
"""


_ENTRIES = ("performance.getEntriesByType('resource')"
            ".map(e => ({name: e.name, startTime: e.startTime, responseEnd: e.responseEnd}))"
            ".sort((a, b) => a.startTime - b.startTime)")


# -- the site -----------------------------------------------------------------------------------


def build_site(catalogue: Path, site_dir: Path) -> Path:
    """Build ``catalogue``'s own mkdocs.yml into ``site_dir`` with ``catalogue build``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "--config", str(catalogue / "mkdocs.yml"),
                    "--site-dir", str(site_dir)], check=True, env=env)
    return site_dir


def plain_text(markdown: str) -> str:
    """The text of a record body as a reader sees it, roughly: tags and Markdown marks removed."""
    text = re.sub(r"<[^>]+>", " ", markdown)
    return re.sub(r"[*#>|`_\[\]]", " ", text)


def pick_queries(site: Path) -> dict[str, str]:
    """The default queries, labelled; deterministic for a site (sorted inputs, no randomness).

    索引号: the middle record by 索引号; 发文字号: the middle one of the records
    that have one; 两个字/一个字: the commonest in the titles (ties: the first in
    code-point order); 无结果: the first of ABSENT_CANDIDATES in no record;
    长句: the first of the longest runs of Chinese characters (cut to 30) in the
    middle body, by file name, of those with a run of 20 or more.
    """
    records = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))["records"]
    records.sort(key=lambda r: r["index_no"])
    queries = {q: q for q in FIXED_QUERIES}
    queries["索引号"] = records[len(records) // 2]["index_no"]
    with_doc_no = [r for r in records if r.get("doc_no")]
    if with_doc_no:
        queries["发文字号"] = with_doc_no[len(with_doc_no) // 2]["doc_no"]
    titles = [r["title"] for r in records]
    pairs = Counter(t[i:i + 2] for t in titles for i in range(len(t) - 1) if HAN.fullmatch(t[i]) and HAN.fullmatch(t[i + 1]))
    singles = Counter(c for t in titles for c in t if HAN.fullmatch(c))
    queries["两个字"] = min(pairs, key=lambda k: (-pairs[k], k))
    queries["一个字"] = min(singles, key=lambda k: (-singles[k], k))
    bodies = []
    for path in sorted((site / "data" / "records").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        bodies.append(data["title"] + "\n" + plain_text(data.get("body_markdown") or ""))
    everything = "\n".join(bodies) + "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    queries["无结果"] = next((q for q in ABSENT_CANDIDATES if q not in everything), ABSENT_CANDIDATES[0])
    long_bodies = [b for b in bodies if re.search(r"[\u3400-\u9fff]{20,}", b)]
    if long_bodies:
        body = long_bodies[len(long_bodies) // 2]
        run = max(re.findall(r"[\u3400-\u9fff]{20,}", body), key=len)  # max keeps the first of the longest
        queries["长句"] = run[:30]
    return queries


def search_page(site: Path) -> str:
    """The search page relative to the site root: the search form's action on the home page, else SEARCH_PAGE."""
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").is_file() else ""
    match = re.search(r'<form[^>]*\baction="([^"]*)"[^>]*\bdata-cat-search', home)
    return match.group(1) if match else SEARCH_PAGE


# -- one cold run -------------------------------------------------------------------------------


def one_run(browser, url: str, base_path: str, timeout_ms: int) -> dict:
    """Open ``url`` in a fresh context; every request with its timing and size, and the two moments."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(_OBSERVER % {"item": json.dumps(RESULT_ITEM), "summary": json.dumps(SUMMARY),
                                         "final": json.dumps(FINAL_TOTAL)})
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda r: requests.append((r, True)))
    page.on("requestfailed", lambda r: requests.append((r, False)))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function("window.__qbench.first !== null || window.__qbench.final !== null", timeout=timeout_ms)
        page.wait_for_function("window.__qbench.final !== null", timeout=timeout_ms)
        page.wait_for_load_state("networkidle")
        marks = page.evaluate("window.__qbench")
        origin = page.evaluate("performance.timeOrigin")
        # Times on the page's own clock (that of the two moments): Resource Timing where the page
        # has an entry (started when the script asked, not when the network stack sent it; about
        # 3-25 ms earlier than Playwright's), else Playwright's timing (the document, the favicon).
        entries: dict[str, list[dict]] = {}
        for entry in page.evaluate(_ENTRIES):
            entries.setdefault(entry["name"], []).append(entry)
        rows = []
        for request, finished in sorted(requests, key=lambda item: item[0].timing["startTime"]):
            timing = request.timing
            same_url = entries.get(request.url)
            if same_url:
                entry = same_url.pop(0)
                start, end = entry["startTime"], entry["responseEnd"] or None
            else:
                start = timing["startTime"] - origin
                end = start + timing["responseEnd"] if timing["responseEnd"] >= 0 else None
            response = request.response() if finished else None
            body = len(response.body()) if response is not None else 0
            sizes = request.sizes() if finished else {"responseBodySize": 0}
            path = urlsplit(request.url).path
            rows.append({"url": request.url, "status": response.status if response is not None else None,
                         "index": path.startswith(base_path + INDEX_PREFIX),
                         "start_ms": round(start, 1), "end_ms": round(end, 1) if end is not None else None,
                         "bytes": body, "wire_body_bytes": sizes["responseBodySize"]})
    finally:
        context.close()
    rows.sort(key=lambda r: r["start_ms"])
    return summarise(marks, rows)


def summarise(marks: dict, rows: list[dict]) -> dict:
    """The figures of one run from the two moments and the requests."""
    first = marks["first"] if marks["first"] is not None else marks["final"]  # no results: the page says so
    final, load = marks["final"], marks["load"]
    found = re.search(FINAL_TOTAL, marks["summary"] or "")
    total = int(found.group(1).replace(",", "")) if found and found.group(1) else 0
    if total and marks["first"] is None:
        raise RuntimeError(f"the page counts {total} results but shows no {RESULT_ITEM!r}: adapt RESULT_ITEM")

    def until(moment: float, which) -> tuple[int, int]:
        chosen = [r for r in rows if which(r) and r["start_ms"] <= moment]
        return len(chosen), sum(r["bytes"] for r in chosen)

    page_req, page_bytes = until(load, lambda r: not r["index"])
    index_req, index_bytes = until(first, lambda r: r["index"])
    all_req, all_bytes = until(first, lambda r: True)
    final_index_req, final_index_bytes = until(final, lambda r: r["index"])
    final_req, final_bytes = until(final, lambda r: True)
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        if r["index"] and r["start_ms"] <= first:
            figures = by_kind.setdefault(index_file_kind(r["url"]), [0, 0])
            figures[0] += 1
            figures[1] += r["bytes"]
    return {
        "results": total, "items_at_first": marks["items"], "summary": marks["summary"],
        "load_ms": load, "results_first_ms": first, "final_ms": final,
        "page_requests": page_req, "page_bytes": page_bytes,
        "index_requests": index_req, "index_bytes": index_bytes,
        "index_404_until_first": sum(1 for r in rows if r["index"] and r["status"] == 404 and r["start_ms"] <= first),
        "index_in_flight_at_first": sum(1 for r in rows if r["index"] and r["start_ms"] <= first
                                        and (r["end_ms"] is None or r["end_ms"] > first)),
        "total_requests_until_first": all_req, "total_bytes_until_first": all_bytes,
        "final_index_requests": final_index_req, "final_index_bytes": final_index_bytes,
        "final_total_requests": final_req, "final_total_bytes": final_bytes,
        "index_by_kind_until_first": {k: {"requests": n, "bytes": b} for k, (n, b) in sorted(by_kind.items())},
        "all_requests": len(rows), "all_bytes": sum(r["bytes"] for r in rows),
        "requests": rows,
    }


def index_file_kind(url: str) -> str:
    """``p/`` for a numbered file such as …/p/17.bin, else the file name (meta.json): the index's parts."""
    parts = urlsplit(url).path.rsplit("/", 2)
    return parts[-2] + "/" if re.fullmatch(r"\d+\.\w+", parts[-1]) else parts[-1]


MEDIANS = ("load_ms", "results_first_ms", "final_ms", "page_requests", "page_bytes", "index_requests",
           "index_bytes", "index_404_until_first", "index_in_flight_at_first", "total_requests_until_first",
           "total_bytes_until_first", "final_index_requests", "final_index_bytes", "final_total_requests",
           "final_total_bytes", "all_requests", "all_bytes")


def bench(site: Path, queries: dict[str, str], runs: int, timeout_ms: int) -> dict:
    """Median figures per query over ``runs`` cold runs (plus one untimed warm-up run)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.site_server import serve_site

    page = search_page(site)
    out = {}
    with serve_site(site, SITE_PATH) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            url = lambda q: base + page + "?" + QUERY_PARAM + "=" + quote(q)  # noqa: E731
            one_run(browser, url(next(iter(queries.values()))), SITE_PATH, timeout_ms)  # warm-up
            for label, q in queries.items():
                done = [one_run(browser, url(q), SITE_PATH, timeout_ms) for _ in range(runs)]
                figures = {key: statistics.median(r[key] for r in done) for key in MEDIANS}
                out[label] = {"query": q, "results": done[0]["results"], "summary": done[0]["summary"],
                              **figures, "index_by_kind_until_first": done[0]["index_by_kind_until_first"],
                              "runs": done}
                print(line(out[label]), flush=True)
        finally:
            browser.close()
    return out


# -- report -------------------------------------------------------------------------------------


def line(r: dict) -> str:
    return (f"query={r['query']} results={r['results']} results_first_ms={r['results_first_ms']:.0f} "
            f"index_requests={r['index_requests']:g} index_bytes={r['index_bytes']:.0f} "
            f"index_in_flight={r['index_in_flight_at_first']:g} "
            f"page_requests={r['page_requests']:g} page_bytes={r['page_bytes']:.0f} "
            f"total_until_first={r['total_requests_until_first']:g}req/{r['total_bytes_until_first']:.0f}B "
            f"final_ms={r['final_ms']:.0f} final_index={r['final_index_requests']:g}req/{r['final_index_bytes']:.0f}B")


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def table(results: dict) -> str:
    lines = ["| query | results | first results (ms) | index requests | index bytes | page requests | page bytes "
             "| total until first | exact total (ms) | index until exact total |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, r in results.items():
        q = r["query"] if label == r["query"] else f"{label}: {r['query']}"
        lines.append(f"| {q} | {r['results']} | {r['results_first_ms']:.0f} | {r['index_requests']:g} "
                     f"| {kb(r['index_bytes'])} | {r['page_requests']:g} | {kb(r['page_bytes'])} "
                     f"| {r['total_requests_until_first']:g} req, {kb(r['total_bytes_until_first'])} "
                     f"| {r['final_ms']:.0f} | {r['final_index_requests']:g} req, {kb(r['final_index_bytes'])} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--site", type=Path, help="a built site")
    source.add_argument("--catalogue", type=Path, help="a catalogue folder with its mkdocs.yml: build it first")
    parser.add_argument("--site-dir", type=Path, help="where --catalogue is built (default: DIR/site-qbench)")
    parser.add_argument("--runs", type=int, default=3, help="cold runs per query (median; default 3)")
    parser.add_argument("--query", action="append", help="a query (repeatable): replaces the default list")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for a query (default 300)")
    parser.add_argument("--json", type=Path, default=Path("/tmp/bench-search-browser.json"),
                        help="where to write the figures (default /tmp/bench-search-browser.json)")
    args = parser.parse_args(argv)
    if args.site:
        site = args.site.resolve()
    else:
        catalogue = args.catalogue.resolve()
        site = build_site(catalogue, (args.site_dir or catalogue / "site-qbench").resolve())
    queries = {q: q for q in args.query} if args.query else pick_queries(site)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    results = bench(site, queries, args.runs, int(args.timeout * 1000))
    from benchmarks.bench_build import machine
    args.json.write_text(json.dumps({"site": str(site), "started": started, "machine": machine(),
                                     "runs": args.runs, "queries": results}, ensure_ascii=False, indent=1),
                         encoding="utf-8")
    print()
    print(table(results))
    print(f"\nFigures (medians of {args.runs} cold runs) written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
