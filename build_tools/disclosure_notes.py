"""What a record's texts say of its own disclosure, read as offices write it.

A document pasted from Word or a CMS page brings its own word on whether it is
public: a 公文's 附注 under the date (（此件依申请公开）, GB/T 9704), a 密级
(秘密★1年, 内部资料), a CMS page's metadata header (公开方式：依申请公开, in a
table, one cell a line, pairs apart by spaces or bars), a note at the end of a
title or a 内容概述.  An editor also writes one beside the disclosure line
(``# 待保密审查，暂不公开``) or in the 不公开理由.  The validator reads a
record's with these (``marked-not-public``, ``disclosure-inside-value``,
``disclosure-comment-not-public`` …), so that nothing an office marked
withheld is published for want of its disclosure line; ``catalogue import``
reads an imported body the same way.  Most of what is here is a case a review
found published.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata

from .body_checks import disclosure_line
from .model.values import INVISIBLE_NAMES, clean_code
from .shown_text import CHARACTER_REFERENCE

_DISCLOSURE_KEY = r"(?:(?:信息)?公开(?:属性|选项|方式|形式|类别|类型)|(?i:disclosure))"
"""A 版记's or a CMS page's name for 公开方式 (公开属性, 信息公开方式, 公开形式 …), or the field's own key."""
_NOTE_CLAUSE = (r"(?:(?:仅|只)?印?发(?:至|到)(?:[^,;()【】〔〕\[\]。]|\([^(),;]{1,4}\)){1,16}"
                r"|(?:属于?|为|系)[^,;()【】〔〕\[\]。的附略]{1,12}(?:信息|事项|文件|资料|材料)|内部(?:发文|文件|资料|事项)"
                r"|(?:过程|征求意见|送审|讨论|草)稿)[,;]")
"""What a 附注 may say between its subject and its verdict: a distribution (（此件仅发至县级，不公开）), its ground
(（此件属于过程性信息，不予公开）, （此件为内部事务信息，不公开）; after 此件, （此件涉及第三方的商业秘密，不予公开）), an
internal issue (（此件内部发文，不公开）), a draft
((（过程稿，不公开） at a title's end): a review found these published.  Not a part of the document (（本通知附件2，不予
公开）, （专家名单略，不公开）, 本公告所附名单，依申请公开。): the document is public without it (a second review found
public notices kept off)."""
_ANNOTATED_AS = (r"(?:(?:[此本该](?:件|文件|文|通知|公告|函|复函|批复|意见|报告|决定|方案|通报|纪要|请示))"
                 r"(?:" + _NOTE_CLAUSE + r"|涉及(?:(?!部分)[^,;()【】〔〕\[\]。附略]){2,16}[,;])?"
                 r"(?:" + _DISCLOSURE_KEY + r":?)?"
                 r"|" + _DISCLOSURE_KEY + r":?|【" + _DISCLOSURE_KEY + r"】|\[" + _DISCLOSURE_KEY + r"\])"
                 r"(?:(?:已经?)?(?:定|列|确定|标注|标记|划定)?为?|屬於?|属于?)")  # 此件已定为依申请公开 (a review)
"""Who the 附注 speaks of: 此件, 本通知 …, after which a clause may come (:data:`_NOTE_CLAUSE`), and a
verb (已定为, 属于: （此件属依申请公开） was published, a review); or the
name of the disclosure line before its value, with a colon, a space or a tab (spaces are taken out before
matching: 公开方式　依申请公开), or in brackets (【公开方式】不予公开): pasted from a CMS page or a Word table."""
_NOTE_OPEN = (r"(?:[^()（）【】。;；]{0,40}?(?:19|20)\d\d年\d{1,2}月\d{1,2}日)?(?:(?:附|备|備)?注:)?"  # on the 落款's line (a review)
              r"(?:[(【〔\[\"'“‘]?(?:(?:附|备|備)?注:)?(?:(?:联系人|联系电话|经办人|承办人)[^()【】〔〕\[\]]{0,60}[,;。])?"
              + _ANNOTATED_AS + r"|(?P<bare>[(【〔\[])(?:" + _NOTE_CLAUSE + r")?)")
"""Where a 附注 opens: its subject or the disclosure line's name, or a bracket alone (（不予公开）, 【依申请公开】:
the short forms OA templates print; an attack review found them published), a short clause after it (（过程稿，不公开）
at a title's end: a review)."""
_NOTE_CLOSE = r"[。.]?[)】〕\]\"'”’]?[。.]?"
_MARKED_NOT_PUBLIC = re.compile(
    _NOTE_OPEN +
    r"(?:可?依申请公开|可?依申請公開|不予公开|不予公開|不公开|不公開|不对外公开|不對外公開|不宜公开|暂不公开|暫不公開"
    r"|暂缓(?:公开|公布|发布)|暫緩(?:公開|公佈|發布)"  # 此件暂缓公开: not yet (a review found it published)
    r"|暂(?:不|缓)(?:予|对外)(?:公开|公布|发布)"  # 暂不对外公开, 暂缓对外公开, 暂不予公开 (a second review)
    r"|免予公开|免予公開|不予主动公开|不予主動公開|不主动公开|不主動公開|部分公开|部分公開"  # 部分: not whole (a review)
    r"|部分(?:内容)?(?:不予公开|依申请公开|不公开)|(?:经)?删减后公开"  # 部分内容不予公开, 经删减后公开 (a review)
    r"|(?:仅|僅)?限(?:于)?内部使用|仅供内部使用|内部使用|内部资料|內部資料|非主动公开|非公开|可?依申请(?=$|[)(】])"
    # 不得对外公开, 不向社会公开, 不在政府网站公开, 不作公开 (a review found each published)
    r"|(?:不(?:予|宜|得|作)?|请勿|勿|严禁|禁止)(?:对外|面向社会|向社会|对社会|社会)?"
    r"(?:在[^,;。()]{0,6}网站上?|在网上|上网|在互联网上)?"
    r"(?:公开|发布|上网|公布|外传|外泄|传播|转发)"  # 不对外公布, 请勿上网, 不得外传, 请勿转发 (reviews)
    r"|不得在互联网上发布|删减后公开|内部发行"
    # 此件注意保密，不得外传 / 内部文件，不得外传 / 内部参阅，请勿外传 / 此件暂不公布: each with a note (a review)
    r"|注意保密|内部参阅|內部參閱|内部文件|內部文件|内部资料|暂不公布|暫不公佈|暂不发布|暂不对外公布"
    r"|(?:仅供|只供|供)?内部(?:掌握|参考)|不对外|不對外"  # 此件内部掌握, 此件仅供内部参考, 此件不对外 (a review)
    r"|不予上网公开)(?:的?(?:发布|信息|文件|事项|范围|範圍)|件)?"  # 此件已列为依申请公开信息, 此件属于依申请公开范围 (reviews)
    # a note after a comma, or after a full stop with words after it (…公开。联系人：张某); a full stop closing the
    # line is no note (公开方式：依申请公开。 was taken for a guide's sentence and published: a review)
    r"(?P<reason>\([^()]{1,40}\))?(?P<note>[,;][^()【】\[\]]*|。(?=[^)】〕\]\"'”’。.])[^()【】\[\]]*)?" + _NOTE_CLOSE)
"""A 公文's 附注 saying it is not public, the whole of its line once cleaned (NFKC: full-width brackets
and punctuation are ASCII): GB/T 9704 prints it in brackets under the date, a 版记 may say 公开属性：不予公开,
a note may follow after a comma (（此件依申请公开，不得转载）).  A sentence about such 附注 is not one."""
_CLASSIFIED = re.compile(r"(?:\d{1,6})?(?:密级:?)?[★☆*▲]?(?:绝密|机密|秘密|絕密|機密)"
                         r"(?:[★☆*▲]?(?:\d+个?(?:年|月|天)|启用前|長期|长期)?[★☆*▲]?|\([^()]{1,8}\))"
                         r"(?:特急|加急|平急|特提)?"
                         r"|(?P<open>[(【〔\[])?(?:[此本该]件)?(?:内部|內部)(?:资料|文件|参阅|刊物|材料|传阅)?,?(?:注意保存|注意保密)?"
                         r"(?(open)[)】〕\]])"
                         r"|[(【〔\[](?:[此本该]件)?注意保密[)】〕\]]|[此本该]件注意保密"
                         # in brackets at a title's end or start, as an OA system shows it: …的通知（机密）, 【秘密】…
                         r"|[(【〔\[](?:[此本该]件)?(?:密级:?)?(?:涉密|(?:绝密|机密|秘密|絕密|機密)级?)(?:[★☆*▲]?(?:\d+个?(?:年|月|天)"
                         r"|启用前|長期|长期))?[)】〕\]]")
"""A 公文's 密级 mark (GB/T 9704: 秘密★1年, 机密, or 密级：秘密 in a 版头), or an internal publication's
内部资料 (内部参阅, 内部文件，注意保存, 此件注意保密: a review found them published), the whole of its line: such a
document is not for the public."""
_MARKED_PUBLIC = re.compile(_NOTE_OPEN + r"(?:主动公开|公开发布|主動公開|公開發布)(?:范围|範圍)?" + _NOTE_CLOSE)
"""The same 附注 saying a document is public: beside the others, a list of the forms (a 公开属性 rule), not one."""
_MADE_PUBLIC = re.compile(r"(?<![不勿禁])(?:转为|改为|予以)(?:主动)?公开|(?:现|已)经?(?:(?!依申请|政务公开)[^,;。不勿禁宜]){0,8}?"
                          r"(?<!政务)(?:公开|解密)"
                          r"|将[^,;。不勿禁]{0,16}?主动公开")
"""A note after the 附注 saying the document was made public since, or will be in part (（此件不公开，
现经审查后予以公开）, …，已于2024年转为主动公开, …将在门户网站主动公开); not a ban (…，不得在网上公开发布)."""
_COMMENT_NOT_PUBLIC = re.compile("依申请|依申請|不予公开|不予公開|暂不公开|暫不公開|暂缓公开|暫緩公開|不公开|不公開|非公开|非公開"
                                 "|不宜公开|不宜对外|免予公开|免于公开|不对外|不對外|勿公开|待保密审查|待审查|待審查"
                                 "|内部资料|內部資料|内部文件|內部文件|内部传阅|內部傳閱|仅供内部|僅供內部|限内部|删减后公开"
                                 "|涉密|秘密|机密|機密|绝密|絕密|密级|密級")
"""Words of a comment on the disclosure line that say the record is not (yet) to be published."""
_NEGATED = re.compile("[不非无無未没沒]")
"""What before such a word in its clause says the opposite (经保密审查，不涉密; 不涉及国家秘密; 不属于不予公开情形;
无不宜公开内容: a review)."""



_WHOLE_NOTE = 30
"""A 内容概述 this short that reads as a 附注 is one (本件为内部文件，不对外公开)."""
_NO_INVISIBLE = dict.fromkeys(ord(c) for c in INVISIBLE_NAMES if unicodedata.category(c) == "Cf")
_FORMAT_CHARACTER = re.compile("[" + "".join(chr(c) for c in _NO_INVISIBLE) + "]")
"""The invisible characters that are no space (U+200B, U+FEFF, a soft hyphen), out."""
_BRACKETED = re.compile(r"[（(【\[〔][^（()）【】\[\]〔〕]{2,80}[）)】\]〕]")
"""A bracketed note at the end of or inside a field's value: （此件依申请公开）."""
_FIRST_MARK = re.compile("密|内部|內部")
"""What a bracket at a title's start says of the document itself (【内部】, （秘密）), not a column it is filed in."""
_PAIR_WORD = re.compile(r"公[开開]|[dＤdｄ][iｉ][sｓ][cｃ][lｌ][oｏ][sｓ][uｕ][rｒ][eｅ]", re.I)
"""What a disclosure pair's name holds, in either width: a value without it holds none."""
_PAIR_IN_VALUE = re.compile(_DISCLOSURE_KEY + r"\s*[:：]\s*(?P<value>\S.*)$")
"""A disclosure pair after a value on its line, a full-width colon YAML reads as text: its name any of the
disclosure line's (信息公开选项, 公开类别 as well as 公开方式)."""


def said_undenied(words: re.Pattern, text: str, denial: re.Pattern, clause_ends: str = "") -> bool:
    """Whether ``text`` holds one of ``words`` that ``denial`` does not deny: searched in the text before the word
    back to the last of ``clause_ends`` (its clause), or in all the text before it where none are given (a denial
    pattern anchored at its end then reads just before the word).  不属于不予公开情形 says the opposite of 不予公开."""
    for m in words.finditer(text):
        before = text[:m.start()]
        if not denial.search(re.split(f"[{clause_ends}]", before)[-1] if clause_ends else before):
            return True
    return False


def comment_withholds(comment: str) -> bool:
    """Whether a comment on the disclosure line (spaces out, cleaned) says the record is not (yet) to be published:
    one of :data:`_COMMENT_NOT_PUBLIC`'s words not negated before it in its clause, and no word of its being made
    public since (（此件不公开，现经审查后予以公开）)."""
    return said_undenied(_COMMENT_NOT_PUBLIC, comment, _NEGATED, ",，。;；、:：") and not _MADE_PUBLIC.search(comment)


_PAIRS_APART = re.compile(r"(?<=\S)(?:\t|\s{2,})(?=\S)")
"""What stands between two "name：value" pairs of a metadata header copied as text: a tab, or two spaces or more
(full-width ones too: 索　引　号 has one between its characters)."""
_PAIRS_APART_NARROW = re.compile(r"(?<=\S)(?:[ \u3000]*[|｜丨;；][ \u3000]*|[ \u3000]*[·/][ \u3000]+"
                                 r"|[ \u3000,，]+(?=[^\s:：|｜丨;；【】,，<>]{1,8}[:：])|[ \u3000]*(?=【)"
                                 r"|</[A-Za-z]+>\s*<[A-Za-z][^<>]*>)")
"""What else stands between the pairs of a header copied on one line, when there are several (reviews found
each published): one space or a comma before the next name (索引号：… 公开方式：依申请公开), a bar (|, 丨), a semicolon,
a dot or slash between spaces, a name in 【】, or the end of one element and the start of the next (<span>s)."""
_PAIR_NAME = re.compile(r"(?:^|[\s|｜丨;；】,，·/>])[^\s:：|｜丨;；【】,，<>]{1,8}[:：]|【[^【】]{1,8}】")


_TEXT_ROW = re.compile(r"(?![ \t]*\|)(?!.*<t[dh][\s>])", re.IGNORECASE)
"""A line that is no table's row: not opened by a bar (Markdown's), holding no cell (HTML's)."""


def _several_pairs(line: str) -> bool:
    """Whether ``line`` holds two "name：value" pairs or more (a header), one of them the disclosure line's."""
    return _KEYED.search(line) is not None and len(_PAIR_NAME.findall(line)) >= 2


def _disclosure_pair(line: str) -> str | None:
    """The disclosure pair (公开方式：依申请公开) of a metadata header copied as text, its pairs or cells apart by wide
    spaces or tabs: anywhere among them, its value in the next cell when the label stands alone (公开方式⇥依申请公开,
    公开方式：　　依申请公开: a review found both published)."""
    apart = _PAIRS_APART if _PAIRS_APART.search(line) else _PAIRS_APART_NARROW
    parts = [re.sub(r"[\s*_]+", "", clean_code(_TAG.sub("", p)).text) for p in apart.split(line)]
    for i, part in enumerate(parts):
        if _KEYED.match(part):
            if _KEYED.fullmatch(part.rstrip(":：")) and i + 1 < len(parts):  # the label alone: its value follows
                return part.rstrip(":：") + ":" + parts[i + 1]
            return part
    return None


_COLONS = str.maketrans({"∶": ":", "︰": ":", "꞉": ":", "˸": ":"})
"""Characters that look like a colon (∶ is the colon of GB 2312's symbols): read as one."""
_WITHHOLDS = re.compile(r"第(?:十[四五六]|1[456])条|(?<![非无無未没沒])(?:不予|不)公开|不公開|依申请|依申請|隐私|隱私"
                        r"|商业秘密|商業秘密|国家秘密|國家秘密|过程性|過程性|内部事务|內部事務|涉密")
"""What makes a 不公开理由 a reason to withhold: the 条例's articles on what is not made public (第十四、十五、十六条),
or its words."""


def reason_withholds(reason: str) -> bool:
    """Whether a 不公开理由 gives a reason to withhold (:data:`_WITHHOLDS`) not denied before it in its clause: 经审查，
    不属于不予公开情形 and 不涉及依申请公开或不予公开的情形 say the opposite (a review found them kept off).  ``、`` lists
    things one word denies: it ends no clause here."""
    return said_undenied(_WITHHOLDS, reason, _NEGATED, ",，。;；:：")


_ANY_MARK = re.compile("|".join(r"\s*".join(word) for word in
                                "公开|公開|密|内部|內部|上网|上網|发布|發布|公布|外传|外泄|传播|转发|对外|對外".split("|")))
"""What a line that marks a document not public holds, white space between the characters of its words aside: a
note copied from a signed PDF or a line Word sets 分散对齐 has a space between every character (（此 件 依 申 请 公 开）,
ideographic spaces too; a review found it published), a hard-wrapped paragraph a line break inside a word (公 ⏎ 开)."""


def _may_hold_a_mark(body: str) -> bool:
    """Whether ``body`` may hold a mark (:data:`_ANY_MARK`) as its page shows it: one look at most bodies (3,000
    records), and where a character reference or an invisible character stands inside the words, a second with
    references read and those characters out, as :func:`_lines_shown` reads lines (（此&nbsp;件&nbsp;依&nbsp;申&nbsp;
    请&nbsp;公&nbsp;开）, a CMS editor's spaces: a review found it published when only &# was read; &#20844;&#24320;)."""
    if _ANY_MARK.search(body) is not None:
        return True
    if "&" in body:
        body = CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), body)
    if _FORMAT_CHARACTER.search(body):
        body = body.translate(_NO_INVISIBLE)
    return _ANY_MARK.search(body) is not None


_LINE_LEAD = re.compile(r"^(?:\s*(?:>|#{1,6}\s|[-*+]\s|\d{1,3}[.、)]\s*))*")
"""A quotation's ``>``, a heading's or a list item's mark, before a line's text."""
_TAG = re.compile(r"<[^<>]*>")
"""A tag, however long: Word's ``<span style="…">`` with its ``mso-`` styles runs to 300 characters on one line (a
CMS stores a paragraph a line; a review found the 附注 in one published when tags stopped at 200)."""
_KEYED = re.compile(f"(?:{_DISCLOSURE_KEY}|【{_DISCLOSURE_KEY}】|\\[{_DISCLOSURE_KEY}\\])")
"""A line that starts with the disclosure line's name itself (not a bracketed 附注): what follows a comma
after its value is a sentence."""


def marked_not_public(body: str) -> tuple[int, str] | None:
    """The line (from 0) and the words of a document's own mark in ``body`` that it is not public: the first 附注
    (（此件依申请公开）, （此件不予公开）) or 密级 (秘密★1年, 内部资料) that stands apart (附注 one after another are
    a list of the forms, not the document's own).  The check reads a record's body with it, ``catalogue import``
    an imported one."""
    if not _may_hold_a_mark(body):
        return None
    marks: list[tuple[int, str | None]] = []  # (line, the words of a withholding 附注, or None for a public one)
    shown_lines = _lines_shown(body)
    joined = {i for i, (line, was) in enumerate(zip(shown_lines, body.split("\n"))) if line != was
              and line.startswith(_JOINED) and not was.lstrip().startswith(_JOINED)}
    for i, line, whole in ((i, part, whole) for i, whole in enumerate(shown_lines) for part in _html_paragraphs(whole)):
        parted = line is not whole
        shown = _TAG.sub("", line)
        if len(shown) > (400 if "\t" in line or "　　" in shown or "    " in shown else 120) \
                or _ANY_MARK.search(line) is None:  # a CMS header copied whole is long (a review)
            continue
        written = line.strip().removeprefix(_JOINED) if i in joined else line.strip()
        if i in joined:
            field_line = False  # read as an item (_LINE_LEAD)
        elif "|" in line or "<td" in line.lower() or "<th" in line.lower():
            # A table's cell lists documents or options: not this document's 附注; but a row of two cells,
            # the name of the disclosure line and its value, is the line (| 公开方式 | 依申请公开 |, a CMS page's
            # metadata table pasted with the document).
            cells = [c for c in (_TAG.sub("", c).strip() for c in re.split(r"\||</t[dh]>", line)) if c]
            key = next((k for k in range(len(cells) - 1)  # a row of a metadata table: | 公开方式 | 依申请公开 | 发布日期 | …
                        if _disclosure_name(cells[k])), None)
            if key is not None:
                line = cells[key].rstrip(":：* ") + ":" + cells[key + 1]
            elif _TEXT_ROW.match(line) and _several_pairs(line):
                # not a table but a header's pairs apart by bars: 索引号：… | 公开方式：依申请公开 | … (a review);
                # a table's cell (公开属性：依申请公开 in a list of the forms) is none
                line = next((c for c in cells if re.match(_DISCLOSURE_KEY + r"\s*[:：]\s*\S", c)), None)
                if line is None:
                    continue
            else:
                continue
            field_line = False
        else:  # a paragraph of HTML (<p>公开方式：依申请公开</p>) is no field line the body check reads (a review)
            field_line = "<!--" not in line and not parted
        cleaned = clean_code(line).text  # once for both readings, unless a comment's marks come out
        # The field's own line with a value the field reads (公开方式：不予公开, disclosure: …) is the body
        # check's: an error whatever that value is (check_body), and a guide's sentence (公开方式：依申请公开，
        # 公民…) is left alone there; with another value (公开方式：非公开), or in a list or a quotation
        # (- 公开方式：不予公开, a CMS page's metadata as html2text writes it: a fourth review), it is read here.
        if field_line and not _LINE_LEAD.match(cleaned).group().strip() and disclosure_line(line) is not None:
            continue
        said = [_note_said(reading, cleaned if reading == line else clean_code(reading).text, written, whole)
                for reading in _readings(line)]
        if True in said:  # any reading that withholds: the safe side
            marks.append((i, written))
        elif False in said:
            marks.append((i, None))
    # Disclosure lines apart are each read, however many: a list of items (a 依申请公开目录 whose entries say
    # 公开方式：依申请（…）) cannot be told from a document's own line beside related documents' (a fifth
    # review found every such rule leaking); the office confirms such a record with disclosure: 主动公开.
    # 附注 one after another (at most a blank line apart) list the forms (a 公开属性 rule); apart, each is a
    # document's own (a 转发 notice's, then the forwarded document's).
    for k, (i, said) in enumerate(marks):
        listed = (k > 0 and i - marks[k - 1][0] <= 2) or (k + 1 < len(marks) and marks[k + 1][0] - i <= 2)
        if said is not None and not listed:
            return i, said
    return None


_NOT_SHOWN = re.compile(r"<!--.*?-->|<!--.*$|^(?:(?!<!--).)*?-->"  # a comment closed on the line, opened, ended
                        r"|[ \t]*\{:?[ \t]*(?:[.#][^{}\s]|[A-Za-z_][\w:-]*=)[^{}\n]*\}[ \t]*$"  # {: .right}
                        r"|\[\^[^\[\]\s]{1,20}\](?!:)")  # [^1], a footnote's reference (not its definition)
"""What a line holds that its page does not show as text: an HTML comment (the clipboard's <!--StartFragment-->,
Word's <!--[if !supportLists]-->), Markdown's attribute list at its end (``attr_list``), a footnote's reference
(a number in superscript)."""


def _readings(line: str) -> list[str]:
    """The ways ``line`` is read for a mark: as the page shows it (:data:`_NOT_SHOWN` out: （此件依申请公开）
    <!--EndFragment-->, <!--[if !supportLists]-->（此件不予公开）, （此件依申请公开）{: .right}, （此件依申请公开）[^1]:
    a review found each published, the 附注 shown on the page); and, on a line with a comment, the comment's marks
    out and its words read: a disclosure line left in a comment (<!-- disclosure: 不予公开 -->)."""
    commented = "<!--" in line or "-->" in line
    shown = _NOT_SHOWN.sub("", line) if commented or "{" in line or "[^" in line else line
    return [shown, line.replace("<!--", "").replace("-->", "")] if commented else [shown]


def _note_said(line: str, cleaned: str, written: str, whole: str) -> bool | None:
    """What one reading of a line (``cleaned``: :func:`clean_code`'s) says of the document: ``True`` a 附注 or 密级
    that withholds it, ``False`` a 附注 that it is public, ``None`` neither.  ``written`` is the line as written,
    ``whole`` the whole line a paragraph of HTML was read from: a guide's heading is no mark."""
    text = _LINE_LEAD.sub("", _TAG.sub("", cleaned))  # <p>…</p>, > …, ## …, - …
    # A CMS page's header copied as text: pairs apart by wide spaces or a tab (索引号：…　　公开方式：依申请公开),
    # the disclosure pair anywhere among them (a review found it published when not first)
    pair = _disclosure_pair(line) if _PAIRS_APART.search(line) or _several_pairs(line) else None
    if pair is not None:
        text = pair
    text = text.translate(_COLONS)
    bare = re.sub(r"[\s*_]+", "", text)  # spaces, emphasis, invisible characters out
    m = _MARKED_NOT_PUBLIC.fullmatch(bare)
    if m is not None and m["note"] and _KEYED.match(bare):
        m = None  # 公开方式：依申请公开，公民……: a guide's sentence after a label, not a 附注 (a second review)
    if m is not None and m["bare"] and (re.fullmatch(r"[(【〔\[]部分公[开開][)】〕\]]", bare)
                                        or re.search(r"(?:信息|文件|事项)[)】〕\]]$", bare)):
        m = None  # 示范文本（部分公开）: a kind of answer, not a note (this document's says 此件: a review)
    if m is not None and m["bare"] and "<!--" in written + whole:  # <p><!--StartFragment--><strong>【依申请公开】
        written, whole = _NOT_SHOWN.sub("", written).strip(), _NOT_SHOWN.sub("", whole)
    if m is not None and m["bare"] and (written.startswith("#") or re.fullmatch(r"(\*\*|__)[^*_]+\1", written)
                                        or re.match(r"\s*(?:<p[^>]*>\s*)?<(?:h[1-6]|strong|b)\b", whole, re.I)):
        m = None  # ### 【依申请公开】 or **【依申请公开】**: a guide's heading, not the document's mark (reviews)
    if m is not None and not _MADE_PUBLIC.search(m["note"] or "") or _CLASSIFIED.fullmatch(bare):
        return True
    return False if _MARKED_PUBLIC.fullmatch(bare) else None


def _lines_shown(body: str) -> list[str]:
    """``body``'s lines as the page shows them, one for one: a tag Word's HTML wraps over lines gone (its line
    breaks kept), character references read (&nbsp;, &#xFF08;), invisible characters and a line break's
    backslash (pandoc's ``\\``) out, and a label alone on its line (a CMS's metadata table, one cell a line:
    ``<td>公开方式：</td>`` over ``<td>依申请公开</td>``) joined to the value on the next line that shows text.
    Reviews found a 附注 written each of these ways published."""
    written = body.split("\n")
    if "<" in body:
        body = _WRAPPED_TAG.sub(lambda m: "\n" * m.group().count("\n"), body)
    if "&" in body:  # &#10; is white space on the page, no line of its own: the lines stay one for one
        body = CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()).replace("\n", " "), body)
    lines = body.split("\n")
    if _FORMAT_CHARACTER.search(body):
        lines = [line.translate(_NO_INVISIBLE) for line in lines]
    if "\\" in body:
        lines = [line.rstrip().removesuffix("\\") for line in lines]
    for i in range(len(lines) - 1) if "（" in body or "(" in body or "【" in body or "〔" in body else ():
        # a bracket wrapped inside its text (…>（此件依申请 ⏎ 公开）</span>: Word's HTML source wraps at 80
        # columns between two characters, a hard-wrapped paragraph too; a review found the note published): the
        # lines are one, read at the first's number, past a tag's lines between (:func:`_next_shown`)
        shown = _TAG.sub("", lines[i]).strip()
        opened = _OPEN_BRACKET.search(shown)
        k = _next_shown(lines, written, i) if opened is not None else None
        after = _TAG.sub("", lines[k]).strip() if k is not None else ""
        if after and _ANY_MARK.search(shown[opened.start():] + after) is not None:
            closing = _CLOSING_FIRST.match(after)
            # however long the rest, as the note unwrapped is read (（此件依申请 ⏎ 公开，联系人：…，联系电话：…）: a
            # review found it published when the rest had to be 20 characters); a sentence's stays no note
            if closing is not None:
                lines[i] = lines[i].rstrip() + "".join(lines[j].strip() for j in range(i + 1, k)) + lines[k].lstrip()
                lines[i + 1:k + 1] = [""] * (k - i)
    for i, line in enumerate(lines) if "公" in body else ():
        if "公" not in line or not _disclosure_name(_TAG.sub("", line)):
            continue
        after = next((k for k in range(i + 1, min(i + 8, len(lines))) if _TAG.sub("", lines[k]).strip()), None)
        if after is not None:
            # as a list's item: a cell, not the field's own line (which the body check reads)
            lines[i] = _JOINED + _TAG.sub("", line).strip().rstrip(":：") + "：" + _TAG.sub("", lines[after]).strip()
    for i in range(len(lines) - 1) if "<th" in body.lower() else ():  # the same in HTML: <th> names over one <td> row
        if "<th" in lines[i].lower() and "公" in lines[i] and "<td" in lines[i + 1].lower() \
                and ("</table>" in lines[i + 1].lower() or lines[i + 2:i + 3] == ["</table>"]) \
                and lines[i + 1].lower().count("<tr") <= 1:  # </table> on a line of its own too (a review)
            names = [_TAG.sub("", c).strip() for c in re.findall(r"<th\b[^>]*>(.*?)</th>", lines[i], re.I | re.S)]
            values = [_TAG.sub("", c).strip() for c in re.findall(r"<td\b[^>]*>(.*?)</td>", lines[i + 1], re.I | re.S)]
            lines[i + 1] = _column_pair(names, values) or lines[i + 1]
    for i in range(len(lines) - 2) if "|" in body else ():  # a table in columns: its names over one row of values
        if "|" in lines[i] and "公" in lines[i] and _TABLE_RULE.fullmatch(lines[i + 1].strip()):
            rows = list(itertools.takewhile(lambda k: "|" in lines[k], range(i + 2, len(lines))))
            filled = [k for k in rows if any(_cells(lines[k]))]  # a pasted table's empty row is none (a review)
            if len(filled) == 1:  # one row: this document's; more are a list of documents
                lines[filled[0]] = _column_pair(_cells(lines[i]), _cells(lines[filled[0]])) or lines[filled[0]]
    return lines


def _html_paragraphs(line: str) -> list[str]:
    """A line's paragraphs as the page shows them: a CMS's HTML stored on one line (…</p><p>（此件依申请公开）</p>,
    a <br>) is read a paragraph at a time (a review found the note published), each at the line's number."""
    if "<" not in line or not _HTML_BREAK.search(line):
        return [line]
    return [part for part in _HTML_BREAK.split(line) if part.strip()] or [line]


_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|h[1-6]|li|blockquote)\b[^<>]*>", re.IGNORECASE)
_JOINED = "- "
"""What :func:`_lines_shown` puts before a name and value it joined: a list's item (a cell, not the field's own line)."""
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?")


def _disclosure_name(text: str) -> bool:
    """Whether a cell or a label is the disclosure line's name (公开方式, 公开属性：), spaces and emphasis aside."""
    return re.fullmatch(_DISCLOSURE_KEY + "[:：]?", re.sub(r"[\s*_]+", "", text)) is not None


def _column_pair(names: list[str], values: list[str]) -> str | None:
    """The disclosure pair a table in columns shows (its names over one row of values), read as a joined item."""
    k = next((k for k, name in enumerate(names) if _disclosure_name(name)), None)
    if k is None or k >= len(values) or not any(_METADATA_NAME.search(n) for j, n in enumerate(names) if j != k):
        return None  # a guide's table of matters (事项 | 公开方式): not a document's metadata (a review)
    return _JOINED + names[k].rstrip(":：") + "：" + values[k]


_METADATA_NAME = re.compile("索引号|发文机关|发布机构|发布日期|成文日期|发文字号|文号|主题分类|生成日期")
"""The names beside 公开方式 in a CMS page's metadata table."""


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


_OPEN_BRACKET = re.compile(r"[（(【〔\[][^（()）【】〔〕\[\]]*$")
"""A bracket a line leaves open at its end."""
_CLOSING_FIRST = re.compile(r"[^（(【〔\[）)】〕\]]*[）)】〕\]]")
"""The text up to the bracket that closes it, no bracket opened before."""
_WRAPPED_TAG = re.compile(r"<[A-Za-z/][^<>]*\n[^<>]*>")
"""A tag written over lines, as Word saves HTML."""
_TAG_LINES = 8
"""How many lines a tag Word wraps may run over inside a note."""


def _next_shown(lines: list[str], written: list[str], i: int) -> int | None:
    """The number of the line after ``i`` that shows text in the same paragraph, past lines that show none but are
    no blank line: the middle of a tag Word wraps over three lines or more (（此件</span><span ⏎ style='…; ⏎
    …'>依申请公开）: a review found the note published when only the next line was looked at), a line of tags alone.
    A blank line as written ends the paragraph: ``None`` there."""
    for k in range(i + 1, min(i + 1 + _TAG_LINES, len(lines))):
        if not written[k].strip():
            return None
        if _TAG.sub("", lines[k]).strip():
            return k
    return None


def marked_in_field(key: str, value: str) -> tuple[int, str] | None:
    """The 附注 a title or 内容概述 (``key``) ends with saying the document is not public (…的通报（此件依申请公开）,
    …（不予公开）), or that a 内容概述 is (本件为内部文件，不对外公开): its line in the value (from 0) and its words.
    Not a keyword (机密 of a 定密 policy), not a column's name (网站【依申请公开】栏目), not a note on its history (原文
    附注为（此件依申请公开），经审查转为主动公开), not the marks a sentence quotes (标注“（此件依申请公开）”或“（此件
    不予公开）”): reviews found each kept off, and the bare （不予公开） at a title's end published."""
    # As a reader reads it: an invisible character after the bracket (a paste's U+200B, U+FEFF) ends
    # nothing, and a value written over lines (title: >-, summary: |) is the same text (reviews found
    # both published); a note on a block 内容概述's line of its own is one as in a body.
    value = value.translate(_NO_INVISIBLE)
    if "\n" in value.strip():
        found = marked_not_public(value)
        if found is not None:
            return found
        value = "".join(line.strip() for line in value.split("\n"))
    ending = value.rstrip("。.．；;，, 　\n\u00a0")
    last = next(reversed(list(_BRACKETED.finditer(ending, max(0, len(ending) - 82)))), None)
    parts = [last.group()] if last and last.end() == len(ending) else []  # the last, at its end: （试行）（此件…）
    first = _BRACKETED.match(value.lstrip())
    if first is not None and not parts[:1] == [first.group()] and _FIRST_MARK.search(first.group()):
        parts.append(first.group())  # or the first, at its start, a 密级 or 内部: 【内部】关于… (a review); not a CMS
        # column's name (【依申请公开】江川省…申请办理流程 is a public guide: a second review found it kept off)
    if key == "summary" and len(value) <= _WHOLE_NOTE:
        parts.insert(0, value)
    if key == "summary":  # its last sentence a note: …作出处理。此件依申请公开。 (a review)
        last_sentence = re.split(r"(?<=[。！？，；,;])", ending.rstrip("。"))[-1]  # …整改完毕，此件依申请公开。
        if 0 < len(last_sentence) <= _WHOLE_NOTE and last_sentence != value:
            parts.append(last_sentence)
    for part in parts:
        # a note on its history is read in the note itself (（此件不公开，现经审查后予以公开）): the
        # subject before it (关于开展已公开政府信息自查…的通知) says nothing of it (a review)
        if _MADE_PUBLIC.search(part):
            continue  # made public since: no note
        found = marked_not_public(part)
        if found is not None:
            return found
    return None


def pair_in_value(value: str) -> re.Match | None:
    """A disclosure pair written after another field's value on its line (发文机关: 江川省交通运输厅　公开方式：依申请公开),
    its value the match's ``value``: the full-width colon made YAML read it as the value's text (a review)."""
    if not _PAIR_WORD.search(value):
        return None  # most values: one look, not a cleaning each (3,000 records paid 0.2 s)
    return _PAIR_IN_VALUE.search(clean_code(value).text)
