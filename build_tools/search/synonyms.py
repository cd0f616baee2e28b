"""Synonyms for search, applied when a query is read, never when the index is written.

Readers type 出租车, 网约车, 驾照; documents say 出租汽车, 网络预约出租汽车,
机动车驾驶证.  A synonym group lists spellings that mean the same thing
(build_tools/data/search_synonyms.txt holds the default groups; the option
``search_synonyms`` adds groups or switches the defaults off).  The index
stays exact: the groups are shipped in meta.json, normalised, and a query
term becomes a list of *alternatives* (:func:`alternatives`), the term as
typed first; a record matches the term when it holds any of them.  So every
record holding the typed text is still found (recall of the exact text is
unchanged), and synonyms only add records.

Expanding a term (the same in theme/assets/search.js): scanning the term
from the left, at each place the longest member of any group that starts
there is a *site* (sites do not overlap); every combination of the sites'
group members is an alternative, the typed one first, at most
:data:`MAX_ALTERNATIVES`; an alternative (other than the typed term) that
holds another alternative is dropped, as every record holding it holds the
shorter one too (机动车驾驶证 is no alternative of 驾驶证).  网约车管理 gives
网约车管理, 网络预约出租汽车管理, 网络预约出租车管理.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "search_synonyms.txt"
MAX_ALTERNATIVES = 8
"""Most alternatives one query term expands to (the typed term included)."""
SEPARATORS = re.compile(r"\s*[/／、]\s*")
"""Between the members of a group written on one line."""


def split_group(text: str) -> list[str]:
    """The members of a group written as ``出租车/出租汽车`` (or with 、 between them)."""
    return [m for m in SEPARATORS.split(text.strip()) if m]


def read_groups(text: str) -> list[list[str]]:
    """Groups from the data file's text: one per line, ``#`` comments."""
    return [split_group(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def default_groups() -> tuple[tuple[str, ...], ...]:
    """The shipped default table (build_tools/data/search_synonyms.txt)."""
    return merge_groups(read_groups(DATA.read_text(encoding="utf-8")))


def merge_groups(groups: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Groups sharing a member joined into one, members kept once, in order of appearance.

    Empty members and groups of fewer than two distinct members are dropped
    (nothing to expand to).
    """
    merged: list[list[str]] = []
    for group in groups:
        members = list(dict.fromkeys(m for m in group if m))
        joined = [g for g in merged if not set(g).isdisjoint(members)]
        if joined:
            first = joined[0]
            for g in joined[1:]:
                first.extend(m for m in g if m not in first)
                merged.remove(g)
            first.extend(m for m in members if m not in first)
        else:
            merged.append(members)
    return tuple(tuple(g) for g in merged if len(g) >= 2)


def alternatives(term: str, groups: Sequence[Sequence[str]]) -> list[str]:
    """The strings a normalised query term matches: itself first, then its synonyms (see module docstring).

    ``groups`` are normalised (as meta.json ships them).
    """
    group_of: dict[str, int] = {}
    for i, g in enumerate(groups):
        for m in g:
            group_of.setdefault(m, i)
    if not group_of:
        return [term]
    longest = max(map(len, group_of))
    pieces: list[list[str]] = []  # literal text or a site's options, in order
    literal, i = "", 0
    while i < len(term):
        site = next((term[i:i + n] for n in range(min(longest, len(term) - i), 0, -1)
                     if term[i:i + n] in group_of), None)
        if site is None:
            literal += term[i]
            i += 1
            continue
        if literal:
            pieces.append([literal])
            literal = ""
        pieces.append([site] + [m for m in groups[group_of[site]] if m != site])
        i += len(site)
    if literal:
        pieces.append([literal])
    alts = [""]
    for options in pieces:
        alts = [a + o for a in alts for o in options][:MAX_ALTERNATIVES]
    out: list[str] = []
    for a in alts:
        if a not in out:
            out.append(a)
    return [out[0]] + [a for a in out[1:] if not any(b != a and b in a for b in out)]
