"""Stable URLs for generated pages.

A record's URL comes from its index number, never from its file path, so
moving or renaming a file does not break anybody's link.  Index numbers may
contain ``/`` and other characters unsafe in a path; they are escaped in a
reversible way so two index numbers never share a URL.  Collisions are
checked anyway, where every output path is known (views/site.py).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

_SAFE = re.compile(r"[A-Za-z0-9.-]")


def index_slug(index_no: str) -> str:
    """``000014349/2013-00123`` → ``000014349_2013-00123``.

    ``/`` becomes ``_``; any other character outside ``[A-Za-z0-9.-]``
    (including ``_`` itself) becomes ``~XXXX`` with its code point, so the
    mapping is one-to-one.
    """
    out = []
    for ch in index_no:
        if _SAFE.match(ch):
            out.append(ch)
        elif ch == "/":
            out.append("_")
        else:
            out.append(f"~{ord(ch):04x}")
    slug = "".join(out)
    return slug if slug.strip(".") else "~" + slug  # "." and ".." are not directory names


def record_path(index_no: str) -> str:
    """Directory of a record page, relative to the site root, with trailing slash."""
    return f"records/{index_slug(index_no)}/"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address of a generated page from its site path (a folder, ending with ``/``, perhaps with a
    ``#fragment`` or ``?query``; the home page's is empty): the folder itself where the server answers a folder with its
    ``index.html`` (MkDocs' ``use_directory_urls``, the default), else the folder's ``index.html``, as
    a copy read from disk or a server without index documents needs.  Any other path is returned as it is.
    """
    if directory_urls or path.startswith(("#", "?", "/")) or ":" in path.split("/", 1)[0]:
        return path  # the page itself, a site-absolute address or one with a scheme: not a page's folder
    cut = min((i for i in (path.find("#"), path.find("?")) if i >= 0), default=len(path))
    folder = path[:cut]
    if folder in ("", "."):
        folder = "./"
    elif not folder.endswith("/"):
        return path
    return f"{folder}index.html{path[cut:]}"


def name_slug(name: str) -> str:
    """A short stable ASCII slug for a Chinese name (category, issuer).

    Hash-based so it survives taxonomy reordering; eight hex digits are plenty
    for the few hundred names a catalogue has.  Two names can still share a
    slug (one pair in about 80,000 names): views/site.py checks every output
    path of the site, reports a collision as ``duplicate-output-path`` naming
    both record files, and the renderer refuses to write one path twice.
    """
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def attachment_path(rel: str) -> str:
    """Where an attachment is written, relative to the site root (a file path, not encoded)."""
    return f"attachments/{rel}"


def attachment_url(rel: str) -> str:
    """An attachment's URL relative to the site root, percent-encoded.

    File names hold what a URL cannot carry as it is: ``#`` would start a
    fragment, ``?`` a query, ``%`` an escape; spaces and Chinese are encoded
    too so the link is the same in every browser and server.
    """
    return quote(attachment_path(rel), safe="/")
