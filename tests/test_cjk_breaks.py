"""Line breaks between Chinese characters are taken out of a body's HTML (build_tools/cjk_breaks.py): Chrome and Edge
showed 保障人⏎民群众 as 保障人 民群众 (a review)."""

from __future__ import annotations


import pytest

from build_tools.body_html import BodyRenderer
from build_tools.cjk_breaks import join_lines
from build_tools.mkdocs_plugin import plain_bodies

PDF_PASTE = "为进一步加强农村公路养护管理，提升农村公路路况水平，保障人\n民群众安全便捷出行，经研究，决定在全省开展农村公路养护提质\n行动。"


def test_a_paragraph_pasted_from_a_pdf_has_no_break_between_its_characters_on_either_path():
    shown = BodyRenderer()(PDF_PASTE)
    assert shown == "<p>为进一步加强农村公路养护管理，提升农村公路路况水平，保障人民群众安全便捷出行，经研究，决定在全省开展农村公路养护提质行动。</p>"
    made = plain_bodies.convert(PDF_PASTE)
    assert made is not None and plain_bodies.sanitised(made) == shown  # the direct conversion gives the same


W = "为进一步加强农村公路养护管理工作，"  # a line as long as a wrapped one
"""Seventeen characters: a PDF's line holds 28; a shorter one ends where the editor ended it."""


@pytest.mark.parametrize("html, expected", [
    ("<p>" + W + "保障人\n民群众</p>", "<p>" + W + "保障人民群众</p>"),
    ("<p>" + W + "如下。\n　　各地要</p>", "<p>" + W + "如下。　　各地要</p>"),
    ("<p>" + W + "“三不进站”\n《条例》……</p>", "<p>" + W + "“三不进站”《条例》……</p>"),
    ("<p>" + W + "<strong>重要</strong>\n<em>内容</em></p>", "<p>" + W + "<strong>重要</strong><em>内容</em></p>"),
    ("<p>全省\nGDP\n增长</p>", "<p>全省\nGDP\n增长</p>"),  # beside a Latin word: a space, as in any browser
    ("<pre><code>代码\n代码</code></pre>\n<p>" + W + "甲\n乙</p>", "<pre><code>代码\n代码</code></pre>\n<p>" + W + "甲乙</p>"),
    ("<p><code>代码\n代码</code>" + W + "与\n文字</p>", "<p><code>代码\n代码</code>" + W + "与文字</p>"),
    # a short line ends where the editor ended it: names one a line, 附件 over its title; links one a line (a review)
    ("<p>江川市公路管理局\n江南市道路运输管理局</p>", "<p>江川市公路管理局\n江南市道路运输管理局</p>"),
    ('<p>附件：<a href="a.csv">' + W + '</a>\n<a href="b.csv">联系人名单</a></p>',
     '<p>附件：<a href="a.csv">' + W + '</a>\n<a href="b.csv">联系人名单</a></p>'),
    ('<p><span title="标\n题">甲</span></p>', '<p><span title="标\n题">甲</span></p>'),
    ("<p>甲</p>\n<p>乙</p>\n<ul>\n<li>丙</li>\n<li>丁</li>\n</ul>", "<p>甲</p>\n<p>乙</p>\n<ul>\n<li>丙</li>\n<li>丁</li>\n</ul>"),
])
def test_only_a_break_between_two_chinese_characters_in_text_is_taken_out(html, expected):
    assert join_lines(html) == expected


def test_the_direct_conversion_joins_as_python_markdown_does():
    for text in ("## 第一章 总则\n\n**第一条** 为了规范农村公路的养护管理工作，\n制定本办法。\n\n（一）甲\n（二）乙\n\n第二条 全省\nGDP\n增长。",
                 PDF_PASTE):
        made = plain_bodies.convert(text)
        assert made is not None
        assert made.html == BodyRenderer()._md.convert(text)
        assert text == PDF_PASTE or "工作，制定" in made.html and "（一）甲\n（二）乙" in made.html
