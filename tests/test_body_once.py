"""One Markdown conversion per record body (body_once.py): the open data converts, the page takes it.

The promises attacked here: the open data's HTML is what the plain body
renderer gives, every page taking a kept conversion is byte for byte the
page MkDocs renders, a body whose page MkDocs would change (a relative link)
or that logs anything is converted by its page as before and warns once,
and a difference turns the sharing off with a notice, the output unchanged.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import Files

from build_tools.body_html import BodyRenderer, sanitise
from build_tools.mkdocs_plugin import body_once, exports, fast_paths, page_markdown
from build_tools.mkdocs_plugin.body_once import OnceBodyRenderer
from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from build_tools.mkdocs_plugin.page_markdown import PageMarkdown, PlainTextSkip

from .test_frames import assert_same, build_plain, serial
from .test_incremental import copy_project
from .test_page_markdown import _PIECES, atomise_everything, config, page  # noqa: F401 - the module's fixture

AS_OF = dt.date(2026, 11, 23)
LOGGER = "mkdocs.plugins.catalogue"


def _front(text: str) -> str:
    """A record page's source, as the plan writes it (site_plan.PlannedPage.source)."""
    return f'---\n{{"title": "标题", "template": "record.html"}}\n---\n\n{text}'


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("**第一条** 为了规范管理。\n\n见[本办法第二条](#第二条)和[网站](https://www.gov.cn/)。\n\n**第二条** 适用。")
@example("见[另一条记录](../015200371_2026-00001/)。")
@example("见[附件](a.md)与[本页](#第一条)。\n\n**第一条** 内容。")
@example("脚注[^1]。\n\n[^1]: 注释")
@example("\n\t\n第一条 正文")  # a first line of a tab after the front matter: a code block only without it
@example("\n    \n    代码")
@example("**A** 文\n\n*x*y*`**第*\\*")  # Markdown leaks numbered placeholders here
def test_a_kept_conversion_gives_the_page_and_the_open_data_what_their_own_would(config, monkeypatch, text):
    monkeypatch.setattr(page_markdown, "_VERIFY", 0)
    monkeypatch.setattr(body_once, "_VERIFY", 0)  # no safety net: the conditions alone must be right
    once = OnceBodyRenderer(config, Files([]))
    plain = BodyRenderer(config.markdown_extensions, config.mdx_configs)
    html = once(text)
    assert html == plain(text)  # the open data's HTML, kept or not
    assert type(once.keep(text, html)) is str
    taken = page(config, _front(text))
    PageMarkdown(config, Files([]), once.conversions).render(taken)
    own = page(config, _front(text))
    PageMarkdown(config, Files([])).render(own)
    assert taken.content == own.content
    assert str(taken.toc) == str(own.toc)
    assert taken.present_anchor_ids == own.present_anchor_ids
    assert taken._title_from_render == own._title_from_render
    assert [f is taken.file for f in taken.links_to_anchors] == [f is own.file for f in own.links_to_anchors]
    assert list(taken.links_to_anchors.values()) == list(own.links_to_anchors.values())
    assert body_once.sanitised(taken.content, taken) == sanitise(own.content)  # what the page shows
    if 'href="a.md"' in html:  # a link, not its text in a code span (`[附件](a.md)`: hypothesis)
        assert not once.conversions  # MkDocs rewrites that link (or warns): the page converts it


@pytest.mark.parametrize("text, clean", [
    ("**第一条** 为了规范管理。\n\n## 第二章 附则\n\n第二条　本办法自发布之日起施行。", True),
    ('<span onclick="steal()">点此</span>', False),
    ("<script>alert(1)</script>\n\n正文", False),
    ('<a href="javascript:alert(1)">链接</a>', False),
    # What sanitising adds to links is in the text already: the content could not be had back from it.
    ('见<a href="https://www.gov.cn/" rel="noopener noreferrer">网站</a>。', False),
    ('写法为 rel="noopener noreferrer" 的说明，见[第一条](#第一条)。\n\n**第一条** 内容。', False),
])
def test_a_page_is_sanitised_again_unless_sanitising_its_conversion_was_found_to_change_nothing(
        config, monkeypatch, text, clean):
    once = OnceBodyRenderer(config, Files([]))
    once.keep(text, once(text))
    assert bool(once.conversions) and all(c.sanitised is clean for c in once.conversions.values())
    taken = page(config, _front(text))
    PageMarkdown(config, Files([]), once.conversions).render(taken)
    calls: list[str] = []
    real = body_once.body_html.sanitise
    monkeypatch.setattr(body_once.body_html, "sanitise", lambda html: calls.append(html) or real(html))
    assert body_once.sanitised(taken.content, taken) == real(taken.content)
    assert calls == ([] if clean else [taken.content])
    # Another plugin changed the page's content after the conversion: sanitised, whatever was found.
    changed = taken.content + '<img src="x" onerror="steal()">'
    assert body_once.sanitised(changed, taken) == real(changed) and "onerror" not in real(changed)
    # A page that converted its own body (none kept for it) is sanitised.
    own = page(config, _front(text))
    PageMarkdown(config, Files([])).render(own)
    calls.clear()
    assert body_once.sanitised(own.content, own) == real(own.content) and calls == [own.content]


def test_every_public_record_page_takes_its_conversion_and_the_site_is_mkdocs_own(tmp_path, monkeypatch):
    taken: list[str] = []
    real = body_once.Conversion.apply
    monkeypatch.setattr(body_once.Conversion, "apply", lambda self, p, **kw: taken.append(p.file.src_uri)
                        or real(self, p, **kw))
    config = serial(copy_project(tmp_path / "project"))
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    records = sorted(p.parent.name for p in fast.glob("records/*/index.html"))
    assert len(taken) >= len(records) // 2 and len(set(taken)) == len(taken)  # those without relative links
    assert {uri.split("/")[1] for uri in taken} <= set(records)
    monkeypatch.undo()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_a_body_with_a_broken_relative_link_converts_on_its_page_and_warns_once(tmp_path, caplog):
    config = serial(copy_project(tmp_path / "project"))
    record = next((config.parent / "catalogue").rglob("*.md"))
    record.write_text(record.read_text(encoding="utf-8") + "\n\n详见[旧通知](../missing-notice.md)。\n",
                      encoding="utf-8")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    warned = [r for r in caplog.records if "missing-notice.md" in r.getMessage()]
    assert len(warned) == 1 and warned[0].levelno >= logging.INFO
    with pytest.raises(BuildFailed):  # as a page converting its own body fails --strict
        build_site(config, site_dir=tmp_path / "strict", as_of=AS_OF, strict=True)


def test_a_difference_turns_the_sharing_off_with_one_notice_and_the_same_site(tmp_path, caplog, monkeypatch):
    config = serial(copy_project(tmp_path / "project"))
    real = body_once.sanitise
    monkeypatch.setattr(body_once, "sanitise", lambda html: real(html).replace("。", "．", 1))
    caplog.set_level(logging.INFO, logger=LOGGER)
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    lines = [r.getMessage() for r in caplog.records if f"加速功能“{fast_paths.BODY_ONCE}”已关闭" in r.getMessage()]
    assert len(lines) == 1 and "不同" in lines[0]
    monkeypatch.undo()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_the_sharing_steps_aside_for_an_unverified_mkdocs(tmp_path, caplog, monkeypatch):
    real = fast_paths.importlib.metadata.version
    monkeypatch.setattr(fast_paths.importlib.metadata, "version",
                        lambda dist: "1.7.0" if dist == "mkdocs" else real(dist))
    caplog.set_level(logging.INFO, logger=LOGGER)
    site = build_site(serial(copy_project(tmp_path / "project")), site_dir=tmp_path / "site", as_of=AS_OF)
    assert any(f"加速功能“{fast_paths.BODY_ONCE}”已关闭" in r.getMessage() and "mkdocs 1.7.0" in r.getMessage()
               for r in caplog.records)
    assert any(Path(site, "data", "records").iterdir())


@pytest.mark.parametrize("link", ["y/index.md", "../attachments/a.pdf", "/xxgk/records/y/", "y/"])
def test_a_body_linking_to_a_path_is_left_to_its_page(config, link):
    """MkDocs resolves such a link against the page's own file (rewritten, or a warning): never kept.

    ``y/index.md`` is found from ``records/index.md`` and rewritten without a word; the
    attachment is found from there too, unchanged, where the record's page warns it is not.
    """
    from mkdocs.structure.files import File

    files = Files([File.generated(config, "records/y/index.md", content="# y"),
                   File.generated(config, "attachments/a.pdf", content=b"%PDF-")])
    once = OnceBodyRenderer(config, files)
    text = f"见[另一份]({link})。"
    html = once.keep(text, once(text))
    assert once.conversions == {}
    assert html == BodyRenderer(config.markdown_extensions, config.mdx_configs)(text)


def test_the_pages_parser_stepping_aside_for_the_open_data_says_so(config, monkeypatch):
    """The pages' parser converts the open data's bodies: where its plain-text skip steps aside, the build hears it."""
    monkeypatch.setattr(PlainTextSkip, "run", atomise_everything)
    monkeypatch.setattr(exports, "_VERIFY", 0)  # only the pages' parser checks its skip here
    monkeypatch.setattr(body_once, "_VERIFY", 0)
    once = OnceBodyRenderer(config, Files([]))
    text = "含 **加粗** 的段落。"
    html = once.keep(text, once(text))
    assert "<strong>加粗</strong>" in html
    assert [n.speedup for n in once.notices] == [fast_paths.PLAIN_TEXT_SKIP]


def test_a_conversion_comes_back_from_a_worker_without_its_text_and_is_kept_for_that_text_only(config):
    """A worker sends no copy of the body back (the build holds it: some 130 MB at 10,000 long laws
    all at once), only its length and hash; keep() takes the conversion for the very text it was made of."""
    once = OnceBodyRenderer(config, Files([]))
    text = "**第一条** 为了规范管理。\n\n见[本办法第二条](#第二条)。\n\n**第二条** 适用。"
    back = pickle.loads(pickle.dumps(once(text)))  # as a forked worker's result arrives
    assert back.conversion.markdown == ""
    assert once.keep(text + "。", back) == back and once.conversions == {}  # another text: its page converts it
    once.keep(text, back)
    (kept,) = once.conversions.values()
    assert kept.markdown is text  # the build's own string
    own = page(config, _front(text))
    PageMarkdown(config, Files([])).render(own)
    taken = page(config, _front(text))
    PageMarkdown(config, Files([]), once.conversions).render(taken)
    assert taken.present_anchor_ids == own.present_anchor_ids == {"第一条", "第二条"}
    assert taken.content == own.content


@given(st.dictionaries(st.text(min_size=0, max_size=8), st.one_of(st.text(max_size=10),
                                                                  st.text(max_size=8).map("#".__add__))))
@example({"第一条": "#第一条", "第二条": "#%E7%AC%AC"})
@example({"a\1b": "#a\1b"})
@example({"a": "#a\0"})
def test_a_conversions_links_to_its_own_anchors_are_one_string_that_says_them_all(links):
    """Every 第X条 links to itself: one string per body, not a pair of strings per link (issue 19)."""
    if not body_once._joinable(links):  # a separator in a name: no conversion is kept, the page converts
        assert any(not a or "\0" in a + w or "\1" in a for a, w in links.items())
        return
    joined = body_once._join_links(links)
    assert isinstance(joined, str) and body_once._split_links(joined) == links if links else joined == ""
