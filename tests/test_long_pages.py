"""Long pages (issue 19): ids from the text of headings and articles, a 目录, a link back to the top.

The extension is tested on Markdown (body_anchors.py), the pages on
tests/long_catalogue/ built (a record with 章, 节 and 135 条, and a short one).
tests/browser/test_long_pages_browser.py shows the same pages in Chromium.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import markdown
import pytest

from build_tools.body_anchors import EXTENSION
from build_tools.body_html import BodyRenderer
from build_tools.mkdocs_plugin.build import build_site
from build_tools.views.urls import record_path

from .sitetools import links_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "long_catalogue"
LONG = record_path("015200371/2025-00010")
SHORT = record_path("015200371/2025-00011")
AS_OF = dt.date(2026, 11, 23)


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["toc", "tables", "attr_list", "footnotes", EXTENSION]).convert(text)


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def heading_ids(html: str) -> dict[str, str]:
    """Heading text → id."""
    return {re.sub(r"<[^>]+>", "", text): i for i, text in re.findall(r'<h[1-6] id="([^"]*)">(.*?)</h[1-6]>', html)}


# -- the extension ------------------------------------------------------------

def test_numbered_headings_are_addressed_by_their_number_within_what_they_belong_to():
    html = convert("## 第一章 总则\n\n## 第二章 许可\n\n### 第一节 一般规定\n\n### 第二节 客运\n\n"
                   "## 第三章 管理\n\n### 第一节 车辆\n\n## 第一编 总则\n\n### 第一章 基本规定\n\n"
                   "#### 第一节 原则\n\n## 第二编 物权\n\n### 第一分编 通则\n\n#### 第一章 一般规定\n")
    assert list(heading_ids(html).items()) == [
        ("第一章 总则", "第一章"), ("第二章 许可", "第二章"), ("第一节 一般规定", "第二章第一节"),
        ("第二节 客运", "第二章第二节"), ("第三章 管理", "第三章"), ("第一节 车辆", "第三章第一节"),
        ("第一编 总则", "第一编"), ("第一章 基本规定", "第一编第一章"), ("第一节 原则", "第一编第一章第一节"),
        ("第二编 物权", "第二编"), ("第一分编 通则", "第二编第一分编"), ("第一章 一般规定", "第二编第一分编第一章")]


def test_ranks_not_markdown_levels_decide_what_a_heading_belongs_to():
    # An editor who wrote 章 and 节 at the same level: a 节 still belongs to the 章 before it.
    html = convert("## 第一章 总则\n\n## 第一节 一般规定\n\n## 第二章 许可\n\n## 第一节 申请\n")
    assert ids(html) == ["第一章", "第一章第一节", "第二章", "第二章第一节"]


def test_other_headings_get_their_text_and_explicit_ids_are_kept():
    html = convert("## 附件 & 说明[^1]\n\n## 一、总体要求\n\n## Annex A\n\n## 第一章 总则 {#zongze}\n\n"
                   "### 第一节 一般规定\n\n[^1]: 注释\n")
    assert list(heading_ids(html).values()) == ["附件-说明", "一总体要求", "annex-a", "zongze", "第一章第一节"]


def test_a_taken_address_falls_back_to_the_heading_text_then_a_suffix():
    html = convert("## 第一章 总则\n\n## 第一章 总则\n\n## 第一章 总则\n\n## 第二章 其他 {#第二章}\n\n"
                   "## 第二章 许可\n")
    assert ids(html) == ["第一章", "第一章-总则", "第一章-总则_1", "第二章", "第二章-许可"]


def test_articles_get_an_id_and_a_link_to_themselves():
    html = convert("**第一条** 为了规范管理。\n\n第二条　本办法适用于全省。\n\n第一百二十条 罚则。\n\n"
                   "第十条之一 新增。\n\n- 第十一条 列表中的条。\n\n**第十二条　立法目的** 正文。\n\n"
                   "第13条 阿拉伯数字。\n")
    assert ids(html) == ["第一条", "第二条", "第一百二十条", "第十条之一", "第十一条", "第十二条", "第13条"]
    assert ('<p id="第一条"><strong><a class="cat-article" href="#第一条">第一条</a></strong> 为了规范管理。</p>'
            in html)
    assert '<p id="第二条"><a class="cat-article" href="#第二条">第二条</a>　本办法适用于全省。</p>' in html
    assert '<li id="第十一条"><a class="cat-article" href="#第十一条">第十一条</a> 列表中的条。</li>' in html
    assert '<strong><a class="cat-article" href="#第十二条">第十二条</a>　立法目的</strong>' in html


def test_only_the_first_paragraph_starting_an_article_gets_it_and_quotes_mentions_never():
    html = convert("第三条规定的事项，依照第五条处理。\n\n依照第一百二十条处理。\n\n> 第四条　引用的原文。\n\n"
                   "第五条 正文。\n\n第五条 修改为……\n\n见注释[^1]。\n\n[^1]: 第六条 注释里的条。\n")
    assert [i for i in ids(html) if "条" in i] == ["第五条"]
    assert html.count('href="#第五条"') == 1 and "<p>第五条 修改为……</p>" in html


def test_numbers_pasted_from_a_web_page_or_a_pdf_get_the_address_a_reader_types():
    """A zero-width space before 第二条, full-width digits, a PDF's spaced 第 一 章: no anchor, and the 节
    of a spaced 章 lost the chapter in their address (found by a review)."""
    html = convert("## 第 一 章　总则\n\n### 第 一 节 一般规定\n\n\u200b第二条 零宽空格。\n\n第３条 全角。\n\n"
                   "**第 四 条** 空格。\n\n## \u200b第二章 附则\n\n第十条之 一 补充。\n")
    assert ids(html) == ["第一章", "第一章第一节", "第二条", "第3条", "第四条", "第二章", "第十条之一"]
    assert '<a class="cat-article" href="#第3条">第３条</a> 全角。' in html  # shown as written


def test_an_invisible_character_before_a_bold_article_number_leaves_it_its_address():
    """A zero-width space or a BOM pasted from a web page before **第二条**: the paragraph's own text was read
    (the invisible character), not the bold's, and the article had no address (a review)."""
    html = convert("**第一条**　正文。\n\n\u200b**第二条**　零宽空格。\n\n\ufeff**第三条**　字节顺序标记。\n\n"
                   "\u200b\u3000__第四条__　下划线。\n")
    assert ids(html) == ["第一条", "第二条", "第三条", "第四条"]
    assert '<p id="第二条">\u200b<strong><a class="cat-article" href="#第二条">第二条</a></strong>　零宽空格。</p>' in html


@pytest.mark.parametrize("text, read, articles", [
    # Word's bold run takes the number's full-width space with it (**第二条　**): Markdown closes no bold after a space,
    # and the page showed the asterisks, with no address (a review); a bold never closed is left as written (check
    # says so), and so is code
    ("**第一条　**为了。\n\n**第二条 **适用。\n\n\u3000\u3000__第三条　__下划线。\n\n**第四条\u200b**　零宽。\n\n"
     "**第五条 为了\n\n```\n**第六条 **代码\n```\n\n    **第七条 **缩进\n",
     "**第一条**　为了。\n\n**第二条** 适用。\n\n\u3000\u3000__第三条__　下划线。\n\n**第四条**\u200b　零宽。\n\n"
     "**第五条 为了\n\n```\n**第六条 **代码\n```\n\n    **第七条 **缩进\n",
     ["第一条", "第二条", "第三条", "第四条"]),
    # the bold ending before 之一 gave 第二条之一 the address #第二条; underscores with text right after them showed as
    # underscores, no bold and no address (a later review)
    ("**第二条**　正文。\n\n**第二条**之一　插入的条。\n\n__第三条__本条所称。\n\n__第四条之一__规定。\n\n"
     "```\n__第五条__代码\n```\n",
     "**第二条**　正文。\n\n**第二条之一**　插入的条。\n\n**第三条**本条所称。\n\n**第四条之一**规定。\n\n"
     "```\n__第五条__代码\n```\n",
     ["第二条", "第二条之一", "第三条", "第四条之一"]),
])
def test_word_bold_runs_around_an_article_number_are_read_as_the_guide_writes_them(text, read, articles):
    """The page reads them as **第二条**　… (body_html.page_markdown), and check with it."""
    from build_tools.body_anchors import bold_numbers

    assert bold_numbers(text) == read
    html = convert(read)
    assert [i for i in ids(html) if "条" in i] == articles
    shown = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    assert not [a for a in articles if f"**{a}" in shown or f"__{a}" in shown]


def test_ids_written_in_the_bodys_html_are_not_given_again():
    """A page migrated from an old site keeps its <a id="第二条"></a>: the article and the chapter gave the
    same id again, and the 目录 led to the pasted paragraph (found by a review)."""
    html = convert('<a id="第二条"></a>\n\n<p id=\'第二章\'>旧网站的一段。</p>\n\n## 第一章 总则\n\n第二条 甲。\n\n'
                   "## 第二章 许可\n")
    assert sorted(i for i in ids(html) if ids(html).count(i) > 1) == []
    assert heading_ids(html)["第二章 许可"] == "第二章-许可" and "<p>第二条 甲。</p>" in html
    upper = convert('<P ID="第一条">旧的一段。</P>\n\n第一条 甲。\n')  # FrontPage's and Word's HTML (a fourth review)
    assert "<p>第一条 甲。</p>" in upper and 'id="第一条"' not in upper.replace('ID="第一条"', "")


def test_a_heading_of_punctuation_only_is_addressed_by_its_characters():
    before = "## 第一章 总则\n\n问答。\n\n## ？\n\n答。\n\n## ★★★\n\n完。\n"
    after = "## ※\n\n编者按。\n\n" + before
    assert ids(convert(before)) == ["第一章", "？", "★★★"]
    assert ids(convert(after)) == ["※", "第一章", "？", "★★★"]


def test_ids_come_from_text_not_position():
    body = "## 第一章 总则\n\n第一条 甲。\n\n## 附则\n\n## 第二章 许可\n\n### 第一节 申请\n\n第二条 乙。\n"
    inserted = "## 说明\n\n前言。\n\n" + body.replace("## 第二章", "## 新增的标题\n\n## 第二章")
    before, after = ids(convert(body)), ids(convert(inserted))
    assert [i for i in after if i not in ("说明", "新增的标题")] == before


def test_the_open_data_renders_bodies_with_the_anchors_by_default():
    # The core's renderer without MkDocs (open data) gives what the page gives.
    assert 'id="第一条"' in BodyRenderer()("第一条 甲。")


# -- the built pages ------------------------------------------------------------

def build_long(root: Path, edit=None, config_edit=None) -> Path:
    """tests/long_catalogue copied to ``root`` (``edit`` changes the long record's text, ``config_edit``
    its mkdocs.yml's) and built."""
    copy = root / "long"
    shutil.copytree(FIXTURE, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../theme", str(ROOT / "theme"))
    config.write_text(config_edit(text) if config_edit else text, encoding="utf-8")
    if edit is not None:
        record = copy / "catalogue" / "long-rules.md"
        record.write_text(edit(record.read_text(encoding="utf-8")), encoding="utf-8")
    return build_site(config, site_dir=root / "site", as_of=AS_OF, strict=True)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    return build_long(tmp_path_factory.mktemp("long"))


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def body(html: str) -> str:
    return re.search(r'<div class="cat-body">\n(.*?)\n</div>\n', html, re.S).group(1)


def test_a_long_record_has_text_ids_on_every_heading_and_article(long_site):
    html = body(page(long_site, LONG))
    headings = heading_ids(html)
    assert headings["第一章 总则"] == "第一章" and headings["第九章 附则"] == "第九章"
    assert headings["第二节 客运经营"] == "第二章第二节" and headings["第二节 应急处置"] == "第六章第二节"
    assert headings["附：条文修改说明"] == "附条文修改说明"
    articles = re.findall(r'<p id="(第[^"]*条)"><(?:strong><)?a class="cat-article" href="#\1"', html)
    assert len(articles) == len(set(articles)) == 135
    assert "第一百二十条" in articles and "第一百三十五条" in articles
    # 第十条 starts a paragraph twice (the article, the note on changes) and is quoted once: one id.
    assert ids(html).count("第十条") == 1 and "<p>第十条　修改为" in html
    # A mention inside an article is text, not an anchor.
    assert "依照本办法第一百二十条的规定处理" in html
    assert len(ids(html)) == len(set(ids(html)))


def test_a_long_record_has_a_目录_of_its_headings_nested_and_a_link_back_to_the_title(long_site):
    html = page(long_site, LONG)
    contents = re.search(r'<details class="cat-contents">(.*?)</details>', html, re.S)
    assert contents is not None and "<summary>目录</summary>" in contents.group(1)
    assert html.index('class="cat-contents"') < html.index('<div class="cat-body">')
    # Every heading of the body, in order, by its id; the 节 inside their 章.
    assert [h for h in links_of(contents.group(1))] == ["#" + i for i in heading_ids(body(html)).values()]
    assert re.search(r'<li><a href="#第二章">第二章 经营许可</a><ul><li><a href="#第二章第一节">', contents.group(1))
    assert '<h1 id="cat-top">' in html
    assert html.index('<a href="#cat-top">返回顶部</a>') > html.index('<div class="cat-body">')


def test_a_short_record_has_neither_目录_nor_link_back(long_site):
    html = page(long_site, SHORT)
    assert 'id="联系方式"' in html  # its one heading has its text as id
    assert "cat-contents" not in html and "返回顶部" not in html


def test_ids_stay_when_a_heading_is_inserted_before_them_and_the_site_is_built_again(long_site, tmp_path):
    def insert(text: str) -> str:
        text = text.replace("## 第一章 总则", "## 说明\n\n本办法的说明。\n\n## 第一章 总则", 1)
        return text.replace("## 第三章 车辆管理", "## 过渡安排\n\n过渡期一年。\n\n## 第三章 车辆管理", 1)

    again = build_long(tmp_path, insert)
    before, after = ids(body(page(long_site, LONG))), ids(body(page(again, LONG)))
    assert "说明" in after and "过渡安排" in after
    assert [i for i in after if i not in ("说明", "过渡安排")] == before
