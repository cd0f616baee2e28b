"""One Markdown parser per process, with plain text spared the inline step,
converts every body exactly as MkDocs' ``Page.render`` does."""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
from markdown.util import AtomicString
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools.body_anchors import EXTENSION as BODY_ANCHORS
from build_tools.mkdocs_plugin import page_markdown, plain_bodies
from build_tools.mkdocs_plugin.page_markdown import PageMarkdown, PlainTextSkip

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    loaded.plugins._current_plugin = None  # as between plugin events (File.generated reads it)
    loaded.markdown_extensions.append(BODY_ANCHORS)  # as the plugin's on_config adds it
    return loaded


def page(config, source: str, name: str = "records/x/index.md") -> Page:
    p = Page(None, File.generated(config, name, content=source), config)
    p.read_source(config)
    return p


def mkdocs_render(config, source: str) -> Page:
    p = page(config, source)
    p.render(config, Files([]))
    return p


# Text an editor writes: Chinese prose, and every character an inline pattern starts with.
_PIECES = st.sampled_from([
    "第一条", "为了规范道路客运班线经营许可", "，", "。", "（试行）", " ", "  \n", "\n", "\n\n",
    "*", "**", "_", "__", "`", "\\", "[", "]", "(", ")", "!", "<", ">", "&", "&amp;", "&#12288;",
    "[^1]", "\n\n[^1]: 注释", "[附件](a.md)", "<b>粗</b>", "<https://example.cn>", "a_b_c",
    "## 第二章", "\n\n| 项目 | 金额 |\n|---|---|\n| 一般公共预算 | 1,234 |\n", "- 一\n- 二\n",
    "!!! note \"注意\"\n    内容\n", "{: #id }", "\x02", "\ue000",
    # Anchors (body_anchors.py): articles plain and bold, numbered headings, a quoted article.
    "\n\n第一百二十条　", "\n\n**第二条** ", "\n\n## 第一章 总则\n\n", "\n\n### 第一节\n\n", "\n\n> 第三条 ",
    # A leading bold run (the skip makes its <strong> itself): its ends letters, punctuation or space.
    "\n\n**第四条**", "**（一）**", "** 第五条**", "**第六条 **", "**第七条***", "**A**", "**1**", "**第八条　规定**",
    "\n\n## **第九条** 标题\n\n", "\n- **第十条** 内容\n", "\n\n| **第十一条** | 金额 |\n|---|---|\n| **1** | 2 |\n",
    "\n\n**第十二条**。", "**第十三条**\u3000", "**第十四条**第十五条",
    "\t", "    ", "\r\n", "klzzwxh:0000", "*x*y*`**第*\\*",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("第一条 为了规范管理，制定本办法。\n\n第二条 本办法适用于全省。")
@example("加粗**不闭合与 a_b 和 [链接](x.md) 以及 `代码`")
@example("**第一条** 为了规范管理，制定本办法。\n\n**第二条**　本办法适用于全省。\n\n**（一）**其他")
@example("## **第一章** 总则\n\n- **第三条** 一\n- **4** 二")
@example("**A** 文\n\n*x*y*`**第*\\*")  # Markdown leaks numbered placeholders here
@example("# 总则\n\n第一条 正文")  # the page's title from its first heading
def test_shared_parser_converts_as_page_render_does(config, monkeypatch, text):
    monkeypatch.setattr(page_markdown, "_VERIFY", 0)  # no safety net: the skip alone must be right
    monkeypatch.setattr(plain_bodies, "refusal", lambda md: "the skip's test")  # plain bodies: test_plain_bodies.py
    expected = mkdocs_render(config, text)
    renderer = PageMarkdown(config, Files([]))
    for _ in range(2):  # a fresh parser, then one reset after a conversion
        got = page(config, text)
        renderer.render(got)
        assert renderer._skip is not None
        assert got.content == expected.content
        assert str(got.toc) == str(expected.toc)
        assert got.present_anchor_ids == expected.present_anchor_ids
        assert got._title_from_render == expected._title_from_render
        assert got.title == expected.title


def test_later_pages_keep_nothing_of_earlier_ones(config):
    renderer = PageMarkdown(config, Files([]))
    for text in ["## 甲\n\n脚注[^a]\n\n[^a]: 一", "## 乙\n\n[链接](b.md)", "正文"] * 3:
        got = page(config, text)
        renderer.render(got)
        assert got.content == mkdocs_render(config, text).content


def atomise_everything(self, root) -> None:
    """A wrong PlainTextSkip.run: links and emphasis would stay raw."""
    if self.enabled:
        for element in root.iter():
            if element.text:
                element.text = AtomicString(element.text)


def test_a_skip_that_changes_a_page_is_caught_and_switched_off(config, monkeypatch):
    monkeypatch.setattr(PlainTextSkip, "run", atomise_everything)
    renderer = PageMarkdown(config, Files([]))
    text = "**重要**：见[附件](a.md)。"
    got = page(config, text)
    renderer.render(got)
    assert got.content == mkdocs_render(config, text).content
    assert renderer._skip is None


def test_the_skip_is_used_for_the_project_extensions_and_not_for_unknown_ones():
    assert PlainTextSkip.register(markdown.Markdown(extensions=["tables", "footnotes", "attr_list",
                                                                "admonition", "toc", BODY_ANCHORS])) is not None
    # abbr and smarty look at text after the inline step; they must see it as MkDocs would give it.
    assert PlainTextSkip.register(markdown.Markdown(extensions=["abbr"])) is None
    assert PlainTextSkip.register(markdown.Markdown(extensions=["smarty"])) is None


def test_the_skip_steps_aside_for_a_known_name_registered_with_another_class():
    """An extension may register its own processor under a standard name (nl2br does, as linebreak's
    class under "nl"; others replace "link" or "inline"): the skip knows each name with its class."""
    from markdown.inlinepatterns import SimpleTextInlineProcessor
    from markdown.treeprocessors import Treeprocessor

    md = markdown.Markdown(extensions=["toc", BODY_ANCHORS])
    md.inlinePatterns.register(SimpleTextInlineProcessor(r"(~~)"), "link", 160)  # reads ~~, not [
    assert PlainTextSkip.register(md) is None

    class Later(Treeprocessor):
        def run(self, root):
            return None

    md = markdown.Markdown(extensions=["toc", BODY_ANCHORS])
    md.treeprocessors.register(Later(md), "prettify", 10)  # after the inline step, under a known name
    assert PlainTextSkip.register(md) is None
    assert PlainTextSkip.register(markdown.Markdown(extensions=["toc", BODY_ANCHORS])) is not None


def test_a_warning_is_logged_once_while_the_skip_is_verified(config, caplog):
    caplog.set_level(logging.WARNING)
    renderer = PageMarkdown(config, Files([]))
    renderer.render(page(config, "见[附表](missing-table.md)。"))
    assert sum("missing-table.md" in r.getMessage() for r in caplog.records) == 1


def test_falls_back_to_page_render_when_mkdocs_changes(monkeypatch, config):
    monkeypatch.delattr("mkdocs.structure.pages._ExtractTitleTreeprocessor")
    renderer = PageMarkdown(config, Files([]))
    rendered = []
    monkeypatch.setattr(Page, "render", lambda self, config, files: rendered.append(self))
    p = page(config, "正文")
    renderer.render(p)
    assert rendered == [p]


def test_footnotes_numbered_per_parser_get_a_parser_per_body():
    """Python-Markdown's footnotes with UNIQUE_IDS number their ids by the parser's conversions: MkDocs, a parser a
    page, gives fn:2-1 on every page; the shared parser gave fn:13-1 on the thirteenth, and a warm rebuild another
    number than a clean one (a review).  Such bodies get a parser each, and the pages' shared parser steps aside."""
    from build_tools.body_html import BodyRenderer, counts_conversions
    text = "正文[^1]。\n\n[^1]: 注释。\n"
    plain = BodyRenderer(("footnotes",), {"footnotes": {"UNIQUE_IDS": True}})
    first = plain(text)
    assert 'id="fn:' in first and all(plain(text) == first for _ in range(3))
    assert first == BodyRenderer(("footnotes",), {"footnotes": {"UNIQUE_IDS": True}})(text)
    assert counts_conversions(["footnotes"], {"footnotes": {"UNIQUE_IDS": True}})
    assert counts_conversions(["footnotes"], {"footnotes": {"BACKLINK_TITLE": "返回"}}) is None
    assert counts_conversions(["tables"], {}) is None
