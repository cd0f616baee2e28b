"""Byte-level pieces of the index format shared by the writer and the reader.

- unsigned LEB128 varints;
- values of a fixed number of bits, packed (the positions);
- FNV-1a (32 bits) over Unicode code points, which decides the chunk a
  bigram or a key lives in (the browser computes the same; see search.js);
- the facet column alphabet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619


def fnv1a(text: str) -> int:
    """FNV-1a over the code points of ``text`` (not its bytes), 32 bits."""
    h = FNV_OFFSET
    for ch in text:
        h = ((h ^ ord(ch)) * FNV_PRIME) & 0xFFFFFFFF
    return h


def put_varint(out: bytearray, value: int) -> None:
    """Append ``value`` (>= 0) as an unsigned LEB128 varint."""
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def varint(value: int) -> bytes:
    """``value`` (>= 0) as an unsigned LEB128 varint."""
    out = bytearray()
    put_varint(out, value)
    return bytes(out)


def varint_table(size: int) -> list[bytes]:
    """The varint of every integer below ``size``: encoding many numbers is then one look-up each."""
    one = min(size, 0x80)
    two = min(size, 0x4000)
    return ([bytes((v,)) for v in range(one)]
            + [bytes((v & 0x7F | 0x80, v >> 7)) for v in range(one, two)]
            + [varint(v) for v in range(two, size)])


def bitmap(members: Iterable[int], size: int) -> bytes:
    """``ceil(size/8)`` bytes with bit ``m`` (least significant first) set for each member ``m``."""
    length = (size + 7) // 8
    # One byte per bit, then the eight interleaved slices (bits 0, 1, … of
    # every byte) packed at once as integers, like :func:`nibbles`, rather
    # than a shift and an or per member.
    flags = bytearray(length * 8)
    for m in members:
        flags[m] = 1
    packed = 0
    for bit in range(8):
        packed |= int.from_bytes(flags[bit::8], "little") << bit
    return packed.to_bytes(length, "little")


_CLAMP15 = bytes(min(i, 15) for i in range(256))


def nibbles(values: list[int]) -> bytes:
    """Values capped at 15, two to a byte (the first in the low half)."""
    clamped = bytes(min(v, 255) for v in values) if max(values) > 255 else bytes(values)
    clamped = clamped.translate(_CLAMP15)
    if len(clamped) % 2:
        clamped += b"\0"
    low, high = clamped[0::2], clamped[1::2]
    size = len(low)
    packed = int.from_bytes(low, "little") | int.from_bytes(high, "little") << 4
    return packed.to_bytes(size, "little")


def packed(*groups: tuple[Sequence[int], int]) -> bytes:
    """Each group's values (non-negative, below ``1 << width``) in ``width`` bits each, one group after
    the other, least significant bit first, padded with zero bits to a whole byte."""
    acc = bits = 0
    for values, width in reversed(groups):  # the last value ends up in the highest bits
        for value in reversed(values):
            acc = acc << width | value
        bits += width * len(values)
    return acc.to_bytes((bits + 7) // 8, "little")


def read_bits(data: bytes, start: int, bit: int, width: int) -> int:
    """The ``width``-bit value at bit ``bit`` of the bits starting at byte ``start`` (as :func:`packed` writes them)."""
    first = start + (bit >> 3)
    return int.from_bytes(data[first:start + ((bit + width + 7) >> 3)], "little") >> (bit & 7) & ((1 << width) - 1)


def get_varint(data: bytes, pos: int) -> tuple[int, int]:
    """Read a varint at ``pos``: (value, next position)."""
    value = shift = 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, pos
        shift += 7


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
"""Digits of the facet columns: one character per document, two when a facet has over 63 values."""


def column(values: list[int], width: int) -> str:
    """Encode one small integer per document (``-1`` for none) in ``width`` characters each."""
    out = []
    for v in values:
        v += 1  # 0 means none
        digits = []
        for _ in range(width):
            digits.append(ALPHABET[v % 64])
            v //= 64
        out.append("".join(reversed(digits)))
    return "".join(out)


def read_column(text: str, width: int) -> list[int]:
    """Inverse of :func:`column`."""
    out = []
    for i in range(0, len(text), width):
        v = 0
        for ch in text[i:i + width]:
            v = v * 64 + ALPHABET.index(ch)
        out.append(v - 1)
    return out


def sparse_column(values: list[int]) -> str:
    """A column where most documents have no value (``-1``), as text: the others only.

    Each document with a value ``v`` (0 to 7) is ``gap × 8 + v`` (``gap``: the
    documents without a value since the previous one), in the digits of
    :func:`number_list`.  About two characters per document with a value.
    """
    numbers, gap = [], 0
    for v in values:
        if v < 0:
            gap += 1
            continue
        if not 0 <= v < 8:
            raise ValueError(v)
        numbers.append(gap * 8 + v)
        gap = 0
    return number_list(numbers)


def read_sparse_column(text: str, size: int) -> list[int]:
    """Inverse of :func:`sparse_column` for ``size`` documents."""
    out = [-1] * size
    doc = 0
    for n in read_number_list(text):
        doc += n >> 3
        out[doc] = n & 7
        doc += 1
    return out


def number_list(values: Iterable[int]) -> str:
    """Non-negative integers as text: each in base-32 digits of :data:`ALPHABET`,
    least significant first, every digit but its last plus 32; one character
    for a value below 32."""
    out = []
    for n in values:
        if n < 0:
            raise ValueError(n)
        while n >= 32:
            out.append(ALPHABET[(n & 31) + 32])
            n >>= 5
        out.append(ALPHABET[n])
    return "".join(out)


def read_number_list(text: str) -> list[int]:
    """Inverse of :func:`number_list`."""
    out, n, scale = [], 0, 1
    for ch in text:
        c = ALPHABET.index(ch)
        n += (c & 31) * scale
        scale *= 32
        if c < 32:
            out.append(n)
            n, scale = 0, 1
    return out


def order_list(order: Sequence[int]) -> str:
    """An order of documents (results by date: newest first) as meta.json ships it.

    The index numbers documents so that neighbours share words (by kind, a
    policy's type and 主题分类), each group newest first: so the date order
    is the groups' runs merged.  Written: the number of runs, each run's length (runs of
    consecutive documents in increasing order), then for each place in
    ``order`` the run its document comes from (:func:`number_list`), left
    out when there is one run (documents numbered in date order).  About
    one or two characters a document; any order can be written, a shuffled
    one at worst about three characters a document.
    """
    run_of = [0] * len(order)
    place = [0] * len(order)
    for i, d in enumerate(order):
        place[d] = i
    lengths: list[int] = []
    for d in range(len(order)):
        if d == 0 or place[d] < place[d - 1]:
            lengths.append(0)
        lengths[-1] += 1
        run_of[place[d]] = len(lengths) - 1
    return number_list([len(lengths), *lengths, *(run_of if len(lengths) > 1 else ())])


def read_order_list(text: str, size: int) -> list[int]:
    """Inverse of :func:`order_list`: the ``size`` documents in order."""
    values = read_number_list(text)
    runs = values[0]
    nexts, start = [], 0
    for length in values[1:1 + runs]:
        nexts.append(start)
        start += length
    if runs == 1:
        return list(range(size))
    out = []
    for run in values[1 + runs:1 + runs + size]:
        out.append(nexts[run])
        nexts[run] += 1
    return out


def bundle_list(sizes: Iterable[int]) -> str:
    """The documents of each result file (bundle), in order, as meta.json ships them.

    Most bundles on a catalogue of long laws hold one document, so only the
    others are written: for each, the one-document bundles before it (since
    the previous one written) and its size less two (:func:`number_list`).
    """
    values, alone = [], 0
    for size in sizes:
        if size < 1:
            raise ValueError(size)
        if size == 1:
            alone += 1
            continue
        values += (alone, size - 2)
        alone = 0
    return number_list(values)


def bundle_firsts(text: str, size: int) -> list[int]:
    """For each of ``size`` documents, the first document of its bundle (which names the bundle's file)."""
    out = list(range(size))
    values = read_number_list(text)
    doc = 0
    for alone, extra in zip(values[0::2], values[1::2]):
        doc += alone
        first = doc
        for d in range(first, min(size, first + extra + 2)):
            out[d] = first
        doc = first + extra + 2
    return out
