"""Page frames and the shared Markdown parser change how fast pages render, never their bytes.

Every page of the sample catalogue and of a generated corpus is built twice,
once the fast way (frames.py, page_markdown.py) and once the way MkDocs
renders a page (``template.render``, ``Page.render``), and the two sites
must be equal file for file.  A theme override that makes the chrome depend
on the page must switch frames off, not leak one page's title into another.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest

from build_tools.generate import generate_corpus
from build_tools.mkdocs_plugin import frame_proof, frames, page_markdown
from build_tools.mkdocs_plugin.build import build_site

from .test_incremental import copy_project, tree

AS_OF = dt.date(2026, 11, 23)


def serial(config: Path) -> Path:
    """Render in the build process (so spies see every page) and without a cache."""
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- catalogue:\n", "- catalogue:\n      workers: 1\n      cache_dir: \"\"\n", 1)
                      if "  - catalogue:\n" in text else
                      text.replace("- catalogue:\n", "- catalogue:\n    workers: 1\n    cache_dir: \"\"\n", 1),
                      encoding="utf-8")
    return config


@pytest.fixture
def spy(monkeypatch):
    """Counts pages filled from a frame and templates for which frames were switched off."""
    seen = {"filled": 0, "disabled": set()}
    fill, render = frames._fill, frames.Frames.render

    def counting_fill(*args):
        seen["filled"] += 1
        return fill(*args)

    def watching_render(self, *args):
        html = render(self, *args)
        seen["disabled"] |= self._disabled
        return html

    monkeypatch.setattr(frames, "_fill", counting_fill)
    monkeypatch.setattr(frames.Frames, "render", watching_render)
    return seen


def build_plain(config: Path, site: Path, monkeypatch) -> Path:
    """The site as MkDocs' own page rendering makes it."""
    with monkeypatch.context() as m:
        m.setattr(frames.Frames, "render", lambda self, template, name, context, page: template.render(context))
        m.setattr(page_markdown.PageMarkdown, "render", lambda self, page: page.render(self._config, self._files))
        return build_site(config, site_dir=site, as_of=AS_OF)


def assert_same(fast: Path, plain: Path) -> None:
    a, b = tree(fast), tree(plain)
    assert sorted(a) == sorted(b)
    differing = [p for p in a if a[p] != b[p]]
    assert differing == [], f"fast rendering differs from MkDocs' in {differing[:5]}"


def test_the_sample_site_is_the_same_rendered_fast_or_plain(tmp_path, monkeypatch, spy):
    config = serial(copy_project(tmp_path / "project"))
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert spy["filled"] > 100 and spy["disabled"] == set()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_a_generated_catalogue_is_the_same_rendered_fast_or_plain(tmp_path, monkeypatch, spy):
    # Every page type, tables of contents or none, list pages in many directories.
    root = tmp_path / "corpus"
    generate_corpus(150, root, seed=3, config=None)
    config = serial(root / "mkdocs.yml")
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert spy["filled"] > 150 and spy["disabled"] == set()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_a_theme_showing_the_title_in_the_footer_switches_frames_off(tmp_path, monkeypatch, spy):
    config = serial(copy_project(tmp_path / "project"))
    main = config.parent / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '{% include "partials/gov-footer.html" %}',
        '{% include "partials/gov-footer.html" %}<p class="printed-title">{{ page.title | upper }}</p>', 1),
        encoding="utf-8")
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert "record.html" in spy["disabled"]
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))
    policy = (fast / "records/015200371_2024-00006/index.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.+?)</h1>", policy).group(1)
    assert re.search(r'<p class="printed-title">(.+?)</p>', policy).group(1) == title


def test_a_broken_link_in_a_record_body_is_still_reported(tmp_path, caplog):
    config = serial(copy_project(tmp_path / "project"))
    record = next((config.parent / "catalogue").rglob("2024-00006*.md"))
    record.write_text(record.read_text(encoding="utf-8") + "\n见[附表](missing-table.md)。\n", encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert any("missing-table.md" in r.getMessage() for r in caplog.records)


def test_frames_leave_pages_near_the_navigation_to_a_full_render():
    class Page:
        url = "lists/"
        meta = {"title": "列表"}
        previous_page = next_page = None

    assert not frames.Frames(env=None, nav_urls=["lists/policies/"])._frameable(Page())
    Page.url = "records/x/"
    assert frames.Frames(env=None, nav_urls=["lists/policies/"])._frameable(Page())


def test_a_project_table_of_contents_showing_the_page_is_rendered_per_page(tmp_path, monkeypatch, spy):
    # Material's toc shows only the headings, so pages with the same headings
    # share one rendering; an override that shows more must not be shared.
    config = serial(copy_project(tmp_path / "project"))
    material = Path(importlib.util.find_spec("material").origin).parent / "templates" / "partials"
    override = config.parent / "theme" / "partials" / "toc.html"
    override.write_text((material / "toc.html").read_text(encoding="utf-8").replace(
        '<nav class="md-nav md-nav--secondary"', '<nav data-page="{{ page.url }}" class="md-nav md-nav--secondary"', 1),
        encoding="utf-8")
    for n in (1, 2):  # two records with the same headings
        (config.parent / "catalogue" / "notices" / f"2026-0990{n}-same-headings.md").write_text(
            f"---\nindex_no: 015200371/2026-0990{n}\ntitle: 江川省交通运输厅关于同一结构的通知之{n}\nkind: notice\n"
            "issuer: 江川省交通运输厅\ncategory: 工业、交通/公路\nwritten: 2026-01-05\npublished: 2026-01-06\n"
            "---\n\n## 一、背景\n\n正文。\n\n## 二、要求\n\n正文。\n", encoding="utf-8")
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))
    for n in (1, 2):
        page = (fast / f"records/015200371_2026-0990{n}/index.html").read_text(encoding="utf-8")
        assert f'data-page="records/015200371_2026-0990{n}/"' in page


LONG_TITLE_FOOTER = '{% if page.title|length > 40 %}<p class="long-title">标题较长</p>{% endif %}'


def _long_title_records(catalogue: Path, count: int = 3) -> None:
    """Notices with titles well over 40 characters, published long ago (so rendered after the newest pages)."""
    for n in range(1, count + 1):
        title = "江川省交通运输厅关于进一步加强和改进全省道路运输安全生产监督管理工作若干具体措施的补充通知之" + str(n)
        (catalogue / "notices" / f"2019-0970{n}-long-title.md").write_text(
            f"---\nindex_no: 015200371/2019-0970{n}\ntitle: {title}\nkind: notice\n"
            "issuer: 江川省交通运输厅\ncategory: 工业、交通/公路\nwritten: 2019-01-05\npublished: 2019-01-06\n"
            "---\n\n正文。\n", encoding="utf-8")


def test_a_footer_testing_the_title_length_is_the_same_rendered_fast_or_plain(tmp_path, monkeypatch):
    # The case: a theme override with `page.title|length > 40` in the
    # footer; the first pages each process rendered both ways had short
    # titles, and later pages with long titles took the short-title frame.
    config = serial(copy_project(tmp_path / "project"))
    _long_title_records(config.parent / "catalogue")
    main = config.parent / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '{% include "partials/gov-footer.html" %}', '{% include "partials/gov-footer.html" %}' + LONG_TITLE_FOOTER, 1),
        encoding="utf-8")
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert "标题较长" in (fast / "records/015200371_2019-09701/index.html").read_text(encoding="utf-8")
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def _reads(source: str, holes=frame_proof.HOLE_BLOCKS):
    import jinja2

    @jinja2.pass_context
    def reads_context(context, value):
        return value

    env = jinja2.Environment()
    env.filters["peek"] = reads_context
    env.filters["url"] = reads_context  # MkDocs' url filter reads the page's URL only
    return frame_proof.page_reads(env.parse(source), "t.html", None, env, holes)


@pytest.mark.parametrize("source", [
    "{% block footer %}{% if page.title|length > 40 %}长{% endif %}{% endblock %}",
    "{% block footer %}{{ page.title | upper }}{% endblock %}",
    "{% set long = page.title|length > 40 %}{% block footer %}{{ long }}{% endblock %}",
    "{% block footer %}{{ catalogue_view.record.kind }}{% endblock %}",
    "{% block footer %}{{ git_revision_date }}{% endblock %}",  # another plugin's per-page context value
    "{% block footer %}{{ skip.url }}{% endblock %}",  # Material's variable made from page.toc
    "{% block footer %}{{ self.container() }}{% endblock %}",
    "{% block footer %}{{ 'x' | peek }}{% endblock %}",
    "{% block footer %}{{ config._current_page.title }}{% endblock %}",
    "{% block footer %}{% for h in page.toc %}{{ h.title }}{% endfor %}{% endblock %}",
    "{% macro m() %}{{ page.url }}{% endmacro %}{% block footer %}{{ m() }}{% endblock %}",
    # Imported with the page's context: the module may show the page.
    "{% import 'x.html' as zh with context %}{% block footer %}{{ zh.t('a') }}{% endblock %}",
    "{% from 'x.html' import t with context %}{% block footer %}{{ t('a') }}{% endblock %}",
    # A name the template binds somewhere is its own there only (an attack review: a footer's menu loop
    # `for page in nav.pages` made the page read beside it the loop's).
    "{% block footer %}{% if page.title|length > 40 %}长{% endif %}"
    "{% for page in nav.pages %}{{ page.title }}{% endfor %}{% endblock %}",
    "{% macro item(page) %}{{ page.title }}{% endmacro %}{% block footer %}{{ page.url }}{% endblock %}",
    "{% block footer %}{% with page = nav.homepage %}{{ page.url }}{% endwith %}{{ page.url }}{% endblock %}",
    "{% block footer %}{% if false %}{% set page = nav.homepage %}{% endif %}{{ page.url }}{% endblock %}",
    "{% block footer %}{{ page.url }}{% set page = nav.homepage %}{{ page.url }}{% endblock %}",
    "{% block footer %}{% for x in nav %}{% set page = x %}{% endfor %}{{ page.url }}{% endblock %}",
    "{% block footer %}{% call(page) caller_macro() %}{{ page }}{% endcall %}{{ page.title }}{% endblock %}",
    # A hole block called through another name or a subscript.
    "{% set s = self %}{% block footer %}{{ s.container() }}{% endblock %}",
    "{% block footer %}{{ self['container']() }}{% endblock %}",
    # a block inside a loop or a with is rendered with the template's context: its page is the page (a review)
    "{% for page in nav.pages %}{% block crumb %}{{ page.title }}{% endblock %}{% endfor %}",
    "{% with page = nav.homepage %}{% block crumb %}{{ page.url }}{% endblock %}{% endwith %}",
])
def test_a_template_reading_the_page_outside_the_holes_gets_no_frame(source):
    reason = _reads(source)
    assert reason is not None and "t.html 第 1 行" in reason


@pytest.mark.parametrize("source", [
    "{% block footer %}{{ config.site_name }}{{ catalogue_site.agency }}{{ 'assets/x.css' | url }}{% endblock %}",
    "{% block extrahead %}{{ page.title|length }}{{ catalogue_view.record.title }}{% endblock %}",
    "{% block container %}{% block content %}{{ page.content }}{% endblock %}{% endblock %}",
    "{% block footer %}{% set n = namespace(x=config.site_name) %}{% for i in range(3) %}{{ n.x }}{{ loop.index }}"
    "{% endfor %}{{ super() }}{% endblock %}",
    # A template imported without context sees only the globals (theme/partials/languages/zh-CN.html).
    "{% import 'x.html' as zh %}{% macro t(key) %}{{ zh.t(key) }}{% endmacro %}{% block footer %}{{ zh.t('a') }}"
    "{% endblock %}",
    "{% from 'x.html' import t as tr %}{% block footer %}{{ tr('a') }}{% endblock %}",
    # Names the template binds itself, read where they are its own.
    "{% block footer %}{% for page in nav.pages %}{{ page.title }}{% endfor %}{% endblock %}",
    "{% macro item(page) %}{{ page.title }}{% endmacro %}{% block footer %}{{ item(nav.homepage) }}{% endblock %}",
    "{% set page = nav.homepage %}{% block footer %}{{ page.url }}{% endblock %}",
    "{% block footer %}{% with page = nav.homepage %}{{ page.url }}{% endwith %}{% endblock %}",
    "{% set page = nav.homepage %}{% for x in nav %}{% block crumb %}{{ page.url }}{% endblock %}{% endfor %}",
    "{% for page in nav.pages %}{% block crumb scoped %}{{ page.title }}{% endblock %}{% endfor %}",
])
def test_a_template_reading_the_page_only_in_the_holes_gets_a_frame(source):
    import jinja2

    holes = frame_proof._hole_names([jinja2.Environment().parse(source)])  # content, nested in container, is one
    assert "content" in holes or "content" not in source
    assert _reads(source, holes) is None


@pytest.mark.parametrize("source", [
    # a namespace set at the top, filled in a hole from the page, read in another block: one page's announce bar
    # was served to the frame's other pages (a review)
    "{% set flags = namespace(attachments=false) %}{% block site_meta %}{% set flags.attachments = "
    "catalogue_view.record.attachments|length > 0 %}{% endblock %}{% block announce %}{% if flags.attachments %}"
    "本文件有附件{% endif %}{% endblock %}",
    "{% set seen = [] %}{% block container %}{{ seen.append(page.title) or '' }}{% endblock %}"
    "{% block footer %}{{ seen|length }}{% endblock %}",
])
def test_a_hole_writing_what_the_frame_reads_gets_no_frame(source):
    import jinja2

    holes = frame_proof._hole_names([jinja2.Environment().parse(source)]) | {"site_meta"}
    reason = _reads(source, holes)
    assert reason is not None and "改写了" in reason


def test_a_later_frame_running_a_template_that_reads_the_page_is_refused():
    """What a proof finds of a template is kept (hundreds of frames in a build); what each frame ran is
    still read: a partial only one directory's pages include refuses that frame, and the next ones."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "base.html": "<header>{{ config.site_name }}</header>{% block container %}{% endblock %}",
        "page.html": "{% extends 'base.html' %}{% block container %}{{ page.content }}{% endblock %}",
        "site.html": "{{ config.site_name }}",
        "peek.html": "{{ page.title }}",
    }))
    proof = frame_proof.FrameProof(env)
    page, site, peek = (env.get_template(n) for n in ("page.html", "site.html", "peek.html"))
    for _ in range(2):
        proof.analyse(page, [env.get_template("base.html"), site])
    with pytest.raises(frame_proof._Refused, match="peek.html"):
        proof.analyse(page, [site, peek])
    proof.analyse(page, [site])
    with pytest.raises(frame_proof._Refused, match="peek.html"):
        proof.analyse(page, [peek])


def test_the_shared_tables_of_contents_are_bounded_and_change_nothing(tmp_path, monkeypatch):
    """Long laws each have their own 目录: only the most recently used are kept (a worker's memory), same bytes."""
    monkeypatch.setattr(frames, "_TOCS_KEPT", 3)
    held, fill = [], frames._fill

    def watching_fill(env, frame, template, context, page, tocs=None):
        html = fill(env, frame, template, context, page, tocs)
        held.append(len(tocs) if tocs is not None else 0)
        return html

    monkeypatch.setattr(frames, "_fill", watching_fill)
    root = tmp_path / "corpus"
    generate_corpus(150, root, seed=3, config=None)
    config = serial(root / "mkdocs.yml")
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert len(held) > 150 and max(held) == 3
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))
