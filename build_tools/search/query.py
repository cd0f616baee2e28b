"""Reading the index: the reference implementation of what search.js does.

The browser runs theme/assets/search.js; this module runs the same
algorithm over the same files, so tests can check recall and precision on
whole catalogues without a browser, and the browser tests check that both
agree.

A query is split at white space into terms; each term is normalised (see
:mod:`.normalise`) and expanded to its alternatives, itself first, then its
synonyms (:func:`.synonyms.alternatives`, with the groups in meta.json).  A
record matches when it contains every term, each through any of its
alternatives, in any field.  For each alternative:

1. the postings of its proving bigrams (offsets 0, 2, 4, … and the last; of
   the character itself for a one-character string, see :func:`lookups`)
   give, per field, the documents holding all of them (the candidates) and
   an estimate of its frequency (the least frequency of those bigrams); a
   term's candidates are those of any alternative, with the
   greatest estimate per field;
2. an alternative of one or two characters is one index term: its candidates
   are exact; a longer one is proved by positions: the bigrams at offsets 0,
   2, 4, … and the last one must sit at consecutive places.

Ranking, from the postings only (so it never changes as proofs arrive), a
key compared in order:

1. a record whose index number or 发文字号 is the query comes first;
2. then more terms found in the title (through any alternative);
   records equal in (1) and (2) are of *equal relevance*;
3. then by 有效性: in force (or not yet in force, or no status) before
   amended or partly invalid, before repealed or expired
   (:data:`.index.STATUSES`);
4. then fewer terms that are candidates only through a synonym (the typed
   text before its synonyms);
5. then a score summing, over terms and the other fields, weight × tf /
   (tf + 1) (meta 3, body 2, attachments 1);
6. then newest first.

``hide=lapsed`` among the filters leaves out repealed and expired records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .documents import ATTACHMENTS, BODY, FIELDS, META, TITLE
from .encoding import (bundle_firsts, fnv1a, get_varint, read_bits, read_column, read_order_list,
                       read_sparse_column)
from .index import COUNTED, ROOT, decompress
from .normalise import normalise
from .synonyms import alternatives

WEIGHTS = {META: 3.0, BODY: 2.0, ATTACHMENTS: 1.0}
# White space as search.js splits on it (JavaScript's \s plus what Python's str.isspace adds).
_SPACE = re.compile("[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def query_terms(query: str, max_length: int = 100) -> list[str]:
    """The distinct normalised terms of a query, longest first."""
    terms = []
    for word in _SPACE.split(query[:max_length]):
        term = normalise(word)
        if term and term not in terms:
            terms.append(term)
    return sorted(terms, key=len, reverse=True)


def grams(term: str) -> list[str]:
    """The index terms a query term is looked up by: its bigrams, or itself when one character."""
    return [term[i:i + 2] for i in range(len(term) - 1)] or [term]


def cover(term: str) -> list[int]:
    """Offsets of the bigrams that prove a term: 0, 2, 4, … and the last."""
    last = len(term) - 2
    return sorted(set(range(0, last + 1, 2)) | {last})


MAX_LOOKUPS = 4
"""Most index terms a query term's candidates are looked up by (one chunk each)."""


def lookups(term: str) -> list[str]:
    """The index terms whose postings give a term's candidates: some of the bigrams that prove it.

    Every document holding the term holds them, so no match is lost; more
    bigrams would only narrow candidates the proof narrows anyway, at one
    more chunk each.  Up to :data:`MAX_LOOKUPS` of the proving bigrams
    (:func:`cover`), the first and the last among them, so a long query
    costs no more requests than a short one before its first results.
    """
    keys = grams(term)
    if len(term) <= 2:
        return keys
    offsets = cover(term)
    if len(offsets) > MAX_LOOKUPS:
        last, spans = len(offsets) - 1, MAX_LOOKUPS - 1  # i·last/spans rounded half up, in integers
        offsets = [offsets[(2 * i * last + spans) // (2 * spans)] for i in range(MAX_LOOKUPS)]
    return [keys[o] for o in offsets]


@dataclass
class Entry:
    """One bigram's postings: per field, {document: tf} (None when absent) and positions."""

    fields: list[dict[int, int] | None]
    position_start: int
    """Where its positions start: in ``inline`` when that is not None, else in the bucket's x/ chunk."""
    position_lengths: list[int]
    bucket: int
    inline: bytes | None = None
    """The positions, when the chunk holds them."""


@dataclass
class Result:
    """What a search found."""

    terms: list[str]
    alternatives: list[list[str]]
    """Each term's alternatives: itself, then its synonyms."""
    docs: list[int]
    """Matching documents, best first (proved by positions)."""
    candidates: list[int]
    """Documents holding every bigram of every term, best first."""
    fields: dict[int, set[int]] = field(default_factory=dict)
    """Fields of each matching document that contain a term."""
    facet_counts: dict[str, dict[int, int]] = field(default_factory=dict)
    via: dict[int, list[str]] = field(default_factory=dict)
    """For a matching document holding some term only through a synonym: the
    synonym found for each such term (its first alternative the document
    holds), in term order."""


class SearchIndex:
    """An index read through ``fetch(path) -> bytes`` (paths relative to the site root)."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch
        self.bytes_read = 0
        self.meta = json.loads(self.get(ROOT + "meta.json"))
        self.base = f"{ROOT}{self.meta['id']}/"
        self.n = self.meta["n"]
        self.facets = self.meta["facets"]
        columns = json.loads(self.get(self.base + "facets.json"))
        self.values: dict[str, list[set[int]]] = {}
        for facet in self.facets:
            col = columns[facet["name"]]
            firsts = read_column(col["c"], col["w"])
            sets = [{v} if v >= 0 else set() for v in firsts]
            for d, v in col["x"]:
                sets[d].add(v)
            self.values[facet["name"]] = sets
        status = self.meta["status"]
        self.status_values = status["values"]
        """[token, label, rank, lapsed] of each 有效性 other than 现行有效."""
        self.status = read_sparse_column(status["docs"], self.n)
        """Each document's index into :attr:`status_values`, or -1 (现行有效, or none shown)."""
        self.synonyms = self.meta["synonyms"]
        self.newest = read_order_list(self.meta["newest"], self.n)
        """The documents newest first (results by date; among equal ones, the newer first)."""
        self._place = {d: i for i, d in enumerate(self.newest)}
        self.bundle_of = bundle_firsts(self.meta["bundles"], self.n)
        """Each document's bundle: the first document of its result file, which names it."""
        self._buckets: dict[int, dict[str, Entry]] = {}
        self._positions: dict[int, bytes] = {}
        self._bundles: dict[int, list[dict]] = {}

    def status_label(self, n: int) -> str:
        """The 有效性 a result shows for document ``n`` ("" when 现行有效 or none)."""
        return self.status_values[self.status[n]][1] if self.status[n] >= 0 else ""

    def _status_rank(self, n: int) -> int:
        return self.status_values[self.status[n]][2] if self.status[n] >= 0 else 0

    def get(self, path: str) -> bytes:
        """A file of the index as the browser reads it (inflated, under ``<id>/``); counts the bytes fetched."""
        data = self._fetch(path)
        self.bytes_read += len(data)
        return decompress(data) if path.startswith(getattr(self, "base", "\0")) else data

    def doc(self, n: int) -> dict:
        """What document ``n``'s result shows, from its result file (a bundle, read once)."""
        first = self.bundle_of[n]
        if first not in self._bundles:
            self._bundles[first] = json.loads(self.get(f"{self.base}d/{first}.json"))
        return self._bundles[first][n - first]

    # -- postings --------------------------------------------------------------

    def _bucket(self, b: int) -> dict[str, Entry]:
        if b not in self._buckets:
            self._buckets[b] = self._parse_bucket(self.get(f"{self.base}p/{b}.bin"), b)  # every one is written
        return self._buckets[b]

    def _parse_bucket(self, data: bytes, b: int) -> dict[str, Entry]:
        entries = {}
        count, pos = get_varint(data, 0)
        bitmap_len = (self.n + 7) // 8
        for _ in range(count):
            cp1, pos = get_varint(data, pos)
            cp2, pos = get_varint(data, pos)
            length, pos = get_varint(data, pos)
            where, pos = get_varint(data, pos)
            end = pos + length
            one = cp2 == 0  # a one-character term: frequencies 1 or 2 (more than once)
            fields: list[dict[int, int] | None] = []
            lengths = []
            for _ in FIELDS:
                head, pos = get_varint(data, pos)
                if head == 0:
                    fields.append(None)
                    lengths.append(0)
                    continue
                df, dense = head >> 1, head & 1
                postings: dict[int, int] = {}
                if dense:
                    bitmap = data[pos:pos + bitmap_len]
                    pos += bitmap_len
                    docs = [i * 8 + j for i, byte in enumerate(bitmap) if byte for j in range(8) if byte >> j & 1]
                    if one:  # a bit each: more than once
                        more = data[pos:pos + (df + 7) // 8]
                        pos += (df + 7) // 8
                        for k, d in enumerate(docs):
                            postings[d] = 1 + (more[k >> 3] >> (k & 7) & 1)
                    else:
                        nibbles = data[pos:pos + (df + 1) // 2]
                        pos += (df + 1) // 2
                        for k, d in enumerate(docs):
                            postings[d] = nibbles[k >> 1] >> (4 * (k & 1)) & 15
                else:
                    d = -1
                    for _ in range(df):
                        gap, pos = get_varint(data, pos)
                        tf = 1
                        if gap & 1:
                            tf = 2
                            if not one:
                                tf, pos = get_varint(data, pos)
                                tf += 2
                        d += (gap >> 1) + 1
                        postings[d] = min(tf, 255)
                poslen, pos = get_varint(data, pos)
                fields.append(postings)
                lengths.append(poslen)
            inline = data[pos:end] if where == 0 else None
            assert where == 0 or pos == end
            pos = end
            entries[chr(cp1) + (chr(cp2) if cp2 else "")] = Entry(fields, 0 if where == 0 else where - 1, lengths, b,
                                                                  inline)
        return entries

    def entry(self, bigram: str) -> Entry | None:
        return self._bucket(fnv1a(bigram) % self.meta["buckets"]).get(bigram)

    def positions(self, bigram: str, fld: int) -> dict[int, list[int]]:
        """Positions of a bigram in one field, per document."""
        e = self.entry(bigram)
        if e is None or e.fields[fld] is None:
            return {}
        if e.inline is not None:
            data = e.inline
        else:
            if e.bucket not in self._positions:
                self._positions[e.bucket] = self.get(f"{self.base}x/{e.bucket}.bin")
            data = self._positions[e.bucket]
        pos = e.position_start + sum(e.position_lengths[:fld])
        docs = sorted(e.fields[fld].items())  # (document, tf) in postings order
        counts = []
        for _, tf in docs:
            if tf >= COUNTED:
                tf, pos = get_varint(data, pos)
            counts.append(tf)
        w1 = data[pos]
        w2 = data[pos + 1] if sum(counts) > len(counts) else 0
        start = pos + (2 if w2 else 1)
        gap = len(counts) * w1  # where the gaps' bits start
        out = {}
        for k, ((d, _), count) in enumerate(zip(docs, counts)):
            at = [read_bits(data, start, k * w1, w1)]
            for _ in range(count - 1):
                at.append(at[-1] + read_bits(data, start, gap, w2))
                gap += w2
            out[d] = at
        return out

    def keys(self, term: str) -> list[int]:
        b = fnv1a(term) % self.meta["keyBuckets"]
        try:
            return json.loads(self.get(f"{self.base}k/{b}.json")).get(term, [])
        except FileNotFoundError:
            return []

    # -- search ----------------------------------------------------------------

    def candidates(self, term: str) -> dict[int, dict[int, int]]:
        """Documents that may contain ``term``: {doc: {field: estimated tf}}."""
        entries = [self.entry(g) for g in set(lookups(term))]
        out: dict[int, dict[int, int]] = {}
        if any(e is None for e in entries):
            return out
        for fld in range(len(FIELDS)):
            lists = [e.fields[fld] for e in entries]
            if any(p is None for p in lists):
                continue
            lists.sort(key=len)
            for d, tf in lists[0].items():
                est = tf
                for other in lists[1:]:
                    t = other.get(d)
                    if t is None:
                        break
                    est = min(est, t)
                else:
                    out.setdefault(d, {})[fld] = est
        return out

    def prove(self, term: str, cands: dict[int, dict[int, int]]) -> dict[int, set[int]]:
        """The fields of each candidate that really contain ``term`` (by positions)."""
        if len(term) <= 2:
            return {d: set(f) for d, f in cands.items()}
        keys = grams(term)
        offsets = cover(term)
        proved: dict[int, set[int]] = {}
        for fld in range(len(FIELDS)):
            docs = [d for d, f in cands.items() if fld in f]
            if not docs:
                continue
            pos = {o: self.positions(keys[o], fld) for o in offsets}
            for d in docs:
                others = [set(pos[o].get(d, ())) for o in offsets[1:]]
                if any(all(p + o in s for o, s in zip(offsets[1:], others)) for p in pos[0].get(d, ())):
                    proved.setdefault(d, set()).add(fld)
        return proved

    def search(self, query: str, filters: Mapping[str, str] | None = None, sort: str = "relevance",
               synonyms: bool = True) -> Result:
        """Every matching document, ranked.

        ``filters`` maps a facet name to a value token, and ``hide`` to
        ``lapsed`` to leave out repealed and expired records; ``synonyms``
        False matches the typed text only.
        """
        terms = query_terms(query, self.meta["maxQuery"])
        filters = filters or {}
        alts = [alternatives(t, self.synonyms) if synonyms else [t] for t in terms]
        allowed = self._filtered(filters, skip=None)
        if not terms:
            docs = [d for d in self.newest if allowed[d]]
            return Result(terms, alts, docs, docs, facet_counts=self._counts(set(range(self.n)), filters))
        per_alt = [[self.candidates(a) for a in term_alts] for term_alts in alts]
        per_term = [_merge(cands) for cands in per_alt]
        common = set(range(self.n))
        for c in per_term:
            common &= c.keys()
        ranked = self._rank(terms, per_term, [cands[0] for cands in per_alt], sorted(common), sort)
        # proofs[t][k]: the fields of each document that hold alternative k of term t
        proofs = [[self.prove(a, {d: c[d] for d in common if d in c}) for a, c in zip(term_alts, cands)]
                  for term_alts, cands in zip(alts, per_alt)]
        matching = set(common)
        for by_alt in proofs:
            matching &= set().union(*(p.keys() for p in by_alt))
        fields = {d: set().union(*(p.get(d, ()) for by_alt in proofs for p in by_alt)) for d in matching}
        via: dict[int, list[str]] = {}
        for d in matching:
            found = [next(a for a, p in zip(term_alts, by_alt) if d in p)
                     for term_alts, by_alt in zip(alts, proofs) if d not in by_alt[0]]
            if found:
                via[d] = found
        counts = self._counts(matching, filters)
        return Result(terms, alts, [d for d in ranked if d in matching and allowed[d]],
                      [d for d in ranked if allowed[d]], fields, counts, via)

    def _rank(self, terms, per_term, exact_cands, docs, sort) -> list[int]:
        if sort == "date":
            return sorted(docs, key=self._place.__getitem__)
        exact = set(self.keys(terms[0])) if len(terms) == 1 else set()

        def key(d):
            in_title = sum(1 for c in per_term if TITLE in c[d])
            score = 0.0
            for c in per_term:
                for fld, tf in c[d].items():
                    if fld != TITLE:
                        score += WEIGHTS[fld] * tf / (tf + 1)
            through_synonym = sum(1 for c in exact_cands if d not in c)
            return (d not in exact, -in_title, self._status_rank(d), through_synonym, -score, self._place[d])
        return sorted(docs, key=key)

    def _filtered(self, filters: Mapping[str, str], skip: str | None) -> list[bool]:
        ok = [True] * self.n
        if filters.get("hide") == "lapsed":  # not a facet: applies to every count
            ok = [self.status[d] < 0 or not self.status_values[self.status[d]][3] for d in range(self.n)]
        for facet in self.facets:
            name = facet["name"]
            token = filters.get(name)
            if not token or name == skip:
                continue
            tokens = [t for t, _ in facet["values"]]
            want = tokens.index(token) if token in tokens else -1
            col = self.values[name]
            for d in range(self.n):
                if ok[d] and want not in col[d]:
                    ok[d] = False
        return ok

    def _counts(self, matching: set[int], filters: Mapping[str, str]) -> dict[str, dict[int, int]]:
        """Per facet, per value: matching documents that pass every other facet's filter."""
        counts = {}
        for facet in self.facets:
            name = facet["name"]
            ok = self._filtered(filters, skip=name)
            c: dict[int, int] = {}
            for d in matching:
                if ok[d]:
                    for v in self.values[name][d]:
                        c[v] = c.get(v, 0) + 1
            counts[name] = c
        return counts


def _merge(cands: list[dict[int, dict[int, int]]]) -> dict[int, dict[int, int]]:
    """A term's candidates from its alternatives': per document and field (ascending), the greatest estimate."""
    if len(cands) == 1:
        return cands[0]
    out: dict[int, dict[int, int]] = {}
    for d in set().union(*cands):
        per_field = {}
        for fld in range(len(FIELDS)):
            tfs = [c[d][fld] for c in cands if d in c and fld in c[d]]
            if tfs:
                per_field[fld] = max(tfs)
        out[d] = per_field
    return out


def contains(index: SearchIndex, n: int, term: str) -> set[int]:
    """Fields of document ``n`` that contain ``term``, by reading its text (the browser's check).

    Tests use it to show that the browser's way of verifying a result agrees
    with the positions.
    """
    doc = index.doc(n)
    found = set()
    if term in normalise(doc["t"]):
        found.add(TITLE)
    meta = [p for p in (doc["n"], doc["o"], *doc["w"], doc["s"]) if p]
    if any(term in normalise(p) for p in meta):
        found.add(META)
    if term in normalise(doc["b"]):
        found.add(BODY)
    if any(term in normalise(text) for _, _, text in doc["a"]):
        found.add(ATTACHMENTS)
    return found
