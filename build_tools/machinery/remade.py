"""Bytes made once, when they are written, rather than held (or made) from the plan until then.

The open data holds one JSON file per record: its metadata, its body as
Markdown and as HTML.  At 10,000 long laws these are some 400 MB, and
making them costs some 2 ms each (the HTML read back from the cache, its
links made absolute, the JSON written out).  The plan holds, for each, only
a :class:`MadeWhenWritten`: how to make its bytes from what the build holds
anyway (the record, its Markdown and its HTML).  The writer
(``mkdocs_plugin/pages.write_made``) makes each once, in forked workers,
writes it (or keeps the same bytes already there) and reports its size and
digest: the 开放数据 page shows the sizes, the manifest of a build in
place keeps the digests.  No more than one such file exists at a time in a
process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass


def new_file_hash() -> hashlib.blake2b:
    """The hash a build keeps of a file's bytes (BLAKE2b, 16 bytes): of files made
    (:func:`content_digest`) and of files copied (``attachments.file_digest``) alike."""
    return hashlib.blake2b(digest_size=16)


def content_digest(data: bytes) -> str:
    """The digest a build keeps of a file's bytes, in hex."""
    h = new_file_hash()
    h.update(data)
    return h.hexdigest()


@dataclass(frozen=True, slots=True, eq=False)
class MadeWhenWritten:
    """A file's bytes, made on demand (a pure function of immutable inputs: each making gives the same bytes)."""

    make: Callable[[], bytes]
    key: str = ""
    """A hash of everything the bytes are made from, the code included ("": none): a build in place keeps,
    without making it, a file the last build wrote from the same key and still as it wrote it."""


def bytes_of(content: bytes | MadeWhenWritten) -> bytes:
    """A file's bytes, held or made now."""
    return content.make() if isinstance(content, MadeWhenWritten) else content
