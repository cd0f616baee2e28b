"""What one build remembers for the next in the same process (``mkdocs serve``) is never stale.

The load cache carried on in memory hands back the same record object for
an unchanged file; views, page keys and record digests are reused only for
the same objects.  Every scenario changes something a page depends on (the
record, a record it links to, whether that one is public, the build date,
the configuration) and checks that the remembered result equals one made
from scratch, and that what did not change was indeed reused.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.config import load_config
from build_tools.machinery.identity_memo import IdentityMemo
from build_tools.machinery.load_cache import LoadCache
from build_tools.mkdocs_plugin.page_keys import PageKeys, page_key
from build_tools.mkdocs_plugin.render import PageJob
from build_tools.pipeline import check_catalogue
from build_tools.search import attachment_reader, record_digest, search_key
from build_tools.machinery.view_memo import ViewMemo
from build_tools.views.site import build_site
from build_tools.visibility import public_view

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
POLICY = "015200371/2024-00006"
INTERPRETATION = "interpretations/2024-00007-wenda-keyun-banxian.md"
"""Interprets POLICY: its title is shown on the policy's page."""


class Session:
    """Loads and views as one ``mkdocs serve`` process makes them, build after build."""

    def __init__(self, config) -> None:
        self.config = config
        self.load_cache: LoadCache | None = None
        self.views = ViewMemo()
        self.digests = IdentityMemo(record_digest)

    def public(self, as_of: dt.date = AS_OF):
        self.load_cache = LoadCache.reopen(self.load_cache, self.config.cache_dir, self.config)
        result = check_catalogue(self.config, as_of, cache=self.load_cache)
        return public_view(result.catalogue, result.graph, as_of)

    def site(self, as_of: dt.date = AS_OF, config=None):
        """(the site built with the memo, the same site built from scratch without one)."""
        config = config or self.config
        public = self.public(as_of)
        return build_site(public, config, self.views), build_site(public, config), public


@pytest.fixture
def session(tmp_path):
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    config, _ = load_config(ROOT / "mkdocs.yml", catalogue_dir=tmp_path / "catalogue")
    return Session(replace(config, cache_dir=tmp_path / ".cache"))


def edit(session: Session, rel: str, old: str, new: str) -> None:
    path = session.config.catalogue_dir / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def record_view(site, index_no: str):
    return next(p for p in site.records if p.record.index_no == index_no)


def test_the_load_cache_is_carried_on_and_gives_the_same_objects(session):
    first = session.public()
    cache = session.load_cache
    second = session.public()
    assert session.load_cache is cache
    assert all(a is b for a, b in zip(first.records, second.records))
    # Another configuration starts afresh (its outcomes may differ).
    other = replace(session.config, page_size=session.config.page_size + 1)
    assert LoadCache.reopen(cache, session.config.cache_dir, other) is not cache


def test_an_unchanged_rebuild_reuses_every_view(session):
    first, fresh, _ = session.site()
    assert first == fresh
    second, fresh, _ = session.site()
    assert second == fresh
    assert session.views.reused == len(second.records)
    assert all(a is b for a, b in zip(first.records, second.records))
    assert all(a is b for a, b in zip(first.lists, second.lists))
    assert second.home is first.home


def test_a_changed_record_is_seen_on_its_page_its_lists_and_the_pages_linking_to_it(session):
    first, _, _ = session.site()
    edit(session, INTERPRETATION, "title: ", "title: 修订后的")
    second, fresh, _ = session.site()
    assert second == fresh
    policy = record_view(second, POLICY)
    assert policy is not record_view(first, POLICY)  # it shows the interpretation's title
    assert any("修订后的" in link.text for section in policy.sections for link in section.links)
    assert session.views.reused == len(second.records) - 2


def test_a_linked_record_that_stops_being_public_is_hidden_on_the_pages_linking_to_it(session):
    session.site()
    edit(session, INTERPRETATION, "published: 2024-10-08", "published: 2027-01-01")  # not yet published
    second, fresh, public = session.site()
    assert second == fresh
    assert public.get("015200371/2024-00007") is None
    policy = record_view(second, POLICY)
    assert not any("政策问答" in link.text for section in policy.sections for link in section.links)


def test_a_repeal_put_off_is_seen_on_the_repealed_records_page_its_rows_and_the_pages_linking_to_it(session):
    """The validity a record shows follows from the day its repealing record takes effect: a page one link further
    (the interpretation's link to the repealed policy) and the policy's list rows change with that record."""
    first, _, _ = session.site()
    repealed, interpretation = "015200371/2019-00001", "015200371/2019-00002"
    assert record_view(first, repealed).status.label == "已废止"
    edit(session, "policies/2024-00003-gonglu-luzheng.md", "effective: 2024-07-01", "effective: 2027-01-01")
    second, fresh, _ = session.site()
    assert second == fresh
    assert record_view(second, repealed).status.label == "现行有效"
    assert all(link.status is None for section in record_view(second, interpretation).sections
               for link in section.links if link.url.endswith("015200371_2019-00001/"))
    assert {i.status for p in second.lists for i in p.items if i.index_no == repealed} == {"现行有效"}


def test_a_later_build_date_makes_every_view_again(session):
    session.site()
    later = dt.date(2031, 1, 1)
    second, fresh, _ = session.site(later)
    assert second == fresh
    assert session.views.reused == 0


def test_another_configuration_gives_the_views_it_asks_for(session):
    first, _, _ = session.site()
    smaller = replace(session.config, page_size=3)
    second, fresh, _ = session.site(config=smaller)
    assert second == fresh
    assert len(second.lists) > len(first.lists)


def test_page_keys_are_those_hashed_afresh_and_only_new_views_are_hashed(session):
    site, _, _ = session.site()
    jobs = [PageJob(f"{p.path}index.md", f"{p.path}index.html", p.path, f"---\n{p.path}\n---\n\n", p, "2026-11-23",
                    f"正文 {p.path}")
            for p in (*site.records, *site.lists)]
    keys = PageKeys()
    assert keys.keys(jobs, "base") == [page_key("base", job) for job in jobs]
    assert keys.computed == len(jobs)
    assert keys.keys(jobs, "base") == [page_key("base", job) for job in jobs]
    assert keys.computed == 0
    # A new view (even an equal one), a new front matter, body, date or base: hashed again.
    changed = [replace(jobs[0], data=replace(jobs[0].data)), replace(jobs[1], front=jobs[1].front + "x"),
               replace(jobs[2], update_date="2026-11-24"), replace(jobs[3], body=jobs[3].body + "x"), *jobs[4:]]
    assert keys.keys(changed, "base") == [page_key("base", job) for job in changed]
    assert keys.computed == 4
    assert all(page_key("base", a) != page_key("base", b) for a, b in zip(changed[1:4], jobs[1:4]))
    assert keys.keys(changed, "other") == [page_key("other", job) for job in changed]
    assert keys.computed == len(jobs)


def test_the_search_key_with_remembered_digests_is_the_key_made_afresh(session):
    public = session.public()
    read = attachment_reader(session.config.catalogue_dir)
    key = search_key(public, read, session.config.categories, session.digests)
    session.digests.finish()
    assert key == search_key(public, read, session.config.categories)
    edit(session, INTERPRETATION, "title: ", "title: 修订后的")
    public = session.public()
    changed = search_key(public, read, session.config.categories, session.digests)
    assert changed == search_key(public, read, session.config.categories) != key


def test_an_identity_memo_computes_again_for_another_object():
    calls = []
    memo = IdentityMemo(lambda s: calls.append(s) or len(s))
    a, b = "x" * 10, "y" * 10
    assert memo(a) == 10 and memo(a) == 10
    memo.finish()
    assert memo(a) == 10 and memo(b) == 10
    assert calls == [a, b]
    memo.finish()  # b was asked for, a was too: both kept; c is new
    c = re.sub("y", "z", b)
    assert memo(c) == 10 and calls == [a, b, c]


def test_compiled_templates_are_reused_only_for_the_same_source_and_settings(tmp_path):
    import jinja2

    from build_tools.mkdocs_plugin.template_cache import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    template = tmp_path / "page.html"
    compiled: list[str] = []

    def render(autoescape: bool = True, **values) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=autoescape,
                                 bytecode_cache=cache)  # a new environment per build, as MkDocs makes
        real = env.compile
        env.compile = lambda *a, **k: compiled.append(a[1]) or real(*a, **k)
        return env.get_template("page.html").render(**values)

    template.write_text("<p>{{ text }}</p>", encoding="utf-8")
    assert render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert render(text="<b>") == "<p>&lt;b&gt;</p>" and compiled == ["page.html"]  # from the cache
    assert render(autoescape=False, text="<b>") == "<p><b></p>"  # other settings: compiled again
    template.write_text("<div>{{ text }}</div>", encoding="utf-8")  # an edited template
    assert render(text="x") == "<div>x</div>"
    assert compiled == ["page.html"] * 3
