"""Screenshots for docs/dev/accessibility.md: phone at 特大 and at 200 % text, the 404 page, focus, print.

Usage: ``PYTHONPATH=. python scripts/a11y_screenshots.py [OUT]`` (default docs/dev/screenshots,
files named a11y-*.png).  Builds the sample site, serves it under /xxgk/ and drives Debian's
Chromium with Playwright.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.mkdocs_plugin.build import build_site  # noqa: E402
from tests.browser.site_server import serve_site  # noqa: E402

POLICY = "records/015200371_2020-00003/"
PHONE = {"width": 390, "height": 844}
DOUBLE_TEXT = "html, html[data-cat-text-size] { font-size: 250% !important; }"  # Material's root is 125 %


def main() -> None:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/dev/screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "mkdocs.yml", site_dir=Path(tmp) / "site", as_of=dt.date(2026, 11, 23))
        with serve_site(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])

            def shot(name, path, *, viewport=PHONE, scheme="light", text_size=None, css=None, keys=(), media=None):
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                if text_size:
                    context.add_init_script(f"localStorage.setItem('catalogue.textSize', '{text_size}')")
                page = context.new_page()
                page.goto(base + path)
                if css:
                    page.add_style_tag(content=css)
                for key in keys:
                    page.keyboard.press(key)
                if media:
                    page.emulate_media(media=media)
                page.screenshot(path=str(out / f"a11y-{name}.png"))
                context.close()

            shot("home-phone-xlarge", "", text_size="x-large")
            shot("home-phone-200pct", "", css=DOUBLE_TEXT)
            shot("record-phone-200pct", POLICY, css=DOUBLE_TEXT)
            shot("404-desktop", "no/such/page/", viewport={"width": 1280, "height": 900})
            shot("404-phone-dark", "no/such/page/", scheme="dark")
            shot("focus-light", POLICY, viewport={"width": 1280, "height": 700}, keys=("Tab", "Enter", "Tab"))
            shot("print-chrome", POLICY, viewport={"width": 1280, "height": 700}, media="print")
            browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
