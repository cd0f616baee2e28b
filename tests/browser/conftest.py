"""What every browser test needs: Debian's Chromium under Playwright, and a built site served on 127.0.0.1.

Playwright drives /usr/bin/chromium (no browser download).  Without it, or
without the ``playwright`` package (in the ``dev`` extras), the tests are
skipped, except under ``CI=true``, where they always run and so fail loudly
if the browser is missing.  Each test module sets
``pytestmark = requires_chromium``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .site_server import serve_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _have_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


#: The skip marker for a module of browser tests.
requires_chromium = pytest.mark.skipif(
    not IN_CI and not (CHROMIUM.exists() and _have_playwright()),
    reason="browser tests need /usr/bin/chromium (apt-get install chromium) and the playwright package "
           "(pip install -e '.[dev]'); they always run when CI=true")


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` at the root of 127.0.0.1 and an ephemeral port; yields the base URL.

    (tests/browser/site_server.py serves under site_url's path, as the real host does.)
    """
    with serve_site(site, prefix="/") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium, launched once per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
