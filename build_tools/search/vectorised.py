"""The index's encodings of long posting lists, computed a whole list at a time with numpy.

:meth:`.index._Postings.entries` encodes each term's postings and positions
with Python's built-ins, one integer at a time, which is fastest for the
many short lists (most terms are in few documents, a few times each).  The
common bigrams of long laws have lists of thousands to millions of
occurrences (第一, 条例, 规定 …), and there most of an index build's time
went on one look-up and one join per occurrence.  For a list of
:data:`LARGE` occurrences or more, the functions here compute the same
bytes with array operations: the runs of one document, the document gaps,
the frequencies and the positions as arrays, their LEB128 varints all at
once (:func:`varints`) and the positions' bits packed a block at a time
(:func:`packed`).  Long texts are normalised the same way, a whole text at
a time (:class:`ArrayNormaliser`).

Same bytes as the plain path, not similar ones: ``tests/test_search_index_speed.py``
builds random and long texts both ways, and with every list taking this
path, against the reference written from the format description.
"""

from __future__ import annotations

from array import array

import numpy as np

from .encoding import varint
from .normalise import Normaliser

LARGE = 256
"""Occurrences from which a list is encoded here (below, numpy's cost per call outweighs its speed per element)."""


def occurrences(found: array) -> np.ndarray:
    """A bigram's packed occurrences (``document << shift | position``, an ``array``) as unsigned integers, not copied."""
    return np.frombuffer(found, dtype=np.uint32 if found.itemsize == 4 else np.uint64)


def runs(occ: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(documents, their frequencies, index of each document's first occurrence) of sorted occurrences."""
    docs = (occ >> shift).astype(np.int64)
    starts = np.flatnonzero(np.diff(docs, prepend=-1))
    tfs = np.diff(starts, append=len(docs))
    return docs[starts], tfs, starts


def varints(values: np.ndarray) -> bytes:
    """Every value (non-negative integers) as an unsigned LEB128 varint, one after another."""
    values = values.astype(np.uint64, copy=False)
    if not len(values):
        return b""
    size = np.ones(len(values), dtype=np.int64)
    bound = 1 << 7
    while bound < 1 << 64:
        more = values >= np.uint64(bound)
        if not more.any():
            break
        size += more
        bound <<= 7
    ends = np.cumsum(size)
    out = np.empty(int(ends[-1]), dtype=np.uint8)
    first = ends - size  # where each value's first byte goes
    for k in range(int(size.max())):
        rest = size > k  # values with a k-th byte
        where = first[rest] + k
        part = (values[rest] >> np.uint64(7 * k)) & np.uint64(0x7F)
        out[where] = part | (size[rest] > k + 1).astype(np.uint64) << np.uint64(7)
    return out.tobytes()


def postings(docs: np.ndarray, tfs: np.ndarray, n_docs: int, dense: bool) -> bytes:
    """One field's postings of a term (``docs`` ascending), as :meth:`.index._Postings._write_postings` writes them."""
    df = len(docs)
    if dense:
        flags = np.zeros((n_docs + 7) // 8 * 8, dtype=np.uint8)
        flags[docs] = 1
        capped = np.minimum(tfs, 15).astype(np.uint8)
        if df % 2:
            capped = np.append(capped, np.uint8(0))
        halves = capped[0::2] | capped[1::2] << np.uint8(4)
        return varint(df * 2 + 1) + np.packbits(flags, bitorder="little").tobytes() + halves.tobytes()
    gaps = np.diff(docs, prepend=-1) - 1
    repeated = tfs > 1
    codes = gaps * 2 + repeated  # the gap doubled, plus one when the frequency less two follows
    after = np.flatnonzero(repeated)
    codes = np.insert(codes, after + 1, tfs[after] - 2)
    return varints(np.concatenate(([df * 2], codes)))


def positions(occ: np.ndarray, tfs: np.ndarray, starts: np.ndarray, shift: int, counted: int) -> bytes:
    """One bigram's positions in one field, packed, as :func:`.index._positions` writes them."""
    occ = occ.astype(np.uint64, copy=False)
    firsts = occ[starts] & np.uint64((1 << shift) - 1)
    w1 = int(firsts.max()).bit_length()
    if len(tfs) == len(occ):  # once in each document
        return bytes((w1,)) + packed((firsts, w1))
    later = np.ones(len(occ), dtype=bool)
    later[starts] = False  # every occurrence but a document's first: its gap from the one before
    gaps = (occ[1:] - occ[:-1])[later[1:]]
    w2 = int(gaps.max()).bit_length()
    return varints(tfs[tfs >= counted]) + bytes((w1, w2)) + packed((firsts, w1), (gaps, w2))


_BLOCK = 1 << 16
"""Values turned into bits at a time by :func:`packed`."""


def packed(*groups: tuple[np.ndarray, int]) -> bytes:
    """:func:`.encoding.packed` of arrays: each group's values in ``width`` bits, least significant first.

    A block of values at a time, so the bits of a list of millions of
    positions are never all in memory, one byte each, at once.
    """
    out = []
    carry = np.empty(0, dtype=np.uint8)  # bits of the last group not yet a whole byte
    for values, width in groups:
        if not width:
            continue
        weights = np.arange(width, dtype=np.uint64)
        for start in range(0, len(values), _BLOCK):
            block = values[start:start + _BLOCK].astype(np.uint64, copy=False)
            bits = ((block[:, None] >> weights) & np.uint64(1)).astype(np.uint8).ravel()
            if len(carry):
                bits = np.concatenate((carry, bits))
            whole = len(bits) // 8 * 8
            out.append(np.packbits(bits[:whole], bitorder="little").tobytes())
            carry = bits[whole:]
    if len(carry):
        out.append(np.packbits(carry, bitorder="little").tobytes())
    return b"".join(out)


def frequencies(parts: list, n_docs: int) -> tuple[list[int], list[int]]:
    """(documents, frequencies) of a character from ``parts``: lists of documents, one entry per occurrence,
    or ``(documents, frequencies)`` arrays of :func:`runs`."""
    counts = np.zeros(n_docs, dtype=np.int64)
    for part in parts:
        if isinstance(part, tuple):
            docs, tfs = part
            counts[docs] += tfs  # each document once in a run
        elif part:
            counts += np.bincount(np.asarray(part, dtype=np.int64), minlength=n_docs)
    docs = np.flatnonzero(counts)
    return docs.tolist(), counts[docs].tolist()


_DROP = np.uint32(0xFFFFFFFF)
_SEVERAL = np.uint32(0xFFFFFFFE)
"""Values no code point has: a character normalised away, and one normalised to several characters."""
_CODE_POINTS = 0x110000
LONG_TEXT = 256
"""Characters from which a text is normalised with arrays: about where both ways take as long (7 µs for
128 characters either way, 8 µs against 12 µs for 256, 19 µs against 103 µs for 2,048)."""


class ArrayNormaliser(Normaliser):
    """:class:`~.normalise.Normaliser`, giving the same text, a long text's characters looked up all at once.

    ``str.translate`` with a mapping looks up each character in Python's
    dict one at a time (52 ns a character: 0.37 s for 1,000 long laws).
    Here a text is read as its code points, each one's normal form looked up
    in an array of every code point (the characters it never met before
    first added, through the same table, so :meth:`fold_table` is the
    same), the dropped ones left out, and the rest read back as text
    (0.05 s).  A text holding a character normalised to several characters
    (``㈠`` → ``(一)``), or one that is no character (a lone surrogate), is
    translated as before.
    """

    def __init__(self) -> None:
        super().__init__()
        self._forms = np.arange(_CODE_POINTS, dtype="<u4")  # UTF-32-LE's code units, on any machine
        self._met = np.zeros(_CODE_POINTS, dtype=bool)

    def __call__(self, text: str) -> str:
        if len(text) < LONG_TEXT:
            return super().__call__(text)
        try:
            points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        except UnicodeEncodeError:
            return super().__call__(text)
        new = points[~self._met[points]]
        if new.size:
            table = self._table
            for point in np.unique(new).tolist():
                form = table[point]
                self._forms[point] = _DROP if not form else ord(form) if len(form) == 1 else _SEVERAL
                self._met[point] = True
        forms = self._forms[points]
        if (forms == _SEVERAL).any():
            return super().__call__(text)
        return forms[forms != _DROP].tobytes().decode("utf-32-le")
