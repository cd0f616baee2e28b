"""The importer's net for pages that say, anywhere, that they are not public.

A page the old system marked 依申请公开, 不予公开 or 内部 must never become a
record the next build publishes.  The labels the importer maps (公开方式 …,
:mod:`.labels`) are read where they stand; pages also say it where no label
is read (found by a review, each a leak): a label the table does not know
(是否公开, 密级), a text copied with each value on the line below its
label, an HTML comment, a ``<meta>`` tag, two ``<span>`` side by side, a
sidebar outside the article.

So the whole page as saved is read once more, flattened: tags become cell
breaks (``|``, the values of attributes that hold text kept: a ``<meta>``'s
name and content), comments are text, entities decoded, NFKC.  It is not public
where:

a word about openness (公开方式, 公开范围, 是否公开, 密级 …) is followed,
with only breaks, spaces and colons between, by a value that is not
主动公开 (依申请, 不予公开, 不公开, 内部, 涉密, 否 …).  That makes the
record's 公开方式 the placeholder, an error, unless the labels already gave
依申请公开 or 不予公开: the editor decides, and until then the record is
not published.  (A lone label cell and a lone value cell anywhere on the
page had counted too: a portal's menu link 依申请公开 then withheld nearly
every page, a review found; a table laid out in columns is read as one,
:func:`.markup._column_values`.)  A page that says nothing of its openness
gets the placeholder anyway, unless the office states that its pages were
public (``--disclosure``).  A page that only explains openness in
its text (a guide to 依申请公开) is caught too; the message says where, and
the editor writes ``disclosure: 主动公开``.
"""

from __future__ import annotations

import html
import re
import unicodedata

_LABEL = (r"(?:信息)?公开(?:方式|范围|属性(?:分类)?|形式|类型|选项|级别|状态|类别)"
          r"|是否(?:主动)?公开|密[ \u3000]*级|保密(?:级别|等级)")
_VALUE = r"依申请|不予(?:主动)?公开|不公开|非公开|免[予于]公开|不宜公开|暂缓公开|内部|涉密|秘密|机密|绝密"
_NO = r"|否(?![\u4e00-\u9fff])"
"""否 only right after the word (是否公开：否): a cell of 否 is any yes-or-no table's."""
_BREAK = r"[\s|:：∶︰﹕=\"'“”‘’\[\]【】]"
_SAID = re.compile(rf"({_LABEL}){_BREAK}{{0,40}}?({_VALUE}{_NO})")
_COMMENT = re.compile(r"<!--|-->")
_TAG = re.compile(r"<[^<>]*>", re.DOTALL)
_QUOTED = re.compile(r"\b(?:name|content|value|title|alt|label|placeholder|data-[\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
                     re.IGNORECASE)
"""Attributes whose values a page shows or names data by (a ``<meta>``'s name and content, a field's
value, a tooltip): not class, id, style or addresses, which would stand between a label and its value."""


def flat(text: str, is_html: bool) -> str:
    """The page as text with its structure as breaks: each tag a ``|`` holding its quoted attribute
    values, comments as text, entities decoded, NFKC; the page's line breaks kept (lines count alike)."""
    if is_html:
        text = _TAG.sub(_cell, _COMMENT.sub("|", text))
        text = html.unescape(text)
    return unicodedata.normalize("NFKC", text.replace("\u2236", ":").replace("\ufe30", ":"))


def _cell(m: re.Match) -> str:
    tag = m.group(0)
    values = [a or b for a, b in _QUOTED.findall(tag)]
    return "|" + "|".join(v.replace("\n", " ") for v in values) + "|" + "\n" * tag.count("\n")


def not_public(text: str, is_html: bool) -> tuple[str, int] | None:
    """(what the page says, its line) where the page says it is not public, else None."""
    page = flat(text, is_html)
    m = _SAID.search(page)
    if m is not None:
        return f"{m.group(1)}…{m.group(2)}", page.count("\n", 0, m.start()) + 1
    return None
