"""The net under the link finder: a withheld file's name is found in a public text as a reader reads it.

An attack round found withheld names that reached pages, the open data and the
search index with ``catalogue check`` passing: after a number
(``附件：1.关于某某人员处分决定.pdf``), and written as Word, a CMS or a converter
writes them (``&#x2E;``, ``\\_``, ``**…**``, a full-width dot, a zero-width space,
upper case, a line break inside).  Each form is tried here, on the net itself and
through a build and a check.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.mkdocs_plugin.build import build_site
from tests.test_validate import covers
from build_tools.withheld_names import WithheldNames, fold, folded_with_places
from tests.test_attachments import check
from tests.test_security import AGENCY, AS_OF, output_files, record_text, write_project

WITHHELD = "notices/关于某某人员处分决定.md"
FILE = "notices/chufen_jueding_zhangsan.pdf"
STEM, ASCII_STEM = "关于某某人员处分决定", "chufen_jueding_zhangsan"

FORMS = {
    # after a number, as attachments are numbered
    "numbered": "附件：1.关于某某人员处分决定.pdf",
    "numbered-dash": "附件2-关于某某人员处分决定.pdf",
    "numbered-underscore": "附件3_关于某某人员处分决定.md",
    "numbered-ascii": "见附件1.chufen_jueding_zhangsan.pdf",
    # as Word, a CMS or a converter writes them
    "hex-reference": "见关于某某人员处分决定&#x2E;md",
    "escaped-dot": "见关于某某人员处分决定\\.md",
    "escaped-underscores": "见chufen\\_jueding\\_zhangsan.pdf",
    "decimal-reference-inside": "见关于某某&#20154;员处分决定.md",
    "references-at-start": "见&#20851;&#20110;某某人员处分决定.md",
    "emphasis-inside": "见关于某某人员**处分决定**.md",
    "full-width-dot": "见关于某某人员处分决定．md",
    "zero-width-space": "见关于某某人员处分决定\u200b.md",
    "zero-width-reference": "见关于某某人员处分决定&#8203;.md",
    "upper-case": "见CHUFEN_JUEDING_ZHANGSAN.PDF",
    "full-width-letters": "见ｃｈｕｆｅｎ_ｊｕｅｄｉｎｇ_ｚｈａｎｇｓａｎ.pdf",
    "soft-hyphen": "见chufen_jue\u00adding_zhangsan.pdf",
    "hard-wrapped": "见关于某某人员处分\n决定.pdf等文件",
    "percent-encoded": "见%E5%85%B3%E4%BA%8E某某人员处分决定.pdf",
    # a second round: HTML from Word or a CMS, Markdown's other marks, text copied from a PDF
    "span-split": '见<span style="font-family:仿宋">关于某某人员</span><span>处分决定.pdf</span>',
    "word-break": "见chufen_jueding<wbr>_zhangsan.pdf",
    "strike-through": "见~~chufen~~_jueding_zhangsan.pdf",
    "quotation-wrapped": "> 见关于某某人员\n> 处分决定.pdf",
    "kangxi-radical": "见关于某某⼈员处分决定.pdf",
    "direction-mark": "见关于某某人员\u202a处分决定\u202c.pdf",
}

def keeps(names: WithheldNames, texts) -> None:
    """Each of ``texts`` is left as it is written."""
    for text in texts:
        assert names.scrub(text) == text, text


def takes_out(names: WithheldNames, cases) -> None:
    """Each (text, word) of ``cases``: the word is not left in the text once the names are taken out."""
    for text, gone in cases:
        scrubbed = names.scrub(text)
        assert gone not in scrubbed, (text, scrubbed)


NAMES = WithheldNames({WITHHELD, FILE}, {"notices/公开通知.md", "notices/fankui-chufen_jueding_zhangsan.pdf"})


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_withheld_name_is_found_however_it_is_written(form):
    text = FORMS[form]
    scrubbed = NAMES.scrub(text)
    assert STEM not in fold(scrubbed) and ASCII_STEM not in fold(scrubbed), (text, scrubbed)
    assert scrubbed.startswith(text[:1])  # only the name goes


def test_brackets_and_paths_are_read_either_way():
    """处分决定（张三）.pdf withheld, 处分决定(张三).pdf written; 〔〕 as []; a path from the record's
    own folder, and with Windows' backslashes."""
    names = WithheldNames({"notices/ysq/处分决定（张三）.pdf", "notices/ysq/江交罚〔2024〕12号.pdf", "notices/ysq/名单.pdf"},
                          {"notices/公开.md"})
    for text in ("见处分决定(张三).pdf", "见江交罚[2024]12号.pdf", "见 ysq/名单.pdf", "见 ./ysq/名单.pdf",
                 "见 notices\\ysq\\名单.pdf"):
        scrubbed = names.scrub(text)
        assert "张三" not in scrubbed and "12号" not in scrubbed and "ysq" not in scrubbed, (text, scrubbed)


def test_what_a_published_file_or_another_site_is_called_stays():
    """A second attack round found the net taking out what pages should keep: a published file's link
    whose name holds a withheld one after a bracket or before a second dot, a download address of a CMS
    (``filename=附件.pdf``), and English words at a sentence's end."""
    names = WithheldNames({"ysq/申请表单.pdf", "ysq/附件.pdf", "ysq/zhengqiu-yijian.pdf", "ysq/Application Form.pdf",
                           "ysq/application.html"},
                          {"notices/附件(二)申请表单.pdf", "notices/zhengqiu-yijian.v2.pdf", "notices/a.md"})
    kept = ["[附件(二)申请表单](../../attachments/notices/%E9%99%84%E4%BB%B6%28%E4%BA%8C%29%E7%94%B3%E8%AF%B7"
            "%E8%A1%A8%E5%8D%95.pdf)",
            "[意见](../../attachments/notices/zhengqiu-yijian.v2.pdf)",
            "[申请表](https://zwfw.jiangchuan.gov.cn/module/download/downfile.jsp?classid=0&filename=附件.pdf)",
            '<a href="https://x.gov.cn/d.jsp?a=b&amp;name=附件.pdf">表</a>',
            "Please fill in the application form. Thank you for your application."]
    keeps(names, kept)


def test_a_fourth_rounds_forms_are_read_too():
    """Brackets of every shape in a document number, dashes Word makes of a hyphen, a full-width
    tilde, a line break inside a table cell (``<br>``) or pandoc's hard break (a backslash before the
    line's end), a catalogue path from the site's top, and a Chinese stem of six or seven characters."""
    names = WithheldNames({"notices/ysq/江交罚〔2024〕12号.pdf", "notices/ysq/附件2 - 拟录用人员名单.xlsx",
                           "notices/ysq/2024~2025年度工作计划.docx", "notices/ysq/关于给予张三同志警告处分的决定.pdf",
                           "notices/ysq/名单.xlsx", "notices/ysq/张三处分决定书.pdf"}, {"notices/公开.md"})
    takes_out(names, (("见江交罚﹝2024﹞12号.pdf", "12号"), ("见江交罚（2024）12号.pdf", "12号"),
                      ("见江交罚(2024)12号.pdf", "12号"), ("见江交罚〖2024〗12号.pdf", "12号"),
                      ("附件2 – 拟录用人员名单.xlsx", "录用"), ("附件2 — 拟录用人员名单.xlsx", "录用"),
                      ("见2024～2025年度工作计划.docx", "工作计划"),
                      ("| 1 | 关于给予张三同志<br>警告处分的决定.pdf |", "警告"),
                      ("关于给予张三同志\\\n警告处分的决定.pdf", "警告"),
                      ("又见[名单](/notices/ysq/名单.xlsx)", "名单.xlsx"),
                      ("附件：张三处分决定书.pdf", "处分")))
    # another site's address from its top is not the catalogue's
    kept = "见 https://www.gov.cn/notices/ysq/名单.xlsx"
    assert names.scrub(kept) == kept


def test_a_fifth_rounds_forms():
    """Other sites' addresses under a Chinese folder, a query or a hash route; a generic stem in another
    site's address or before a number; prose after a closing bracket (brackets of every shape fold
    alike); and what still leaked: dash runs, tildes of other widths, a Word bookmark inside a name."""
    names = WithheldNames({"notices/ysq/名单.xlsx", "notices/ysq/2024/附件1.pdf", "ysq/行政复议决定书.pdf",
                           "ysq/行政处罚决定书.pdf", "ysq/会议纪要.docx", "ysq/附件2--拟录用人员名单.xlsx",
                           "ysq/2024~2025年度工作计划.docx", "ysq/关于给予张三同志警告处分的决定.pdf",
                           "ysq/“三定”方案.pdf"}, {"notices/公开.md"})
    kept = ["http://www.xx.gov.cn/政务公开/ysq/名单.xlsx", "http://www.xx.gov.cn/down.jsp?file=/ysq/名单.xlsx",
            "http://www.xx.gov.cn/a#/ysq/名单.xlsx", "http://www.xx.gov.cn/上传文件/2024/附件1.pdf",
            "见司法部网站 <http://www.moj.gov.cn/pub/行政复议决定书.pdf>",
            "见（https://www.samr.gov.cn/xzcf/行政处罚决定书.pdf）", "本局印发了行政处罚决定书.2024年共计12份",
            "四、会议情况（征求意见稿）（会议纪要.docx）。", "见市编办网站“三定”方案.pdf"]
    keeps(names, kept)
    takes_out(names, (("附件2—拟录用人员名单.xlsx", "录用"), ("附件2 — 拟录用人员名单.xlsx", "录用"),
                      ("见2024〜2025年度工作计划.docx", "工作计划"), ("见2024∼2025年度工作计划.docx", "工作计划"),
                      ('关于给予张三同志<a name="_GoBack"></a>警告处分的决定.pdf', "警告"),
                      ("关于给予张三同志<!-- x -->警告处分的决定.pdf", "警告"),
                      ("关于给予张三同志<!--[if !supportLineBreakNewLine]--><br /><!--[endif]-->警告处分的决定.pdf", "警告"),
                      ("关于给予张三同志<!--StartFragment-->警告处分的决定.pdf", "警告"),
                      ("[1]: 会议纪要.docx", "会议"), ("见[纪要](会议纪要.docx)", "会议"),
                      ("见（2024）行政处罚决定书.pdf。", "处罚")))


def test_a_sixth_rounds_forms():
    """A reference definition from the site's top, prose right after an address, a name inside a
    comment (the open data keeps the body's comments) or split by a comment across lines, Office and
    pandoc bookmarks; and footnotes, whose text after ``]:`` is no address."""
    names = WithheldNames({"notices/ysq/名单.xlsx", "notices/ysq/会议纪要.docx",
                           "notices/ysq/关于给予张三同志警告处分的决定.pdf"}, {"notices/公开.md"})
    takes_out(names, (("[名单][1]\n\n[1]: /notices/ysq/名单.xlsx", "名单.xlsx"),
                      ("[名单]: /notices/ysq/名单.xlsx \"名单\"", "名单.xlsx"),
                      ("请登录http://www.xx.gov.cn查阅关于给予张三同志警告处分的决定.pdf", "警告"),
                      ("登录网站http://www.xx.gov.cn&nbsp;下载关于给予张三同志警告处分的决定.pdf", "警告"),
                      ("|http://www.xx.gov.cn|关于给予张三同志警告处分的决定.pdf|", "警告"),
                      ("二、<!-- 原附件：关于给予张三同志警告处分的决定.pdf -->", "警告"),
                      ("关于给予张三同志<!--\n-->警告处分的决定.pdf", "警告"),
                      ("关于给予张三同志[]{#_GoBack .anchor}警告处分的决定.pdf", "警告"),
                      ("关于给予张三同志<a name=_GoBack></a>警告处分的决定.pdf", "警告"),
                      ("关于给予张三同志<a id=\"_GoBack\" name='_GoBack'></a>警告处分的决定.pdf", "警告"),
                      ('关于给予张三同志<st1:chsdate w:st="on">警告</st1:chsdate>处分的决定.pdf', "处分的决定")))
    for kept in ("[^2]: 本次会议形成的会议纪要.docx未公开，全文另行印发。",
                 "[1]: 《行政处罚法》第三十二条；会议纪要.docx 另行印发"):
        assert names.scrub(kept) == kept, kept
    # a comment left open is no cost: each opener is read once
    assert names.spans("<!--x" * 2000 + "关于给予张三同志警告处分的决定.pdf") != []
    # another site's address: the stem need not begin its part; prose right after an address is not in it
    kept = ["[决定书](https://www.moj.gov.cn/pub/附件1-行政复议决定书.pdf)",
            "[下载](https://zwfw.x.gov.cn/downfile.jsp?filename=2024年行政复议决定书.pdf)"]
    names = WithheldNames({"ysq/行政复议决定书.pdf"}, {"notices/公开.md"})
    keeps(names, kept)


def test_an_eighth_rounds_forms():
    """A comment's marks inside a name, or one left open; prose after an address's path; a comment
    with a space inside an ASCII name or before an extension; ``--!>`` ending a comment; bookmarks
    written otherwise."""
    names = WithheldNames({"notices/ysq/关于给予张三同志警告处分的决定.pdf", "notices/ysq/zhengqiu-yijian.pdf",
                           "notices/ysq/会议纪要.docx"}, {"notices/公开.md"})
    n = "关于给予张三同志警告处分的决定"
    takes_out(names, (("关于给予张三同志<!--警告-->处分的决定.pdf", "处分"), ("<!--关于给予张三同志-->警告处分的决定.pdf", "处分"),
                      ("关于给予张三同志<!--警告处分的决定.pdf", "处分"), ("关于给予张三同志-->警告处分的决定.pdf", "处分"),
                      (f"请登录http://www.xx.gov.cn/index.html{n}.pdf", "处分"),
                      (f"网址https://www.x.gov.cn/a&nbsp;{n}.pdf", "处分"),
                      (f"详见http://www.xx.gov.cn/a.html**{n}.pdf**", "处分"),
                      ("五、意见稿zhengqiu<!--[if !supportLists]-->-yijian.pdf", "yijian"),
                      ("zhengqiu-yijian.<!--[if !supportLists]-->pdf", "yijian"),
                      (f"{n[:8]}<!-- x --!>{n[8:]}.pdf", "处分"),
                      ("见[纪要](<!-- x -->会议纪要.docx)", "会议"),
                      (f"{n[:8]}[]{{ #_GoBack }}{n[8:]}.pdf", "处分"),
                      (f"{n[:8]}[]{{.anchor #_GoBack}}{n[8:]}.pdf", "处分")))


def test_a_ninth_rounds_forms():
    """Other sites' file names before a stem (``content_``, ``P020240105``: a CMS's) keep their
    addresses; a whole file name before it, however written, makes it prose."""
    names = WithheldNames({"ysq/行政复议决定书.pdf", "ysq/关于给予张三同志警告处分的决定.pdf", "ysq/zhengqiu-yijian.pdf"},
                          {"notices/公开.md"})
    kept = ["参见https://www.gov.cn/zhengce/content/2024-01/05/content_关于给予张三同志警告处分的决定.htm",
            "参见https://www.moj.gov.cn/pub/P020240105行政复议决定书.pdf",
            "参见https://www.moj.gov.cn/pub/download?file=abc行政复议决定书.pdf",
            "参见https://www.moj.gov.cn/pub/t20240105_行政复议决定书.shtml",
            "参见https://www.moj.gov.cn/pub/%E8%A1%8C行政复议决定书.pdf",
            "[链接](https://www.moj.gov.cn/pub/doc_行政复议决定书.pdf)",
            "参见https://www.moj.gov.cn/pub/a_zhengqiu-yijian.pdf"]
    keeps(names, kept)
    # pandoc's empty spans, whatever they hold (a Word bookmark's Chinese name, a tracked change's
    # attributes), are read as nothing: a name split by one is read whole (a tenth round)
    for text in ("关于给予张三[]{#书签1 .anchor}同志警告处分的决定.pdf", '关于给予张三同志警告[]{.comment-end id="0"}处分的决定.pdf',
                 "关于给予张三[]{#_Toc1 .anchor custom-style=\"x\"}同志警告处分的决定.pdf",
                 "参见https://www.gov.cn/zhengce/index%2Ehtml关于给予张三同志警告处分的决定.pdf",
                 "参见https://www.gov.cn/zhengce/index．ｈｔｍｌ关于给予张三同志警告处分的决定.pdf"):
        scrubbed = names.scrub(text)
        assert "处分" not in scrubbed, (text, scrubbed)
    # a name inside a span's braces is read too (the site shows the braces and what they hold)
    takes_out(names, (('附件[]{#a title="关于给予张三同志警告处分的决定.pdf"}', "处分"), ("附件[]{关于给予张三同志警告处分的决定.pdf}", "处分"),
                      ("[]{.x data-file=zhengqiu-yijian.pdf}", "yijian")))
    # an address's own encoded characters before a stem are the address's
    keeps(names, ("https://www.gov.cn/a/x%26关于给予张三同志警告处分的决定.pdf", "https://www.gov.cn/files/R%26D_行政复议决定书.htm",
                  "https://www.gov.cn/a/x%3B行政复议决定书.pdf"))


def test_a_twelfth_rounds_forms():
    """A comment and a span together in a name; a span after a stem is no extension; a published
    name split by a bookmark stays whole; a whole file name with other dots before a stem in an
    address."""
    names = WithheldNames({"ysq/关于给予张三同志警告处分的决定.pdf", "ysq/行政复议决定书.pdf"},
                          {"notices/公开.md", "gk/关于撤销行政复议决定书.pdf"})
    takes_out(names, (("<!--关于给予张三[]{#_GoBack .anchor}同志警告处分的决定.pdf-->", "处分"),
                      ("关于给予<!--张三同志-->警告[]{#_GoBack .anchor}处分的决定.pdf", "处分"),
                      ("见关于给予张-->三同志警[]{#_GoBack .anchor}告处分的决定.pdf", "处分"),
                      ("https://www.gov.cn/a/x﹒html关于给予张三同志警告处分的决定.pdf", "处分")))
    keeps(names, ("本机关作出行政复议决定书[]{.anchor}。", '本机关作出行政复议决定书[]{.comment-end id="0"}，已送达。',
                  "见关于撤销[]{#书签1 .anchor}行政复议决定书.pdf", "见关于撤销[]{#_GoBack .anchor}行政复议决定书.pdf"))


def test_other_sites_addresses_and_ordinary_sentences_keep_their_words():
    """A third attack round: a withheld path's tail under a common folder (2024/附件1.pdf) cut other
    sites' addresses; a name of eight characters with its extension (申请表.docx, index.html,
    20240315.pdf) was looked for everywhere; and the fold's dropping of white space joined words into
    a stem (``report 2024.``, ``2024-03-15. Effective``)."""
    names = WithheldNames({"yishenqing/2024/附件1.pdf", "ysq/files/申请表.doc", "ysq/申请表.docx", "ysq/index.html",
                           "ysq/README.md", "ysq/20240315.pdf", "ysq/report2024.pdf", "ysq/2024-03-15.pdf",
                           "ysq/Budget 2024.xlsx", "ysq/政府信息公开申请表.docx"},
                          {"notices/附件1.pdf", "notices/a.md"})
    kept = ["下载：http://www.jiangchuan.gov.cn/uploads/2024/附件1.pdf",
            "[附件1](https://www.gov.cn/zhengce/2024/附件1.pdf)",
            "[表](https://x.gov.cn/bsfw/files/申请表.doc)",
            "[政府信息公开申请表](https://www.gov.cn/xinxi/政府信息公开申请表.docx)".replace("政府信息公开申请表.docx", "申请表.docx"),
            "请填写政府信息公开申请表.docx 后提交".replace("政府信息公开", "个人"),
            "http://www.gov.cn/index.html?a=1", "https://x.gov.cn/P020240315.pdf",
            "https://github.com/o/r/blob/main/README.md",
            "English summary: see the annual report 2024. Thank you.",
            "Published on 2024-03-15. Effective 2024-03-15.",
            "The Budget 2024. It", "请下载政府信息公开申请表．", "请下载政府信息公开申请表..."]
    keeps(names, kept)
    # what they guarded against is still taken out
    assert names.scrub("见 yishenqing/2024/附件1.pdf") == "见 "
    assert names.scrub("见 report2024.pdf 和 Budget 2024.xlsx") == "见 .pdf 和 .xlsx"
    assert WithheldNames({"ysq/application.pdf"}, {"a.md"}).scrub("Your application. See application.pdf") == \
        "Your application. See .pdf"
    assert names.scrub("[表](./ysq/申请表.docx)") == "[表](./)"


def test_a_name_inside_a_longer_published_name_stays():
    """fankui-chufen_jueding_zhangsan.pdf is published: a public body may name it."""
    text = "见fankui-chufen_jueding_zhangsan.pdf和FANKUI-CHUFEN_JUEDING_ZHANGSAN.PDF"
    assert NAMES.scrub(text) == text
    assert NAMES.scrub("见xx-chufen_jueding_zhangsan.pdf") == "见xx-.pdf"  # no published file is named so


def test_a_short_name_goes_only_from_a_links_address():
    names = WithheldNames({"b.md", "files/a.pdf"}, {"c.md"})
    text = "见[乙\n- 通知](b.md)和<a href = \"./files/a.pdf\">甲</a>，[丙]: <b.md>；b.md 与 a.pdf 照写。"
    assert names.scrub(text) == "见[乙\n- 通知]()和<a href = \"./\">甲</a>，[丙]: <>；b.md 与 a.pdf 照写。"
    # another site's file, or an address from the site's top, may have the name
    kept = "[x](https://example.org/b.md) [y](/b.md) <a href=\"mailto:b.md\">z</a>"
    assert names.scrub(kept) == kept
    # a published name that ends with it is left: ab.md is published
    assert WithheldNames({"b.md"}, {"ab.md"}).scrub("[x](../ab.md)") == "[x](../ab.md)"


def test_a_withheld_path_goes_where_its_name_is_published_elsewhere():
    """附件1-运输企业人员名单.pdf is published from notices/ and withheld in yishenqing/: the path from the
    catalogue's top names the withheld one, the name alone may be the published one."""
    names = WithheldNames({"yishenqing/附件1-运输企业人员名单.pdf"}, {"notices/附件1-运输企业人员名单.pdf"})
    text = "见[名单\n- 通知](../yishenqing/附件1-运输企业人员名单.pdf)，另见附件1-运输企业人员名单.pdf"
    assert names.scrub(text) == "见[名单\n- 通知](../)，另见附件1-运输企业人员名单.pdf"
    # a path that is the published file's from another folder is not looked for
    names = WithheldNames({"files/附件1-名单.pdf"}, {"2024/files/附件1-名单.pdf"})
    assert names.scrub("见 files/附件1-名单.pdf") == "见 files/附件1-名单.pdf"


_TEXT = st.lists(st.sampled_from(
    list("关于决定ab.AZ_-/%&#;\\*` \n\t\u3000\u200b\u00ad\ufeff．ｐＤ１İΣ") + ["&#46;", "&#x2E;", "%2E", "%E5%90%8D",
                                                                   "&amp;", "&period;", "\\_", "%FF", "<!--", "-->", "[]{#a .anchor}",
                                                                   "<br>", "—", "〔", "］", "～"]),
    max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_the_fast_fold_is_the_fold_with_places(text):
    """:func:`fold` (C speed, what every text is read with) gives the text the slow fold gives with
    each character's place; only where a name is found is the slow one run."""
    for comments in ("whole", "marks"):  # the two readings of comments
        folded, starts, ends = folded_with_places(text, comments)
        assert fold(text, comments) == folded
        assert len(starts) == len(ends) == len(folded)
        assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends))


def _spans_by_hand(names: WithheldNames, text: str) -> list[tuple[int, int]]:
    """What spans finds, read one place at a time over the folded text: at each place the longest
    word whose conditions hold, then on after it; each mapped to where it is written."""
    folded, starts, ends = folded_with_places(text)
    words = dict(names._words.items()) if names._words is not None else {}
    found, i = [], 0
    while i < len(folded):
        best = None
        for word, (_, kinds, spaced) in words.items():
            end = i + len(word)
            if (folded.startswith(word, i) and any(names._holds(k, folded, i, end) for k in kinds)
                    and not names._apart(kinds, word, spaced, folded, i, end, (text, starts, ends))):
                best = max(best or 0, end)
        if best is None:
            i += 1
            continue
        found.append((starts[i], ends[best - 1]))
        i = best
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


_PATHS = st.frozensets(st.text(alphabet="ab.-/中", min_size=1, max_size=10), max_size=4)


@settings(max_examples=400, deadline=None)
@given(_PATHS, _PATHS, _PATHS, st.lists(st.one_of(
    st.text(alphabet="ab.-/%2E中 xA\n", max_size=4),
    st.sampled_from(["attachments/", "records/", "../", "&#46;", "&period;", ".pdf", "](", "=\"", "**"])),
    max_size=12).map("".join))
def test_the_names_are_found_as_read_one_place_at_a_time(hidden, published, pages, text):
    """The automaton (pyahocorasick) finds what a reading one place at a time finds."""
    names = WithheldNames(hidden, published, pages)
    assert names.spans(text) == _spans_by_hand(names, text)
    assert names.spans(text) == _spans_by_hand(names, text)  # remembered: the same again
    shared = WithheldNames.shared(hidden, published, pages)
    assert shared.spans(text + "x") == WithheldNames(hidden, published, pages).spans(text + "x")


def test_a_net_for_the_same_files_is_shared_and_a_new_build_starts_afresh():
    """``check``'s net and the gate's read each body once between them (one object for the same files);
    a net for other files is another; a server's next build does not read through the last build's."""
    from build_tools.withheld_names import forget_shared
    forget_shared()
    hidden, published = {"ysq/关于给予张三同志警告处分的决定.pdf"}, {"a.md"}
    gate = WithheldNames.shared(hidden, published, ["x"], ["y"])
    assert WithheldNames.shared(set(hidden), list(published), iter(["x", "y"]), ["y"]) is gate
    assert WithheldNames.shared(hidden | {"b/名单名单名单名单名单.pdf"}, published, ["x"], ["y"]) is not gate
    text = "见关于给予张三同志警告处分的决定.pdf。"
    assert gate.spans(text) == [(1, 16)]  # the stem
    forget_shared()
    again = WithheldNames.shared(hidden, published, ["x"], ["y"])
    assert again is not gate and again.spans(text) == gate.spans(text)


_OBFUSCATIONS = st.sampled_from(["", "", " ", "\n", "\u200b", "\u00ad", "**", "\ufeff", "\u3000"])
_UNSEEN = st.sampled_from(["", "", "\u200b", "\u00ad", "**", "\ufeff", "<wbr>", "~~"])
"""What may stand inside an ASCII name: white space there makes two words (``report 2024``)."""


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_no_way_of_writing_a_withheld_name_keeps_it(data):
    """The stem, written with anything a reader does not see between its characters (white space too,
    in a Chinese name: a wrapped line), each character maybe as a reference, full width or upper case,
    is not left in the scrubbed text."""
    stem = data.draw(st.sampled_from([STEM, ASCII_STEM]))
    out = []
    for c in stem:
        form = data.draw(st.sampled_from(["plain", "decimal", "hex", "percent", "wide", "upper", "escaped"]))
        if form == "decimal":
            c = f"&#{ord(c)};"
        elif form == "hex":
            c = f"&#x{ord(c):X};"
        elif form == "percent":
            c = "".join(f"%{b:02X}" for b in c.encode())
        elif form == "wide" and c.isascii() and c.isalnum():
            c = chr(ord(c) + 0xFEE0)
        elif form == "upper":
            c = c.upper()
        elif form == "escaped" and c == "_":
            c = "\\_"
        out.append(c + data.draw(_OBFUSCATIONS if stem == STEM else _UNSEEN))
    dot = data.draw(st.sampled_from([".", "．", "&#46;", "%2E", "\\."]))
    text = "见" + "".join(out) + dot + "pdf等。"
    scrubbed = NAMES.scrub(text)
    assert stem.lower() not in fold(scrubbed), (text, scrubbed)
    assert scrubbed.startswith("见") and scrubbed.endswith("pdf等。")


# -- through a build and a check -------------------------------------------------------------------------


def fields(n: int, title: str, **more) -> dict:
    out = {"index_no": f"{AGENCY}/2024-{n:05d}", "title": title, "kind": "notice", "issuer": "测试厅",
           "category": "工业、交通/公路", "published": dt.date(2024, 3, 5)}
    out.update(more)
    return out


def test_no_form_of_a_withheld_name_reaches_the_site_and_the_check_reports_each(tmp_path):
    body = "\n\n".join(FORMS[form] for form in sorted(FORMS))
    withheld = record_text(fields(2, "内部决定", disclosure="不予公开", withheld_reason="条例第十四条",
                                  attachments=["chufen_jueding_zhangsan.pdf"]), "内部。")
    write_project(tmp_path, {"notices/公开通知.md": record_text(fields(1, "公开通知"), body),
                             WITHHELD: withheld}, files={FILE: b"%PDF-1.4\n"})
    found, _ = check(tmp_path)
    lines = {line for f, line, _, code in found if f == "notices/公开通知.md" and code == "body-link-not-public"}
    assert len(lines) == len(FORMS), (sorted(lines), found)  # each form is on a line of its own
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    for rel, data in output_files(site):
        text = data.decode("utf-8", "replace")
        if rel.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if rel.endswith((".html", ".json", ".xml", ".csv", ".txt")) or "search" in rel:
            folded = fold(re.sub(r"<[^>]*>", "", text))
            assert STEM not in folded and ASCII_STEM not in folded, rel


FIELD_FORMS = {
    "summary": "原附件 notices/chufen_jueding_zhangsan.pdf 已转为依申请公开",
    "change_note": "撤下附件“关于某某人员处分决定.pdf”，该件依申请公开",
    "keywords": ["处分", "关于某某人员处分决定.md"],
    "title": "关于撤下chufen_jueding_zhangsan.pdf的通知",
}


@covers("field-names-not-public")
def test_no_text_field_names_a_withheld_file_and_the_check_reports_each(tmp_path):
    """内容概述, 修订说明, 主题词 and 标题 are shown on the page, in lists, feeds, the search index and
    the open data (an attack round found a 修订说明 and a 内容概述 naming a withheld attachment in all of
    them): the names are taken out of them at the visibility gate, and ``check`` reports each field."""
    withheld = record_text(fields(2, "内部决定", disclosure="不予公开", withheld_reason="条例第十四条",
                                  attachments=["chufen_jueding_zhangsan.pdf"]), "内部。")
    write_project(tmp_path, {"notices/公开通知.md": record_text(fields(1, **FIELD_FORMS), "正文。"),
                             WITHHELD: withheld}, files={FILE: b"%PDF-1.4\n"})
    found, _ = check(tmp_path)
    assert sorted(field for f, _, field, code in found if code == "field-names-not-public") == sorted(FIELD_FORMS)
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    seen = []
    for rel, data in output_files(site):
        text = data.decode("utf-8", "replace")
        if rel.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        seen.append("已转为依申请公开" in text)
        folded = fold(re.sub(r"<[^>]*>", "", text))
        assert STEM not in folded and ASCII_STEM not in folded, rel
    assert any(seen)  # the summary is on the site, without the name


@covers("attachment-shared-not-yet-public", "names-not-yet-public")
def test_a_file_an_embargoed_record_holds_waits_for_its_date_and_the_check_says_so(tmp_path):
    """A public notice and a follow-up not yet published list the same file: the site keeps it back
    until the follow-up's date (publishing it would publish the follow-up early), and ``check`` says
    so on the notice, where it said nothing (an attack round).  So with the follow-up's file name
    in the notice's body: taken out until then, and a warning, not an error."""
    shared = "notices/qiye-mingdan-2024.pdf"
    later = AS_OF + dt.timedelta(days=30)
    write_project(tmp_path, {
        "notices/a.md": record_text(fields(1, "公开通知", attachments=["qiye-mingdan-2024.pdf"]),
                                    "后续见 2026-00002-houxu-tongzhi.md。"),
        "notices/2026-00002-houxu-tongzhi.md": record_text(
            fields(2, "后续通知", published=later, attachments=["qiye-mingdan-2024.pdf"]), "后续。")},
        files={shared: pdf_bytes()})
    found, _ = check(tmp_path)
    assert ("notices/a.md", 8, "attachments", "attachment-shared-not-yet-public") in found, found
    assert ("notices/a.md", 10, "body", "names-not-yet-public") in found, found
    assert not any(code == "body-link-not-public" for *_, code in found), found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert not (site / "attachments" / shared).exists()
    page = (site / f"records/{AGENCY}_2024-00001/index.html").read_text(encoding="utf-8")
    assert "后续见" in page and "houxu-tongzhi" not in page
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=later)
    assert (site / "attachments" / shared).is_file()
    page = (site / f"records/{AGENCY}_2024-00001/index.html").read_text(encoding="utf-8")
    assert "2026-00002-houxu-tongzhi.md" in page


def test_a_file_of_a_record_kept_off_for_personal_data_is_named_in_the_check_too(tmp_path):
    """A record kept off the site for an ID number in it: the build takes its files' names out of the
    other public texts until it is corrected, and ``check`` said nothing of them (found by a review).
    A warning, as for a record not yet published: corrected, it is published."""
    from tests.test_compliance import VALID_ID
    write_project(tmp_path, {
        "notices/a.md": record_text(fields(1, "公开通知"), "名单见 zhengqiu-yijian-huizong.pdf。"),
        "notices/b.md": record_text(fields(2, "意见汇总", attachments=["zhengqiu-yijian-huizong.pdf"]),
                                    f"联系人身份证号 {VALID_ID}。")},
        files={"notices/zhengqiu-yijian-huizong.pdf": pdf_bytes()})
    found, _ = check(tmp_path)
    assert ("notices/a.md", 9, "body", "names-not-yet-public") in found, found
    assert not any(f == "notices/b.md" and code == "names-not-yet-public" for f, *_, code in found), found
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    page = (site / f"records/{AGENCY}_2024-00001/index.html").read_text(encoding="utf-8")
    assert "名单见" in page and "zhengqiu-yijian-huizong" not in page


def pdf_bytes() -> bytes:
    from tests.test_attachments import GOOD
    return GOOD


def test_a_short_withheld_name_in_a_misread_link_reaches_no_output(tmp_path):
    """``[乙\\n- 通知](b.md)``: the link finder does not read it as Python-Markdown does, the HTML net
    took the address out of the pages, and ``b.md`` stayed in the open data's Markdown and the search
    index (an attack round).  A short name in a relative link's address is taken out everywhere."""
    write_project(tmp_path, {
        "a.md": record_text(fields(1, "公开通知"), "见[乙\n- 通知](b.md)和[丙\n- 名单](./files/zz.csv)。"),
        "b.md": record_text(fields(2, "内部通知", disclosure="不予公开", withheld_reason="条例第十四条",
                                   attachments=["files/zz.csv"]), "内部。")},
        files={"files/zz.csv": "a,b\n1,2\n".encode()})
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    leaked = [rel for rel, data in output_files(site) if re.search(rb"\bb\.md|zz\.csv", data)]
    assert leaked == []
    found, _ = check(tmp_path)
    assert {line for f, line, _, code in found if code == "body-link-not-public"} == {10, 11}, found


@pytest.mark.parametrize("linked", [False, True])
def test_a_build_without_strict_publishes_no_withheld_title_a_public_record_writes(tmp_path, linked):
    """A public notice (or an interpretation linking to it) that writes a 不予公开 处分决定's title is kept off the
    site until corrected, as a record with personal data is: the check's error had stopped the shipped
    workflow, but a build without it published the title in the page, lists, feeds, open data and index."""
    from tests.sitetools import output_bytes
    title = "关于给予张某某同志警告处分的决定"
    withheld = {"index_no": f"{AGENCY}/2024-00001", "title": title, "kind": "policy", "doc_type": "其他文件",
                "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, 5),
                "disclosure": "不予公开", "withheld_reason": "条例第十五条"}
    naming = {"index_no": f"{AGENCY}/2024-00002", "title": "通报", "kind": "interpretation" if linked else "notice",
              "issuer": "测试厅", "category": "工业、交通/公路", "published": dt.date(2024, 3, 6),
              **({"interprets": [f"{AGENCY}/2024-00001"]} if linked else {})}
    other = {**naming, "index_no": f"{AGENCY}/2024-00003", "title": "另一则通知", "kind": "notice"}
    other.pop("interprets", None)
    write_project(tmp_path, {"a.md": record_text(withheld, "内容。"),
                             "b.md": record_text(naming, "根据《关于给予张某某同志\u200b警告处分的决定》，通报如下。"),
                             "c.md": record_text(other, "另一则。")})
    found, _ = check(tmp_path)
    code = "reference-names-not-public" if linked else "withheld-title-named"
    assert [(f, c) for f, _, _, c in found if c == code] == [("b.md", code)]
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site", as_of=AS_OF)
    assert (site / "records" / f"{AGENCY}_2024-00003" / "index.html").is_file()
    assert not (site / "records" / f"{AGENCY}_2024-00002").exists()
    for path, data in output_bytes(site):
        text = data.decode("utf-8", "replace").replace("\u200b", "")
        assert "张某某" not in text and "通报如下" not in text, path
