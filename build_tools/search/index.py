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

    search/data/meta.json            what the browser reads first (small)
    search/data/<id>/facets.json     facet values of every document, one character each
    search/data/<id>/p/<b>.bin       postings of the terms whose hash is b (mod buckets)
    search/data/<id>/x/<b>.bin       their positions, fetched only to prove longer terms
    search/data/<id>/k/<b>.json      exact keys (index numbers, 发文字号) → documents
    search/data/<id>/d/<n>.json      what a result shows of document n, and its text
    search/data/<id>/d/<n>-b0-<k>.json, d/<n>-a<i>-<k>.json
                                     part k of a long body, of attachment i

Postings chunk ``p/<b>.bin`` (all integers LEB128 varints)::

    count
    count × { cp1 cp2 length position_start  field_0 field_1 field_2 field_3 }
    field = 0                                   (term absent from the field)
          | df·2   { gap tf } × df  poslen      (sparse: gap = doc − previous doc − 1)
          | df·2+1 bitmap[ceil(N/8)] tf4[ceil(df/2)] poslen
                                                (dense: bit d of the bitmap (LSB first)
                                                 set when document d has the term;
                                                 term frequencies as nibbles, capped at 15)

Terms are sorted by code points (``cp2`` is 0 for a one-character term);
``length`` is the byte length of the four fields (to skip an entry),
``position_start`` the offset of the term's positions in ``x/<b>.bin``,
which holds, field after field and document after document in postings
order, ``count pos₀ Δpos₁ …`` (bigrams only: ``poslen`` is 0 for a single
character).  A posting list is dense when over 1/12 of all documents hold
the term (a bitmap is then smaller than the list).  Bucket ``b`` is
FNV-1a (32 bits, over code points) of the term, modulo the number of
buckets: a power of two giving chunks of about 8 KB.

A document's fields are its title, meta, body and attachments (see
:mod:`.documents`); positions count normalised characters within a field,
whose parts (keywords, attachments) are joined by a separator no bigram
spans.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence

from ..status import Status
from ..model.fields import Kind
from .documents import FIELDS, KIND_LABELS, SearchDocument
from .encoding import column, fnv1a, nibbles, put_varint, varints
from .normalise import CLOSERS, DROPPED, OPENERS, SENTINEL, Normaliser

FORMAT = 1
ROOT = "search/data/"
PART = 4000
"""Characters of a long text in one part of a document file."""
OVERLAP = 200
"""Characters a part shares with the next, so a query up to this long lies wholly in one part."""
MAX_QUERY = 100
"""Longest query (characters) the search box accepts."""
TARGET_CHUNK = 8192
"""Aim for postings chunks of about this many bytes on average."""
DENSE_FRACTION = 12
"""A posting list is a bitmap when more than 1/DENSE_FRACTION of the documents hold the bigram."""

FACETS = (("kind", "类型"), ("category", "主题分类"), ("year", "年度"), ("issuer", "发文机关"),
          ("validity", "有效性"))


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


def text_parts(text: str) -> list[str]:
    """A long text in overlapping parts of :data:`PART` (+ :data:`OVERLAP`) characters."""
    if len(text) <= PART + OVERLAP:
        return [text]
    count = math.ceil((len(text) - OVERLAP) / PART)
    return [text[k * PART:k * PART + PART + OVERLAP] for k in range(count)]


# Positions of a bigram met once in a field, encoded ahead: count 1, then the position.
_ONCE = [bytes((1, p)) if p < 0x80 else bytes((1, p & 0x7F | 0x80, p >> 7)) for p in range(1 << 14)]


class _Postings:
    """Postings of one index build, accumulated document by document."""

    def __init__(self) -> None:
        self.terms: list[dict[str, list]] = [{} for _ in FIELDS]
        """Per field: term (one character or a bigram) → [doc, tf, doc, tf, …] and positions."""

    def add(self, doc: int, field: int, text: str) -> None:
        """Index one field of one document (``text`` normalised, parts joined by SENTINEL)."""
        terms = self.terms[field]
        get = terms.get
        for char, tf in Counter(text).items():
            if char != SENTINEL:
                slot = get(char)
                if slot is None:
                    terms[char] = [[doc, tf], None]
                else:
                    slot[0] += (doc, tf)
        if len(text) < 2:
            return
        grams = [text[i:i + 2] for i in range(len(text) - 1)]
        order = sorted(range(len(grams)), key=grams.__getitem__)
        once = _ONCE
        split = SENTINEL in text
        at = 0
        for gram, tf in sorted(Counter(grams).items()):
            if split and SENTINEL in gram:
                at += tf
                continue
            if tf == 1:
                first = order[at]
                positions = once[first] if first < 16384 else varints([1, first])
            else:
                where = order[at:at + tf]
                positions = varints([tf, where[0], *(b - a for a, b in zip(where, where[1:]))])
            at += tf
            slot = get(gram)
            if slot is None:
                terms[gram] = [[doc, tf], bytearray(positions)]
            else:
                slot[0] += (doc, tf)
                slot[1] += positions

    def entries(self, n_docs: int) -> list[tuple[str, bytes, bytes]]:
        """(term, field data, positions) for every term, sorted by code points."""
        out = []
        bitmap_len = (n_docs + 7) // 8
        for term in sorted(set().union(*self.terms)):
            entry = bytearray()
            positions = bytearray()
            for terms in self.terms:
                slot = terms.get(term)
                if slot is None:
                    entry.append(0)
                    continue
                pairs, pos = slot
                docs, tfs = pairs[0::2], pairs[1::2]
                df = len(docs)
                if df * DENSE_FRACTION > n_docs:
                    put_varint(entry, df * 2 + 1)
                    bitmap = bytearray(bitmap_len)
                    for d in docs:
                        bitmap[d >> 3] |= 1 << (d & 7)
                    entry += bitmap
                    entry += nibbles(tfs)
                else:
                    put_varint(entry, df * 2)
                    pairs[0::2] = [docs[0], *(b - a - 1 for a, b in zip(docs, docs[1:]))]
                    entry += varints(pairs)
                put_varint(entry, len(pos) if pos else 0)
                if pos:
                    positions += pos
            out.append((term, bytes(entry), bytes(positions)))
        return out


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


def _doc_files(n: int, doc: SearchDocument) -> dict[str, bytes]:
    """What a result shows of one document, with its texts split into parts."""
    files: dict[str, bytes] = {}
    body = text_parts(doc.body) if doc.body else [""]
    for k, part in enumerate(body[1:], start=1):
        files[f"d/{n}-b0-{k}.json"] = _json(part)
    attachments = []
    for i, a in enumerate(doc.attachments):
        parts = text_parts(a.text) if a.text else [""]
        for k, part in enumerate(parts[1:], start=1):
            files[f"d/{n}-a{i}-{k}.json"] = _json(part)
        attachments.append([a.name, a.url, parts[0], len(parts)])
    files[f"d/{n}.json"] = _json({
        "t": doc.title, "u": doc.url, "d": doc.date, "k": doc.kind, "n": doc.index_no, "o": doc.doc_no,
        "w": list(doc.keywords),
        "s": doc.summary, "b": [body[0], len(body)], "a": attachments})
    return files


def build_index(docs: Sequence[SearchDocument], categories: Sequence[str] = ()) -> dict[str, bytes]:
    """Every file of the search index, ``{path relative to the site root: bytes}``."""
    normalise = Normaliser()
    postings = _Postings()
    keys: dict[str, list[int]] = {}
    files: dict[str, bytes] = {}
    for n, doc in enumerate(docs):
        for field in range(len(FIELDS)):
            parts = doc.field_parts(field)
            if parts:
                postings.add(n, field, SENTINEL.join(normalise(p) for p in parts))
        for key in (doc.index_no, doc.doc_no):
            if key:
                keys.setdefault(normalise(key), []).append(n)
        files.update(_doc_files(n, doc))

    entries = postings.entries(len(docs))
    total = sum(len(e) + 8 for _, e, _ in entries)
    buckets = 1 << max(0, min(12, math.ceil(math.log2(max(1, total / TARGET_CHUNK)))))
    grouped: dict[int, list] = {}
    for term, entry, positions in entries:
        grouped.setdefault(fnv1a(term) % buckets, []).append((term, entry, positions))
    for b, items in grouped.items():
        head = bytearray()
        put_varint(head, len(items))
        offset = 0
        for term, entry, positions in items:
            put_varint(head, ord(term[0]))
            put_varint(head, ord(term[1]) if len(term) > 1 else 0)
            put_varint(head, len(entry))
            put_varint(head, offset)
            head += entry
            offset += len(positions)
        files[f"p/{b}.bin"] = bytes(head)
        files[f"x/{b}.bin"] = b"".join(p for _, _, p in items)

    key_buckets = max(1, buckets // 16)
    key_groups: dict[int, dict[str, list[int]]] = {}
    for key in sorted(keys):
        key_groups.setdefault(fnv1a(key) % key_buckets, {})[key] = keys[key]
    for b, group in key_groups.items():
        files[f"k/{b}.json"] = _json(group)

    values, per_doc = _facet_values(docs, categories)
    columns = {}
    for name, _ in FACETS:
        width = 1 if len(values[name]) < 63 else 2
        firsts = [v[0] if v else -1 for v in per_doc[name]]
        extra = [[d, x] for d, v in enumerate(per_doc[name]) for x in v[1:]]
        columns[name] = {"w": width, "c": column(firsts, width), "x": extra}
    files["facets.json"] = _json(columns)

    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    build_id = digest.hexdigest()[:12]
    doc_sizes = [len(data) for path, data in files.items() if path.startswith("d/") and "-" not in path]
    position_sizes = [len(data) for path, data in files.items() if path.startswith("x/")]
    meta = {
        "format": FORMAT, "id": build_id, "n": len(docs), "buckets": buckets, "keyBuckets": key_buckets,
        # Average sizes, for the browser to choose between reading texts and reading positions.
        "docBytes": sum(doc_sizes) // max(1, len(doc_sizes)),
        "positionsChunkBytes": sum(position_sizes) // max(1, len(position_sizes)),
        "part": PART, "overlap": OVERLAP, "maxQuery": MAX_QUERY, "fields": list(FIELDS),
        "drop": "".join(sorted(DROPPED)), "open": OPENERS, "close": CLOSERS,
        "fold": normalise.fold_table(),
        "facets": [{"name": name, "label": label, "values": values[name]} for name, label in FACETS],
    }
    out = {f"{ROOT}{build_id}/{path}": data for path, data in sorted(files.items())}
    out[f"{ROOT}meta.json"] = _json(meta)
    return out
