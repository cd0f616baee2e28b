"""The site plan: every decision about the catalogue's pages, as plain data, without MkDocs.

:func:`build_tools.site_plan.plan_site` is the core's one entry point for
the adapters; these tests read its result directly.  That the MkDocs plugin
writes exactly what the plan says is tested on whole sites
(tests/test_site.py, tests/test_incremental.py, tests/test_reproducible.py).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import build_tools.site_plan as site_plan
from build_tools.config import load_config
from build_tools.exports.plan import finish_open_data_page
from build_tools.gongwen import typeset
from build_tools.history import read_history
from build_tools.links import PublicLinks
from build_tools.pipeline import check_catalogue, kept_off
from build_tools.search import attachment_reader, build_search, search_key
from build_tools.site_plan import SiteMemo, plan_site, record_updated
from build_tools.views.site import build_site
from build_tools.visibility import public_view

from .test_incremental import copy_project

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
POLICY = "015200371/2024-00006"
"""Published 2024-09-27, in force from 2024-11-01, explained by 2024-00007 (published 2024-10-08)."""


@pytest.fixture(scope="module")
def config():
    config, problems = load_config(ROOT / "mkdocs.yml")
    assert problems == []
    return replace(config, cache_dir=None)


@pytest.fixture(scope="module")
def plan(config):
    return plan_site(config, AS_OF, site_title="站点名称")


def page_of(plan, index_no: str):
    return next(p for p in plan.pages if p.template == "record.html" and p.data.record.index_no == index_no)


def test_the_core_entry_point_loads_neither_mkdocs_nor_jinja():
    code = ("import sys, build_tools.site_plan, build_tools.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'jinja2'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_page_is_planned_once_in_a_fixed_order(plan):
    uris = [p.src_uri for p in plan.pages]
    assert len(uris) == len(set(uris))
    templates = [p.template for p in plan.pages]
    n = len(plan.site.records)
    assert n == len(plan.public.records) > 0
    assert templates[:n] == ["record.html"] * n
    v = len(plan.site.versions)
    assert v > 0  # the sample has amended and repealed documents
    assert set(templates[n:-4 - v]) == {"listing.html"}
    assert templates[-4 - v:] == ["fiscal-overview.html", *["versions.html"] * v, "home.html",
                                  "partials/search-page.html", "opendata.html"]
    assert [p.src_uri for p in plan.pages[-3:]] == ["index.md", "search/index.md", "data/index.md"]
    assert all(p.src_uri == f"{p.path}index.md" for p in plan.pages)
    assert all(plan.page(p.src_uri) is p for p in plan.pages)
    assert plan.page("guide.md") is None


def test_a_page_source_is_its_title_and_template_then_its_body(plan):
    page = page_of(plan, POLICY)
    front, body = page.source.split("\n---\n\n", 1)
    assert json.loads(front.removeprefix("---\n")) == {"title": page.title, "template": "record.html"}
    assert body == typeset(PublicLinks.of(plan.public).body(page.data.record)) and body.strip()
    assert body.endswith('<p class="cat-gw-date">2024年9月20日</p></div>\n')  # a 公文's closing, set right
    assert all(p.body == "" for p in plan.pages if p.template != "record.html")


def test_a_title_is_escaped_in_the_front_matter():
    from build_tools.site_plan import PlannedPage

    page = PlannedPage("x/index.md", "x/", "record.html", "<b>关于「A&B」的通知</b>", None, "", "2026-01-01")
    assert json.loads(page.source.split("\n")[1])["title"] == "&lt;b&gt;关于「A&amp;B」的通知&lt;/b&gt;"


def test_later_list_pages_say_which_page_they_are(config):
    plan = plan_site(replace(config, page_size=3), AS_OF)
    lists = [p for p in plan.pages if p.template == "listing.html"]
    assert all(p.title == p.data.title for p in lists if p.data.page == 1)
    later = [p for p in lists if p.data.page > 1]
    assert later and all(p.title == f"{p.data.title}（第 {p.data.page} 页）" for p in later)


def test_the_home_page_is_named_after_the_agency_or_else_the_site(config, plan):
    assert plan.page("index.md").title == config.agency and config.agency
    assert plan.page("index.md").data is plan.site.home
    unnamed = plan_site(replace(config, agency=""), AS_OF, site_title="站点名称")
    assert unnamed.page("index.md").title == "站点名称"


def test_a_record_page_changed_last_when_it_or_a_record_it_links_to_changed(config):
    # Before the policy is in force: the interpretation's publication is the last change.
    early = plan_site(config, dt.date(2024, 10, 20))
    assert page_of(early, POLICY).updated == "2024-10-08"
    # Once in force: its entry into force.
    assert page_of(plan_site(config, AS_OF), POLICY).updated == "2024-11-01"


def test_no_page_date_comes_after_the_build_date_or_before_its_record(plan):
    for page in plan.pages:
        assert page.updated <= AS_OF.isoformat()
        if page.template == "record.html":
            assert page.updated >= page.data.record.published.isoformat()
            assert page.updated == record_updated(page.data.record, plan.public).isoformat()
        elif page.template == "versions.html":  # the line's latest publication or change of wording
            assert page.updated == page.data.updated
            assert page.updated >= max(plan.public.get(v.record_index).published for v in page.data.versions).isoformat()
        elif page.template == "listing.html" and page.data.items:
            # A list page: the newest date of its section's records, never the build date.
            section = [p for p in plan.pages if p.template == "listing.html" and p.data.section == page.data.section]
            assert page.updated == max(record_updated(plan.public.get(i.index_no), plan.public).isoformat()
                                       for p in section for i in p.data.items)
        else:
            assert page.updated == max(record_updated(r, plan.public) for r in plan.public.records).isoformat() or (
                page.template == "fiscal-overview.html")
    assert plan.updated == AS_OF.isoformat()  # a docs/ page's, which the records do not date


def test_attachments_are_the_public_records_files_in_the_catalogue(config, plan):
    assert plan.attachments
    public = {a for r in plan.public.records for a in r.attachments}
    assert {a.source for a in plan.attachments} == {(config.catalogue_dir / a).resolve() for a in public}
    assert all(a.dest.startswith("attachments/") and a.source.is_file() for a in plan.attachments)


def test_the_plan_is_what_the_core_phases_give_one_by_one(config, plan):
    result = check_catalogue(config, AS_OF)
    public = public_view(result.catalogue, result.graph, AS_OF)
    assert plan.problems == result.problems
    assert plan.records == result.catalogue.records
    history = read_history(config.catalogue_dir)  # (the sample is in this project's Git repository)
    assert plan.history.changes == history.changes
    assert plan.site == build_site(public, config, history=history)
    assert plan.search.key == search_key(public, attachment_reader(config.catalogue_dir), config.categories)


def test_the_search_index_is_what_the_core_builds_for_the_public(config):
    plan = plan_site(config, dt.date(2020, 1, 1))  # few records: quick
    result = check_catalogue(config, plan.as_of)
    public = public_view(result.catalogue, result.graph, plan.as_of)
    assert plan.search.build() == build_search(public, config.catalogue_dir, config.categories)


def test_the_search_starts_before_the_checks_run_and_the_views_are_made(config, monkeypatch):
    order = []
    real_views, real_checks = site_plan.build_site, site_plan.check_linked
    monkeypatch.setattr(site_plan, "build_site", lambda *a, **k: (order.append("views"), real_views(*a, **k))[1])
    monkeypatch.setattr(site_plan, "check_linked", lambda *a, **k: (order.append("checks"), real_checks(*a, **k))[1])
    plan = plan_site(config, AS_OF, start_search=lambda search: order.append(search.key))
    assert order == [plan.search.key, "checks", "views"]


def test_the_search_starts_with_what_the_checks_make_public(tmp_path):
    """A private number keeps its record off the site (the privacy check runs before the index
    starts); what else is public (and indexed) is what the records and their links say, found
    before the other checks run."""
    config, _ = load_config(copy_project(tmp_path / "project"))
    config = replace(config, cache_dir=None)
    policy = next(p for p in sorted(config.catalogue_dir.rglob("*.md")) if "kind: policy" in p.read_text("utf-8"))
    policy.write_text(policy.read_text("utf-8") + "\n联系人手机：13912345678。\n", encoding="utf-8")
    started = []
    plan = plan_site(config, AS_OF, start_search=started.append)
    assert "personal-mobile-number" in {p.code for p in plan.problems}
    assert started == [plan.search]
    result = check_catalogue(config, AS_OF)
    kept = kept_off(result.catalogue, result.problems)
    assert [r.source for r in result.catalogue.records if r.index_no in kept] == [
        policy.relative_to(config.catalogue_dir).as_posix()]
    assert started[0].public == public_view(result.catalogue, result.graph, AS_OF, kept)
    assert started[0].public != public_view(result.catalogue, result.graph, AS_OF)


def test_problems_of_a_broken_catalogue_are_in_the_plan(tmp_path):
    config, _ = load_config(ROOT / "mkdocs.yml", catalogue_dir=ROOT / "tests" / "broken_catalogue")
    config = replace(config, cache_dir=None)
    plan = plan_site(config, AS_OF)
    assert plan.problems and plan.problems == check_catalogue(config, AS_OF).problems


def test_a_memo_carried_from_build_to_build_gives_the_same_plan(config, tmp_path):
    config = replace(config, cache_dir=tmp_path / ".cache")
    memo = SiteMemo()
    first = plan_site(config, AS_OF, memo)
    assert first.memo is memo and memo.load_cache is not None
    second = plan_site(config, AS_OF, first.memo)
    fresh = plan_site(replace(config, cache_dir=None), AS_OF)
    assert second.pages == fresh.pages and second.search.key == fresh.search.key
    # What did not change is the very same view, so its page key need not be hashed again.
    assert memo.views.reused == len(second.site.records)
    assert all(a.data is b.data for a, b in zip(first.pages, second.pages)
               if a.template not in ("partials/search-page.html", "opendata.html"))
    # The 开放数据 page is completed once its files are written (pages.write_open_data): kept there.
    pending = [page.data for plan in (first, second) for page in plan.pages if page.template == "opendata.html"]
    finished = [finish_open_data_page(page, 123456, memo) for page in pending]
    assert finished[0] is finished[1] and finished[0].record_total == "120.6 KB"
    # Another date: every record view is made again, and still equals a fresh one.
    later = dt.date(2031, 1, 1)
    third = plan_site(config, later, second.memo)
    assert memo.views.reused == 0
    assert third.pages == plan_site(replace(config, cache_dir=None), later).pages


_PAGE_DIGESTS = """
import datetime as dt, hashlib, json, sys
from dataclasses import replace
from build_tools.config import load_config
from build_tools.site_plan import plan_site
config, _ = load_config(sys.argv[1])
plan = plan_site(replace(config, cache_dir=None), dt.date(2026, 11, 23))
print(json.dumps({p.src_uri: hashlib.blake2b((repr(p.data) + p.body).encode()).hexdigest() for p in plan.pages}))
"""


def test_every_page_view_is_the_same_in_every_process(tmp_path):
    """Page keys hash the views' repr: a set in a view (whose order follows the
    hash seed) would make pages miss the cache in every new process."""
    from build_tools.generate import generate_corpus
    generate_corpus(400, tmp_path / "corpus", seed=3)
    digests = []
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", _PAGE_DIGESTS, str(tmp_path / "corpus" / "mkdocs.yml")],
                             capture_output=True, text=True, check=True, cwd=ROOT,
                             env={**__import__("os").environ, "PYTHONHASHSEED": seed})
        digests.append(json.loads(out.stdout))
    kinds = {uri.split("/")[0] for uri in digests[0]}
    assert "records" in kinds and len(digests[0]) > 400
    assert [uri for uri in digests[0] if digests[0][uri] != digests[1].get(uri)] == []
