"""Traditional characters read as simplified where words are matched.

Pages from sites that kept a 繁体 version, or typed with a traditional input
method, write 公開方式：依申請公開; a template from Hong Kong or Macao writes
主題分類 as a field name.  The importer's labels and its net for pages that
are not public (:mod:`build_tools.importer.openness`), and the validator's
suggestion for an unknown field name, match simplified words, so they read
such text through OpenCC's ``t2s`` conversion (a kept library: its tables
know the characters and the phrases).  What a record holds stays as written.
"""

from __future__ import annotations

import re
from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (line breaks and characters outside the tables unchanged)."""
    return _t2s().convert(text) if text else text


WORD_SENSITIVE = "么乾俱剋劄吒哩噁坏彷徵扞於昇氾沈濛甦畫瞭祕脩蒐薹藉衹袷覆計谿逕釐鉅鍊鍾陞麼麽"
"""The characters that OpenCC's ``t2s`` reads otherwise in some word than alone (答覆 is 答复 where 覆 alone
stays 覆; 瞭解 了解; 沈默 沉默): those of its phrase table (``TSPhrases``) where the word's reading and the
character's differ.  A text holding none reads the same character by character.  A test derives the set from
the installed OpenCC's table (``tests/test_hanzi.py``)."""
_SENSITIVE = re.compile(f"[{WORD_SENSITIVE}]")


def simplified_words(text: str) -> str:
    """``text`` in simplified characters read by the word, where that changes a character and keeps every
    character's place (all but a few of the table's words): a text holding none of :data:`WORD_SENSITIVE`
    is returned as it is (reading it character by character is the caller's)."""
    if _SENSITIVE.search(text) is None:
        return text
    words = simplified(text)
    return words if len(words) == len(text) else text
