"""Full-text search of the public catalogue, as plain data.

:func:`build_search` turns a :class:`~build_tools.visibility.PublicCatalogue`
into the files of a static search index (``{path relative to the site
root: bytes}``), deterministic and without MkDocs; the MkDocs plugin only
writes them.  theme/assets/search.js queries them in the browser, fetching
only the chunks a query needs; :mod:`.query` is the same algorithm in
Python, for tests and benchmarks.  Design and figures: docs/dev/search.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..visibility import PublicCatalogue
from .documents import SearchDocument, search_documents
from .index import build_index
from .page import SearchPage, search_page

__all__ = ["SearchDocument", "SearchPage", "build_search", "search_page"]


def build_search(public: PublicCatalogue, catalogue_dir: Path | Callable[[str], bytes],
                 categories: Sequence[str] = ()) -> dict[str, bytes]:
    """Every file of the search index for ``public``.

    ``catalogue_dir`` is where attachments are read from (or a function
    returning an attachment's bytes from its catalogue-relative path);
    ``categories`` orders the 主题分类 filter as the configuration does.
    """
    if callable(catalogue_dir):
        read = catalogue_dir
    else:
        root = Path(catalogue_dir)
        read = lambda rel: (root / rel).read_bytes()  # noqa: E731
    return build_index(search_documents(public, read), categories)
