"""Bytes made again when they are written, rather than held from the plan until then.

The open data holds one JSON file per record: its metadata, its body as
Markdown and as HTML.  At 10,000 long laws these are some 400 MB, and the
plan needs of them only their sizes (the 开放数据 page shows them) and
digests (a build in place keeps the files whose bytes it would write again).
A :class:`Remade` is made once to take both, then let go; the writer
makes it again (:meth:`Remade.make`) from what the build holds anyway (the
record, its Markdown and its HTML), writes it and lets go again, so no more
than one such file exists at a time.

Making is a pure function of immutable inputs, so the second making gives
the first's bytes; the writer still takes the digest of what it wrote
(:func:`content_digest`) and says so if the two differ.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field


def new_file_hash() -> hashlib.blake2b:
    """The hash a build keeps of a file's bytes (BLAKE2b, 16 bytes): of files made
    (:func:`content_digest`) and of files copied (``attachments.file_digest``) alike."""
    return hashlib.blake2b(digest_size=16)


def content_digest(data: bytes) -> str:
    """The digest a build keeps of a file's bytes, in hex."""
    h = new_file_hash()
    h.update(data)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Remade:
    """A file's bytes, known by size and digest, made on demand.  Equal when size and digest are."""

    size: int
    digest: str
    make: Callable[[], bytes] = field(compare=False, repr=False)

    @classmethod
    def measure(cls, make: Callable[[], bytes]) -> Remade:
        """Make the bytes once for their size and digest, and keep only ``make``."""
        data = make()
        return cls(len(data), content_digest(data), make)


def size_of(content: bytes | Remade) -> int:
    """The size in bytes of a file's content, held or remade."""
    return content.size if isinstance(content, Remade) else len(content)


def bytes_of(content: bytes | Remade) -> bytes:
    """A file's bytes, held or made now."""
    return content.make() if isinstance(content, Remade) else content
