"""Checks on a record's Markdown body: what editors paste from Word and CMS pages.

Three mistakes pass YAML and validation but go wrong on the page:

- **A stray ``---``.**  The front matter closed early, so ``disclosure: 不予公开``
  and the lines after it are body text: the record would be published as
  主动公开 with its disclosure lines shown on the page.  A ``key: value`` block
  of known field names at the start of the body is an error, and so is a
  ``disclosure``/``公开方式`` line anywhere in the body.
- **An unclosed raw HTML block** (``<style>``, ``<div>``, ``<p>`` at the
  start of a line, pasted from Word): Python-Markdown takes everything after
  it as raw HTML, and the sanitiser drops a ``<style>``'s contents, so the
  page body is empty while search still shows the text.
- **Markup that stops the renderer**: ``<![^1]`` makes the HTML parser MkDocs
  runs over every body (``html.parser``, as patched by Python-Markdown) raise
  ``AssertionError``.  The body is fed to the same parsers here, so check
  reports what the build would trip on, with the line.

These checks use Python-Markdown's own HTML scanner (not MkDocs) so that they
agree with the renderer; they run only on bodies that contain a ``<``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import markdown
from markdown.htmlparser import HTMLExtractor, htmlparser

from .body_anchors import unclosed_bold
from .diagnostics import Problem, problem
from .model.fields import FIELDS_BY_NAME, Disclosure
from .hidden_html import shown, told
from .model.values import CONTROLS, char_name, clean_code

_KEY_LINE = re.compile(r"^(?P<key>[^\s:：#\-\[{>|*`][^:：]{0,40}?)\s*(?P<colon>[:：])(?:[ \t\u3000\u00a0]*(?P<value>.*))?$")
_ITEM_MARK = re.compile(r"^[-*+][ \t]+")
_LABEL_VALUE = re.compile(r"^(公开方式|公开属性|(?i:disclosure))[ \t\u3000]*[（(【\[]?[ \t\u3000]*((?:依申请|不予)公开)[）)】\]]?")
"""A disclosure label followed by a withholding value with no colon between."""
_LABEL_MARK = re.compile(r"^[—―–－]+[ \t\u3000]*")
"""The dashes before a label of ``catalogue new``'s (``# —— 公开方式``)."""
_BARE_LABEL = re.compile(r"^(?:公开方式|公开属性|(?i:disclosure))[ \t\u3000]*[:：]?[ \t\u3000]*$")
"""A disclosure label with no value after it (``# —— 公开方式``)."""
_CONTINUATION = re.compile(r"^(?:[ \t\u3000\u00a0]+\S|-\s)")
_DISCLOSURE_WORDS = ("公开方式", "disclosure", "Disclosure", "DISCLOSURE")
_SWALLOWING = ("style", "script", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
               "plaintext", "template")
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_RAW_TEXT_OPEN = re.compile(r"<(" + "|".join(_SWALLOWING) + r")(?=[\s/>])[^>]*>", re.IGNORECASE)


def check_body(body: str, body_line: int, path: str) -> list[Problem]:
    """Problems of a record body whose first line is line ``body_line`` of the file."""
    problems = list(_front_matter_in_body(body, body_line, path))
    if _may_hold_h1(body):
        problems.extend(_first_level_headings(body, body_line, path))
    if "<" in body:
        problems.extend(_html_problems(body, body_line, path))
    if "8<" in body or "{!" in body or "{%" in body:
        problems.extend(_file_inclusions(body, body_line, path))
    if "    " in body or "\t" in body or ">" in body or "____" in body or "*" in body or _UNDERLINES.search(body) \
            or "__第" in body:
        problems.extend(_pasted_markup(body, body_line, path))
    if _PRIVATE_USE.search(body):
        problems.extend(_private_use(body, body_line, path))
    if _CONTROL.search(body):
        problems.extend(_control_characters(body, body_line, path))
    if "[^" in body:
        problems.extend(_footnotes(body, body_line, path))
    if "<" in body and _TRACKED.search(body):
        problems.extend(_tracked_changes(body, body_line, path))
    if "<" in body:
        problems.extend(hidden_text(body, body_line, path))
    return problems


_TRACKED = re.compile(r"<(?:del|ins|strike)(?=[\s>])|class\s*=\s*[\"']?mso(?:Del|Ins)\b", re.IGNORECASE)
"""Word's tracked changes in pasted HTML (修订: ``<del>``, ``<ins>``, ``class=msoDel``) and text struck through."""


def _tracked_changes(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-pasted-markup`` at the first of Word's tracked changes: a document pasted before its changes were
    accepted carries the deleted words beside the new ones; once the tags were dropped they ran into the
    final wording as text (a review).  The page now shows them struck through; the text is still not the
    document's."""
    from .shown_text import COMMENT, code_spans
    skip = [*code_spans(body), *(m.span() for m in COMMENT.finditer(body))]
    m = next((m for m in _TRACKED.finditer(body) if not any(a <= m.start() < b for a, b in skip)), None)
    if m is not None:
        line = body_line + body.count("\n", 0, m.start())
        yield problem("body-pasted-markup", path, line, None,
                      f"第 {line} 行有 Word 的修订标记或删除线（{m.group().strip()}…）：删去的文字仍在正文中，"
                      "网页上显示为删除线，开放数据中也有它们。",
                      "在 Word 中“审阅 → 接受所有修订”后重新复制粘贴，或删去这些删除的文字和标记。")


# -- text pasted from Word that Markdown reads as markup ---------------------------------------------

_CJK = re.compile("[\u3400-\u9fff]")
_QUOTED_FIGURE = re.compile(r"^ {0,3}>(?:\d|[≤≥=<>＜＞])")
""">7座: a threshold, not a quotation (which writes a space after its >)."""
_BLANKS = re.compile(r"(?<![\\_])_{4,}")
_TIMES = re.compile("(?<=[\\u3400-\\u9fff])\\*(?=[\\u3400-\\u9fff])")
"""An asterisk between two characters of text (费率*里程): two of them make emphasis of what stands between."""


_UNDERLINES = re.compile(r"\n {0,3}(?:-+|=+)[ \t]*(?:\n|$)")
"""A line of dashes or equals signs anywhere in a body (one look before the line-by-line reading)."""
_UNDERLINE = re.compile(r"^ {0,3}(?:-+|=+)[ \t]*$")
"""A line of dashes (or of equals signs) that Markdown reads as the underline of a heading when text is right above it."""
_NOT_TEXT = re.compile(r"^ {0,3}(?:[-*+] |\d+[.)] |#|>|\||<|`{3}|~{3})|^\s*$|^ {0,3}(?:-+|=+|\*+|_+)[ \t]*$")
"""A line above that is no paragraph's (a list item, a heading, a quote, a table, HTML, a fence, a rule)."""
_CELLS = re.compile(r"^[^\t\n]*\S[^\t\n]*\t(?:[^\t\n]*\t)*[^\t\n]*\S")
"""A line of cells apart by tabs, text before the first (one starting with a tab is an indented line's)."""
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.．、)）]|[（(][一二三四五六七八九十百\d]{1,4}[）)]|[一二三四五六七八九十百]{1,4}、"
                          r"|第[一二三四五六七八九十百千\d]{1,7}[条章节]|[•·●○■□◆◇▪\-–*])\s*\t")
"""A list's number or bullet before a tab (Word writes 1.⇥…, （一）⇥…): a list item, not a row of cells (a review)."""
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
"""Word's Symbol and Wingdings characters (a list's bullet, U+F0B7) come as private-use ones: no web font has them."""
WORD_SYMBOLS = {"\uf0b7": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf06e": "■",
                "\uf075": "◆", "\uf076": "❖", "\uf0e0": "→", "\uf0a8": "◆", "\uf09f": "•"}
"""Word's bullets as the characters they show (the page writes them so: :func:`~build_tools.site_plan.record_body`)."""


def _private_use(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-pasted-markup`` for the first private-use character outside Word's known bullets (which the page
    shows as the bullet): a box on the page, and nothing a screen reader can read (a review)."""
    for i, line in enumerate(body.split("\n")):
        m = next((m for m in _PRIVATE_USE.finditer(line) if m.group() not in WORD_SYMBOLS), None)
        if m is not None:
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行有一个 Word 符号字体的字符（U+{ord(m.group()):04X}）：网页上没有字体能显示它，"
                          "会显示成一个方框，读屏软件也读不出。",
                          "列表请用“- ”开头的行；其他符号换成常用字符（如 •、→、✓）。")
            return


_CONTROL = re.compile("[" + CONTROLS + "]")
"""A control character as the metadata reads it (:func:`~build_tools.model.values.is_control`): C0 and C1 but tab
and line feed, and the line and paragraph separators."""
_LINE_BREAK_CONTROLS = "\x0b\x85\u2028\u2029"
"""Word's manual line break (Shift+Enter: U+000B in its text), NEL and the line and paragraph separators: a line
break where the editor saw one."""


def shown_controls(body: str) -> str:
    """``body`` with its control characters as the page shows them: a line break (:data:`_LINE_BREAK_CONTROLS`) as
    ``<br>``, any other (Word's page break U+000C, a bell, an escape) as nothing.  Chromium drew each as a box between
    two sentences, with a clean check (a review)."""
    if _CONTROL.search(body) is None:
        return body
    return _CONTROL.sub(lambda m: "<br>" if m.group() in _LINE_BREAK_CONTROLS else "", body)


def _control_characters(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-pasted-markup`` at the first line holding a control character, with the metadata's explanation
    (``unusual-character``): the page reads it (:func:`shown_controls`), the editor is told what was there."""
    for i, line in enumerate(body.split("\n")):
        m = _CONTROL.search(line)
        if m is None:
            continue
        n, ch = body_line + i, m.group()
        shown = "网页上按换行显示" if ch in _LINE_BREAK_CONTROLS else "网页上不显示它"
        yield problem("body-pasted-markup", path, n, None,
                      f"第 {n} 行第 {m.start() + 1} 个字符处有一个看不见的控制字符{char_name(ch)}（{shown}）。"
                      "这种字符通常来自从 Word 或网页复制的文字。",
                      "删去这个字符（把光标移到该位置按退格键）；要换行就按回车键另起一行，要分段就空一行。")
        return


_FOOTNOTE_REFERENCE = re.compile(r"(?<!<!)\[\^([^\]\n]+)\]")
"""A footnote's mark in the text (Python-Markdown's ``FOOTNOTE_RE``): a note's only when a definition has its label.
Not in ``<![^1]``, markup that stops the renderer (``body-unrenderable`` says it)."""
_FOOTNOTE_DEFINITION = re.compile(r"^(?: {0,3}>)* {0,3}\[\^([^\]\n]+)\]:", re.M)
"""A footnote's definition, as the footnotes extension reads one (``[^1]: 含中央车购税资金。``), in a quotation too
(``> [^2]: …``: said to have none, a review)."""
_FOOTNOTE_SLIP = re.compile(r"^(?: {0,3}>)* {0,3}\[\^([^\]\n]+)\](?:[ \t\u3000\u00a0]+[:：]|：)", re.M)
"""A definition meant, with a space before its colon or a full-width colon (``[^2] : …``, ``[^2]：…``): no definition,
but a line of the note above it."""


def _footnotes(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-footnote-broken`` at each footnote slip's line, outside code and comments: a definition written with a
    space before its colon (the page glued it into the note above), a mark without a definition (the page printed
    ``[^2]`` as text), a definition no mark uses (the page listed the note, its back link leading nowhere).  Check
    was clean on all three (a review)."""
    from .shown_text import COMMENT, code_spans
    skip = [*code_spans(body), *(m.span() for m in COMMENT.finditer(body))] if "`" in body or "<!--" in body \
        or "    " in body or "\t" in body else []

    def shown(m: re.Match) -> bool:
        return not any(a <= m.start() < b for a, b in skip)

    def line(at: int) -> int:
        return body_line + body.count("\n", 0, at)
    definitions = {m.group(1): m for m in _FOOTNOTE_DEFINITION.finditer(body) if shown(m)}
    slips = {m.group(1): m for m in _FOOTNOTE_SLIP.finditer(body) if shown(m) and m.group(1) not in definitions}
    starts = {m.start(1) - 2 for m in (*definitions.values(), *slips.values())}
    references = [m for m in _FOOTNOTE_REFERENCE.finditer(body) if shown(m) and m.start() not in starts]
    found = []
    for label, m in slips.items():
        n = line(m.start())
        found.append((n, f"第 {n} 行的脚注说明 [^{label}] 后面的冒号前有空格（或用了中文冒号），网页不把它当作脚注说明："
                         f"它被接在上一条脚注后面，正文中的 [^{label}] 照原样显示。",
                      f"把第 {n} 行的开头改成 [^{label}]: （方括号后紧接英文冒号，冒号后加一个空格）。"))
    for m in references:
        if m.group(1) not in definitions and m.group(1) not in slips:
            n = line(m.start())
            found.append((n, f"第 {n} 行的脚注标记 [^{m.group(1)}] 没有对应的脚注说明，网页上会照原样显示“[^{m.group(1)}]”。",
                          f"在正文末尾另起一行写 [^{m.group(1)}]: 脚注的文字；不要脚注的，删去这个标记。"))
    used = {m.group(1) for m in references}
    for label, m in definitions.items():
        if label not in used:
            n = line(m.start())
            found.append((n, f"第 {n} 行的脚注说明 [^{label}] 在正文中没有对应的标记：网页照样列出这条脚注，"
                             "它的返回链接却指向不存在的位置。",
                          f"在正文中要加脚注的地方写 [^{label}]；这条脚注不要了，就删去第 {n} 行。"))
    for n, message, hint in sorted(found):
        yield problem("body-footnote-broken", path, n, None, message, hint)


def _pasted_markup(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-pasted-markup`` (a warning), once for each kind, at its first line: a paragraph indented four
    spaces or a tab (a law pasted so was shown as one block of code, in monospace, no article reachable), a line
    starting with > before a figure (>7座且≤19座 lost its >), a run of underscores (a form's ________ blank shown
    as nothing, the text after it bold), an article's number opening a bold never closed (its asterisks shown, no
    address): what the page shows differs from what was pasted (a review)."""
    from .shown_text import COMMENT, code_spans
    code = code_spans(body)
    comments = [m.span() for m in COMMENT.finditer(body)] if "<!--" in body else []
    for a, b in code:
        if body.startswith(("    ", "\t"), a) and _CJK.search(body, a, b) and not body[a:b].strip().startswith("<!--") \
                and not any(c <= a < d for c, d in comments):  # an editor's comment: the page shows none of it
            i = body.count("\n", 0, a)
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行起的段落以 4 个空格（或制表符）开头：网页会把这些行显示成代码块"
                          "（等宽字体、不换行，其中的条款没有网址）。",
                          "删去这些行开头的空格或制表符；段落的首行缩进由网站排版，不必输入。")
            break
    outside = [(i, line) for i, line in enumerate(body.split("\n"))]
    at, told, open_bold = 0, set(), []
    if "\t" not in body:
        told.add("tabs")  # nothing to look for, line by line
    if not _UNDERLINES.search(body):
        told.add("setext")
    for i, line in outside:
        start, at = at, at + len(line) + 1
        if any(a <= start < b for a, b in code):
            continue
        above = outside[i - 1][1] if i else ""
        if "setext" not in told and _UNDERLINE.match(line) and above.strip() and not _NOT_TEXT.match(above) \
                and not any(a <= start - len(above) - 1 < b for a, b in code) and not _field_line(above):
            told.add("setext")
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行的“{line.strip()}”紧跟在上一行文字下面：网页会把上一行"
                          f"“{above.strip()[:20]}”显示成一个标题（落款下面的这一行还会使落款不再靠右）。",
                          "要一条分隔线，在它上面空一行；不需要就删去这一行。")
        if "tabs" not in told and _CELLS.search(line) and i + 1 < len(outside) and not _LIST_NUMBER.match(line) \
                and _CELLS.search(outside[i + 1][1]) and line.count("\t") == outside[i + 1][1].count("\t"):
            told.add("tabs")
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行起是用制表符分隔的表格（从 Excel 或 Word 复制的）：网页会把这些行连成"
                          "一段文字，看不出行和列。",
                          "改写成表格（第一行 | 序号 | 地区 | 得分 |，第二行 | --- | --- | --- |，以下每行一条），"
                          "或把表格作为附件（Excel、CSV）发布。")
        if "quote" not in told and _QUOTED_FIGURE.match(line) and not (i and outside[i - 1][1].lstrip().startswith(">")):
            told.add("quote")
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行以 > 开头：网页会把它显示成引用，行首的 > 不见了（“{line.strip()[:20]}”）。",
                          "在 > 前加一个反斜杠（\\>），或写成“大于”。")
        if "times" not in told and len(_TIMES.findall(line)) >= 2:
            told.add("times")
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行有两个以上夹在文字中间的星号（如“费率*里程*系数”）：网页会把星号之间的文字"
                          "显示成斜体，星号不见了。",
                          "乘号请写成“×”，或在星号前加反斜杠（\\*）。")
        if "blanks" not in told and _BLANKS.search(line) and line.strip(" _"):  # a line of them alone is a rule
            told.add("blanks")
            yield problem("body-pasted-markup", path, body_line + i, None,
                          f"第 {body_line + i} 行有一串下划线（填空用的 ____）：网页会把它当作加粗标记，下划线不见了。",
                          "在每个下划线前加反斜杠（\\_\\_\\_\\_），或改用全角的下划线“＿＿＿＿”。")
        if ("**第" in line or "__第" in line) and not any(c <= start < d for c, d in comments) \
                and (bold := unclosed_bold(line, _paragraph_below(outside, i))):
            open_bold.append((body_line + i, *bold))
    if open_bold:
        yield _open_bold(path, open_bold)


def _paragraph_below(lines: list[tuple[int, str]], i: int) -> str:
    """The lines after line ``i`` up to the blank line ending its paragraph."""
    below = []
    for _, line in lines[i + 1:]:
        if not line.strip():
            break
        below.append(line)
    return "\n".join(below)


def _open_bold(path: str, found: list[tuple[int, str, str]]) -> Problem:
    """``body-pasted-markup`` at the first article whose number opens a bold never closed (``**第一条 为了…``): the
    page shows the asterisks and gives the article no address, so a link to it opens the page's top (a review found
    such a law with a clean check).  Once for the body, with the count."""
    n, mark, label = found[0]
    more = f"（共 {len(found)} 处，这是第一处）" if len(found) > 1 else ""
    return problem("body-pasted-markup", path, n, None,
                   f"第 {n} 行开头的加粗“{mark}{label}”没有结束的 {mark}{more}：网页会照原样显示“{mark}”，"
                   f"这一条也没有网址（#{label}），指向它的链接只会打开页面顶部。",
                   f"把行首写成“**{label}**　”再接正文（“条”字后面紧跟两个星号，再空一格）；不需要加粗，就删去行首的“{mark}”。")


# -- a heading of the first level -------------------------------------------------------------

_H1 = re.compile(r"^ {0,3}#(?!#)[ \t]*\S")
"""``# 标题``, and ``#1泊位``: Python-Markdown needs no space after the ``#`` (a review found a second ``<h1>``)."""
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_HTML_H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _may_hold_h1(body: str) -> bool:
    """Whether a line of ``body`` starts with ``#`` and a space (up to three spaces before it): one scan
    for ``#`` in C, then a look at each (a law has a few dozen, in its ``##`` lines), not a regex per line."""
    at = body.find("#")
    while at >= 0:
        start = body.rfind("\n", 0, at) + 1
        if at - start <= 3 and not body[start:at].strip(" ") and body[at + 1:at + 2] not in ("#", "\n", ""):
            return True
        at = body.find("#", at + 1)
    return "\n=" in body or "\n =" in body or "<h1" in body or "<H1" in body


def _first_level_headings(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``# 标题`` lines (``#1泊位`` too: Python-Markdown needs no space), a title underlined with ``===`` and a pasted
    ``<h1>``, outside code fences, HTML comments and ``<pre>``: the page's one ``<h1>`` is the record's title (found
    by reviews: a law pasted with its title as ``#`` gave two, and the 目录 held every chapter under it)."""
    fence = None
    closing = None  # "-->" inside an HTML comment, "</pre" inside <pre>
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if closing is not None:
            if closing in line.lower():
                closing = None
            continue
        m = _FENCE.match(line)
        if m is not None:
            fence = None if fence is not None and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence is not None:
            continue
        closing = _left_open(line)
        above = lines[i - 1] if i else ""
        setext = bool(_SETEXT_H1.match(line) and above.strip() and not above.startswith(("    ", "\t"))
                      and not _H1.match(above))
        if _H1.match(line) or setext or ("<" in line and _HTML_H1.search(line)):
            shown = (above if setext else line).strip()[:40]
            at = i - 1 if setext else i
            yield problem("body-heading-level-1", path, body_line + at, None,
                          f"第 {body_line + at} 行「{shown}」是一级标题：网页的一级标题已经是记录的标题，页面会有两个一级标题。",
                          "如果这一行就是文件标题，删去它（下面一行的 === 也删去）；否则改为二级标题：行首写 ##"
                          "（章用 ##，节用 ###），或把 <h1> 改为 <h2>。")


def _left_open(line: str) -> str | None:
    """What ends the comment or ``<pre>`` this line opens and does not close, else None."""
    lower = line.lower()
    comment, pre = lower.rfind("<!--"), lower.rfind("<pre")
    if comment >= 0 and "-->" not in lower[comment + 4:] and comment > pre:
        return "-->"
    if pre >= 0 and lower[pre + 4:pre + 5] in (">", " ", "\t", "") and "</pre" not in lower[pre:]:
        return "</pre"
    return None


# -- a line that would put another file's text on the page ------------------------------------

_INCLUSION = re.compile(r"^[ \t]*-+8<-+(?:[ \t]+[\"']|[ \t]*$)")
"""pymdownx.snippets' directive (``--8<-- "file.md"``, or a block between two ``--8<--`` lines), not
escaped with ``;``: it reads every line, in code blocks too."""


_INCLUDE_START = re.compile(r"\{!\s*")
_INCLUDE_END = re.compile(r"!(?:lines=[0-9 -]+)?\}")
r"""markdown-include's and mdx_include's directive (``{!../名单.md!}``, ``{! file | utf-8 !}``,
``{!files/名单{1}.md!}``): ``{!``, then anything, then ``!}``, in one line (markdown-include's own
pattern, ``{!\s*(.+?)\s*!((\blines\b)=([0-9 -]+))?\}``), with a backslash before it too (markdown-include
reads no escape).  Read as the last end of the line and each start, so that a line of many ``{!`` is
read once, not once for each (:func:`_include_directive`)."""
_TEMPLATE_INCLUDE = re.compile(r"\{%[-+]?\s*(?:include|import|from|extends)\b")
"""A template tag that reads another file, as the MkDocs plugins include-markdown and mkdocs-macros read
a page (``{% include-markdown "…" %}``, ``{% include "…" %}``, ``{% import … %}``), over lines too."""


def _include_directive(line: str) -> int | None:
    """Where ``{!…!}`` begins in ``line``, or None."""
    last = None
    for end in _INCLUDE_END.finditer(line):
        last = end.start()
    start = _INCLUDE_START.search(line) if last is not None else None
    return start.start() if start is not None and start.end() < last else None  # a character at least, then the end


def _file_inclusions(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """A directive of an extension or plugin that includes files, in a record's body: with it on, the
    page would show a file of the repository (an excluded docs page, a list of names) that no check of
    the record has read."""
    lines = body.split("\n")
    found: dict[int, tuple[str, str]] = {}  # line → what it holds, and what reads it
    for i, line in enumerate(lines):
        if _INCLUSION.match(line):
            found[i] = (line.strip()[:60], "pymdownx.snippets")
        elif "{!" in line:
            at = _include_directive(line)
            if at is not None:
                found[i] = (line[at:at + 60], "markdown-include、mdx_include")
    if "{%" in body:
        i, at = 0, 0
        for tag in _TEMPLATE_INCLUDE.finditer(body):
            i, at = i + body.count("\n", at, tag.start()), tag.start()
            found.setdefault(i, (body[at:at + 60].split("\n")[0], "插件 include-markdown、mkdocs-macros"))
    for i in sorted(found):
        shown, which = found[i]
        yield problem("body-includes-file", path, body_line + i, None,
                      f"第 {body_line + i} 行“{shown}”是插入其他文件的写法（{which}）："
                      "网站启用它时，那个文件的内容会出现在公开页面上，却没有经过个人信息和不公开内容的检查；"
                      "没有启用时，这些文字会原样显示。",
                      "删去这些文字，把要公开的内容直接写进正文。")


# -- a metadata block closed too early --------------------------------------------------


def _field_line(line: str) -> bool:
    """Whether ``line`` is a front-matter field's (``disclosure: 不予公开``): a stray fence's, said as such."""
    m = _KEY_LINE.match(line.strip())
    return bool(m and _known_key(m["key"]))


def _known_key(text: str) -> str | None:
    """The canonical field key for a name as written (full-width or invisible characters allowed)."""
    f = FIELDS_BY_NAME.get(text) or FIELDS_BY_NAME.get(clean_code(text).text.strip())
    return f.key if f else None


def _front_matter_in_body(body: str, body_line: int, path: str) -> Iterator[Problem]:
    anywhere = any(word in body for word in _DISCLOSURE_WORDS)  # substring tests: far faster than a regex
    lines = body.split("\n") if anywhere else body[:2000].split("\n")
    reported: set[int] = set()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    # The leading block: key lines (with their list items and indented
    # continuation lines) right after the closing ---.
    while i < len(lines):
        line = lines[i]
        m = _KEY_LINE.match(line)
        if m and (key := _known_key(m["key"])) and (m["colon"] == ":" or key == "disclosure"):
            n = body_line + i
            reported.add(i)
            yield _misplaced(path, n, key, m["key"])
        elif not (m or _CONTINUATION.match(line) or line.strip() in ("---", "...")):
            break
        i += 1
    # A disclosure line anywhere in the body decides whether the record may be
    # public: never leave it to be read as text.
    if not anywhere:
        return  # the common case: one search instead of a match per line
    for i, line in enumerate(lines):
        if i in reported:
            continue
        key = disclosure_line(line)
        if key is not None:
            yield _disclosure_in_body(path, body_line + i, line)


def disclosure_line(line: str) -> str | None:
    """The key as written when ``line`` of a body is the disclosure field's own line with a value the
    field reads (``公开方式：不予公开``, ``**disclosure**: 主动公开``, ``公开方式：依申请公开（涉密）``), else None.

    Such a line is :func:`check_body`'s (``front-matter-in-body``); a value the field does not read
    (``公开方式：非公开``, ``公开方式：内部资料``) is the validator's 附注 check's."""
    m = _KEY_LINE.match(line.strip().replace("**", ""))  # also in bold: **公开方式**：不予公开
    if m and m["value"] is not None and _known_key(m["key"]) == "disclosure" \
            and (Disclosure.lookup(clean_code(m["value"]).text) is not None or _withholding_head(m["value"])):
        return m["key"]
    return None


# -- a field indented into the value above it -----------------------------------------------


def check_wrapped_value(key: str, wrapped: tuple[int, str], path: str) -> Iterator[Problem]:
    """Field lines YAML read as part of field ``key``'s value written over several lines
    (:attr:`.source.Scalar.wrapped`: its first line and its lines without their indentation).

    An editor who adds ``disclosure: 不予公开`` under a ``摘要: |`` block keeps the
    indentation the editor gave the line before; YAML then reads the line as
    text of the summary, and the record would be published as 主动公开.  A
    disclosure line there whose value is 依申请公开 or 不予公开 (in any of its
    spellings) is an error, so the record stays off the site until it is
    moved; another known field with an ASCII colon, or a disclosure line
    with another value, is a warning: a summary may quote a form (``文号:
    …``) or say ``公开方式：主动公开和依申请公开，…`` in a sentence.
    """
    first, text = wrapped
    if ":" not in text and "：" not in text:
        return
    f = FIELDS_BY_NAME[key]
    for i, line in enumerate(text.split("\n")):
        m = _KEY_LINE.match(_ITEM_MARK.sub("", line))  # also written as a list item: - disclosure: …
        if not m or m["value"] is None:
            continue
        found = _known_key(m["key"].strip("\"'"))  # also a quoted key: "disclosure": …
        value = clean_code(m["value"]).text.strip().strip("\"'").strip()  # a quoted value's last line ends in its quote
        if found == "disclosure" and _withholds(value):
            yield problem(
                "disclosure-inside-value", path, first + i, "disclosure",
                f"第 {first + i} 行的「{line.strip()}」缩进在{f.display}下面，YAML 把它读成了{f.display}的一部分，"
                "公开方式没有生效：记录会被当作主动公开发布。",
                f"把这一行（和下面属于它的行）移到行首，不留空格，使它成为单独的字段；{f.display}的其余各行保持缩进。")
        elif found is not None and found != key and (m["colon"] == ":" or found == "disclosure"):
            g = FIELDS_BY_NAME[found]
            yield problem(
                "field-inside-value", path, first + i, found,
                f"第 {first + i} 行的「{line.strip()}」缩进在{f.display}下面，YAML 把它读成了{f.display}的一部分，"
                f"字段{g.display}没有生效。",
                f"如果这是字段{g.display}，把这一行移到行首，不留空格；如果这是{f.display}的文字，把冒号改成中文冒号“：”。")


_WITHHOLDING = ("不予", "不公开", "依申请", "免予", "非公开", "内部", "withheld", "on_request", "on request")


def _withholds(value: str) -> bool:
    """Whether a disclosure line's value (as written inside another value) withholds the record:
    依申请公开 or 不予公开 in any spelling, with a full stop, a bracketed note or a YAML comment after it
    (``不予公开  # 涉及国家秘密``), or any wording of withholding that does not also say 主动公开 (a
    sentence such as 公开方式：主动公开和依申请公开 does, and is only a warning)."""
    if _withholding_head(value):
        return True
    lowered = value.lower()
    return "主动公开" not in value and "proactive" not in lowered and any(w in lowered for w in _WITHHOLDING)


def _withholding_head(value: str) -> bool:
    """Whether ``value`` starts with 依申请公开 or 不予公开 (any spelling) and ends there or goes on after
    a full stop, a bracket, a space or a comment (``不予公开（涉密）``, ``依申请公开 # 涉及个人隐私``): the
    words of a disclosure line, not of a sentence (``依申请公开的政府信息，…``, ``依申请公开，公民…``,
    ``依申请公开、主动公开两种``); quotes around the value are read past (``“依申请公开”（涉密）``)."""
    value = clean_code(value).text.strip().strip(_QUOTES)
    if "主动公开" in value or "proactive" in value.lower():  # 依申请公开、主动公开两种: a sentence
        return False
    head = _HEAD_END.split(value, maxsplit=1)[0].strip(_QUOTES)
    return Disclosure.lookup(head) in (Disclosure.ON_REQUEST, Disclosure.WITHHELD)


_COMMENT_HEAD_END = re.compile(r"[\s#。.，,；;（(]")
"""Where a commented-out disclosure line's value ends: a reason or a note may follow it."""
_WITHHOLDING_WORDS = ("依申请公开", "不予公开", "不公开", "不宜公开", "暂不公开", "不对外公开", "信息公开条例",
                      "on_request", "withheld", "not public")
_NOTE_WORDS = ("主动公开", "已改为", "已转为", "改为公开", "转为公开", "现已公开", "已公开", "原公开方式", "原值",
               "历史值", "示例", "勿取消注释", "须写", "时必须", "now public", "proactive", "was this")
"""Phrases that make what follows a commented-out value a note on its history or an instruction (已改为公开,
原公开方式, 历史值, 填写示例，勿取消注释, 依申请公开 或 不予公开 时须写理由), once the withholding words are
taken out of it; a reason (涉及个人隐私, 原因：…, 《政府信息公开条例》第十五条, 涉密) keeps the line a field left
commented out."""
_HEAD_END = re.compile(r"[\s#。.（(]")
"""Where a disclosure line's value ends and a note begins; a comma goes on with a sentence (依申请公开，公民…)."""
_QUOTES = "\"'“”‘’「」『』"


def check_commented_disclosure(comments: Iterable[tuple[int, str]], path: str) -> Iterator[Problem]:
    """A disclosure line that withholds the record, left a YAML comment (``# disclosure: 依申请公开``) in a
    front matter without a disclosure line of its own.

    ``catalogue new`` writes the optional fields as comments, ``# disclosure: 主动公开  （公开方式）``
    among them; an editor who changes the value and not the ``#`` meant to withhold the record, which
    would be published as 主动公开.  ``comments``: the front matter's comment lines, each with its line
    number and its text after the ``#``.
    """
    label_at = None
    for line, text in comments:
        # also ## or #! before it, a list's mark, or the dashes of catalogue new's label line filled in
        # (# —— 公开方式：依申请公开: a review found it published)
        bare = _LABEL_MARK.sub("", _ITEM_MARK.sub("", text.lstrip("#! \t")))
        # the label filled in without a colon (# —— 公开方式 依申请公开, （依申请公开）: a review)
        m = _KEY_LINE.match(bare)
        if not m or m["value"] is None:
            m = _KEY_LINE.match(_LABEL_VALUE.sub(r"\1: \2", bare, count=1))
        # the value alone on the comment line under the label (# —— 公开方式 / # 依申请公开: a review)
        if (not m or m["value"] is None) and label_at == line - 1:
            m = _KEY_LINE.match("公开方式: " + bare)
        label_at = line if _BARE_LABEL.match(bare) else None
        if not m or m["value"] is None or _known_key(m["key"].strip("\"'")) != "disclosure":
            continue
        # The value, then anything (catalogue new's label in brackets, a reason, a comment); but a comment
        # naming another way of disclosure (依申请公开 或 不予公开 时须写理由; 已转为主动公开) is a note.
        value = clean_code(m["value"]).text.strip().strip(_QUOTES)
        head = _COMMENT_HEAD_END.split(value, maxsplit=1)[0].strip(_QUOTES)
        rest = value[len(head):].replace("(公开方式)", "")  # catalogue new's label (NFKC: ASCII brackets)
        for word in _WITHHOLDING_WORDS:
            rest = rest.replace(word, "")
        if Disclosure.lookup(head) in (Disclosure.ON_REQUEST, Disclosure.WITHHELD) \
                and not any(word in rest.lower() for word in _NOTE_WORDS):
            yield problem(
                "disclosure-commented-out", path, line, "disclosure",
                f"第 {line} 行的「#{text}」以 # 开头，是注释，不起作用：记录没有写公开方式，会被当作主动公开发布。",
                "删去行首的 # 和它后面的空格，使这一行成为字段（行尾括号里的说明也可删去）；"
                "如果记录要主动公开，删去这一行。")


def _misplaced(path: str, line: int, key: str, written: str) -> Problem:
    f = FIELDS_BY_NAME[key]
    extra = ("记录会被当作主动公开发布，这一行却作为正文显示在网页上。" if key == "disclosure"
             else "这一行不会被当作元数据，而会作为正文显示在网页上。")
    return problem(
        "front-matter-in-body", path, line, key,
        f"第 {line} 行的「{written.strip()}」是字段{f.display}，却写在正文里：元数据块被上面一行单独的 --- 提前结束了。{extra}",
        "删去元数据中间多出来的那一行 ---，让这些字段留在开头的两行 --- 之间；如果这些文字确实是正文，"
        "把冒号改成中文冒号“：”或在行首加上文字说明。")


def _disclosure_in_body(path: str, line: int, written: str) -> Problem:
    """A disclosure line in the body, away from the metadata: the record's own, or an item's in a list (a
    依申请公开目录's entry), which no rule can tell apart; the words say both ways out (the message had spoken
    of a stray --- and of a Chinese colon the line already had: found by a review)."""
    return problem(
        "front-matter-in-body", path, line, "disclosure",
        f"第 {line} 行「{written.strip()}」写的是公开方式，却在正文里，不起作用：记录会被当作主动公开发布。",
        "如果这是这份记录的公开方式，把这一行移到开头两行 --- 之间的元数据中（写作 disclosure: 依申请公开 等）；"
        "如果它说的是正文中列出的其他信息（例如依申请公开目录的条目），在行首加上说明文字，例如“本项公开方式：依申请公开”。")


# -- raw HTML ------------------------------------------------------------------------------


def _html_problems(body: str, body_line: int, path: str) -> list[Problem]:
    md = markdown.Markdown()
    lines = md.preprocessors["normalize_whitespace"].run(body.split("\n"))
    text = "\n".join(lines)

    # 1. The parser MkDocs runs over every page's Markdown (to find anchors).
    parser = htmlparser.HTMLParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser raises AssertionError on <![^1] and friends
        return [_unrenderable(path, body_line + parser.getpos()[0] - 1, text, parser.getpos(), exc)]

    # 2. Python-Markdown's raw-HTML block extractor: a block that is never
    # closed takes the rest of the body.
    extractor = _Extractor(md)
    try:
        extractor.feed(text)
        extractor.close()
    except Exception as exc:
        return [_unrenderable(path, body_line + extractor.getpos()[0] - 1, text, extractor.getpos(), exc)]
    problems = []
    if extractor.open_at is not None:
        line, tag = extractor.open_at
        n = body_line + line - 1
        problems.append(_unclosed(path, n, f"<{tag}>", f"</{tag}>"))
    # 3. Raw-text elements (<style>, <script> …) anywhere: the sanitiser's HTML
    # parser reads everything up to their end tag as their content and drops it.
    plain = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    for m in _RAW_TEXT_OPEN.finditer(plain):
        tag = m.group(1).lower()
        if not re.search(rf"</{tag}\s*>", plain[m.end():], re.IGNORECASE):
            n = body_line + plain.count("\n", 0, m.start())
            if extractor.open_at is None or n != body_line + extractor.open_at[0] - 1:
                problems.append(_unclosed(path, n, m.group(0)[:40], f"</{tag}>"))
            break
    return problems


class _Extractor(HTMLExtractor):
    """Python-Markdown's extractor, noting where a raw block began and whether it ended."""

    def reset(self):
        super().reset()
        self.open_at: tuple[int, str] | None = None
        self._began: tuple[int, str] | None = None

    def handle_starttag(self, tag, attrs):
        was = self.inraw
        super().handle_starttag(tag, attrs)
        if self.inraw and not was:
            self._began = (self.getpos()[0], tag)

    def close(self):
        if self.inraw and self._began is not None:
            self.open_at = self._began
        super().close()


def _unclosed(path: str, line: int, opened: str, closer: str) -> Problem:
    return problem(
        "unclosed-html", path, line, None,
        f"第 {line} 行的 HTML 标记 {opened} 没有结束：从这里到正文末尾都会被当作 HTML，网页上的正文会变成空白或失去格式。"
        "这通常是从 Word 或网页复制正文时带进来的。",
        f"删去这个标记（从 Word 复制时可先“粘贴为纯文本”），或在它所包含的内容之后加上 {closer}。")


def _unrenderable(path: str, line: int, text: str, pos: tuple[int, int], exc: Exception) -> Problem:
    row = text.split("\n")[pos[0] - 1] if 0 < pos[0] <= text.count("\n") + 1 else ""
    start = row.rfind("<", 0, pos[1] + 1)
    snippet = row[max(start, 0):max(start, 0) + 12]
    return problem(
        "body-unrenderable", path, line, None,
        f"第 {line} 行的“{snippet}”会让网页生成中断：它以 < 开头，却不是完整的 HTML 标记。",
        "如果这里是正文文字，在 < 前加一个反斜杠写成 \\<，或改用全角“＜”；如果是从网页复制来的代码，删去它。")


# -- text the pasted markup hides ---------------------------------------------------------------


def hidden_text(body: str, body_line: int, path: str) -> Iterator[Problem]:
    """``body-hidden-text`` (a warning) for the first element of pasted HTML whose words the source hides (Word's
    hidden text and comments, a CMS's ``display:none`` block of 经办人): the site leaves it out as the browser did
    (:func:`.hidden_html.without_hidden`), and tells the editor, who may have meant it shown."""
    for h in told(body):
        line = body_line + body.count("\n", 0, h.start)
        if h.unclosed:  # where it ends is not sure: its words are printed, and the message must not say otherwise
            yield problem("body-hidden-text", path, line, "body",
                          f"第 {line} 行的 <{h.tag}> 要隐藏其中的文字（{h.how}），却没有结束标签 </{h.tag}>：看不出隐藏到哪里为止，"
                          f"网站照常显示后面的文字「{shown(h)}」（在 Word 或原网站上可能看不到，多是内部意见、经办人）。",
                          "不要公开的，删去这段文字和这个标签；要公开的，删去这个标签。")
            return
        yield problem("body-hidden-text", path, line, "body",
                      f"第 {line} 行的 <{h.tag}> 把其中的文字隐藏了（{h.how}）：「{shown(h)}」在 Word 或原网站上看不到"
                      "（多是内部意见、批注、经办人），网站也不显示它，开放数据和搜索中也没有它。",
                      "确是要公开的内容，删去隐藏它的标签（或其中的 style、hidden、class）；不是的，删去这段文字。")
        return
