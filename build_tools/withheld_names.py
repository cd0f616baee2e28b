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
  ``&#20154;``, ``%2E``, ``%E5%90%8D``) and Markdown's backslash escapes
  (``chufen\\_jueding``, ``决定\\.pdf``), as pandoc and Typora write Word's text;
- white space of any kind, so a name hard-wrapped over two lines or with a
  space inside is one name, and invisible characters (zero-width spaces,
  soft hyphens, byte-order marks) and emphasis marks (``**处分决定**``);
- full-width letters, digits and marks (``．ｐｄｆ``), and letter case
  (Windows does not tell ``CHUFEN.PDF`` from ``chufen.pdf``).

What is found, by kind:

- a name's stem, when distinctive (eight characters or more, no published
  file's stem, not digits only), before its extension's dot;
- a whole name of eight characters or more that is not a stem so found;
- a withheld attachment's path after ``attachments/`` and a withheld
  record's folder (index slug) after ``records/`` or ``../``, whatever their
  length: the site's own addresses, typed as they are on the site;
- a withheld file's path from the catalogue's top (``yishenqing/名单.pdf``),
  when it has a folder and is no published file's path from another folder;
- any withheld file's name, however short (``b.md``), in a relative link's
  address (after ``](``, ``]:``, ``href=`` or ``<``).

A name inside a longer one that a published file has (the published
``fankui-zhengqiu-yijian.pdf`` beside a withheld ``zhengqiu-yijian.pdf``) is
left alone; any other text around a name does not hide it: ``附件：1.关于…决定.pdf``
and ``附件2-关于…决定.pdf`` lose the name.  A name that a published file has
too (附件1.pdf withheld in one folder, published in another) is not looked for.

The words are held in one Aho-Corasick automaton (pyahocorasick), made once
per process for the same files: each text is folded and read once, whatever
the number of names (docs/dev/performance.md has the figures: about 10 ms a
megabyte, of which the fold is two thirds).
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import string
from collections.abc import Iterable
from urllib.parse import unquote

import ahocorasick

_STEM, _NAME, _PATH, _FOLDER, _RELPATH, _LINKED = "stem", "name", "path", "folder", "relpath", "linked"

_ESCAPE = (r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
           r"|(?:%[0-9A-Fa-f]{2})+"
           r"|\\(?=[!-/:-@\[-`{-~])")
"""A character reference, a run of percent-encoded bytes, or Markdown's backslash before a mark."""
_ESCAPES = re.compile(_ESCAPE)
_TOKENS = re.compile(f"(?P<escape>{_ESCAPE})|.", re.DOTALL)
_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"
"""Characters that show nothing (soft hyphen, zero-width spaces and joiners, marks, BOM), as a bracket's range."""
_FULL_WIDTH_RANGE = "\uff0d\uff0e\uff10-\uff19\uff21-\uff3a\uff3f\uff41-\uff5a"
"""Full-width letters, digits, ．, － and ＿: read as their ASCII forms."""
_FULL_WIDTH = re.compile(f"[{_FULL_WIDTH_RANGE}]")
_RARE = re.compile(f"[{_INVISIBLE}{_FULL_WIDTH_RANGE}]")
_DROPPED_SET = frozenset("*`\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
"""Emphasis and code marks, and the characters that show nothing (white space is dropped as well)."""


def _unescaped(token: str) -> str:
    if token[0] == "&":
        return html.unescape(token)
    if token[0] == "%":
        return unquote(token, errors="replace")
    return ""  # the backslash of an escape


def _rare(match: re.Match) -> str:
    c = match.group()
    return chr(ord(c) - 0xFEE0) if c >= "\uff0d" else ""  # full width as ASCII; what shows nothing, dropped


def fold(text: str) -> str:
    """``text`` as :class:`WithheldNames` compares it: references and escapes read, white space,
    invisible characters and emphasis marks dropped, full-width letters and digits as ASCII, lower case.

    Equal to :func:`folded_with_places`'s text (a property test checks it), at C speed for the most
    part: about 10 ms a megabyte of Chinese text."""
    if "&" in text or "%" in text or "\\" in text:
        text = _ESCAPES.sub(lambda m: _unescaped(m.group()), text)
    text = "".join(text.split())
    if "*" in text:
        text = text.replace("*", "")
    if "`" in text:
        text = text.replace("`", "")
    if _RARE.search(text) is not None:  # one look for both: most texts hold neither
        text = _RARE.sub(_rare, text)
    return _lower(text)


def _lower(text: str) -> str:
    """Lower case, one character at a time as a whole text: Python writes a final Σ as ς, which
    depends on what follows; read as σ, a text's lower case is its characters'."""
    text = text.lower()
    return text.replace("ς", "σ") if "ς" in text else text


def folded_with_places(text: str) -> tuple[str, list[int], list[int]]:
    """:func:`fold`'s text, with where in ``text`` each of its characters comes from (start, end):
    a reference's characters all come from the whole reference."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKENS.finditer(text):
        token = _unescaped(m.group()) if m.group("escape") is not None else m.group()
        for c in token:
            if c.isspace() or c in _DROPPED_SET:
                continue
            if "\uff0d" <= c <= "\uff5a" and _FULL_WIDTH.match(c):
                c = chr(ord(c) - 0xFEE0)
            chars.append(c)
            starts.append(m.start())
            ends.append(m.end())
    folded = "".join(chars)
    lowered = _lower(folded)
    if len(lowered) != len(folded):  # a letter whose lower case is two (İ): each on its own
        lowered = "".join(_lower(c) for c in chars)
        starts = [s for c, s in zip(chars, starts) for _ in _lower(c)]
        ends = [e for c, e in zip(chars, ends) for _ in _lower(c)]
    return lowered, starts, ends


_NAME_AFTER = frozenset(string.ascii_lowercase + string.digits + "_-")
"""What may not follow a whole name: it would go on as a longer one."""
_PATH_GOES_ON = frozenset(string.ascii_lowercase + string.digits + "_-./%~")
"""What may not follow a path: it would go on as another file's."""
_SLUG = frozenset(string.ascii_lowercase + string.digits + ".~_-")
"""The characters of an index slug (views/urls.py), folded."""
_TOKEN_ENDS = frozenset("()[]<>\"'=")
"""Where a name's token begins, looking back from it: a link's brackets, quotes, an attribute's ``=``."""
_ADDRESS_OPENS = ("](", "](<", "]:", "]:<", "=", "=\"", "='", "<")
"""What comes before a link's address, white space dropped: Markdown's ``](`` and ``]:``, HTML's ``=``."""
_LONGEST_TOKEN = 255


class WithheldNames:
    """The names and site addresses of the files the site does not publish, as a public text may
    still hold them (see the module).

    ``hidden`` and ``published`` are catalogue paths (files the site does not publish, and those it
    does); ``pages`` and ``public_pages`` index slugs (records with no public page, and those with
    one)."""

    def __init__(self, hidden: Iterable[str], published: Iterable[str], pages: Iterable[str] = (),
                 public_pages: Iterable[str] = ()) -> None:
        self._words, self._published = _words(frozenset(hidden), frozenset(published),
                                               frozenset(pages) - frozenset(public_pages))

    def __bool__(self) -> bool:
        return self._words is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each withheld name in ``text``, in order, none overlapping another."""
        if self._words is None:
            return []
        folded = fold(text)
        if not self._found(folded):
            return []
        mapped, starts, ends = folded_with_places(text)
        found = self._found(mapped)
        out: list[tuple[int, int]] = []
        for start, end in found:  # each to where it is written; two may meet inside one reference
            start, end = starts[start], ends[end - 1]
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

    def _found(self, text: str) -> list[tuple[int, int]]:
        """The names in folded ``text``: at each place the longest whose conditions hold, then on
        after it."""
        found = []
        for last, (word, kinds) in self._words.iter(text):
            end = last + 1
            start = end - len(word)
            if any(self._holds(kind, text, start, end) for kind in kinds):
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
        if kind == _STEM:
            return after == "." and not self._inside_published(text, start, end)
        if kind == _NAME:
            return after not in _NAME_AFTER and not self._inside_published(text, start, end)
        if kind == _PATH:
            return text.endswith("attachments/", 0, start) and after not in _PATH_GOES_ON
        if kind == _FOLDER:
            return text.endswith(("records/", "../"), 0, start) and after not in _SLUG
        if kind == _RELPATH:
            return after not in _PATH_GOES_ON and not self._inside_published(text, start, end)
        # _LINKED: in a link's address, a relative one (another site's file may have the name)
        begins = start
        while begins > 0 and start - begins < _LONGEST_TOKEN and text[begins - 1] not in _TOKEN_ENDS:
            begins -= 1
        return (after not in _PATH_GOES_ON and text.endswith(_ADDRESS_OPENS, 0, begins)
                and ":" not in text[begins:start] and not text.startswith("/", begins)
                and not self._inside_published(text, start, end))

    def _inside_published(self, text: str, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` ends a longer name or path that a published file has."""
        at = start - 1
        while at >= 0 and start - at <= _LONGEST_TOKEN and text[at] not in _TOKEN_ENDS:
            if text[at:end] in self._published:
                return True
            at -= 1
        return False


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

    def add(word: str, kind: str) -> None:
        if word:
            kinds.setdefault(word, set()).add(kind)

    for path in hidden:
        name = fold(posixpath.basename(path))
        folded = fold(path)
        if name not in public_names:  # 附件1.pdf, published from another folder: a public body may name it
            stem = _stem(name)
            if len(stem) >= 8 and stem not in public_stems and not stem.isdigit():
                add(stem, _STEM)
            elif len(name) >= 8:
                add(name, _NAME)
            add(name, _LINKED)
        if folded in public_paths:
            continue
        add(folded, _PATH)
        if "/" in folded and folded not in tails:
            add(folded, _RELPATH)
    for slug in pages:
        add(fold(slug), _FOLDER)
    if not kinds:
        return None, frozenset()
    words = ahocorasick.Automaton()
    for word, kind in kinds.items():
        words.add_word(word, (word, frozenset(kind)))
    words.make_automaton()
    return words, frozenset(public_names | public_stems | public_paths)
