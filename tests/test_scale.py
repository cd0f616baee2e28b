"""The site grows linearly with the catalogue: navigation never lists records."""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.generate import generate_corpus
from build_tools.mkdocs_plugin.build import build_site


def _size(path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    out = {}
    for n in (100, 200):
        root = tmp_path_factory.mktemp(f"n{n}")
        generate_corpus(n, root, seed=7, config=None)
        out[n] = build_site(root / "mkdocs.yml", site_dir=root / "site", as_of=dt.date(2026, 11, 20))
    return out


def test_site_size_is_linear_in_records(sites):
    # Fixed costs (theme assets) make the ratio smaller than 2; quadratic
    # navigation would make it grow towards 4.
    ratio = _size(sites[200]) / _size(sites[100])
    assert ratio < 2.2, ratio


def test_navigation_never_lists_records(sites):
    for site in sites.values():
        for page in sorted((site / "records").glob("*/index.html"))[:20]:
            html = page.read_text(encoding="utf-8")
            primary = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
            assert "records/" not in primary, page
