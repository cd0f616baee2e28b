"""The search results page as plain data (the browser fills in the results)."""

from __future__ import annotations

from dataclasses import dataclass

from ..views.lists import Facet
from .index import FACETS

PATH = "search/"


@dataclass(frozen=True, slots=True)
class SearchPage:
    """What the results page shows before (and without) JavaScript."""

    path: str
    title: str
    facets: tuple[tuple[str, str], ...]
    """(URL parameter, label) of each filter, in display order."""
    browse: tuple[Facet, ...]
    """The browse lists, for readers without JavaScript."""


def search_page(browse: tuple[Facet, ...]) -> SearchPage:
    """The results page, linking to ``browse`` (the home page's entry points)."""
    return SearchPage(PATH, "站内搜索", FACETS, browse)
