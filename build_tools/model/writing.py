"""Writing records: YAML scalars that read back as written, and placeholders.

Tools that write records (``catalogue generate``, ``catalogue new``) share
these, so a value they write is read back by :mod:`build_tools.source` as the
same text, and a placeholder left for the editor is one the validator knows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import yaml

_PLAIN = re.compile(r"[^\s!&*\-?:,\[\]{}#|>@`\"'%][^:#,\[\]{}\"']*")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def scalar(value: str) -> str:
    """A YAML scalar: plain when that reads back as the same text, else double-quoted.

    Line breaks of any kind (``\n``, U+2028 …) and control characters are written as escapes,
    so a value stays on its line: a ``---`` after a break would otherwise end the front matter.
    """
    if (value.isprintable() and _PLAIN.fullmatch(value) and value == value.strip()
            and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG):
        return value
    quoted = json.dumps(value, ensure_ascii=False)  # escapes C0 controls; not the breaks YAML also knows
    return quoted.translate({0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def flow(values: Iterable[str]) -> str:
    """A one-line YAML list of text values: ``[a, b]``."""
    return "[" + ", ".join(scalar(v) for v in values) + "]"


# -- placeholders --------------------------------------------------------------------------------

PLACEHOLDER_PREFIX = "（待填写："
PLACEHOLDER = re.compile(r"（待填写(?:：[^（）\n]{0,80})?）|（填写本机关名称）")
"""A value or a piece of body text left for the editor: ``（待填写：标题）``; and the bare ``（待填写）`` and
``（填写本机关名称）`` that earlier annual-report drafts wrote (an office may have one in its catalogue: a review
found them published, the check passing).

Full-width brackets and colon, so it reads as one plain YAML scalar, is
plainly Chinese to the editor, and is never a real title or name.  The
validator reports every one (``placeholder-unfilled``) until it is replaced.
"""


def placeholder(what: str) -> str:
    """The placeholder asking the editor to write ``what``: ``（待填写：标题）``."""
    text = f"{PLACEHOLDER_PREFIX}{what}）"
    assert PLACEHOLDER.fullmatch(text), what
    return text


# -- where records live ----------------------------------------------------------------------------

KIND_FOLDERS: dict[str, str] = {
    "policy": "policies", "interpretation": "interpretations", "budget": "budgets",
    "final-account": "budgets", "annual-report": "reports", "notice": "notices",
}
"""The folder of ``catalogue/`` each kind of record is kept in by default (the sample catalogue's layout)."""
