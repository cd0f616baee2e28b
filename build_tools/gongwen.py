"""Official-document typography (公文格式) for record bodies, on the Markdown before rendering.

A 公文 ends the way GB/T 9704 lays it out: an attachment note (附件说明)
under the text, then the issuing agency's name (发文机关署名) and the date
(成文日期), both set to the right::

    附件：1. 江川省公路养护工程名单
    2. 施工路段示意图

    江川省交通运输厅
    2023年4月24日

Written in Markdown the two closing lines are one paragraph, and Python-
Markdown joins them into one line on the left; the numbered attachment
lines run together too.  :func:`typeset` finds these two blocks at the end
of a body and writes them as small HTML blocks with style classes
(``cat-gw-closing``, ``cat-gw-attachments``) that catalogue.css sets to the
right or as a list, and links each attachment name to the record's
attachment of that name, if it has one.

It only acts when the body plainly follows the convention: the last
paragraph must end with a date line (``2023年4月24日`` or
``二〇二三年四月二十四日``), the lines before it in that paragraph must be
short names without sentence punctuation, and an attachment note must start
with ``附件：``.  Anything else (a body ending in an ordinary sentence, a
list, a table) is returned unchanged.  Text is HTML-escaped here, since raw
HTML blocks are not processed by Markdown; the sanitiser keeps ``class``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence

from .model.values import relative_path

_NUMERAL = "〇零一二三四五六七八九十"
DATE_LINE = re.compile(rf"^(?:\d{{4}}|[{_NUMERAL}]{{4}})[ \u3000]?年[ \u3000]?(?:\d{{1,2}}|[{_NUMERAL}]{{1,3}})[ \u3000]?月"
                       rf"[ \u3000]?(?:\d{{1,2}}|[{_NUMERAL}]{{1,3}})[ \u3000]?日$")
"""A 成文日期 line as 公文 write it, alone on its line; as a PDF copy gives it too, a space between the figures and
the characters (2026 年 3 月 1 日: a review found the closing glued to the text)."""
_NOTE_LINE = re.compile(r"^[（(]此件[^）)]{1,12}[）)]$")
"""``（此件公开发布）`` and the like, under the date."""
_SENTENCE = re.compile(r"[。，；：！？、,;:!?]")
_MARKUP = re.compile(r"^(?:[#>|*+\-`<\[]|\d+[.)]\s)")
_ATTACH_HEAD = re.compile(r"^附件[：:]\s*")
_ITEM_NUMBER = re.compile(r"^(\d{1,2})\s*[.．、]\s*")
_MAX_SIGNER = 40
_AGENCY = re.compile(r"(?:厅|局|委员会|委|办公室|政府|部|院|署|中心|处|站|所|公司|集团|会|大学|学校)$|^\S+[ 　]+\S{2,4}$")
"""A name that is plainly an agency (…厅, …局) or an official over a name (厅长　张三): every
signature line must be one (a date alone may close the last paragraph)."""
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM_LINE = re.compile(rf"^(?:[（(](?:[{_NUMERAL}百]{{1,4}}|\d{{1,3}})[）)]|[{_NUMERAL}百]{{1,4}}、|\d{{1,3}}、"
                        rf"|\d{{1,3}}[.．](?!\d)|[●•■◆▪①-⑳]|(?:\*\*)?第[{_NUMERAL}百千]{{1,7}}条(?:之[{_NUMERAL}]{{1,3}})?(?:\*\*)?[ 　])")
"""A line that opens a 项 (（一） (一) （1） 一、 1、), a third-level item as GB/T 9704 numbers it (``1.``, ``1．``: they
ran together, a review), a bullet or circled number Word pastes (● ①), or an article (``第二十四条　``,
``**第二十四条** ``)."""
_CLAUSE_END = re.compile(r"[。；;：:]$")
_BLOCK_START = re.compile(r"^(?:[#>|+\-`<\[=~]|\*\s|\d+[.)](?:\s|$)|:-+:?[ \t]*\|)")
"""A line Markdown reads as a block of its own or part of one (list, quote, table, heading, HTML …): a table's
alignment row too when it opens with a colon (``:--- | ---:``, a table without outer bars: a review found its rows
parted from it); not any line opening with a colon, which the site's Markdown reads as text (a later review)."""
_CLOSED_ELEMENT = re.compile(r"^<([A-Za-z][\w-]*)\b.*</\1>\s*$")
"""A line that is an element closed on it (<table>…</table>)."""
_BLOCK_ELEMENT = re.compile(r"^<(table|div|p|ul|ol|dl|blockquote|pre|h[1-6])\b.*</\1>\s*$", re.IGNORECASE)
"""A block element on a line of its own, closed there: a block of its own, apart from the text around it."""
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
"""A line Markdown would start an ordered list with, after a blank line."""


def typeset(body: str, attachments: Mapping[str, str] | None = None) -> str:
    """``body`` with its signature blocks, date lines and 附件 note marked up, where it has them.

    A signature block is a paragraph of one to three agency names over a
    date line; the last paragraph may also be a date line alone.  It is
    found anywhere (a 令 carries one under its 公布 text, a 公文 at its end).
    A 附件 note is marked up right before a signature block, as GB/T 9704
    sets it, or as the last paragraph after one, as some web copies have it.
    ``attachments`` maps an attachment's file name (and its name without the
    extension) to its URL relative to the record's page; an item of the note
    that names one becomes a link to it.  A body without these is returned as it is.
    """
    lines = body.split("\n")
    paragraphs = _paragraphs(lines, "```" in body or "~~~" in body)
    marked: dict[int, str] = {}  # paragraph number → its HTML
    for i, run in enumerate(paragraphs):
        closing = _closing(lines, run, alone=i == len(paragraphs) - 1)
        if closing is None:
            continue
        marked[i] = _closing_html(*closing)
        note = _attachment_items(lines, paragraphs[i - 1]) if i > 0 and i - 1 not in marked else None
        if note is not None:
            marked[i - 1] = _attachments_html(note, attachments or {})
    last = len(paragraphs) - 1
    if last - 1 in marked and last not in marked and "cat-gw-closing" in marked[last - 1]:
        note = _attachment_items(lines, paragraphs[last])
        if note is not None:
            marked[last] = _attachments_html(note, attachments or {})
    if not marked:
        return body
    out: list[str] = []
    at = 0
    for i, (lo, hi) in enumerate(paragraphs):
        if i in marked:
            out.extend(lines[at:lo])
            out.append(marked[i])
            at = hi
    out.extend(lines[at:])
    return "\n".join(out)


def separate_items(body: str) -> str:
    """``body`` with each 项 or article that a paragraph writes on a line of its own made a paragraph.

    A law is printed one 项 to a line (``（一）进入有关场所……；`` then ``（二）……；``), and an
    editor pastes it so; Markdown joins the lines of a paragraph, and the reader would get the
    article's whole list as one block.  A line opening with an item's number (（一） (一) （1）
    一、 1、 1. ● ①) or an article's (``第二十四条　``, bold or not) starts a new paragraph when the line
    above ends a sentence or clause (。；：) or is an item's own, and so does the line after an
    item that ends its sentence (the 款 after a list).  So does the line after a salutation or a lead-in
    (a short line ending with a colon), after a heading on a line of its own (一、检查内容, 第一章　总则), and
    a 公文's closing (the agency's name over the date) after a sentence, wherever it is, with what follows it (the
    办法 an 印发 notice prints; a Word paste has no blank lines: reviews found them all run together).  A Word paste
    also marks its paragraphs by the full-width indent (　　): a line opening with it starts a paragraph after a line
    ending a sentence (。！？) or a short subheading (（一）指导思想).  A 附件 note's lines are left as written, from the
    note to the closing (or, under the closing, to its last numbered item): :func:`typeset` reads the note and its
    items from them (parted, the list and its links were lost: a later review).  Other line breaks are kept as Markdown
    has them: text copied from a PDF breaks lines anywhere, even before ``（一）项``, and does not indent the lines it
    wraps.  Full-width spaces before an item (a Word or WPS paste) are its indent.  Only plain paragraphs are touched:
    not code, lists, quotes, tables or HTML, nor a paragraph in a comment; a line going on with what the lines above
    it opened (a link, a code span, emphasis, an element) is not parted from them (:func:`_held`).
    """
    if "\n" not in body:
        return body
    lines = body.split("\n")
    hidden = _commented_lines(body)
    breaks: list[int] = []
    for lo, hi in _paragraphs(lines, "```" in body or "~~~" in body):
        block = lines[lo:hi]
        if any(_STRAY_SPACE.match(line) for line in block):  # a space or three before a line, which Markdown does not
            # show: read without them (one before 第三条 left a whole pasted law one paragraph: a review)
            block = lines[lo:hi] = [line.lstrip(" ") if _STRAY_SPACE.match(line) else line for line in block]
        # a list's number inside a paragraph starts no list (Word's numbering pastes as 1.⇥text: a review found the
        # whole notice one paragraph); parted, it would, renumbered from 1: its mark is escaped there
        # nor does an element on a line of its own, closed there (Word's <table> pasted under the text: the
        # screenshots found the notice one paragraph again); one going on past its line leaves the paragraph as written
        if hi - lo < 2 or any(line.startswith((" ", "\t")) or _BLOCK_START.match(line)
                              and (k == 0 or not (_NUMBERED.match(line) or _CLOSED_ELEMENT.match(line)))
                              for k, line in enumerate(block)) \
                or hidden.intersection(range(lo, hi)) or any(_WHOLE.search(line) for line in block):
            continue  # a comment, an attribute list or an escape may belong to the whole paragraph
        breaks.extend(_breaks(lines, lo, hi))
    if not breaks:
        return body
    for i in reversed(breaks):
        lines[i] = _NUMBERED.sub(r"\1\\\2", lines[i])
        lines.insert(i, "")
    return "\n".join(lines)


_STRAY_SPACE = re.compile(r" {1,3}(?=[^\s])(?! *(?:[#>|+\-*`<\[=~]|\d+[.)]))")
"""One to three spaces before a line's text, no block's mark after them: Markdown ignores them in a paragraph."""


def chapter_headings(body: str) -> str:
    """``body`` with each chapter line of a law standing as a paragraph of its own (``第一章　总则``, ``第二节　许可``,
    bold or not) made the heading it is (``## 第一章　总则``), when it leads to an article (the paragraph under it is
    an article, or a part of lower rank that leads to one) and two chapters or parts at least do.

    A law pasted from Word keeps its chapters as lines of text: the page had no 目录 and no chapter addresses, where
    the same law imported (``catalogue import``) or written as the guide says had both (a review).  Levels follow
    the ranks present, the highest at ``##`` (the page's title is its ``#``): 编 over 分编 over 章 over 节.

    Left as written (reviews found each made a heading): a line with sentence punctuation, in a list, a quote or
    code, between other lines of a paragraph; a printed 目录's lines (a chapter over its sections' titles, then the
    next chapter: it took #第二章 from the chapter); a 解读's outline (第一章　总则 over 第一条至第三条明确了…, which
    opens no article); any body with raw HTML blocks (Markdown shows their lines as written: the ## showed); and the
    whole law when a chapter line leading to articles is one the pattern does not read (its sections would have
    taken the chapter before's addresses)."""
    if "第" not in body or "\n" not in body or _ARTICLE_START.search(body) is None or _HTML_LINE.search(body):
        return body
    lines = body.split("\n")
    runs = _paragraphs(lines, "```" in body or "~~~" in body)
    alone = {k: _unbold(lines[lo]) for k, (lo, hi) in enumerate(runs) if hi - lo == 1}
    heads = {k: m for k, text in alone.items() if (m := _CHAPTER_LINE.fullmatch(text)) is not None}
    rank = {k: _CHAPTER_RANK[m.group(2)] for k, m in heads.items()}
    for k, text in alone.items():  # a chapter line standing alone the pattern does not read: its rank all the same
        if k not in heads and (loose := _LOOSE_CHAPTER.match(text)) is not None:
            rank[k] = _CHAPTER_RANK[loose.group(1)]

    def leads(k: int) -> bool:
        below = k + 1
        if below >= len(runs):
            return False
        if _ARTICLE_START.match(lines[runs[below][0]]):
            return True
        return rank.get(below, -1) > rank[k] and leads(below)

    if any(k not in heads and leads(k) for k in rank):
        return body  # 第二章　船舶、浮动设施和船员 unread: 第二章's sections would be 第一章's
    found = [k for k in heads if leads(k)]
    if sum(1 for k in found if rank[k] <= _CHAPTER_RANK["章"]) < 2:
        return body
    ranks = sorted({rank[k] for k in found})
    for k in found:
        lines[runs[k][0]] = "#" * min(6, 2 + ranks.index(rank[k])) + " " + alone[k]
    return "\n".join(lines)


def _unbold(line: str) -> str:
    """A line without its indent and without a bold round the whole of it (Word's bold chapter line)."""
    text = line.strip(" \t\u3000\u00a0\u2003")
    bold = re.fullmatch(r"(\*\*|__)([^*_]+)\1", text)
    return bold.group(2).strip(" \u3000") if bold else text


_CHAPTER_RANK = {"编": 0, "部分": 0, "分编": 1, "章": 2, "节": 3}
_CHAPTER_LINE = re.compile(
    rf"(第[{_NUMERAL}百千两]{{1,7}}(分编|编|部分|章|节))[ \u3000]+[^\s。；;，,：:！？!?]"
    rf"(?:[^。；;，,：:！？!?]{{0,28}}[^\s。；;，,：:！？!?])?")
"""A chapter's line: its number, a space, a title without sentence punctuation (总　则 spaced, as laws print it;
船舶、浮动设施和船员 with its 、)."""
_LOOSE_CHAPTER = re.compile(rf"第[{_NUMERAL}百千两]{{1,7}}(分编|编|部分|章|节)(?:[ \u3000]|$).{{0,40}}$")
_ARTICLE_START = re.compile(rf"(?m)^[ \t\u3000\u00a0\u2002\u2003\u200b\ufeff]*(?:\*\*|__)?第[{_NUMERAL}百千两]{{1,7}}条"
                            rf"(?:之[{_NUMERAL}]{{1,3}})?(?:\*\*|__)?(?:[ \u3000\u00a0\u2003]|$)")
"""A paragraph that opens with an article: its number, then a space or the end of its bold (第一条至第三条明确了…, a
解读's sentence, is none)."""
_HTML_LINE = re.compile(r"(?m)^ {0,3}<[A-Za-z]")


def _breaks(lines: list[str], lo: int, hi: int) -> list[int]:
    """The lines of the plain paragraph ``lines[lo:hi]`` that start a paragraph (see :func:`separate_items`)."""
    held = _held(lines, lo, hi)
    note = next((i for i in range(lo, hi) if _ATTACH_HEAD.match(lines[i].lstrip("\u3000"))), None)
    closings = _closings(lines, lo, hi, note)
    starts = {start for start, _ in closings}
    ends = {end for _, end in closings if end < hi}  # what follows a closing (the 办法 it prints) is apart from it
    within = {i for start, end in closings for i in range(start + 1, end)}
    end_of_note = min((start for start in starts if note is not None and start > note), default=hi)
    if note is not None and any(start < note for start in starts) and not any(start > note for start in starts):
        # a note under the closing, as web copies have it: the 办法 an 印发 notice prints after it (its title the note's
        # item, or a chapter or an article) is apart from it (a review); an item's title wrapped over lines is not
        named = {_ATTACH_HEAD.sub("", _ITEM_NUMBER.sub("", lines[k].strip())).strip() for k in range(note, hi)}
        end_of_note = next((k for k in range(note + 1, hi) if lines[k].strip() in named - {""}
                            and not _ITEM_NUMBER.match(lines[k].strip()) or _ARTICLE_OR_SECTION.match(lines[k].strip())
                            or _CHAPTER.match(lines[k].strip())), hi)
    out: list[int] = []
    item = opened = bool(_ITEM_LINE.match(lines[lo].lstrip("\u3000")))  # in an item; the line above opened one
    for i in range(lo + 1, hi):
        if i in held or i in within:
            opened = False
            continue
        if note is not None and note < i < end_of_note:
            continue  # a 附件 note's lines are typeset's to read as its items (parted, its list was lost: a review)
        if note is not None and i == end_of_note:
            out.append(i)
            item = opened = bool(_ITEM_LINE.match(lines[i].lstrip("\u3000")))
            continue
        if i in starts or i in ends:
            out.append(i)
            item = opened = i in ends and bool(_ITEM_LINE.match(lines[i].lstrip("\u3000")))
            continue
        line, above = lines[i].lstrip("\u3000"), lines[i - 1].strip()
        opens = bool(_ITEM_LINE.match(line))
        ended = bool(_CLAUSE_END.search(above))
        breaks_here = opens and (ended or opened) or item and ended \
            or above.endswith(("：", ":")) and len(above) <= _MAX_SALUTATION \
            or bool(_HEADING_LINE.match(above)) \
            or bool(_HEADING_LINE.match(line)) and (ended or _chapter(lines, i, hi)) \
            or lines[i].startswith("\u3000\u3000") and bool(_SENTENCE_END.search(above) or _SUBHEADING.match(above)) \
            or i == note and (ended or bool(_SIGN_OFF.fullmatch(above))) \
            or bool(_BLOCK_ELEMENT.match(lines[i]) or _BLOCK_ELEMENT.match(lines[i - 1]))  # a table pasted under the text
        if breaks_here:
            out.append(i)
            item = opens
        opened = opens and breaks_here
    return out


_HEADING_LINE = re.compile(rf"^(?:[{_NUMERAL}百]{{1,4}}、|第[{_NUMERAL}百千]{{1,7}}[章节编](?:[ 　]|$))[^。；;，,：:！？]{{0,22}}$")
"""A heading written on a line of its own (一、检查内容, 第一章　总则): short, no clause's mark in it.  Pasted from Word
without a blank line, it ran into the text under it (a review).  Twenty-four characters at most: a full line of a
PDF copy (26 to 28 characters, GB/T 9704) that opens an item and holds no comma is the start of its sentence (it was
cut in two paragraphs mid-word), and a heading is rarely longer (reviews)."""
_SIGN_OFF = re.compile(r"特此(?:通知|通告|公告|函告|函复|复函|批复|报告|说明|证明|决定|请示|函)[。！!]?")
"""A notice's closing formula (特此通知), which many end with no full stop: the 附件 note under it is apart from it (a
review found the note left in its line, the attachments neither listed nor linked)."""
_MAX_SALUTATION = 60
"""A line ending with a colon this short is a salutation or a lead-in (各市（州）交通运输局，厅直属有关单位：): the text
under it is a paragraph of its own."""


_SENTENCE_END = re.compile(r"[。！？][”’」』]?$")
"""A line ending a sentence: a Word paste's next line opening with the full-width indent is a paragraph of its own (a
PDF copy does not indent the lines it wraps; its line ending a sentence may go on with the paragraph's next one)."""
_SUBHEADING = re.compile(rf"^(?:[（(](?:[{_NUMERAL}百]{{1,4}}|\d{{1,3}})[）)]|\d{{1,3}}[.．、](?!\d))"
                         rf"[^。；;，,：:！？]{{1,21}}$")
"""A subheading on a line of its own (（一）指导思想, 1.工作目标): short, no clause's mark in it.  Parted from the line
under it when that opens with the full-width indent (a Word paste ran it into its text: a review); a PDF copy's
line opening an item is no subheading (its next line is not indented)."""
_CHAPTER = re.compile(rf"^第[{_NUMERAL}百千]{{1,7}}[章编](?:[ 　]|$)")
_ARTICLE_OR_SECTION = re.compile(rf"^(?:\*\*)?第[{_NUMERAL}百千]{{1,7}}[条节]")


def _signs(line: str) -> bool:
    """Whether ``line`` may be an agency's name in a closing: not a heading (第一章　总则 reads as 厅长　张三)."""
    return _is_signer(line) and bool(_AGENCY.search(line)) and not _HEADING_LINE.match(line) \
        and not _ITEM_LINE.match(line)


def _chapter(lines: list[str], i: int, hi: int) -> bool:
    """Whether line ``i`` is a chapter's heading over its first article or section (第一章　总则 under the title of
    the 办法 an 印发 notice prints, which ends no clause: a review); a PDF copy's line may open with 第三章 mid-sentence."""
    if not _CHAPTER.match(lines[i].lstrip("\u3000")):
        return False
    return i + 1 < hi and bool(_ARTICLE_OR_SECTION.match(lines[i + 1].lstrip("\u3000")))


def _closings(lines: list[str], lo: int, hi: int, note: int | None = None) -> list[tuple[int, int]]:
    """(first line, end) of each 公文 closing in the paragraph ``lines[lo:hi]`` that a sentence runs on into
    without a blank line: one to three agency names over a date line (and the 附注 under it, （此件公开发布）), after
    a line ending a sentence or clause or a closing formula (特此通知), or after a 附件 note's last item (which ends none).  Left as the last
    sentence's words, it was set on the left, not as the closing on the right (a review); one in the middle (an
    印发 notice's, over the 办法 it prints) ran on with what follows it too (a later review)."""
    found: list[tuple[int, int]] = []
    for k in range(lo + 2, hi):
        if "日" not in lines[k] or not DATE_LINE.match(lines[k].strip()):
            continue
        start = k
        while start - 1 > lo and k - start < 3 and _signs(lines[start - 1].strip()):
            start -= 1
        above = lines[start - 1].strip()  # a sentence, or 特此通知 written without its full stop (a review)
        if start == k or not (_CLAUSE_END.search(above) or _SIGN_OFF.fullmatch(above)) \
                and (note is None or start - 1 < note):
            continue
        end = k + 2 if k + 1 < hi and _NOTE_LINE.match(lines[k + 1].strip()) else k + 1
        found.append((start, end))
    return found


_CLOSED_INLINE = re.compile(r"<([A-Za-z][\w:-]*)(?:\s[^<>]*)?>[^<>\n]*</\1\s*>|<(?:br|wbr)\s*/?>")
"""An inline element opened and closed on its line (<del>一百元</del>, Word's <ins>, <sup>2</sup>), or a line break."""


def _held(lines: list[str], lo: int, hi: int) -> set[int]:
    """The lines of the paragraph ``lines[lo:hi]`` that may go on with what a line above them opened: from a line
    leaving a code span, a link's brackets or address, an element or emphasis open, to the last line holding a mark
    that may close it.  Parted there, Markdown would read it otherwise (a review: a link spanning two items was lost).
    Only those lines are held: one 江交办[2026]9号, 按里程*费率 or 联系人：_______ anywhere left a whole Word paste one
    paragraph (a later review)."""
    if not any(mark in line for line in lines[lo:hi] for mark in _HOLDING):
        return set()
    held: set[int] = set()
    for j in range(lo, hi - 1):
        for closers in _left_open(lines[j], lines[j + 1]):
            last = max((k for k in range(j + 1, hi) if any(c in lines[k] for c in closers)), default=j)
            held.update(range(j + 1, last + 1))
    return held


_HOLDING = "`[]()<>*_"
_PAIRED = re.compile(r"`[^`]+`|\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\])?|(\*\*|__|\*|_)(?=\S)(?:(?!\1).)+?(?<=\S)\1")
"""A code span, link (or bracketed text) or emphasis closed on its line."""
_WHOLE = re.compile(r"[{}\\]")
"""What may belong to the whole paragraph (an attribute list under it) or hide a mark (an escape): a paragraph
holding one is left as written."""


def _left_open(line: str, below: str) -> list[str]:
    """The marks that may close what ``line`` leaves open (none for a line whose marks are closed on it)."""
    if not any(mark in line for mark in _HOLDING):
        return []
    rest = line
    while True:
        shorter = _PAIRED.sub("", rest)
        if shorter == rest:
            break
        rest = shorter
    out = []
    if "`" in rest:
        out.append("`")
    if "[" in rest or "]" in rest or line.rstrip().endswith("]") and below.startswith(("[", "(")):
        out.append("[]()")
    if "](" in line and line.count("(", line.rfind("](")) > line.count(")", line.rfind("](")):
        out.append(")")
    if _open_element(line):
        out.append("<>")
    out.extend(mark for mark in "*_" if mark in rest)
    return out


def _open_element(line: str) -> bool:
    """Whether ``line`` holds a ``<`` that is not an inline element opened and closed on it (<del>一百元</del>, Word's
    tracked changes: parted as any other line, a review)."""
    if "<" not in line:
        return False
    while True:
        shorter = _CLOSED_INLINE.sub("", line)
        if shorter == line:
            return "<" in line
        line = shorter


def _commented_lines(body: str) -> set[int]:
    """The numbers of the lines an HTML comment (an editor's hidden note) covers, in whole or in part."""
    if "<!--" not in body:
        return set()
    covered: set[int] = set()
    for m in re.finditer(r"<!--.*?(?:-->|\Z)", body, re.S):
        first = body.count("\n", 0, m.start())
        covered.update(range(first, first + m.group().count("\n") + 1))
    return covered


def attachment_names(record_attachments: Sequence[str], page_dir: str, url_of) -> dict[str, str]:
    """Each attachment's file name and stem → its URL relative to ``page_dir`` (``url_of(path)`` is site-relative)."""
    names: dict[str, str] = {}
    for path in record_attachments:
        url = url_of(path)
        if url is None:
            continue
        rel = relative_path(url, page_dir)
        base = posixpath.basename(path)
        names.setdefault(base, rel)
        names.setdefault(posixpath.splitext(base)[0], rel)
    return names


def _paragraphs(lines: list[str], fences: bool = True) -> list[tuple[int, int]]:
    """(first, end) line numbers of each run of non-blank lines outside fenced code; ``fences``
    False: the text holds no ``` or ~~~, so no line opens a fence (and none is matched for one)."""
    runs: list[tuple[int, int]] = []
    first = None
    fence = ""
    for i, line in enumerate(lines):
        m = _FENCE.match(line) if fences else None
        if fence or m:
            if first is not None:
                runs.append((first, i))
                first = None
            if fence and m and m.group(1).startswith(fence):
                fence = ""
            elif not fence and m:
                fence = m.group(1)
            continue
        if line.strip():
            if first is None:
                first = i
        elif first is not None:
            runs.append((first, i))
            first = None
    if first is not None:
        runs.append((first, len(lines)))
    return runs


def _stripped(lines: list[str], run: tuple[int, int]) -> list[str] | None:
    """The stripped lines of a paragraph, or None if one is indented (code, or a list item's continuation)."""
    lo, hi = run
    if any(line.startswith(("    ", "\t")) for line in lines[lo:hi]):
        return None
    return [line.strip() for line in lines[lo:hi]]


def _plain(lines: list[str], run: tuple[int, int]) -> list[str] | None:
    """The stripped lines of a paragraph, or None if it is code, a list, a table or other markup."""
    block = _stripped(lines, run)
    if block is None or any(_MARKUP.match(line) for line in block):
        return None
    return block


def _closing(lines: list[str], run: tuple[int, int], alone: bool):
    """(signer lines, date line, note lines) of a signature block, or None; ``alone``: a date line
    without a name above it counts too (the last paragraph)."""
    if not _may_close(lines, run):
        return None
    block = _plain(lines, run)
    if block is None:
        return None
    notes = [block.pop()] if len(block) > 1 and _NOTE_LINE.match(block[-1]) else []
    if not DATE_LINE.match(block[-1]):
        return None
    date, signers = block[-1], block[:-1]
    if signers and not all(_AGENCY.search(s) for s in signers):
        return None  # 特此通知 / 报名截止 above a date: a sentence, not a signature
    if not signers and not alone:
        return None
    if len(signers) > 3 or any(not _is_signer(s) for s in signers):
        return None
    return signers, date, notes


def _may_close(lines: list[str], run: tuple[int, int]) -> bool:
    """Whether a paragraph has a date line where a signature block has it: its last line, or the one
    above a note.  Most paragraphs have none, and are left here without a closer look."""
    lo, hi = run
    return bool(DATE_LINE.match(lines[hi - 1].strip()) or hi - lo > 1 and DATE_LINE.match(lines[hi - 2].strip()))


def _is_signer(line: str) -> bool:
    """An agency's name: short, without sentence punctuation or Markdown markup."""
    return 0 < len(line) <= _MAX_SIGNER and not _SENTENCE.search(line) and not _MARKUP.match(line)


def _attachment_items(lines: list[str], run: tuple[int, int]) -> list[tuple[str, str]] | None:
    """(number as written, name) of each item of a 附件 note (``附件：1. 名称`` then ``2. 名称`` …), or None."""
    block = _stripped(lines, run)
    if block is None:
        return None
    m = _ATTACH_HEAD.match(block[0])
    if m is None:
        return None
    rest = [block[0][m.end():], *block[1:]]
    if not rest[0]:
        rest = rest[1:]
    if not rest:
        return None
    if len(rest) == 1 and not _ITEM_NUMBER.match(rest[0]):
        return [("", rest[0])] if _is_item(rest[0]) else None
    items = []
    for number, line in enumerate(rest, start=1):
        n = _ITEM_NUMBER.match(line)
        if n is None or int(n.group(1)) != number or not _is_item(line[n.end():]):
            return None
        items.append((line[:n.end()].strip(), line[n.end():]))
    return items


def _is_item(name: str) -> bool:
    return bool(name) and len(name) <= 80 and not _MARKUP.match(name) and "](" not in name


def _match(name: str, attachments: Mapping[str, str]) -> str | None:
    """The URL of the attachment an item names: same name, or the only one whose name holds the item's."""
    key = name.strip().strip("《》").rstrip("。；;")
    if key in attachments:
        return attachments[key]
    # The item's name inside one file's name only (附件1-名单.pdf for 名单); never the reverse, or
    # 名单说明 would be linked to 名单.pdf.
    holding = {url for n, url in attachments.items() if len(key) >= 2 and key in n}
    return holding.pop() if len(holding) == 1 else None


def _attachments_html(items: list[tuple[str, str]], attachments: Mapping[str, str]) -> str:
    rows = []
    for number, name in items:
        url = _match(name, attachments)
        text = html.escape(name, quote=False)
        shown = f'<a href="{html.escape(url)}">{text}</a>' if url else text
        rows.append(f"<li>{html.escape(number, quote=False)} {shown}</li>" if number else f"<li>{shown}</li>")
    return (f'<div class="cat-gw-attachments"><p class="cat-gw-attachments__head">附件：</p>'
            f'<ul>{"".join(rows)}</ul></div>')


def _closing_html(signers: list[str], date: str, notes: list[str]) -> str:
    parts = [f'<p class="cat-gw-signer">{html.escape(s, quote=False)}</p>' for s in signers]
    parts.append(f'<p class="cat-gw-date">{html.escape(date, quote=False)}</p>')
    parts.extend(f'<p class="cat-gw-note">{html.escape(n, quote=False)}</p>' for n in notes)
    return f'<div class="cat-gw-closing">{"".join(parts)}</div>'
