"""The search index: overlapping character bigrams, split into chunks.

Chinese has no spaces, and word segmenters miss strings they do not know as
words (a local road name, 段简 inside 一段简单).  So the index works as CJK
engines do (Lucene's CJK analyzer): every pair of adjacent characters of the
normalised text is a term, and so is every single character (for one-
character queries).  A query of n characters is n-1 bigrams; a record
contains the query exactly when it holds those bigrams at consecutive
positions, which the positions stored for each bigram prove.

Everything is plain data: :func:`build_index` returns ``{path: bytes}``
relative to the site root, the same bytes for the same input.  Layout
(``<id>`` is a hash of the content, so a browser may cache chunks forever
and a rebuilt site never mixes chunks of two builds)::

    search/data/<f>/meta.json            what the browser reads first (small, plain JSON)
    search/data/<f>/<id>/facets.json     facet values of every document, one character each
    search/data/<f>/<id>/p/<b>.bin       postings of the terms whose hash is b (mod buckets), every b
    search/data/<f>/<id>/x/<b>.bin       their positions too long to sit in the chunk, read to count every match
    search/data/<f>/<id>/k/<b>.json      exact keys (index numbers, 发文字号) → documents
    search/data/<f>/<id>/d/<n>.json      what a result shows of document n and those bundled with it, their whole texts

(``<f>``: the format, :data:`FORMAT`.)

Every file under ``<id>/`` is stored compressed (zlib's format, RFC 1950):
the browser inflates it (``DecompressionStream('deflate')``, or pako where
that is missing), so the index is about the size of the text it holds
rather than three times it, without relying on the web server to compress.
A document's texts are whole in its one file: a result costs one request,
wherever in a long law the query stands.  Short documents share that file
with their neighbours (a *bundle*: documents n, n+1, … up to about
:data:`BUNDLE` bytes, named by its first document; a document over
:data:`ALONE` bytes is a bundle of its own): short records compress little one by one
(a 2 KB notice to about half) and much better beside the others, which
repeat their issuers, numbers and formulas.  ``bundles`` in meta.json says
which documents share a file (:func:`.encoding.bundle_list`).

Documents are numbered in the order they come, which
:func:`.documents.index_order` makes one of neighbours sharing words (by
kind, a policy's type and 主题分类), so that gaps in the postings are small
and bundles compress well; ``newest`` in meta.json lists them newest first
(:func:`.encoding.order_list`), for results by date and among equals.

Postings chunk ``p/<b>.bin`` (integers are LEB128 varints unless said)::

    count
    count × { cp1 cp2 length where  field_0 field_1 field_2 field_3  [positions] }
    field = 0                                   (term absent from the field)
          | df·2   { g [tf−2] } × df  poslen    (sparse: g = gap·2, or gap·2+1 then tf−2 when
                                                 tf > 1; gap = doc − previous doc − 1)
          | df·2+1 bitmap[ceil(N/8)] tf4[ceil(df/2)] poslen
                                                (dense: bit d of the bitmap (LSB first)
                                                 set when document d has the term;
                                                 term frequencies as nibbles, capped at 15)

Terms are sorted by code points (``cp2`` is 0 for a one-character term);
``length`` is the byte length of the rest of the entry (to skip it).  A
one-character term tells only whether a document holds it more than once
(its frequency 1 or 2, all a one-character term ranks by, see
docs/dev/search.md): sparse, ``g`` is gap·2 + 1 when it does and no tf−2
follows; dense, ``tf4`` is instead a bitmap of ``ceil(df/8)`` bytes, bit k
set when the k-th document holding it holds it more than once.

A bigram's positions are, field after field, the positions of each
document in postings order, packed::

    { count } × (documents of frequency 15 or more; a dense list's nibble cannot say it)
    w₁ [w₂]     (one byte each: the bits of a first position and of a gap; w₂ only when
                 some document holds the bigram more than once)
    bits        (every document's first position in w₁ bits, then, document after document,
                 the gap from each position to the next in w₂ bits; least significant bit
                 first, the last byte padded with zeros)

``w₁`` and ``w₂`` are the bit lengths of the largest first position and gap
of that field's list (``w₁`` may be 0: every document's first position 0),
so a reader finds any document's positions without reading the others'.
``poslen`` is 0 for a single character.  Up to
:data:`INLINE` bytes they follow the fields in the entry (``where`` 0), so
the chunk that gives a bigram's candidates also proves them; longer ones
(the commonest bigrams) are in ``x/<b>.bin`` at offset ``where − 1``,
read only to count every match.  A posting list is dense when over 1/12
of all documents hold the term (a bitmap is then smaller than the list).
Bucket ``b`` is FNV-1a (32 bits, over code points) of the term, modulo the
number of buckets: a power of two giving chunks of about
:data:`TARGET_CHUNK` bytes before compression.

A document's fields are its title, meta, body and attachments (see
:mod:`.documents`); positions count normalised characters within a field,
whose parts (keywords, attachments) are joined by a separator no bigram
spans.
"""

from __future__ import annotations

import hashlib
import json
import math
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from itertools import chain, repeat
from operator import rshift

from isal import isal_zlib

from ..status import Status
from ..model.fields import Kind
from .documents import FIELDS, KIND_LABELS, SearchDocument
from .encoding import (bitmap, bundle_list, column, fnv1a, nibbles, order_list, packed, put_varint, sparse_column,
                       varint, varint_table)
from .normalise import CLOSERS, DROPPED, OPENERS, SENTINEL, Normaliser
from .synonyms import merge_groups

FORMAT = 5
ROOT = f"search/data/{FORMAT}/"
"""Where the index lives in the site, by format: a script a browser kept from before the site was
rebuilt with another format finds no index there (and says so) rather than misreading this one."""
MAX_QUERY = 100
"""Longest query (characters) the search box accepts."""
TARGET_CHUNK = 12288
"""Aim for postings chunks of about this many bytes on average (before compression)."""
INLINE = 2048
"""A term's positions up to this many bytes are stored with its postings (one request proves it)."""
COUNTED = 15
"""A document's count of positions is written (before the field's packed positions) when its frequency is this or more."""
DENSE_FRACTION = 12
"""A posting list is a bitmap when more than 1/DENSE_FRACTION of the documents hold the bigram."""
BUNDLE = 65536
"""Result files hold consecutive documents up to about this many bytes of JSON (before compression)."""
ALONE = 8192
"""A document whose result JSON is larger has a file of its own: it compresses well alone, and its
result should not cost a reader its neighbours' text (nor theirs its text)."""

STATUSES = (
    # token (the status's style name, as on every page: cat-status--<token>), the label,
    # its rank group, hidden by ``hide=lapsed``
    (Status.AMENDED.slug, Status.AMENDED.label, 1, 0),
    (Status.PARTIALLY_INVALID.slug, Status.PARTIALLY_INVALID.label, 1, 0),
    (Status.REPEALED.slug, Status.REPEALED.label, 2, 1),
    (Status.EXPIRED.slug, Status.EXPIRED.label, 2, 1),
    (Status.NOT_YET_EFFECTIVE.slug, Status.NOT_YET_EFFECTIVE.label, 0, 0),
)
"""Every 有效性 other than 现行有效, as meta.json ships them (``status.values``).

Ranking (docs/dev/search.md): of equal relevance, a document in force, or
not yet in force (rank 0, also a record without a status), comes before an
amended or partly invalid one (1, still partly in force: the reader should
read the amending document), which comes before a repealed or expired one
(2).  ``hide=lapsed`` hides the documents no longer in force: repealed and
expired."""

FACETS = (("kind", "类型"), ("category", "主题分类"), ("year", "年度"), ("issuer", "发文机关"),
          ("validity", "有效性"))


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


COMPRESSION = 3
"""ISA-L's level for the files under ``<id>/``, its highest (levels 0 to 3).

zlib's format, made by Intel's ISA-L (the ``isal`` package) rather than by
zlib: over the 1,482 files of a 1,000-long-law index (30.9 MB before
compression) ISA-L's level 3 took 0.09 s of CPU for 14.8 MB, zlib's
default level 6 0.47 s for 14.1 MB, zlib's level 1 0.28 s for 15.1 MB.
The index's process is the build's largest (some 2.3 s of a long-law
build's 8.7 s of CPU); any inflater reads the output."""


def compress(data: bytes) -> bytes:
    """A file under ``<id>/`` as stored: zlib's format, which the browser inflates."""
    return isal_zlib.compress(data, COMPRESSION)


def decompress(data: bytes) -> bytes:
    """A file under ``<id>/`` as the browser reads it."""
    return isal_zlib.decompress(data)


_TABLE_LIMIT = 1 << 18
"""Longest list of encodings made ahead (some 11 MB at most); past it (a text of 262,144 characters or more,
or over 131,070 documents) they are made on demand."""


class _Encoded(dict):
    """number → its encoding, each computed when first asked for.

    Stands in for a list of encodings (see :meth:`_Postings.tables`) when a
    very long text would make the list millions of entries long.
    """

    def __init__(self, encode: Callable[[int], bytes]) -> None:
        super().__init__()
        self.encode = encode

    def __missing__(self, value: int) -> bytes:
        self[value] = code = self.encode(value)
        return code


class _Postings:
    """Postings of one index build, accumulated document by document.

    Indexing touches every character of every text, millions of them, so
    adding a text does as little as it can per character, in built-ins that
    loop in C: it appends each bigram's occurrence, ``document << shift |
    position``, to the bigram's array, and nothing else (no counting,
    grouping or encoding per document; that was most of the build's time).
    As documents come in order, each array is sorted and holds all the
    bigram's documents, frequencies and positions, which :meth:`entries`
    encodes once per bigram.  A character's occurrences are those of the
    bigrams it starts plus the texts it ends, so its postings are counted
    from theirs and cost nothing while adding.

    A bigram's key is its two code points as one integer (``first | second
    << 32``), read straight from the text's UTF-32 bytes rather than sliced
    out one string at a time.  ``shift`` is as small as the longest text
    allows, so occurrences fit 32-bit arrays (4 bytes each) and, up to 2³⁰,
    Python's fastest integers.
    """

    def __init__(self, n_docs: int, longest: int) -> None:
        """``longest``: length of the longest text that will be added."""
        self.n_docs = n_docs
        self.shift = max(1, longest.bit_length())
        """Bits of the position in an occurrence."""
        bits = max(0, n_docs - 1).bit_length() + self.shift
        typecode = next((t for t in ("I", "L", "Q") if array(t).itemsize * 8 >= bits), "Q")
        self.bigrams: list[defaultdict[int, array]] = [defaultdict(partial(array, typecode)) for _ in FIELDS]
        """Per field: bigram key → ``document << shift | position`` of each occurrence."""
        self.last: list[defaultdict[int, list[int]]] = [defaultdict(list) for _ in FIELDS]
        """Per field: code point → the documents whose text ends with it."""

    def add(self, doc: int, field: int, text: str) -> None:
        """Index one field of one document (``text`` normalised, parts joined by SENTINEL).

        Documents are added in increasing order (which keeps every array
        sorted).  SENTINEL and the bigrams holding it are collected like
        any other (they count for the character before SENTINEL);
        :meth:`entries` leaves them out.
        """
        length = len(text)
        if not length:
            return
        self.last[field][ord(text[-1])].append(doc)
        if length < 2:
            return
        data = text.encode("utf-32-le")  # 4 bytes a character: its code point
        # The 8 bytes from character i on are bigram i's key: the even
        # bigrams are the text read 8 bytes at a time, the odd ones the same
        # from its second character.
        grams = [0] * (length - 1)
        grams[0::2] = array("Q", data[:length // 2 * 8])
        grams[1::2] = array("Q", data[4:4 + (length - 1) // 2 * 8])
        base = doc << self.shift
        # for gram, occurrence in zip(grams, range(…)): bigrams[gram].append(occurrence), looping in C
        deque(map(array.append, map(self.bigrams[field].__getitem__, grams), range(base, base + length - 1)),
              maxlen=0)

    def tables(self) -> tuple[Sequence[bytes], Sequence[bytes]]:
        """Encodings looked up rather than computed, one per number written.

        ``small[v]`` is the varint of ``v``, ``once[g]`` that of ``g·2`` (a
        document gap, frequency 1); every number written is below ``1 <<
        shift`` (frequencies, counts of positions) or ``n_docs·2 + 2``
        (document gaps, doubled).
        """
        size = max(1 << self.shift, 2 * self.n_docs + 2)
        if size <= _TABLE_LIMIT:
            small = varint_table(size)
            once = small[0:2 * self.n_docs:2]
        else:
            small = _Encoded(varint)
            once = _Encoded(lambda g: small[2 * g])
        return small, once

    def entries(self) -> list[tuple[str, bytes, bytes]]:
        """(term, field data, positions) for every term, sorted by code points.

        Empties the postings: each bigram's array is let go once encoded, so
        the encoded index grows as the arrays shrink rather than beside them.
        """
        from . import vectorised  # numpy: imported by the process that builds an index, not by every build

        shift, sentinel = self.shift, ord(SENTINEL)
        small, once = self.tables()
        # first character → second character → the bigram's array in each field (or None)
        by_first: dict[int, dict[int, list]] = {}
        for field, bigrams in enumerate(self.bigrams):
            for key, occurrences in bigrams.items():
                seconds = by_first.setdefault(key & 0xFFFFFFFF, {})
                seconds.setdefault(key >> 32, [None] * len(FIELDS))[field] = occurrences
            bigrams.clear()
        for last in self.last:
            for code in last:
                by_first.setdefault(code, {})
        by_first.pop(sentinel, None)
        out: list = []
        batch: list[array] = []  # short lists waiting to be encoded together (vectorised.short_lists)
        batched = 0  # their occurrences
        waiting: list = []  # entries holding a place in the batch, in order, each made once it is encoded
        for first in sorted(by_first):  # a character, then the bigrams it starts
            seconds = by_first.pop(first)
            # Per field: the document of each occurrence of the character, in runs (or a place in the batch).
            char_docs: list[list] = [[last.pop(first, [])] for last in self.last]
            char = (chr(first), char_docs)
            waiting.append(char)  # its entry first, made once its lists are all in
            for second in sorted(seconds):
                parts: list = []  # per field: its data, or a place in the batch
                positions: list = []
                for field, found in enumerate(seconds.pop(second)):
                    if found is None:
                        parts.append(b"\0")
                        continue
                    if len(found) >= vectorised.LARGE:  # the same bytes, a whole list at a time
                        occ = vectorised.occurrences(found)
                        docs, tfs, starts = vectorised.runs(occ, shift)
                        char_docs[field].append((docs, tfs))
                        if second == sentinel:
                            continue
                        data = vectorised.positions(occ, tfs, starts, shift, COUNTED)
                        parts.append(vectorised.postings(docs, tfs, self.n_docs, len(docs) * DENSE_FRACTION > self.n_docs)
                                     + varint(len(data)))
                        positions.append(data)
                    elif second != sentinel and vectorised.BATCH:  # encoded with the other short lists
                        char_docs[field].append(len(batch))
                        parts.append(len(batch))
                        positions.append(len(batch))
                        batch.append(found)
                        batched += len(found)
                    else:
                        occurrences = found.tolist()
                        docs = list(map(rshift, occurrences, repeat(shift)))
                        char_docs[field].append(docs)
                        if second == sentinel:
                            continue
                        counts = Counter(docs)  # in order of documents
                        tfs = list(counts.values())
                        entry = bytearray()
                        self._write_postings(entry, list(counts), tfs, small, once)
                        data = _positions(occurrences, tfs, shift, small)
                        put_varint(entry, len(data))
                        parts.append(entry)
                        positions.append(data)
                if second != sentinel:  # a bigram spanning two parts is no term
                    waiting.append((chr(first) + chr(second), parts, positions))
                if batched >= vectorised.BATCH:  # also within a character: 的 precedes thousands of characters
                    waiting = self._encode_waiting(out, waiting, batch, small, once, open_char=char)
                    batched = 0
        self._encode_waiting(out, waiting, batch, small, once)
        return out

    def _encode_waiting(self, out: list, waiting: list, batch: list[array], small: Sequence[bytes],
                        once: Sequence[bytes], open_char: tuple | None = None) -> list:
        """Encode the short lists of ``batch`` at once (emptying it), then append the entries ``waiting``
        for them to ``out``, up to ``open_char``: the character whose bigrams are still being read (its
        entry needs them all).  It and the entries after it are returned, their places in the batch
        replaced by what they stood for, to be appended at the next call."""
        from . import vectorised

        entries, positions, docs = (vectorised.short_lists(batch, self.shift, COUNTED, self.n_docs,
                                                           self.n_docs // DENSE_FRACTION) if batch else ([], [], []))
        batch.clear()
        for k, item in enumerate(waiting):
            if item is open_char:
                for runs in open_char[1]:
                    runs[:] = [docs[r] if isinstance(r, int) else r for r in runs]
                for term, parts, data in waiting[k + 1:]:
                    parts[:] = [entries[p] if isinstance(p, int) else p for p in parts]
                    data[:] = [positions[p] if isinstance(p, int) else p for p in data]
                return waiting[k:]
            if len(item) == 3:  # a bigram
                term, parts, data = item
                out.append((term, b"".join(entries[p] if isinstance(p, int) else p for p in parts),
                            b"".join(positions[p] if isinstance(p, int) else p for p in data)))
                continue
            term, char_docs = item
            entry = bytearray()
            for runs in char_docs:
                runs = [docs[r] if isinstance(r, int) else r for r in runs]
                if any(isinstance(run, tuple) for run in runs):  # some as arrays (vectorised.runs)
                    found, tfs = vectorised.frequencies(runs, self.n_docs)
                    self._write_postings(entry, found, tfs, small, once, one=True)
                    entry.append(0)
                    continue
                counts = Counter(chain.from_iterable(runs))
                if counts:
                    found = sorted(counts)
                    self._write_postings(entry, found, list(map(counts.__getitem__, found)), small, once, one=True)
                entry.append(0)  # no positions (or: absent from the field)
            out.append((term, bytes(entry), b""))
        return []

    def _write_postings(self, entry: bytearray, docs: list[int], tfs: list[int],
                        small: Sequence[bytes], once: Sequence[bytes], *, one: bool = False) -> None:
        """Append one field's postings of a term to ``entry``: ``docs`` ascending, their frequencies.

        ``one``: a one-character term, whose frequency is told only as 1 or more (see the module's docstring).
        """
        df = len(docs)
        if df * DENSE_FRACTION > self.n_docs:
            put_varint(entry, df * 2 + 1)
            entry += bitmap(docs, self.n_docs)
            entry += bitmap([k for k, tf in enumerate(tfs) if tf > 1], df) if one else nibbles(tfs)
        else:
            put_varint(entry, df * 2)
            # { gap·2 } or { gap·2+1, tf−2 } × df, gap = document − previous document − 1 (the first: the
            # document): most terms are once in most documents they are in, so their frequency costs a bit;
            # a one-character term's is that bit alone (no tf−2)
            entry += b"".join([once[d - previous - 1] if tf == 1
                               else small[2 * (d - previous) - 1] + (b"" if one else small[tf - 2])
                               for previous, d, tf in zip([-1, *docs], docs, tfs)])


def _positions(occurrences: list[int], tfs: list[int], shift: int,
               small: Sequence[bytes]) -> bytes:
    """One bigram's positions in one field, packed (see the module's docstring), documents in postings order.

    ``occurrences`` are ``document << shift | position``, sorted; ``tfs``
    the number of them in each document; ``small`` as :meth:`_Postings.tables` makes it.
    """
    mask = (1 << shift) - 1  # occurrence & mask: its position
    if len(tfs) == len(occurrences):  # once in each document, as most bigrams are
        firsts = [o & mask for o in occurrences]
        width = max(firsts).bit_length()
        return bytes((width,)) + packed((firsts, width))
    counts = b"".join([small[tf] for tf in tfs if tf >= COUNTED])
    firsts = []
    gaps = []
    first = 0
    for tf in tfs:
        firsts.append(occurrences[first] & mask)
        if tf > 1:  # within a document, an occurrence less the one before is the gap between their positions
            within = occurrences[first:first + tf]
            gaps += map(int.__sub__, within[1:], within)
        first += tf
    w1, w2 = max(firsts).bit_length(), max(gaps).bit_length()
    return counts + bytes((w1, w2)) + packed((firsts, w1), (gaps, w2))


def _facet_values(docs: Sequence[SearchDocument], categories: Sequence[str]):
    """For each facet: its values (token, label) in display order, and each document's value indexes."""
    kinds = [k.value for k in Kind if any(d.kind == k.value for d in docs)]
    present = {d.category for d in docs}
    cats = [c for c in categories if c in present] + sorted(present - set(categories))
    years = sorted({d.year for d in docs}, reverse=True)
    issuer_counts = Counter(i for d in docs for i in d.issuers)
    issuers = sorted(issuer_counts, key=lambda i: (-issuer_counts[i], i))
    statuses = [s.label for s in Status if any(d.validity == s.label for d in docs)]
    values = {
        "kind": [(k, KIND_LABELS[k]) for k in kinds],
        "category": [(c, c.replace("/", " / ")) for c in cats],
        "year": [(str(y), f"{y}年") for y in years],
        "issuer": [(i, i) for i in issuers],
        "validity": [(s, s) for s in statuses],
    }
    index = {name: {token: i for i, (token, _) in enumerate(vals)} for name, vals in values.items()}
    per_doc = {
        "kind": [[index["kind"][d.kind]] for d in docs],
        "category": [[index["category"][d.category]] for d in docs],
        "year": [[index["year"][str(d.year)]] for d in docs],
        "issuer": [[index["issuer"][i] for i in d.issuers] for d in docs],
        "validity": [[index["validity"][d.validity]] if d.validity else [] for d in docs],
    }
    return values, per_doc


def _doc_file(doc: SearchDocument) -> bytes:
    """What a result shows of one document, with its texts whole."""
    return _json({
        "t": doc.title, "u": doc.url, "d": doc.date, "k": doc.kind, "n": doc.index_no, "o": doc.doc_no,
        "w": list(doc.keywords), "s": doc.summary, "b": doc.body,
        "a": [[a.name, a.url, a.text] for a in doc.attachments]})


def _newest(docs: Sequence[SearchDocument]) -> list[int]:
    """The documents newest first: each document's ``newest`` is its place."""
    order = [-1] * len(docs)
    for n, doc in enumerate(docs):
        if not 0 <= doc.newest < len(docs) or order[doc.newest] >= 0:
            raise ValueError(f"document {n}: place {doc.newest} among {len(docs)} is not one of its own")
        order[doc.newest] = n
    return order


def build_index(docs: Iterable[SearchDocument], categories: Sequence[str] = (),
                synonyms: Sequence[Sequence[str]] = ()) -> dict[str, bytes]:
    """Every file of the search index, ``{path relative to the site root: bytes}``.

    ``docs`` may come one at a time (:func:`.documents.each_search_document`):
    of each, only its normalised texts and its metadata are kept once its
    result file is made, so a long law's text is held once, not twice.
    ``synonyms`` (groups of spellings) go to meta.json normalised, for
    queries to expand (see :mod:`.synonyms`); the postings stay exact.
    """
    from .vectorised import ArrayNormaliser  # numpy: imported by the process that builds an index
    normalise: Normaliser = ArrayNormaliser()
    texts: list[tuple[int, int, str]] = []
    keys: dict[str, list[int]] = {}
    files: dict[str, bytes] = {}
    kept: list[SearchDocument] = []
    bundle: list[bytes] = []  # the result JSON of the documents since the last bundle written
    bundled = 0  # its bytes
    sizes: list[int] = []  # documents in each bundle written
    written = 0  # documents in the bundles written: the number of the next bundle's first

    def close_bundle() -> None:  # the bundle's first document names it
        nonlocal bundled, written
        files[f"d/{written}.json"] = compress(b"[" + b",".join(bundle) + b"]")
        sizes.append(len(bundle))
        written += len(bundle)
        bundle.clear()
        bundled = 0

    for n, doc in enumerate(docs):
        for field in range(len(FIELDS)):
            parts = doc.field_parts(field)
            if parts:
                texts.append((n, field, SENTINEL.join(normalise(p) for p in parts)))
        for key in (doc.index_no, doc.doc_no):
            if key:
                keys.setdefault(normalise(key), []).append(n)
        shown = _doc_file(doc)
        alone = len(shown) > ALONE
        if bundle and (alone or bundled + len(shown) > BUNDLE):
            close_bundle()
        bundle.append(shown)
        bundled += len(shown)
        if alone:
            close_bundle()
        kept.append(replace(doc, body="", attachments=()))  # what the facets, statuses and order read
    if bundle:
        close_bundle()
    docs = kept
    # Every text is normalised before any is indexed: the longest one sets
    # how occurrences are packed (see _Postings).
    postings = _Postings(len(docs), max((len(text) for _, _, text in texts), default=0))
    texts.reverse()
    while texts:  # each text let go once indexed
        postings.add(*texts.pop())

    entries = postings.entries()
    total = sum(len(e) + 8 + (len(p) if len(p) <= INLINE else 0) for _, e, p in entries)
    buckets = 1 << max(0, min(12, math.ceil(math.log2(max(1, total / TARGET_CHUNK)))))
    grouped: dict[int, list] = {}
    for term, entry, positions in entries:
        grouped.setdefault(fnv1a(term) % buckets, []).append((term, entry, positions))
    del entries
    # Every chunk is written, one no term fell into too (its count 0): a chunk that answers 404 is then
    # one gone, from an index replaced under an open page or a site published without it, which the
    # script tells apart by meta.json; a reader is never told "没有找到" for a file that is missing.
    for b in range(buckets):  # each chunk's entries let go once it is written
        items = grouped.pop(b, [])
        head = bytearray()
        put_varint(head, len(items))
        apart = []
        offset = 0
        for term, entry, positions in items:
            inline = len(positions) <= INLINE
            put_varint(head, ord(term[0]))
            put_varint(head, ord(term[1]) if len(term) > 1 else 0)
            put_varint(head, len(entry) + len(positions) if inline else len(entry))
            put_varint(head, 0 if inline else offset + 1)
            head += entry
            if inline:
                head += positions
            else:
                apart.append(positions)
                offset += len(positions)
        files[f"p/{b}.bin"] = compress(head)
        if apart:
            files[f"x/{b}.bin"] = compress(b"".join(apart))

    key_buckets = max(1, buckets // 16)
    key_groups: dict[int, dict[str, list[int]]] = {}
    for key in sorted(keys):
        key_groups.setdefault(fnv1a(key) % key_buckets, {})[key] = keys[key]
    for b, group in key_groups.items():
        files[f"k/{b}.json"] = compress(_json(group))

    values, per_doc = _facet_values(docs, categories)
    columns = {}
    for name, _ in FACETS:
        width = 1 if len(values[name]) < 63 else 2
        firsts = [v[0] if v else -1 for v in per_doc[name]]
        extra = [[d, x] for d, v in enumerate(per_doc[name]) for x in v[1:]]
        columns[name] = {"w": width, "c": column(firsts, width), "x": extra}
    files["facets.json"] = compress(_json(columns))

    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    build_id = digest.hexdigest()[:12]
    status_code = {label: i for i, (_, label, _, _) in enumerate(STATUSES)}
    # Synonyms are matched against normalised query terms, so they are normalised as the texts are.
    groups = merge_groups([normalise(m) for m in g] for g in synonyms)
    meta = {
        "format": FORMAT, "id": build_id, "n": len(docs), "buckets": buckets, "keyBuckets": key_buckets,
        "maxQuery": MAX_QUERY, "fields": list(FIELDS),
        "drop": "".join(sorted(DROPPED)), "open": OPENERS, "close": CLOSERS,
        "fold": normalise.fold_table(),
        "facets": [{"name": name, "label": label, "values": values[name]} for name, label in FACETS],
        # 有效性 of every document not in force, for ranking, labels and the hide filter before facets.json
        # (encoding.sparse_column: about 2 bytes per such document).
        "status": {"values": [list(s) for s in STATUSES],
                   "docs": sparse_column([status_code.get(d.validity, -1) for d in docs])},
        "synonyms": [list(g) for g in groups],
        "bundles": bundle_list(sizes),
        # The documents newest first, for results by date and equal ones (encoding.order_list).
        "newest": order_list(_newest(docs)),
    }
    out = {f"{ROOT}{build_id}/{path}": data for path, data in sorted(files.items())}
    out[f"{ROOT}meta.json"] = _json(meta)
    return out
