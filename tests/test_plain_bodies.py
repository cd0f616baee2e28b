"""Bodies of plain paragraphs and headings, turned into HTML directly, are what MkDocs'
``Page.render`` makes of them: the HTML, the table of contents, the anchors, the links to the
page's own anchors and the title; anything else is left to Python-Markdown."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from build_tools import gongwen
from build_tools.body_anchors import EXTENSION as BODY_ANCHORS
from build_tools.body_html import sanitise
from build_tools.generate import generate_corpus
from build_tools.mkdocs_plugin import fast_paths, page_markdown, plain_bodies
from build_tools.mkdocs_plugin.build import build_site
from build_tools.mkdocs_plugin.page_markdown import PageMarkdown
from build_tools.mkdocs_plugin.plain_text_skip import PlainTextSkip

from .test_frames import assert_same, build_plain, serial
from .test_page_markdown import atomise_everything, mkdocs_render, page
from .test_verify import AS_OF, LOGGER, notices

ROOT = Path(__file__).resolve().parent.parent


def _config(extensions: list, configs: dict | None = None):
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    loaded.plugins._current_plugin = None  # as between plugin events (File.generated reads it)
    loaded.markdown_extensions[:] = [*extensions, BODY_ANCHORS]  # as the plugin's on_config adds it
    loaded.mdx_configs.clear()
    loaded.mdx_configs.update(configs or {})
    return loaded


@pytest.fixture(scope="module", params=["sample", "generated"])
def config(request):
    """The sample's extensions, and those a generated catalogue gets (the plugin's defaults)."""
    if request.param == "sample":
        return _config(["tables", "footnotes", "attr_list", "admonition", "toc"], {"toc": {"permalink": False}})
    return _config(["toc", "tables", "fenced_code"])


def assert_made_as_mkdocs(config, text: str, made: plain_bodies.Made) -> None:
    expected = mkdocs_render(config, text)
    assert made.html == expected.content
    assert plain_bodies.sanitised(made) == sanitise(made.html)  # as the open data and the page show it
    got = page(config, text)
    renderer = PageMarkdown(config, Files([]))
    renderer.usable()
    renderer._apply(made, got)
    assert str(got.toc) == str(expected.toc)
    assert [(t.title, t.id, t.level) for t in _flat(got.toc)] == [(t.title, t.id, t.level) for t in _flat(expected.toc)]
    assert got.present_anchor_ids == expected.present_anchor_ids
    assert [(f.src_uri, list(a.items())) for f, a in got.links_to_anchors.items()] == \
        [(f.src_uri, list(a.items())) for f, a in expected.links_to_anchors.items()]
    assert got.title == expected.title


def _flat(toc):
    for item in toc:
        yield item
        yield from _flat(item.children)


_CLOSING = gongwen.typeset("正文。\n\n江川省交通运输厅\n2019年11月21日").split("\n\n")[-1]
_ATTACHED = gongwen.typeset("正文。\n\n附件：1. 名单\n2. 示意图\n\n江川省交通运输厅\n2019年11月21日",
                            {"名单": "../a b.pdf?x=1&y=2"}).split("\n\n")[1]

_QUOTED = gongwen.typeset("正文。\n\n附件：1. 甲'乙\"丙\n\n江川省交通运输厅\n2019年11月21日",
                          {"甲'乙\"丙": "../x'y\".pdf"}).split("\n\n")[1]

# Lines of the forms read directly, and near misses of every construct that is not.
_LINE = st.sampled_from([
    "为了规范道路客运班线经营许可", "本办法自2020年1月1日起施行", "（一）道路运输经营者", "江川省交通运输厅",
    "2019年11月21日", "第一条", "第一条 为了加强管理", "第一条　为了", "第二条之一 补充", "第3条 数字",
    "第一百二十条", "第一章 总则", "一、总体要求", "ABC abc 123", "价格上涨5.5%（同比）", "a-b/c:d;e'f\"g?h+i=j@k$l^m",
    "全角　空格", "　　首行缩进", "行尾全角　", "中  间  空格", "第一条第二条", "第一条为了",
    "**第一条** 为了规范", "**第二条**　全角", "**第三条**", "**江川省安全生产约谈实施办法**", "**第四条之一** 补",
    "**第五条 标题** 正文", "**（一）**其他", "**A** b", "**1**",
    # near misses: constructs Python-Markdown reads, characters this module refuses
    "# 一级标题", "1. 列表", "2019.11 日期", "- 项", "+ 项", "* 项", "> 引用", "    代码", "\t制表", "行尾空格 ",
    "行尾两空格  ", "**不闭合", "第一条**", "中间**粗**体", "**第六条** 又**粗**", "a|b", "<b>粗</b>", "a&b", "a_b",
    "[链接](x.md)", "`代码`", "\\转义", "{: #id }", "!!! note", "~~~", "不换行\xa0空格", "零宽\u200b字符", "\u3000",
    "１. 全角", "١. 阿拉伯", "１２３ 数字", "##无空格", "####### 七级", "## 标题 ##", "#标签", "正文 # 井号", "---", "===", "***", ":定义", "\x02", "\r",
    "<div class=\"cat-gw-closing\"><p>未闭合</div>", "<div class=\"cat-gw-x\">a & b</div>",
    # numbers pasted from a web page or a PDF (a review): invisible characters, full-width digits, spaced
    "\u200b第二条 零宽空格后的条", "第３条 全角数字", "第 五 条 空格", "\ufeff**第六条** 粗", "第十条之 一 空格",
])
_HEADING = st.sampled_from([
    "## 第一章 总则", "## 第二章　附则", "### 第一节 一般规定", "### 第一节", "#### 附件", "## 第三条 标题里的条",
    "## 一、总体要求", "###### 六级", "## 第一章 总则", "## 第一编 总则", "### 第一分编", "## 第一部分", "##  双空格",
    "## 第一章 总则　", "## ABC", "## 1", "## 第一条", "## **第九条** 标题", "## 标题*", "#### *强调*",
    "## 第 一 章　总则", "### 第 二 节", "## \u200b第三章 附则", "## 第４章", "## ※", "## ？", "## ★★★",
    '## "', '## ""', "## '", '## "※"',  # a heading of quotes: its id written as Python-Markdown writes it (a review)
])
_BREAK = st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\n\n\n\n"])
_ITEM = st.one_of(_LINE, st.sampled_from(["《中华人民共和国政府信息公开条例》", "甲《乙〈丙〉》", "1.因公出国（境）费", "第一条 条号",
                                          "2. 嵌套", "- 无序", "## 标题", ": 定义", "a | b", ""]))
_NUMBER = st.sampled_from(["1. ", "1. ", "2. ", "3.  ", "10. ", "0. ", "1.", " 1. ", "1) ", "１. "])
_CELL = st.sampled_from(["收入项目", " 预算数（万元） ", "127779.61", "", " ", "1.因公出国（境）费", "第一条 x", "全角　空格", "- 项",
                         "1. 项"] * 4 + ["a*b", "a_b", "`x`", "\\", "<b>", "a&b", "# 井", "> 引", "---", "\u3000", "　缩进",
                                         "x\xa0y"])
_SEPARATOR = st.sampled_from(["---", "---", "---", "-", " --- ", ":--", "--:", ":-:", "--- -", "==="])


@st.composite
def ordered_lists(draw):
    items = draw(st.lists(st.tuples(_NUMBER, _ITEM), min_size=1, max_size=4))
    return "\n".join((n if i else n.replace("2. ", "1. ")) + t for i, (n, t) in enumerate(items))


@st.composite
def tables(draw):
    width = draw(st.sampled_from([2, 2, 3, 4, 1]))
    rows = [[draw(_CELL) for _ in range(width)], [draw(_SEPARATOR) for _ in range(width)]]
    rows += [[draw(_CELL) for _ in range(draw(st.sampled_from([width] * 6 + [width + 1, width - 1])))]
             for _ in range(draw(st.integers(0, 3)))]
    lead, tail = draw(st.sampled_from([("|", "|"), ("|", "|"), ("|", "|"), ("", "|"), ("|", ""), ("| ", " |")]))
    return "\n".join(lead + "|".join(r) + tail for r in rows)


_BLOCK = st.one_of(
    st.lists(_LINE, min_size=1, max_size=3).map("\n".join),
    _HEADING, ordered_lists(), tables(), tables(),
    st.sampled_from([_CLOSING, _ATTACHED, _QUOTED,
                     '<div class="cat-gw-note"><p><a class="cat-article" href="#第一条">第一条</a></p></div>']),
)


@st.composite
def bodies(draw):
    parts = draw(st.lists(st.tuples(_BLOCK, _BREAK), min_size=1, max_size=12))
    lead = draw(st.sampled_from(["", "", "\n", "\n\n"]))
    return lead + "".join(block + brk for block, brk in parts)


_LAW = ("## 第一章 总则\n\n**第一条** 为了规范管理，根据有关法律，制定本办法。\n\n**第二条**　本办法适用于全省。\n\n"
        "## 第二章 许可\n\n### 第一节 申请\n\n**第三条** 申请人应当提交：\n（一）申请书；\n（二）证明材料。\n\n"
        "第三条 重复的条号没有锚点。\n\n**江川省交通运输厅**\n\n" + _CLOSING)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies())
@example(_LAW)
@example("第一段\n\n\n" + _CLOSING + "\n\n\n\n尾\n\n\n## 第一章 总则\n\n\n\n\n第一条 x")
@example(_ATTACHED + "\n\n" + _CLOSING)
@example("## 第一章 总则\n**第一条** 标题下没有空行\n## 第二章 附则\n第二条 完")
@example("正文\n\n1. 甲\n2. 乙\n\n\n\n1. 丙\n\n| 甲 | 乙 |\n|---|---|\n|  | 2 |\n\n尾")
@example('## "\n\n正文')
@example("**第一条** 为了规范道路客运\n班线经营，“三不进站”\n《条例》……\n——全省\nGDP\n增长\n\n" + _CLOSING)  # PDF breaks (cjk_breaks.py)
def test_a_body_read_directly_is_what_mkdocs_makes_of_it(config, text):
    made = plain_bodies.convert(text)
    if made is not None:
        assert_made_as_mkdocs(config, text, made)


def test_the_forms_of_a_law_are_read_and_the_rest_is_not():
    assert plain_bodies.convert(_LAW) is not None
    assert plain_bodies.convert(_ATTACHED + "\n\n" + _CLOSING) is not None
    for text in ["正文\n\n1. 列表", "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |", "正文\n\n1. 甲\n2. 乙\n\n| 甲 | 乙 |\n|---|---|\n|  | 2 |"]:
        assert plain_bodies.convert(text) is not None, text  # tight ordered lists and plain pipe tables
        assert plain_bodies.convert(text, lists_and_tables=False) is None, text
    for text in ["# 标题\n\n正文", "1. 甲\n\n2. 乙", "3. 列表", "1. 第一条 条号", "1. **粗**", "| 甲 | 乙 |\n|:--|---|\n| 1 | 2 |",
                 "| 甲 | 乙 |\n|---|---|\n| 1 |", "| 甲 |\n|---|\n| 1 |", "正文  \n下一行",
                 "正文[^1]\n\n[^1]: 注", "见[附件](a.md)", "正文 {: #id }", "!!! note\n    内容", "", "\n\n",
                 "**不闭合\n\n正文", "<div>原始</div>", "正文\xa0空格",
                 # \\d in Python-Markdown's list pattern is any decimal digit: full-width, Arabic-Indic …
                 "１. 列表", "正文\n\n١. x", "## 标题\n２. 项",
                 # HTML blocks: what Python-Markdown expands, drops or completes, and two blocks on a line
                 gongwen.typeset("正文。\n\n江川省\t交通运输厅\n2019年11月21日"),
                 '<div class="cat-gw-closing">a\x02b</div>', '<div class="cat-gw-closing">&#1</div>',
                 '<div class="cat-gw-closing">&#</div>\n\n尾', '<div class="cat-gw-closing">&#;</div>\n\n尾',
                 '<div class="cat-gw-closing">x</div><div class="cat-gw-note">y</div>',
                 '<div class="cat-gw-closing">!</div><div></div>',
                 "孤立代理\ud800字符"]:  # the sanitiser cannot take a lone surrogate
        assert plain_bodies.convert(text) is None, text


def test_most_of_a_generated_long_catalogue_is_read_directly(tmp_path, config):
    generate_corpus(40, tmp_path / "corpus", seed=3, config=None, profile="long")
    read = total = 0
    for path in sorted((tmp_path / "corpus" / "catalogue").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        text = gongwen.typeset(body)
        made = plain_bodies.convert(text)
        total += len(text)
        if made is not None:
            read += len(text)
            assert_made_as_mkdocs(config, text, made)
    assert read > 0.8 * total


# -- which parsers it stands in for ------------------------------------------------------


def _md(extensions, configs=None) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*extensions, BODY_ANCHORS], extension_configs=configs or {})


def test_it_stands_in_for_the_project_extensions_only():
    assert plain_bodies.refusal(_md(["tables", "footnotes", "attr_list", "admonition", "toc", "def_list"])) is None
    assert plain_bodies.refusal(_md(["toc", "tables", "fenced_code"])) is None
    assert plain_bodies.refusal(_md(["toc", "sane_lists"])) is None  # the sample's: its lists from 1 are the same
    for extension in ["abbr", "smarty", "nl2br", "md_in_html", "pymdownx.magiclink",
                      "pymdownx.smartsymbols", "pymdownx.betterem"]:
        assert "未知的处理器" in (plain_bodies.refusal(_md(["toc", extension])) or ""), extension
    assert "toc" in plain_bodies.refusal(_md(["tables"]))  # no toc: no table of contents to make
    no_bold = _md(["toc"])
    no_bold.inlinePatterns.deregister("em_strong")  # **第一条** would stay as it is written
    assert "em_strong" in plain_bodies.refusal(no_bold)
    for kind, name in [("blockprocessors", "paragraph"), ("blockprocessors", "hashheader"),
                       ("treeprocessors", "unescape"), ("postprocessors", "amp_substitute")]:
        parser = _md(["toc"])  # an extension that only removes one of the core's processors
        registry = parser.parser.blockprocessors if kind == "blockprocessors" else getattr(parser, kind)
        registry.deregister(name)
        assert name in (plain_bodies.refusal(parser) or ""), name
    for configs in [{"permalink": True}, {"anchorlink": True}, {"baselevel": 2}, {"toc_depth": "2-3"},
                    {"marker": "目录"}]:  # a paragraph 目录 would be the table of contents
        assert "toc" in plain_bodies.refusal(_md(["toc"], {"toc": configs})), configs
    for configs in [{"marker": ""}, {"marker": "[目录]"}, {"slugify": lambda value, separator: value}, {"toc_depth": 6}, {"title": "目录"}]:
        assert plain_bodies.refusal(_md(["toc"], {"toc": configs})) is None, configs


@pytest.mark.parametrize("spoil", [
    lambda m: replace(m, html=m.html.replace("<p", '<p class="x"', 1)),
    lambda m: replace(m, toc_tokens=[]),
    lambda m: replace(m, anchor_ids=m.anchor_ids | {"多余"}),
    lambda m: replace(m, self_links={}),
    lambda m: replace(m, self_links=dict(reversed(m.self_links.items()))),  # the order MkDocs checks them in
], ids=["html", "toc", "anchors", "self-links", "self-links-order"])
def test_a_wrong_direct_conversion_is_caught_and_switched_off(monkeypatch, spoil):
    config = _config(["toc", "tables", "fenced_code"])
    real = plain_bodies.convert

    def wrong(text):
        made = real(text)
        return None if made is None else spoil(made)

    monkeypatch.setattr(plain_bodies, "convert", wrong)
    renderer = PageMarkdown(config, Files([]))
    for text in ["## 第一章 总则\n\n第一条 甲\n\n第二条 乙", "第三条 丙"]:
        got = page(config, text)
        renderer.render(got)
        assert got.content == mkdocs_render(config, text).content
    assert renderer._plain_bodies is False
    [notice] = [n for n in renderer.notices if n.speedup == fast_paths.PLAIN_BODIES]
    assert "结果不同" in notice.reason


def test_each_process_checks_its_first_bodies_both_ways(monkeypatch):
    config = _config(["toc", "tables", "fenced_code"])
    converted = []
    real = PageMarkdown._convert_md
    monkeypatch.setattr(PageMarkdown, "_convert_md", lambda self, p: converted.append(p) or real(self, p))
    renderer = PageMarkdown(config, Files([]))
    for i in range(page_markdown._VERIFY + 3):
        renderer.render(page(config, f"第{i + 1}条 正文"))
    # once each, the first of them (the skip takes no part in a plain body, and is not checked on one)
    assert len(converted) == page_markdown._VERIFY
    assert renderer._plain_bodies is True


def test_it_steps_aside_for_an_unverified_markdown(monkeypatch):
    real = fast_paths.importlib.metadata.version
    monkeypatch.setattr(fast_paths.importlib.metadata, "version",
                        lambda dist: "3.12.0" if dist == "markdown" else real(dist))
    monkeypatch.setattr(fast_paths, "VERIFIED", {**fast_paths.VERIFIED, "markdown": ("3.12",)})  # the parser
    monkeypatch.setattr(page_markdown, "unverified",  # … and the skip may run: only plain bodies is unverified
                        lambda speedup: fast_paths.unverified(speedup) if speedup == fast_paths.PLAIN_BODIES else None)
    monkeypatch.setattr(fast_paths, "_USES", {**fast_paths._USES, fast_paths.PLAIN_BODIES: ("markdown",)})
    monkeypatch.setattr(fast_paths, "VERIFIED", {**fast_paths.VERIFIED, "markdown": ("3.11",)})
    config = _config(["toc", "tables", "fenced_code"])
    renderer = PageMarkdown(config, Files([]))
    got = page(config, "第一条 正文")
    renderer.render(got)
    assert got.content == mkdocs_render(config, "第一条 正文").content
    assert renderer._plain_bodies is False and renderer.usable()
    [notice] = [n for n in renderer.notices if n.speedup == fast_paths.PLAIN_BODIES]
    assert "markdown 3.12.0" in notice.reason


def test_a_wrong_skip_is_blamed_alone(monkeypatch):
    """Plain bodies are checked against Python-Markdown's own conversion, not the skip's."""
    monkeypatch.setattr(PlainTextSkip, "run", atomise_everything)
    config = _config(["toc", "tables", "fenced_code"])
    renderer = PageMarkdown(config, Files([]))
    # plain bodies first (the skip takes no part in them, nor is it checked on them), then a link
    for text in ["**第一条** 甲", "**第二条** 乙", "**第三条** 丙", "**第四条** 丁", "**重要**：见[附件](a.md)。"]:
        got = page(config, text)
        renderer.render(got)
        assert got.content == mkdocs_render(config, text).content
    assert renderer._plain_bodies is True
    assert [n.speedup for n in renderer.notices] == [fast_paths.PLAIN_TEXT_SKIP]


# -- in a build ------------------------------------------------------------------------------


def test_a_long_catalogue_is_the_same_read_directly_or_by_markdown(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    generate_corpus(30, tmp_path / "corpus", seed=8, config=None, profile="long")
    config = serial(tmp_path / "corpus" / "mkdocs.yml")
    calls = []
    real = plain_bodies.convert
    monkeypatch.setattr(plain_bodies, "convert", lambda text: calls.append(text) or real(text))
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    assert sum(real(t) is not None for t in calls) > 10
    assert notices(caplog, fast_paths.PLAIN_BODIES) == []
    monkeypatch.undo()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))
