"""Full-text search of the public catalogue, as plain data.

:func:`build_search` turns a :class:`~build_tools.visibility.PublicCatalogue`
into the files of a static search index (``{path relative to the site
root: bytes}``), deterministic and without MkDocs; the MkDocs plugin only
writes them.  theme/assets/search.js queries them in the browser, fetching
only the chunks a query needs; :mod:`.query` is the same algorithm in
Python, for tests and benchmarks.  Design and figures: docs/dev/search.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from ..attachments import file_digest, text_bytes
from ..machinery.cache import environment_digest, fingerprint
from ..model.record import Record
from ..visibility import PublicCatalogue
from .documents import SearchDocument, each_search_document, shown_status
from .index import build_index
from .page import SearchPage, search_page
from .synonyms import default_groups

__all__ = ["AttachmentReader", "SearchDocument", "SearchPage", "attachment_reader", "build_search", "pack_files",
           "record_digest", "search_key", "search_page", "unpack_files"]


def build_search(public: PublicCatalogue, catalogue_dir: Path | Callable[[str], bytes],
                 categories: Sequence[str] = (),
                 synonyms: Sequence[Sequence[str]] | None = None) -> dict[str, bytes]:
    """Every file of the search index for ``public``.

    ``catalogue_dir`` is where attachments are read from (or a function
    returning an attachment's bytes from its catalogue-relative path);
    ``categories`` orders the 主题分类 filter as the configuration does;
    ``synonyms`` are the synonym groups shipped for queries (the option
    ``search_synonyms``; None: the default table, see :mod:`.synonyms`).
    :func:`search_key` names the result for a cache: building the index is
    the costliest step of a build, and most builds change nothing a reader
    can search.
    """
    if synonyms is None:
        synonyms = default_groups()
    return build_index(each_search_document(public, attachment_reader(catalogue_dir)), categories, synonyms)


class AttachmentReader:
    """Reads attachments for search without holding them: called with a
    catalogue-relative path it returns the bytes text is extracted from
    (only for the types that have text, up to a size cap; see
    :mod:`build_tools.attachments`); :meth:`digest` hashes a file a block
    at a time."""

    def __init__(self, source: Path | Callable[[str], bytes]) -> None:
        self._read = source if callable(source) else None
        self._root = None if callable(source) else Path(source)

    def __call__(self, rel: str) -> bytes:
        if self._read is not None:
            return self._read(rel)
        return text_bytes(self._root / rel, rel)

    def digest(self, rel: str) -> bytes:
        """A hash of the attachment's bytes (raises OSError if it cannot be read)."""
        if self._read is not None:
            return hashlib.blake2b(self._read(rel), digest_size=16).digest()
        return file_digest(self._root / rel)


def attachment_reader(catalogue_dir: Path | Callable[[str], bytes]) -> AttachmentReader:
    """An :class:`AttachmentReader` for a catalogue directory (or a function
    returning an attachment's bytes from its catalogue-relative path)."""
    return catalogue_dir if isinstance(catalogue_dir, AttachmentReader) else AttachmentReader(catalogue_dir)


def record_digest(record: Record) -> bytes:
    """A hash of everything a record holds: each field's name and ``repr`` (frozen values,
    deterministic), the body's characters as they are rather than its ``repr`` (a law's body is
    most of a record: its ``repr`` cost most of a search key's time, and does not tell more)."""
    rest = repr([(f.name, getattr(record, f.name)) for f in _RECORD_FIELDS]).encode()
    h = hashlib.blake2b(len(rest).to_bytes(8, "little"), digest_size=16)
    h.update(rest)
    h.update(record.body.encode("utf-8", "surrogatepass"))  # one code point, one sequence: a surrogate pair is not 𠀀
    return h.digest()


_RECORD_FIELDS = tuple(f for f in dataclasses.fields(Record) if f.name != "body")


def search_key(public: PublicCatalogue, read: Callable[[str], bytes], categories: Sequence[str],
               digest: Callable[[Record], bytes] = record_digest,
               synonyms: Sequence[Sequence[str]] | None = None) -> str:
    """A hash of everything the index is made from: the environment (the
    whole package's code and the libraries' versions,
    :func:`~build_tools.machinery.cache.environment_digest`), the records as
    the public sees them on ``as_of`` (有效性 included), attachment bytes, the
    names of the files and pages not published (taken out of the bodies), and
    ``categories`` and ``synonyms``, the options the index reads (the
    configuration acts on it otherwise only through the records it let
    through, which are hashed whole).

    ``digest`` is :func:`record_digest` or a memo of it (hashing 10,000
    records is most of the time this takes).
    """
    groups = default_groups() if synonyms is None else synonyms
    parts: list[object] = [environment_digest(), tuple(categories), tuple(map(tuple, groups))]
    # What the bodies are read without: the names and addresses of what is not published (links.WithheldNames).
    parts.append((tuple(sorted(public.hidden_files)), tuple(sorted(public.hidden_pages))))
    for r in public.records:
        parts.append(digest(r))
        parts.append(shown_status(r, public))
        for rel in r.attachments:
            try:
                parts.append((rel, read.digest(rel) if isinstance(read, AttachmentReader)
                              else hashlib.blake2b(read(rel), digest_size=16).digest()))
            except OSError:
                parts.append((rel, None))
    return fingerprint(*parts)


def pack_files(files: dict[str, bytes]) -> list[bytes]:
    """The index files as the parts of one cache entry: (path length, path, size, bytes) each.

    Parts, not one joined bytes: the cache writes them one after the other
    (``ContentCache.put_parts``), so the index (some 150 MB at 10,000 long
    laws) is not held a second time while it is stored.
    """
    parts: list[bytes] = []
    for path, data in files.items():
        name = path.encode()
        parts += (len(name).to_bytes(4, "little"), name, len(data).to_bytes(8, "little"), data)
    return parts


def unpack_files(blob: bytes) -> dict[str, bytes]:
    """The index files stored by :func:`pack_files`."""
    files: dict[str, bytes] = {}
    view, at = memoryview(blob), 0
    while at < len(blob):
        n = int.from_bytes(view[at:at + 4], "little")
        name = bytes(view[at + 4:at + 4 + n]).decode()
        at += 4 + n
        size = int.from_bytes(view[at:at + 8], "little")
        files[name] = bytes(view[at + 8:at + 8 + size])
        at += 8 + size
    return files
