"""Where a ``mkdocs serve`` rebuild spends its time, step by step, in one process.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_serve_phases.py --records 10000 [--rebuilds 7]

It builds the generated corpus once the way ``mkdocs serve`` does (in place,
one plugin instance for the whole process, as MkDocs keeps it), then
``--rebuilds`` times changes one record's title and builds again, and prints
the median wall time of a rebuild and of each step: the plugin's own (load
and check, views, search key, page keys and rendering) and MkDocs' (copying
static files, theme templates, Jinja compiling).  Steps nest: ``on_files``
holds the load, the views and the search key.  Only the rebuild itself is
timed; ``bench_serve.py`` adds the file watcher and the HTTP round trip.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import functools
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

from corpus import ensure_corpus  # benchmarks/, first on sys.path when a script here is run

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("NO_PROGRESS", "1")

import jinja2  # noqa: E402
import mkdocs.commands.build as mkdocs_build  # noqa: E402
import mkdocs.structure.files as mkdocs_files  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from build_tools import site_plan  # noqa: E402
from build_tools.machinery import load_cache  # noqa: E402
from build_tools.mkdocs_plugin import plugin as catalogue_plugin  # noqa: E402
from build_tools.mkdocs_plugin import render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
SERVE_URL = "http://127.0.0.1:8000/"


def timed(owner: object, name: str, label: str, totals: dict[str, float]) -> None:
    """Replace ``owner.name`` with a wrapper adding its wall time to ``totals[label]``."""
    real = getattr(owner, name)

    @functools.wraps(real)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start

    setattr(owner, name, wrapper)


STEPS = [
    (catalogue_plugin.CataloguePlugin, "on_files", "plugin on_files (all below)"),
    (load_cache.LoadCache, "__init__", "  reading the load cache file"),
    (site_plan, "check_catalogue", "  load and check"),
    (site_plan, "build_site", "  views of every page"),
    (site_plan, "search_key", "  search key"),
    (render, "render_pages", "plugin page keys, rendering, writing"),
    (render, "extend_sitemap", "plugin sitemap"),
    (mkdocs_files.Files, "copy_static_files", "MkDocs static files (theme, attachments)"),
    (mkdocs_build, "_build_theme_template", "MkDocs theme templates (404, sitemap)"),
    (mkdocs_build, "_build_page", "MkDocs pages in the navigation"),
    (jinja2.Environment, "compile", "Jinja compiling (within the above)"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--rebuilds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "serve-phases")
    args = parser.parse_args(argv)

    work = ensure_corpus(args.work / str(args.records), args.records, args.seed)
    site = work / "site"
    logging.basicConfig(level=logging.ERROR)
    totals: dict[str, float] = collections.defaultdict(float)
    for owner, name, label in STEPS:
        timed(owner, name, label, totals)

    def build(first: bool = False) -> float:
        start = time.perf_counter()
        config = load_config(str(work / "mkdocs.yml"), site_dir=str(site))
        config.plugins["catalogue"].as_of = AS_OF
        if first:  # as ``mkdocs serve`` does, for its first build only
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        mkdocs_build.build(config, serve_url=SERVE_URL)
        return time.perf_counter() - start

    print(f"records={args.records} first build {build(first=True):.1f}s")
    records = sorted((work / "catalogue" / "policies").rglob("*.md"))
    runs: list[tuple[float, dict[str, float]]] = []
    for n in range(args.rebuilds):
        record = records[(n * 37 + time.time_ns()) % len(records)]
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"^title: (.+)$", lambda m: f"title: {m.group(1)}（修订{n}）", text, count=1,
                                 flags=re.M), encoding="utf-8")
        totals.clear()
        runs.append((build(), dict(totals)))
        print(f"rebuild {n + 1}: {runs[-1][0]:.2f}s", flush=True)
        time.sleep(1)  # lets the background search process of the last rebuild start
    print(f"{'median of ' + str(len(runs)) + ' rebuilds':44s} {statistics.median(r[0] for r in runs):6.2f}s")
    for _, _, label in STEPS:
        print(f"{label:44s} {statistics.median(t.get(label, 0.0) for _, t in runs):6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
