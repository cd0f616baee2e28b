"""Personal information that must not reach the public site.

Resident ID numbers (GB 11643, check digit verified, so ordinary 18-digit
serials rarely match) and mainland mobile numbers in a public record's body
or metadata, in whatever decimal digits they are written, whatever
invisible characters split them (text pasted from Word or a CMS page holds
full-width digits and zero-width spaces: the same number to a reader),
read as the page shows it (HTML tags and comments out, entities read,
Markdown's escapes and emphasis markers between digits out; a number in
a tag's attribute, such as a ``tel:`` link, is found too), and in every
attachment the public can download: CSV and TXT files by their lines, PDFs
by their pages and every other text they carry (properties, forms, comments,
bookmarks, embedded files, earlier revisions), Office, OFD and ZIP files by every text they carry
(:mod:`build_tools.office_text`); written in groups (139 1234 5678 with
any spaces, dashes or a line break between them, 139.1234.5678, +86
139-1234-5678, (+86)…, ＋86…, the first group bracketed, (139) 1234 5678,
wrapped inside a list item or a quotation; an ID 6-8-4 or 6-4-4-4 by
spaces).  A grouped number followed
by 元 (万元, 美元 …), a percent sign or a decimal part is an amount.
Numbers meant to be public (a service hotline) go in the configuration's
``privacy_allowlist``.  Messages mask the number, so the CI log does not
repeat what it warns about.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..attachments import MAX_TEXT_BYTES, content_type, inspect, text_bytes
from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..hidden_html import without_hidden
from ..model.fields import FIELDS
from ..model.record import Record
from ..model.values import INVISIBLE_NAMES
from ..machinery.cache import ContentCache, environment_digest, fingerprint
from ..office_text import NO_TEXT, NotReadable, passages as office_passages
from ..office_text.pictures import PICTURES, picture_metadata
from ..search.text import PDF_TEXT_NAMESPACE, decode_text, pdf_hidden_texts, pdf_pages


_SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""Every space character (Unicode's Zs: Word writes thin, figure and no-break spaces) and the tab."""
_DASHES = "\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
"""Hyphens, dashes and minus signs: ASCII, Unicode's, full-width."""
_DOTS = ".\uff0e\u00b7\u30fb"
"""Full stops and middle dots (139.1234.5678, 139·1234·5678): a gap only where both gaps use the same one."""
_GAP = rf"(?:[{_SPACES}{_DASHES}]{{1,3}}|[{_SPACES}]{{0,2}}\n(?:[{_SPACES}]{{0,3}}>)*[{_SPACES}]{{0,4}})"
"""Between groups of a number as a reader sees it: one to three spaces or dashes (139 - 1234), or a line
break (a number wrapped in the Markdown source shows on one line), after a hard break's two spaces and
before a list item's indentation or a quotation's ``>``."""
_ID_GAP = rf"(?:[{_SPACES}]{{1,2}}|[{_SPACES}]{{0,2}}\n(?:[{_SPACES}]{{0,3}}>)*[{_SPACES}]{{0,4}})"
"""Between an ID's groups: spaces, or a line break (an ID wrapped in the Markdown source shows on one line)."""
_ID_DASH = rf"(?:[{_SPACES}]{{0,2}}[{_DASHES}~～]{{1,2}}(?:[{_SPACES}]{{0,2}}|[{_SPACES}]{{0,2}}\n[{_SPACES}]{{0,4}}))"
"""Between the groups of an ID written with hyphens: one or two dashes or tildes, spaces around them, a line
break after them (a hyphen ending a line in the Markdown source)."""
_ID = re.compile(rf"(?<![0-9])"
                 rf"(?:(\d{{6}})(?:{_ID_GAP}?(\d{{8}})|{_ID_GAP}(\d{{4}}){_ID_GAP}(\d{{4}}))"
                 rf"{_ID_GAP}?(\d{{3}}[\dXx])|(\d{{6}}){_ID_DASH}(?:(\d{{8}})|(\d{{4}}){_ID_DASH}(\d{{4}})){_ID_DASH}"
                 rf"(\d{{3}}[\dXx]))(?![0-9])")
"""18 characters, or grouped 6-8-4 or 6-4-4-4 by spaces, or 6-8-4 by hyphens (110101-19900307-1233: the
area, the birth date, the rest), after no digit.  Found by a review as leaks: the hyphens, a line break, ``ID``
before it, and letters around it (``zhangsan110101…``, ``sfz110101…``: a scan named by a pinyin name, a
spreadsheet's prefix), where only a valid check digit counts (:func:`_found`).  A 受理编号 is written with the same hyphens (area, date,
sequence; one in eleven has a valid check digit), so hyphens count only after words naming an ID
(:data:`_ID_LABEL`)."""
_LETTER = re.compile("[A-Za-z]")
"""A Latin letter: one glued to an ID's digits counts only with a valid check digit (an 18-digit serial may be
anything)."""
_OLD_ID = re.compile(rf"(?<![0-9A-Za-z])(\d{{6}})(?:{_ID_GAP}|{_ID_DASH})?(\d{{6}})(?:{_ID_GAP}|{_ID_DASH})?(\d{{3}})"
                     r"(?![0-9A-Za-z])")
"""A first-generation ID (15 digits: area, birth date as YYMMDD, sequence; issued until 1999 and valid until
2013), in one run or grouped 6-6-3 by spaces or hyphens: twenty years of records hold them (found by a
review).  It has no check digit, so it counts only after words naming an ID (:data:`_ID_LABEL`) or in a
table's ID column (:func:`_in_id_column`), and not as an amount (…元)."""
_ID_WORDS = r"(?:身份证(?!明)|身份證(?!明)|证件号|證件號|公民身份|身份号码)"
"""Words naming an ID number; not 身份证明 (a proof of identity: 身份证明书编号 is its serial)."""
_ID_LABEL = re.compile(f"(?:{_ID_WORDS}|ＩＤ|(?<![A-Za-z])[Ii][Dd](?![A-Za-z]))"
                       r"(?:[^\n；;。]{0,16}|[^\n。；;]{0,8}\n[ \t>]*)\Z")
"""Words before a number on its line naming it an ID (身份证号：, 证件号码（18位）：, ID:), or ending the line
above it (a form's label and its value on two lines, as a Word table pasted as text gives them), read with
the text's own full-width letters as ASCII; not 证件编号 (a licence's serial), nor a sentence ending above
(请携带身份证。), nor one clause on (身份证号：略；营业执照注册号：…)."""
_ID_CELL = re.compile(_ID_WORDS)
"""A table's column heading naming IDs (| 身份证号 |, <th>公民身份号码</th>, a CSV's 身份证号码)."""
_CELL_SEPARATORS = ("|", "\x00", "\t", ",")
"""What separates a row's cells in a text as shown: a Markdown table's pipes, an HTML table's tags (taken out
as :data:`_APART`, \\x00) or an attachment's tabs, a body's tabs (a sheet pasted), a CSV's commas."""
_TABLE_ROWS = 400
"""How far up a number's row its table's heading row is looked for."""


_MOBILE = re.compile(rf"(?=[\d(（+＋])(?:(?:(?:[(（][{_SPACES}]{{0,2}})?[+＋]|(?<!\d)00)86"
                     rf"(?:[{_SPACES}]{{0,2}}[)）])?{_GAP}?|(?<!\d)86(?=1[3-9]\d{{9}}(?!\d))"
                     rf"|(?<!\d)0(?=1[3-9]\d{{9}}(?!\d))|(?<!\d))"
                     rf"(?:(1[3-9]\d)(?:{_GAP}?(\d{{4}}){_GAP}?|([{_DOTS}])(\d{{4}})\3)"
                     rf"|[(（][{_SPACES}]{{0,2}}(1[3-9]\d)[{_SPACES}]{{0,2}}[)）]{_GAP}?(\d{{4}}){_GAP}?)(\d{{4}})(?!\d)")
"""11 digits, or grouped 3-4-4 (139 1234 5678, 139.1234.5678, the first group bracketed like an area
code: (139) 1234 5678, ( 139 ) 1234 5678), after a country code (+86, ＋86, (+86), ( +86 ), 0086, or 86
right before the 11 digits, 8613912345678), the long-distance 0 older records write (013912345678: a review), or
no digit; not followed by a digit.  Other groupings (1391 2345 678) are not read: taking any two or
three groups of three or more digits for a number found one in eight rows of random figures pasted from
a spreadsheet (eight a row), against one in a hundred for these forms.  (The look-ahead first: the
engine then tries the alternatives only where a match can start, three times faster over a text.)"""
_UNIT = rf"[{_SPACES}]*(?:[千百万亿]?[美港欧日]?元(?![旦宵月])|[%％‰])"
_AMOUNT = re.compile(_UNIT + r"|\.\d")
"""What makes a grouped number an amount when it follows it (135 2345 6789 元, 135 2345 6789 万美元,
135 2345 6789.50, 135 2345 6789 %); not 元旦 or 元宵 (a duty roster's number before the holiday's name)."""
_UNGROUPED_AMOUNT = re.compile(_UNIT + r"|\.\d\d(?![\d号楼栋幢单室层月日])")
"""The same after 11 digits in one run: a unit, or cents ending the figure (13523456789.50 in a budget's
table in 元, as pypdf reads a PDF's); not 13912345678.12号楼 or 13912345678.10月8日起 (a number, then an
address or a date), nor 元月 (January)."""
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_resident_id(number: str, checked: bool = True) -> bool:
    """An 18-character resident ID number with a real birth date and a valid check digit (``checked``; a
    number the text names an ID is one whatever its last digit: typed by hand or read by OCR, it is often
    wrong while the other 17 still name the person, a review found)."""
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] in "Xx"):
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born.year < 1900:
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], _ID_WEIGHTS))
    return not checked or _ID_CHECK[total % 11] == number[17].upper()


def is_old_resident_id(number: str) -> bool:
    """A 15-digit first-generation resident ID number: an area code of a province (11–82) and a real
    birth date in the 1900s (the sequence's last digit is odd for men, even for women: any)."""
    if len(number) != 15 or not number.isdigit() or not 11 <= int(number[:2]) <= 82:
        return False
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def mask(number: str) -> str:
    """138****1234 / 110101********123X: enough to find it, not enough to reuse it."""
    if len(number) == 11:
        return number[:3] + "****" + number[-4:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def _texts(r: Record) -> Iterator[tuple[str | None, str, int, tuple[int, str] | None]]:
    """(key, text, first line of text, the file's own lines of it) of every text a public page could show.

    The body is one text (one regex pass in C instead of a loop per line); a
    match's line is counted from the text's first line.  A value YAML joined
    from several lines comes with those lines (:attr:`Record.wrapped`).
    """
    for f in FIELDS:
        value = getattr(r, f.key)
        if value is None:
            continue
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                where = f"{f.key}[{i}]"
                yield f.key, str(item), r.lines.get(where, r.line_of(f.key)), r.wrapped.get(where)
        elif isinstance(value, str):
            yield f.key, value, r.line_of(f.key), r.wrapped.get(f.key)
        elif hasattr(value, "original"):
            yield f.key, value.original, r.line_of(f.key), r.wrapped.get(f.key)
    yield None, without_hidden(r.body, keep_lines=True) if "<" in r.body else r.body, r.body_line, None  # as printed


_WIDE_X = {ord("Ｘ"): "X", ord("ｘ"): "x"}
_HIDDEN = {ord(c): None for c in (*map(chr, range(0x3000)), *map(chr, range(0xfe00, 0x10000)), *INVISIBLE_NAMES,
                                   *map(chr, range(0xe0000, 0xe0080)), *map(chr, range(0xe0100, 0xe01f0)))
           if unicodedata.category(c) == "Cf" or c == "\u034f" or 0xe0100 <= ord(c) < 0xe01f0}
"""The invisible characters: every format character (zero-width space, BOM, soft hyphen, direction
marks, the invisible separator U+2063 …) and the combining grapheme joiner: a number split by them shows
as one number."""
_BETWEEN_CHARS = f"{_SPACES}{_DASHES}{_DOTS}()（）>*_`~～\n"
_BETWEEN = f"[{_BETWEEN_CHARS}]"
"""What may stand between the digits of a number the patterns find, once :func:`ascii_digits` has read it."""
_ELEVEN_DIGITS = re.compile(("[" + re.escape("".join(map(chr, _HIDDEN))) + _BETWEEN_CHARS + "]*").join([r"\d"] * 11))
r"""Both patterns need 11 digits in a row, once the hidden characters and what may stand between the
digits are out: texts without them are skipped cheaply.  (Written out, ``\d[…]*\d[…]*…``, not
``(?:[…]*\d){11}``: the same matches, and Python's engine scans a long law's text four times faster.)"""


def ascii_digits(text: str) -> str:
    """``text`` as a reader sees its numbers: every decimal digit as its ASCII digit (full-width
    １３９, Arabic-Indic ١٣٩ … → 139), a full-width Ｘ as X, and without invisible format characters
    (text pasted from Word or a CMS page holds them).  No line break is added or taken out, so a
    match's line is the same in both."""
    if text.isascii():
        return text
    table = {}
    for c in set(text):
        if c.isascii():
            continue
        code = ord(c)
        if c.isdecimal():
            table[code] = str(unicodedata.decimal(c))
        elif code in _WIDE_X or code in _HIDDEN:
            table[code] = _WIDE_X.get(code)
    return text.translate(table) if table else text  # most texts hold none: no pass over every character


def _digits(m: re.Match) -> str:
    """The number a pattern found, its digits only (an ID's check character X in upper case)."""
    return "".join(g for g in m.groups() if g and g[0].isdigit()).upper()


_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|</?([A-Za-z][\w:-]*)[^<>]*>", re.DOTALL)
"""An HTML comment or tag: pasted from Word or a CMS page, ``<span lang=EN-US>139 1234</span> 5678``
splits what the page shows as one number."""
_SEPARATING_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "col", "colgroup", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "img", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul"})
"""Tags that separate what is before them from what is after (a cell, a paragraph; not a line break): a
table's cells ``<td>156</td><td>2300</td><td>4500</td>`` are three figures.  Any other tag, Word's
smart tags (``<st1:chmetcnv>``) and tags a browser does not know included, is shown inline, so
``139<st1:chmetcnv>1234</st1:chmetcnv>5678`` is one number to a reader."""
_APART = "\x00"
"""What stands for a tag that separates: neither a digit nor anything the patterns allow between a
number's groups (a table's cells ``<td>156</td><td>2300</td><td>4500</td>`` are three figures)."""
_ENTITY = re.compile(r"&(?:#0*[0-9]{1,7}|#[xX]0*[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""A character reference, zero-padded too (``&#00000049;`` is 1 on the page: a review)."""
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
"""Markdown's backslash before punctuation (``139\\-1234``): the page shows the punctuation alone."""
_EMPHASIS = re.compile(r"(?<=\d)\*{1,3}|\*{1,3}(?=\d)|(?<![A-Za-z0-9])_{1,3}(?=\d)|(?<=\d)_{1,3}(?![A-Za-z0-9])"
                       r"|(?<=\d)`+|`+(?=\d)")
"""Emphasis and code markers touching a digit (``139**1234**5678``, ``*139*12345678``, ``_139_ 1234 5678``,
```139`12345678``): the page shows the digits together.  A masked number's stars (139****5678) go too, leaving seven digits.
Underscores inside a word (``file_139_1234_5678.pdf``) stay: Python-Markdown leaves them as they are."""


_LINK = re.compile(r"!?\[([^\[\]]{0,200})\]\(([^()\s]{0,500})(?:\s+\"([^\"\n]{0,200})\")?\)")
"""A Markdown link or image, ``[text](address "title")``: the page shows its text where it stands, and its
title as a tooltip (read aloud, in the open data, in plain view in a text field shown as text)."""


_REFERENCE = re.compile(r"!?\[([^\[\]\n]{0,200})\](?:[ \t]?\[[^\[\]\n]{0,200}\])?")
"""A reference link or a bracketed word (``[139][tel]``, ``[139]``): read as its text, the brackets dropped."""
_ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]{0,200}\}|\{[ \t]*[.#][\w-][^{}\n]{0,200}\}")
"""An attribute list (``{: .hl}``, ``{.hl}``): the page shows nothing of it."""


def _link(m: re.Match) -> str:
    """A link as the page shows it: its text, then its address as an inline tag (read like an ``href``), then its
    title as text of its own (a number in it was dropped unread: found by a review)."""
    title = f" {m.group(3)} " if m.group(3) else ""
    return f'{m.group(1)}<a href="{m.group(2)}">{title}'


def _entity(m: re.Match) -> str:
    read = html.unescape(m.group())
    if len(read) != 1:
        return read
    if read.isspace() or unicodedata.category(read) == "Cf":
        return " "
    return read


def _as_shown(text: str, tags: list[tuple[int, str]] | None = None, emphasis: bool = True) -> str:
    """``text`` as a page shows its characters: entities read (a space or an invisible character as a
    space, ``&ndash;`` as its dash, ``&#49;`` as 1), Markdown's escapes and (with ``emphasis``) emphasis
    markers around digits out, HTML comments and tags out.  No line break is added or taken out, so a
    match's line is the same as in ``text``.  ``tags`` receives each tag taken out that may hold a
    number (``href="tel:…"`` is published too), with where it stood in the text returned."""
    if "](" in text:  # [139](#)12345678 shows 13912345678; the address is published too, as a tag's
        text = _LINK.sub(_link, text)
    if "]" in text:  # [139][tel]12345678, [139]12345678 (a label defined below): the page shows 13912345678 (a review)
        text = _REFERENCE.sub(r"\1", text)
    if "{" in text:  # **110101**{: .hl}199003071233: an attribute list splits no number (a review); what it holds is
        # read as a tag's attributes are ({: title="…"} is a tooltip; after plain text the page shows it as written)
        text = _ATTRIBUTE_LIST.sub(lambda m: "<attr " + m.group()[1:-1].replace("<", " ").replace(">", " ") + ">", text)
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    if emphasis and ("*" in text or "_" in text or "`" in text):
        text = _EMPHASIS.sub("", text)
    if "<" not in text:
        return text
    out: list[str] = []
    at = length = 0
    for m in _MARKUP.finditer(text):
        out.append(text[at:m.start()])
        length += m.start() - at
        tag = m.group()
        if tags is not None and _ELEVEN_DIGITS.search(tag):  # only a tag that may hold a number
            tags.append((length, tag))
        name = (m.group(1) or "").lower()
        breaks = "\n" * tag.count("\n")
        if name == "br":  # a line break inside a paragraph or a cell, as Markdown's hard break: 11010119900307<br>4514
            shown = breaks or " "  # shows the number on two lines (a review found it published)
        else:
            shown = f"{_APART}{breaks}{_APART}" if name in _SEPARATING_TAGS else breaks
        out.append(shown)
        length += len(shown)
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def _read(text: str) -> str:
    """``text`` as a reader sees its numbers: as the page shows it (:func:`_as_shown`), then
    :func:`ascii_digits`."""
    return ascii_digits(_as_shown(text))


def plain_number(text: str) -> str:
    """A number as the checks compare it, read by the same patterns (+86 139-1234-5678 → 13912345678,
    an ID's x as X), so an allowlist may write it any way the text may."""
    read = _read(text)
    found_id = _ID.search(read)
    if found_id is not None and is_resident_id(_digits(found_id)):  # 11 of its digits may read as a mobile
        return _digits(found_id)
    found = _MOBILE.search(read) or found_id
    if found is not None:
        return _digits(found)
    return re.sub(r"[^0-9Xx]", "", read).upper()


def _numbers(text: str, allow: set[str]) -> tuple[str, list[tuple[str, str, int]]]:
    """``text`` as a reader sees its numbers (:func:`ascii_digits`), and the (problem code, number,
    where in that text) of each ID and mobile number in it, allowlisted numbers left out."""
    tags: list[tuple[int, str]] = []
    shown = _as_shown(text, tags, emphasis=False)  # the pre-check passes emphasis markers between digits
    found = []
    if _ELEVEN_DIGITS.search(shown):
        if "*" in shown or "_" in shown or "`" in shown:  # markers out, and before the tags, so their places stay exact
            tags.clear()
            shown = _as_shown(text, tags)
        shown = ascii_digits(shown)
        found.extend(_found(shown, allow))
    text = shown
    # Numbers in attributes (a tel: link's, a title's): reported unless the text shows the same
    # number on the same line (<a href="tel:139…">139 …</a> is one number to the reader).
    if tags:
        seen = {(code, number, text.count("\n", 0, at)) for code, number, at in found}
        line = counted = 0
        for at, tag in tags:  # in order: the lines counted once over the text, not once per tag
            line += text.count("\n", counted, at)
            counted = at
            for code, number, _ in _found(ascii_digits(tag), allow):
                if (code, number, line) not in seen:
                    seen.add((code, number, line))
                    found.append((code, number, at))
    return text, found


def personal_numbers(text: str) -> list[str]:
    """The ID and mobile numbers in ``text`` as the check finds them, allowlisted or not (digits only): what a message
    quoting ``text`` masks (:func:`~build_tools.diagnostics.masked`)."""
    return [number for _, number, _ in _numbers(text, set())[1]]


def holds_personal_number(text: str, allowlist) -> bool:
    """Whether ``text`` holds an ID or mobile number as the check reads it, numbers of ``allowlist``
    (the configuration's ``privacy_allowlist``) left out: a note read from Git holding one is not shown
    (:func:`.views.history.record_history`)."""
    return bool(_numbers(text, {plain_number(str(n)) for n in allowlist})[1])


def _found(text: str, allow: set[str], identifiers: bool = False) -> Iterator[tuple[str, str, int]]:
    """ID and mobile numbers in ``text`` (read by :func:`ascii_digits`); ``identifiers``: the text is an
    Office file's, whose properties hold long hex identifiers (:class:`_HexRuns`), none of them a number."""
    runs = _HexRuns(text) if identifiers else None
    for m in _ID.finditer(text):
        number = _digits(m)
        if m.group(6) and not _named_an_id(text, m.start()):
            continue  # hyphens: a 受理编号 of area, date and sequence, unless the text says it is an ID
        glued = _LETTER.match(text, m.end()) or m.start() and _LETTER.match(text, m.start() - 1) \
            and not text.endswith(("ID", "id", "Id", "iD"), 0, m.start())
        # after capitals (JTZF520102202610080001: a case number of area, date and serial, one in eleven with a valid
        # check digit) only where the text says it is an ID; after a pinyin name or sfz the check digit does (reviews)
        coded = m.start() and text[m.start() - 1].isupper() and not text.endswith(("ID", "SFZ"), 0, m.start())
        if number not in allow and not (runs and runs.holds(m.start(), m.end())) and (
                is_resident_id(number) and not coded or (not glued or coded) and is_resident_id(number, checked=False)
                and _said_an_id(text, m.start())):
            yield "personal-id-number", number, m.start()
    for m in _OLD_ID.finditer(text):
        number = _digits(m)
        if number not in allow and is_old_resident_id(number) and not (runs and runs.holds(m.start(), m.end())) \
                and not _UNGROUPED_AMOUNT.match(text, m.end()) and _named_an_id(text, m.start()):  # …工本费：…元
            yield "personal-id-number", number, m.start()
    for m in _MOBILE.finditer(text):
        number = _digits(m)
        at = m.start()
        if runs and runs.holds(at, m.end()):
            continue
        if text.startswith("86", at) and not _PHONE_86_LABEL.search(text, max(0, at - 40), at) \
                and not _in_column(text, at, _PHONE_CELL):
            continue  # 8613912345678: a serial (编号), unless the text (or its column's heading) says it is a phone's
        # 0.13912345678 is a fraction; 1.13912345678 and 10.13912345678 a list's items
        decimals = (at >= 2 and text[at - 1] in ".．" and text[at - 2] == "0"
                    and (at < 3 or not text[at - 3].isdigit()))
        grouped = not m.group().endswith(number)
        amount = (_AMOUNT if grouped else _UNGROUPED_AMOUNT).match(text, m.end())
        if number not in allow and not amount and not decimals:
            yield "personal-mobile-number", number, at


_ID_CLAUSE = re.compile(f"{_ID_WORDS}(?:号码|号)?[^，,；;。\n]{{0,10}}\\Z")
_NOT_A_PERSON = re.compile(r"信用代码|注册号|机构代码|编号|代码")


def _said_an_id(text: str, at: int) -> bool:
    """Whether the text says, in the number's own clause, that it is a person's ID (身份证号：…), or the
    number stands in a column of IDs: a number whose check digit is wrong counts only so.  Not a bare ID
    (项目ID：…), a label one clause back (身份证号已隐去，受理编号…), nor a company's 证件号（统一社会信用代码）
    (a review found such serials kept off the site)."""
    before = text[max(0, at - 24):at]
    said = _ID_CLAUSE.search(before)
    return bool(said) and not _NOT_A_PERSON.search(said.group()) or _in_id_column(text, at)


def _named_an_id(text: str, at: int) -> bool:
    """Whether words before ``at`` on its line (or ending the line above), or the heading of the table
    column it stands in, name an ID."""
    return bool(_ID_LABEL.search(text, max(0, at - 24), at)) or _in_id_column(text, at)


def _cells(line: str, separator: str) -> list[str]:
    """A table row's cells: a Markdown row without its outer pipes; runs of separators are one (an HTML
    cell's tags are several)."""
    if separator == "|":
        return line.strip().strip("|").split("|")
    return [c for c in re.split(re.escape(separator) + "+", line.strip(separator + " \t"))]


def _in_id_column(text: str, at: int) -> bool:
    return _in_column(text, at, _ID_CELL)


_PHONE_CELL = re.compile(r"手\s*机|电\s*话|联系方式|联络方式|(?i:phone|mobile|tel\b)")
"""A table column's heading naming phones: an 86-prefixed number under it (8613912345678, as SMS platforms and
WeChat Work export them) is a mobile number, not a serial (a review found a list of them published)."""


def _in_column(text: str, at: int, heading: re.Pattern) -> bool:
    """Whether ``at`` stands in a table's column that ``heading`` names (IDs, phones): a row of cells (a line)
    under a heading row naming them (身份证号, 证件号码, 手机号码 …), up the table's lines.  Another column of the same
    table is not (a 双公示 list's 注册号 beside its 经营者身份证号: found by a review).  A heading row naming them whose cells do not line
    up with the number's row (merged or spanning headings, an HTML table one cell a line, empty cells, a
    CSV's quoted commas, a cell broken by <br>) counts as naming its column: a number withheld by mistake
    is said and allowed (privacy_allowlist), one published is not (a fifth review found such tables read
    wrong both ways)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    separator = next((sep for sep in _CELL_SEPARATORS if sep in line), None)
    if separator is None:
        return False
    marked = _cells(line[:at - start] + "\x01" + line[at - start:], separator)
    column = next((k for k, cell in enumerate(marked) if "\x01" in cell), None)
    above = start
    for _ in range(_TABLE_ROWS):
        if above == 0:
            return False
        top = text.rfind("\n", 0, above - 1) + 1
        row = text[top:above - 1]
        above = top
        if separator not in row:
            return False  # the table began below
        cells = _cells(row, separator)
        if any(heading.search(cell) for cell in cells):
            if len(cells) != len(marked) or (column is not None and heading.search(cells[column])):
                return True
    return False


def _candidates(text: str) -> Iterator[str]:
    """Every number the patterns match in ``text`` before it is judged (an amount, a fraction …)."""
    if _ELEVEN_DIGITS.search(text):
        for pattern in (_ID, _OLD_ID, _MOBILE):
            for m in pattern.finditer(text):
                yield _digits(m)


_HEX_RUN = re.compile(r"[0-9A-Fa-f]{24,}|[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}")
"""An identifier: 24 hex digits or more in a row, or a GUID (8-4-4-4-12): dashes join nothing else."""


class _HexRuns:
    """The runs of 24 hex digits or more, and GUIDs, with a letter among them in a text: identifiers (WPS's ICV
    372F6A77C204A73D52D0E18089592739_13, a GUID, a hash), whose digits are no person's number.  Found
    once per text, looked up per number (scanning the run around each number took quadratic time on a
    text of numbers glued together).  (16 digits let a number glued to a credit code through:
    91520102MA6DJ8CE3B13912345678.)"""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in _HEX_RUN.finditer(text) if not m.group().replace("-", "").isdigit()]
        self.starts = [start for start, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def holds(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside one of the runs (a number with spaces or a + never does)."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.spans[i][1]


class _Lines:
    """Where numbers found in values YAML joined from several lines stand in the file.

    A value's characters other than white space stand in the file's lines in
    the same order (YAML only folds line breaks and indentation into spaces;
    quotes and escapes add characters), so each is found in turn a few
    characters further on, and a number's line is that of its first digit.
    Keywords split from one text go on where the previous one stopped.
    """

    _REACH = 16
    """How far the next character may be: past the quotes and escapes (``\\u0031``) a quoted value holds."""

    def __init__(self) -> None:
        self.reached: dict[tuple[int, str], tuple[str, int]] = {}
        """Per file text: the text as read, and where the last value followed through it ended."""
        self.passed: dict[tuple[int, str], list[str]] = {}
        """Per file text: values without a number not yet followed through it.  Only a later value
        split from the same text (a keyword) needs them followed, so a long summary with no number
        in it is never walked character by character."""

    def lines(self, wrapped: tuple[int, str], read: str, starts: list[int]) -> dict[int, int]:
        """The file line of each of ``starts`` (places in the value as read, ``read``)."""
        if not starts:
            self.passed.setdefault(wrapped, []).append(read)
            return {}
        for earlier in self.passed.pop(wrapped, ()):
            self._follow(wrapped, earlier, [])
        return self._follow(wrapped, read, starts)

    def _follow(self, wrapped: tuple[int, str], read: str, starts: list[int]) -> dict[int, int]:
        first, text = wrapped
        text, at = self.reached[wrapped] if wrapped in self.reached else (_read(text), 0)
        line, out = first + text.count("\n", 0, at), {}
        wanted = sorted(starts)
        for i, ch in enumerate(ascii_digits(read)):
            if not ch.isspace():
                found = text.find(ch, at, at + self._REACH)
                if found >= 0:
                    line += text.count("\n", at, found)
                    at = found + 1
            while wanted and wanted[0] == i:
                out[wanted.pop(0)] = line
        self.reached[wrapped] = text, at
        return out


_TEXT_ATTACHMENTS = ("csv", "txt", "pdf")
"""Attachments read for numbers as the search index reads their text: a 公示 list in a CSV file or a
PDF is published byte for byte and indexed."""
# Pictures, audio and video (office_text.NO_TEXT) hold no text to read (a scanned page is the editors'
# to check, threat model).  Every other attachment (Office, OFD, ZIP, RTF, MHT, compressed files …) is
# read for every text it carries (build_tools.office_text): published byte for byte, not indexed; a type
# that cannot be read is said to be unchecked.


def _attachment_problems(catalogue: Catalogue, config: CatalogueConfig, allow: set[str],
                         prune: bool = False) -> Iterator[Problem]:
    """Numbers in the text attachments of the records the public will see, at their line in the file
    (a PDF's at its page, an Office file's at its sheet and cell or its part).  A PDF's text is kept in
    the cache directory (:func:`.search.text.pdf_pages`); ``prune``: what this check did not read
    there goes (a build's check reads every public PDF)."""
    cache = ContentCache(config.cache_dir, PDF_TEXT_NAMESPACE) if config.cache_dir is not None else None
    office = ContentCache(config.cache_dir, OFFICE_NUMBERS_NAMESPACE) if config.cache_dir is not None else None
    seen: set[str] = set()
    with cache.batch() if cache is not None else contextlib.nullcontext(), \
            office.batch() if office is not None else contextlib.nullcontext():
        for r in catalogue.records:
            if not r.is_proactive:
                continue
            for rel in r.attachments:
                if rel in seen:
                    continue
                seen.add(rel)
                path = Path(config.catalogue_dir) / rel
                ext = content_type(path, rel)  # a Word file named .pdf is read as Word (and published as it is)
                if ext in PICTURES:
                    yield from _picture_problems(rel, path, allow)
                    continue
                if ext in NO_TEXT:
                    continue
                if ext not in _TEXT_ATTACHMENTS:
                    yield from _office_problems(rel, path, ext, allow, office)
                    continue
                try:
                    data = text_bytes(path, rel, ext)
                except OSError:
                    continue  # check_attachments says what is wrong with it
                if not data and ext != "pdf" and _size(path) > MAX_TEXT_BYTES:  # a CSV of 65 MB: not silently
                    yield _not_checked(rel, f"大于 {MAX_TEXT_BYTES >> 20} MB，没有读取其中的文字")
                    continue
                if ext == "pdf":
                    yield from _pdf_problems(rel, path, data, cache, allow)
                    continue
                # A tab separates cells (a sheet saved as text), as a comma does; old Mac files end lines with CR.
                text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n").replace("\t", _APART)
                read, found = _numbers(text, allow) if data else ("", [])
                for code, number, start in found:
                    line = 1 + read.count("\n", 0, start)
                    yield _attachment_problem(code, rel, line, f"第 {line} 行", number)
    if cache is not None and prune:
        cache.prune()
        office.prune()


def _picture_problems(rel: str, path: Path, allow: set[str]) -> Iterator[Problem]:
    """Numbers in a picture's metadata (author, description, comments), and its GPS position, said once."""
    if _size(path) > MAX_TEXT_BYTES:
        return
    try:
        data = path.read_bytes()
    except OSError:
        return  # check_attachments says what is wrong with it
    texts, located = picture_metadata(data)
    told = set()
    for where, text in texts:
        for code, number, _ in _found(ascii_digits(text), allow):
            if (code, number) not in told:
                told.add((code, number))
                yield _attachment_problem(code, rel, None, where, number)
    if located:
        yield problem("attachment-location", rel, None, "attachments",
                      f"附件 {rel} 是带有拍摄地点（GPS 位置）的照片：附件会原样发布，任何人都能读出它是在哪里拍的，"
                      "那常是拍摄人或当事人的住处。",
                      "用图片工具去掉位置信息（手机相册的“移除位置信息”，或截图、另存一份不带照片信息的图片）后再放进 catalogue/；"
                      "地点本来就要公开的（施工现场），可以不改。")


def _office_problems(rel: str, path: Path, ext: str, allow: set[str], cache) -> Iterator[Problem]:
    """Numbers in every text of an Office, OFD or ZIP file, named by where they stand in it."""
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            yield _not_checked(rel, f"大于 {MAX_TEXT_BYTES >> 20} MB，没有读取其中的文字")
            return
        data = path.read_bytes()
    except OSError:
        return  # check_attachments says what is wrong with it
    numbers, unread = _office_numbers(data, ext, cache)
    if unread and _whole(path, rel):  # a damaged file: check_attachments reports it
        if len(unread) == 1 and not unread[0][0]:  # the whole file
            yield _not_checked(rel, f"{unread[0][1]}，无法读取其中的文字")
        else:
            shown = "；".join(where + why for where, why in unread[:3]) + (f"等 {len(unread)} 处" if len(unread) > 3 else "")
            yield _not_checked(rel, f"中{shown}，无法读取这些部分的文字", "这些部分")
    found: dict[tuple[str, str], dict[str, None]] = {}
    for code, number, where in numbers:
        if number not in allow:
            found.setdefault((code, number), {})[where] = None
    listed = sorted(found.items(), key=lambda item: item[0][0] != "personal-id-number")  # else as found
    for (code, number), places in listed[:_LISTED]:
        places = list(places)
        shown = "、".join(places[:3]) + (f"等 {len(places)} 处" if len(places) > 3 else "")
        yield _attachment_problem(code, rel, None, shown, number, indexed=False)
    if len(listed) > _LISTED:  # a 公示 list of a thousand names: the file is what to fix, not each line
        rest = listed[_LISTED:]
        places = [next(iter(places)) for _, places in rest]
        shown = "、".join(places[:3]) + ("等处" if len(places) > 3 else "")
        code = "personal-id-number" if any(c == "personal-id-number" for (c, _), _ in rest) else "personal-mobile-number"
        yield problem(code, rel, None, "attachments",
                      f"附件 {rel} 还有 {len(rest)} 个身份证号码或手机号码（{shown}），附件会原样发布。",
                      "删去这些号码或去标识化后重新导出附件，再检查一次。")


def _office_numbers(data: bytes, ext: str, cache) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(code, number, where) of every number in an Office file's texts, in order, and (where, why) of
    what could not be read (where "" for the whole file).  A number found only in a passage
    that backs up the others (a stream's raw text, the text before track changes) is named there.
    Reading a large workbook takes seconds, so the result is kept in the cache directory for as long as
    the file's bytes, the code and the libraries stay the same."""
    key = fingerprint(environment_digest(), "office-numbers", ext, hashlib.blake2b(data).digest()) \
        if cache is not None else None
    stored = cache.get(key) if key is not None else None
    if stored is not None:
        try:
            numbers, unread = json.loads(stored)
            return [tuple(n) for n in numbers], [tuple(u) for u in unread]
        except (ValueError, TypeError):
            pass  # not what this code writes: read the file again
    found: list[tuple[str, str, str]] = []
    backing: list[tuple[str, str, str]] = []
    raw: list[tuple[str, str, str]] = []
    unread: list[tuple[str, str]] = []
    shown: list[str] = []
    try:
        for passage in office_passages(data, ext, lambda text: bool(_ELEVEN_DIGITS.search(text))):
            if passage.unread:
                unread.append((passage.where, passage.unread))
                continue
            into = (raw if passage.raw else backing) if passage.fallback else found
            if not passage.fallback:
                shown.append(passage.text)
            if passage.kind == "markup":
                into += [(code, number, passage.where) for code, number, _ in _numbers(passage.text, set())[1]]
                continue
            text = ascii_digits(passage.text)
            if passage.heading and _ID_CELL.search(passage.heading):  # a cell under 身份证号码: its label
                text = "身份证号：" + text
            if passage.kind == "laid_out":
                into += [(code, number, passage.where) for code, number in _pdf_numbers(text, set())]
            elif _ELEVEN_DIGITS.search(text):
                into += [(code, number, passage.where) for code, number, _ in _found(text, set(), identifiers=True)]
    except NotReadable as exc:
        unread.append(("", exc.args[0]))
    except Exception as exc:  # a reader meeting what it was not made for: the file is unread, never a traceback
        unread.append(("", f"无法读取（{type(exc).__name__}）"))
        key = None  # (a MemoryError may not come again: not kept)
    # A number only a backing passage holds is reported there.  One that raw text holds which the
    # other passages matched and judged was judged there, in its context (13912345678元 in an RTF's
    # table, whose raw text lost the 元); the text before track changes keeps its context.
    seen = {(code, number) for code, number, _ in found}
    judged = {number for text in shown for number in _candidates(ascii_digits(text))} if raw else set()
    numbers = found + [n for n in backing if (n[0], n[1]) not in seen]
    seen.update((code, number) for code, number, _ in backing)
    numbers += [n for n in raw if (n[0], n[1]) not in seen and n[1] not in judged]
    if key is not None:
        cache.put(key, json.dumps([numbers, unread], ensure_ascii=False).encode("utf-8"))
    return numbers, unread


OFFICE_NUMBERS_NAMESPACE = "attachment-numbers"
"""The cache directory's folder of the numbers found in Office files (:func:`_office_numbers`)."""
_LISTED = 10
"""Numbers named one by one per attachment; the rest are counted in one more problem."""


def _pdf_problems(rel: str, path: Path, data: bytes, cache, allow: set[str]) -> Iterator[Problem]:
    if not data:
        if _size(path) > MAX_TEXT_BYTES:
            yield _not_checked(rel, f"文件大于 {MAX_TEXT_BYTES >> 20} MB，没有读取其中的文字")
        return
    try:
        pages = pdf_pages(data, cache)
    except Exception as exc:  # damaged: check_attachments reports it; else a PDF pypdf cannot read
        if _whole(path, rel):
            yield _not_checked(rel, f"文字无法读取（{type(exc).__name__}）")
        return
    blank = [n for n, text in enumerate(pages, start=1) if not _READABLE.search(text)]
    if pages and len(blank) == len(pages):
        yield _not_checked(rel, "没有可以读出的文字（多半是扫描成图片的文件）")
        pages = ()  # its properties, bookmarks and comments are text all the same (a scan's too: read below)
    elif blank:  # a typed cover, then scanned pages
        shown = "、".join(map(str, blank[:5])) + ("等" if len(blank) > 5 else "")
        yield _not_checked(rel, f"第 {shown} 页没有可以读出的文字（多半是扫描成图片的页）", "这些页")
    if pages and sum(text.count("\ufffd") for text in pages) * 2 > sum(map(len, pages)):
        yield _not_checked(rel, "的文字读出来是乱码（字体没有文字编码）")
        pages = ()
    told = set()
    for page, text in enumerate(pages, start=1):
        for code, number in _pdf_numbers(text, allow):
            told.add(number)
            yield _attachment_problem(code, rel, None, f"第 {page} 页", number)
    for where, text in pdf_hidden_texts(data, cache):  # properties, forms, comments, bookmarks, files, revisions
        for code, number in _pdf_numbers(text, allow):
            if not (where.startswith("修改前") and number in told):
                yield _attachment_problem(code, rel, None, where, number)


_READABLE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")


_DIGITS_APART = re.compile(rf"(?<=\d)[{_SPACES}]+(?=\d)")
_PHONE_86_LABEL = re.compile(r"(?:电\s*话|手\s*机|联系|联络|[Tt][Ee][Ll]|[Pp]hone|[Mm]obile)[^\n]{0,36}$")
"""A phone's label before an 86-prefixed number (手机：, 联系电话（工作日9:00至17:00）：, Phone:); not 号码
alone (发票号码: a serial)."""
_PHONE_LABEL = re.compile(r"(?:电\s*话|手\s*机|联系|联络人|负责人|号码|微信|tel|TEL|Tel|mobile|Mobile)[^\d\n]{0,16}$")
_WRAPPED = re.compile(r"(?<=\d)[ \t]*\n[ \t]*(?=[\dXx])")


def _pdf_numbers(text: str, allow: set[str]) -> list[tuple[str, str]]:
    """ID and mobile numbers in a PDF page's text as pypdf gives it, each once.

    pypdf joins a table's cells with a space (156 2300 4500: three figures, as in the CSV or the page
    the table came from) and wraps a narrow cell's number over two lines at any digit: a mobile number
    is read only with no space inside, and an ID also across a line break (its check digit and date
    keep a join of two figures from passing for one)."""
    text = ascii_digits(text)
    found = {(code, number) for code, number, _ in _found(_DIGITS_APART.sub(_APART, text), allow)}
    # Spaced as a person spaces a number (+86 139 1234 5678, (139) 1234 5678, or after 电话：/手机): no cells.
    for code, number, at in _found(text, allow):
        if code == "personal-mobile-number" and (text[at] in "+＋(（0" or _PHONE_LABEL.search(text, max(0, at - 24), at)):
            found.add((code, number))
    found.update((code, number) for code, number, _ in _found(_WRAPPED.sub("", text), allow)
                 if code == "personal-id-number")
    return sorted(found, key=lambda f: (f[0] != "personal-id-number", f[1]))


def _whole(path: Path, rel: str) -> bool:
    """Whether the attachment looks whole to check_attachments (which reports what is wrong else)."""
    try:
        return inspect(path, rel) is None
    except OSError:
        return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _not_checked(rel: str, why: str, where: str = "其中") -> Problem:
    return problem("attachment-not-checked", rel, None, "attachments",
                   f"附件 {rel} {why}：没有检查{where}是否有身份证号码、手机号码或不公开记录的标题，"
                   f"{where}的文字也不进入全文检索。",
                   "请人工核对这个附件；可以的话换成较小的、不加密的 PDF（可以保留禁止修改等权限设置）。")


def _attachment_problem(code: str, rel: str, line: int | None, where: str, number: str,
                        indexed: bool = True) -> Problem:
    what = "居民身份证号码" if code == "personal-id-number" else "手机号码"
    searched = "，它的文字也会进入全文检索" if indexed else "，任何人下载后都能看到"
    return problem(code, rel, line, "attachments",
                   f"附件 {rel} {where}有一个{what}（{mask(number)}），附件会原样发布{searched}。",
                   f"删去或写成 {mask(number)} 后重新导出附件；确需公开的服务号码请加入配置 privacy_allowlist。")


def check_privacy(catalogue: Catalogue, config: CatalogueConfig, as_of: dt.date, *,
                  prune: bool = False) -> list[Problem]:
    """ID and mobile numbers in records the public will see (now or once published), and in their
    attachments (CSV, TXT, PDF; Office, OFD, ZIP and every other type but pictures, audio and video);
    ``prune`` as :func:`_attachment_problems` says."""
    problems = []
    allow = {plain_number(str(number)) for number in config.privacy_allowlist}
    problems.extend(_attachment_problems(catalogue, config, allow, prune))
    for r in catalogue.records:
        if not r.is_proactive:
            continue  # never published: nothing to leak
        placed = _Lines()
        for key, text, first_line, wrapped in _texts(r):
            read, found = _numbers(text, allow)
            if wrapped is None:
                lines = {start: first_line + read.count("\n", 0, start) for _, _, start in found}
            else:  # every such text: keywords split from one go on where the one before stopped
                lines = placed.lines(wrapped, read, [start for _, _, start in found])
            problems.extend(_number_problem(code, r.source, lines[start], key, number) for code, number, start in found)
    return problems


def _number_problem(code: str, source: str, line: int, key: str | None, number: str) -> Problem:
    """The problem of a personal number found at ``line`` of a record file."""
    if code == "personal-id-number":
        message = f"第 {line} 行有一个居民身份证号码（{mask(number)}），公开信息不得包含个人身份证号码。"
        hint = "删去或改为 " + mask(number) + " 这样的去标识化写法；确需公开的，须有法律依据并经审查。"
        if len(number) == 15:  # no check digit: a company's 注册号 may read as one
            hint += (f"如果它不是身份证号码（例如营业执照注册号），把第 {line} 行的这个号码（{mask(number)}）"
                     "加入配置 privacy_allowlist。")
    else:
        message = f"第 {line} 行有一个手机号码（{mask(number)}），公开信息一般不应包含个人手机号码。"
        hint = f"删去或写成 {mask(number)}；如果是对外公布的服务号码，把它加入配置 privacy_allowlist。"
    return problem(code, source, line, key, message, hint)


def body_privacy(source: str, body: str, body_line: int, config: CatalogueConfig) -> list[Problem]:
    """ID and mobile numbers in the body of a record file that gives no record (an error in its metadata), as
    :func:`check_privacy` finds them in a record's: a slip in the metadata had hidden them until the next run, and
    an editor told of the slip alone sent the file on with the numbers in it (a review)."""
    allow = {plain_number(str(number)) for number in config.privacy_allowlist}
    read, found = _numbers(without_hidden(body, keep_lines=True) if "<" in body else body, allow)
    return [_number_problem(code, source, body_line + read.count("\n", 0, start), None, number)
            for code, number, start in found]
