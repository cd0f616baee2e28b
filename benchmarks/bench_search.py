"""Search benchmark: index build time and size, bytes and time to first results.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_search.py --records 10000 --material-records 1000
    .venv/bin/python benchmarks/bench_search.py --catalogue DIR [--config mkdocs.yml]

Without ``--catalogue`` it writes a catalogue of ``--records`` records with
the project's generator (``catalogue generate``), or, where that is missing,
by cloning the sample records (:func:`clone_catalogue`).  It reports, as a
Markdown table (also written to ``--out``/results.json):

- the core's index build (time per record, total size, number of files);
- a full ``catalogue build`` with search and without it (the same theme
  minus the search box), so the cost search adds per record;
- for a rare and a common query, in headless Chromium against a local
  server: bytes read and time until the first results show, typed into the
  header box (index metadata already loaded) and opening the results page
  cold; and the same until the exact count is known;
- with ``--material-records M``: the same catalogue cut to M records built
  with Material's own search plugin: index size, build time, time to first
  results typed into its box (its index must be downloaded and loaded first).

Needs /usr/bin/chromium and the playwright package (dev extras).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import re
import shutil
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2026, 11, 23)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# Characters that make up the invented place names the clones mention, so a
# synthetic catalogue has rare strings (road names the segmenter does not know).
_NAME_CHARS = ("龙凤桥溪岭湾坪坝塘坡岗湖石柳桂枫松竹梅兰荷杏桃梨安宁和平兴隆福寿康乐云霞"
               "青白红金银铜铁新旧东西南北中上下前后大小长高明光华盛昌泰丰裕顺达通源泉川")
_NAME_ENDINGS = ("路", "大道", "大桥", "隧道", "码头", "镇", "村", "街", "互通", "服务区")


def _split_front_matter(text: str) -> tuple[dict, str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


def _dump(meta: dict, body: str) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n---\n" + body


def place_name(rng: random.Random) -> str:
    """An invented local name such as 柳溪坪大桥."""
    return "".join(rng.choice(_NAME_CHARS) for _ in range(rng.choice((2, 3)))) + rng.choice(_NAME_ENDINGS)


def clone_catalogue(src: Path, out: Path, n: int, seed: int = 1) -> Path:
    """Write a catalogue of ``n`` records to ``out`` by cloning the records of ``src``.

    Each clone gets a new index number, published date and 发文字号, a title
    naming an invented place, and a body mixing its template's paragraphs with
    paragraphs of other records and a sentence about its place, so common
    words stay common and every clone has rare strings of its own.  Links
    between records are dropped except an interpretation's, which points at
    a cloned policy.  Attachments are copied.  Deterministic for a seed.
    """
    rng = random.Random(seed)
    templates = []
    for path in sorted(src.rglob("*.md")):
        meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
        meta = {str(k): v for k, v in meta.items()}
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        templates.append((path, meta, paragraphs))
    pool = [p for _, _, ps in templates for p in ps if not p.startswith(("#", "|"))]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    serials: dict[int, int] = {}
    policies: list[tuple[str, dt.date]] = []
    start = dt.date(2015, 1, 1).toordinal()
    end = dt.date(2026, 10, 31).toordinal()
    agency = templates[0][1]["index_no"].split("/")[0]
    for i in range(n):
        path, meta, paragraphs = templates[i % len(templates)]
        meta = dict(meta)
        day = dt.date.fromordinal(rng.randint(start, end))
        target = rng.choice(policies[-50:]) if meta["kind"] == "interpretation" and policies else None
        if target:
            day = target[1]  # interpreted on the day the policy is published
        serials[day.year] = serials.get(day.year, 0) + 1
        serial = serials[day.year]
        meta["index_no"] = f"{agency}/{day.year}-{serial:05d}"
        place = place_name(rng)
        title = str(meta["title"])
        meta["title"] = title.replace("关于", f"关于{place}", 1) if "关于" in title else f"{place}{title}"
        meta["published"] = day.isoformat()
        for key in ("written", "effective", "approved"):
            if key in meta:
                meta[key] = day.isoformat()
        meta.pop("expires", None)
        if "fiscal_year" in meta:
            meta["fiscal_year"] = day.year
        if "doc_no" in meta:
            prefix = re.split(r"[〔\[（(【]", str(meta["doc_no"]))[0]
            meta["doc_no"] = f"{prefix}〔{day.year}〕{serial}号"
        for key in ("amends", "repeals", "validity", "interpretation_exempt"):
            meta.pop(key, None)
        if meta["kind"] == "interpretation":
            if target:
                meta["interprets"] = [target[0]]
            else:
                meta["kind"] = "notice"
                for key in ("interprets", "interpretation_form"):
                    meta.pop(key, None)
        if meta["kind"] == "policy":
            policies.append((meta["index_no"], day))
            meta["interpretation_exempt"] = "本文件为测试数据。"
        body = list(paragraphs)
        rng.shuffle(body)
        body[rng.randrange(len(body) + 1):0] = rng.sample(pool, 3)
        body.insert(rng.randrange(len(body) + 1), f"{place}段的有关工作，由所在地交通运输主管部门负责落实（{i}）。")
        folder = out / path.parent.relative_to(src)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{meta['index_no'].split('/')[1]}"
        if "attachments" in meta:
            copied = []
            for rel in meta["attachments"]:
                target = f"{name}-{Path(rel).name}"
                shutil.copyfile(path.parent / rel, folder / target)
                copied.append(target)
            meta["attachments"] = copied
        (folder / f"{name}.md").write_text(_dump(meta, "\n\n".join(body) + "\n"), encoding="utf-8")
    return out


# -- catalogues and configurations ----------------------------------------------------------


def prepare_catalogue(n: int, work: Path, seed: int) -> tuple[Path, Path]:
    """A catalogue of n records in work/: (mkdocs.yml, catalogue dir)."""
    out = work / f"catalogue-{n}"
    try:
        from build_tools.generate import generate_corpus
    except ImportError:
        clone_catalogue(ROOT / "catalogue", out / "catalogue", n, seed)
        config = out / "mkdocs.yml"
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config.write_text(text, encoding="utf-8")
        shutil.copytree(ROOT / "docs", out / "docs", dirs_exist_ok=True)
        return config, out / "catalogue"
    summary = generate_corpus(n, out, seed=seed, overwrite=True)
    return summary.config_file, out / "catalogue"


def variant_config(config_file: Path, catalogue_dir: Path, work: Path, name: str, *,
                   theme_dir: Path, material_search: bool = False) -> Path:
    """A copy of ``config_file`` with absolute paths, another theme dir, optionally Material's search."""
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    data["docs_dir"] = str((config_file.parent / data.get("docs_dir", "docs")).resolve())
    data.setdefault("theme", {"name": "material"})["custom_dir"] = str(theme_dir)
    plugins = []
    for item in data.get("plugins") or []:
        if isinstance(item, dict) and "catalogue" in item:
            options = dict(item["catalogue"] or {})
            options["catalogue_dir"] = str(catalogue_dir.resolve())
            item = {"catalogue": options}
        if item != "search":
            plugins.append(item)
    data["plugins"] = (["search"] if material_search else []) + plugins
    out = work / f"mkdocs.{name}.yml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def theme_without_search(work: Path) -> Path:
    """The project's theme with the search box, script and style taken out of main.html."""
    theme = work / "theme-without-search"
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(ROOT / "theme", theme)
    main = theme / "main.html"
    text = main.read_text(encoding="utf-8")
    text = re.sub(r"\{#- The catalogue's search box.*?\{% endblock %\}", "", text, flags=re.S)
    text = re.sub(r"\{% block scripts %\}.*?\{% endblock %\}", "", text, flags=re.S)
    text = re.sub(r"  <link rel=\"stylesheet\" href=\"\{\{ 'assets/search\.css' \| url \}\}[^\n]*\n", "", text)
    assert "search" not in text, "theme/main.html changed: update theme_without_search()"
    main.write_text(text, encoding="utf-8")
    return theme


def readdress(site: Path, asset: str) -> None:
    """Pages of ``site`` ask for ``asset`` by the digest of the file now there, as a build would."""
    from build_tools.mkdocs_plugin.asset_urls import version_of
    address = asset + version_of((site / asset).read_bytes())
    pattern = re.compile(re.escape(asset) + r"\?v=[0-9a-f]{10}")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = pattern.sub(address, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def public_catalogue(config_file: Path, catalogue_dir: Path):
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    from build_tools.visibility import public_view

    config, _ = load_config(config_file, catalogue_dir=catalogue_dir)
    result = check_catalogue(config, AS_OF)
    return public_view(result.catalogue, result.graph, AS_OF), config


# -- measurements -----------------------------------------------------------------------------


def bench_index(public, config) -> tuple[dict, dict[str, bytes]]:
    """Build the index in the core, as the plugin does."""
    from build_tools.search import build_search

    times = []
    for _ in range(2):
        start = time.perf_counter()
        files = build_search(public, config.catalogue_dir, config.categories)
        times.append(time.perf_counter() - start)
    sizes = {p: len(b) for p, b in files.items()}

    def part(marker: str) -> list[int]:
        return [v for p, v in sizes.items() if marker in p]
    meta = next(v for p, v in sizes.items() if p.endswith("data/meta.json"))
    facets = next(v for p, v in sizes.items() if p.endswith("facets.json"))
    n = len(public.records)
    return {
        "records": n, "seconds": min(times), "ms_per_record": min(times) / n * 1000,
        "files": len(files), "bytes": sum(sizes.values()), "meta_bytes": meta, "facets_bytes": facets,
        "postings_bytes": sum(part("/p/")), "positions_bytes": sum(part("/x/")),
        "documents_bytes": sum(part("/d/")), "chunks": len(part("/p/")),
        "largest_postings_chunk": max(part("/p/")), "median_postings_chunk": statistics.median(part("/p/")),
    }, files


def bench_build(config_file: Path, site_dir: Path, *, stub_search: bool = False) -> float:
    """Seconds for a full ``catalogue build`` (MkDocs + Material) of the site."""
    from build_tools import site_plan
    from build_tools.mkdocs_plugin.build import build_site

    real = site_plan.build_search
    if stub_search:
        site_plan.build_search = lambda *args, **kwargs: {}
    try:
        start = time.perf_counter()
        build_site(config_file, site_dir=site_dir, as_of=AS_OF)
        return time.perf_counter() - start
    finally:
        site_plan.build_search = real


def pick_queries(files: dict[str, bytes], seed: int) -> dict[str, str]:
    """A rare query (in one record only) and common ones, chosen with the index itself."""
    from build_tools.search.query import SearchIndex

    index = SearchIndex(files.__getitem__)
    rng = random.Random(seed)
    counts = {}
    for q in ("交通运输", "政务公开", "道路运输", "安全生产", "公路"):
        counts[q] = len(index.search(q).docs)
    common = max(counts, key=counts.get)
    rare = None
    for _ in range(500):
        doc = index.doc(rng.randrange(index.n))
        runs = re.findall(r"[\u4e00-\u9fff]{6,}", doc["t"] + "。" + doc["b"][0])  # as written
        if not runs:
            continue
        run = rng.choice(runs)
        for length in (4, 5, 6):
            start = rng.randrange(len(run) - length + 1)
            candidate = run[start:start + length]
            if len(index.search(candidate).docs) == 1:
                rare = candidate
                break
        if rare:
            break
    return {"rare": rare or "柳溪坪大桥", "common (2 characters)": "交通", "common": common}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path):
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_record_page(site: Path) -> str:
    return sorted(p.parent.relative_to(site).as_posix() for p in (site / "records").glob("*/index.html"))[0] + "/"


def bench_browser(site: Path, queries: dict[str, str], repeats: int) -> dict:
    """Bytes and times of our search in headless Chromium, median of ``repeats`` fresh browser contexts."""
    from playwright.sync_api import sync_playwright

    out = {}
    record = first_record_page(site)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, q in queries.items():
                typed, cold = [], []
                for i in range(repeats + 1):  # the first run warms the server's file cache
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(base + record)
                    page.click("#cat-search-input")
                    page.wait_for_function("window.catSearch && window.catSearch.ready")
                    meta_bytes = page.evaluate("window.catSearch.bytes")
                    page.fill("#cat-search-input", q)
                    page.wait_for_selector("#cat-search-dropdown[data-state]", timeout=60_000)
                    t = page.evaluate("window.catSearch.last")
                    context.close()
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(base + "search/?q=" + quote(q))
                    page.wait_for_selector("#cat-search-page[data-state=done]", timeout=120_000)
                    c = page.evaluate("window.catSearch.last")
                    c["total"] = int(page.get_attribute("#cat-search-page", "data-total"))
                    c["dcl"] = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                    context.close()
                    if i:
                        typed.append({**t, "meta_bytes": meta_bytes})
                        cold.append(c)
                med = lambda rows, key: statistics.median(r[key] for r in rows)  # noqa: E731
                out[label] = {
                    "query": q, "results": cold[0]["total"],
                    "index_metadata_bytes": typed[0]["meta_bytes"],
                    "typed_first_bytes": med(typed, "firstBytes"), "typed_first_ms": med(typed, "firstMs"),
                    "page_first_bytes": med(cold, "bytesAtFirst"), "page_first_ms": med(cold, "firstAt"),
                    "page_dom_ready_ms": med(cold, "dcl"),
                    "page_done_bytes": med(cold, "bytesAtDone"), "page_done_ms": med(cold, "doneAt"),
                }
        finally:
            browser.close()
    return out


def bench_material_browser(site: Path, queries: dict[str, str]) -> dict:
    """Material's own search: bytes of its index and time until results show for each query."""
    from playwright.sync_api import sync_playwright

    box = "input[data-md-component=search-query]"
    shown = ("q => document.querySelector('input[data-md-component=search-query]').value === q && "
             "(document.querySelectorAll('.md-search-result__item').length > 0 || "
             "/没有/.test(document.querySelector('.md-search-result__meta').textContent))")
    out = {}
    record = first_record_page(site)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, q in queries.items():
                context = browser.new_context()
                page = context.new_page()
                received = []
                page.on("response", lambda r: received.append(int(r.headers.get("content-length", 0)))
                        if "/search/" in r.url else None)
                start = time.perf_counter()
                page.goto(base + record)
                page.click(box)
                page.keyboard.type(q)   # Chinese is inserted as text: no key events …
                page.keyboard.press("End")  # … so a key press tells Material's box to search
                page.wait_for_function(shown, arg=q, timeout=600_000)
                cold = time.perf_counter() - start
                meta = page.inner_text(".md-search-result__meta")
                # Again with the index loaded: type the query afresh.
                page.fill(box, "")
                page.keyboard.press("End")
                page.wait_for_timeout(300)
                start = time.perf_counter()
                page.keyboard.type(q)
                page.keyboard.press("End")
                page.wait_for_function(shown, arg=q, timeout=600_000)
                warm = time.perf_counter() - start
                out[label] = {"query": q, "results_line": meta.strip(), "bytes": sum(received),
                              "first_results_ms_from_page_open": cold * 1000,
                              "first_results_ms_index_loaded": warm * 1000}
                context.close()
        finally:
            browser.close()
    return out


# -- report -----------------------------------------------------------------------------------


def machine() -> str:
    """What the figures were measured on (shared with the build benchmark)."""
    from benchmarks.bench_build import machine as describe
    return describe()


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def report(results: dict) -> str:
    lines = [f"Machine: {results['machine']}", ""]
    ix = results["index"]
    lines += [
        f"**Index ({ix['records']} public records).** Core build {ix['seconds']:.1f} s "
        f"({ix['ms_per_record']:.2f} ms per record); {ix['files']} files, {kb(ix['bytes'])} in all: "
        f"postings {kb(ix['postings_bytes'])} in {ix['chunks']} chunks (median {kb(ix['median_postings_chunk'])}, "
        f"largest {kb(ix['largest_postings_chunk'])}), positions {kb(ix['positions_bytes'])}, "
        f"result files {kb(ix['documents_bytes'])}; meta.json {kb(ix['meta_bytes'])}, "
        f"facets.json {kb(ix['facets_bytes'])}.", ""]
    if "build" in results:
        b = results["build"]
        lines += [f"**Full build.** With search {b['with']:.1f} s, without {b['without']:.1f} s: search adds "
                  f"{b['ms_per_record']:.2f} ms per record.", ""]
    if "browser" in results:
        lines += ["| query | results | typed: bytes to first results | typed: ms | results page: bytes to first results "
                  "| results page: ms from navigation | exact count: bytes | exact count: ms |",
                  "|---|---|---|---|---|---|---|---|"]
        for label, r in results["browser"].items():
            typed = r["typed_first_bytes"] + r["index_metadata_bytes"]  # meta.json is read when the box gets focus
            lines.append(f"| {label}: {r['query']} | {r['results']} | {kb(typed)} | "
                         f"{r['typed_first_ms']:.0f} | {kb(r['page_first_bytes'])} | {r['page_first_ms']:.0f} | "
                         f"{kb(r['page_done_bytes'])} | {r['page_done_ms']:.0f} |")
        lines.append("")
    if "material" in results:
        m = results["material"]
        lines += [f"**Material's search, {m['records']} records.** Build {m['build_seconds']:.1f} s; "
                  f"search_index.json {kb(m['index_bytes'])}.", "",
                  "| query | Material's results line | bytes to first results | ms from page open | ms with index loaded |",
                  "|---|---|---|---|---|"]
        for label, r in m["browser"].items():
            lines.append(f"| {label}: {r['query']} | {r['results_line']} | {kb(r['bytes'])} | "
                         f"{r['first_results_ms_from_page_open']:.0f} | {r['first_results_ms_index_loaded']:.0f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=10_000, help="records to generate (default 10000)")
    parser.add_argument("--catalogue", type=Path, help="use this catalogue directory instead of generating one")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml for --catalogue")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-search"), help="work directory")
    parser.add_argument("--repeats", type=int, default=3, help="browser runs per query (median)")
    parser.add_argument("--material-records", type=int, default=0,
                        help="also measure Material's search plugin on a catalogue of this many records")
    parser.add_argument("--skip-build", action="store_true", help="skip the full builds and the browser (index only)")
    parser.add_argument("--reuse-sites", action="store_true",
                        help="reuse the sites and build figures of an earlier run in --out (browser figures only)")
    args = parser.parse_args(argv)
    work = args.out.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine(), "command": " ".join(sys.argv)}
    earlier = json.loads((work / "results.json").read_text(encoding="utf-8")) if args.reuse_sites else {}

    if args.catalogue:
        config_file, catalogue_dir = args.config.resolve(), args.catalogue.resolve()
    else:
        config_file, catalogue_dir = prepare_catalogue(args.records, work, args.seed)
    public, config = public_catalogue(config_file, catalogue_dir)
    results["index"], files = bench_index(public, config)
    results["queries"] = queries = pick_queries(files, args.seed)
    save = lambda: (work / "results.json").write_text(  # noqa: E731
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    save()
    print(f"index: {results['index']}", flush=True)
    del files

    if args.reuse_sites:
        results["build"] = earlier["build"]
        for name in ("site", "site-material"):  # the current script and style, if they changed since
            for asset in ("search.js", "search.css"):
                if (work / name / "assets" / asset).exists():
                    shutil.copyfile(ROOT / "theme" / "assets" / asset, work / name / "assets" / asset)
                    readdress(work / name, f"assets/{asset}")
        results["browser"] = bench_browser(work / "site", queries, args.repeats)
        save()
        print(f"browser: {results['browser']}", flush=True)
    elif not args.skip_build:
        with_search = variant_config(config_file, catalogue_dir, work, "with-search", theme_dir=ROOT / "theme")
        without = variant_config(config_file, catalogue_dir, work, "without-search",
                                 theme_dir=theme_without_search(work))
        site = work / "site"
        timings = {"with": [], "without": []}
        for _ in range(2):
            timings["without"].append(bench_build(without, work / "site-without", stub_search=True))
            timings["with"].append(bench_build(with_search, site))
        w, wo = min(timings["with"]), min(timings["without"])
        results["build"] = {"with": w, "without": wo, "ms_per_record": (w - wo) / len(public.records) * 1000,
                            "runs": timings}
        save()
        print(f"build: {results['build']}", flush=True)
        results["browser"] = bench_browser(site, queries, args.repeats)
        save()
        print(f"browser: {results['browser']}", flush=True)

    if args.material_records:
        n = args.material_records
        m_config, m_catalogue = (config_file, catalogue_dir) if args.catalogue or n == args.records \
            else prepare_catalogue(n, work, args.seed)
        material = variant_config(m_config, m_catalogue, work, "material", theme_dir=ROOT / "theme",
                                  material_search=True)
        site = work / "site-material"
        if args.reuse_sites and "material" in earlier:
            seconds = earlier["material"]["build_seconds"]
        else:
            seconds = bench_build(material, site, stub_search=True)
        m_public, _ = public_catalogue(m_config, m_catalogue)
        results["material"] = {"records": len(m_public.records), "build_seconds": seconds,
                               "index_bytes": (site / "search" / "search_index.json").stat().st_size,
                               "browser": bench_material_browser(site, queries)}
        print(f"material: {results['material']}", flush=True)

    save()
    print()
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
