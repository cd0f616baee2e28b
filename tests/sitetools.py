"""Helpers for tests that look at a built site: link crawling, text scans."""

from __future__ import annotations

import gzip
import re
import zlib
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("link", "script", "img") and name in ("href", "src"))):
                self.links.append(value)


def links_of(html: str) -> list[str]:
    """Every href/src in a page."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def page_url(site: Path, file: Path) -> str:
    """The site-relative URL of a built HTML file (directory URLs)."""
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, base_url: str, href: str) -> Path | None:
    """The file an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    path = unquote(urldefrag(href)[0].split("?")[0])
    if not path:
        return None
    target = PurePosixPath("/" + base_url).parent if not base_url.endswith("/") else PurePosixPath("/" + base_url)
    joined = (target / path).as_posix()
    normal = []
    for seg in joined.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if normal:
                normal.pop()
            continue
        normal.append(seg)
    out = site.joinpath(*normal)
    if path.endswith("/") or out.is_dir():
        out = out / "index.html"
    return out


_SEARCH_FILE = re.compile(r"search/data/[0-9]+/[0-9a-f]+/.+")  # search/data/<format>/<id>/…


def output_bytes(site: Path):
    """(path, bytes) of every output file as a reader gets it: gzip files and the search index's files inflated.

    Every file of the catalogue's search index but meta.json is stored compressed (zlib's format), so a
    scan of raw bytes would never see what it holds: leak tests read it inflated (one that does not inflate
    fails the test).
    """
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        elif _SEARCH_FILE.fullmatch(f.relative_to(site).as_posix()):
            data = zlib.decompress(data)
        yield f, data


def all_text(site: Path):
    """(path, decoded text) of every output file, gzip files and the search index's files inflated."""
    for f, data in output_bytes(site):
        yield f, data.decode("utf-8", errors="replace")
