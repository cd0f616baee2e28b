"""What editors paste from Word, WPS and CMS pages: check and build agree on it.

Failure modes (issue 13, "pasted text", and issue 14, ``<![``):

1. A stray ``---`` closes the front matter early: ``disclosure: 不予公开`` in
   the body must be an error, and the record must not be published.
2. Full-width digits and invisible characters in coded values: normalised
   before matching and uniqueness, with a warning naming the character.
3. A message about a value holding an invisible character shows where it is.
4. No-break and full-width spaces, line separators and control characters
   in the front matter: a Chinese problem on the right line, with the field.
5. An unclosed ``<style>``/``<div>`` that would swallow the body: an error.
6. A body that makes the renderer raise (``<![^1]``): a problem in check,
   and a logged problem naming the record (not a traceback) in the build.
7. Property tests: pasted-text mutations of the sample records, and raw
   HTML in bodies, never give a traceback, a leak or a silent change.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_tools.config import load_config, options_to_config
from build_tools.diagnostics import Severity
from build_tools.loader import walk
from build_tools.model.fields import Disclosure
from build_tools.source import read_source
from build_tools.validate import validate

from tests.sitetools import all_text
from tests.test_validate import AGENCY, check, covers, idx, line_of, rec, run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "catalogue"
PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CJK = re.compile(r"[\u4e00-\u9fff]")


def errors(result, file="a.md"):
    return [p for p in result.problems if p.file == file and p.severity is Severity.ERROR]


# === 1. a stray --- ====================================================================================

STRAY = rec(1, body="disclosure: 不予公开\nwithheld_reason: 《政府信息公开条例》第十六条第二款，过程性信息\n---\n正文。\n")


@covers("front-matter-in-body")
def test_a_stray_fence_before_disclosure_is_an_error_and_keeps_the_record_off(tmp_path):
    result = run(tmp_path, {"a.md": STRAY})
    assert {(p.line, p.key, p.code) for p in errors(result)} == {
        (line_of(STRAY, "disclosure"), "disclosure", "front-matter-in-body"),
        (line_of(STRAY, "withheld_reason"), "withheld_reason", "front-matter-in-body")}
    message = next(p.message for p in result.problems if p.key == "disclosure")
    assert "公开方式" in message and "提前结束" in message
    assert result.catalogue.records == ()


def test_the_leading_block_may_follow_blank_lines_and_use_chinese_names(tmp_path):
    text = rec(1, body="\n\n公开方式: 依申请公开\n不公开理由: 条例第十五条\n正文。\n")
    assert check(tmp_path, {"a.md": text}) == {
        ("a.md", line_of(text, "公开方式"), "disclosure", "front-matter-in-body"),
        ("a.md", line_of(text, "不公开理由"), "withheld_reason", "front-matter-in-body")}


def test_a_disclosure_line_anywhere_in_the_body_is_an_error(tmp_path):
    text = rec(1, body="第一段正文。\n\n公开方式：不予公开\n")
    assert check(tmp_path, {"a.md": text}) == {
        ("a.md", line_of(text, "公开方式"), "disclosure", "front-matter-in-body")}


@pytest.mark.parametrize("body", [
    "注：本通知自印发之日起施行。\n",            # a Chinese colon in prose
    "标题：关于印发办法的通知\n\n正文。\n",       # a CMS header in prose: no ASCII colon
    "附件：实施细则\n",
    "会议时间: 2024年3月5日\n",                  # not a field name
    "正文写到公开方式的变化。\n",
])
def test_prose_that_merely_has_a_colon_is_fine(tmp_path, body):
    assert check(tmp_path, {"a.md": rec(1, body=body)}) == set()


# --- a field indented into the multi-line value above it ---------------------------------------------

# The editor added the disclosure line under a multi-line 摘要 and the editor's program kept the
# indentation: YAML reads it as the summary's text, and the record would be 主动公开.
INDENTED = {
    "block": 'summary: |\n  关于内部请示事项。\n  disclosure: 不予公开\n  withheld_reason: 条例第十六条第二款',
    "folded": 'summary: >\n  关于内部请示事项。\n  公开方式：依申请公开',
    "block, chomped": 'summary: |-\n  关于内部请示事项。\n  公开方式: withheld',
    "double-quoted": 'summary: "关于内部请示事项，\n  disclosure: 不予公开"',
    "single-quoted": "summary: '关于内部请示事项，\n  disclosure: 不予公开'",
    "a list item": 'keywords:\n  - "请示\n    disclosure: 不予公开"',
    "a quoted key": 'summary: |\n  关于内部请示事项。\n  "disclosure": 不予公开',
    "as a list item": 'summary: |\n  关于内部请示事项。\n  - 公开方式: 依申请公开',
    "with a full stop": 'summary: |\n  关于请示事项。\n  disclosure: 不予公开。',
    "with a note": 'summary: |\n  关于请示事项。\n  公开方式：依申请公开（涉及第三方）',
    "with a comment": 'summary: |\n  关于请示事项。\n  disclosure: 不予公开  # 涉及国家秘密',
    "in other words": 'summary: |\n  关于请示事项。\n  公开方式: 免予公开',
    "not public": 'summary: |\n  关于请示事项。\n  disclosure: 不公开',
}


def _with(front_line: str) -> str:
    return rec(1).replace("\n---\n正文", "\n" + front_line + "\n---\n正文", 1)


@covers("disclosure-inside-value")
@pytest.mark.parametrize("written", INDENTED.values(), ids=INDENTED.keys())
def test_a_disclosure_line_indented_into_a_multi_line_value_is_an_error_and_keeps_the_record_off(tmp_path, written):
    text = _with(written)
    result = run(tmp_path, {"a.md": text})
    line = next(i + 1 for i, row in enumerate(text.split("\n")) if "disclosure" in row or "公开方式" in row)
    assert [(p.line, p.key, p.code) for p in errors(result)] == [(line, "disclosure", "disclosure-inside-value")]
    assert result.catalogue.records == ()
    message = next(p.message + p.hint for p in errors(result))
    assert "主动公开" in message and "移到行首" in message


def test_in_a_plain_value_over_several_lines_yaml_itself_refuses_the_line(tmp_path):
    """Unquoted, ``key: value`` on a continuation line is not YAML: an error already, the record off."""
    result = run(tmp_path, {"a.md": _with("summary: 关于内部请示事项，\n  disclosure: 不予公开")})
    assert [p.code for p in errors(result)] == ["yaml-syntax"] and result.catalogue.records == ()


@covers("field-inside-value")
def test_other_fields_indented_into_a_value_are_warnings_and_prose_is_left_alone(tmp_path):
    text = _with('summary: |\n  关于事项。\n  disclosure: 主动公开\n  withheld_reason: 条例第十六条\n'
                 '  标题：引用的另一份文件\n  会议时间: 3 月 5 日\n  注：自印发之日起施行。\n'
                 '  公开方式：主动公开和依申请公开，\n  公开方式：待定')
    result = run(tmp_path, {"a.md": text})
    rows = text.split("\n")
    assert [(p.line, p.key, p.code, p.severity) for p in result.problems] == [
        (rows.index("  disclosure: 主动公开") + 1, "disclosure", "field-inside-value", Severity.WARNING),
        (rows.index("  withheld_reason: 条例第十六条") + 1, "withheld_reason", "field-inside-value",
         Severity.WARNING),
        # a sentence of a 信息公开指南's summary, and a value the check does not know: said, not blocked
        (rows.index("  公开方式：主动公开和依申请公开，") + 1, "disclosure", "field-inside-value", Severity.WARNING),
        (rows.index("  公开方式：待定") + 1, "disclosure", "field-inside-value", Severity.WARNING)]
    assert len(result.catalogue.records) == 1  # 主动公开 as the editor meant: published, with the warnings


@covers("withheld-reason-but-proactive")
@pytest.mark.parametrize("extra", [{"withheld_reason": "涉及第三方商业秘密"}, {"不公开理由": "涉及第三方商业秘密"}])
def test_a_reason_for_withholding_without_a_disclosure_line_is_an_error_and_keeps_it_off(tmp_path, extra):
    """A 不公开理由 with no disclosure line: the editor most likely meant to withhold it (found by an
    attack review: such records were published without a word)."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", **extra)})
    assert [(p.code, p.key) for p in errors(result)] == [("withheld-reason-but-proactive", "withheld_reason")]
    assert result.catalogue.records == ()


@covers("filed-not-public")
@pytest.mark.parametrize("folder, kept_off", [("依申请公开/", True), ("notices/不予公开/", True), ("内部资料/", True),
                                              ("ysq/", True), ("notices/withheld/", True), ("notices/内部审计/", False),
                                              ("notices/", False), ("依申请/", True), ("依申请公开件/", True),
                                              ("内部文件/", True), ("不公开文件/", True), ("涉密文件/", True),
                                              ("internal-control/", False),
                                              # pinyin, as the internal folder .neibu/ is named (a review)
                                              ("neibu/", True), ("notices/bugongkai/", True), ("feigongkai/", True),
                                              ("shemi/", True), ("neibuziliao/", True),
                                              # as a folder shows it, capitals and all; nbzl/ may be 年报资料 (reviews)
                                              ("NeiBu/", True), ("SheMi/", True), ("YSQ/", True), ("nbzl/", False),
                                              ("02-依申请公开/", True), ("2026年依申请公开/", True),
                                              # the file-name list's words, 保密 and a 密级, a date in brackets (a review)
                                              ("保密/", True), ("暂缓公开/", True), ("暂不公开/", True), ("不宜公开/", True),
                                              ("notices/不对外公开/", True), ("非主动公开/", True), ("机密/", True),
                                              ("秘密/", True), ("机密文件/", True), ("依申请公开（2024）/", True),
                                              ("依申请公开(2024年)/", True), ("不予公开【2024-03-05】/", True),
                                              ("（2024）依申请公开/", True)])
def test_a_record_filed_in_a_folder_named_not_public_needs_a_disclosure_line(tmp_path, folder, kept_off):
    """Replies filed under catalogue/依申请公开/ without a disclosure line were published, the check passing (a
    review).  With 主动公开 written out, the office decided."""
    result = run(tmp_path, {f"{folder}a.md": rec(1, kind="notice"),
                            f"{folder}b.md": rec(2, kind="notice", disclosure="主动公开")})
    assert [(p.file, p.code) for p in result.problems] == ([(f"{folder}a.md", "filed-not-public")] if kept_off else [])
    assert len(result.catalogue.records) == (1 if kept_off else 2)


@pytest.mark.parametrize("path", ["公开/a.md", "主动公开/a.md", "政务公开/a.md", "notices/保密工作/a.md",
                                  "policies/机密文件管理办法.md", "保密工作/保密工作管理办法.md", "商业秘密/a.md",
                                  "依申请公开指南（2024）/a.md"])
def test_a_folder_or_a_file_named_for_a_public_topic_is_none(tmp_path, path):
    """公开/, 主动公开/, 政务公开/ are public columns; 保密工作/ a topic (guidance on keeping secrets, 保密宣传月, is
    published: not the documents kept secret, which 保密/ and 机密/ hold), 机密文件管理办法.md a public policy's name."""
    result = run(tmp_path, {path: rec(1, kind="notice")})
    assert [p.code for p in result.problems] == []
    assert len(result.catalogue.records) == 1


@pytest.mark.parametrize("name, kept_off", [("关于张三信访事项的答复（依申请公开）.md", True), ("不予公开_王某某信访事项答复.md", True),
                                            ("王某某信访事项答复-内部资料.md", True), ("【此件不予公开】处理决定.md", True),
                                            ("依申请公开指南.md", False), ("ysq-shenqingbiao.md", False),
                                            ("关于依申请公开工作的通知.md", False), ("内部控制制度.md", False),
                                            # the column's name is no note (a later review); other words are
                                            ("依申请公开-办理指南.md", False), ("依申请公开_申请表.md", False),
                                            ("【依申请公开】办理流程图.md", False), ("答复（暂不公开）.md", True),
                                            ("不予公开－王某某信访事项答复.md", True), ("审核意见（不对外公开）.md", True),
                                            ("关于孙八信访事项的答复－依申请公开.md", True),
                                            ("关于孙八信访事项的答复（依申请公开） - 副本.md", True),
                                            ("依申请公开信息目录-依申请公开信息.md", False),
                                            ("答复（非主动公开）.md", True),  # the folders' words too (a review)
                                            # a 密级 or an internal mark, as the body's reader reads it (a review)
                                            ("关于某某事项的通知（秘密）.md", True), ("关于某某事项的通知（机密）.md", True),
                                            ("处理意见（秘密★1年）.md", True), ("【内部】工作要点.md", True),
                                            ("关于某某事项的通知_秘密.md", True),
                                            # a title's words: a public policy, guidance on keeping secrets
                                            ("机密文件管理办法.md", False), ("保密工作管理办法.md", False),
                                            ("保密_工作要点.md", False), ("商业秘密保护指引（试行）.md", False),
                                            ("内部审计（2024）.md", False)])
def test_a_record_file_named_not_public_needs_a_disclosure_line(tmp_path, name, kept_off):
    """A shared drive's names carry the disclosure (…答复（依申请公开）.md): filed so, with no disclosure line, the
    record was published (a review).  A name only speaking of it (依申请公开指南) is none."""
    result = run(tmp_path, {f"notices/{name}": rec(1, kind="notice")})
    assert [p.code for p in result.problems] == (["filed-not-public"] if kept_off else [])
    assert len(result.catalogue.records) == (0 if kept_off else 1)


@covers("attachment-filed-not-public")
@pytest.mark.parametrize("attachment, kept_off", [("依申请公开/信访人员名单.csv", True), ("内部资料/审核意见.csv", True),
                                                  ("处理决定（此件不予公开）.csv", True), ("表格/申请表.csv", False),
                                                  ("依申请公开指南附表.csv", False), ("依申请公开_申请表.csv", False),
                                                  ("处室审核意见（不对外公开）.csv", True),
                                                  # a blank form, a list's name: none (a later review)
                                                  ("告知书样本_不予公开.csv", False), ("附件2 依申请公开信息.csv", False),
                                                  ("机密/人员名单.csv", True), ("保密/审核意见.csv", True),
                                                  # a 密级 or an internal mark in brackets (a review)
                                                  ("处室审核意见（内部）.csv", True), ("人员名单（机密）.csv", True),
                                                  ("人员名单（秘密）.csv", True), ("人员名单（仅供内部参考）.csv", True),
                                                  ("人员名单（内部使用）.csv", True), ("人员名单_秘密.csv", False),
                                                  ("保密工作管理办法.csv", False), ("机密文件管理办法.csv", False)])
def test_an_attachment_filed_not_public_keeps_its_public_record_off(tmp_path, attachment, kept_off):
    """A public notice listing a file kept in 依申请公开/ copied it into the site, the folder's name in its address, the
    check passing (a review).  A public guide filed in such a folder itself lists its form from there: none."""
    files = {"notices/a.md": rec(1, kind="notice", attachments=[attachment]), f"notices/{attachment}": "甲,乙\n",
             "依申请公开/b.md": rec(2, kind="notice", disclosure="主动公开", attachments=["表格.csv"]),
             "依申请公开/表格.csv": "申请人,地址\n"}
    result = run(tmp_path, files)
    assert [(p.file, p.code) for p in errors(result, "notices/a.md")] == ([("notices/a.md", "attachment-filed-not-public")]
                                                           if kept_off else [])
    assert {r.source for r in result.catalogue.records} == ({"依申请公开/b.md"} if kept_off else
                                                             {"notices/a.md", "依申请公开/b.md"})


@pytest.mark.parametrize("member, said", [("依申请公开/处室审核意见.csv", True), ("办理意见（不予公开）.csv", True),
                                          ("附件/申请表.csv", False), ("人员名单（机密）.csv", True)])
def test_a_zip_holding_a_file_filed_not_public_is_said_and_not_published(tmp_path, member, said):
    """A folder zipped whole: 依申请公开/处室审核意见.csv inside was copied into the site with the ZIP (a review)."""
    import io
    import zipfile
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr(member, "甲,乙\n")
    result = run(tmp_path, {"notices/a.md": rec(1, kind="notice", attachments=["材料.zip"]),
                            "notices/材料.zip": data.getvalue()})
    found = [p for p in result.problems if p.code == "attachment-filed-not-public"]
    assert [(p.file, p.severity.value) for p in found] == ([("notices/a.md", "error")] if said else [])
    assert not said or member in found[0].message


@pytest.mark.parametrize("member, said", [("依申请公开/王某某申请书.txt", True), ("申请材料/办事指南.txt", False)])
def test_a_zip_zipped_on_chinese_windows_is_read_by_its_gbk_names(tmp_path, member, said):
    """Chinese Windows' 压缩(zipped)文件夹 writes GBK names without the UTF-8 flag: 依申请公开/ was read as
    code page 437's ╥└╔Ω╟δ╣½┐¬/ and the applicant's letter published in the ZIP (a review)."""
    import io
    import zipfile

    class GbkName(zipfile.ZipInfo):  # as Explorer writes names: code page 936, flag bit 11 clear
        def _encodeFilenameFlags(self):
            return self.filename.encode("gbk"), self.flag_bits & ~0x800
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr(GbkName(member, date_time=(2026, 11, 20, 9, 0, 0)), "申请人：王某某".encode())
    result = run(tmp_path, {"notices/a.md": rec(1, kind="notice", attachments=["材料.zip"]),
                            "notices/材料.zip": data.getvalue()})
    found = [p for p in result.problems if p.code == "attachment-filed-not-public"]
    assert [(p.file, p.severity.value) for p in found] == ([("notices/a.md", "error")] if said else [])
    assert not said or member in found[0].message


@covers("withheld-reason-unused")
@covers("withheld-reason-contradicts")
@pytest.mark.parametrize("reason, beside_proactive", [
    ("无", None), ("/", None), ("—", None), ("不涉及", None), ("无。", None), ("不涉及。", None), ("暂无。", None),
    ("不适用。", None), ("N/A", None), ("经审查已转为主动公开", "withheld-reason-unused"),
    ("条例第十五条", "withheld-reason-contradicts"), ("第十五条，涉及第三方个人隐私，不予公开", "withheld-reason-contradicts"),
    ("《政府信息公开条例》第十六条第二款，过程性信息", "withheld-reason-contradicts"),
    # a reason denied: the opposite (a review found these kept off)
    ("经审查，不涉及国家秘密、商业秘密、个人隐私，不属于不予公开情形", "withheld-reason-unused"),
    ("不涉及依申请公开或不予公开的情形", "withheld-reason-unused")])
def test_a_reason_beside_an_explicit_proactive_line(tmp_path, reason, beside_proactive):
    """CMS templates fill the column with 无, / or 不涉及: no reason.  With 主动公开 written out, a reason to
    withhold (an article of the 条例, 不予公开, 个人隐私) says the opposite: the template's two lines uncommented,
    the reason rewritten and the value left, published a reply to a 依申请公开 request on a warning (a review).  It
    is an error until one of the two is changed; any other text is only said to be unused."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", disclosure="主动公开", withheld_reason=reason),
                            "b.md": rec(2, kind="notice", withheld_reason=reason)})
    codes = {(p.file, p.code) for p in result.problems}
    if beside_proactive is None:
        assert codes == set() and len(result.catalogue.records) == 2
    else:
        assert codes == {("a.md", beside_proactive), ("b.md", "withheld-reason-but-proactive")}
        assert len(result.catalogue.records) == (1 if beside_proactive == "withheld-reason-unused" else 0)



@pytest.mark.parametrize("line", ["disclosure: 不予公开。", "disclosure: 依申请公开 # 涉及个人隐私", "公开方式：不予公开（涉密）",
                                  "公开方式：依申请公开（涉及个人隐私）", "---\ndisclosure: 不予公开。\n---"])
def test_a_disclosure_line_in_the_body_with_a_note_after_its_value_is_an_error(tmp_path, line):
    """The body's disclosure lines were matched on their whole value, so a full stop, a bracketed note or
    a comment after 不予公开 let the record be published (found by an attack review)."""
    text = rec(1, body=f"第一段正文。\n\n{line}\n\n其他内容。\n")
    result = run(tmp_path, {"a.md": text})
    row = next(i + 1 for i, r in enumerate(text.split("\n")) if "disclosure" in r or "公开方式" in r)
    assert [(p.line, p.code) for p in errors(result)] == [(row, "front-matter-in-body")]
    assert result.catalogue.records == ()


@pytest.mark.parametrize("line", ["公开方式：依申请公开的政府信息，申请人可以当面提出。", "公开方式：主动公开和依申请公开。"])
def test_a_guide_that_describes_disclosure_in_a_sentence_is_not_a_disclosure_line(tmp_path, line):
    assert check(tmp_path, {"a.md": rec(1, body=f"一、公开方式\n\n{line}\n")}) == set()


COMMENTED = "# 以下字段可选：需要时删去行首的 # 并改写取值，不需要的整行删去。\n{}\n" \
            "# withheld_reason: 《政府信息公开条例》第十五条，涉及个人隐私  （不公开理由）"


@covers("disclosure-commented-out")
@pytest.mark.parametrize("line", ["# disclosure: 依申请公开  （公开方式）", "#disclosure: 不予公开", "# 公开方式: 不予公开。",
                                  "  # disclosure: 依申请公开",
                                  "# —— 公开方式：依申请公开",  # catalogue new's label line filled in (a review)
                                  "# —— 公开方式 依申请公开", "# —— 公开方式　不予公开", "# —— 公开方式（依申请公开）"])
def test_a_withholding_disclosure_line_left_a_comment_is_an_error_and_keeps_the_record_off(tmp_path, line):
    """``catalogue new`` writes ``# disclosure: 主动公开  （公开方式）``; an editor who changed the value
    and not the ``#`` meant to withhold the record, which was published (found by an attack review)."""
    text = _with(COMMENTED.format(line))
    result = run(tmp_path, {"a.md": text})
    row = text.split("\n").index(line) + 1
    assert [(p.line, p.key, p.code) for p in errors(result)] == [(row, "disclosure", "disclosure-commented-out")]
    assert result.catalogue.records == ()
    assert "#" in errors(result)[0].hint


@pytest.mark.parametrize("value", ["# 依申请公开", "#   不予公开", "# 不予公开（涉及个人隐私）"])
@pytest.mark.parametrize("label", ["# —— 公开方式", "# —— 公开方式：", "# 公开方式"])
def test_a_withholding_value_on_the_comment_line_under_its_label_is_an_error(tmp_path, label, value):
    """The value written on its own comment line under catalogue new's label, the field line deleted: the record was
    published (a review)."""
    text = _with(COMMENTED.format(f"{label}\n{value}"))
    result = run(tmp_path, {"a.md": text})
    row = text.split("\n").index(value) + 1
    assert [(p.line, p.key, p.code) for p in errors(result)] == [(row, "disclosure", "disclosure-commented-out")]
    assert result.catalogue.records == ()


@pytest.mark.parametrize("lines", [COMMENTED.format("# disclosure: 主动公开  （公开方式）"),  # as catalogue new writes it
                                   "# —— 公开方式\n# disclosure: 主动公开",
                                   "# —— 公开方式\n# —— 不公开理由\n# withheld_reason: 《政府信息公开条例》第十六条",
                                   "# —— 公开方式\n# 依申请公开 或 不予公开 时须写理由",
                                   "# —— 公开方式\n\n# 依申请公开的部分另行答复",
                                   "disclosure: 主动公开\n# disclosure: 不予公开",  # a real line decides
                                   "# 说明：本件依申请公开的部分另行答复"])
def test_other_comments_and_a_real_disclosure_line_are_left_alone(tmp_path, lines):
    result = run(tmp_path, {"a.md": _with(lines)})
    assert errors(result) == [] and len(result.catalogue.records) == 1


WORD_STYLE = ("font-size:16.0pt;font-family:仿宋_GB2312;mso-ascii-font-family:'Times New Roman';mso-hansi-font-family:"
              "'Times New Roman';mso-bidi-font-family:'Times New Roman';color:black;mso-font-kerning:0pt;"
              "mso-bidi-font-weight:bold")
"""The style Word gives a run, as a CMS stores it on the paragraph's one line: over 200 characters."""


@covers("marked-not-public")
@covers("marked-not-public-but-proactive")
@pytest.mark.parametrize("note", ["（此件依申请公开）", "(此件不予公开)", "（此件不公开）", "（此文件依申请公开）",
                                  "（本件依申请公开）", "（此件不对外公开）", "（信息公开选项：依申请公开）", "公开属性：不予公开",
                                  "（此件依申請公開）", "（此\u200b件依申请公开）", "（此 件 依申请公开）", "此件\u00a0依申请公开。",
                                  "**（此件不予公开）**", "> （此件依申请公开）", "- （此件依申请公开）", "附注：此件依申请公开",
                                  "附注：（此件依申请公开）", "<p>（此件依申请公开）</p>", "【此件依申请公开】",
                                  "（此件依申请公开，不得转载）", "（此件为依申请公开）", "（本通知依申请公开）",
                                  "## （此件依申请公开）", "“此件依申请公开”", "（此件依申请公开。）",
                                  "（此件依申请公开，不得在网上公开发布）", "（此件不予公开，不得主动公开）",
                                  "（此件不公开，解密后依申请公开）", "（此件不宜公开发布）",
                                  # a clause between the subject and the verdict (a review found these published)
                                  "（此件属于过程性信息，不予公开）", "（此件为内部事务信息，不公开）", "（此件仅发至县级，不公开）",
                                  "（此件印发至县级，不公开）", "（此件内部发文，不公开）",
                                  # a distribution with 的 or 市（州）, the 范围 or 信息 with 的, 暂不对外, a ground after 此件
                                  # (a second review found these published)
                                  "（此件发至各市州的交通运输局，不公开）", "（此件发至各市（州）交通运输局，不公开）",
                                  "（此件属于依申请公开的范围）", "（此件属于依申请公开的信息）", "（此件属依申请公开件）",
                                  "（此件暂不对外公开）", "（此件暂缓对外公开）", "（此件暂不予公开）",
                                  "（此件涉及第三方的商业秘密，不予公开）",
                                  "（此件免予公开）", "（此件不予主动公开）", "〔此件不予公开〕", "（此件不主动公开）",
                                  "（此件发至县级，不公开）", "（此件限内部使用）", "内部资料", "秘密★1年", "机密",
                                  "密级：秘密", "**绝密★长期**",
                                  # a CMS page's or a 版记's disclosure line, pasted (found by a review)
                                  "（公开方式：不予公开）", "信息公开方式：依申请公开", "（此件公开属性：依申请公开）",
                                  "公开形式：不予公开", "【公开方式】不予公开", "公开方式\u3000依申请公开",
                                  "公开方式\t依申请公开", "| 公开方式 | 依申请公开 |", "| **公开方式：** | 不予公开 |",
                                  "<tr><td>公开方式</td><td>不予公开</td></tr>", "<!-- disclosure: 不予公开 -->",
                                  "<!-- 公开方式：依申请公开 -->",
                                  # a second review's: rows of four cells and with a number, a reason in brackets
                                  "| 公开方式 | 依申请公开 | 发布日期 | 2024-01-01 |", "| 5 | 公开方式 | 依申请公开 |",
                                  "<tr><td>公开方式</td><td>不予公开</td><td>发布日期</td><td>2024</td></tr>",
                                  "信息公开方式：不予公开（涉及个人隐私）", "| 公开方式 | 不予公开（涉及国家秘密） |",
                                  "【公开方式】不予公开（内部事务信息）", "信息公开方式：非主动公开", "公开属性：依申请",
                                  # the field's own name with a value the field does not read (an attack review)
                                  "公开方式：非公开", "disclosure: 非公开", "公开方式：不公开", "公开方式：依申请",
                                  "公开方式：内部资料", "**公开方式**：非公开",
                                  # a CMS page's metadata as html2text or pandoc writes it (a fourth review)
                                  "- 公开方式：非公开", "- 公开方式：不予公开", "> 公开方式：不予公开", "1. 公开方式：不公开",
                                  "- 公开方式：依申请公开",
                                  # the short forms OA templates print, without 此件 (an attack review)
                                  "（不予公开）", "（依申请公开）", "【依申请公开】", "[不予公开]", "（不公开）",
                                  "〔不予公开〕",
                                  # wordings with 仅, 在网上 or 可, the contact first, a 。 before it (a review)
                                  "（此件仅限内部使用）", "（此件不宜在网上公开）", "（此件可依申请公开）",
                                  "（此件不得对外公开）", "（此件不向社会公开）", "（此件不在政府网站公开）", "（此件限于内部使用）",
                                  "（此件不作公开）", "（本函依申请公开）", "（本复函不予公开）", "（该件不予公开）",
                                  "（此件不面向社会公开）", "（此件不在门户网站公开）",
                                  # 公布, 请勿, 外传, 内部参阅, 注意保密 (a review found each published)
                                  "（此件不对外公布）", "（此件请勿上网）", "（此件不得外传）", "（内部参阅）",
                                  "（内部文件，注意保存）", "（此件注意保密）", "【内部资料】", "（此件严禁对外传播）",
                                  # two marks in one note (a review of the above)
                                  "（此件注意保密，不得外传）", "（内部文件，不得外传）", "（内部参阅，请勿外传）", "（此件暂不公布）",
                                  "（此件内部掌握）", "（此件不对外）", "（此件请勿转发）", "（此件仅供内部参考）",
                                  # on the 落款's line, its break lost in pasting (a review)
                                  "2026年11月2日　（此件依申请公开）", "江川省交通运输厅　2026年11月2日（此件不对外公开）",
                                  "（联系人：张某，联系电话：0851-12345678；此件依申请公开）", "（此件不予公开。联系人：张某）",
                                  # a CMS page's header copied as text, the pair not first; a colon of GB 2312's symbols
                                  "索　引　号：015200371/2024-00001　　公开方式：依申请公开",
                                  "发文机关：江川省交通运输厅\t公开方式：不予公开", "主题分类：综合政务    公开方式：依申请公开",
                                  "公开方式∶依申请公开",
                                  # a full stop closing the pair is no note (a review of the one above)
                                  "- 公开方式：依申请公开。", "> 公开方式：不予公开。",
                                  "索引号：015200371/2024-00001　　公开方式：依申请公开。",
                                  # cells apart by tabs, the value apart from its label, a long header (a review)
                                  "索引号\t015200371/2024-00001\t公开方式\t依申请公开", "发文机关：江川省交通运输厅　　公开方式：　　依申请公开",
                                  "索引号：015200371/2024-00001　　主题分类：综合政务/政务公开　　发文机关：江川省交通运输厅　　"
                                  "成文日期：2024年03月01日　　发布日期：2024年03月05日　　文号：江交办〔2024〕12号　　"
                                  "有效性：有效　　公开方式：依申请公开",
                                  # as HTML shows it: references read, a long Word paragraph, pandoc's line
                                  # break (reviews found each published)
                                  "&nbsp;&nbsp;&nbsp;&nbsp;（此件依申请公开）", "&#xFF08;此件依申请公开&#xFF09;",
                                  "（此件依申&#8203;请公开）", "<p>（此件依申请公开）&nbsp;</p>", "（此件依申请公开）\\",
                                  # a header's pairs apart by one space, a bar, a semicolon, names in 【】; 部分公开;
                                  # the note's other labels (reviews found each published)
                                  "索引号：015200371/2024-00001 公开方式：依申请公开 发布日期：2024-03-05",
                                  "索引号：015200371/2024-00001 | 公开方式：依申请公开 | 发布日期：2024-03-05",
                                  "索引号：015200371/2024-00001；公开方式：依申请公开；发布日期：2024-03-05",
                                  "【索引号】015200371/2024-00001 【公开方式】依申请公开",
                                  "索引号：015200371/2024-00001丨公开方式：依申请公开丨发布日期：2024-03-05",
                                  "索引号：015200371/2024-00001，公开方式：依申请公开，发布日期：2024-03-05",
                                  "索引号：015200371/2024-00001 · 公开方式：依申请公开 · 发布日期：2024-03-05",
                                  "<span>索引号：015200371/2024-00001</span><span>公开方式：依申请公开</span>",
                                  "公开方式：部分公开", "（此件部分公开）",
                                  "（附注：此件依申请公开）", "备注：此件依申请公开。", "注：此件依申请公开。",
                                  # a later review: all in references; a decision said; parts withheld
                                  "&#65288;&#27492;&#20214;&#20381;&#30003;&#35831;&#20844;&#24320;&#65289;",
                                  "（本件已定为依申请公开）", "（此件已列为依申请公开信息）", "（此件经删减后公开）",
                                  "（此件部分内容不予公开）", "（此件部分依申请公开）",
                                  "<p>江川省交通运输厅</p><p>2024年3月5日</p><p>（此件依申请公开）</p>",  # HTML on one line
                                  "2024年3月5日<br/>（此件依申请公开）",
                                  "<p>公开方式：依申请公开</p>", "<div>公开方式：不予公开</div>",  # a paragraph of HTML
                                  "（此件依申请公开，已报省政务公开办备案）",  # 政务公开 names an office (a later review)
                                  # 属, 属于…范围, 暂缓 (a review found each published)
                                  "（此件属依申请公开）", "（此件属于依申请公开范围）", "（此件暂缓公开）", "（本件属于不予公开范围）",
                                  # a space between every character: copied from a signed PDF or a 分散对齐 line (a review)
                                  "（此 件 依 申 请 公 开）", "（此　件　不　予　公　开）", "(此 件 不 公 开)", "秘 密 ★ 1 年",
                                  "（部分内容不予公开）",
                                  "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:"
                                  "exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>（此件依申请公开）</span></p>",
                                  # spaced out by a CMS editor in named references, the body holding no other mark word;
                                  # a Word span's style over 200 characters on one line (reviews found both published)
                                  "<p style=\"text-align:left\">（此&nbsp;件&nbsp;依&nbsp;申&nbsp;请&nbsp;公&nbsp;开）</p>",
                                  "（此&emsp;件&emsp;不&emsp;予&emsp;公&emsp;开）", "（此件依申请公&shy;开）",
                                  "<p class=\"MsoNormal\" style=\"text-indent:32.0pt\"><span style=\"" + WORD_STYLE
                                  + "\">（此件依申请公开）</span></p>"])
def test_a_documents_own_note_that_it_is_not_public_needs_a_disclosure_line(tmp_path, note):
    """A 公文 pasted from Word keeps its 附注; without a disclosure line the record was published against
    it (found by an attack review).  With 主动公开 written out, the office decided: a warning."""
    body = f"正文。\n\n江川省交通运输厅\n\n2024年3月5日\n\n{note}\n"
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body),
                            "b.md": rec(2, kind="notice", disclosure="主动公开", body=body),
                            "c.md": rec(3, kind="notice", body=body.replace(note, "（此件公开发布）"))})
    text = rec(1, kind="notice", body=body)
    row = next(i + 1 for i, r in enumerate(text.split("\n")) if r == note)
    assert [(p.file, p.line, p.code, p.severity) for p in result.problems] == [
        ("a.md", row, "marked-not-public", Severity.ERROR),
        ("b.md", row + 1, "marked-not-public-but-proactive", Severity.WARNING)]
    assert sorted(r.source for r in result.catalogue.records) == ["b.md", "c.md"]



@pytest.mark.parametrize("note", ["（此件依申请公开）<!--EndFragment-->", "<!--StartFragment-->（此件依申请公开）",
                                  "<p class=MsoNormal><!--[if !supportLists]-->（此件不予公开）</p>",
                                  "<p class=MsoListParagraph><!--[if !supportLists]--><span>1.&nbsp;</span><!--[endif]-->"
                                  "（此件不予公开）</p>", "<!--StartFragment-->秘密★1年",
                                  "<p class=MsoNormal><!--[if !supportLists]-->内部资料</p>",
                                  "（此件依申请公开）{: .right}", "（此件依申请公开）[^1]", "-->（此件依申请公开）"])
def test_a_note_beside_what_its_page_does_not_show_is_read(tmp_path, note):
    """A 附注 or 密级 sharing its line with an HTML comment closed there (the clipboard's, Word's), an attribute list
    or a footnote's reference: the page shows the note alone, the record was published (a review)."""
    body = f"正文。\n\n江川省交通运输厅\n\n2024年3月5日\n\n{note}\n\n[^1]: 联系人：张某。\n"
    text = rec(1, kind="notice", body=body)
    result = run(tmp_path, {"a.md": text})
    assert [(p.line, p.code) for p in errors(result)] == [(text.split("\n").index(note) + 1, "marked-not-public")]
    assert result.catalogue.records == ()


@pytest.mark.parametrize("body", ["（此件公开发布）<!--EndFragment-->\n",
                                  "<!--StartFragment-->本办法所称依申请公开，按照本办法办理。<!--EndFragment-->\n",
                                  "<!--StartFragment--><p><strong>【依申请公开】</strong></p>\n\n公民可以申请获取政府信息。\n",
                                  "（此件公开发布）{: .right}\n"])
def test_what_its_page_does_not_show_makes_no_note(tmp_path, body):
    """Taking out what the page does not show reads no mark where the page shows none."""
    assert check(tmp_path, {"a.md": rec(1, kind="notice", body=f"正文。\n\n{body}")}) == set()


@pytest.mark.parametrize("html, at", [
    ("<p class=MsoNormal style='text-indent:32.0pt;mso-line-height-rule:\nexactly'><span style='font-size:16.0pt'>"
     "（此件依申请公开）<span\nlang=EN-US><o:p></o:p></span></span></p>", 1),  # Word wraps its tags over lines
    # Word wraps its HTML source between two characters too, inside the note; so does a hard-wrapped paragraph
    ("<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>（此件依申请\n"
     "公开）</span></p>", 0),
    ("（此件依申请\n公开）", 0), ("（此件不予\n公开）", 0), ("【此件依申请公\n开】", 0),
    # a run's tag Word wraps over three lines inside the note; a note with its contact wrapped, its rest over 20
    # characters (reviews found each published)
    ("<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>（此件</span><span\n"
     "style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\";\n"
     "mso-bidi-font-family:\"Times New Roman\"'>依申请公开）</span></p>", 0),
    ("<p class=MsoNormal><span style='font-size:16.0pt'>（此件不予</span><span\nlang=EN-US><o:p></o:p></span><span\n"
     "style='font-size:16.0pt;\nmso-bidi-font-family:\"Times New Roman\"'>公开）</span></p>", 0),
    ("<p class=MsoNormal style='margin-left:32.0pt;text-indent:-32.0pt'><span style='font-family:仿宋_GB2312'>（此件依申请\n"
     "公开，联系人：厅办公室张三，联系电话：0871-63918062）</span></p>", 0),
    ("（此件依申请\n公开，联系人：江川省交通运输厅办公室综合科李四，联系电话：0871-63918062，传真：0871-63918063）", 0),
    ("<table>\n<tr>\n<td>索引号：</td>\n<td>015200371/2024-00001</td>\n<td>公开方式：</td>\n<td>依申请公开</td>\n"
     "</tr>\n</table>", 4),  # a CMS's metadata table, one cell a line
    ("<div>\n<span>公开方式：</span>\n<span>依申请公开</span>\n</div>", 1),
    # pretty-printed, each cell's text in a span of its own (a later review)
    ("<table>\n  <tr>\n    <td>\n      <span>公开方式：</span>\n    </td>\n    <td>\n      <span>依申请公开</span>\n"
     "    </td>\n  </tr>\n</table>", 3),
    # in columns: the names over one row of this document's values (a review)
    ("| 索引号 | 公开方式 | 发布日期 |\n| --- | --- | --- |\n| 015200371/2024-00001 | 依申请公开 | 2024-03-05 |", 2),
    ("<table><tr><th>索引号</th><th>公开方式</th></tr>\n<tr><td>015200371/2024-00001</td><td>依申请公开</td></tr></table>",
     1),
    # the same as a CMS writes it, each row on its line; without outer bars; an empty row pasted with it (a later
    # review found each published)
    ("<table>\n<tr><th>索引号</th><th>发布机构</th><th>公开方式</th></tr>\n"
     "<tr><td>015200371/2024-00001</td><td>江川省交通运输厅</td><td>依申请公开</td></tr>\n</table>", 2),
    ("索引号 | 发布机构 | 公开方式\n--- | --- | ---\n015200371/2024-00001 | 江川省交通运输厅 | 依申请公开", 2),
    ("| 索引号 | 公开方式 | 发布日期 |\n|---|---|---|\n| 015200371/2024-00001 | 依申请公开 | 2024-03-05 |\n|  |  |  |", 2)])
def test_a_note_in_html_over_lines_is_read_as_the_page_shows_it(tmp_path, html, at):
    """The browser shows one 附注 or one row; read line by line, none was seen and the record published (a review)."""
    body = f"正文。\n\n江川省交通运输厅\n\n2024年3月5日\n\n{html}\n"
    text = rec(1, kind="notice", body=body)
    result = run(tmp_path, {"a.md": text})
    row = text.split("\n").index(html.split("\n")[0]) + 1 + at
    assert [(p.line, p.code) for p in errors(result)] == [(row, "marked-not-public")]
    assert result.catalogue.records == ()


@pytest.mark.parametrize("html", [
    # name/value pairs side by side, two rows, on one line or one cell a line
    "<table><tr><td>索引号</td><td>015200371/2024-00001</td><td>公开方式</td><td>依申请公开</td></tr><tr><td>发布机构</td>"
    "<td>江川省交通运输厅办公室</td><td>发布日期</td><td>2024-03-05</td></tr></table>",
    "<table>\n  <tr>\n    <td>索引号</td>\n    <td>015200371/2024-00001</td>\n    <td>公开方式</td>\n    <td>依申请公开</td>\n"
    "  </tr>\n  <tr>\n    <td>发布机构</td>\n    <td>江川省交通运输厅办公室</td>\n  </tr>\n</table>",
    # a title row over the names, a layout table round the metadata table
    "<table><tr><td colspan=\"3\">文件信息</td></tr>\n<tr><th>索引号</th><th>发布机构</th><th>公开方式</th></tr>\n"
    "<tr><td>015200371/2024-00001</td><td>江川省交通运输厅办公室</td><td>依申请公开</td></tr></table>",
    "<table width=\"100%\"><tr><td>\n<table><tr><th>索引号</th><th>发布机构</th><th>公开方式</th></tr>\n"
    "<tr><td>015200371/2024-00001</td><td>江川省交通运输厅办公室</td><td>依申请公开</td></tr></table>\n</td></tr></table>",
])
def test_a_metadata_table_read_as_columns_leaves_every_other_reading_of_it(tmp_path, html):
    """A first reading of tables in columns took any table's first row for its names and overwrote its lines: tables
    of pairs side by side, a title row, a layout table round it, each caught before, were published (a review)."""
    body = f"正文。\n\n江川省交通运输厅\n\n2024年3月5日\n\n{html}\n"
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    assert [p.code for p in errors(result)] == ["marked-not-public"] and result.catalogue.records == ()
    one_line = ("<table><tr><th>索引号</th><th>发布机构</th><th>公开方式</th></tr><tr><td>015200371/2024-00001</td><td>"
                "江川省交通运输厅</td><td></td></tr></table><p>正文。</p><p>2024年3月5日</p><p>（此件依申请公开）</p>\n")
    (tmp_path / "x").mkdir()
    assert "marked-not-public" in [p.code for p in errors(run(tmp_path / "x", {"a.md": rec(1, kind="notice", body=one_line)}))]


@pytest.mark.parametrize("text", ["本办法所称依申请公开（包括\n部分公开）的信息，按照本办法办理。",
                                  "申请人可以申请公开（此前\n已主动公开的除外）。", "（此件依申请\n公开的部分另行答复）",
                                  # the rest long, a tag's lines between: still sentences
                                  "（此件依申请\n公开的部分，由厅办公室统一答复，联系人：张三，联系电话：0871-63918062）",
                                  "申请人可以通过信函、传真等方式提出申请（依申请公开的政府信息，\n"
                                  "本机关自收到申请之日起二十个工作日内予以答复，联系电话：0871-63918062）。",
                                  "<p class=MsoNormal><span>申请人可以申请公开（此前</span><span\nstyle='font-size:16.0pt;\n"
                                  "mso-bidi-font-family:\"Times New Roman\"'>已主动公开的除外）。</span></p>"])
def test_a_bracket_wrapped_in_a_sentence_is_no_note(tmp_path, text):
    """Joining a bracket wrapped over lines reads a note, not a sentence that holds one."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=f"正文。\n\n{text}\n")})
    assert errors(result) == [] and len(result.catalogue.records) == 1


def test_a_note_on_the_line_after_an_open_bracket_keeps_its_line(tmp_path):
    text = rec(1, kind="notice", body="正文（见\n（此件依申请公开）\n")
    result = run(tmp_path, {"a.md": text})
    row = text.split("\n").index("（此件依申请公开）") + 1
    assert [(p.line, p.code) for p in errors(result)] == [(row, "marked-not-public")]


def test_a_reference_to_a_line_break_keeps_the_lines_of_a_wrapped_note(tmp_path):
    """&#10; is white space on the page: read as a line break it moved the lines after it, and a wrapped note's join
    looked past the body's end."""
    text = rec(1, kind="notice", body="正文&#10;&#10;&#10;。\n\n（此件依申请\n公开）\n（此件依申请\n&#10;\n")
    result = run(tmp_path, {"a.md": text})
    row = text.split("\n").index("（此件依申请") + 1
    assert [(p.line, p.code) for p in errors(result)] == [(row, "marked-not-public")]


def test_a_table_listing_documents_by_their_disclosure_is_no_note(tmp_path):
    """A 依申请公开目录's rows each say 依申请公开: a list of documents, not this one's metadata."""
    body = ("| 事项 | 公开方式 | 办理时限 |\n| --- | --- | --- |\n| 政府信息公开申请 | 依申请公开 | 20个工作日 |\n\n"  # a guide's
            "【依申请公开信息】\n\n<h3>【依申请公开】</h3>\n\n<p><strong>【不予公开】</strong></p>\n\n"  # a guide's sections
            "| 索引号 | 公开方式 |\n| --- | --- |\n| 015200371/2024-00002 | 依申请公开 |\n| 015200371/2024-00003 | 主动公开 |\n\n"
            "<table><tr><th>索引号</th><th>公开方式</th></tr>\n<tr><td>015200371/2024-00002</td><td>依申请公开</td></tr>"
            "<tr><td>015200371/2024-00003</td><td>主动公开</td></tr></table>\n\n"
            # the same lists with an empty row, rows on lines of their own: still two documents
            "| 索引号 | 公开方式 |\n| --- | --- |\n| 015200371/2024-00002 | 依申请公开 |\n|  |  |\n| 015200371/2024-00003 | 主动公开 |\n\n"
            "<table>\n<tr><th>索引号</th><th>公开方式</th></tr>\n<tr><td>015200371/2024-00002</td><td>依申请公开</td></tr>\n"
            "<tr><td></td><td></td></tr>\n<tr><td>015200371/2024-00003</td><td>主动公开</td></tr>\n</table>\n")
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    assert errors(result) == [] and len(result.catalogue.records) == 1


@covers("disclosure-comment-not-public")
@pytest.mark.parametrize("line", ["disclosure: 主动公开  # 附件名单涉及个人隐私，不予公开", "disclosure: 主动公开  # 待保密审查，暂不公开",
                                  "disclosure: 主动公开 # 依申请公开", "公开方式: 主动公开\t# 内部资料",
                                  "disclosure: 主动公开  # 依申請公開", "disclosure: 主动公开  # 秘密★1年",
                                  "disclosure: 主动公开  # 内部文件，勿公开", "disclosure: 主动公开  # 需删减后公开"])
def test_a_comment_on_the_disclosure_line_saying_not_public_keeps_the_record_off(tmp_path, line):
    """The editor's note on the line that decides publication (an attack review found such records and their
    attachments published, nothing said: YAML drops the comment)."""
    text = _with(line)
    result = run(tmp_path, {"a.md": text})
    row = next(i + 1 for i, r in enumerate(text.split("\n")) if r == line)
    assert [(p.line, p.key, p.code) for p in errors(result)] == [(row, "disclosure", "disclosure-comment-not-public")]
    assert result.catalogue.records == ()


@pytest.mark.parametrize("line", ["disclosure: 主动公开  # 2024-03-05 经审查转为主动公开", "disclosure: 主动公开  # 公开方式",
                                  # what says it may be published (a review found these kept off)
                                  "disclosure: 主动公开  # 经保密审查，不涉密", "disclosure: 主动公开  # 不涉及国家秘密",
                                  "disclosure: 主动公开  # 非内部事务信息", "disclosure: 主动公开  # 无需删减",
                                  "disclosure: 主动公开  # 经审查，不含涉密内容", "disclosure: 主动公开  # 未涉密",
                                  "disclosure: 主动公开  # 经审查不属于免予公开范围",
                                  "disclosure: 主动公开  # 已审查，不涉及国家秘密，可以公开",
                                  "disclosure: \"主动公开 # 不予公开\"", "title: 关于#不予公开#的说明"])
def test_other_comments_on_the_disclosure_line_are_left_alone(tmp_path, line):
    result = run(tmp_path, {"a.md": _with(line) if "title" not in line else rec(1).replace("title: ", "title: x", 1)})
    assert [p.code for p in result.problems if p.code == "disclosure-comment-not-public"] == []


@pytest.mark.parametrize("body", [
    "二、严格落实公开属性源头认定机制。拟制公文时，应当在附注处分别标注“此件公开发布”“此件依申请公开”或“此件不予公开”。\n",
    "该文件涉及国家秘密，因此文件不予公开的部分已作删除处理。\n",
    "属于内部事务信息，因此文件不公开，特此说明。\n",
    "1. 关于加强治超工作的通知（此件依申请公开）\n2. 关于道路运输的通知（此件公开发布）\n",
    "（此件公开发布）\n",
    "（此件主动公开）\n",
    "本文件依申请公开的部分，按规定办理。\n",
    # the document made public since, a list of the forms, table cells (found by a review)
    "（此件依申请公开，2026年3月1日起转为主动公开）\n",
    "（此件不公开，现经审查后予以公开）\n",
    "1. （此件主动公开）\n2. （此件依申请公开）\n3. （此件不予公开）\n",
    "（主动公开）\n\n（依申请公开）\n\n（不予公开）\n",  # the forms listed one under another
    "### 【依申请公开】\n\n公民可以申请获取政府信息。\n",  # a guide's heading (a review)
    "**【依申请公开】**\n\n公民可以申请获取政府信息。\n",  # and a bold paragraph as its heading (a later review)
    "| 文件 | 公开属性 |\n|---|---|\n| 某通知 | （此件依申请公开） |\n",
    "<table><tr><td>公开属性：依申请公开</td></tr></table>\n",
    "| 文件 | 依申请公开 |\n", "| 公开方式 | 主动公开 |\n", "<!-- 公开方式：主动公开 -->\n", "公开方式分为主动公开和依申请公开。\n",
    # a guide's sentence after the line's name, however the name is written (a second review)
    "信息公开方式：依申请公开，公民、法人或者其他组织可以向本机关申请获取相关政府信息。\n",
    "公开方式 依申请公开，公民可以申请。\n", "【公开方式】依申请公开，公民可以申请。\n",
    "<table><tr><th>公开方式</th><td>依申请公开，申请人填写申请表</td></tr></table>\n",
    # words of a classification or of internal use inside a sentence (an attack round's forms are whole lines)
    "涉及商业秘密的，不予公开。\n",
    "第十条 国家秘密、工作秘密和内部资料的管理，按照有关规定执行。\n",
    "内部资料的范围由各单位确定。\n",
    # a guide's sentence on what 属于 a form, with or without a bracket, spaced out; a note saying the opposite
    # (the wordings with 属于 are notes: a review)
    "属于依申请公开范围的，申请人可以向本机关提出申请。\n", "（属于依申请公开范围的，申请人可以当面提出申请）\n",
    "对属于不予公开范围的，告知申请人并说明理由。\n", "（此件不属于不予公开范围）\n",
    "（此件属于主动公开范围）\n（此件属于依申请公开范围）\n（此件属于不予公开范围）\n",
    "依 申 请 公 开 的 政 府 信 息 ， 申 请 人 可 以 当 面 提 出 。\n", "本 办 法 自 公 布 之 日 起 施 行 。\n",
    # a condition in brackets, a clause before a public form (the clause a note may hold is no condition: a review)
    "（涉及个人隐私的，不予公开）\n", "（此件涉及个人隐私的部分，不予公开）\n", "（此件经保密审查，主动公开）\n",
    "（此件主动公开，不得转载）\n",
    # a part of a public document left out: the document is public (a second review found these kept off)
    "（专家名单略，不公开）\n", "（个人信息略，不公开）\n", "（涉及个人隐私部分，不予公开）\n", "（附件2，不予公开）\n",
    "（本通知附件2，不予公开）\n", "本公告所附名单，依申请公开。\n", "（此件附件2，不公开）\n",
    # a public law pasted from Word, its spans' styles over 200 characters, now read; a sentence spaced in
    # references, now read
    "".join(f"<p class=\"MsoNormal\"><span style=\"{WORD_STYLE}\">{line}</span></p>\n" for line in [
        "第十四条　依法确定为国家秘密的政府信息，不予公开。", "第十五条　涉及个人隐私的政府信息，行政机关不得公开。",
        "（依申请公开的政府信息，按照本条例第三章办理）", "（此件公开发布）"]),
    "依&nbsp;申&nbsp;请&nbsp;公&nbsp;开&nbsp;的&nbsp;政&nbsp;府&nbsp;信&nbsp;息&nbsp;，申请人可以当面提出。\n",
])
def test_prose_about_such_notes_is_not_a_note(tmp_path, body):
    """A review's false positives: only a line that is the 附注 itself says the document is not public."""
    assert check(tmp_path, {"a.md": rec(1, kind="notice", body=f"正文。\n\n{body}")}) == set()


@pytest.mark.parametrize("line", ["公开方式：依申请公开、主动公开两种。", "公开方式：依申请公开，公民、法人或者其他组织可以向本机关申请获取政府信息。",
                                  "- 甲：公开方式：依申请\n- 乙：x\n\n- 公开方式：依申请\n\n- 公开方式：依申请公开"])
def test_a_guides_sentence_after_the_value_is_not_a_disclosure_line(tmp_path, line):
    assert check(tmp_path, {"a.md": rec(1, body=f"通知正文。\n\n{line}\n")}) == set()


@pytest.mark.parametrize("line", ["**公开方式**：依申请公开", "公开方式：“依申请公开”（涉密）"])
def test_a_disclosure_line_in_bold_or_quotes_is_one(tmp_path, line):
    text = rec(1, body=f"通知正文。\n\n{line}\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", text.split("\n").index(line) + 1, "disclosure",
                                                "front-matter-in-body")}


@pytest.mark.parametrize("line", ["# disclosure: 依申请公开 （2025年经审查转为主动公开）",
                                  "# disclosure: 依申请公开 或 不予公开 时须写 withheld_reason",
                                  "# disclosure: 依申请公开  # 2026年复核后改为公开，见 OA 2026-118",
                                  "# disclosure: 依申请公开 （原公开方式，已改）", "# disclosure: on_request  # 2023: now public",
                                  "# disclosure: 依申请公开 # 历史值", "# disclosure: 依申请公开 # 填写示例，勿取消注释"])
def test_a_comment_that_says_more_than_the_value_is_a_note(tmp_path, line):
    result = run(tmp_path, {"a.md": _with(line)})
    assert errors(result) == [] and len(result.catalogue.records) == 1


def test_a_documents_own_disclosure_line_written_twice_still_withholds_it(tmp_path):
    """A CMS page's metadata list and the 版记 both say it: one document's own line twice, not a list of items."""
    body = "正文。\n\n- 发布机构：江川省交通运输厅\n- 公开方式：不予公开\n\n江川省交通运输厅\n\n公开属性：不予公开\n"
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    assert [p.code for p in result.problems] == ["marked-not-public"] and result.catalogue.records == ()


def test_a_forwarding_notices_own_note_counts_beside_the_forwarded_documents(tmp_path):
    """A 转发 notice: its own 附注, then the forwarded document's (found by a review: the public one beside
    it cleared it)."""
    body = ("正文。\n\n江川省交通运输厅\n\n2020年5月6日\n\n（此件依申请公开）\n\n附件：交通运输部关于……的通知\n\n"
            "交通运输部\n\n2020年4月1日\n\n（此件公开发布）\n")
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    assert [p.code for p in errors(result)] == ["marked-not-public"]


@pytest.mark.parametrize("line", ["## disclosure: 依申请公开", "#! disclosure: 不予公开", "# disclosure: “依申请公开”",
                                  "# disclosure: 依申请公开  # 依据《中华人民共和国政府信息公开条例》第十五条",
                                  "# disclosure: 不予公开（涉及国家秘密，不宜公开）", "# disclosure: 依申请公开 # 原因：涉及第三方商业秘密",
                                  "# disclosure: 依申请公开 # 涉及企业改制职工安置名单", "# disclosure: withheld # personal data, not public",
                                  "# disclosure: 不予公开  # 涉密", "# disclosure: 依申请公开  （公开方式）  # 待办公室确认",
                                  "# disclosure: 依申请公开 （公开方式） 第十五条", "# disclosure: 依申请公开 涉及个人隐私",
                                  "# disclosure: 不予公开。涉密", "# disclosure: 不予公开，涉及国家秘密"])
def test_other_ways_of_commenting_the_line_out_are_errors(tmp_path, line):
    result = run(tmp_path, {"a.md": _with(line)})
    assert [p.code for p in errors(result)] == ["disclosure-commented-out"] and result.catalogue.records == ()


def test_a_byte_order_mark_inside_a_multi_line_value_keeps_the_old_words(tmp_path):
    text = _with("summary: |\n  第一行\n  \ufeff第二行")
    result = run(tmp_path, {"a.md": text})
    assert all("字段名" not in p.message for p in result.problems)


@pytest.mark.parametrize("fence", ["---\u200b", "\ufeff---", "--- \u2060"])
@pytest.mark.parametrize("where", ["opening", "closing"])
def test_a_fence_with_an_invisible_character_is_read_as_the_fence_and_said(tmp_path, fence, where):
    """``---`` pasted with a zero-width space read as YAML text: an error on a body line whose hint spoke of
    Chinese colons (found by an attack review).  It is the fence it looks like, with a warning naming it."""
    lines = rec(1, disclosure="不予公开", withheld_reason="条例第十四条").split("\n")
    at = 0 if where == "opening" else lines.index("---", 1)
    lines[at] = fence
    result = run(tmp_path, {"a.md": "\n".join(lines)})
    if at == 0 and fence.startswith("\ufeff"):  # a byte order mark at the start of a file is one
        assert result.problems == ()
    else:
        assert [(p.line, p.code, p.severity) for p in result.problems] == [
            (at + 1, "invisible-character", Severity.WARNING)]
        assert "---" in result.problems[0].message and "U+" in result.problems[0].message
    (r,) = result.catalogue.records
    assert not r.is_proactive and r.body == "正文。\n"


def test_a_byte_order_mark_before_a_key_is_named(tmp_path):
    text = rec(1).replace("\n---\n正文", "\n\ufeffdisclosure: 不予公开\n---\n正文", 1)
    result = run(tmp_path, {"a.md": text})
    assert [(p.line, p.code) for p in errors(result)] == [(line_of(text, "\ufeffdisclosure"), "unusual-character")]
    assert "U+FEFF" in errors(result)[0].message and result.catalogue.records == ()


def test_a_record_saved_under_a_hidden_name_is_said_to_be_left_out(tmp_path):
    """Read for what it withholds, and never published (``record-hidden``); a hidden Markdown file that is no
    record is said unread."""
    result = run(tmp_path, {"notices/.a.md": rec(1), "b.md": rec(2), "notices/.DS_Store": b"\0",
                            "notices/.note.md": "说明\n"})
    assert [(p.file, p.code, p.severity) for p in result.problems] == [
        ("notices/.a.md", "record-hidden", Severity.WARNING), ("notices/.note.md", "not-a-record", Severity.WARNING)]
    assert "网站不发布它" in result.problems[0].message and "隐藏" in result.problems[1].message


# === 2. normalised identifiers =========================================================================

@covers("value-normalised")
def test_a_full_width_index_number_is_a_duplicate_of_its_ascii_twin(tmp_path):
    twin = rec(2, index_no=f"{AGENCY}/２０２４-０００01")
    result = run(tmp_path, {"a.md": rec(1), "b.md": twin})
    assert {(p.file, p.key, p.code) for p in result.problems} == {
        ("b.md", "index_no", "duplicate-index-no"), ("b.md", "index_no", "value-normalised")}
    assert [r.source for r in result.catalogue.records] == ["a.md"]
    warning = next(p.message for p in result.problems if p.code == "value-normalised")
    assert "２０２４" in warning and "2024" in warning


@covers("invisible-character")
def test_a_zero_width_space_in_an_index_number_is_removed_with_its_name_and_position(tmp_path):
    result = run(tmp_path, {"a.md": rec(1), "b.md": rec(2, index_no=f"{AGENCY}/2024-\u200b00001")})
    assert ("b.md", "index_no", "duplicate-index-no") in {(p.file, p.key, p.code) for p in result.problems}
    warning = next(p.message for p in result.problems if p.code == "invisible-character")
    assert "第 16 个字符处有一个看不见的「零宽空格」(U+200B)" in warning


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e",
                                  "\u202a", "\u00a0", "\u3000"])
def test_every_invisible_character_is_taken_out_of_an_index_number(tmp_path, char):
    result = run(tmp_path, {"a.md": rec(1, index_no=f"{AGENCY}/2024{char}-00001")})
    assert [r.index_no for r in result.catalogue.records] == [idx(1)]
    assert {p.code for p in result.problems} == {"invisible-character"}


def test_document_numbers_with_invisible_or_full_width_characters_are_duplicates(tmp_path):
    files = {"a.md": rec(1, doc_no="江交规〔2024〕3号"), "b.md": rec(2, doc_no="江交规〔２０２４〕\u200b３号")}
    found = check(tmp_path, files)
    assert ("b.md", line_of(files["b.md"], "doc_no"), "doc_no", "duplicate-doc-no") in found
    assert ("b.md", line_of(files["b.md"], "doc_no"), "doc_no", "invisible-character") in found


def test_coded_values_are_read_without_invisible_characters(tmp_path):
    text = rec(1, kind="poli\u200bcy", doc_type="其他文件", disclosure="依申请\u200d公开", withheld_reason="条例第十五条",
               category="综合政务\ufeff", published="2024-\u200b03-05")
    result = run(tmp_path, {"a.md": text})
    assert {(p.key, p.code) for p in result.problems} == {
        ("kind", "invisible-character"), ("disclosure", "invisible-character"),
        ("category", "invisible-character"), ("published", "invisible-character")}
    record, = result.catalogue.records
    assert record.disclosure is Disclosure.ON_REQUEST and record.category == "综合政务"


@covers("value-pasted-markup")
def test_web_codes_pasted_from_a_cms_are_read_as_the_page_showed_them_and_said(tmp_path):
    """关于做好2026年&ldquo;春运&rdquo;…的通知&nbsp; and a <br> in the summary, copied from a CMS that stores them as
    HTML: check said nothing and the page, the feeds and the open data showed the codes (a review)."""
    text = rec(1, title="江川省交通运输厅关于做好2026年&ldquo;春运&rdquo;道路运输保障工作的通知&nbsp;",
               summary="部署&#8220;春运&#x201D;工作。<br>加强<font color=red>安全</font>监管。", keywords=["春运&nbsp;", "安全"])
    result = run(tmp_path, {"a.md": text})
    assert [(p.line, p.key, p.code, p.severity) for p in result.problems] == [
        (line_of(text, "title"), "title", "value-pasted-markup", Severity.WARNING),
        (line_of(text, "summary"), "summary", "value-pasted-markup", Severity.WARNING),
        (line_of(text, "keywords"), "keywords", "value-pasted-markup", Severity.WARNING)]
    (r,) = result.catalogue.records
    assert r.title == "江川省交通运输厅关于做好2026年“春运”道路运输保障工作的通知"
    assert r.summary == "部署“春运”工作。加强安全监管。" and r.keywords == ("春运", "安全")
    title, summary, _ = result.problems
    assert "“&ldquo;”（即“）" in title.message and "“&nbsp;”（即空格）" in title.message
    assert title.hint == "把「标题」(title)改为这样：title: 江川省交通运输厅关于做好2026年“春运”道路运输保障工作的通知"
    assert "“<br>”（换行标记，已删去）" in summary.message and "“<font color=red>”" in summary.message


def test_a_line_break_between_two_organs_is_a_list_not_one_name(tmp_path):
    """江川省交通运输厅<br>江川省公安厅 from a CMS's cell: read as one organ of both names, advised so, and the joint
    document left the agency's count (a review)."""
    text = rec(1, issuer="江川省交通运输厅<br>江川省公安厅")
    result = run(tmp_path, {"a.md": text})
    (r,) = result.catalogue.records
    assert r.issuer == ("江川省交通运输厅", "江川省公安厅")
    (p,) = [p for p in result.problems if p.code == "value-pasted-markup"]
    assert p.hint.endswith("issuer: [江川省交通运输厅, 江川省公安厅]")


def test_a_reference_to_a_bracket_is_a_character_not_a_tag():
    """&lt;b&gt; is the text <b>: read as a tag after its references, it was dropped (the hostile-title test)."""
    from build_tools.validate import read_pasted_markup

    shown, meant, _ = read_pasted_markup("关于&lt;b&gt;加粗&lt;/b&gt;的说明<br>通知")
    assert shown == meant == "关于<b>加粗</b>的说明通知"


def test_a_tag_holding_words_is_shown_as_written_and_said(tmp_path):
    """<a name="…"> holds words the withheld-name check reads: printed as written, as before, not dropped unseen."""
    text = rec(1, summary='通报情况。<a name="作风建设">详见</a>')
    (p,) = run(tmp_path, {"a.md": text}).problems
    assert p.code == "value-pasted-markup" and "网站会原样显示" in p.message
    assert p.hint.endswith("summary: 通报情况。详见")
    assert run(tmp_path, {"a.md": text}).catalogue.records[0].summary == '通报情况。<a name="作风建设">详见</a>'


@pytest.mark.parametrize("title", ["江川省R&D中心关于某事的通知", "关于a&paragraph的通知", "关于&foo;的通知",
                                   "关于<外商投资>的通知"])
def test_an_ampersand_or_angle_brackets_that_are_no_web_code_are_text(tmp_path, title):
    result = run(tmp_path, {"a.md": rec(1, title=title)})
    assert result.problems == () and result.catalogue.records[0].title == title


def test_full_width_options_are_read_as_ascii_with_a_warning(tmp_path):
    result = run(tmp_path, {"a.md": rec(1, kind="ｐｏｌｉｃｙ", doc_type="其他文件")})
    assert {(p.key, p.code) for p in result.problems} == {("kind", "value-normalised")}
    assert len(result.catalogue.records) == 1


def test_references_are_normalised_like_index_numbers(tmp_path):
    files = {"a.md": rec(1), "b.md": rec(2, kind="interpretation", interprets=[f"{AGENCY}/２０２４-\u200b00001"])}
    result = run(tmp_path, files)
    assert {p.code for p in result.problems} == {"invisible-character", "value-normalised"}
    assert result.graph.interpretations.get(idx(1)) == (idx(2),)


def test_a_configured_pattern_does_not_take_other_scripts_digits_for_digits(tmp_path):
    # \d in a user-written pattern matches ٢٠٢٤ (Arabic-Indic digits), which NFKC keeps.
    text = rec(1, index_no=f"{AGENCY}/٢٠٢٤-00001")
    assert check(tmp_path, {"a.md": text}, index_no_pattern=r"^(?P<org>\d{9})/(?P<year>\d{4})-(?P<serial>\d{5})$") \
        == {("a.md", 2, "index_no", "invalid-index-no")}


def test_a_custom_pattern_with_a_non_numeric_year_group_is_no_traceback(tmp_path):
    # The configuration reader refuses such a pattern before any record meets it
    # (tests/test_config.py); the validator itself must not raise either.
    pattern = r"^(?P<year>[A-Z]{4})-\d{4}-(?P<serial>\d{5})$"
    _, problems = options_to_config({"agency_code": "", "index_no_pattern": pattern}, base_dir=tmp_path)
    assert [(p.key, p.code) for p in problems] == [("index_no_pattern", "config-invalid")]


# === 3. messages show where the invisible character is =================================================

def test_a_rejected_value_shows_its_invisible_character(tmp_path):
    result = run(tmp_path, {"a.md": rec(1, attachments=["细则\u200b.pdf"])})
    message = next(p.message for p in result.problems if p.code == "attachment-missing")
    assert "[U+200B]" in message


def test_an_unknown_key_shows_its_invisible_character(tmp_path):
    result = run(tmp_path, {"a.md": rec(1, **{"keyw\u200bords_x": "甲"})})
    message = next(p.message for p in result.problems if p.code == "unknown-field")
    assert "[U+200B]" in message


def test_an_invisible_character_in_a_key_is_read_with_a_warning(tmp_path):
    text = rec(1).replace("published:", "\u200bpublished:")
    result = run(tmp_path, {"a.md": text})
    assert {(p.line, p.key, p.code) for p in result.problems} == {
        (line_of(text, "\u200bpublished"), "published", "invisible-character")}


# === 4. odd spaces, line separators and control characters in the front matter =========================

LISTED = rec(1, keywords=["甲", "乙"]).replace("keywords: [甲, 乙]", "keywords:\n  - 甲\n  - 乙")


@covers("unusual-character")
@pytest.mark.parametrize("space, name", [("\u00a0", "不换行空格"), ("\u3000", "全角空格"), ("\u2003", "U+2003")])
def test_odd_space_indentation_is_reported_on_its_line_with_the_field(tmp_path, space, name):
    text = LISTED.replace("  - 乙", space * 2 + "- 乙")
    result = run(tmp_path, {"a.md": text})
    assert {(p.line, p.key, p.code) for p in result.problems} == {
        (line_of(text, space), "keywords", "unusual-character")}
    p, = result.problems
    assert name in p.message and CJK.search(p.hint) and "空格" in p.hint


def test_a_no_break_space_after_the_colon_is_reported(tmp_path):
    text = rec(1).replace("published: ", "published:\u00a0")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, "published"), "published", "unusual-character")}


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x07", "\x1b"])
def test_line_separators_and_control_characters_are_reported_on_their_line(tmp_path, char):
    text = rec(1, summary=f"第一句。{char}第二句。", published="2024-02-30")
    result = run(tmp_path, {"a.md": text})
    assert {(p.line, p.key, p.code) for p in result.problems} == {  # the rest of the file read too (an audit)
        (line_of(text, "summary"), "summary", "unusual-character"), (line_of(text, "published"), "published",
                                                                      "invalid-date")}
    p = next(p for p in result.problems if p.code == "unusual-character")
    assert f"U+{ord(char):04X}" in p.message and "第 14 个字符" in p.message
    assert not re.search(r"[A-Za-z]{5,}", p.message)  # no English reason from YAML


@pytest.mark.parametrize("value", [r'"共享目录 \\fileserver\budget\annual（见附件）。"', r'"\x1b[0m标题\0"',
                                   r'"说明\uFFFE\uFFFF"', r'"甲\x7f乙"', r'"第一行\L第二行"',
                                   r'"见 D:\reports 文件夹"', r'"见 D:\temp 文件夹"', r'"标题\u202e倒写"'])
def test_a_control_character_made_by_an_escape_in_double_quotes_is_reported(tmp_path, value):
    r"""``"\\fileserver\budget"``: YAML reads ``\b`` as a backspace, which no line of the file shows:
    check passed, and the build stopped with a traceback in the feeds (found by a review)."""
    text = rec(1, summary="PLACEHOLDER").replace("PLACEHOLDER", value)
    result = run(tmp_path, {"a.md": text})
    assert {(p.line, p.key, p.code) for p in result.problems} == {
        (line_of(text, "summary"), "summary", "unusual-character")}
    assert result.catalogue.records == ()
    assert "单引号" in result.problems[0].hint
    # written as the hint says, it is read as written
    fixed = rec(1, summary="PLACEHOLDER").replace("PLACEHOLDER", "'共享目录 \\fileserver\\budget'")
    (tmp_path / "fixed").mkdir()
    assert check(tmp_path / "fixed", {"a.md": fixed}) == set()


def test_line_numbers_after_a_line_separator_in_the_body_do_not_drift(tmp_path):
    text = rec(1, body="第一段\u2028仍是第一段。\n\n<style>\np{}\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, "<style>"), None, "unclosed-html"),
                                               ("a.md", line_of(text, "第一段"), None, "body-pasted-markup")}


# === 5. unclosed raw HTML ============================================================================

@covers("unclosed-html")
@pytest.mark.parametrize("opening", ["<style>", "<div>", "<p>", "<script>", "<table>", "<STYLE type=\"text/css\">"])
def test_an_unclosed_block_that_would_swallow_the_body_is_an_error(tmp_path, opening):
    text = rec(1, body=f"第一段。\n\n{opening}\np {{ margin: 0 }}\n\n第二段，会整个不见。\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, opening), None, "unclosed-html")}


def test_an_unclosed_style_inside_a_paragraph_is_an_error(tmp_path):
    text = rec(1, body="第一段 <style>p{}\n\n第二段。\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, "第一段"), None, "unclosed-html")}


@pytest.mark.parametrize("body", [
    "<div>\n甲\n</div>\n\n乙\n", "<style>p{}</style>\n\n正文。\n", "甲<br>乙\n", "<!-- 注释 -->\n正文\n",
    "`<style>` 是代码。\n", "<!-- 没有结束的注释\n\n正文。\n", "a < b 且 c > d。\n",
])
def test_closed_html_and_plain_less_than_signs_are_fine(tmp_path, body):
    assert check(tmp_path, {"a.md": rec(1, body=body)}) == set()


# === 6. a body that breaks the renderer ==============================================================

@covers("body-unrenderable")
@pytest.mark.parametrize("fragment", ["<![^1]", "<![ 甲", "<![-]"])
def test_markup_that_breaks_the_html_parser_is_found_by_check(tmp_path, fragment):
    text = rec(1, body=f"第一段。\n\n正文{fragment}尾。\n")
    result = run(tmp_path, {"a.md": text})
    assert {(p.line, p.code) for p in result.problems} == {(line_of(text, "正文"), "body-unrenderable")}
    assert "<![" in result.problems[0].message


# === 7. a line that would put another file on the page ==============================================

@covers("body-includes-file")
@pytest.mark.parametrize("line", ['--8<-- "docs/dev/internal.md"', "  --8<-- 'names.csv'", "-8<-", "--8<--",
                                  '---8<--- "a.md"'])
def test_a_line_that_would_insert_another_file_is_an_error(tmp_path, line):
    """With pymdownx.snippets on, the file's text would be on the public page, read by no check."""
    text = rec(1, body=f"第一段。\n\n{line}\n\n第二段。\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, line[:4]), None, "body-includes-file")}


@pytest.mark.parametrize("line", ["全文见{!../docs/dev/名单.md!}。", "{! names.csv | utf-8 !}", "{!a.md!lines=1 3-5}",
                                  "  {!  附件/内部.md  !}", "\\{!名单.md!}", '{% include-markdown "../名单.md" %}',
                                  "见 {%- include 'x.md' %}", "{!files/名单{1}.md!}", '{% include"x.md" %}',
                                  "{%+ include 'x' %}", "{% import 'm.html' as m %}", "{% extends 'base.md' %}",
                                  "{!!x!}"])
def test_an_include_directive_anywhere_in_a_line_is_an_error(tmp_path, line):
    """markdown-include and mdx_include read ``{!file!}`` anywhere in a line, in code too."""
    text = rec(1, body=f"第一段。\n\n{line}\n\n第二段。\n")
    found = run(tmp_path, {"a.md": text}).problems
    assert {(p.file, p.line, p.code) for p in found} == {("a.md", line_of(text, line), "body-includes-file")}
    assert ("{!" in found[0].message and "markdown-include" in found[0].message
            or "{%" in found[0].message and "include-markdown" in found[0].message)


def test_a_template_tag_over_two_lines_is_an_error_on_the_line_it_begins(tmp_path):
    text = rec(1, body="第一段。\n\n见附件{%\ninclude 'x.md' %}。\n")
    assert check(tmp_path, {"a.md": text}) == {("a.md", line_of(text, "见附件"), None, "body-includes-file")}


def test_a_long_line_of_include_marks_is_read_once():
    """``{!`` again and again with no end: each one's reading stops at the next brace (read to the line's
    end each, 200,000 characters took minutes; a review found 2.3 s at 32 KB)."""
    from build_tools.body_checks import _include_directive
    assert _include_directive("{!a!" * 50_000) is None
    assert _include_directive("{!!" * 50_000 + "!}") == 0
    assert _include_directive("!} 在前 {!a.md") is None


@pytest.mark.parametrize("body", ['剪刀符号 --8<-- 在句中。\n', ';--8<-- "a.md"\n', '--8<--"a.md"\n', "8<8<\n",
                                  "惊叹{!}号\n", "{! !}\n", "{!a.md}\n", "{% raw %}\n", "{%}\n", "{% includes %}\n"])
def test_an_escaped_or_inline_scissors_mark_is_fine(tmp_path, body):
    assert check(tmp_path, {"a.md": rec(1, body=body)}) == set()


@functools.cache
def _mkdocs_config():
    from mkdocs.config import load_config as mkdocs_config
    config = mkdocs_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # set by MkDocs while it runs plugin events
    return config


def render(body: str) -> str:
    """A record body through MkDocs' page rendering and through the plugin's shared parser, sanitised."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from build_tools.mkdocs_plugin.page_markdown import PageMarkdown
    from build_tools.body_html import sanitise

    config = _mkdocs_config()
    source = f'---\n{{"title": "t", "template": "record.html"}}\n---\n\n{body}'
    outputs = []
    for shared in (False, True):
        page = Page(None, File.generated(config, "records/x/index.md", content=source), config)
        page.read_source(config)
        if shared:
            PageMarkdown(config, Files([])).render(page)
        else:
            page.render(config, Files([]))
        outputs.append(sanitise(page.content))
    assert outputs[0] == outputs[1]
    return outputs[0]


FRAGMENTS = ["<![", "<!", "<?", "</", "<!--", "-->", "<![CDATA[", "]]>", "]>", "<div>", "</div>", "<p>", "<br>",
             "<a href=x>", "</a>", "<x", "<!x", "<![x", "<?xml ", "?>", "<!DOCTYPE ", "</>", "<![^1]", "[^1]",
             "\n[^1]: 注\n", "{: #a }", "&", "&#", "&#x;", "<", ">", "`", "\n", "\n\n", "    ", "正文", "a", "1",
             "-", "]", "^", "'", '"', "=", "/", "<!DOCTYPE a [", "<!ELEMENT ", "<!ATTLIST ", "<!ENTITY ", "%", "[",
             "<!-", "<!>", "<?>", "<!--[if gte mso 9]>", "<![endif]-->", "<style>", "</style>", "<o:p>", "</o:p>"]
bodies = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)


@PROPERTY
@given(body=bodies)
@example(body="<![^1]")
@example(body="正文<![ a")
@example(body="<!x\n\n<![")
def test_raw_html_in_a_body_is_either_a_problem_or_renders(tmp_path, body):
    # (tmp_path is shared by the examples; the catalogue holds one file, rewritten each time.)
    text = rec(1, body=body + "\n")
    result = run(tmp_path, {"a.md": text})
    if errors(result):
        assert all(p.line and 1 <= p.line <= text.count("\n") + 1 for p in errors(result))
        return
    render(body)  # must not raise


def test_a_body_that_raises_while_rendering_is_a_logged_problem_not_a_traceback(tmp_path, monkeypatch, caplog):
    from build_tools import validate as validate_module
    from build_tools.mkdocs_plugin.build import BuildFailed, build_site
    from tests.test_security import record_text, write_project

    # As if check did not know this construct yet: the build's own net must hold.
    monkeypatch.setattr(validate_module, "check_body", lambda *args: [], raising=False)
    fields = {"index_no": f"{AGENCY}/2024-00001", "title": "甲", "kind": "notice", "issuer": "测试厅",
              "category": "综合政务", "published": dt.date(2024, 3, 5)}
    config = write_project(tmp_path, {"notices/bad.md": record_text(fields, "正文<![^1]尾。")})
    with caplog.at_level(logging.WARNING):
        site = build_site(config, site_dir=tmp_path / "site", as_of=dt.date(2024, 6, 1))
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("notices/bad.md" in m and "catalogue check" in m for m in logged), logged
    assert not any("Error" in m for m in logged), logged
    page = next(p for p in site.rglob("index.html") if "尾" in p.read_text(encoding="utf-8"))
    assert "&lt;![^1]" in page.read_text(encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(config, site_dir=tmp_path / "strict", as_of=dt.date(2024, 6, 1), strict=True)


# === 7. pasted-text mutations of the sample records ===================================================

@functools.cache
def _sample():
    config, problems = load_config(ROOT / "mkdocs.yml", catalogue_dir=SAMPLE)
    assert not problems
    files, _ = walk(SAMPLE)
    texts = {rel: (SAMPLE / rel).read_text(encoding="utf-8") for rel in files if rel.endswith(".md")}
    return config, frozenset(files), texts


def _outcome(rel: str, text: str):
    config, files, _ = _sample()
    doc, problems = read_source(text.encode("utf-8"), rel)
    if doc is None:
        return None, problems
    outcome = validate(doc, config, files)
    record = None if any(p.severity is Severity.ERROR for p in problems) else outcome.record
    return record, [*problems, *outcome.problems]


INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e", "\u00a0", "\u3000",
              "\u2028", "\x0c", "\x0b", "\x1e"]
WIDE = str.maketrans("0123456789-/", "０１２３４５６７８９－／")


def mutate(text: str, rnd: random.Random, kind: str) -> str:
    lines = text.split("\n")
    end = lines.index("---", 1)
    at = rnd.randrange(1, end)
    line = lines[at]
    if kind == "invisible":
        pos = rnd.randrange(0, len(line) + 1)
        lines[at] = line[:pos] + rnd.choice(INVISIBLES) + line[pos:]
    elif kind == "wide":
        key, sep, value = line.partition(":")
        lines[at] = key + sep + value.translate(WIDE)
    elif kind == "indent":
        lines[at] = re.sub(r"^ +", lambda m: rnd.choice(["\u00a0", "\u3000"]) * len(m.group(0)), line) \
            if line.startswith(" ") else rnd.choice(["\u00a0", "\u3000"]) + line
    else:  # a stray fence
        lines.insert(at, "---")
    return "\n".join(lines)


def withheld(text: str) -> str:
    """The sample record made 不予公开 (a notice, so the law allows it)."""
    text = re.sub(r"\ndisclosure: .*", "", text)
    text = re.sub(r"\nwithheld_reason: .*", "", text)
    return text.replace("\n---\n", "\ndisclosure: 不予公开\nwithheld_reason: 《政府信息公开条例》第十六条第二款\n---\n", 1) \
        if text.startswith("---\n") else text


CODED = ("index_no", "kind", "disclosure", "category", "published", "written", "effective", "doc_type", "validity",
         "interprets", "amends", "repeals", "fiscal_year")


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["invisible", "wide", "indent", "fence"]),
       hide=st.booleans())
def test_pasted_mutations_of_sample_records_give_a_clear_problem_or_the_same_record(seed, kind, hide):
    rnd = random.Random(seed)
    _, _, texts = _sample()
    rel = rnd.choice(sorted(texts))
    original = texts[rel]
    if hide:
        rel = rnd.choice(sorted(r for r in texts if r.startswith("notices/")))
        original = withheld(texts[rel])
    before, before_problems = _outcome(rel, original)
    assert before is not None, before_problems
    text = mutate(original, rnd, kind)
    record, problems = _outcome(rel, text)          # never a traceback
    last = text.count("\n") + 1
    for p in problems:
        assert p.file == rel and (p.line is None or 1 <= p.line <= last), p
        assert CJK.search(p.message), p
    if record is None:
        assert any(p.severity is Severity.ERROR for p in problems), "a record left out must say why"
        return
    # Never a withheld record made public, never a silently changed identifier.
    assert record.disclosure == before.disclosure
    changed = [k for k in CODED if getattr(record, k, None) != getattr(before, k, None)]
    if record.doc_no is not None or before.doc_no is not None:
        if getattr(record.doc_no, "normalised", None) != getattr(before.doc_no, "normalised", None):
            changed.append("doc_no")
    assert not changed, (changed, problems)


def test_a_handful_of_pasted_mutations_build_with_check_and_build_agreeing(tmp_path):
    from build_tools.mkdocs_plugin.build import build_site
    from build_tools.pipeline import check_catalogue

    project = tmp_path / "project"
    shutil.copytree(ROOT / "catalogue", project / "catalogue")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                                        .replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}"),
                                        encoding="utf-8")
    notices = sorted((project / "catalogue" / "notices").glob("*.md"))
    hidden = notices[0]
    text = withheld(hidden.read_text(encoding="utf-8"))
    # The stray fence: disclosure and its reason fall into the body.
    hidden.write_text(text.replace("\ndisclosure:", "\n---\ndisclosure:"), encoding="utf-8")
    wide = notices[1]
    wide.write_text(re.sub(r"(index_no: \d+/)(\S+)", lambda m: m.group(1) + m.group(2).translate(WIDE),
                           wide.read_text(encoding="utf-8")), encoding="utf-8")
    styled = notices[2]
    styled.write_text(styled.read_text(encoding="utf-8") + "\n<style>\np.MsoNormal { margin: 0 }\n", encoding="utf-8")
    as_of = dt.date(2026, 11, 23)
    config, _ = load_config(project / "mkdocs.yml")
    result = check_catalogue(config, as_of)
    by_file = {(p.file, p.code) for p in result.problems}
    assert (hidden.relative_to(project / "catalogue").as_posix(), "front-matter-in-body") in by_file
    assert (wide.relative_to(project / "catalogue").as_posix(), "value-normalised") in by_file
    assert (styled.relative_to(project / "catalogue").as_posix(), "unclosed-html") in by_file
    site = build_site(project / "mkdocs.yml", site_dir=project / "site", as_of=as_of)
    published = "\n".join(text for _, text in all_text(site))  # every output, the search index inflated
    hidden_title = re.search(r"\ntitle: (.*)", text).group(1)
    styled_title = re.search(r"\ntitle: (.*)", styled.read_text(encoding="utf-8")).group(1)
    assert hidden_title not in published       # withheld, though its disclosure fell into the body
    assert styled_title not in published       # an error keeps it off rather than an empty page
    wide_record = next(r for r in result.catalogue.records if r.source.endswith(wide.name))
    assert wide_record.index_no.isascii()


def test_an_unreadable_file_with_a_full_width_index_number_still_counts_as_a_duplicate(tmp_path):
    broken = rec(2, index_no=f"{AGENCY}/２０２４-00001", keywords=["甲"]).replace("keywords: [甲]", "keywords:\n\u00a0\u00a0- 甲")
    result = run(tmp_path, {"a.md": rec(1), "b.md": broken})
    assert ("b.md", "duplicate-index-no") in {(p.file, p.code) for p in result.problems}


@covers("body-heading-level-1")
def test_a_first_level_heading_in_a_body_is_a_warning_and_code_is_left_alone(tmp_path):
    """A law pasted with its title as `#`: two <h1> on the page, every chapter under it in the 目录 (a
    review); so are #1泊位 (Python-Markdown needs no space after the #), a title underlined with ===, and a
    pasted <h1> (a later review).  `#` in a code fence, indented as code, inside an HTML comment or a <pre> is
    no heading."""
    body = ("# 江川省道路运输管理办法\n\n## 第一章 总则\n\n第一条 甲。\n\n```\n# 代码中的注释\n```\n\n"
            "    # 缩进的代码\n\n#1泊位 改造\n\n~~~\n# 又一段代码\n~~~\n\n"
            "<!-- 编辑备注\n# 旧标题\n-->\n\n<PRE class=\"x\">\n# 预排文本\n</pre>\n\n<!-- 一行注释 -->\n\n# 附件\n\n"
            "下划线标题\n=====\n\n<h1 class=\"t\">粘贴的标题</h1>\n")
    text = rec(1, body=body)
    result = run(tmp_path, {"a.md": text})
    found = [(p.line, p.code, p.severity) for p in result.problems if p.code != "body-pasted-markup"]
    lines = text.split("\n")
    assert found == [(lines.index(h) + 1, "body-heading-level-1", Severity.WARNING)
                     for h in ("# 江川省道路运输管理办法", "#1泊位 改造", "# 附件", "下划线标题", '<h1 class="t">粘贴的标题</h1>')]
    assert len(result.catalogue.records) == 1  # a warning: published

def test_a_list_of_items_each_with_its_disclosure_line_is_confirmed_by_the_office(tmp_path):
    """A 依申请公开目录 whose entries say 公开方式：依申请（…）: each line is read, as a document's own line beside
    related documents' cannot be told from it (a fifth review found every rule that tried leaking); with
    disclosure: 主动公开 the office confirms the record and it is published, warned."""
    entries = "".join(f"### （{n}）条目{n}\n\n公开方式：依申请（需提供身份证明）\n\n受理机构：政务窗口。\n\n" for n in "一二三")
    body = "下列信息依申请公开。\n\n" + entries
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body),
                            "b.md": rec(2, kind="notice", disclosure="主动公开", body=body)})
    assert [(p.file, p.code, p.severity) for p in result.problems] == [
        ("a.md", "marked-not-public", Severity.ERROR), ("b.md", "marked-not-public-but-proactive", Severity.WARNING)]
    assert [r.source for r in result.catalogue.records] == ["b.md"]


@pytest.mark.parametrize("body", [
    "- 公开方式：不予公开\n\n## 一、总则\n\n正文。\n\n## 二、附则\n\n正文。\n\n版记\n\n公开方式：不予公开\n",
    "公开方式：非公开\n\n正文。\n\n### 附注\n\n公开方式：非公开\n",
    "公开方式：不予公开\n\n正文。\n\n相关文件一（公开方式：主动公开）\n\n相关文件二（公开方式：主动公开）\n",
])
def test_a_documents_own_line_among_others_still_withholds_it(tmp_path, body):
    """Its own line twice with headings between, under a 附注 heading, beside related documents' lines: a rule
    taking several lines for a list of items had published them (a fifth review)."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body="通知正文。\n\n" + body)})
    assert errors(result) and result.catalogue.records == ()


def test_a_disclosure_line_in_the_body_says_both_ways_out_and_the_second_works(tmp_path):
    """The message spoke of a stray --- and of a Chinese colon the line already had; an item's line
    rewritten as the hint says (本项公开方式：…) is text (a review)."""
    entries = "".join(f"### （{n}）条目{n}\n\n公开方式：依申请公开\n\n" for n in "一二")
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body="下列信息依申请公开。\n\n" + entries)})
    assert [p.code for p in result.problems] == ["front-matter-in-body"] * 2
    assert "---" not in result.problems[0].message and "本项公开方式" in result.problems[0].hint
    fixed = entries.replace("公开方式：", "本项公开方式：")
    assert check(tmp_path, {"a.md": rec(1, kind="notice", body="下列信息依申请公开。\n\n" + fixed)}) == set()


def test_slips_pasted_into_one_file_are_all_said_in_one_check(tmp_path):
    """A Tab before a keyword, a full-width colon after a key and an impossible date: one check said one, the next
    the next (an audit: four rounds for four slips).  All are said at once; the record is not read."""
    text = rec(1, published="2024-02-30").replace("\n---\n正文", "\nkeywords:\n\t- 电子证照\nsummary：规范电子证照。\n---\n正文", 1)
    result = run(tmp_path, {"a.md": text})
    rows = text.split("\n")
    assert sorted((p.line, p.code) for p in result.problems) == sorted([
        (line_of(text, "published"), "invalid-date"),
        (next(i + 1 for i, r in enumerate(rows) if r.startswith("\t")), "yaml-tab"),
        (line_of(text, "summary："), "yaml-syntax")])
    assert result.catalogue.records == ()


def test_values_holding_a_colon_and_space_do_not_hide_the_files_other_slips(tmp_path):
    """A summary pasted as 通知要求: 各单位…… stopped YAML on its line, and an impossible date and a second such
    value below it came one round of check at a time (an audit).  Each is said at once; the record is not read."""
    text = rec(1, written="2024-13-02", summary="通知要求: 各单位落实责任").replace(
        "\n---\n正文", "\nkeywords: [电子证照]\nnote: 备注: 见附件 's'\n---\n正文", 1)
    result = run(tmp_path, {"a.md": text})
    assert sorted((p.line, p.code) for p in result.problems) == sorted([
        (line_of(text, "written"), "invalid-date"), (line_of(text, "summary"), "yaml-syntax"),
        (line_of(text, "note:"), "yaml-syntax")]), result.problems
    assert result.catalogue.records == ()
    quoted = text.replace("summary: 通知要求: 各单位落实责任", "summary: '通知要求: 各单位落实责任'")
    assert "yaml-syntax" not in {p.code for p in run(tmp_path, {"a.md": quoted}).problems if p.key == "summary"}


@pytest.mark.parametrize("title, said", [
    ("[转发]国务院办公厅关于做好2026年春运工作的通知", "“[转发]”读成了列表"),
    ('"春运"工作通知', "英文双引号"), ("{转发}关于春运的通知", "花括号"), ("[转发国务院办公厅通知", "没有找到右方括号"),
    ("*重要*春运工作通知", "“*”开头"), ("!紧急通知", "“!”开头")])
def test_a_title_opening_with_brackets_or_quotes_does_not_hide_the_files_other_slips(tmp_path, title, said):
    """A CMS title [转发]国务院办公厅…… (a 文号 [2026]3号, "春运"工作通知) stopped YAML on its line, and a wrong
    主题分类 and a 13th month came one round of check later (a review).  The line is read as the quoted value it was
    meant to be: said once, with the rest; the record is not read."""
    text = rec(1, title=title, category="工业、交通/道路", written="2026-13-01")
    result = run(tmp_path, {"a.md": text})
    assert sorted((p.line, p.code) for p in result.problems) == sorted([
        (line_of(text, "title"), "yaml-syntax"), (line_of(text, "category"), "unknown-category"),
        (line_of(text, "written"), "invalid-date")]), result.problems
    assert said in next(p.message for p in result.problems if p.code == "yaml-syntax")
    assert result.catalogue.records == ()


def test_a_value_opening_with_brackets_is_told_to_be_quoted_as_it_is(tmp_path):
    """It was "not a 字段: 取值 line, or indented unlike the fields above"; the hint now writes the line quoted, a
    文号's year in 六角括号 too."""
    result = run(tmp_path, {"a.md": rec(1, doc_no="[2026]3号")})
    p = next(p for p in result.problems if p.code == "yaml-syntax")
    assert p.key == "doc_no" and "后面的“3号”读不出来" in p.message
    assert "doc_no: '[2026]3号'" in p.hint and "〔2026〕3号" in p.hint
    quoted = run(tmp_path, {"a.md": rec(1, title="'春运'工作通知")}).problems
    assert "title: \"'春运'工作通知\"" in next(p.hint for p in quoted if p.code == "yaml-syntax")


@pytest.mark.parametrize("field, written", [("published", "“2024-03-05”"), ("doc_no", "“江交规〔2024〕3号”"),
                                            ("index_no", "「015200371/2024-00001」")])
def test_a_value_in_words_curly_quotes_is_read_without_them_and_said(tmp_path, field, written):
    """Word's AutoFormat turns a YAML example's quotes into “”: the date was "not a valid date", the index number
    "not found" (an audit), while 公开方式 so written was named.  Read without them, with a warning."""
    result = run(tmp_path, {"a.md": rec(1, **{field: written})})
    assert [(p.key, p.code) for p in result.problems] == [(field, "value-normalised")]
    assert "两边有中文引号" in result.problems[0].message and len(result.catalogue.records) == 1


@pytest.mark.parametrize("written, said", [
    ("015200371/2024–00001", "长短破折号"),  # Word's AutoCorrect: read as a hyphen, and said
    ("15200371/2024-00001", "少了开头的 0"),  # Excel drops a number's leading zeros
    ("015200371 /2024-00001", "其中有空格"),
])
def test_an_index_number_pasted_through_word_or_excel_is_told_what_differs(tmp_path, written, said):
    """Each got the same "not the catalogue's format", the editor comparing two strings that look alike (an
    audit)."""
    result = run(tmp_path, {"a.md": rec(1, index_no=written)})
    assert len(result.problems) == 1 and said in result.problems[0].message, result.problems
    assert (written == "015200371/2024–00001") == bool(result.catalogue.records)


@pytest.mark.parametrize("opening, closing, line, code", [
    ("－－－", "－－－", 1, "front-matter-missing"), ("———", "---", 1, "front-matter-missing"),
    ("---", "－－－", None, "front-matter-unclosed")])
def test_a_fence_typed_with_the_chinese_input_method_is_named(tmp_path, opening, closing, line, code):
    """－－－ looks like --- in most fonts: the check said there was no block and told the editor to add one, which
    made a second, empty block and turned the fields into body text (a review).  The line is named."""
    text = rec(1)
    rows = text.split("\n")
    end = rows.index("---", 1)
    rows[0], rows[end] = opening, closing
    result = run(tmp_path, {"a.md": "\n".join(rows)})
    assert [(p.line, p.code) for p in result.problems] == [(line or end + 1, code)], result.problems
    assert "全角" in result.problems[0].message and "不要另加" in result.problems[0].hint


def test_an_unclosed_block_does_not_name_a_divider_in_the_body(tmp_path):
    """With the closing --- missing, a ———————— divider far down the body was named as the closing fence, and
    following the hint made body paragraphs metadata (a review)."""
    rows = rec(1, body="正文第一段。\n\n————————\n\n正文第二段。\n").split("\n")
    del rows[rows.index("---", 1)]
    result = run(tmp_path, {"a.md": "\n".join(rows)})
    assert [(p.line, p.code) for p in result.problems] == [(1, "front-matter-unclosed")], result.problems
    assert "全角" not in result.problems[0].message


@covers("body-pasted-markup")
@pytest.mark.parametrize("body, said", [
    ("第一段。\n\n    第一条 为了规范管理，制定本办法。\n    第二条 本办法适用于全省。\n", 3),
    ("车型分类如下：\n\n>7座且≤19座：二类客车\n", 3), ("单位名称：________，联系人：________\n", 1),
    ("正文。\n\n1. 第一项\n\n    第一项的说明。\n", None), ("正文。\n\n```\n    代码\n> 1\n____x\n```\n", None),
    ("> 引用的话。\n", None), ("正文。\n\n____\n\n下文。\n", None), ("!!! note \"说明\"\n\n    注意事项。\n", None),
    ("通行费=基本费率*计费里程*车型系数\n", 1), ("**第一条** 为了规范。带*的为必填项。\n", None),
    ("总则。\n\n**第一条 为了规范管理。\n\n**第二条 本办法适用于全省。\n", 3), ("__第一条 为了\n", 1),
    ("**第一条　**为了规范。\n\n**第二条 为了\n规范。**\n", None), ("<!--\n**第一条 为了\n-->\n", None),
    ("```\n**第一条 为了\n```\n", None)])
def test_text_pasted_from_word_that_markdown_reads_as_markup_is_said(tmp_path, body, said):
    """A law pasted with its paragraphs indented was shown as one block of code, >7座 lost its >, a form's ________
    blank vanished (a review): said as warnings at the line; a list's or a note's indented paragraph, code, a
    quotation and a rule are what they are.  An article's number opening a bold never closed (**第一条 为了…) showed
    its asterisks and had no address: said once, at the first; Word's bold run holding its space (**第一条　**) is
    read as the guide writes it, and a bold closed on a later line, a comment and code are what they are."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    found = [p.line - 9 for p in result.problems if p.code == "body-pasted-markup"]
    assert found == ([] if said is None else [said - 1]), result.problems


def test_words_language_marks_do_not_reach_the_page():
    """Word's <span lang=EN-US> around Chinese text survived sanitising: screen readers read the paragraph in an
    English voice (a review).  The page's language (zh-CN) holds for every body."""
    from build_tools.body_html import BodyRenderer
    html = BodyRenderer()('<p class=MsoNormal><span lang=EN-US>加强组织领导。</span><span lang="zh-CN">二</span></p>\n')
    assert "lang" not in html and "加强组织领导。" in html


def test_every_body_message_names_the_files_line_as_its_location_does():
    """正文第 N 行 counted from the body for some codes and from the file for others, in one report (a review)."""
    from build_tools.body_checks import check_body
    body = "第一段。\n\n>7座客车\n\n# 标题\n\n    缩进的段落\n"
    problems = check_body(body, 9, "a.md")
    assert problems
    for p in problems:
        assert f"第 {p.line} 行" in p.message and "正文第" not in p.message, (p.line, p.message)


@pytest.mark.parametrize("pasted", ['<del cite="mailto:张三" datetime="2026-03-01">一百元</del><ins>二百元</ins>',
                                    '<span class=msoDel><del>一百元</del></span>二百元', "<strike>一百元</strike>二百元"])
def test_words_word_tracked_as_deleted_are_said_and_shown_struck_through(tmp_path, pasted):
    """Word's tracked changes pasted before they were accepted: the sanitiser dropped <del> and the deleted words
    ran into the final wording as text, nothing said (a review)."""
    from build_tools.body_html import BodyRenderer
    body = f"各有关单位：\n\n收费标准为每车次{pasted}。\n"
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    [p] = [p for p in result.problems if p.code == "body-pasted-markup"]
    assert p.line == line_of(rec(1, kind="notice", body=body), "收费标准") and "修订" in p.message
    html = BodyRenderer()(body)
    assert "<del>一百元</del>" in html or "<strike>一百元</strike>" in html, html  # struck through, as in Word


def test_words_footnotes_pasted_as_html_keep_their_anchors():
    """Word's footnotes link by name (<a href="#_ftn1" name="_ftnref1">, <a name="_ftn1">), which the sanitiser
    dropped: both directions pointed nowhere on the page (a review)."""
    from build_tools.body_html import BodyRenderer
    body = ('依据相关规定<a href="#_ftn1" name="_ftnref1">[1]</a>。\n\n'
            '<div><p><a href="#_ftnref1" name="_ftn1">[1]</a> 《江川省公路条例》第十条。</p></div>\n')
    html = BodyRenderer()(body)
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert {"_ftn1", "_ftnref1"} <= ids and targets <= ids, html


@pytest.mark.parametrize("body, at, below, said", [
    ("各市（州）交通运输局：\n\n现将考核结果公布如下：\n\n序号\t地区\t得分\n1\t甲市\t95.5\n2\t乙州\t88.0\n", "序号", 0, "制表符"),
    ("各市（州）交通运输局：\n\n请做好检查工作，具体要求如下\n---\n一、按时报送。\n", "请做好检查", 1, "标题"),
    ("请做好检查工作。\n\n江川省交通运输厅\n2026年3月2日\n---\n", "2026年3月2日", 1, "标题"),
])
def test_a_table_pasted_with_tabs_or_a_stray_rule_under_a_line_is_said(tmp_path, body, at, below, said):
    """Rows copied from Excel run into one paragraph; a --- typed under a sentence makes it a heading, and under the
    date takes the closing off the right: the check was silent (a review)."""
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    [p] = [p for p in result.problems if p.code == "body-pasted-markup"]
    assert p.line == line_of(rec(1, kind="notice", body=body), at) + below and said in p.message


@pytest.mark.parametrize("body", ["第一段。\n\n---\n\n第二段。\n", "| 序号 | 地区 |\n| --- | --- |\n| 1 | 甲市 |\n",
                                  "- 一项\n---\n", "# 标题\n---\n", "第一段\t说明一处。\n第二段。\n",
                                  "1.\t加强组织领导。\n2.\t强化督查。\n", "（一）\t加强组织领导。\n（二）\t强化督查。\n"])
def test_a_rule_apart_a_markdown_table_or_one_tab_is_not_said(tmp_path, body):
    result = run(tmp_path, {"a.md": rec(1, kind="notice", body=body)})
    assert "body-pasted-markup" not in {p.code for p in result.problems}, body


@covers("body-footnote-broken")
def test_footnote_slips_are_said_at_their_lines(tmp_path):
    """A definition with a space before its colon (``[^2] : …``) was glued into the note above and its mark printed
    as ``[^2]``; a definition whose mark was deleted was listed with a back link to nothing; check was clean (a
    review).  Each is said at its line; footnotes written right, and marks in code, are not."""
    text = rec(1, body="县道补助7000元[^1]，乡道补助3500元[^2]，桥梁[^4]。\n\n`[^9]` 是脚注的写法。\n\n"
                       "[^1]: 含中央车购税资金。\n[^3]: 于6月底前拨付。\n[^2] : 村道参照乡道执行。\n")
    result = run(tmp_path, {"a.md": text})
    said = sorted((p.line, p.message) for p in result.problems if p.code == "body-footnote-broken")
    assert [n for n, _ in said] == [line_of(text, "县道"), line_of(text, "[^3]"), line_of(text, "[^2]")], said
    assert "[^4]" in said[0][1] and "[^3]" in said[1][1] and "冒号前有空格" in said[2][1]
    right = rec(1, body="县道补助7000元[^1]。\n\n[^1]: 含中央车购税资金。\n\n> 引文[^2]。\n>\n> [^2]: 引文的注。\n")
    (tmp_path / "right").mkdir()
    assert check(tmp_path / "right", {"a.md": right}) == set()  # one defined in a quotation too (a later review)
