"""Versioned addresses of the theme's own style sheets and scripts.

Material names its assets by their content (``main.<hash>.min.css``); ours
keep their names (``assets/search.js``), so a browser that kept last
month's script under its heuristic freshness would run it against this
month's pages and index.  Every page therefore asks for them as
``assets/search.js?v=<first 10 hex digits of the SHA-256 of the file>``:
a new file is a new address, the same file the same one, and the files
themselves keep their paths.  The digest is of the file MkDocs will copy
into the site (a project's docs/ may override the theme's), and it is part
of every cached page's key (see ``plugin._write_catalogue_pages``).

The theme's style sheets and scripts are written with comments for those
who maintain them (search.js is two fifths comments); the site serves them
minified, by rcssmin and rjsmin, which take out comments and layout and
nothing else.  A project's own copy in docs/ is served as it wrote it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ASSETS = ("assets/catalogue.css", "assets/search.css", "assets/search.js", "assets/page-tools.js",
          "assets/vendor/pako_inflate.es5.min.js")
"""The theme's own files that every page links to (theme/main.html), and the inflater search.js loads
in browsers without ``DecompressionStream`` (its address is on the search box: partials/search-box.html)."""
GLOBAL = "catalogue_asset"
"""The template function: ``{{ 'assets/search.js' | url }}{{ catalogue_asset('assets/search.js') }}``."""


def version_of(data: bytes) -> str:
    """The query that versions an asset whose bytes are ``data``: ``?v=<10 hex digits of their SHA-256>``."""
    return "?v=" + hashlib.sha256(data).hexdigest()[:10]


MINIFIED = {"assets/catalogue.css": "css", "assets/search.css": "css", "assets/search.js": "js",
            "assets/page-tools.js": "js"}
"""The theme's files served minified (the vendored inflater comes minified)."""


def minify(text: str, kind: str) -> str:
    """A style sheet (``css``) or script (``js``) without its comments and layout."""
    if kind == "css":
        import rcssmin
        return rcssmin.cssmin(text)
    import rjsmin
    return rjsmin.jsmin(text)


def asset_versions(files, minify_from: Path | None = None) -> dict[str, str]:
    """``{path: "?v=<digest>"}`` for each of :data:`ASSETS` among MkDocs' ``files``, once the theme's own copies
    (those under ``minify_from``, the theme's folder) are made the minified files the site serves."""
    theme = minify_from.resolve() if minify_from is not None else None
    for path, kind in MINIFIED.items():
        file = files.get_file_from_path(path)
        if theme is not None and file is not None and file.abs_src_path \
                and Path(file.abs_src_path).resolve().is_relative_to(theme):
            file.content_bytes = minify(file.content_string, kind).encode("utf-8")
    versions = {}
    for path in ASSETS:
        file = files.get_file_from_path(path)
        if file is not None:
            versions[path] = version_of(file.content_bytes)
    return versions


class AssetSuffix:
    """The template function: the query that versions an asset's address ("" for any other path)."""

    def __init__(self, versions: dict[str, str]) -> None:
        self.versions = versions

    def __call__(self, path: str) -> str:
        return self.versions.get(path, "")
