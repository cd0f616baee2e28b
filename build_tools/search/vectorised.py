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
(:func:`packed`).  The many short lists are encoded the same way, tens of
thousands of them in one pass (:func:`short_lists`): there the cost was a
few Python calls per list.  Long texts are normalised the same way, a whole
text at a time (:class:`ArrayNormaliser`).

Same bytes as the plain path, not similar ones: ``tests/test_search_index_speed.py``
builds random and long texts both ways, with every list taking this path,
with short lists encoded one by one and in batches closed after every
character, against the reference written from the format description.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from .encoding import varint
from .normalise import Normaliser

LARGE = 256
"""Occurrences from which a list is encoded here (below, numpy's cost per call outweighs its speed per element)."""
BATCH = 1 << 16
"""Occurrences of the shorter lists encoded together by :func:`short_lists` (0: each list on its own, in Python)."""


def occurrences(found: array) -> np.ndarray:
    """A bigram's packed occurrences (``document << shift | position``, an ``array``) as unsigned integers, not copied."""
    return np.frombuffer(found, dtype=np.uint32 if found.itemsize == 4 else np.uint64)


def runs(occ: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(documents, their frequencies, index of each document's first occurrence) of sorted occurrences."""
    docs = (occ >> shift).astype(np.int64)
    starts = np.flatnonzero(np.diff(docs, prepend=-1))
    tfs = np.diff(starts, append=len(docs))
    return docs[starts], tfs, starts


def varint_sizes(values: np.ndarray) -> np.ndarray:
    """The bytes of each value's varint (``values`` unsigned, 64 bits)."""
    size = np.ones(len(values), dtype=np.int64)
    bound = 1 << 7
    while bound < 1 << 64:
        more = values >= np.uint64(bound)
        if not more.any():
            break
        size += more
        bound <<= 7
    return size


def varints(values: np.ndarray, size: np.ndarray | None = None) -> bytes:
    """Every value (non-negative integers) as an unsigned LEB128 varint, one after another
    (``size``: :func:`varint_sizes` of them, if known)."""
    values = values.astype(np.uint64, copy=False)
    if not len(values):
        return b""
    if size is None:
        size = varint_sizes(values)
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


def _bit_lengths(values: np.ndarray) -> np.ndarray:
    """``int.bit_length`` of each value (non-negative, below 2⁵³)."""
    return np.frexp(values.astype(np.float64))[1].astype(np.int64)


def _put_bits(values: np.ndarray, widths: np.ndarray, offsets: np.ndarray, size: int) -> np.ndarray:
    """``size`` bytes holding each value in ``widths`` bits from bit ``offsets`` on, least significant first.

    The values' bits must not overlap, so adding them is setting them: each
    value is shifted into the 16-bit words it touches, and the words are
    summed with ``bincount``, whose float weights are exact below 2⁵³.
    """
    if not len(values):
        return np.zeros(size, dtype=np.uint8)
    words = (size + 1) // 2 + 1
    word = offsets >> 4
    shifted = values.astype(np.uint64) << (offsets & 15).astype(np.uint64)
    total = np.zeros(words + 8, dtype=np.float64)
    for part in range((15 + int(widths.max()) + 15) // 16):
        piece = (shifted >> np.uint64(16 * part)) & np.uint64(0xFFFF)
        total += np.bincount(word + part, weights=piece.astype(np.float64), minlength=words + 8)
    return total.astype("<u2").view(np.uint8)[:size]


def _byte_items(values: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The varint of each value (unsigned, 64 bits), written from byte ``at`` on, as :func:`_put_bits`'
    (values, widths, offsets)."""
    sizes = varint_sizes(values)
    raw = np.frombuffer(varints(values, sizes), dtype=np.uint8)
    owner = np.repeat(np.arange(len(values)), sizes)
    within = np.arange(len(raw)) - (np.cumsum(sizes) - sizes)[owner]
    return raw, np.full(len(raw), 8), 8 * (at[owner] + within)


def _dense_postings(dfs: np.ndarray, run_docs: np.ndarray, tfs: np.ndarray, run_rank: np.ndarray,
                    tails: np.ndarray, n_docs: int) -> list[bytes]:
    """Dense postings of some short lists: df·2+1, a bitmap of the documents, each frequency in a nibble
    (capped at 15), then ``tails`` (each list's positions' length) as a varint; the runs are those of
    these lists only, in order."""
    count = len(dfs)
    heads = (dfs * 2 + 1).astype(np.uint64)
    head_sizes = varint_sizes(heads)
    bitmap_bytes = (n_docs + 7) // 8
    nibble_bytes = (dfs + 1) // 2
    tail_sizes = varint_sizes(tails.astype(np.uint64))
    lengths = head_sizes + bitmap_bytes + nibble_bytes + tail_sizes
    starts = np.cumsum(lengths) - lengths
    run_list = np.repeat(np.arange(count), dfs)
    bitmap_at = 8 * (starts + head_sizes)
    parts = [_byte_items(heads, starts), _byte_items(tails.astype(np.uint64), starts + lengths - tail_sizes),
             (np.ones(len(run_docs), dtype=np.uint64), np.ones(len(run_docs), dtype=np.int64),
              bitmap_at[run_list] + run_docs),
             (np.minimum(tfs, 15).astype(np.uint64), np.full(len(tfs), 4),
              bitmap_at[run_list] + 8 * bitmap_bytes + 4 * run_rank)]
    data = _put_bits(*(np.concatenate(column) for column in zip(*parts)), int(lengths.sum())).tobytes()
    return [data[b:b + k] for b, k in zip(starts.tolist(), lengths.tolist())]


def short_lists(found: Sequence[array], shift: int, counted: int,
                n_docs: int, dense: int) -> tuple[list[bytes], list[bytes], list[list[int]]]:
    """Many bigrams' short lists of occurrences in one field, encoded all at once.

    Each list is one bigram's occurrences in one field (``document << shift
    | position``, sorted, at least one).  Returns, list by list: the field's
    postings as :meth:`.index._Postings._write_postings` writes them (a
    bitmap when more than ``dense`` of the ``n_docs`` documents hold it)
    followed by the varint of its positions' length; the positions as
    :func:`.index._positions` packs them; and the document of each
    occurrence (for the bigram's first character's postings).

    The plain path costs a few Python calls per list and per occurrence,
    and most of an index's lists are short (18,000 of 18,500 at 1,000
    generated records).  Here every step is one array operation over all
    the lists: the runs of one document, the gaps, the widths of each list's
    positions, the varints, and every value's bits, placed by offset.
    """
    count = len(found)
    lengths = np.fromiter(map(len, found), dtype=np.int64, count=count)
    occ = np.frombuffer(b"".join(found), dtype=np.uint32 if found[0].itemsize == 4 else np.uint64)
    n = len(occ)
    starts = np.cumsum(lengths) - lengths  # each list's first occurrence
    list_of = np.repeat(np.arange(count), lengths)
    docs = (occ >> np.uint64(shift)).astype(np.int64)  # unsigned first: an occurrence may use all 64 bits
    positions = (occ & np.uint64((1 << shift) - 1)).astype(np.int64)
    first_of_run = np.ones(n, dtype=bool)
    first_of_run[1:] = docs[1:] != docs[:-1]
    first_of_run[starts] = True
    run_starts = np.flatnonzero(first_of_run)
    tfs = np.diff(run_starts, append=n)
    run_docs = docs[run_starts]
    run_list = list_of[run_starts]
    dfs = np.bincount(run_list, minlength=count)
    run_offsets = np.cumsum(dfs) - dfs  # each list's first run

    # Positions: { count of a run of `counted` or more } w1 [w2] bits(firsts in w1, gaps in w2).
    firsts = positions[run_starts]
    w1 = _bit_lengths(np.maximum.reduceat(firsts, run_offsets))
    later = ~first_of_run
    gaps = (positions[1:] - positions[:-1])[later[1:]]
    n_gaps = lengths - dfs
    gap_offsets = np.cumsum(n_gaps) - n_gaps
    several = n_gaps > 0  # some document holds the bigram more than once: w2 follows w1
    w2 = np.zeros(count, dtype=np.int64)
    if several.any():
        w2[several] = _bit_lengths(np.maximum.reduceat(gaps, gap_offsets[several]))
    told = tfs >= counted
    told_values = tfs[told].astype(np.uint64)
    told_sizes = varint_sizes(told_values)
    told_list = run_list[told]
    told_bytes = np.bincount(told_list, weights=told_sizes, minlength=count).astype(np.int64)
    told_first = np.cumsum(told_bytes) - told_bytes  # each list's first count byte, among all of them
    head = told_bytes + 1 + several
    bits = dfs * w1 + n_gaps * w2
    lengths_out = head + (bits + 7) // 8
    out_starts = np.cumsum(lengths_out) - lengths_out
    size = int(lengths_out.sum())
    bit_starts = 8 * (out_starts + head)  # where each list's packed values begin
    # Every value written, as (value, width, bit offset): the counts' varint bytes, w1, w2, firsts, gaps.
    told_raw, told_widths, told_at = _byte_items(
        told_values, out_starts[told_list] + np.cumsum(told_sizes) - told_sizes - told_first[told_list])
    run_rank = np.arange(len(run_starts)) - run_offsets[run_list]
    gap_list = list_of[later]
    gap_rank = np.arange(len(gaps)) - gap_offsets[gap_list]
    values = np.concatenate((told_raw, w1, w2[several], firsts, gaps)).astype(np.uint64)
    widths = np.concatenate((told_widths, np.full(count + int(several.sum()), 8), w1[run_list], w2[gap_list]))
    offsets = np.concatenate((told_at, 8 * (out_starts + told_bytes), 8 * (out_starts + told_bytes + 1)[several],
                              bit_starts[run_list] + run_rank * w1[run_list],
                              bit_starts[gap_list] + dfs[gap_list] * w1[gap_list] + gap_rank * w2[gap_list]))
    packed_positions = _put_bits(values, widths, offsets, size).tobytes()

    # Postings: df·2 { gap·2 [+1, tf−2] } × df, then the positions' length.
    repeated = tfs > 1
    n_repeated = np.bincount(run_list, weights=repeated, minlength=count).astype(np.int64)
    n_values = 2 + dfs + n_repeated
    value_starts = np.cumsum(n_values) - n_values
    repeated_before = np.cumsum(repeated) - repeated
    repeated_before -= repeated_before[run_offsets][run_list]
    at = value_starts[run_list] + 1 + run_rank + repeated_before
    previous = np.empty(len(run_docs), dtype=np.int64)
    previous[0:1] = -1
    previous[1:] = run_docs[:-1]
    previous[run_offsets] = -1
    numbers = np.empty(int(n_values.sum()), dtype=np.uint64)
    numbers[value_starts] = dfs * 2
    numbers[at] = (run_docs - previous - 1) * 2 + repeated
    numbers[at[repeated] + 1] = tfs[repeated] - 2
    numbers[value_starts + n_values - 1] = lengths_out
    sizes = varint_sizes(numbers)
    encoded = varints(numbers, sizes)
    ends = np.cumsum(sizes)[value_starts + n_values - 1].tolist()
    begins = [0, *ends[:-1]]
    bounds = out_starts.tolist()
    doc_list = docs.tolist()
    firsts_at = starts.tolist()
    postings = [encoded[b:e] for b, e in zip(begins, ends)]
    bitmaps = np.flatnonzero(dfs > dense)  # (their sparse encoding above is not used)
    if len(bitmaps):
        in_bitmaps = np.isin(run_list, bitmaps)
        for k, data in zip(bitmaps.tolist(), _dense_postings(
                dfs[bitmaps], run_docs[in_bitmaps], tfs[in_bitmaps], run_rank[in_bitmaps], lengths_out[bitmaps],
                n_docs)):
            postings[k] = data
    return (postings,
            [packed_positions[b:b + k] for b, k in zip(bounds, lengths_out.tolist())],
            [doc_list[b:b + k] for b, k in zip(firsts_at, lengths.tolist())])


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
