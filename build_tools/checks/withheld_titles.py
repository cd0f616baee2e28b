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

The attachments of public records are read too, as the site publishes
them: the file's name (shown on the record's page and in its address), and
every text the privacy check reads in it (a CSV's or TXT's lines, a PDF's
pages and its other texts, an Office, OFD or ZIP file's texts, a picture's
metadata).  A quarterly 发文目录 whose attachment lists the withheld
处分决定 by title was published, and nothing was said (a review).  What an
Office file holds is kept in the cache directory (``attachment-names/``),
keyed by its bytes and the names looked for.

Either is an error, and keeps the naming record off the site until it is
corrected (:func:`~build_tools.pipeline.kept_off`), as personal data does:
a build without ``--strict`` publishes the rest.  The text is not taken
out: a sentence without its subject says something else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import ahocorasick

from ..attachments import MAX_TEXT_BYTES, content_type, text_bytes
from ..catalogue import Catalogue
from ..config import CatalogueConfig
from ..diagnostics import Problem, problem
from ..graph import LINK_FIELDS
from ..machinery.cache import ContentCache, environment_digest, fingerprint
from ..model.fields import FIELDS_BY_KEY, FREE_TEXT
from ..model.record import Record
from ..office_text import NO_TEXT, NotReadable, passages as office_passages
from ..office_text.pictures import PICTURES, picture_metadata
from ..search.text import PDF_TEXT_NAMESPACE, decode_text, pdf_hidden_texts, pdf_pages
from ..withheld_names import fold, folded_with_places, record_names

ATTACHMENT_NAMES_NAMESPACE = "attachment-names"
"""The cache directory's folder of the withheld names found in Office attachments (:func:`_office_names`)."""


def check_withheld_titles(catalogue: Catalogue, config: CatalogueConfig | None = None, *,
                          prune: bool = False) -> list[Problem]:
    """``withheld-title-named`` for each public record that writes a withheld record's name without linking
    to it, once per pair, at the first text that holds it; given ``config``, in its attachments too
    (``prune``: what the check did not use leaves the cache directory, as the privacy check's does)."""
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
        if prune and config is not None and config.cache_dir is not None:
            ContentCache(config.cache_dir, ATTACHMENT_NAMES_NAMESPACE).prune()  # nothing looked for: nothing kept
        return []
    net = ahocorasick.Automaton()
    for name in owners:
        net.add_word(name, name)
    net.make_automaton()
    with _AttachmentNames(net, sorted(owners), config, prune) if config is not None \
            else contextlib.nullcontext() as named:
        return _named(public, owners, net, named)


def _named(public: list[Record], owners: dict[str, list[Record]], net: ahocorasick.Automaton,
           named: _AttachmentNames | None) -> list[Problem]:
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
        for rel in r.attachments if named is not None else ():
            for name, where, line in named.of(rel):
                for other in owners[name]:
                    if other.index_no not in linked and other.index_no not in told:
                        told.add(other.index_no)
                        out.append(_attachment_problem(rel, where, line, other))
    return out


def _texts(r: Record) -> Iterator[tuple[str, str]]:
    """The record's texts the site shows, with their field: the free-text fields, then the body."""
    for key in FREE_TEXT:
        value = getattr(r, key)
        for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
            yield key, text
    yield "body", r.body


class _AttachmentNames:
    """The withheld names each attachment holds, read once per check whichever records list it."""

    def __init__(self, net: ahocorasick.Automaton, names: list[str], config: CatalogueConfig, prune: bool) -> None:
        self.net, self.root, self.prune = net, Path(config.catalogue_dir), prune
        self.found: dict[str, list[tuple[str, str, int | None]]] = {}
        self.names_digest = hashlib.blake2b("\n".join(names).encode("utf-8"), digest_size=16).digest()
        self.stack = contextlib.ExitStack()
        self.pdf_cache = self.office_cache = None
        if config.cache_dir is not None:
            self.pdf_cache = ContentCache(config.cache_dir, PDF_TEXT_NAMESPACE)
            self.office_cache = ContentCache(config.cache_dir, ATTACHMENT_NAMES_NAMESPACE)

    def __enter__(self) -> _AttachmentNames:
        if self.office_cache is not None:
            self.stack.enter_context(self.office_cache.batch())
        return self

    def __exit__(self, *exc) -> None:
        self.stack.close()
        if self.prune and self.office_cache is not None and exc[0] is None:
            self.office_cache.prune()

    def of(self, rel: str) -> list[tuple[str, str, int | None]]:
        """(name, where, line) of each withheld name in the attachment ``rel``, in order, each name once."""
        if rel not in self.found:
            found: dict[str, tuple[str, str, int | None]] = {}
            try:
                for where, line, text in self._texts(rel):
                    for _, name in self.net.iter(fold(text)):
                        found.setdefault(name, (name, where, line))
            except OSError:
                pass  # check_attachments says what is wrong with the file
            self.found[rel] = list(found.values())
        return self.found[rel]

    def _texts(self, rel: str) -> Iterator[tuple[str, int | None, str]]:
        """(where, line, text) of every text of the attachment a reader of the site can see: its name, then
        what the privacy check reads in it (:func:`~build_tools.checks.privacy.check_privacy`)."""
        yield "的文件名", None, rel
        path = self.root / rel
        ext = content_type(path, rel)
        if ext in NO_TEXT and ext not in PICTURES or path.stat().st_size > MAX_TEXT_BYTES:
            return
        if ext in PICTURES:
            for where, text in picture_metadata(path.read_bytes())[0]:
                yield where, None, text
        elif ext in ("csv", "txt"):
            text = decode_text(text_bytes(path, rel, ext)).replace("\r\n", "\n").replace("\r", "\n")
            for n, line in enumerate(text.split("\n"), start=1):
                yield f"第 {n} 行", n, line
        elif ext == "pdf":
            data = path.read_bytes()
            try:
                pages = pdf_pages(data, self.pdf_cache)
                hidden = pdf_hidden_texts(data, self.pdf_cache)
            except Exception:  # damaged: check_attachments reports it, the privacy check says it is unread
                return
            for n, text in enumerate(pages, start=1):
                yield f"第 {n} 页", None, text
            for where, text in hidden:
                yield where, None, text
        else:
            for name, where in self._office_names(path.read_bytes(), ext):
                yield where, None, name

    def _office_names(self, data: bytes, ext: str) -> list[tuple[str, str]]:
        """(name, where) of the withheld names an Office, OFD or ZIP file holds, from the cache directory when
        its bytes, the names, the code and the libraries are the same (a large workbook takes seconds)."""
        cache = self.office_cache
        key = fingerprint(environment_digest(), "withheld-names", ext, self.names_digest,
                          hashlib.blake2b(data).digest()) if cache is not None else None
        stored = cache.get(key) if key is not None else None
        if stored is not None:
            with contextlib.suppress(ValueError, TypeError):
                return [(name, where) for name, where in json.loads(stored)]
        found: dict[str, str] = {}
        wanted = self._holds_a_name
        try:
            for passage in office_passages(data, ext, wanted):
                if passage.text:
                    for _, name in self.net.iter(fold(passage.text)):
                        found.setdefault(name, passage.where)
        except NotReadable:
            pass  # the privacy check says it is unread
        except Exception:  # a reader meeting what it was not made for: said by the privacy check; not kept
            key = None
        names = list(found.items())
        if key is not None:
            cache.put(key, json.dumps(names, ensure_ascii=False).encode("utf-8"))
        return names

    def _holds_a_name(self, text: str) -> bool:
        return next(self.net.iter(fold(text)), None) is not None


def _attachment_problem(rel: str, where: str, line: int | None, other: Record) -> Problem:
    return problem(
        "withheld-title-named", rel, line, "attachments",
        f"附件 {rel} {where}写出了{other.disclosure.label}的记录 {other.index_no} 的名称「{other.title}」：附件会原样发布，"
        "那条记录不在网站上，它的名称却会随附件公开；改正之前，列出这个附件的记录不发布。",
        ("给附件改个不写出这个名称的文件名，并改正记录里附件一栏的文件名；" if where == "的文件名" else
         "从附件中删去这个名称（例如写“有关文件”）后重新导出；")
        + f"若这份文件其实可以公开，改正 {other.source} 的公开方式。")


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
