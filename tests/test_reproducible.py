"""Reproducible builds: one catalogue and one as_of give the same bytes.

Built twice — in two different project directories, into two different site
directories, in two processes with different hash seeds and different clocks
— the sample site must be byte-identical, file by file.  Sitemap dates come
from the records and as_of, never from the clock; SOURCE_DATE_EPOCH, when
set, dates the hand-written pages as MkDocs intends.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from build_tools.config import load_config
from build_tools.mkdocs_plugin.build import build_site
from build_tools.pipeline import check_catalogue
from build_tools.views.urls import record_path
from build_tools.visibility import public_view

from tests.sitetools import output_bytes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2025, 6, 30)  # not the day the tests run: a clock date would show


def copy_project(dest: Path) -> Path:
    """The sample project (config, catalogue, docs, theme) with search on; returns its mkdocs.yml."""
    dest.mkdir(parents=True)
    for name in ("catalogue", "docs", "theme"):
        shutil.copytree(ROOT / name, dest / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not re.search(r"^\s*-\s*search\b", text, re.M):
        text = text.replace("plugins:\n", "plugins:\n  - search\n", 1)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# Another process, another hash seed, and a clock years away from the first build's.
OTHER_BUILD = textwrap.dedent("""
    import datetime, sys
    import mkdocs.structure.pages, mkdocs.utils
    later = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    mkdocs.utils.get_build_datetime = lambda: later
    mkdocs.structure.pages.get_build_date = lambda: later.strftime("%Y-%m-%d")
    from build_tools.mkdocs_plugin.build import build_site
    build_site(sys.argv[1], site_dir=sys.argv[2], as_of=datetime.date.fromisoformat(sys.argv[3]))
""")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first_root = tmp_path_factory.mktemp("first")
    second_root = tmp_path_factory.mktemp("second-elsewhere")
    first = build_site(copy_project(first_root / "project"), site_dir=first_root / "out" / "site", as_of=AS_OF)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED="12345", NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    second = second_root / "public_html"
    done = subprocess.run([sys.executable, "-c", OTHER_BUILD, str(copy_project(second_root / "p")), str(second),
                           AS_OF.isoformat()], cwd=second_root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return first, second


def test_two_builds_are_byte_identical(two_builds):
    first, second = two_builds
    a, b = tree(first), tree(second)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:10]}"
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a


def test_no_build_path_or_clock_date_is_written(two_builds):
    first, _ = two_builds
    for name, data in output_bytes(first):  # the search index's files inflated
        for leak in (str(first.parent.parent), "2031-01-02", dt.date.today().isoformat()):
            assert leak.encode() not in data, f"{leak} in {name}"


def test_sitemap_dates_come_from_the_records_and_as_of(two_builds):
    site, _ = two_builds
    config, _ = load_config(ROOT / "mkdocs.yml")
    public = public_view(*_catalogue_and_graph(config), AS_OF)
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>[^<]*?/xxgk/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml))
    assert lastmod, "no lastmod in the sitemap"
    assert all(day <= AS_OF.isoformat() for day in lastmod.values())
    for record in public.records:
        day = lastmod[record_path(record.index_no)]
        assert record.published.isoformat() <= day, record.index_no
    # A record changed only by its own publication carries that date.
    alone = [r for r in public.records if not _linked(r, public) and not r.effective]
    assert alone and all(lastmod[record_path(r.index_no)] == r.published.isoformat() for r in alone)
    # A policy with a later interpretation changes when the interpretation appears.
    policy = next(r for r in public.records if public.graph.interpretations.get(r.index_no))
    latest = max(public.get(n).published for n in public.graph.interpretations[policy.index_no])
    assert lastmod[record_path(policy.index_no)] >= latest.isoformat()
    # A list page changes when one of its section's records does (not on the build date).
    policies = max(lastmod[record_path(r.index_no)] for r in public.records if r.kind.value == "policy")
    assert lastmod["lists/policies/"] == policies < AS_OF.isoformat()
    with gzip.open(site / "sitemap.xml.gz") as gz:
        assert gz.read().decode("utf-8") == xml
    mtime = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(mtime, dt.timezone.utc).date().isoformat() == max(lastmod.values())


def test_source_date_epoch_dates_the_hand_written_pages(tmp_path, monkeypatch):
    epoch = dt.datetime(2025, 3, 4, 12, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch.timestamp())))
    site = build_site(copy_project(tmp_path / "project"), site_dir=tmp_path / "site", as_of=AS_OF)
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>[^<]*?/xxgk/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml))
    assert lastmod["guide/"] == "2025-03-04"      # docs/guide.md: SOURCE_DATE_EPOCH
    assert lastmod["lists/policies/"] < AS_OF.isoformat()  # generated from the records


def _catalogue_and_graph(config):
    result = check_catalogue(config, AS_OF)
    return result.catalogue, result.graph


def _linked(record, public) -> bool:
    g = public.graph
    return any(links.get(record.index_no) for links in
               (g.interpretations, g.interprets, g.amended_by, g.amends, g.repealed_by, g.repeals))
