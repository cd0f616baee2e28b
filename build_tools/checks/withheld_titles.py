"""The titles of withheld records, written in public ones that do not link to them.

A record not 主动公开 (依申请公开, 不予公开) is not on the site, and neither is
its title: a 处分决定's title names the person, an internal notice's names
what it is about.  A public record that links to it is checked by the link
graph (``reference-names-not-public``); one that writes its title as text,
without a link (根据《关于张三同志的处分决定》……), published it all the same.
This check finds such titles in every public text (标题, 内容概述, the other
free-text fields, 正文), read as a reader reads them
(:func:`~build_tools.withheld_names.fold`: invisible characters, emphasis,
full-width letters and line breaks hide nothing).

What is looked for is a withheld record's title as written (six characters
or more).  Its shorter forms (the document it issues, the title without its
issuer: :func:`~build_tools.withheld_names.record_names`) are looked for only
where a link says which record is meant (the graph's check): without one,
关于做好2025年春运工作的通知 may be the ministry's of that name.  A name that
a public record has too, in any of its forms, is not looked for: the text
may mean that record (a public 废止决定 titled as the withheld record it
replaces; a public 江川省交通运输厅2024年部门预算 beside a withheld
2024年部门预算), and the name is public by it anyway.  Records linked to are left to the link graph,
which knows why the link is there.  Records not yet published are not
withheld: naming one before its day is not reported.

Either is an error, and keeps the naming record off the site until it is
corrected (:func:`~build_tools.pipeline.kept_off`), as personal data does:
a build without ``--strict`` publishes the rest.  The text is not taken
out: a sentence without its subject says something else.
"""

from __future__ import annotations

from collections.abc import Iterator

import ahocorasick

from ..catalogue import Catalogue
from ..diagnostics import Problem, problem
from ..graph import LINK_FIELDS
from ..model.fields import FIELDS_BY_KEY, FREE_TEXT
from ..model.record import Record
from ..withheld_names import fold, folded_with_places, record_names


def check_withheld_titles(catalogue: Catalogue) -> list[Problem]:
    """``withheld-title-named`` for each public record that writes a withheld record's name without linking
    to it, once per pair, at the first text that holds it."""
    public = [r for r in catalogue.records if r.is_proactive]
    shown = frozenset().union(*(record_names(r.title, r.issuer) for r in public))
    owners: dict[str, list[Record]] = {}
    for r in catalogue.records:
        if not r.is_proactive:
            # The title as written, not its shorter forms: without a link, 关于做好2025年春运工作的通知 may be the
            # ministry's of that name, and a public notice citing it was kept off the site (a review).
            name = fold(r.title)
            if len(name) >= 6 and name not in shown:
                owners.setdefault(name, []).append(r)
    if not owners:
        return []
    net = ahocorasick.Automaton()
    for name in owners:
        net.add_word(name, name)
    net.make_automaton()
    out: list[Problem] = []
    for r in public:
        linked = {target for field in LINK_FIELDS for target in getattr(r, field)}
        told: set[str] = set()
        for key, text in _texts(r):
            folded = fold(text)
            for end, name in net.iter(folded):
                for other in owners[name]:
                    if other.index_no not in linked and other.index_no not in told:
                        told.add(other.index_no)
                        out.append(_problem(r, key, text, folded, end - len(name) + 1, other))
    return out


def _texts(r: Record) -> Iterator[tuple[str, str]]:
    """The record's texts the site shows, with their field: the free-text fields, then the body."""
    for key in FREE_TEXT:
        value = getattr(r, key)
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            yield key, text
    yield "body", r.body


def _problem(r: Record, key: str, text: str, folded: str, at: int, other: Record) -> Problem:
    if key == "body":
        places, starts, _ = folded_with_places(text)
        start = starts[at] if places == folded and at < len(starts) else 0
        line, where = r.body_line + text.count("\n", 0, start), "正文"
    else:
        line, where = r.line_of(key), FIELDS_BY_KEY[key].display
    return problem(
        "withheld-title-named", r.source, line, key,
        f"{where}写出了{other.disclosure.label}的记录 {other.index_no} 的名称「{other.title}」：那条记录不在网站上，"
        "它的名称却会随本记录公开；改正之前本记录不发布。",
        "改写这一处，不写出不公开文件的名称（例如写“有关文件”）；若这份文件其实可以公开，"
        f"改正 {other.source} 的公开方式。")
