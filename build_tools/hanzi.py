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

from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (line breaks and characters outside the tables unchanged)."""
    return _t2s().convert(text) if text else text
