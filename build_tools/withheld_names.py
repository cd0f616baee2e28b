"""The names of the files the site does not publish, found wherever a public text still holds them.

The link finder (:mod:`~build_tools.links`) reads bodies as Python-Markdown
does, and every reading it missed left a withheld file's name on a page, in
the open data or in the search index.  :class:`WithheldNames` is the net under
it: after the links are rewritten, each such name left in a public text is
found and taken out, whatever Markdown or HTML holds it, and ``catalogue
check`` reports it.

A name is looked for as a reader reads it, not only as it is written.  Text
pasted from Word, a CMS or a converter writes names in many ways, and each
is read back to the name before it is compared (:func:`fold`):

- character references and percent-encoding (``&#46;``, ``&#x2E;``,
  ``&#20154;``, ``%2E``, ``%E5%90%8D``), Markdown's backslash escapes
  (``chufen\\_jueding``, ``决定\\.pdf``, as pandoc and Typora write Word's
  text) and hard line breaks, formatting and Office tags (``<span …>``,
  ``<wbr>``, ``<br>``, ``<st1:chsdate>``), Word's bookmarks and a
  quotation's marks; pandoc's empty spans (read as nothing, and what each
  holds on its own); a text with comments is read twice, each comment as
  nothing and with only its marks dropped (:data:`MARKS`);
- white space inside a Chinese name (a wrapped line), invisible characters
  (zero-width spaces, soft hyphens, direction marks, byte-order marks) and
  emphasis, code and strike-through marks (``**处分决定**``);
- full-width letters, digits and marks (``．ｐｄｆ``), brackets of every
  shape (〔〕﹝﹞（）[] are one), dashes and minus signs (a run of them is one
  hyphen), tildes, Kangxi radicals copied from a PDF (⾏ for 行), a Windows
  path's backslashes, and letter case (``CHUFEN.PDF``).

White space is read where it separates words: a name of ASCII characters
written without it is not found across it (``report 2024.`` is not
``report2024.pdf``), and a dot with a space after it ends a sentence
(``2024-03-15. Effective``), not a name.

What is found, by kind:

- a name's stem before its extension (a dot, then a letter), when
  distinctive: eight characters or more, or six Chinese characters, with a
  letter or a Chinese character in it, and no published file's stem; not
  inside another site's address once its path or query has begun
  (``https://www.moj.gov.cn/pub/行政复议决定书.pdf``);
- a withheld attachment's path after ``attachments/`` and a withheld
  record's folder (index slug) after ``records/`` or ``../``, whatever their
  length: the site's own addresses, typed as they are on the site;
- a withheld file's path with a folder, from the catalogue's top or from
  any folder down (``yishenqing/名单.pdf``, ``ysq/名单.pdf`` as a record in
  ``notices/`` names its own), as a whole path (not the end of another:
  ``uploads/2024/附件1.pdf`` on another site; from the site's top only right
  after a link's bracket, quote or ``]:``) that no published file has;
- any withheld file's name, however short (``b.md``, ``附件1.xlsx``), in a
  relative link's address written after ``](``, ``]:``, ``="`` or ``<``, at
  its start or after a folder's ``/`` (a footnote's text is no address).

A name inside a longer one that a published file has (``fankui-zhengqiu-
yijian.pdf``, ``zhengqiu-yijian.v2.pdf``, ``附件(二)申请表单.pdf`` beside a
withheld ``zhengqiu-yijian.pdf`` or ``申请表单.pdf``) is left alone; any
other text around a name does not hide it: ``附件：1.关于…决定.pdf`` and
``附件2-关于…决定.pdf`` lose the name.  A name that a published file has too
(附件1.pdf withheld in one folder, published in another) is not looked for.

Twelve attack rounds shaped these rules; tests/test_withheld_names.py holds
each round's forms, and docs/dev/threat-model.md what is left.

The words are held in one Aho-Corasick automaton (pyahocorasick), made once
per process for the same files: each text is folded and read once, whatever
the number of names (docs/dev/performance.md has the figures: about 10 ms a
megabyte, most of it the fold).
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import string
import unicodedata
import weakref
from collections.abc import Iterable
from urllib.parse import unquote

import ahocorasick

from .hanzi import simplified, simplified_words
from .model.values import document_name

_STEM, _PATH, _FOLDER, _RELPATH, _LINKED = "stem", "path", "folder", "relpath", "linked"

_ESCAPE = (r"&(?:#0*[0-9]{1,7}|#[xX]0*[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
           r"|(?:%[0-9A-Fa-f]{2})+"
           r"|\\(?=[!-/:-@\[-`{-~\n])"
           r"|(?i:</?(?:span|font|b|i|u|s|em|strong|del|ins|strike|mark|small|big|sup|sub|code|wbr|br"
           r"|(?:o|w|v|st1):[a-z]+)(?:\s[^<>]*)?/?>"
           r"|<a(?:\s+(?:name|id)\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))+\s*>|</a>)"
           r"|\n[ \t]{0,3}>[ \t>]*")
"""What is read as something else before a name is compared: a character reference, a run of
percent-encoded bytes, Markdown's backslash before a mark or a line break, a formatting tag, a line
break's, a bookmark, an Office tag (``<span …>``, ``<wbr>``, ``<br>``, Word's ``<a name="_GoBack"></a>``
and ``<st1:chsdate …>``, pandoc's ``[]{#_GoBack .anchor}``: Word's and a CMS's HTML split a name with
them), a quotation's marks after a line break.  Comments are dropped before (:func:`_outside_comments`)."""
_SPAN = r"|\[\]\{[^{}\n]*\}"
"""Pandoc's empty span, whatever it holds (``[]{#书签1 .anchor}``, ``[]{.comment-end id="0"}``), read as nothing."""
_MARKS_ONLY = r"|<!--|--!?>"
"""The marks of comments, read as nothing where what comments hold is read."""
_ESCAPES = re.compile(_ESCAPE + _SPAN)
_TOKENS = re.compile(f"(?P<escape>{_ESCAPE}{_SPAN})|.", re.DOTALL)
_ESCAPES_MARKS = re.compile(_ESCAPE + _SPAN + _MARKS_ONLY)
_TOKENS_MARKS = re.compile(f"(?P<escape>{_ESCAPE}{_SPAN}{_MARKS_ONLY})|.", re.DOTALL)
_SPANS = re.compile(r"\[\]\{([^{}\n]*)\}")
WHOLE, MARKS = "whole", "marks"
"""The two readings of a text's HTML comments: each read as nothing (Word's ``<!--[if !supportLists]-->``
inside a name), or only their marks (a name inside one, or split by one's marks: the open data keeps
comments).  A text with comments is read both ways (:meth:`WithheldNames.spans`).  Pandoc's empty
spans (``[]{#_GoBack .anchor}``) are read as nothing in both, and what each holds on its own (the site
shows the braces and what is in them)."""
_INVISIBLE = ("\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff"
              "\U000e0000-\U000e007f\U000e0100-\U000e01ef")
"""Characters that show nothing (soft hyphen, zero-width spaces and joiners, direction marks and
embeddings, variation selectors, BOM), as a bracket's range."""
_FULL_WIDTH_RANGE = "\uff0d\uff0e\uff10-\uff19\uff21-\uff3a\uff3f\uff41-\uff5a"
"""Full-width letters, digits, ．, － and ＿: read as their ASCII forms."""
_KANGXI = "\u2f00-\u2fd5\U0002f800-\U0002fa1f"
"""Kangxi radicals, which text copied from a PDF holds for the ideographs they look like (⾏ for 行)."""
_MARKS = {**dict.fromkeys("〔【［〖﹝﹙", "("), **dict.fromkeys("〕】］〗﹞﹚", ")"),
          **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63", "-"),
          **dict.fromkeys("～〜∼", "")}
"""Brackets of every shape as round ones (江交罚〔2024〕12号, ﹝2024﹞, （2024）, [2024] are one number), dashes
and minus signs as a hyphen, a run of them as one (Word makes ``附件2 – 名单`` of ``附件2 - 名单``, ``—`` of
``--``), tildes of every width dropped."""
_NESTED = {**dict.fromkeys("〈\u2329\u27e8", "《"), **dict.fromkeys("〉\u232a\u27e9", "》")}
"""A title quoted inside a title (《…关于印发〈…〉的通知》, as GB/T 9704 nests them): its marks as 《》."""


@functools.cache
def _traditional() -> dict[str, str]:
    """Each traditional character OpenCC's ``t2s`` tables read as one simplified one (國 → 国, 關 → 关): a
    withheld title typed with a traditional input method or pasted from a 繁体 page is the same title (an
    attack review).  Taken from the library once per process (about 40 ms), one character at a time, so
    that every character keeps its place (:func:`folded_with_places`)."""
    chars = [chr(c) for block in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*block)]
    converted = simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # the tables joined characters across the line breaks: none read
        return {}
    return {old: new for old, new in zip(chars, converted) if old != new and len(new) == 1}


@functools.cache
def _rare_characters() -> re.Pattern:
    """What :func:`_rare` reads as something else, as one character class: one look for all of them."""
    return re.compile(f"[{_INVISIBLE}{_FULL_WIDTH_RANGE}{_KANGXI}{''.join(_MARKS)}{''.join(_NESTED)}"
                      f"{''.join(_traditional())}]")
_REPLACED = (("*", ""), ("`", ""), ("~", ""), ("\\", "/"), ("（", "("), ("）", ")"), ("[", "("), ("]", ")"))
"""Emphasis, code and strike-through marks dropped, a Windows path's backslashes as slashes, and the
common brackets as round ones (see :data:`_MARKS` for the rest)."""
_TRIGGERS = "&%\\<>"
"""The characters :data:`_ESCAPES` begins with (a quotation's marks follow a line break; pandoc's
span, ``[]{``, is looked for as such)."""


def _unescaped(token: str) -> str:
    if token[0] == "&":
        return html.unescape(token)
    if token[0] == "%":
        return unquote(token, errors="replace")
    return ""  # a backslash before a mark, a formatting tag, a quotation's marks


def _rare(match: re.Match) -> str:
    c = match.group()
    if c in _MARKS:
        return _MARKS[c]
    if "\uff0d" <= c <= "\uff5a":
        return chr(ord(c) - 0xFEE0)  # full width as ASCII
    if "\u2f00" <= c <= "\u2fd5" or "\U0002f800" <= c <= "\U0002fa1f":
        return _traditional().get(unicodedata.normalize("NFKC", c), unicodedata.normalize("NFKC", c))
    if c in _NESTED:
        return _NESTED[c]
    simple = _traditional().get(c)
    return simple if simple is not None else ""  # a traditional character, or what shows nothing


def _char(c: str) -> str:
    """One character of a text, after its references are read, as :func:`fold` gives it (before lower case)."""
    if c.isspace():
        return ""
    for old, new in _REPLACED:
        if c == old:
            return new
    rare = _rare_characters().match(c)
    return _rare(rare) if rare else c


@functools.lru_cache(maxsize=8)
def fold(text: str, comments: str = WHOLE) -> str:
    """``text`` as :class:`WithheldNames` compares it: references, escapes, formatting tags and
    quotation marks read; white space, invisible characters and emphasis marks dropped; full-width
    letters and digits, Kangxi radicals, traditional characters and brackets in one form (a title's 〈〉
    inside a title as 《》; 答覆 as 答复, read by the word: :func:`~build_tools.hanzi.simplified_words`, as
    legacy records and traditional input methods write such words); lower case.

    Equal to :func:`folded_with_places`'s text (a property test checks it), at C speed for the most
    part: about 8 ms a megabyte of Chinese text.  The last few are remembered: ``check`` reads each
    text with two nets, one after the other (the withheld files, and those not yet published)."""
    escapes = _ESCAPES
    if comments == MARKS:
        escapes = _ESCAPES_MARKS
    elif "<!--" in text:
        text = "".join(text[a:b] for a, b in _outside_comments(text))
    text = simplified_words(text)
    if any(c in text for c in _TRIGGERS) or "]{" in text:
        text = escapes.sub(lambda m: _unescaped(m.group()), text)
    text = "".join(text.split())
    for old, new in _REPLACED:
        if old in text:
            text = text.replace(old, new)
    rare = _rare_characters()
    if rare.search(text) is not None:  # one look for all: most texts hold none
        text = rare.sub(_rare, text)
    while "--" in text:
        text = text.replace("--", "-")
    return _lower(text)


def bare_title(title: str) -> str:
    """``title`` without the marks an editor pasted around it (《关于……的决定》, “……”, a full stop after it): a
    text names the document without them, and a title so typed was looked for with them (a review)."""
    return _AROUND.sub("", title) or title


_AROUND = re.compile(r"^[\s《“\"'「『]+|[\s》”\"'」』。．.；;，,]+$")


def record_names(title: str, issuers: Iterable[str] = ()) -> frozenset[str]:
    """What a text calls the record of ``title``, as :func:`fold` reads it: the title, the document it
    issues or the title without its issuer (:func:`~build_tools.model.values.document_name`), and the
    title without an issuer it starts with (江川省交通运输厅2024年部门预算 is 2024年部门预算 in its own
    texts), each of six characters or more (shorter ones, 工作要点, are too common to be a record's name)."""
    title = bare_title(title)  # 《……》。 typed around it: a text names it without them (a review)
    names = {fold(title), fold(document_name(title))}
    names.update(fold(title[len(i):]) for i in issuers if i and title.startswith(i))
    return frozenset(n for n in names if len(n) >= 6)


def own_forms(title: str, issuers: Iterable[str] = ()) -> set[str]:
    """The title without its issuer (关于给予张三同志记过处分的决定), and the document a 印发 notice issues
    (王建国同志违纪问题调查报告; not what a 转发 notice forwards: another organ's), as :func:`fold` reads them:
    how the office's own texts and 发文目录 name its documents.  Ten characters or more (shorter ones name other
    organs' documents as well)."""
    forms = {fold(title[len(i):]) for i in issuers if i and title.startswith(i)}
    at = title.find("关于")
    if at > 0:
        forms.add(fold(title[at:]))
    issued = re.match(r"^.*?关于(?:印发|发布|公布)《(.+)》的(?:通知|决定|公告)$", title)
    if issued:  # the office's own document it issues; a 转发 notice's is another organ's (a review)
        forms.add(fold(issued.group(1)))
    return {f for f in forms if len(f) >= 10}


class TitleNet:
    """Whether a text names any of a set of titles (folded, as :func:`record_names` and :func:`own_forms` give
    them), read as :func:`fold` reads it; the automaton made at the first question."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)
        self._net: ahocorasick.Automaton | None = None

    def __bool__(self) -> bool:
        return bool(self.names)

    def names_any(self, text: str) -> bool:
        if not self.names or not text:
            return False
        if self._net is None:
            net = ahocorasick.Automaton()
            for name in self.names:
                net.add_word(name, name)
            net.make_automaton()
            self._net = net
        return next(self._net.iter(fold(text)), None) is not None


def _outside_comments(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the parts of ``text`` outside its HTML comments, in one pass: a comment left
    open (no ``-->`` after it) is text.  A comment inside a name (Word's ``<!--[if !supportLists]-->``,
    ``<!--StartFragment-->``) is read as nothing; what a comment holds is read on its own
    (:meth:`WithheldNames.spans`): the open data keeps a body's comments."""
    parts, at = [], 0
    while True:
        opened = text.find("<!--", at)
        closed = _COMMENT_END.search(text, opened + 4) if opened >= 0 else None
        if closed is None:
            parts.append((at, len(text)))
            return parts
        parts.append((at, opened))
        at = closed.end()


_COMMENT_END = re.compile("--!?>")
"""What ends a comment (``--!>`` too, as browsers and Python-Markdown read it)."""


def _blanked(text: str) -> str:
    """``text`` with each comment's characters as ``\\x00``: what :meth:`WithheldNames._apart` reads
    when comments are read as nothing (a space inside one is not a space between words)."""
    parts = _outside_comments(text)
    out, at = [], 0
    for a, b in parts:
        out.append("\x00" * (a - at))
        out.append(text[a:b])
        at = b
    return "".join(out)


def _placed(at: int, offsets: list[tuple[int, int]]) -> int:
    """Where in the text the character at ``at`` of the text without its comments is (``offsets``:
    each part's start in both)."""
    lo, hi = 0, len(offsets) - 1
    while lo < hi:  # the last part starting at or before ``at``
        mid = (lo + hi + 1) // 2
        if offsets[mid][0] <= at:
            lo = mid
        else:
            hi = mid - 1
    return offsets[lo][1] + at - offsets[lo][0]


def _lower(text: str) -> str:
    """Lower case, one character at a time as a whole text: Python writes a final Σ as ς, which
    depends on what follows; read as σ, a text's lower case is its characters'."""
    text = text.lower()
    return text.replace("ς", "σ") if "ς" in text else text


def folded_with_places(text: str, comments: str = WHOLE) -> tuple[str, list[int], list[int]]:
    """:func:`fold`'s text, with where in ``text`` each of its characters comes from (start, end):
    a reference's characters all come from the whole reference."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    parts = _outside_comments(text) if comments == WHOLE and "<!--" in text else [(0, len(text))]
    outside = simplified_words("".join(text[a:b] for a, b in parts))
    offsets, length = [], 0  # each part's start without the comments, and in the text
    for a, b in parts:
        offsets.append((length, a))
        length += b - a
    for m in (_TOKENS_MARKS if comments == MARKS else _TOKENS).finditer(outside):
        token = _unescaped(m.group()) if m.group("escape") is not None else m.group()
        for c in token:
            for folded in _char(c):
                if folded == "-" and chars and chars[-1] == "-":  # a run of dashes is one
                    ends[-1] = m.end()
                    continue
                chars.append(folded)
                starts.append(m.start())
                ends.append(m.end())
    if len(parts) > 1:  # places in the text without its comments, back to the text's
        starts = [_placed(at, offsets) for at in starts]
        ends = [_placed(at - 1, offsets) + 1 for at in ends]
    folded = "".join(chars)
    lowered = _lower(folded)
    if len(lowered) != len(folded):  # a letter whose lower case is two (İ): each on its own
        lowered = "".join(_lower(c) for c in chars)
        starts = [s for c, s in zip(chars, starts) for _ in _lower(c)]
        ends = [e for c, e in zip(chars, ends) for _ in _lower(c)]
    return lowered, starts, ends


_PATH_GOES_ON = frozenset(string.ascii_lowercase + string.digits + "_-./%~")
"""What may not follow a path: it would go on as another file's."""
_SLUG = frozenset(string.ascii_lowercase + string.digits + ".~_-")
"""The characters of an index slug (views/urls.py), folded."""
_TOKEN_ENDS = frozenset("()<>\"'=:")
"""Where a link's address begins, looking back from a name in it, folded: brackets, quotes, ``=``, ``:``."""
_WRITTEN_OPENS = ("](", "](<", "]:", "]:<", "=\"", "='", "<")
""":data:`_ADDRESS_OPENS` as written (white space dropped): Markdown's brackets, not 【】 or （）."""
_ADDRESS_ENDS = frozenset("()<>[]\"'，。；：、（）《》“”‘’【】")
"""What an address does not hold as written: where one written in text begins, looking back."""
_ADDRESS_OPENS = (")(", ")(<", "):", "):<", "=\"", "='", "<")
"""What comes before a link's address, folded (brackets round, white space dropped): Markdown's ``](``
and ``]:``, an HTML attribute's quoted value (a bare ``=`` is as often a query's:
``downfile.jsp?filename=附件.pdf``)."""
_DISTINCTIVE = re.compile(r".*[a-z\u0080-\U0010ffff].*", re.DOTALL)
"""A stem (eight characters or more, or six Chinese characters) looked for before any extension, once
folded: one with a letter or a Chinese character (``zhengqiu-yijian``, ``拟录用人员名单``).  Digits and marks only
(``20240315``, ``2024-03-15``) and short stems are too common: their names are looked for in links only."""
_EXTENSION_STARTS = frozenset(string.ascii_lowercase)
"""How an extension begins (``.pdf``; not ``.2024年``, a sentence going on after a full stop)."""
_IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LONGEST_TOKEN = 255
"""How far from a name a published name holding it, or the start of the address it is in, is looked for."""


class WithheldNames:
    """The names and site addresses of the files the site does not publish, as a public text may
    still hold them (see the module).

    ``hidden`` and ``published`` are catalogue paths (files the site does not publish, and those it
    does); ``pages`` and ``public_pages`` index slugs (records with no public page, and those with
    one)."""

    def __init__(self, hidden: Iterable[str], published: Iterable[str], pages: Iterable[str] = (),
                 public_pages: Iterable[str] = ()) -> None:
        self._key = (frozenset(hidden), frozenset(published), frozenset(pages) - frozenset(public_pages))
        self._words, self._published = _words(*self._key)
        """The automaton of the words looked for, and that of the published files' names, stems and paths."""
        self._read: dict[str, tuple[tuple[int, int], ...]] = {}
        """What :meth:`spans` found in each text it read (a pure function of the files and the text)."""

    @classmethod
    def shared(cls, hidden: Iterable[str], published: Iterable[str], pages: Iterable[str] = (),
               public_pages: Iterable[str] = ()) -> WithheldNames:
        """The net for these files: the very one another part of the build made for the same files while
        that one is in use, so that a text one has read is not read again (``check`` reads every public
        body with a net for the same files as the gate's whenever every 主动公开 record is published, and
        the pages read them again).  :func:`forget_shared` starts afresh (a build of a server)."""
        net = cls(hidden, published, pages, public_pages)
        held = _NETS.get(net._key)
        if held is not None:
            return held
        _NETS[net._key] = net
        return net

    def __bool__(self) -> bool:
        return self._words is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each withheld name in ``text``, in order, none overlapping another (remembered:
        the next caller asking about the same text gets it without a reading)."""
        if self._words is None:
            return []
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = tuple(self._spans(text))
        return list(found)  # the caller's own: what is remembered stays as found

    def _spans(self, text: str) -> list[tuple[int, int]]:
        commented = "<!--" in text or "-->" in text or "--!>" in text
        placed = [(m.start(1) + start, m.start(1) + end) for m in _SPANS.finditer(text) if m.group(1)
                  for start, end in self.spans(m.group(1))] if "[]{" in text else []  # what a span holds
        for comments in (WHOLE, MARKS) if commented else (WHOLE,):  # see MARKS
            if not self._any(fold(text, comments)):
                continue
            mapped, starts, ends = folded_with_places(text, comments)
            written = _blanked(text) if comments == WHOLE and "<!--" in text else text
            placed += [(starts[start], ends[end - 1]) for start, end in self._found(mapped, (written, starts, ends))]
        out: list[tuple[int, int]] = []
        for start, end in sorted(placed):  # each to where it is written; two may meet inside one reference
            if out and start < out[-1][1]:
                out[-1] = (out[-1][0], max(end, out[-1][1]))
            else:
                out.append((start, end))
        return out

    def scrub(self, text: str) -> str:
        """``text`` without any withheld name :meth:`spans` finds."""
        spans = self.spans(text)
        if not spans:
            return text
        out, at = [], 0
        for start, end in spans:
            out.append(text[at:start])
            at = end
        out.append(text[at:])
        return "".join(out)

    def _any(self, text: str) -> bool:
        """Whether folded ``text`` may hold a name (the looser reading :meth:`_found` gives without places)."""
        for last, (word, kinds, _) in self._words.iter(text):
            end = last + 1
            if any(self._holds(kind, text, end - len(word), end) for kind in kinds):
                return True
        return False

    def _found(self, text: str, places: tuple[str, list[int], list[int]] | None = None) -> list[tuple[int, int]]:
        """The names in folded ``text``: at each place the longest whose conditions hold, then on
        after it.  With ``places`` (the text as written, and where each folded character comes from:
        :func:`folded_with_places`), what white space the fold dropped is read too (:meth:`_apart`);
        without, the reading is looser (any name it finds sends the text to the reading with places)."""
        found = []
        for last, (word, kinds, spaced) in self._words.iter(text):
            end = last + 1
            start = end - len(word)
            if any(self._holds(kind, text, start, end) for kind in kinds) and (
                    places is None or not self._apart(kinds, word, spaced, text, start, end, places)):
                found.append((start, end))
        if not found:
            return found
        found.sort(key=lambda span: (span[0], -span[1]))
        spans, reached = [], 0
        for start, end in found:
            if start >= reached:
                spans.append((start, end))
                reached = end
        return spans

    def _holds(self, kind: str, text: str, start: int, end: int) -> bool:
        after = text[end:end + 1]
        if kind == _STEM:  # before an extension: a dot, then a letter or digit
            return (after == "." and text[end + 1:end + 2] in _EXTENSION_STARTS
                    and not self._inside_published(text, start, end))
        if kind == _PATH:
            return text.endswith("attachments/", 0, start) and after not in _PATH_GOES_ON
        if kind == _FOLDER:
            return text.endswith(("records/", "../"), 0, start) and after not in _SLUG
        if kind == _RELPATH:  # a whole path, not the end of another one (uploads/2024/附件1.pdf elsewhere)
            before = text[max(0, start - 2):start]
            return (after not in _PATH_GOES_ON
                    and (not before or before[-1] not in _PATH_GOES_ON  # 见ysq/…, (ysq/…
                         or before[-1] == "/" and (len(before) < 2 or before[0] in "(\"'<:")  # ](/ysq/…, ]: /ysq/…
                         or text.endswith(("./", "catalogue/"), 0, start))
                    and not self._inside_published(text, start, end))
        # _LINKED: in a link's address, a relative one (another site's file may have the name)
        begins = _address_start(text, start)  # the name begins the address or follows a folder's /
        return (after not in _PATH_GOES_ON and text.endswith(_ADDRESS_OPENS, 0, begins)
                and (begins == start or text[start - 1] == "/") and not text.startswith("/", begins)
                and not self._inside_published(text, start, end))

    def _inside_published(self, text: str, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` is part of a longer name or path that a published file has
        (``fankui-zhengqiu-yijian.pdf``, ``zhengqiu-yijian.v2.pdf``, ``附件(二)申请表单.pdf``), where it stands."""
        if self._published is None:
            return False
        lo = max(0, start - _LONGEST_TOKEN)
        window = text[lo:end + _LONGEST_TOKEN]  # a slice: the automaton reads the whole string it is given
        start, end = start - lo, end - lo
        for last, word in self._published.iter(window):
            if last + 1 >= end and last + 1 - len(word) <= start and len(word) > end - start:
                return True
        return False

    @staticmethod
    def _apart(kinds: frozenset[str], word: str, spaced: bool, text: str, start: int, end: int,
               places: tuple[str, list[int], list[int]]) -> bool:
        """Whether, read as it is written, the name at ``start:end`` of the folded text is no name:

        - white space the fold dropped: a stem's dot with a space after it ends a sentence
          (``2024-03-15. Effective``), and a name of ASCII characters only, written with no space, is
          two words where the text has one (``report 2024.`` is not ``report2024.pdf``); a Chinese
          name is one, wrapped or spaced;
        - a stem in another site's address (``https://www.moj.gov.cn/pub/行政复议决定书.pdf``);
        - a short name whose address does not follow a link's ``](``, ``]:``, ``="`` or ``<`` as
          written: brackets of every shape fold alike, and ``（征求意见稿）（会议纪要.docx）`` is prose.
        """
        written, starts, ends = places
        if _STEM in kinds and (any(c.isspace() for c in written[ends[end]:starts[end + 1]])
                               or _in_other_address(written, starts[start])):
            return True
        if kinds == {_LINKED}:
            at = starts[_address_start(text, start)]
            opened = "".join(written[max(0, at - _LONGEST_TOKEN):at].split()).replace("\x00", "")
            if not opened.endswith(_WRITTEN_OPENS):
                return True
        return word.isascii() and not spaced and any(c.isspace() for c in written[starts[start]:ends[end - 1]])


def _address_start(text: str, start: int) -> int:
    """Where, in folded ``text``, the address holding the name at ``start`` begins: after a bracket,
    a quote, ``=`` or ``:``, at most :data:`_LONGEST_TOKEN` characters back."""
    begins = start
    while begins > 0 and start - begins < _LONGEST_TOKEN and text[begins - 1] not in _TOKEN_ENDS:
        begins -= 1
    return begins


def _in_other_address(written: str, at: int) -> bool:
    """Whether the text written at ``at`` is in an absolute address's path or query (``https://…/
    附件1-行政复议决定书.pdf``, ``//host/…``, ``…?file=2024年….pdf``), looking back to white space, a
    bracket, a quote or Chinese punctuation, none of which an address holds as written.  Text right
    after a host (``http://www.xx.gov.cn查阅关于….pdf``) or after a word of a path's last part
    (``…/index.html关于….pdf``, ``…/a&nbsp;关于….pdf``, ``…/a.html**关于….pdf**``) is not in it; after
    a part's own letters and digits it is (``…/content_关于….htm``, ``…/P020240105关于….pdf``)."""
    begins = at
    while begins > 0 and at - begins < _LONGEST_TOKEN and not written[begins - 1].isspace() \
            and written[begins - 1] not in _ADDRESS_ENDS:
        begins -= 1
    token = written[begins:at]
    scheme = token.find("://") + 3 if "://" in token else 2 if token.startswith("//") else -1
    if scheme < 0:
        return False
    part = max(token.rfind("/"), token.rfind("="))  # a path's part or a query's value has begun …
    if part < scheme:
        return False
    before = token[part + 1:]  # … and no markup or whole file name (index%2Ehtml, ．ｈｔｍｌ too) stands before the stem
    return not _MARKUP_IN_ADDRESS.search(before) and not _FILE_NAME.search(
        unicodedata.normalize("NFKC", unquote(before, errors="replace")))


_MARKUP_IN_ADDRESS = re.compile(f"[*;&\x00{_INVISIBLE}]")
_FILE_NAME = re.compile(r"\.[A-Za-z]")
"""Between a path's ``/`` (or a query's ``=``) and a stem, what makes the stem prose written after the
address: a reference's ``&…;``, emphasis, an invisible character or a comment as written, or a whole
file name however written (``index.html``, ``index%2Ehtml``).  The rest is the address's own
(``content_``, ``P020240105``, ``t20240105_``, ``%E8%A1%8C``, ``R%26D_``)."""



_NETS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
"""The nets in use, by the files they look for (:meth:`WithheldNames.shared`): one is let go with the
last part of the build holding it, and what it read with it."""


def forget_shared() -> None:
    """Make :meth:`WithheldNames.shared` give new nets from now on: a server's next build does not read
    through the last build's, which holds every text it read (an edited body's old text too)."""
    _NETS.clear()


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


@functools.lru_cache(maxsize=4)
def _words(hidden: frozenset[str], published: frozenset[str], pages: frozenset[str]):
    """The automaton of the words :class:`WithheldNames` looks for, each folded with the kinds it is
    looked for as, and the folded names, stems and paths of the published files.  Made once per
    process for the same files (the check, the pages, and the search index's process, forked after
    it)."""
    public_names = {fold(posixpath.basename(p)) for p in published}
    public_stems = {_stem(n) for n in public_names}
    public_paths = {fold(p) for p in published}
    tails = {p[i + 1:] for p in public_paths for i, c in enumerate(p) if c == "/"}
    kinds: dict[str, set[str]] = {}
    spaced: set[str] = set()  # words of a name written with white space (Budget 2024.xlsx)

    def add(word: str, kind: str, written: str = "") -> None:
        if word:
            kinds.setdefault(word, set()).add(kind)
            if any(c.isspace() for c in written):
                spaced.add(word)

    for path in hidden:
        name = fold(posixpath.basename(path))
        folded = fold(path)
        if name not in public_names:  # 附件1.pdf, published from another folder: a public body may name it
            stem = _stem(name)
            if (len(stem) >= 8 or len(_IDEOGRAPHS.findall(stem)) >= 6) and stem not in public_stems \
                    and _DISTINCTIVE.fullmatch(stem):
                add(stem, _STEM, path)
            add(name, _LINKED, path)
        if folded in public_paths:
            continue
        add(folded, _PATH)
        # From the top, and from each folder down (a record names its own folder's ysq/名单.pdf so)
        for at in (-1, *(i for i, c in enumerate(folded) if c == "/")):
            part = folded[at + 1:]
            if "/" in part and part not in tails and part not in public_paths:
                add(part, _RELPATH)
    for slug in pages:
        add(fold(slug), _FOLDER)
    if not kinds:
        return None, None
    words = ahocorasick.Automaton()
    for word, kind in kinds.items():
        words.add_word(word, (word, frozenset(kind), word in spaced))
    words.make_automaton()
    holding = public_names | public_stems | public_paths  # only those that hold a word matter
    holding = {p for p in holding if any(len(p) > len(word) for _, (word, *_) in words.iter(p))}
    if not holding:
        return words, None
    names = ahocorasick.Automaton()
    for p in holding:
        names.add_word(p, p)
    names.make_automaton()
    return words, names
