"""公文 typography on record bodies (build_tools/gongwen.py): signature and date right, 附件 as links."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools import gongwen
from build_tools.gongwen import attachment_names, separate_items, typeset

# The ending of a real 通知 (安徽省交通运输厅, 2014; /work/shared/seeds/001), as an editor pastes it,
# with the 附件说明 GB/T 9704 puts between the text and the signature.
NOTICE = """各市交通运输局，厅直属各单位：

为深入推进政务公开政务服务信息化建设，现就有关事项通知如下。

加强人才队伍建设。广泛宣传政务公开和政务服务信息化建设的作用和意义，提高工作效率和服务水平。

附件：1. 政务公开政务服务信息化平台提升年活动任务分解表
2. 联络员名单

安徽省交通运输厅
2014年7月17日
"""

ATTACHMENTS = attachment_names(["notices/政务公开政务服务信息化平台提升年活动任务分解表.xlsx"],
                               "records/015200371_2014-00001/",
                               lambda path: "attachments/" + path)


def test_a_notice_ending_gets_a_right_aligned_signature_and_linked_attachments():
    out = typeset(NOTICE, ATTACHMENTS)
    assert "附件：1." not in out and "\n2. 联络员名单" not in out  # the note itself is replaced, whole
    assert out.startswith("各市交通运输局，厅直属各单位：\n\n为深入推进")
    assert ('<div class="cat-gw-closing"><p class="cat-gw-signer">安徽省交通运输厅</p>'
            '<p class="cat-gw-date">2014年7月17日</p></div>\n') in out
    assert ('<div class="cat-gw-attachments"><p class="cat-gw-attachments__head">附件：</p><ul>'
            '<li>1. <a href="../../attachments/notices/政务公开政务服务信息化平台提升年活动任务分解表.xlsx">'
            '政务公开政务服务信息化平台提升年活动任务分解表</a></li><li>2. 联络员名单</li></ul></div>') in out
    html = markdown.Markdown(extensions=["tables"]).convert(out)
    assert '<p class="cat-gw-signer">安徽省交通运输厅</p><p class="cat-gw-date">2014年7月17日</p>' in html
    assert "<p>加强人才队伍建设。" in html  # paragraphs as published


def test_a_body_ending_in_an_ordinary_sentence_stays_as_it_is():
    for body in ("第一条 本规定自2019年6月1日起施行。\n",
                 "正文。\n\n如有疑问，请拨打12328咨询。\n",
                 "正文。\n\n本决定自2023年6月1日起施行。\n2023年4月17日前已受理的，按原规定办理。\n",
                 "正文。\n\n- 江川省交通运输厅\n- 2023年4月17日\n",  # a list stays a list
                 "正文。\n\n```\n江川省交通运输厅\n2023年4月17日\n```\n",  # code stays code
                 "正文。\n\n```\n说明\n\n江川省交通运输厅\n2023年4月17日\n\n```\n",
                 "正文。\n\n    江川省交通运输厅\n    2023年4月17日\n",  # indented code
                 "附件：1. 名单\n2. 表格\n"):  # a 附件 note without a signature is left alone
        assert typeset(body, ATTACHMENTS) == body, body


def test_a_signature_under_a_decree_and_chinese_numeral_dates_are_found():
    body = "《规定》已经厅务会议审议通过，现予公布。\n\n厅长　张三\n二〇一九年四月十二日\n\n## 第一章 总则\n\n第一条。\n"
    out = typeset(body)
    assert '<p class="cat-gw-signer">厅长　张三</p><p class="cat-gw-date">二〇一九年四月十二日</p>' in out
    assert out.endswith("## 第一章 总则\n\n第一条。\n")
    # Inside a body, only an agency's or an official's name over a date is a signature.
    body = "通知如下。\n\n报名截止\n2023年4月24日\n\n其他事项。\n"
    assert typeset(body) == body
    # A date line under a sentence is not a signature block.
    assert typeset("正文。\n\n特此通知。\n2019年4月12日\n\n第二段。\n") == "正文。\n\n特此通知。\n2019年4月12日\n\n第二段。\n"


def test_text_is_escaped_and_the_published_note_kept():
    out = typeset("正文。\n\n江川<省>交通运输厅\n2023年4月24日\n（此件公开发布）\n")
    assert '<p class="cat-gw-signer">江川&lt;省&gt;交通运输厅</p>' in out and "<省>" not in out
    out = typeset("正文。\n\n江川省交通运输厅 & 财政厅\n2023年4月24日\n（此件公开发布）\n")
    assert '<p class="cat-gw-signer">江川省交通运输厅 &amp; 财政厅</p>' in out
    assert '<p class="cat-gw-note">（此件公开发布）</p>' in out


def test_a_sentence_broken_above_a_date_at_the_end_is_no_signature():
    for body in ("正文。\n\n报名截止\n2023年5月1日\n",
                 "正文。\n\n特此通知\n2023年4月24日\n",
                 "正文。\n\n2022年\n2023年4月24日\n"):
        assert typeset(body, ATTACHMENTS) == body, body
    # A date alone still closes the last paragraph, and an agency above it is still a signature.
    assert 'class="cat-gw-date">2023年4月24日<' in typeset("正文。\n\n2023年4月24日\n", ATTACHMENTS)
    assert 'class="cat-gw-signer">江川省交通运输厅<' in typeset("正文。\n\n江川省交通运输厅\n2023年4月24日\n")


def test_an_item_is_linked_only_to_a_file_whose_name_holds_the_items_name():
    files = attachment_names(["notices/名单.pdf", "notices/附件3-费用明细表.xlsx"], "records/015200371_2023-00001/",
                             lambda path: "attachments/" + path)
    body = "正文。\n\n附件：1. 名单\n2. 名单说明\n3. 费用明细表\n\n江川省交通运输厅\n2023年4月24日\n"
    out = typeset(body, files)
    assert '<li>1. <a href="../../attachments/notices/名单.pdf">名单</a></li>' in out
    assert "<li>2. 名单说明</li>" in out  # holds 名单, but is another document: no link to 名单.pdf
    assert '<li>3. <a href="../../attachments/notices/附件3-费用明细表.xlsx">费用明细表</a></li>' in out


# Lines a body may hold around its ending: dates (with and without spaces), agencies, notes, 附件 items,
# sentences, fences and their contents, blank lines and indented lines.
LINES = ["2023年4月24日", " 2023年4月24日 ", "二〇二三年四月二十四日", "2023年4月24日。", "江川省交通运输厅",
         "厅长　张三", "（此件公开发布）", "附件：1. 名单", "2. 名单说明", "附件：名单", "特此通知", "正文。",
         "```", "~~~", " ```text", "    2023年4月24日", "\t江川省交通运输厅", "", "", "# 标题", "- 2023年4月24日"]


@given(st.lists(st.sampled_from(LINES), max_size=14).map("\n".join))
@settings(max_examples=1500, deadline=None)
def test_the_quick_tests_leave_every_ending_as_the_full_reading_finds_it(body):
    """typeset looks closer only at paragraphs with a date where a signature has one, and for fences
    only when the text holds ``` or ~~~: each ending comes out as reading every paragraph whole would find it."""
    files = attachment_names(["notices/名单.pdf"], "records/015200371_2023-00001/", lambda path: "attachments/" + path)
    quick = typeset(body, files)
    saved = gongwen._may_close, gongwen._paragraphs
    gongwen._may_close = lambda lines, run: True
    gongwen._paragraphs = lambda lines, fences=True: saved[1](lines, True)
    try:
        assert typeset(body, files) == quick
    finally:
        gongwen._may_close, gongwen._paragraphs = saved


# An article as a 规章 prints it (and an editor pastes it from Word): one 项 to a line, the first
# wrapped where a PDF copy breaks it, then the 款 after the list.
ARTICLE = """**第二十四条** 执法人员依法可以采取下列措施：
（一）进入有关场所进
行现场检查；
（二）对可能灭失的证据依法先行登记保存；
(三)对投诉举报事项进行调查核实。
有前款第（一）项情形的，应当制作笔录。"""


def _paragraph_texts(body: str) -> list[str]:
    html = markdown.markdown(body)
    return [p.split("</p>")[0] for p in html.split("<p>")[1:]]


def test_each_item_of_an_article_is_a_paragraph_of_its_own():
    assert _paragraph_texts(separate_items(ARTICLE)) == [
        "<strong>第二十四条</strong> 执法人员依法可以采取下列措施：",
        "（一）进入有关场所进\n行现场检查；",  # the PDF's break inside the item stays a plain line break
        "（二）对可能灭失的证据依法先行登记保存；",
        "(三)对投诉举报事项进行调查核实。",
        "有前款第（一）项情形的，应当制作笔录。",
    ]
    assert len(_paragraph_texts(ARTICLE)) == 1  # as Markdown alone shows it: one block


def test_articles_and_numbered_sections_written_line_by_line_are_separated():
    body = "第一条　为了规范管理，制定本办法。\n第二条　本办法适用于本省。\n一、总体要求\n二、主要任务\n1、一项\n2、二项"
    assert [p.split("\n")[0] for p in separate_items(body).split("\n\n")] == [
        "第一条　为了规范管理，制定本办法。", "第二条　本办法适用于本省。", "一、总体要求",
        "二、主要任务", "1、一项", "2、二项"]


def test_a_line_break_inside_a_sentence_is_no_new_item():
    # A PDF copy breaks lines anywhere: before （一）项 or 第二十条 inside a sentence too.
    for body in ("依照本法\n（一）项的规定处理。", "依照本办法\n第二十条　的规定处理。", "应当\n1、2项并处。"):
        assert separate_items(body) == body


def test_lists_quotes_code_tables_and_html_are_left_as_they_are():
    for body in ("- 列表项：\n（一）续行；\n（二）续行。",
                 "> 引用：\n（一）甲；\n（二）乙。",
                 "    缩进代码：\n    （一）甲；",
                 "```\n代码：\n（一）甲；\n（二）乙。\n```",
                 "| 表头：|\n| --- |\n（一）甲；",
                 "<div>说明：\n（一）甲；</div>",
                 "1. 第一：\n（一）甲；"):
        assert separate_items(body) == body, body


def test_a_paragraph_outside_a_fence_is_separated_and_the_fence_is_not():
    body = "```\n说明：\n（一）甲；\n```\n\n说明：\n（一）甲；\n（二）乙。"
    assert separate_items(body) == "```\n说明：\n（一）甲；\n```\n\n说明：\n\n（一）甲；\n\n（二）乙。"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["（一）甲；", "（二）乙。", "第三条　丙：", "一、丁", "说明：", "续行", "",
                                 "- 项", "> 引", "```", "    码", "**第四条** 戊；", "依照（一）项"]),
                max_size=12))
def test_only_blank_lines_are_added_and_markdown_keeps_every_character(lines):
    body = "\n".join(lines)
    out = separate_items(body)
    assert out.replace("\n", "") == body.replace("\n", "")  # nothing but line ends is added
    assert out.count("\n") >= body.count("\n")
    assert [line for line in out.split("\n") if line] == [line for line in body.split("\n") if line]
    assert separate_items(out) == out  # separated once is separated


@pytest.mark.parametrize("body", [
    # an editor's hidden note: blank lines inside it would make it shown (found by a review)
    "现将有关事项通知如下。<!-- 旧条款，不公开：\n（一）收取工本费；\n（二）现场收取罚款。-->",
    "<!-- 旧条款：\n\n说明：\n（一）甲；\n（二）乙。\n\n-->",
    # emphasis, a link or code going on past a line end, an attribute list under the paragraph
    "**现就有关事项通知如下：\n（一）严格执法；\n（二）规范程序。**",
    "*下列事项：\n（一）甲；\n（二）乙。*",
    "详见[《关于调整收费标准的通知》：\n（一）项](https://example.gov.cn/)。",
    "见 `附件：\n（一）甲；` 所列。",
    "（一）甲；\n（二）乙。\n{: .cat-note }",
])
def test_a_paragraph_whose_markup_may_span_its_lines_is_left_as_written(body):
    assert separate_items(body) == body
    assert markdown.markdown(separate_items(body), extensions=["attr_list"]) == \
        markdown.markdown(body, extensions=["attr_list"])


def test_items_indented_with_full_width_spaces_as_word_pastes_them_are_separated():
    body = "　　第五条　有下列情形之一的，责令改正：\n　　（一）甲；\n　　（二）乙；\n　　（三）丙。"
    assert separate_items(body).split("\n\n") == body.split("\n")
    body = "第五条　有下列情形之一的，责令改正：\n　　（一）甲；\n　　（二）乙。"
    assert separate_items(body).split("\n\n") == body.split("\n")


def test_a_notice_pasted_from_word_line_by_line_keeps_its_salutation_headings_and_closing_apart():
    """Word puts one line break between paragraphs: the salutation ran into the first paragraph, 一、检查内容 into
    its text and the agency and date into the last sentence, on the left (a review); 第一章 took the article
    under it, which lost its anchor."""
    body = ("各市（州）交通运输局，厅直属有关单位：\n为做好公路养护工作，现将有关事项通知如下。\n一、检查内容\n"
            "重点检查国省干线公路路况。\n二、时间安排\n各地于4月30日前完成自查。\n请各地按时报送。\n"
            "江川省交通运输厅\n2026年3月1日")
    assert [p.split("\n") for p in separate_items(body).split("\n\n")] == [
        ["各市（州）交通运输局，厅直属有关单位："], ["为做好公路养护工作，现将有关事项通知如下。"], ["一、检查内容"],
        ["重点检查国省干线公路路况。"], ["二、时间安排"], ["各地于4月30日前完成自查。", "请各地按时报送。"],
        ["江川省交通运输厅", "2026年3月1日"]]
    assert 'class="cat-gw-closing"' in typeset(separate_items(body))
    law = "第一章　总则\n第一条　为了规范管理，制定本办法。\n第二条　本办法适用于本省。"
    assert separate_items(law).split("\n\n") == ["第一章　总则", "第一条　为了规范管理，制定本办法。", "第二条　本办法适用于本省。"]
    for body in ("根据《条例》的规定，结合本省实际\n一、总体要求", "报名截止时间为\n2026年3月1日",  # a sentence going on
                 "一、各市（州）交通运输主管部门要高度重视农村公路养护\n工作，切实加强组织领导。"):  # a PDF's 28-character line
        assert separate_items(body) == body, body


@pytest.mark.parametrize("body", ["请按时报送。\n附件：\n1.检查表\n2.汇总表\n江川省交通运输厅\n2026年3月1日",
                                  "请按时报送。\n\n附件：检查表\n江川省交通运输厅\n2026年3月1日"])
def test_an_attachment_note_is_left_for_the_note_and_set_with_the_closing(body):
    """Parted by the salutation's rule (附件：), the note lost its list and its links (a review); parted from the text
    above it and from the closing, note and closing are set."""
    parted = separate_items(body)
    assert "附件：" + body.split("附件：")[1].split("\n江川省")[0] in parted.split("\n\n")
    out = typeset(parted, {"检查表": "检查表.pdf"})
    assert 'class="cat-gw-closing"' in out and "cat-gw-attachments" in out


def test_a_word_paste_with_an_attachment_note_is_parted_above_the_note():
    """Leaving a whole paragraph with a 附件 line as written ran a whole Word paste together (a review)."""
    body = ("各市（州）交通运输局：\n现将有关事项通知如下。\n一、全面加强农村公路建设管理养护运营工作\n重点检查路况。\n"
            "附件：1.检查表\n2.汇总表")
    parts = separate_items(body).split("\n\n")
    assert parts[:4] == ["各市（州）交通运输局：", "现将有关事项通知如下。", "一、全面加强农村公路建设管理养护运营工作", "重点检查路况。"]
    assert parts[4] == "附件：1.检查表\n2.汇总表"  # the note's lines as written, for typeset


def test_a_printing_notice_pasted_with_its_measures_parts_the_measures_after_its_closing():
    """An 印发 notice pasted with the 办法 it prints, no blank lines: everything after the 附件 note was one paragraph,
    the 办法's chapters and articles run together (a review)."""
    body = ("现将《江川省公路养护管理办法》印发给你们，请遵照执行。\n附件：江川省公路养护管理办法\n江川省交通运输厅\n"
            "2026年3月1日\n江川省公路养护管理办法\n第一章　总则\n第一条　为了加强公路养护，制定本办法。\n"
            "第二条　本办法适用于本省。")
    parts = separate_items(body).split("\n\n")
    assert parts[:3] == ["现将《江川省公路养护管理办法》印发给你们，请遵照执行。", "附件：江川省公路养护管理办法",
                         "江川省交通运输厅\n2026年3月1日"]
    assert "第一条　为了加强公路养护，制定本办法。" in parts and "第二条　本办法适用于本省。" in parts
    assert 'class="cat-gw-closing"' in typeset(separate_items(body))


def test_a_word_paste_with_inline_html_closed_on_its_lines_is_parted_too():
    """Tracked changes (<del>…</del><ins>…</ins>) on a line of a Word paste kept the whole notice one run-on paragraph
    (a review of the screenshots); an element going on past its line still leaves the paragraph as written."""
    body = ("各市（州）交通运输局：\n现将有关事项通知如下。\n一、调整内容\n收费标准为每车次<del>一百元</del><ins>二百元</ins>。\n"
            "江川省交通运输厅\n2026年11月20日")
    assert separate_items(body).split("\n\n")[:3] == ["各市（州）交通运输局：", "现将有关事项通知如下。", "一、调整内容"]
    for body in ("说明：\n<span>（一）甲；\n（二）乙。</span>", "说明：<del>旧\n（一）甲；</del>"):
        assert separate_items(body) == body
    # a table pasted under the text, closed on its line, had kept the whole notice one paragraph (the screenshots)
    table = "<table border=1><tr><td>路段</td><td>G320</td></tr></table>"
    body = f"各市（州）交通运输局：\n现将有关事项通知如下。\n{table}\n江川省交通运输厅\n2026年11月20日"
    assert separate_items(body).split("\n\n") == ["各市（州）交通运输局：", "现将有关事项通知如下。", table,
                                                  "江川省交通运输厅\n2026年11月20日"]


def test_third_level_items_bullets_and_circled_numbers_of_a_word_paste_are_parted():
    """GB/T 9704's third level ``1.``/``1．`` (no space: no Markdown list), Word's ● and ① ran together into one
    paragraph while （1） next to them was parted (a review)."""
    body = ("一、工作要求\n　　1.各单位要高度重视，认真组织。\n　　2．发现问题及时整改。\n　　●加强组织领导；\n"
            "　　●强化督促检查。\n　　①材料一；\n　　②材料二。")
    assert [p.lstrip("\u3000") for p in separate_items(body).split("\n\n")] == [
        "一、工作要求", "1.各单位要高度重视，认真组织。", "2．发现问题及时整改。", "●加强组织领导；", "●强化督促检查。",
        "①材料一；", "②材料二。"]
    for body in ("增长幅度为\n1.5倍。", "应当依照本办法\n1.项的规定", "有关数据截至。\n2026.8.26 统计"):  # a PDF's break
        assert separate_items(body) == body, body


@pytest.mark.parametrize("note", ["", "\n　　（此件公开发布）"])
def test_a_printing_notice_closing_inside_a_word_paste_is_set_apart_with_what_follows(note):
    """An 印发 notice pasted without a 附件 line: its closing, the 办法's title and 第一章 were words of its sentence
    (a review); the 附注 under the date stays with the closing."""
    body = ("各市（州）交通运输局：\n　　现将《江川省公路养护管理办法》印发给你们，请认真贯彻执行。\n　　江川省交通运输厅\n"
            f"　　2026年8月26日{note}\n　　江川省公路养护管理办法\n　　第一章　总则\n"
            "　　第一条　为了加强公路养护管理，制定本办法。\n　　第二条　本办法适用于本省。")
    parts = [p.replace("\u3000\u3000", "") for p in separate_items(body).split("\n\n")]
    assert parts == ["各市（州）交通运输局：", "现将《江川省公路养护管理办法》印发给你们，请认真贯彻执行。",
                     "江川省交通运输厅\n2026年8月26日" + note.replace("\u3000\u3000", ""), "江川省公路养护管理办法",
                     "第一章　总则", "第一条　为了加强公路养护管理，制定本办法。", "第二条　本办法适用于本省。"]
    assert 'class="cat-gw-closing"' in typeset(separate_items(body))
    for body in ("报名截止时间为\n江川省交通运输厅\n2026年3月1日", "依照本办法\n第三章　有关规定办理"):  # no sentence ends above
        assert separate_items(body) == body, body


def test_paragraphs_of_a_word_paste_are_parted_at_the_full_width_indent_after_a_sentence():
    """"一段一行、中间不空行": the notice's paragraphs, each opening with 　　, were one paragraph (a review).  A PDF
    copy's line ending a sentence goes on with the next unindented line: kept."""
    body = "各市（州）交通运输局：\n　　国庆假期临近。现就有关工作通知如下。\n　　各地要加强客运站安全管理！\n　　假期期间实行值班制度。"
    assert separate_items(body).split("\n\n") == body.split("\n")
    for body in ("国庆假期临近，任务繁重。\n为确保假期安全有序，现通知如下", "请于9月30日前报送\n　　检查结果"):
        assert separate_items(body) == body, body


@pytest.mark.parametrize("mark", ["江交办[2026]9号", "按里程*费率计算", "联系人：_______", "见[通知](a.md)", "<b>注</b>"])
def test_a_bracket_star_or_blank_closed_on_its_line_does_not_keep_a_word_paste_one_paragraph(mark):
    """One 江交办[2026]9号, 按里程*费率 or fill-in blank anywhere left a whole Word paste one paragraph (a review): only
    the lines a construct goes on over are held."""
    body = f"各市（州）交通运输局：\n　　根据{mark}要求，现将有关事项通知如下：\n　　一、检查内容\n　　（一）养护工程质量；\n　　（二）安全生产。"
    assert len(separate_items(body).split("\n\n")) == 5
    held = "说明：\n（一）详见[《通知》\n（二）第二项](a.md)。\n（三）丙。"
    assert separate_items(held) == "说明：\n\n（一）详见[《通知》\n（二）第二项](a.md)。\n\n（三）丙。"


def test_a_short_subheading_is_parted_from_the_indented_paragraph_under_it():
    """（一）指导思想 on a line of its own ran into the paragraph under it (a review); a PDF copy's item wrapped after a
    few characters (its next line is not indented) is kept."""
    body = "一、总体要求\n　　（一）指导思想\n　　坚持以人民为中心。\n　　（二）工作目标\n　　1.主要指标\n　　到2027年，优良路率达到90%。"
    assert separate_items(body).split("\n\n") == body.split("\n")
    assert separate_items("（一）进入有关场所进\n行现场检查；") == "（一）进入有关场所进\n行现场检查；"


def test_words_numbering_pasted_as_number_tab_text_is_parted_and_keeps_its_numbers():
    """Word's automatic numbering pastes as 1.⇥text: a list's mark, which kept the whole notice one paragraph (a
    review).  Parted, each keeps its own number: escaped, it starts no list renumbered from 1."""
    body = "二、工作要求\n2.\t各单位要高度重视。\n3.\t及时整改。\n　　江川省交通运输厅\n　　2026年8月26日"
    html = markdown.markdown(separate_items(body))
    assert "<ol>" not in html and "<p>2. 各单位要高度重视。</p>" in html and "<p>3. 及时整改。</p>" in html
    assert separate_items("1.\t甲。\n乙。") == "1.\t甲。\n乙。"  # a list's own first line: a list, left as it is


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["（一）甲；", "　　二、乙", "说明：", "续行", "　　续行。", "江交办[2026]9号。", "按里程*费率。",
                                 "联系人：___。", "**粗", "体**。", "*斜", "[链接", "](a.md)。", "[甲]", "[乙]。", "`码",
                                 "码`。", "<del>旧</del>。", "<span>甲", "乙</span>。", "__粗", "（一）指导思想", "1.项。",
                                 "江川省交通运输厅", "2026年3月1日", "第一章　总则", "第一条　甲。", "2.\t项。", "3) 项。", ""]),
                max_size=10))
def test_parting_a_paste_never_changes_what_its_markup_makes(lines):
    """Only paragraphs are made: every link, code span, emphasis and element reads as before (:func:`_held`)."""
    body = "\n".join(lines)
    out = separate_items(body)
    assert separate_items(out) == out

    def inline(text: str) -> str:
        return re.sub(r"</?p>|\s", "", markdown.markdown(text))
    assert inline(out) == inline(body)


def test_a_note_under_a_closing_formula_without_a_full_stop_is_parted_and_set():
    """特此通知 ends many notices with no full stop: the 附件 note under it stayed in its line, its attachments neither
    listed nor linked (a review)."""
    body = ("各市（州）交通运输局：\n　　请各单位认真组织自查，并于3月20日前报送检查结果。\n　　特此通知\n"
            "　　附件：1.公路养护专项检查表\n　　　　　2.联系人名单\n江川省交通运输厅\n2026年3月1日")
    parts = separate_items(body).split("\n\n")
    assert "　　特此通知" in parts and any(p.startswith("　　附件：1.公路养护专项检查表") for p in parts)
    out = typeset(separate_items(body), {"联系人名单": "联系人名单.csv"})
    assert "cat-gw-attachments" in out and 'href="联系人名单.csv"' in out and 'class="cat-gw-closing"' in out


def test_a_closing_copied_from_a_pdf_with_a_spaced_date_is_set():
    """A PDF copy puts spaces between figures and characters (2026 年 3 月 1 日): the closing was not seen, and the
    agency's name ran on after the last sentence (a review)."""
    body = "为加强公路养护管理，请各单位按要求做好自查。\n江川省交通运输厅\n2026 年 3 月 1 日"
    assert separate_items(body).split("\n\n") == ["为加强公路养护管理，请各单位按要求做好自查。", "江川省交通运输厅\n2026 年 3 月 1 日"]
    assert '<p class="cat-gw-date">2026 年 3 月 1 日</p>' in typeset(separate_items(body))


def test_a_table_without_outer_bars_whose_alignment_row_opens_with_a_colon_is_left_as_a_table():
    """``:--- | ---:`` opens no block by its first character: its rows were parted off the table as a paragraph of
    text with their bars (a review)."""
    body = "收费项目 | 收费标准（元）\n:--- | ---:\n车辆通行费年票 | 1200\n船舶登记费 | 80"
    assert separate_items(body) == body
    html = markdown.markdown(separate_items(body), extensions=["tables"])
    assert ">车辆通行费年票</td>" in html and ">船舶登记费</td>" in html


def test_a_note_under_the_closing_ends_with_its_numbered_items_and_the_measures_after_it_are_parted():
    """Web copies put the 附件 line under the closing and the 办法 after it: every line below the note was taken for
    its items, and the 办法's chapters and articles ran together, without their anchors (a review)."""
    body = ("现将《江川省公路养护管理办法》印发给你们，请认真贯彻执行。\n江川省交通运输厅\n2026年3月1日\n（此件公开发布）\n"
            "附件：江川省公路养护管理办法\n江川省公路养护管理办法\n第一章　总则\n第一条　为加强公路养护管理，制定本办法。\n"
            "第二条　本办法适用于本省。")
    parts = separate_items(body).split("\n\n")
    assert parts[-5:] == ["附件：江川省公路养护管理办法", "江川省公路养护管理办法", "第一章　总则",
                          "第一条　为加强公路养护管理，制定本办法。", "第二条　本办法适用于本省。"]
    numbered = "正文。\n江川省交通运输厅\n2026年3月1日\n附件：1.检查表\n　　　2.汇总表"  # a last note's items stay its own
    assert separate_items(numbered).split("\n\n")[-1] == "附件：1.检查表\n　　　2.汇总表"
    assert "cat-gw-attachments" in typeset(separate_items(numbered))


def test_a_closing_under_a_closing_formula_without_a_full_stop_is_set():
    """特此通知 with no full stop, the agency and date under it: the closing ran on in the formula's paragraph (the
    screenshots of this stop's fixes found it)."""
    body = "现将《办法》印发给你们，请认真贯彻执行。\n　　特此通知\n江川省交通运输厅\n2026年3月1日\n（此件公开发布）"
    parts = separate_items(body).split("\n\n")
    assert parts[-2:] == ["　　特此通知", "江川省交通运输厅\n2026年3月1日\n（此件公开发布）"]
    assert 'class="cat-gw-closing"' in typeset(separate_items(body))


@pytest.mark.parametrize("body, kept", [
    # an item's title wrapped onto a second line, the note over the closing or alone: it stays the note's
    ("现将《实施细则》印发给你们，请认真贯彻执行。\n\n附件：1.江川省交通运输厅关于进一步规范超限运输车辆\n行驶公路管理工作的实施细则\n"
     "2.江川省交通运输行政许可申请表\n\n江川省交通运输厅\n2026年3月1日",
     "附件：1.江川省交通运输厅关于进一步规范超限运输车辆\n行驶公路管理工作的实施细则\n2.江川省交通运输行政许可申请表"),
    # a line opening with a colon is text to the site's Markdown: the articles around it are parted as ever
    ("第一条　为了规范管理，制定本办法。\n第二条　本办法所称车辆，是指\n:货车和客车。\n第三条　本办法自发布之日起施行。",
     "第三条　本办法自发布之日起施行。"),
])
def test_this_stops_parting_rules_leave_what_was_parted_right_as_it_was(body, kept):
    """The rules for a note under the closing and for a table's alignment row cut a wrapped item title off its note,
    and kept a law one paragraph for one line opening with a colon (a later review)."""
    assert kept in separate_items(body).split("\n\n")


LAW = ("第一章　总则\n\n第一条　为了加强公路养护管理，制定本办法。\n\n第二条　本办法适用于本省公路。\n\n"
       "第二章　养护责任\n\n第一节　一般规定\n\n第三条　公路管理机构负责养护。\n\n第二节　专项养护\n\n第四条　专项养护。\n\n"
       "第三章　附　则\n\n第五条　本办法自2025年1月1日起施行。\n")


def test_a_printed_contents_keeps_its_lines_and_the_chapters_their_addresses():
    """A law pasted with its 目录: 第二章 over its sections' titles in the 目录 took the heading and #第二章, the chapter
    below got #第二章-… (a review)."""
    from build_tools.body_html import page_markdown
    from build_tools.gongwen import chapter_headings

    contents = ("目　　录\n\n第一章　总　　则\n\n第二章　道路运输经营\n\n　　第一节　道路旅客运输\n\n　　第二节　道路货物运输\n\n"
                "第三章　附　　则\n\n")
    made = chapter_headings(contents + LAW.replace("第三章　附　则", "第三章　附　　则"))
    assert made.startswith(contents)
    html = markdown.markdown(page_markdown(contents + LAW), extensions=["build_tools.body_anchors", "toc"])
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["第一章", "第二章", "第三章"]


@pytest.mark.parametrize("variant", [
    lambda law: law.replace("第一条　", "\u00a0\u00a0第一条　").replace("第三条　", "\u00a0\u00a0第三条　"),  # a web page's
    lambda law: law.replace("第一条　", "\u2003\u2003第一条　").replace("第三条　", "\u2003\u2003第三条　"),
    lambda law: law.replace("第一章　总则", "**第一章　总则**").replace("第二章　养护责任", "**第二章　养护责任**"),
    lambda law: law.replace("第二章　养护责任", "第二章　养护、管理责任"),  # 、 in a title (a real law's)
])
def test_a_pasted_laws_chapters_are_read_however_the_paste_indents_or_bolds_them(variant):
    """Articles indented with &nbsp; or &emsp; from a web page, Word's bold chapter lines, a title with 、: the
    chapters stayed paragraphs (a second review)."""
    from build_tools.gongwen import chapter_headings

    heads = [line for line in chapter_headings(variant(LAW)).split("\n") if line.startswith("#")]
    assert [h.split("　")[0] for h in heads] == ["## 第一章", "## 第二章", "### 第一节", "### 第二节", "## 第三章"]


def test_inserted_articles_one_after_another_are_each_a_paragraph():
    """第十条之一 then 第十条之二, one a line: the second ran into the first, without its address (a review)."""
    from build_tools.body_html import page_markdown

    html = markdown.markdown(page_markdown("第十条　甲。\n第十条之一　乙。\n第十条之二　丙。\n**第十一条之一**　丁。\n"
                                           "**第十一条**之二　戊。\n"), extensions=["build_tools.body_anchors"])
    assert re.findall(r'<p id="([^"]+)"', html) == ["第十条", "第十条之一", "第十条之二", "第十一条之一", "第十一条之二"]


def test_a_pasted_laws_chapter_lines_become_its_headings():
    """A law pasted from Word kept 第一章　总则 as a paragraph: no 目录, no chapter address (a review)."""
    from build_tools.gongwen import chapter_headings

    made = chapter_headings(LAW)
    assert [line for line in made.split("\n") if line.startswith("#")] == [
        "## 第一章　总则", "## 第二章　养护责任", "### 第一节　一般规定", "### 第二节　专项养护", "## 第三章　附　则"]
    parts = "第一编　总则\n\n第一章　一般规定\n\n第一条　甲。\n\n第二编　分则\n\n第二章　许可\n\n第二条　乙。\n"
    assert [line for line in chapter_headings(parts).split("\n") if line.startswith("#")] == [
        "## 第一编　总则", "### 第一章　一般规定", "## 第二编　分则", "### 第二章　许可"]
    # the page: addresses from the headings, and the 目录 the long page shows with three headings
    from build_tools.body_html import page_markdown
    html = markdown.markdown(page_markdown(LAW), extensions=["build_tools.body_anchors", "toc"])
    assert 'id="第一章"' in html and 'id="第二章第一节"' in html and 'id="第五条"' in html


@pytest.mark.parametrize("body", [
    "第一章　总则\n\n第一条　甲。\n\n第二条　乙。\n\n第二章　许可。\n\n第三条　丙。\n",  # a sentence: one chapter left
    "《办法》共三章：\n\n第一章　总则\n\n第二章　养护责任\n\n第三章　附则\n\n其中第五条规定了施行日期。\n",  # a 解读's outline
    "第一章　总则\n第一条　甲。\n\n第二章　许可\n第二条　乙。\n".replace("\n第一条", "\n- 第一条"),  # inside paragraphs
    "```\n第一章　总则\n\n第一条　甲。\n\n第二章　许可\n\n第二条　乙。\n```\n",  # code
    "> 第一章　总则\n\n> 第一条　甲。\n\n> 第二章　许可\n\n> 第二条　乙。\n",  # a quotation
    "第一章　总则\n\n本章规定。\n\n第二章　许可\n\n本章规定。\n",  # no articles
    # a 解读 explaining its policy chapter by chapter: no paragraph opens an article (a second review)
    "## 三、主要内容\n\n第一章　总则\n\n第一条至第三条明确了立法目的。\n\n第二章　路政许可\n\n第四条至第六条规定了许可。\n",
    # a law migrated in its CMS's HTML wrapper: Markdown shows the block's lines as written (the ## showed)
    '<div class="TRS_Editor">\n\n第一章　总则\n\n第一条　为了。\n\n第二章　附则\n\n第二条　施行。\n\n</div>\n',
    # a chapter leading to articles whose title the pattern does not read: its sections would be the chapter before's
    "第一章　总则\n\n第一条　甲。\n\n第二章　船舶、设施；船员\n\n第一节　船舶\n\n第二条　乙。\n\n第三章　附则\n\n"
    "第三条　丙。\n",
])
def test_other_lines_naming_chapters_are_left_as_written(body):
    from build_tools.gongwen import chapter_headings

    assert chapter_headings(body) == body


def test_a_stray_space_before_a_pasted_line_does_not_join_the_law():
    """One half-width space before 第三条 (Word's alignment, a PDF's line): the whole pasted law was one paragraph,
    no article addresses, no chapters (a review).  Markdown ignores it; so does the parting.  Four spaces are code and a
    space before a list's mark is a list's: those paragraphs are left as written."""
    pasted = "第一章　总则\n第一条　为了，制定本办法。\n第二条　适用。\n 第三条　管理。\n第二章　附则\n第四条　施行。\n"
    assert separate_items(pasted) == ("第一章　总则\n\n第一条　为了，制定本办法。\n\n第二条　适用。\n\n第三条　管理。\n\n"
                                      "第二章　附则\n\n第四条　施行。\n")
    for kept in ("正文第一行。\n    代码\n第二条　甲。\n", "甲。\n - 列表项\n第二条　乙。\n"):
        assert separate_items(kept) == kept
