"""Traditional characters read as OpenCC reads them: by the word where the word changes a character."""

from __future__ import annotations

from pathlib import Path

import marisa_trie
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.hanzi import WORD_SENSITIVE, simplified, simplified_words

_HEADER = b"OPENCC_MARISA_0.2.5"
"""How an ``.ocd2`` dictionary of OpenCC begins: its keys follow, as a marisa trie."""


def _phrases() -> list[str]:
    table = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / "TSPhrases.ocd2"
    data = table.read_bytes()
    assert data.startswith(_HEADER), "OpenCC's phrase table is in a format this test does not read"
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(_HEADER):])
    return list(trie.keys())


def test_the_characters_a_word_reads_otherwise_are_those_of_the_installed_opencc():
    """WORD_SENSITIVE is what the installed OpenCC's phrase table makes it: each character of a word whose
    reading in the word is not its reading alone.  An OpenCC with other words fails here: write the set it
    prints into hanzi.WORD_SENSITIVE."""
    phrases = _phrases()
    assert len(phrases) > 100
    sensitive = set()
    for word in phrases:
        read = simplified(word)
        if len(read) != len(word):
            continue  # never read by the word: simplified_words keeps the places
        sensitive.update(c for c, w in zip(word, read) if simplified(c) != w)
    assert "".join(sorted(sensitive)) == "".join(sorted(WORD_SENSITIVE))


@pytest.mark.parametrize("written, read", [
    ("关于王建国来信的答覆", "关于王建国来信的答复"), ("请瞭解有关情况", "请了解有关情况"), ("藉口", "借口"),
    ("覆盖全省", "覆盖全省"), ("明瞭", "明了"), ("沈默", "沉默"), ("沈阳市", "沈阳市"),
    ("关于王建国来信的答复", "关于王建国来信的答复"), ("", "")])
def test_a_word_is_read_as_the_word_reads(written, read):
    assert simplified_words(written) == read


@given(st.text(alphabet=st.sampled_from(WORD_SENSITIVE + "答解口盖明默阳关于的函復複了"), max_size=12)
       | st.text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_reading_by_the_word_keeps_every_place_and_skips_only_what_it_would_not_change(text):
    """What simplified_words reads has the text's length; a text it returns as written is one the library reads
    by the word as it reads it character by character."""
    read = simplified_words(text)
    assert len(read) == len(text)
    if read == text and not any(c in WORD_SENSITIVE for c in text):
        assert simplified(text) == "".join(simplified(c) for c in text) or len(simplified(text)) != len(text)
