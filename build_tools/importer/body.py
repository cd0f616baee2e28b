"""The body of a legacy page as clean Markdown: site chrome out, structure in.

Works on lines, so the same rules clean a text dump and the Markdown that
markdownify makes of an HTML page: lines of site chrome (当前位置 breadcrumbs,
「来源: www…」, 打印/关闭, 【字体：大 中 小】, 浏览次数, share buttons) are
dropped; the page footer (免责声明, 相关新闻, 上一篇, ICP备案 …) ends the body;
the document's own structure becomes Markdown: 一、 and 第一章 → ``##``,
（一） and 第一节 → ``###``, 第X条 in bold; other lines are paragraphs, and so are
lines its neighbours show to be no heading: a printed 目录's, a list's items after its lead-in (:func:`not_headings`).
"""

from __future__ import annotations

import re
import unicodedata

from ..gongwen import DATE_LINE, typeset

_CN = "〇零一二三四五六七八九十百千两"
HEADING_2 = re.compile(rf"^(?:[{_CN}]+、|第[{_CN}\d]+[章编部分]\s*)")
HEADING_3 = re.compile(rf"^(?:[（(][{_CN}]+[）)]|第[{_CN}\d]+节\s*)")
_NUMBERED = rf"第[{_CN}\d]+条(?:之[{_CN}\d]+)?"
"""An article's number: 第十条, or 第十条之一 inserted by an amendment (it had been written **第十条** 之一: the number
cut, and the inserted article left without its #第十条之一 (a review))."""
ARTICLE = re.compile(rf"^({_NUMBERED})(?:[\s\u3000]+|$|(?![规的中所至第和与及或、，,。：:；;（(\]]))")
"""An article's number and the space after it, or its text straight after it where a CMS dropped the space (第一条为了…:
a later review found a whole law's articles lost), but not a sentence about it (第三条规定，…, 第三条的, 第三条第二款,
第三条、第四条: made an article, it took #第三条 from the law's own: a review)."""
MAX_HEADING = 40
"""A heading is short; 「（一）深入解读重要政策措施。围绕……」 is a paragraph with a lead-in."""

CHROME_LINE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]|"
    r"^(?:来源|信息来源|文章来源)\s*[:：]\s*(?:https?://|www\.)|"
    r"^\d{4}-\d{1,2}-\d{1,2}[\s\d:]*(?:来源|发布|作者)\s*[:：]|"
    r"(?:^|\s)(?:来源|日期|发布时间)\s*[:：].*(?:阅读|浏览|点击)\s*[:：]?|"
    r"【\s*字体\s*[:：]|^字号\s*[:：]|字号\s*[:：]\s*(?:默认|大|小)|"
    r"^\s*[【\[]?\s*(?:打印|关闭|打印本页|关闭窗口|收藏|返回顶部|返回)\s*[】\]]?(?:\s*[【\[]?\s*(?:打印|关闭|打印本页|关闭窗口|收藏|返回顶部|返回)\s*[】\]]?)*\s*$|"
    r"(?:^|\s|】|\|)(?:浏览次数|阅读次数|访问次数|点击数|点击量|浏览量)\s*[:：]|^(?:浏览次数|阅读次数|点击数)\b|"
    r"^分享到|^扫一扫|网站首页\s*[»>›]")
ABOVE_ONLY = re.compile(r"^(?:位置)\s*[:：]|^\s*https?://\S+\s*$|^\s*[A-Za-z]{1,3}\s*$")
_DATED_BUTTONS = re.compile(
    r"^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"(?:[【\[]\s*(?:打印|关闭|打印本页|关闭窗口|收藏|返回顶部|返回)\s*[】\]]\s*)+$")
"""Lines of chrome above the document only (a breadcrumb 「位置：」, a bare address, a language switch 「EN」,
the date and 【打印】【关闭】 under an old site's title): in a document's text they are its own (a 检测站's
位置：, the address of an online service, a closure notice's 2023年5月7日 关闭: reviews)."""
FOOTER_LINE = re.compile(
    # a box's label alone on its line, or before its links: 相关政策措施自……起施行 and 联系我们：厅运输处，电话…… are a
    # notice's sentences (a review found the rest of such notices cut off, the 落款 and date with it)
    r"^\s*(?:\*\*|#+\s*)?(?:免责声明|相关阅读|相关新闻|相关链接|相关信息|相关文章|相关文件|相关政策|相关解读|联系我们|最新文章"
    r"|人气排名|推荐阅读|热点文章)(?:\*\*)?\s*(?:[:：]?\s*(?:\*\*)?\s*(?:$|\[|【|>>|》》|更多)|[|｜]"
    # a box's label and the title it links, in a text copy (相关政策：江川省交通运输厅关于…的通知): no sentence
    r"|[:：][^。；！？]*$)|"
    r"^\s*(?:\*\*|#+\s*)?(?:上一篇|下一篇|版权所有|网站地图)|"
    r"^\s*(?:主办单位|承办单位).*(?:版权|ICP|技术支持|网站维护|网站标识码)|"
    r"ICP备\s*\d{5,}|公网安备\s*\d{8,}|网站标识码\s*[:：]?\s*[0-9A-Z]{6,}")
"""Where the page footer begins: 主办单位 and 承办单位 only beside the site's own words, a record number
only with its digits (a notice names the 主办单位 of an event, or asks sites to show their 网站标识码:
a review found the rest of such notices cut off)."""


def is_chrome(line: str, above: bool = False) -> bool:
    """A line of the web site around the document, not of the document (``above``: before its first line).
    Links, not images, are read by their text (markdownify's 【[打印](javascript:window.print())】); a line
    that is a link or an image is never a bare word of chrome (``![QR](qr.png)``, ``[PDF](a.pdf)``: a
    review found them dropped)."""
    text = _MD_LINK.sub(r"\1", line) if "](" in line else line
    return bool(CHROME_LINE.search(text)) or above and bool(ABOVE_ONLY.search(line) or _DATED_BUTTONS.search(text))


_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")


def is_footer(line: str) -> bool:
    """A line where the page footer (related links, disclaimer, copyright) begins."""
    return bool(FOOTER_LINE.search(line))


def plain(line: str) -> str:
    """A line without the indentation CMS editors make of full-width and non-breaking spaces."""
    return line.strip(" \t\u3000\u00a0\u200b\ufeff")


_MD_LEADING = re.compile(r"^(?:#|[>+*-]\s|\d+[.)]\s|[=-]{3,}\s*$|\|)")  # #1 车道 is a heading too (a review)


ANCHOR_NAME = r"[A-Za-z_][\w.-]{0,40}"
"""A name an ``<a name>`` of the page keeps as an empty ``<a id>`` in the Markdown (Word's footnotes, _ftn1)."""
_KEPT_TAG = re.compile(rf"&lt;(/?(?:sup|sub|s))>|&lt;(a id=\"{ANCHOR_NAME}\")>&lt;/a>")
"""The inline tags the page's HTML leaves in the Markdown (500m<sup>2</sup>, text struck through, a footnote's
anchor): no other ``<`` is markup.  The anchor had been escaped in a paragraph: the page showed
``<a id="_ftnref1"></a>`` as text and its footnote links led nowhere (a review)."""


def _escape(text: str, markdown: bool = False) -> str:
    """Keep a paragraph a paragraph: a leading 「- 」 or 「1. 」 would make it a list, a leading ``>`` a quotation;
    a ``<`` is text, and so are ``*`` and ``_`` of a text dump (a formula's 费率*里程, a form's ________ blank: they
    were read as emphasis).  Each is escaped as Python-Markdown reads escapes: ``1\\. …``, not ``\\1. …``, which the
    page showed with its backslash (a review).  In ``markdown`` (markdownify's, which escapes the page's own
    asterisks and underscores) a ``*`` is the page's bold and a ``_`` a link's address: kept (escaped, every bold
    第X条 of an imported law was shown with its asterisks, and a link to W020250610_名单.pdf lost: a review)."""
    if markdown and _RULE.fullmatch(text.strip()):
        return "* * *"  # the page's <hr> (Word's rule above its footnotes): a rule, not the text --- (a review)
    text = _KEPT_TAG.sub(lambda m: f"<{m.group(1)}>" if m.group(1) else f"<{m.group(2)}></a>",
                         text.replace("<", "&lt;"))
    if not markdown and ("*" in text or "_" in text):
        text = re.sub(r"(?<!\\)([*_])", r"\\\1", text)
    if text.startswith(">"):
        return "\\" + text
    m = _MD_LEADING.match(text)
    if m is None:
        return text
    if text[0].isdigit():  # 1. or 1) : the mark after the number is escaped
        at = len(re.match(r"\d+", text).group())
        return text[:at] + "\\" + text[at:]
    if text[0] == "=":
        return "&#61;" + text[1:]  # no escape for = in Markdown: its reference
    return "\\" + text


_RULE = re.compile(r"(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}")
"""What markdownify writes for a page's <hr>."""
_BOLD_LINE = re.compile(r"\*\*([^*]+)\*\*")
_BOLD_ARTICLE = re.compile(rf"^\*\*[\s\u3000]*({_NUMBERED})[\s\u3000]*\*\*(?:(之[{_CN}\d]+)(?:[\s\u3000]+|$))?[\s\u3000]*")
"""An article's number in bold (the bold ends it), or its 第十条 only, 之一 after the bold and a space."""


def structure(line: str, markdown: bool = False, heading: bool = True) -> str:
    """One body line of a document as Markdown (heading, article or paragraph); ``markdown``: markdownify's, where
    a chapter's title or an article's number in bold (``**第一章　总则**``, ``**第一条**``, as CMS pages write
    them) is that heading or article (a review found them all plain text).  The old page's anchors kept before
    a chapter or an article (:func:`_kept_anchors`) are read through, not taken for its first words.  ``heading``
    False: a line its neighbours show is none (:func:`not_headings`), kept a paragraph."""
    whole = plain(line)
    anchors, text, bare = _parts(whole, markdown)
    # a heading ends with no clause's mark: （一）占用、挖掘公路； and 一、申请人应当年满18周岁。 are items of a list
    # (a law's article, a notice's conditions), which became headings and the page's 目录 (a review)
    short = heading and len(bare) <= MAX_HEADING and not any(c in bare for c in "。；;") \
        and not bare.endswith(("，", ",", "、", "：", ":"))
    if short and HEADING_2.match(bare):
        return "## " + anchors + _escape(bare, markdown)
    if short and HEADING_3.match(bare):
        return "### " + anchors + _escape(bare, markdown)
    m = ARTICLE.match(text) or (_BOLD_ARTICLE.match(text) if markdown else None)
    if m:
        rest = text[m.end():]
        number = "".join(part for part in m.groups() if part)
        # the anchor after the number: a paragraph starting with it is no article on the page (body_anchors)
        return f"**{number}**{anchors}" + (" " + _escape(rest, markdown) if rest else "")
    return _escape(whole, markdown)


def _parts(whole: str, markdown: bool) -> tuple[str, str, str]:
    """(The kept anchors, the text after them, that text without its bold) of a line without its indentation."""
    anchors, text = _kept_anchors(whole) if markdown else ("", whole)
    bold = _BOLD_LINE.fullmatch(text) if markdown else None
    inner, bare = _kept_anchors(plain(bold.group(1))) if bold else ("", text)
    return anchors + inner, text, bare


_KEPT_ANCHOR = re.compile(rf'<a id="{ANCHOR_NAME}"></a>[\s\u3000]*')


def _kept_anchors(text: str) -> tuple[str, str]:
    """(The empty anchors starting ``text``, the rest): the old page's targets (``<a name="tiao3"></a>第三条　…``,
    as law portals mark every chapter and article), which markdownify keeps (markup.py).  The line had been
    taken as it stood: no chapter a heading, no article bold with its #第三条, and no 目录 (a review)."""
    at, anchors = 0, []
    while (m := _KEPT_ANCHOR.match(text, at)) is not None:
        anchors.append(m.group().rstrip(" \t\u3000"))
        at = m.end()
    return "".join(anchors), text[at:]


def not_headings(lines: list[str], markdown: bool) -> set[int]:
    """The numbers of the lines that look like headings alone but whose neighbours show they are none: the lines
    of a printed 目录 (:func:`_printed_contents`) and the items of a list after its lead-in (:func:`_list_items`)."""
    shown = [(n, _parts(plain(line), markdown)[1:]) for n, line in enumerate(lines)
             if plain(line) and not (markdown and is_markdown_block(plain(line)))]
    contents = _printed_contents([(n, bare) for n, (_, bare) in shown])
    return contents | _list_items([(n, text, bare) for n, (text, bare) in shown if n not in contents], markdown)


_CHAPTER = re.compile(rf"^第[{_CN}\d]+(?:章|节|编|部分)")
_CONTENTS = ("目录", "目次")


def _printed_contents(paragraphs: list[tuple[int, str]]) -> set[int]:
    """The lines of the 目录 a law's page prints before its text (目　　录 / 第一章　总则 / 第二章　… one ``<p>`` each):
    made headings, they took #第一章 … and the real chapters #第一章-总则, and the page's 目录 listed each chapter
    twice (a review).  After a line 目录 (目次), the lines until the first of them comes again, where the text
    begins: numbered ones (一、, 第一章) or short ones (附则), two at least; without that line, a run of two 章 or 节
    or more with nothing between them, followed by the first of them again (in a text a chapter holds something)."""
    found: set[int] = set()
    for i, (_, bare) in enumerate(paragraphs):
        after_title = i > 0 and _key(paragraphs[i - 1][1]) in _CONTENTS
        if not (after_title or _CHAPTER.match(bare) and (i == 0 or not _CHAPTER.match(paragraphs[i - 1][1]))):
            continue
        first = _number(bare)
        run = i
        while run < len(paragraphs) and (run == i or _number(paragraphs[run][1]) != first):
            shown = paragraphs[run][1]
            if not (_CHAPTER.match(shown) or after_title and _heading_like(shown)):
                break
            run += 1
        again = run < len(paragraphs) and _number(paragraphs[run][1]) == first
        # the entries come again where the text begins: after a 目录 line whose entries were not copied (or were a
        # list of links), the law's own chapters are no 目录's (a later review); one line is none (a first section)
        if run - i >= 2 and again:
            found.update(n for n, _ in paragraphs[i:run])
    return found


def _number(bare: str) -> str:
    """A heading's number as its own (第一章, 一、, （一）), or the whole line when it has none (附则)."""
    m = HEADING_2.match(bare) or HEADING_3.match(bare)
    return _key(m.group() if m else bare)


def _heading_like(bare: str) -> bool:
    """A short line without a sentence's marks: a 目录's entry (第一章　总则, 附　　则, a page number after it)."""
    return len(bare) <= MAX_HEADING and not any(c in bare for c in "。；;，,：:")


_ITEM = re.compile(rf"^(?:([{_CN}]+、)|([（(][{_CN}]+[）)])|(\d{{1,2}}\\?[.．、])|([（(]\d{{1,2}}[）)]))")
"""An item's number, in the order of the ranks GB/T 9704 gives them: 一、 （一） 1. （1）."""
_LEAD_IN = ("：", ":")


def _list_items(paragraphs: list[tuple[int, str, str]], markdown: bool) -> set[int]:
    """The items of a list after its lead-in, which a law's article or a notice writes one a line without end marks
    (应当提交下列材料： / （一）超限运输申请表 / （二）车辆行驶证复印件): as headings they were cut off from their
    article and listed in the page's 目录 as its sections (a review).  An item is one right after a line ending with
    a colon inside an article, or one followed by an item of its rank (a notice's 如下： / 一、总体要求 / （一）… is a
    heading with its sections); the items after it are too, down to the first of a higher rank or other text."""
    found: set[int] = set()
    in_article, lead_in, listing = False, False, None  # listing: the rank of the list's items
    for k, (n, text, bare) in enumerate(paragraphs):
        rank = _rank(bare)
        if rank is not None and not _CHAPTER.match(bare):
            after = paragraphs[k + 1][2] if k + 1 < len(paragraphs) else ""
            if listing is not None and rank >= listing or lead_in and (in_article or _rank(after) == rank):
                found.add(n)
                listing = rank if listing is None or rank < listing else listing
            else:
                listing = None
                in_article = in_article and rank != 0  # a section 一、 of a 解读 after a quoted article (a review)
        else:
            listing = None
            if ARTICLE.match(text) or markdown and _BOLD_ARTICLE.match(text):
                in_article = True
            elif _CHAPTER.match(bare):
                in_article = False
        lead_in = bare.rstrip("*").endswith(_LEAD_IN)
    return found


def _rank(bare: str) -> int | None:
    """The rank of an item's number (0 for 一、 … 3 for （1）), None for a line starting with none."""
    m = _ITEM.match(bare)
    return None if m is None else next(g for g, part in enumerate(m.groups()) if part)


def is_markdown_block(line: str) -> bool:
    """Lines markdownify already shaped (headings, tables, lists, quotes): kept as they are."""
    return bool(re.match(r"^(?:#{1,6}\s|\||[-*+]\s|\d+\.\s|>|!\[)", line))


def clean_lines(lines: list[str], *, title: str | None, markdown: bool,
                dropped: list[tuple[str, int]] | None = None) -> list[str]:
    """Body lines → Markdown lines: chrome dropped, footer cut, repeated title removed, structure marked.

    ``markdown``: the lines are markdownify output (tables and headings kept
    as made); else they are a text dump, one paragraph a line.  ``dropped``
    receives what is left out after the document began: (a line's text, 1),
    or for a footer that holds sentences (its first line, the lines it cut),
    so that the report says what was not imported.
    """
    out: list[str] = []
    plain_lines = not_headings(lines, markdown)
    title_key = _key(title) if title else None
    skip = -1
    written = 0  # lines of the document in out
    for n, raw in enumerate(lines):
        if n == skip:
            continue
        text = plain(raw)
        if not text:
            if out and out[-1] != "":
                out.append("")
            continue
        if is_footer(text) or _SITE_OWNER.match(text) and any(is_footer(plain(x)) for x in _next(lines, n, 3)):
            rest = [plain(x) for x in lines[n:] if plain(x)]
            if dropped is not None and written and any(_sentence(x) for x in rest[1:]):
                dropped.append((text, len(rest)))  # a footer of links and names is not worth a word
            break
        if is_chrome(text, above=not written):
            if dropped is not None and written:
                dropped.append((text, 1))
            continue
        if title_key and written < 3:  # counted, not recounted a line at a time (40,000 rows took 23 s)
            key = _key(text.lstrip("#").strip("* "))
            if key == title_key:
                title_key = None  # the title shown once above the body; the record page shows it already
                continue
            nxt = next((k for k in range(n + 1, min(n + 3, len(lines))) if plain(lines[k])), None)
            if key and title_key.startswith(key) and nxt is not None \
                    and key + _key(plain(lines[nxt]).lstrip("#").strip("* ")) == title_key:
                title_key, skip = None, nxt  # a title broken over two lines
                continue
        line = raw.rstrip() if markdown and is_markdown_block(text) else structure(text, markdown, n not in plain_lines)
        if not markdown or not is_markdown_block(text):
            if out and out[-1] != "":
                out.append("")  # one paragraph a line in a text dump
        out.append(line)
        written += bool(line)
        if not markdown or not is_markdown_block(text):
            out.append("")
    while out and out[-1] == "":
        out.pop()
    while out and out[0] == "":
        out.pop(0)
    # collapse runs of blank lines
    result: list[str] = []
    for line in out:
        if line == "" and result and result[-1] == "":
            continue
        result.append(line)
    return closing_together(result)


def closing_together(lines: list[str]) -> list[str]:
    """``lines`` with a 公文's closing written as the page sets it: the agency's name (one to three names) and the
    date as one paragraph, and a 附件 note's lines (附件：1.检查表 / 2.统计表) as one right before it or last after it.

    A page writes them a ``<p>`` (or a ``<br>`` line) each, and the import one paragraph a line: the page set the
    date alone on the right as the closing and the agency on the left as a line of the text, and the note as two
    paragraphs of text without its list and links (a review).  What is joined is what :func:`~build_tools.gongwen.
    typeset` takes for a closing and a note: asked, not guessed, so a line it would not set is left apart.
    """
    runs = _runs(lines)
    joined: list[tuple[int, int]] = []  # (first run, end run) of each run of paragraphs made one
    for d, (lo, hi) in enumerate(runs):
        if hi - lo != 1 or not DATE_LINE.match(lines[lo].strip()) or joined and d < joined[-1][1]:
            continue
        end = d + 1 + (d + 1 < len(runs) and _sets(lines, runs, d, d + 2, "cat-gw-note"))
        first = next((k for k in range(max(d - 3, 0), d) if _sets(lines, runs, k, end, "cat-gw-closing")), None)
        if first is None or joined and first < joined[-1][1]:
            continue
        note = _note(lines, runs, first, end)  # a paragraph of its own, apart from the closing, as typeset reads it
        joined.extend(sorted([(first, end), *([note] if note else [])]))
    if not joined:
        return lines
    out: list[str] = []
    at = 0
    for a, b in joined:
        out.extend(lines[at:runs[a][0]])
        out.extend(_unescaped_item(line) for run in runs[a:b] for line in lines[run[0]:run[1]])
        at = runs[b - 1][1]
    out.extend(lines[at:])
    return out


def _runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line numbers of each paragraph (run of lines between blank ones)."""
    runs: list[tuple[int, int]] = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        if runs and runs[-1][1] == n:
            runs[-1] = (runs[-1][0], n + 1)
        else:
            runs.append((n, n + 1))
    return runs


def _one(lines: list[str], runs: list[tuple[int, int]], a: int, b: int) -> str:
    """Paragraphs ``a`` to ``b`` (not included) as one."""
    return "\n".join(_unescaped_item(line) for lo, hi in runs[a:b] for line in lines[lo:hi])


def _sets(lines: list[str], runs: list[tuple[int, int]], a: int, b: int, mark: str, after: str = "") -> bool:
    """Whether the page sets paragraphs ``a`` to ``b``, made one, as one block of ``mark`` (a closing whole, its
    every line a signer, the date or a note; or with ``after``, what is set before it)."""
    if b > len(runs) or a >= b or any(hi - lo != 1 for lo, hi in runs[a:b]):
        return False
    shown = typeset(_one(lines, runs, a, b) + (f"\n\n{after}" if after else ""))
    if after:
        return shown.startswith(f'<div class="{mark}">')
    return shown.startswith('<div class="cat-gw-closing">') and shown.count("<p ") == b - a and mark in shown


def _note(lines: list[str], runs: list[tuple[int, int]], first: int, end: int) -> tuple[int, int] | None:
    """The paragraphs of a 附件 note right before the closing ``first``..``end`` (as GB/T 9704 sets it), or right
    after it, the body's last ones (as some web copies have it), that the page sets as the note once made one."""
    closing = _one(lines, runs, first, end)
    for k in range(first - 1, max(first - 21, -1), -1):
        if lines[runs[k][0]].lstrip().startswith(("附件：", "附件:")):
            return (k, first) if k < first - 1 and _sets(lines, runs, k, first, "cat-gw-attachments", closing) \
                else None
    if end < len(runs) - 1 and lines[runs[end][0]].lstrip().startswith(("附件：", "附件:")):
        shown = typeset(closing + "\n\n" + _one(lines, runs, end, len(runs)))
        if all(hi - lo == 1 for lo, hi in runs[end:]) and shown.endswith("</ul></div>") and shown.count("<div") == 2:
            return end, len(runs)
    return None


_ESCAPED_ITEM = re.compile(r"^(\d{1,2})\\([.)])")


def _unescaped_item(line: str) -> str:
    """A 附件 note's item (``2\\. 统计表``, escaped when it was a paragraph of its own, or it would start a list):
    inside the note's paragraph it starts none, and the page reads its number (:func:`_escape`)."""
    return _ESCAPED_ITEM.sub(r"\1\2", line)


_SITE_OWNER = re.compile(r"^\s*(?:\*\*)?(?:主办单位|承办单位|主办|承办)\s*[:：]")
"""A footer's first line (主办单位：… 承办单位：…) when the site's record numbers follow within three lines."""


def _next(lines: list[str], n: int, count: int) -> list[str]:
    """The ``count`` lines of text after line ``n``."""
    return [x for x in lines[n + 1:n + 1 + 4 * count] if plain(x)][:count]


def _sentence(line: str) -> bool:
    """A line of a document's text (a sentence, a 落款's date), not of a footer (links, names, numbers): a cut that
    takes one is reported.  特此通知。 and 请于1月20日前报送工作方案。 are sentences too: only lines of 20 characters
    or more counted, and such a cut went unsaid (a review)."""
    line = line.rstrip("*").strip()
    return (line.endswith(("。", "；", "：", "！", "？")) or bool(_DATE_LINE.fullmatch(line))) and not is_footer(line) \
        and "](" not in line


_DATE_LINE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九十]{4}年[〇○零一二三四五六七八九十]{1,2}月"
                        r"[〇○零一二三四五六七八九十]{1,3}日")
"""A 落款's date on its own line."""


def _key(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", unicodedata.normalize("NFKC", text or ""))
