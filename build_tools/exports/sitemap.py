"""The sitemap: every public page with the day it last changed, from the records.

The adapter gives the pages it published (URL relative to the site root,
and the planned ``updated`` date, or None for a page the records do not
date: a docs/ page gets no ``<lastmod>`` rather than the build's date).
Past :data:`MAX_URLS` URLs (sitemaps.org: 50,000 URLs and 50 MB
uncompressed per file) the URLs go to ``sitemap-1.xml`` … and
``sitemap.xml`` becomes a sitemap index naming them, each with the newest
``lastmod`` of its URLs.  A ``.gz`` copy of each is made with no name and
the newest ``lastmod`` as its time in the gzip header (as MkDocs dates its
own), so rebuilds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from collections.abc import Sequence
from urllib.parse import urljoin
from xml.sax.saxutils import escape

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _urlset(base_url: str, entries: Sequence[tuple[str, str | None]]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_NS}">']
    for url, lastmod in entries:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(urljoin(base_url, url))}</loc>{mod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _index(base_url: str, parts: Sequence[tuple[str, str | None]]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_NS}">']
    for path, lastmod in parts:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <sitemap><loc>{escape(urljoin(base_url, path))}</loc>{mod}</sitemap>")
    lines.append("</sitemapindex>\n")
    return "\n".join(lines).encode("utf-8")


def gzipped(data: bytes, day: str | None = None) -> bytes:
    """``data`` gzipped with no name and, for a time, midnight UTC of ``day`` (ISO; none: 0) in the header."""
    mtime = int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()) if day else 0
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", filename="", mtime=mtime) as f:
        f.write(data)
    return out.getvalue()


def split(entries: Sequence[tuple[str, str | None]], limit: int = MAX_URLS) -> list[Sequence[tuple[str, str | None]]]:
    """``entries`` in chunks of at most ``limit`` (one chunk, possibly empty, when they fit)."""
    return [entries[i:i + limit] for i in range(0, len(entries), limit)] or [entries]


def sitemap_files(base_url: str, entries: Sequence[tuple[str, str | None]], *,
                  limit: int = MAX_URLS) -> dict[str, bytes]:
    """``{site path: bytes}``: ``sitemap.xml`` (a urlset, or an index past ``limit`` URLs), the parts, and
    a ``.gz`` of each.  ``entries`` are (URL relative to the site root, ISO date or None), sorted by URL here."""
    entries = sorted(dict(entries).items())
    chunks = split(entries, limit)
    files: dict[str, bytes] = {}
    if len(chunks) == 1:
        files["sitemap.xml"] = _urlset(base_url, chunks[0])
    else:
        parts = []
        for i, chunk in enumerate(chunks, 1):
            name = f"sitemap-{i}.xml"
            files[name] = _urlset(base_url, chunk)
            parts.append((name, max((d for _, d in chunk if d), default=None)))
        files["sitemap.xml"] = _index(base_url, parts)
    newest = max((d for _, d in entries if d), default=None)
    for name, data in list(files.items()):
        if len(data) > MAX_BYTES:  # 50,000 URLs of ~200 bytes are ~10 MB: cannot happen below the URL limit
            raise ValueError(f"{name} is over 50 MB")
        files[f"{name}.gz"] = gzipped(data, newest)
    return files
