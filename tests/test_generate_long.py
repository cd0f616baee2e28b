"""Tests for ``catalogue generate --profile long``: policies as whole legal texts.

The corpus passes the real check; every policy file is 20–250 KB and has
the structure of a Chinese law (章 numbered from 一 in each 编, 节 from 一 in
each 章, 条 continuous, 总则 first and 附则 last with the 施行日期 of the
record); every cross-reference (本办法第X条, 第X条第Y款, 第X条第（Y）项)
points to an article, 款 or 项 that exists, and so do an interpretation's
citations of its policy and an amendment's of the text it amends.  The
default profile is not changed by the long one's existence (its own tests in
test_generate.py pin it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import markdown
import pytest

from build_tools.config import load_config
from build_tools.generate import LONG_MAX_BYTES, LONG_MIN_BYTES, GenerateError, generate_corpus
from build_tools.generate.law import cn_numeral
from build_tools.gongwen import separate_items
from build_tools.model.fields import DocType, Kind
from build_tools.pipeline import check_catalogue

AS_OF = dt.date(2026, 11, 20)
NUMERAL = "零一二三四五六七八九十百千"
_HEADING = re.compile(rf"^(#+) 第([{NUMERAL}]+)(编|章|节) (.+)$")
_ARTICLE = re.compile(rf"^\*\*第([{NUMERAL}]+)条\*\* ")
_SELF_REF = re.compile(rf"本(办法|细则|规定|规范|规则)第([{NUMERAL}]+)条(?:第([{NUMERAL}]+)款|第（([{NUMERAL}]+)）项)?")
_VALUES = {numeral: n for n in range(1, 2000) for numeral in (cn_numeral(n),)}


def number(text: str) -> int:
    return _VALUES[text]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def long60(tmp_path_factory):
    root = tmp_path_factory.mktemp("long60")
    summary = generate_corpus(60, root, seed=1, profile="long")
    config, problems = load_config(root / "mkdocs.yml")
    assert problems == []
    return root, summary, check_catalogue(config, AS_OF)


def parse_law(body: str) -> dict:
    """Headings (level, number, unit, title), articles {number: (款 count, [项 counts per 款 lead-in])}."""
    headings, articles, current = [], {}, None
    for block in body.split("\n\n"):
        m = _HEADING.match(block)
        if m:
            headings.append((len(m.group(1)), number(m.group(2)), m.group(3), m.group(4)))
            current = None
            continue
        m = _ARTICLE.match(block)
        if m:
            current = number(m.group(1))
            articles[current] = {"paragraphs": 1, "items": 0, "text": block, "last": len(headings)}
        elif current is not None and block.startswith("（"):
            articles[current]["items"] = max(articles[current]["items"], block.count("\n") + 1)
            articles[current]["text"] += "\n\n" + block
        elif current is not None and not block.startswith("**"):
            articles[current]["paragraphs"] += 1
            articles[current]["text"] += "\n\n" + block
    return {"headings": headings, "articles": articles}


def test_long_profile_passes_check(long60):
    _, summary, result = long60
    assert [(p.file, p.code, p.message) for p in result.problems] == []
    assert len(result.catalogue.records) == summary.records == 60
    kinds = {r.kind for r in result.catalogue.records}
    assert kinds == set(Kind)


def test_every_policy_is_a_law_of_the_right_size(long60):
    root, _, result = long60
    for r in result.catalogue.records:
        if r.kind is not Kind.POLICY:
            continue
        data = (root / "catalogue" / r.source).read_bytes()
        assert LONG_MIN_BYTES <= len(data) <= LONG_MAX_BYTES, (r.source, len(data))
        assert not re.search(rb"\d{11,}", data.replace(b"015200371", b"")), r.source
        law = parse_law(data.decode("utf-8").split("\n---\n", 1)[1])
        assert len(law["articles"]) >= 40, r.source
        assert any(t in r.title for t in ("办法", "细则", "规定", "规则", "规范")), r.title


def test_headings_and_articles_are_numbered_like_a_law(long60):
    root, _, result = long60
    for r in result.catalogue.records:
        if r.kind is not Kind.POLICY:
            continue
        body = (root / "catalogue" / r.source).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        law = parse_law(body)
        assert list(law["articles"]) == list(range(1, len(law["articles"]) + 1)), r.source
        headings = law["headings"]
        parts = [h for h in headings if h[2] == "编"]
        levels = {"编": 2, "章": 3, "节": 4} if parts else {"章": 2, "节": 3}
        assert all(level == levels[unit] for level, _, unit, _ in headings), r.source
        expected = {"编": 0, "章": 0, "节": 0}
        for _, n, unit, _ in headings:
            expected[unit] += 1
            assert n == expected[unit], (r.source, unit, n)
            if unit == "编":
                expected["章"] = expected["节"] = 0
            elif unit == "章":
                expected["节"] = 0
        chapters = [h for h in headings if h[2] == "章"]
        assert chapters[0][3] in ("总则", "一般规定") and chapters[-1][3] == "附则", r.source
        if parts:
            assert parts[0][3] == "总则"
        # The last article is the 施行日期 and gives the date the record states.
        last = law["articles"][len(law["articles"])]["text"]
        assert "起施行" in last, r.source
        if not r.amends:
            effective = r.effective or r.written
            assert f"自{effective.year}年{effective.month}月{effective.day}日起施行" in last, r.source
    assert len({r.source for r in result.catalogue.records if r.kind is Kind.POLICY}) > 20


def test_cross_references_point_to_articles_that_exist(long60):
    root, _, result = long60
    refs = 0
    for r in result.catalogue.records:
        if r.kind is not Kind.POLICY:
            continue
        body = (root / "catalogue" / r.source).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        law = parse_law(body)
        for n, article in law["articles"].items():
            for m in _SELF_REF.finditer(article["text"]):
                target = number(m.group(2))
                refs += 1
                assert target in law["articles"] and target < n, (r.source, m.group(0))
                if m.group(3):
                    assert number(m.group(3)) <= law["articles"][target]["paragraphs"], (r.source, m.group(0))
                if m.group(4):
                    assert number(m.group(4)) <= law["articles"][target]["items"], (r.source, m.group(0))
    assert refs > 100


def _articles_of(root: Path, record) -> int:
    body = (root / "catalogue" / record.source).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return len(parse_law(body)["articles"])


def test_interpretations_and_amendments_cite_articles_that_exist(long60):
    root, _, result = long60
    by_index = result.catalogue.by_index
    cited = 0
    for r in result.catalogue.records:
        if r.kind is Kind.INTERPRETATION:
            lead = by_index[r.interprets[0]]
            text = (root / "catalogue" / r.source).read_text(encoding="utf-8")
            for m in re.finditer(rf"第([{NUMERAL}]+)条至第([{NUMERAL}]+)条", text):
                cited += 1
                assert number(m.group(1)) <= number(m.group(2)) <= _articles_of(root, lead), (r.source, m.group(0))
        if r.kind is Kind.POLICY and r.amends:
            target = by_index[r.amends[0]]
            decision = (root / "catalogue" / r.source).read_text(encoding="utf-8").split("**第一条**", 1)[0]
            for m in re.finditer(rf"(?:将|删去|在)第([{NUMERAL}]+)条", decision):
                assert number(m.group(1)) <= _articles_of(root, target), (r.source, m.group(0))
    assert cited >= 3


def test_text_varies(long60):
    """Search-index sizes are measured on this text: articles must not be a few sentences repeated."""
    root, _, result = long60
    articles, distinct = 0, set()
    for r in result.catalogue.records:
        if r.kind is Kind.POLICY:
            body = (root / "catalogue" / r.source).read_text(encoding="utf-8").split("\n---\n", 1)[1]
            for article in parse_law(body)["articles"].values():
                articles += 1
                distinct.add(hashlib.blake2b(_ARTICLE.sub("", article["text"]).encode(), digest_size=8).digest())
    assert articles > 2000
    assert len(distinct) / articles > 0.8


def test_sizes_are_skewed_like_real_laws(tmp_path):
    from build_tools.generate import long_size
    sizes = sorted(long_size(f"k{i}") for i in range(4000))
    median = sizes[len(sizes) // 2]
    assert 28_000 <= median <= 38_000
    assert sum(LONG_MIN_BYTES <= s <= 45_000 for s in sizes) / len(sizes) > 0.6
    assert sizes[-1] > 120_000 and sizes[0] >= LONG_MIN_BYTES and sizes[-1] <= LONG_MAX_BYTES


def test_long_profile_is_deterministic(tmp_path, long60):
    root, _, _ = long60
    again = tmp_path / "again"
    generate_corpus(60, again, seed=1, profile="long")
    assert _tree(again / "catalogue") == _tree(root / "catalogue")
    other = tmp_path / "other"
    generate_corpus(60, other, seed=2, profile="long")
    assert _tree(other / "catalogue") != _tree(root / "catalogue")


def test_default_profile_is_unchanged(tmp_path):
    """The generated profile, explicitly asked for, is the default, and writes no 章/条 law bodies beyond 7.9 KB."""
    generate_corpus(40, tmp_path / "a", seed=3)
    generate_corpus(40, tmp_path / "b", seed=3, profile="generated")
    a = _tree(tmp_path / "a" / "catalogue")
    assert a == _tree(tmp_path / "b" / "catalogue")
    assert max(len(v) for k, v in a.items() if k.endswith(".md")) <= 7900


def test_policy_doc_types_and_unknown_profile(long60, tmp_path):
    _, _, result = long60
    types = {r.doc_type for r in result.catalogue.records if r.kind is Kind.POLICY}
    assert DocType.RULE in types and DocType.NORMATIVE in types
    with pytest.raises(GenerateError, match="生成方式"):
        generate_corpus(5, tmp_path / "x", profile="short")


def test_the_longest_texts_are_divided_into_parts():
    """Over PART_FROM bytes: 第一编 总则 … 法律责任和附则, headings one level down, still one article sequence."""
    import random

    from build_tools.generate.corpus import Filler, load_corpus
    from build_tools.generate.law import PART_FROM, LawWriter
    corpus = load_corpus()
    f = Filler(corpus, random.Random(7), {"subject": "道路运输管理", "laws": "《中华人民共和国道路运输条例》",
                                            "suffix": "办法", "agency": "江川省交通运输厅"})
    blocks, outline = LawWriter(corpus).write(f, "road", "办法", PART_FROM + 90_000, "本办法自2024年1月1日起施行。")
    text = "\n\n".join(blocks)
    assert PART_FROM + 80_000 <= len(text.encode("utf-8")) <= PART_FROM + 100_000
    law = parse_law(text)
    parts = [h for h in law["headings"] if h[2] == "编"]
    assert len(parts) >= 4 and parts[0][3] == "总则" and parts[-1][3] == "法律责任和附则"
    assert {h[0] for h in law["headings"] if h[2] == "章"} == {3}
    assert list(law["articles"]) == list(range(1, outline.articles + 1))
    assert outline.chapters[-1][1] == "附则" and outline.chapters[-1][3] == outline.articles
    assert outline.chapters[0][0] == "第一编第一章"


@pytest.mark.parametrize("n", [1, 6, 11])
def test_tiny_long_corpora_pass(tmp_path, n):
    generate_corpus(n, tmp_path, seed=n, profile="long")
    config, _ = load_config(tmp_path / "mkdocs.yml")
    result = check_catalogue(config, AS_OF)
    assert [(p.file, p.code) for p in result.problems] == []
    assert len(result.catalogue.records) == n


def test_cli_profile(tmp_path, monkeypatch, capsys):
    from build_tools.cli import main
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "8", "--out", "demo", "--seed", "2", "--profile", "long"]) == 0
    assert "已生成 8 条记录" in capsys.readouterr().out
    sizes = [p.stat().st_size for p in (tmp_path / "demo" / "catalogue" / "policies").rglob("*.md")]
    assert sizes and min(sizes) >= LONG_MIN_BYTES
    with pytest.raises(SystemExit):
        main(["generate", "8", "--out", "other", "--profile", "short"])


def test_no_article_shows_its_items_run_together(long60):
    # The generator writes each 项 on a line of its own, as laws are printed; on the page each is a paragraph.
    root, _, result = long60
    seen = 0
    for r in result.catalogue.records:
        body = (root / "catalogue" / r.source).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        seen += len(re.findall(r"；\n（[一二三四五六七八九十]+）", body))
        for p in markdown.markdown(separate_items(body)).split("<p>")[1:]:
            assert not re.search(r"\n(?:（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+条　)", p.split("</p>")[0]), p[:200]
    assert seen > 20  # the corpus has such lists to separate
