"""Search: complete recall, exact precision, ranking, attachments, no leak, reproducible bytes.

The index is read with :mod:`build_tools.search.query`, the Python twin of
theme/assets/search.js (tests/browser/test_search_browser.py checks that the
two agree in a real browser).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.config import load_config
from build_tools.model.values import normalise_doc_no
from build_tools.pipeline import check_catalogue
from build_tools.search import build_search
from build_tools.search.documents import ATTACHMENTS, BODY, META, TITLE, search_documents
from build_tools.search.index import ROOT as INDEX_ROOT
from build_tools.search.encoding import bundle_firsts, bundle_list, order_list, read_order_list
from build_tools.search.index import ALONE, BUNDLE, decompress
from build_tools.search.normalise import DROPPED, normalise
from build_tools.search.query import SearchIndex, contains
from build_tools.visibility import public_view

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
EXAMPLES = ["政务公开", "解读材料", "三公经费", "江交规[2024]3号", "江交规〔2024〕3号", "015200371/2024-00006",
            "交通运输厅", "2024", "道路客运班线", "运班", "“三公”经费", "因公出国（境）费", "网约车", "ＡＢＣ", "路"]


def public_of(catalogue_dir: Path, config_file: Path = ROOT / "mkdocs.yml", as_of: dt.date = AS_OF):
    config, _ = load_config(config_file, catalogue_dir=catalogue_dir)
    result = check_catalogue(config, as_of)
    return public_view(result.catalogue, result.graph, as_of), config


class Built:
    """A catalogue's public records, their search documents and index."""

    def __init__(self, catalogue_dir: Path, config_file: Path = ROOT / "mkdocs.yml") -> None:
        self.public, self.config = public_of(catalogue_dir, config_file)
        read = lambda rel: (self.config.catalogue_dir / rel).read_bytes()  # noqa: E731
        self.docs = search_documents(self.public, read)
        self.files = build_search(self.public, self.config.catalogue_dir, self.config.categories)
        self.index = SearchIndex(self.files.__getitem__)
        self.raw = [[(f, p) for f in range(4) for p in d.field_parts(f)] for d in self.docs]
        self.norm = [[(f, normalise(p)) for f, p in parts] for parts in self.raw]

    def fields_with(self, d: int, term: str) -> set[int]:
        return {f for f, text in self.norm[d] if term in text}

    def expected(self, terms: list[str]) -> set[int]:
        """Documents holding every term in some field (normalised containment)."""
        return {d for d in range(len(self.docs)) if all(self.fields_with(d, t) for t in terms)}

    def fields_with_any(self, d: int, alternatives: list[str]) -> set[int]:
        return set().union(*(self.fields_with(d, a) for a in alternatives))

    def expected_with_synonyms(self, alternatives: list[list[str]]) -> set[int]:
        """Documents holding, for every term, the term or one of its synonyms."""
        return {d for d in range(len(self.docs)) if all(self.fields_with_any(d, alts) for alts in alternatives)}

    def raw_hits(self, query: str) -> set[int]:
        """Documents whose text contains the query exactly as typed."""
        return {d for d, parts in enumerate(self.raw) if any(query in p for _, p in parts)}

    def by_index_no(self, index_no: str) -> int:
        return next(i for i, d in enumerate(self.docs) if d.index_no == index_no)


@pytest.fixture(scope="module")
def sample() -> Built:
    return Built(ROOT / "catalogue")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("generated")
    try:
        from build_tools.generate import generate_corpus
    except ImportError:  # pragma: no cover - the generator predates this test in main
        from benchmarks.bench_search import clone_catalogue
        clone_catalogue(ROOT / "catalogue", out / "catalogue", 400, seed=7)
        return Built(out / "catalogue")
    summary = generate_corpus(400, out, seed=7)
    return Built(out / "catalogue", summary.config_file)


def substrings(built: Built, count: int, seed: int) -> list[str]:
    """Random substrings (2 to 12 characters) of random fields of random records."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        parts = built.raw[rng.randrange(len(built.raw))]
        _, text = rng.choice(parts)
        if len(text) < 2:
            continue
        length = rng.choice((2, 2, 3, 3, 4, 5, 6, 8, 12))
        start = rng.randrange(max(1, len(text) - length + 1))
        out.append(text[start:start + length])
    return out


# -- normalisation ----------------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from(list("交通运输厅政务公开段简单〔〕[]()（）【】“”《》 　\n\tABCabc０１２3ＡＺ-/号")),
               max_size=12)


@given(TEXT, TEXT, TEXT)
@settings(max_examples=300, deadline=None)
def test_normalising_a_substring_gives_a_substring(before, middle, after):
    assert normalise(middle) in normalise(before + middle + after)


@given(st.sampled_from(["皖交办", "江交规", "国办发", "交通运输部令"]), st.integers(1990, 2030),
       st.integers(1, 999), st.sampled_from(["[{}]", "〔{}〕", "（{}）", "({})", "【{}】", "［{}］"]),
       st.booleans(), st.booleans())
def test_doc_number_spellings_are_one_search_string(prefix, year, number, brackets, wide, spaced):
    year_text = str(year).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if wide else str(year)
    typed = prefix + (" " if spaced else "") + brackets.format(year_text) + f"{number}号"
    assert normalise(typed) == normalise(f"{prefix}〔{year}〕{number}号")
    assert normalise(typed) == normalise(normalise_doc_no(typed))


@pytest.mark.parametrize("shown, written", [
    ("葛城区管理处", "葛\U000E0100城区管理处"), ("服务热线☎热线电话", "服务热线☎\ufe0f热线电话"),
    ("双向隔离文字", "双向\u2066隔离\u2069文字"), ("组合字符", "组合\u034f字符"), ("嵌入标记", "嵌入\u202b标记\u202c"),
    ("道路运输", "道路运输\ufe0f"), ("函数符号", "函数\u2061符号"), ("标签字符", "标签\U000E0041字符"),
])
def test_characters_a_page_does_not_show_do_not_hide_a_phrase(shown, written):
    """Variation selectors (a phone keyboard adds U+FE0F), bidi isolates and embeddings, the combining
    grapheme joiner, other format characters: the text shown was not found (found by a review)."""
    assert normalise(written) == normalise(shown)
    assert all(c in DROPPED for c in "\ufe0f\ufe0e\u2066\u2069\u202b\u034f")  # typed: the browser drops them too


@pytest.mark.parametrize("written, shown", [
    ("参见[道路运输条例全文][tiaoli]的规定。\n\n[tiaoli]: https://www.example.gov.cn/tiaoli", "参见道路运输条例全文的规定。"),
    ("每车次\\*不超过\\*十元", "每车次*不超过*十元"), ("详见<https://www.example.gov.cn/notice/2025>网页",
                                                    "详见https://www.example.gov.cn/notice/2025网页"),
    ("办理结果（_以书面答复为准_）予以告知", "办理结果（以书面答复为准）予以告知"),
    ("Setext标题甲\n====\n\n正文乙", "Setext标题甲\n正文乙"), ("file_name 与 a_b_c", "file_name 与 a_b_c"),
    # brackets that are no links, lines that are no definitions, a lone underscore (a fourth review)
    ("评定结果分为[A][B]两类", "评定结果分为[A][B]两类"), ("研究表明[1][2]，结果", "研究表明[1][2]，结果"),
    ("[注]: 本表数据 未经审计，以决算为准", "[注]: 本表数据 未经审计，以决算为准"), ("配置文件为 _config.yml", "配置文件为 _config.yml"),
    ("[1]:注释\n\n正文[1]", "正文1"), ("[Foo][BAR]\n\n[bar]: http://x", "Foo"),
    ('见[条例]\n\n[条例]: https://x.cn "标题"', "见条例"), ("===\n\n正文", "===\n正文"),
    ("\\$100 与 \\~ 与 C:\\Users", "\\$100 与 \\~ 与 C:\\Users"),
    # angle brackets round no element, braces round no attribute list, an ampersand before no reference, a Word
    # tag over two lines (a review)
    ("根据<收费公路管理条例>的规定", "根据<收费公路管理条例>的规定"),
    ("总质量<4.5吨的货车按一类车收费；总质量>4.5吨", "总质量<4.5吨的货车按一类车收费；总质量>4.5吨"),
    ("应符合<GB1589-2016>的规定", "应符合<GB1589-2016>的规定"), ("请填写{单位名称}", "请填写{单位名称}"),
    ("cx.jsp?type=1&region=320000", "cx.jsp?type=1&region=320000"), ("甲&amp;乙&#8211;丙", "甲&乙–丙"),
    ('<span style="font-family:\n楷体_GB2312">正文</span>', "正文"), ("加粗**甲**{: .hl}", "加粗甲"),
    # a link's text holding a number's brackets or going on to the next line, an address with parentheses (a review)
    ("根据[江交规[2024]3号](law.md)文件精神", "根据江交规[2024]3号文件精神"),
    ("贯彻[《条例》实施\n细则](law.md)有关安排", "贯彻《条例》实施\n细则有关安排"),
    ("见[国务院文件](https://www.gov.cn/zhengce/content_123(1).htm)中的规定", "见国务院文件中的规定"),
    ("[甲\n\n乙](x.md)", "[甲\n乙](x.md)"),
])
def test_the_index_reads_markdown_as_the_page_shows_it(written, shown):
    """Reference links and their definitions, escapes, autolinks, underscores around words, a setext
    heading's underline had stayed in the text (or the address gone), so what the page shows was not
    found (found by a review)."""
    from build_tools.search.text import markdown_text
    assert markdown_text(written) == shown


def test_quotes_and_title_marks_do_not_hide_a_phrase():
    assert normalise("三公经费") in normalise("2026年“三公”经费财政拨款预算")
    assert normalise("关于规范许可的通知") in normalise("《关于规范许可的通知》政策问答")


# -- recall and precision -----------------------------------------------------------


def check_queries(built: Built, queries: list[str]) -> None:
    """Exactly the records holding the terms; with synonyms, exactly those holding each term or a synonym of it."""
    for q in queries:
        exact = built.index.search(q, synonyms=False)
        found = set(exact.docs)
        assert found == built.expected(exact.terms), q
        assert built.raw_hits(q) <= found, q  # every record containing the typed string
        for d in exact.docs:
            assert exact.fields[d] == set().union(*(built.fields_with(d, t) for t in exact.terms)), (q, d)
        result = built.index.search(q)  # synonyms only add records: recall of the typed text stays whole
        assert [alts[0] for alts in result.alternatives] == result.terms == exact.terms, q
        assert found <= set(result.docs) == built.expected_with_synonyms(result.alternatives), q
        for d in result.docs:
            assert result.fields[d] == set().union(*(built.fields_with_any(d, a) for a in result.alternatives)), (q, d)
            through = [next(a for a in alts if built.fields_with(d, a)) for alts in result.alternatives
                       if not built.fields_with(d, alts[0])]
            assert result.via.get(d, []) == through, (q, d)


def test_every_substring_of_the_sample_catalogue_is_found_and_nothing_else(sample):
    check_queries(sample, EXAMPLES + substrings(sample, 1500, seed=1))


def test_every_substring_of_a_generated_catalogue_is_found_and_nothing_else(generated):
    assert len(generated.docs) > 350
    check_queries(generated, substrings(generated, 1500, seed=2))


@pytest.fixture(scope="module")
def laws(tmp_path_factory) -> Built:
    """Long documents: ``catalogue generate --profile long`` (规章 and 办法 of 20–250 KB, 章/节/条)."""
    from build_tools.generate import generate_corpus

    out = tmp_path_factory.mktemp("laws")
    summary = generate_corpus(60, out, seed=11, profile="long")
    return Built(out / "catalogue", summary.config_file)


def test_every_substring_and_article_of_long_laws_is_found_and_nothing_else(laws):
    """Recall on long texts: random substrings anywhere in laws of 20–250 KB (deep in the text, where
    the old part files began) and the article phrases readers type, 第一条 … 第一百二十条."""
    longest = max(len(b) for b in (d.body for d in laws.docs))
    assert longest > 20_000 and sum(len(d.body) > 10_000 for d in laws.docs) >= 10
    rng = random.Random(5)
    deep = []
    for d in laws.docs:
        if len(d.body) > 10_000:
            for _ in range(8):
                start = rng.randrange(len(d.body) - 40)
                deep.append(d.body[start:start + rng.choice((3, 5, 8, 13, 21, 34))])
    articles = [f"第{n}条" for n in ("一", "十", "二十", "五十", "一百", "一百二十", "一百五十", "二百")]
    assert laws.expected([normalise("第一百二十条")]), "no law reaches 第一百二十条"
    check_queries(laws, articles + deep + substrings(laws, 400, seed=12))


def test_a_single_character_is_told_once_or_more_than_once(generated):
    """Format 4: a one-character term keeps, per document and field, only whether the document holds it
    more than once (all a one-character term ranks by); read back it is the text's count capped at 2,
    in dense lists (a bitmap of such documents) and sparse ones (the gap's flag) alike."""
    n = len(generated.docs)
    kinds = set()
    for ch in "交通运输厅局罚款〔号的年":
        entry = generated.index.entry(ch)
        for field in range(4):
            truth = {d: sum(text.count(ch) for f, text in generated.norm[d] if f == field) for d in range(n)}
            truth = {d: min(count, 2) for d, count in truth.items() if count}
            assert (entry.fields[field] if entry else None) == (truth or None), (ch, field)
            if truth and 2 in truth.values() and 1 in truth.values():
                kinds.add(len(truth) * 12 > n)  # index.DENSE_FRACTION
    assert kinds == {True, False}


def test_several_words_must_all_be_present(sample):
    result = sample.index.search("政务公开  2024")
    assert result.terms == ["政务公开", "2024"]
    assert set(result.docs) == sample.expected(["政务公开", "2024"])
    assert set(result.docs) < set(sample.index.search("政务公开").docs)


def test_reading_the_text_proves_what_the_positions_prove(sample, generated):
    for built in (sample, generated):
        for q in EXAMPLES[:11] + substrings(built, 150, seed=3):
            result = built.index.search(q)
            proved = set(result.docs)
            for d in result.candidates:
                by_text = all(any(contains(built.index, d, a) for a in alts) for alts in result.alternatives)
                assert by_text == (d in proved), (q, d)


def test_a_long_text_is_whole_in_its_one_compressed_document_file(generated, laws):
    for built in (generated, laws):
        longest = max(range(len(built.docs)), key=lambda n: len(built.docs[n].body))
        first = built.index.bundle_of[longest]
        stored = built.files[f"{built.index.base}d/{first}.json"]
        bundle = json.loads(decompress(stored))
        assert bundle[longest - first]["b"] == built.docs[longest].body
        assert len(stored) < sum(len(doc["b"].encode()) for doc in bundle)
        assert not [p for p in built.files if p.startswith(f"{built.index.base}d/{longest}-")]


def test_short_documents_share_result_files_and_long_ones_have_their_own(sample, generated, laws):
    """Bundles: consecutive documents of at most ALONE bytes of JSON, up to BUNDLE together, named by
    their first; a larger one alone; every document's result is in the file meta.json's bundle list
    names, once, in order."""
    for built in (sample, generated, laws):
        base = f"{built.index.base}d/"
        stored = {int(p[len(base):-5]): json.loads(decompress(b)) for p, b in built.files.items()
                  if p.startswith(base)}
        firsts = sorted(stored)
        assert firsts[0] == 0
        # the bundles tile the documents: each starts where the one before ends
        assert [f + len(stored[f]) for f in firsts] == firsts[1:] + [len(built.docs)]
        size = {}  # document → bytes of its result JSON
        for first in firsts:
            members = stored[first]
            assert [m["n"] for m in members] == [built.docs[n].index_no for n in range(first, first + len(members))]
            assert all(built.index.bundle_of[n] == first for n in range(first, first + len(members)))
            for n, m in enumerate(members, first):
                size[n] = len(json.dumps(m, ensure_ascii=False, separators=(",", ":")).encode())
        for first in firsts:
            last = first + len(stored[first])
            sizes = [size[n] for n in range(first, last)]
            if len(sizes) > 1:  # only documents of at most ALONE bytes share, up to BUNDLE together
                assert max(sizes) <= ALONE and sum(sizes) <= BUNDLE
            if last < len(built.docs):  # closed because the next one is large or would not fit, or this one is large
                assert size[last] > ALONE or sizes[-1] > ALONE or sum(sizes) + size[last] > BUNDLE
    assert len([p for p in generated.files if "/d/" in p]) < len(generated.docs) / 5
    long_alone = [n for n, d in enumerate(laws.docs) if len(d.body.encode()) > ALONE]
    assert long_alone and all(laws.index.bundle_of[n] == n for n in long_alone)
    assert all(len(stored) == 1 for p, stored in
               ((p, json.loads(decompress(b))) for p, b in laws.files.items() if "/d/" in p)
               if any(len(m["b"].encode()) > ALONE for m in stored))


@given(st.lists(st.integers(min_value=1, max_value=3000), max_size=60))
def test_the_bundle_list_round_trips(sizes):
    firsts = [first for first, size in zip(itertools.accumulate([0, *sizes]), sizes) for _ in range(size)]
    assert bundle_firsts(bundle_list(sizes), sum(sizes)) == firsts
    assert bundle_list([1] * len(sizes)) == ""


def _newest_of(groups: list[int]) -> list[int]:
    """Records newest first in ``groups``, numbered as index_order does: their document numbers newest first."""
    places = sorted(range(len(groups)), key=groups.__getitem__)  # document → its place by date
    return sorted(range(len(groups)), key=places.__getitem__)


@given(st.permutations(range(40)) | st.lists(st.integers(0, 6), max_size=300).map(_newest_of))
def test_the_date_order_round_trips(order):
    """Any order of documents, shuffled or the merged runs index_order makes, reads back as written."""
    order = list(order)
    assert read_order_list(order_list(order), len(order)) == order
    identity = list(range(len(order)))
    assert read_order_list(order_list(identity), len(order)) == identity
    assert len(order_list(identity)) <= 5  # numbered in date order: one run, its length only


def test_the_date_order_costs_a_character_or_two_a_document():
    newest = _newest_of([n % 7 for n in range(1000)])  # seven groups, their dates interleaved
    assert len(order_list(newest)) <= 1000 + 20  # a character a document, and the seven runs


# -- ranking ------------------------------------------------------------------------


def titles(built: Built, query: str, n: int = 3, **kw) -> list[str]:
    return [built.docs[d].title for d in built.index.search(query, **kw).docs[:n]]


def test_a_document_number_in_either_spelling_finds_its_record_first(sample):
    target = sample.by_index_no("015200371/2024-00006")
    for typed in ("江交规[2024]3号", "江交规〔2024〕3号", "江交规（２０２４）3号", "江交规 [2024] 3号"):
        assert sample.index.search(typed).docs[0] == target, typed


def test_an_index_number_finds_its_record_first(sample):
    for doc in sample.docs[::7]:
        assert sample.index.search(doc.index_no).docs[0] == sample.by_index_no(doc.index_no)


def test_title_matches_come_before_body_matches(sample):
    for q in ("道路客运班线", "政务公开", "解读", "出租汽车", "渡船"):
        result = sample.index.search(q)
        in_title = [TITLE in result.fields[d] for d in result.docs]
        assert in_title == sorted(in_title, reverse=True), q
        assert in_title[0], q


def test_the_issue_examples_find_the_right_records(sample):
    assert all(sample.docs[d].kind in ("budget", "final-account") for d in sample.index.search("三公经费").docs[:8])
    assert "政务公开" in titles(sample, "政务公开", 1)[0]
    first = sample.docs[sample.index.search("解读材料").docs[0]]
    assert "解读" in first.title or "解读" in first.body


def test_sorting_by_date_keeps_the_same_results_newest_first(sample):
    by_rank = sample.index.search("政务公开")
    by_date = sample.index.search("政务公开", sort="date")
    assert sorted(by_rank.docs) == sorted(by_date.docs) and len(by_date.docs) > 5
    # Documents are numbered by kind and 主题分类 (index_order), not by date: meta.json's order says it.
    assert by_date.docs != sorted(by_date.docs)
    shown = [(sample.index.doc(d)["d"], sample.index.doc(d)["n"]) for d in by_date.docs]
    assert shown == sorted(shown, reverse=True)  # as the public catalogue lists them: date, then index number
    everything = sample.index.search("")
    assert [sample.index.doc(d)["n"] for d in everything.docs] == [r.index_no for r in sample.public.records]


def test_the_index_numbers_documents_of_a_kind_and_category_together(generated):
    """Neighbours share words, so the postings' gaps are small and bundles compress better."""
    from build_tools.search.documents import index_order

    records = [r for _, r in index_order(generated.public.records)]
    assert [doc.index_no for doc in generated.docs] == [r.index_no for r in records]
    groups = [(r.kind.value, r.doc_type.value if r.doc_type else "", r.category) for r in records]
    assert groups == sorted(groups) and len(set(groups)) > 10
    index = generated.index
    assert [index.doc(d)["n"] for d in index.newest] == [r.index_no for r in generated.public.records]


def test_equal_results_rank_newest_first(sample):
    """The ranking's last key is the date order, whatever number the index gives a document."""
    from dataclasses import replace

    from build_tools.search.index import build_index

    base = replace(sample.docs[0], title="通知", keywords=(), summary="", doc_no="", attachments=(),
                   body="关于道路运输的通知。")
    # Newest first: 2026, 2025, 2024, 2023; the index numbers them policy (2025, 2023), then notice (2026, 2024).
    dated = [("notice", "2026-01-05"), ("policy", "2025-01-05"), ("notice", "2024-01-05"), ("policy", "2023-01-05")]
    docs = [replace(base, kind=kind, date=date, year=int(date[:4]), index_no=f"015200371/{date[:4]}-00001",
                    newest=place) for place, (kind, date) in enumerate(dated)]
    ordered = sorted(docs, key=lambda d: d.kind, reverse=True)
    index = SearchIndex(build_index(ordered).__getitem__)
    for sort in ("relevance", "date"):
        result = index.search("道路运输", sort=sort)
        assert [index.doc(d)["d"] for d in result.docs] == [date for _, date in dated]
    assert [index.doc(d)["d"] for d in index.search("").docs] == [date for _, date in dated]
    with pytest.raises(ValueError):  # two documents in one place: no order to ship
        build_index([replace(docs[0], newest=1), docs[1]])


# -- filters ------------------------------------------------------------------------


def test_filters_narrow_results_and_work_without_a_query(sample):
    everything = sample.index.search("政务公开")
    policies = sample.index.search("政务公开", {"kind": "policy"})
    assert policies.docs and set(policies.docs) < set(everything.docs)
    assert all(sample.docs[d].kind == "policy" for d in policies.docs)
    kind_values = [t for t, _ in sample.index.facets[0]["values"]]
    counts = everything.facet_counts["kind"]
    assert counts[kind_values.index("policy")] == len(policies.docs)
    budgets_2024 = sample.index.search("", {"kind": "budget", "year": "2024"})
    assert [sample.docs[d].title for d in budgets_2024.docs] == ["江川省交通运输厅2024年部门预算公开"]
    in_force = sample.index.search("", {"validity": "现行有效", "category": "工业、交通/道路运输"})
    assert in_force.docs and all(sample.docs[d].validity == "现行有效" for d in in_force.docs)
    issuer = sample.docs[0].issuers[0]
    assert all(issuer in sample.docs[d].issuers for d in sample.index.search("", {"issuer": issuer}).docs)
    assert sample.index.search("", {"kind": "no-such-kind"}).docs == []


# -- attachments ----------------------------------------------------------------------


def test_text_only_in_a_csv_attachment_is_found_and_located(sample):
    result = sample.index.search("2026年预算数（万元）")
    target = sample.by_index_no("015200371/2026-00002")
    assert result.docs == [target]
    assert result.fields[target] == {ATTACHMENTS}


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in a CID font with a ToUnicode map (extractable text)."""
    chars = sorted({c for line in lines for c in line})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo "
            "<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def "
            "/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n" + "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in chars)
            + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    text = "BT /F1 14 Tf 72 760 Td 18 TL " + " ".join(
        "<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(text.encode())} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


RECORD = """---
index_no: 015200371/2024-{serial}
title: {title}
kind: notice
issuer: 江川省交通运输厅
category: 工业、交通/公路
published: {published}
disclosure: {mode}
{extra}---
{body}
"""


def write_record(cat: Path, name: str, serial: str, title: str, body: str, *, mode: str = "主动公开",
                 published: str = "2024-05-06", extra: str = "") -> None:
    (cat / name).write_text(RECORD.format(serial=serial, title=title, body=body, mode=mode,
                                          published=published, extra=extra), encoding="utf-8")


def test_the_text_of_a_pdf_attachment_is_found_and_the_hit_says_so(tmp_path):
    cat = tmp_path / "catalogue"
    cat.mkdir()
    (cat / "files").mkdir()
    (cat / "files" / "养护办法.pdf").write_bytes(
        make_pdf(["农村公路养护资金绩效评价办法", "柳溪坪大桥段简易维修工程 2024"]))
    (cat / "files" / "说明.txt").write_text("附表说明：桂枫岭隧道照明改造", encoding="utf-8")
    write_record(cat, "a.md", "00001", "关于农村公路养护的通知", "正文不提附件里的内容。",
                 extra="attachments: [files/养护办法.pdf, files/说明.txt]\n")
    write_record(cat, "b.md", "00002", "另一条通知", "正文。")
    built = Built(cat)
    for q in ("柳溪坪大桥", "段简", "绩效评价办法", "桂枫岭隧道"):
        result = built.index.search(q)
        assert result.docs == [built.by_index_no("015200371/2024-00001")], q
        assert result.fields[result.docs[0]] == {ATTACHMENTS}, q
    doc = built.index.doc(built.by_index_no("015200371/2024-00001"))
    assert [a[0] for a in doc["a"]] == ["养护办法.pdf", "说明.txt"]
    assert "柳溪坪大桥段简易维修工程" in doc["a"][0][2]


def test_a_broken_pdf_adds_no_text_and_does_not_stop_the_build(tmp_path):
    cat = tmp_path / "catalogue"
    cat.mkdir()
    (cat / "x.pdf").write_bytes(b"%PDF-1.4 not really")
    write_record(cat, "a.md", "00001", "带附件的通知", "正文。", extra="attachments: [x.pdf]\n")
    built = Built(cat)
    assert built.docs[0].attachments[0].text == ""
    assert built.index.search("带附件").docs == [0]


# -- nothing withheld -----------------------------------------------------------------


def test_withheld_and_future_records_never_reach_the_index(tmp_path):
    cat = tmp_path / "catalogue"
    cat.mkdir()
    write_record(cat, "public.md", "00001", "公开的通知", "公开正文。", published="2024-03-01")
    markers = {"QZXONREQUEST": ("00010", "依申请公开", "2024-05-06"),
               "QZXWITHHELD": ("00011", "不予公开", "2024-05-06"),
               "QZXFUTURE": ("00012", "主动公开", "2026-12-01")}
    for marker, (serial, mode, published) in markers.items():
        extra = f"keywords: [{marker}词]\nsummary: {marker}概述\n"
        if mode != "主动公开":
            extra += f"withheld_reason: {marker}理由\n"
        (cat / f"{marker}.pdf").write_bytes(make_pdf([f"{marker}附件"]))
        extra += f"attachments: [{marker}.pdf]\n"
        write_record(cat, f"{marker}.md", serial, f"{marker}标题 鼋鼍", f"{marker}正文 龘", mode=mode,
                     published=published, extra=extra)
    built = Built(cat)
    assert [d.title for d in built.docs] == ["公开的通知"]
    for path, data in built.files.items():
        if path != INDEX_ROOT + "meta.json":
            data = decompress(data)  # every file but meta.json is stored compressed
        for marker, (serial, _, published) in markers.items():
            for needle in (marker, marker.lower(), f"2024-{serial}", published):
                assert needle.encode() not in data, (needle, path)
        for rare in ("鼋", "鼍", "龘"):  # characters only hidden records use: not even in the fold table
            assert rare.encode() not in data, (rare, path)
    for marker in markers:
        assert built.index.search(marker).docs == []


# -- the files ------------------------------------------------------------------------


def test_the_index_is_byte_for_byte_reproducible(sample):
    again = build_search(public_of(ROOT / "catalogue")[0], ROOT / "catalogue", sample.config.categories)
    assert again == sample.files


def test_the_index_is_split_into_small_files_under_one_build_id(sample, generated):
    for built in (sample, generated):
        meta = json.loads(built.files[INDEX_ROOT + "meta.json"])
        assert all(p == INDEX_ROOT + "meta.json" or p.startswith(f"{INDEX_ROOT}{meta['id']}/") for p in built.files)
        assert len(built.files[INDEX_ROOT + "meta.json"]) < 20_000
        assert meta["n"] == len(built.docs)
        postings = [len(v) for p, v in built.files.items() if "/p/" in p]
        assert sum(postings) / len(postings) < 20_000


def test_a_rare_query_reads_a_small_part_of_the_index(generated):
    total = sum(len(v) for v in generated.files.values())
    index = SearchIndex(generated.files.__getitem__)
    start = index.bytes_read
    index.search("道路运输")
    assert index.bytes_read - start < total / 20


def test_the_result_files_carry_what_a_result_shows(sample):
    d = sample.by_index_no("015200371/2024-00006")
    doc = sample.index.doc(d)
    record = sample.docs[d]
    assert (doc["t"], doc["u"], doc["d"], doc["k"], doc["n"], doc["o"]) == (
        record.title, record.url, record.date, "policy", record.index_no, "江交规〔2024〕3号")
    assert doc["b"] == record.body
    assert record.body.startswith("各市（州）交通运输局") and "##" not in record.body and "|" not in record.body
    assert {BODY, META} <= sample.fields_with(d, "道路客运") | {META}


def test_search_js_is_plain_es5():
    """No syntax newer than ES5 (old browsers run the script as served, without a build step)."""
    import re

    source = (Path(__file__).resolve().parent.parent / "theme/assets/search.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # comments may say anything
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', code)  # and so may strings
    for pattern in (r"=>", r"\blet\s", r"\bconst\s", r"`", r"\bclass\s", r"\.\.\.", r"\basync\b", r"\bawait\b",
                    r"\bfetch\(", r"\bPromise\b", r"\bfor\s*\([^;)]*\bof\b"):
        assert not re.search(pattern, code), pattern


def test_search_js_reads_the_format_the_index_writes():
    """search.js refuses an index of another format (a page kept by the browser across a rebuild)."""
    import re

    from build_tools.search.index import FORMAT

    source = (Path(__file__).resolve().parent.parent / "theme/assets/search.js").read_text(encoding="utf-8")
    assert [int(v) for v in re.findall(r"var FORMAT = (\d+);", source)] == [FORMAT]
    assert "meta.format !== FORMAT" in source
    assert 'var DATA = ROOT + "search/data/" + FORMAT + "/";' in source and INDEX_ROOT == f"search/data/{FORMAT}/"


def test_a_long_query_is_looked_up_by_four_proving_bigrams_the_first_and_the_last():
    from build_tools.search.query import cover, grams, lookups

    term = "".join(chr(0x4E00 + i) for i in range(31))
    keys, offsets = grams(term), cover(term)
    chosen = lookups(term)
    assert len(chosen) == 4 and chosen[0] == keys[0] and chosen[-1] == keys[offsets[-1]]
    assert set(chosen) <= {keys[o] for o in offsets}
    assert lookups(term[:6]) == [keys[0], keys[2], keys[4]] and lookups(term[:2]) == [term[:2]]


def test_a_rare_phrase_is_proved_from_the_postings_chunks_alone(generated):
    index = SearchIndex(generated.files.__getitem__)
    read: list[str] = []
    fetch = index._fetch
    index._fetch = lambda path: (read.append(path), fetch(path))[1]
    texts = [normalise(doc.body) for doc in generated.docs]

    def rare(phrase: str) -> bool:  # each bigram in at most three documents: its positions are inline
        return all(sum(phrase[i:i + 2] in text for text in texts) <= 3 for i in range(len(phrase) - 1))

    n, phrase = next((n, text[k:k + 8]) for n, text in enumerate(texts) for k in range(40, len(text) - 8, 8)
                     if rare(text[k:k + 8]))
    result = index.search(phrase)
    assert n in result.docs
    assert not [p for p in read if "/x/" in p], read
    assert [p for p in generated.files if "/x/" in p]  # the commonest bigrams' positions are apart


class _Text(str):
    """A document's text that can be watched (a plain str cannot be weakly referenced)."""


def test_the_index_takes_documents_one_at_a_time_and_keeps_none_of_their_texts(sample):
    """build_search streams the documents: each text is let go once normalised, so a long law's text
    is never held beside its normalised copy and every other law's (some 130 MB at 10,000 long laws)."""
    from dataclasses import replace
    from weakref import ref

    from build_tools.search.index import build_index

    watched = []
    alive_when_next_came = []

    def documents():
        for doc in sample.docs:
            alive_when_next_came.append(sum(w() is not None for w in watched))
            body = _Text(doc.body)
            watched.append(ref(body))
            yield replace(doc, body=body)
            del body

    streamed = build_index(documents(), sample.config.categories, ())
    assert streamed == build_index(sample.docs, sample.config.categories, ())  # the same bytes as from a list
    assert max(alive_when_next_came) <= 1 and all(w() is None for w in watched)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.binary(max_size=40), max_size=8))
def test_packed_index_files_unpack_to_themselves_in_the_cache_format(files):
    from build_tools.search import pack_files, unpack_files

    blob = b"".join(pack_files(files))
    assert unpack_files(blob) == files and list(unpack_files(blob)) == list(files)
    assert blob == b"".join(len(p.encode()).to_bytes(4, "little") + p.encode() + len(d).to_bytes(8, "little") + d
                            for p, d in files.items())  # the layout cache entries of earlier builds have


def test_the_record_digest_changes_with_every_field_and_the_body():
    """The search key's digest of a record (search/__init__.py record_digest) tells apart records that
    differ in any one field, the body included, and text moved between the body and another field."""
    import dataclasses

    from build_tools.search import record_digest

    records = public_of(ROOT / "catalogue")[0].records
    again = public_of(ROOT / "catalogue")[0].records
    assert [record_digest(r) for r in records] == [record_digest(r) for r in again]  # loaded twice: the same
    assert len({record_digest(r) for r in records}) == len(records)
    r = next(r for r in records if r.keywords and r.summary)
    changed = [dataclasses.replace(r, body=r.body + "。"), dataclasses.replace(r, body=r.body[:-1]),
               dataclasses.replace(r, title=r.title + "（修订）"), dataclasses.replace(r, keywords=r.keywords[:-1]),
               dataclasses.replace(r, published=r.published + dt.timedelta(days=1)),
               dataclasses.replace(r, lines={**r.lines, "title": r.lines.get("title", 0) + 1}),
               dataclasses.replace(r, summary=r.summary + r.body[:1], body=r.body[1:]),  # text moved across
               dataclasses.replace(r, body_line=r.body_line + 1),
               dataclasses.replace(r, body="\U00020000"), dataclasses.replace(r, body="\ud840\udc00")]
    digests = {record_digest(c) for c in changed}
    assert len(digests) == len(changed) and record_digest(r) not in digests


def test_the_figures_of_a_budgets_and_an_annual_reports_tables_are_found(sample):
    """The tables a budget's, a final account's and an annual report's pages draw from their data were in no search
    document: 交通运输支出's amount, 本年收费金额 and their figures were found nowhere (a review)."""
    budget = next(d for d in sample.docs if d.kind == "budget" and "三公" in d.body)
    report = next(d for d in sample.docs if d.kind == "annual-report")
    assert "公务接待费" in budget.body and "收入总计" in budget.body
    assert "行政复议" in report.body and "本年新收政府信息公开申请数量" in report.body
    for doc, word in ((budget, "公务接待费"), (report, "行政复议")):
        assert doc.index_no in {sample.docs[i].index_no for i in sample.index.search(word, synonyms=False).docs}


def test_table_two_of_a_report_keeping_part_of_it_is_not_counted_by_other_options(tmp_path):
    """A report keeping one row of table 二（一）: the index counted the other with the default options, the page
    with the office's, and search found figures the report does not hold (a review).  Such a table is left out."""
    import shutil

    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    from build_tools.search.documents import search_documents
    from build_tools.visibility import public_view
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    report = tmp_path / "catalogue" / "reports" / "2026-00001-nianbao-2025.md"
    text = report.read_text(encoding="utf-8")
    assert "    规章: {本年制发: 0, 本年废止: 0, 现行有效: 2}\n" in text
    report.write_text(text.replace("    规章: {本年制发: 0, 本年废止: 0, 现行有效: 2}\n", ""), encoding="utf-8")
    config, _ = load_config(ROOT / "mkdocs.yml", catalogue_dir=tmp_path / "catalogue")
    as_of = dt.date(2026, 11, 23)
    result = check_catalogue(config, as_of)
    public = public_view(result.catalogue, result.graph, as_of)
    doc = next(d for d in search_documents(public, lambda rel: (config.catalogue_dir / rel).read_bytes())
               if d.index_no == "015200371/2026-00001")
    assert not [line for line in doc.body.splitlines() if line.startswith(("规章 ", "行政规范性文件 "))]
    assert "行政复议" in doc.body  # tables 三 and 四 stay
