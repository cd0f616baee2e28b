"""The fast paths of the search index build give exactly the bytes of the plain algorithm.

build_tools/search/index.py and text.py trade obvious code for speed
(occurrences packed in integer arrays, encodings looked up, regular
expressions skipped when they cannot match or rewritten to be scanned
faster).  Each is checked here against a plain, slow reference written
straight from the format description (index.py's docstring) or from the
original rules.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.generate.corpus import Filler, load_corpus
from build_tools.generate.law import LawWriter
from build_tools.search import index, vectorised
from build_tools.search.documents import FIELDS
from build_tools.search.encoding import bitmap, put_varint, varint_table
from build_tools.search.index import COUNTED, DENSE_FRACTION, _Postings
from build_tools.search.normalise import SENTINEL, Normaliser
from build_tools.search.text import markdown_text


def reference_entries(texts: list[tuple[int, int, str]], n_docs: int) -> list[tuple[str, bytes, bytes]]:
    """(term, field data, positions) for every term, the plain way: one term, field, document at a time."""
    found: dict[str, dict[int, dict[int, list[int]]]] = {}
    for doc, field, text in texts:
        terms = [(text[i], i) for i in range(len(text))] + [(text[i:i + 2], i) for i in range(len(text) - 1)]
        for term, i in terms:
            if SENTINEL not in term:
                found.setdefault(term, {}).setdefault(field, {}).setdefault(doc, []).append(i)
    out = []
    for term in sorted(found):
        entry, positions = bytearray(), bytearray()
        for field in range(len(FIELDS)):
            docs = found[term].get(field)
            if not docs:
                entry.append(0)
                continue
            order = sorted(docs)
            tfs = [len(docs[d]) for d in order]
            one = len(term) == 1  # its frequency told as 1 or more
            if len(order) * DENSE_FRACTION > n_docs:
                put_varint(entry, len(order) * 2 + 1)
                bits = bytearray((n_docs + 7) // 8)
                for d in order:
                    bits[d >> 3] |= 1 << (d & 7)
                entry += bits
                if one:
                    more = bytearray((len(order) + 7) // 8)
                    for k, tf in enumerate(tfs):
                        more[k >> 3] |= (tf > 1) << (k & 7)
                    entry += more
                else:
                    capped = [min(tf, 15) for tf in tfs] + [0] * (len(tfs) % 2)
                    entry += bytes(low | high << 4 for low, high in zip(capped[0::2], capped[1::2]))
            else:
                put_varint(entry, len(order) * 2)
                previous = -1
                for d, tf in zip(order, tfs):  # the gap doubled, plus one when tf > 1 (then tf − 2, for a bigram)
                    put_varint(entry, (d - previous - 1) * 2 + (tf > 1))
                    if tf > 1 and not one:
                        put_varint(entry, tf - 2)
                    previous = d
            if one:
                entry.append(0)
                continue
            data = bytearray()
            firsts, gaps = [], []
            for d in order:
                where = docs[d]
                if len(where) >= COUNTED:  # fewer are told by the postings' frequency
                    put_varint(data, len(where))
                firsts.append(where[0])
                gaps += [b - a for a, b in zip(where, where[1:])]
            widths = [max(firsts).bit_length()] + ([max(gaps).bit_length()] if gaps else [])
            data += bytes(widths)
            bits = "".join(format(v, "b").zfill(widths[0])[::-1] if widths[0] else "" for v in firsts)
            bits += "".join(format(v, "b").zfill(widths[-1])[::-1] for v in gaps)  # least significant bit first
            bits += "0" * (-len(bits) % 8)
            data += bytes(int(bits[i:i + 8][::-1], 2) for i in range(0, len(bits), 8))
            put_varint(entry, len(data))
            positions += data
        out.append((term, bytes(entry), bytes(positions)))
    return out


def fast_entries(texts: list[tuple[int, int, str]], n_docs: int, large: int | None = None,
                 batch: int | None = None) -> list[tuple[str, bytes, bytes]]:
    """The index's entries; with ``large``, every list of that many occurrences or more encoded by numpy
    (vectorised.py; 1: every list); with ``batch``, the shorter lists encoded together once that many
    occurrences wait (vectorised.short_lists; 0: each on its own, in Python)."""
    postings = _Postings(n_docs, max((len(t) for _, _, t in texts), default=0))
    for doc, field, text in texts:
        postings.add(doc, field, text)
    saved = vectorised.LARGE, vectorised.BATCH
    vectorised.LARGE = saved[0] if large is None else large
    vectorised.BATCH = saved[1] if batch is None else batch
    try:
        return postings.entries()
    finally:
        vectorised.LARGE, vectorised.BATCH = saved


# Few characters, so terms repeat within and across texts; SENTINEL joins parts.
TEXT = st.text(alphabet="ab中文，\x00\U00020000😀", max_size=60)


@given(st.integers(1, 40).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, len(FIELDS) - 1), TEXT), max_size=60))))
@settings(max_examples=300, deadline=None)
def test_postings_are_those_of_the_plain_algorithm(case):
    n_docs, texts = case
    texts = sorted({(doc, field): text for doc, field, text in texts}.items())  # one text per field, in order
    texts = [(doc, field, text) for (doc, field), text in texts]
    expected = reference_entries(texts, n_docs)
    assert fast_entries(texts, n_docs) == expected
    # Every list through numpy, and lists of 3 or more only (a character's runs then mix both kinds).
    assert fast_entries(texts, n_docs, large=1) == expected
    assert fast_entries(texts, n_docs, large=3) == expected
    # Short lists one at a time in Python, and batches closed after every character.
    assert fast_entries(texts, n_docs, batch=0) == expected
    assert fast_entries(texts, n_docs, large=3, batch=1) == expected


# Documents far apart, as in a real index: most short lists are sparse (held by under 1/12 of the
# documents) and go to vectorised.short_lists; some text repeats a bigram 15 times or more (its count
# is then written), and a document number needs two or three varint bytes.
SPARSE_TEXT = st.one_of(TEXT, st.text(alphabet="ab中", min_size=30, max_size=80),
                        st.sampled_from(["中文" * 20, "a" * 40 + "\x00" + "ab" * 16]))


@given(st.integers(13, 40_000).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, len(FIELDS) - 1), SPARSE_TEXT),
                         max_size=40))),
       st.sampled_from([1, 7, 1 << 16]))
@settings(max_examples=300, deadline=None)
def test_short_lists_encoded_together_are_those_of_the_plain_algorithm(case, batch):
    n_docs, texts = case
    texts = sorted({(doc, field): text for doc, field, text in texts}.items())
    texts = [(doc, field, text) for (doc, field), text in texts]
    expected = reference_entries(texts, n_docs)
    assert fast_entries(texts, n_docs, batch=batch) == expected
    assert fast_entries(texts, n_docs, large=5, batch=batch) == expected


@pytest.mark.parametrize("batch", [0, 1, 1 << 16])
def test_short_dense_lists_write_frequencies_capped_at_15(batch):
    # Three of 24 documents hold 中文 (over 1/12: a bitmap) 1, 16 and 40 times; 文中 in two of them.
    texts = [(0, 2, "中文"), (7, 2, "中文" * 16), (23, 2, "中文" * 40 + "\x00中")]
    assert fast_entries(texts, 24, batch=batch) == reference_entries(texts, 24)


def test_a_batch_closes_within_a_character_that_precedes_many(monkeypatch):
    # 的 before 400 characters, in 30 of 600 documents: 12,000 occurrences of 的's bigrams. A batch of
    # 100 closes some 120 times inside 的, whose own entry still comes first and counts them all.
    followers = [chr(0x4E00 + k) for k in range(400)]
    texts = [(doc * 20, 2, "".join("的" + c for c in followers)) for doc in range(30)]
    sizes = []
    real = vectorised.short_lists

    def watched(found, *args):
        sizes.append(sum(map(len, found)))
        return real(found, *args)

    monkeypatch.setattr(vectorised, "short_lists", watched)
    assert fast_entries(texts, 600, batch=100) == reference_entries(texts, 600)
    assert len(sizes) > 100 and max(sizes) < 100 + vectorised.LARGE  # bounded: a list more at most


def long_texts() -> list[tuple[int, int, str]]:
    rng = random.Random(7)
    return [(doc, field, "".join(rng.choice("甲乙丙丁\x00") for _ in range(length)))
            for doc, field, length in ((0, 2, 20_000), (3, 2, 300), (5, 3, 17_000), (5, 0, 40))]


@pytest.mark.parametrize("large", [None, 1, 40])
@pytest.mark.parametrize("batch", [None, 0, 3])
def test_long_texts_write_positions_of_three_bytes(large, batch):
    texts = long_texts()
    assert fast_entries(texts, 6, large, batch) == reference_entries(texts, 6)
    # the same texts among 5,000 documents: their short lists are sparse, encoded together
    spread = [(doc * 997, field, text) for doc, field, text in texts]
    assert fast_entries(spread, 5_000, large, batch) == reference_entries(spread, 5_000)


def test_the_numpy_path_takes_the_long_lists_of_a_real_size():
    # A law of 20,000 characters: its common bigrams are far over LARGE, its rare ones under it.
    texts = long_texts()
    postings = _Postings(6, 20_000)
    for text in texts:
        postings.add(*text)
    sizes = [len(found) for bigrams in postings.bigrams for found in bigrams.values()]
    assert max(sizes) >= vectorised.LARGE > min(sizes)


def test_many_documents_pack_occurrences_in_64_bits():
    texts = [(doc, field, text) for doc, field, text in
             ((0, 2, "交通运输交通" * 900), (70_000, 2, "运输交通"), ((1 << 20) - 1, 1, "交通\x00运输"))]
    postings = _Postings(1 << 20, 5400)
    assert postings.bigrams[0].default_factory().itemsize == 8
    expected = reference_entries(texts, 1 << 20)
    assert fast_entries(texts, 1 << 20) == expected
    assert fast_entries(texts, 1 << 20, large=1) == expected  # numpy reads the 64-bit occurrences
    assert fast_entries(texts, 1 << 20, batch=1) == expected  # and so do the short lists together
    # an occurrence using all 64 bits (document 2⁶² − 1 << 2): numpy reads it unsigned
    texts = [((1 << 62) - 1, 2, "ab")]
    assert fast_entries(texts, 1 << 62, batch=1) == reference_entries(texts, 1 << 62)


def test_encodings_computed_on_demand_are_those_of_the_tables(monkeypatch):
    texts = long_texts()
    expected = reference_entries(texts, 6)
    monkeypatch.setattr(index, "_TABLE_LIMIT", 0)
    postings = _Postings(6, 20_000)
    assert isinstance(postings.tables()[0], index._Encoded)
    assert fast_entries(texts, 6) == expected


@given(st.integers(1, 3000).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1)))))
def test_a_bitmap_sets_the_bit_of_each_member(case):
    size, members = case
    expected = bytearray((size + 7) // 8)
    for m in members:
        expected[m >> 3] |= 1 << (m & 7)
    assert bitmap(sorted(members), size) == bytes(expected)


@given(st.lists(st.one_of(st.integers(0, 300), st.integers(0, (1 << 64) - 1),
                          st.sampled_from([(1 << 7 * k) + d for k in range(1, 10) for d in (-1, 0)])), max_size=50))
def test_numpy_varints_are_the_varints(values):
    import numpy as np

    expected = bytearray()
    for value in values:
        put_varint(expected, value)
    assert vectorised.varints(np.array(values, dtype=np.uint64)) == bytes(expected)


@given(st.lists(st.tuples(st.integers(0, 40), st.data()), min_size=1, max_size=3))
def test_packed_bits_are_read_back_the_same_way_by_both_packers(groups_data):
    """encoding.packed (the plain path), vectorised.packed (blocks of numpy bits, here of 8 values) and
    read_bits, the reader's, agree on every width, including 0 and over 32 bits."""
    import numpy as np

    from build_tools.search.encoding import packed, read_bits

    groups = []
    for width, data in groups_data:
        values = data.draw(st.lists(st.integers(0, (1 << width) - 1), max_size=40))
        groups.append((values, width))
    plain = packed(*groups)
    assert len(plain) == (sum(len(v) * w for v, w in groups) + 7) // 8
    saved = vectorised._BLOCK
    vectorised._BLOCK = 8  # blocks whose bits end mid-byte once a group of odd width came first
    try:
        assert vectorised.packed(*((np.array(v, dtype=np.uint64), w) for v, w in groups)) == plain
    finally:
        vectorised._BLOCK = saved
    bit = 0
    for values, width in groups:
        for value in values:
            assert read_bits(b"\xff" + plain, 1, bit, width) == value
            bit += width


def test_the_varint_table_holds_each_varint():
    table = varint_table(70_000)
    for value in range(70_000):
        out = bytearray()
        put_varint(out, value)
        assert table[value] == out


# text.py's rules before they were made faster: the same text must come out.
from build_tools.shown_text import is_markup  # noqa: E402 (the page's reading of a tag, alike)

ORIGINAL_RULES = (
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I), " "),
    (re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>"), r"\1"),
    (re.compile(r"</?([A-Za-z][\w.:-]*)(?:[^<>\n]|\n(?!\s*\n))*>"),
     lambda m: " " if is_markup(m.group(), m.group(1), m.string) else m.group()),
    (re.compile(r"^([^\n]*\S[^\n]*)\n {0,3}=+[ \t]*$", re.M), r"\1"),
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.M), ""),
    (re.compile(r"^ *\|? *:?-{2,}:? *(?:\| *:?-{2,}:? *)*\|? *$", re.M), ""),
    (re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.M), ""),
    (re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?) *\w+(?: +\"([^\"]*)\")?", re.M), r"\1"),
    (re.compile(r"^ {0,3}> ?", re.M), ""),
    (re.compile(r"^ *[-*+] +", re.M), ""),
    # a link's text may hold brackets or go on to the next line, its address parentheses (as Python-Markdown reads them)
    (re.compile(r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\]|\n(?![ \t]*\n))*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),
    (re.compile(r"\[\^[^\]\n]+\]:?"), ""),
    (re.compile(r"\{:[^{}\n]*\}|\{[ \t]*[.#][\w-][^{}\n]*\}"), ""),
    (re.compile(r"\*\*|__|~~|`+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"), ""),
    (re.compile(r"(?<![\w_])_(?![_\s])([^\n]+?)(?<![_\s])_(?![\w_])"), r"\1"),
    (re.compile(r" *\| *"), " "),
    (re.compile(r"[ \t]+"), " "),
    (re.compile(r" *\n[ \n]*"), "\n"),
)


def original_markdown_text(markdown: str) -> str:
    import html

    from build_tools.search.text import _references  # the same reading of definitions (one function)
    text = _references(markdown) if "]:" in markdown else markdown
    text = re.sub(r"\\([\\`*_{}\[\]()>#+\-.!])", lambda m: chr(0xF0000 + ord(m.group(1))), text)
    for pattern, repl in ORIGINAL_RULES:
        text = pattern.sub(repl, text)
    text = re.sub("[\U000F0021-\U000F007E]", lambda m: chr(ord(m.group()) - 0xF0000), text)
    return re.sub(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", lambda m: html.unescape(m.group()),
                  text).strip()


MARKDOWN_PIECES = list(" \t\n#*_~`|-:[]()!?+>{}<\"^a9中，&;\\=@.") + [
    "**", "##", "  ", "\n\n", "<!--", "-->", "](", "[^", "!!!", "???", "---", "|--", "# ", " #", "\t#", "&amp;",
    "][", "]: ", "<https://", "===", "\\*", "（_", "_）", "<script>", "</script>", "<STYLE a=1>", "</style>",
    "<GB1589-2016>", "<span class=x>", "</span>", "<o:p>", "<ucap>", "</ucap>", "<a@b.cn>", "{: .hl}", "{单位}", "&region=", "&#8211;", "<4.5吨"]


@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join))
@settings(max_examples=2000, deadline=None)
def test_markdown_text_is_that_of_the_original_rules(markdown):
    assert markdown_text(markdown) == original_markdown_text(markdown)


@pytest.mark.parametrize("path", ["catalogue", "tests"])
def test_markdown_text_of_every_markdown_file_is_that_of_the_original_rules(path):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / path
    files = sorted(root.rglob("*.md"))
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert markdown_text(text) == original_markdown_text(text), file


# --- normalising a long text with arrays -----------------------------------------------------------

# Characters of every kind normalisation treats apart: kept, folded (full width, capitals, brackets),
# dropped (spaces, quotation marks, invisible ones), folded to several characters (㈠, ﬁ), the
# separator, and characters past the first 65,536.
FOLDED = st.text(alphabet=st.one_of(st.sampled_from("中文条例第一（）〔〕【】［］ＡＢ１２，．　 \t\n“”《》\u200b\xad㈠ﬁ①\x00"),
                                     st.characters()), max_size=300)


@given(st.lists(FOLDED, max_size=8))
@settings(max_examples=300, deadline=None)
def test_a_text_normalised_with_arrays_is_the_text_normalised_a_character_at_a_time(texts):
    saved = vectorised.LONG_TEXT
    vectorised.LONG_TEXT = 0  # every text through the arrays
    try:
        plain, arrays = Normaliser(), vectorised.ArrayNormaliser()
        assert [arrays(t) for t in texts] == [plain(t) for t in texts]
        assert arrays.fold_table() == plain.fold_table()  # the characters met, shipped to the browser
    finally:
        vectorised.LONG_TEXT = saved


def test_long_laws_and_odd_texts_normalise_the_same_both_ways():
    catalogue = Path(__file__).resolve().parent.parent / "catalogue"
    records = [markdown_text(p.read_text(encoding="utf-8")) for p in sorted(catalogue.rglob("*.md"))]
    corpus = load_corpus()
    generated = []
    for seed, size in ((1, 20_000), (2, 60_000), (3, 250_000)):  # laws as the long profile writes them
        f = Filler(corpus, random.Random(seed), {"subject": "道路运输管理", "laws": "《中华人民共和国道路运输条例》",
                                                 "suffix": "办法", "agency": "江川省交通运输厅"})
        blocks, _ = LawWriter(corpus).write(f, "road", "办法", size, "本办法自2024年1月1日起施行。")
        generated.append(markdown_text("\n\n".join(blocks)))
    laws = [t for t in [text for _, _, text in long_texts()] + records + generated if len(t) >= vectorised.LONG_TEXT]
    odd = ["第一条" * 1000 + "\ud800",  # a lone surrogate: no UTF-32, translated as before
           "第一条" * 1000 + "㈠",  # one character normalised to three
           "“第一条”　（一）ＡＢＣ\u200b" * 500]
    plain, arrays = Normaliser(), vectorised.ArrayNormaliser()
    assert len(laws) >= 5 and all(len(t) >= vectorised.LONG_TEXT for t in laws + odd)
    assert [arrays(t) for t in laws + odd] == [plain(t) for t in laws + odd]
    assert arrays.fold_table() == plain.fold_table()
