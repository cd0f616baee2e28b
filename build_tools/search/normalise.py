"""The text normalisation search uses, one character at a time.

Every character maps to a (possibly empty) string on its own: NFKC, then
lower case, then white space, invisible format characters and quotation
and title marks (“” 「」 《》 …) are dropped
and every bracket of the families editors use around a document number's
year (``[ ( （ 【 〔 ［`` and their closers) becomes ``〔`` / ``〕``.  Because the
map works character by character, normalising a substring gives a substring
of the normalised text: whatever a reader types that occurs in a record also
occurs in the record's normalised text, which is what makes recall complete.

The same map applied to a 发文字号 gives what
:func:`~build_tools.model.values.normalise_doc_no` gives, folded further, so
``皖交办[2014]103号`` and ``皖交办〔2014〕103号`` are the same search string:
``normalise(x) == normalise(normalise_doc_no(x))`` (tested).

The browser applies the same map.  The map for every character of the
catalogue whose normal form is not itself, plus the full-width forms a
reader might type, is shipped in the index metadata, so the browser needs
no Unicode tables of its own (it falls back to ``String.prototype.normalize``
for characters the catalogue does not contain).
"""

from __future__ import annotations

import unicodedata

OPENERS = "[(（【〔［"
CLOSERS = "])）】〕］"
OPEN, CLOSE = "〔", "〕"

# White space as JavaScript's \s knows it, the separators Python's
# str.isspace adds, invisible format characters (soft hyphen, zero-width
# space and joiners, word joiner, byte-order mark), and quotation and
# title marks, so 三公经费 finds “三公”经费 and a title finds 《title》.
DROPPED = frozenset(
    "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\xad\u200b\u200c\u200d\u200e\u200f\u2060"
    "\"'“”‘’「」『』《》〈〉"
    # Invisible too, and typed or pasted by readers (found by a review): variation selectors (a phone
    # keyboard adds U+FE0F after ☎), the bidi embeddings and isolates, the invisible operators, the
    # combining grapheme joiner, the Mongolian vowel separator, the Arabic letter mark.
    + "".join(map(chr, range(0xFE00, 0xFE10))) + "\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\u034f\u180e\u061c")


def _invisible(ch: str) -> bool:
    """A character a page does not show that :data:`DROPPED` does not list: any other format character
    (category Cf) and the ideographic variation selectors after a name's rare character (U+E0100–E01EF).
    The catalogue's own are shipped in the fold table; a reader does not type them."""
    return unicodedata.category(ch) == "Cf" or 0xE0100 <= ord(ch) <= 0xE01EF

SENTINEL = "\x00"
"""Separates the parts of a field (keywords, attachments): no bigram spans it."""

_BRACKETS = {**{c: OPEN for c in OPENERS}, **{c: CLOSE for c in CLOSERS}}


def fold_char(ch: str) -> str:
    """The normal form of one character (possibly empty, possibly several characters)."""
    if ch in DROPPED or _invisible(ch):
        return ""
    if ch == SENTINEL:
        return SENTINEL
    out = []
    for c in unicodedata.normalize("NFKC", ch).lower():
        if c in DROPPED:
            continue
        out.append(_BRACKETS.get(c, c))
    return "".join(out)


class _Table(dict):
    """``str.translate`` table that computes each character's form once."""

    def __missing__(self, cp: int) -> str:
        self[cp] = value = fold_char(chr(cp))
        return value


class Normaliser:
    """Normalises texts and remembers which characters it met.

    One per index build, so the fold table shipped with an index depends on
    that index's texts only (the build stays byte-for-byte reproducible).
    """

    def __init__(self) -> None:
        self._table = _Table()

    def __call__(self, text: str) -> str:
        return text.translate(self._table)

    def fold_table(self) -> dict[str, str]:
        """Every character met (and the usual typed forms) whose normal form differs.

        Shipped to the browser so it normalises queries exactly as the
        index was normalised.  Dropped characters map to ``""``.
        """
        chars = {chr(cp) for cp in self._table} | set(_TYPED)
        chars.discard(SENTINEL)
        return {c: f for c in sorted(chars) if (f := fold_char(c)) != c}


# Characters a reader may type that the catalogue might not contain in that
# form: full-width ASCII, the ideographic space, capitals, brackets.
_TYPED = ("".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000" + OPENERS + CLOSERS
          + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

normalise = Normaliser()
"""The search form of a text (see the module docstring)."""
