"""Lighthouse's accessibility score for every page type of the sample site, written into docs/dev/accessibility.md.

Usage (from the repository root, after ``npm ci --prefix .ci/a11y``)::

    PYTHONPATH=. python scripts/lighthouse.py [--print-only]

Builds the sample catalogue (as of a fixed day), serves it under /xxgk/ (the
path of site_url) on 127.0.0.1, runs Lighthouse 12 (.ci/a11y) against Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) headless with
``--only-categories=accessibility`` on one page of each type, once with
Lighthouse's phone emulation and once with its desktop preset, and replaces the
table between the ``lighthouse`` markers in docs/dev/accessibility.md.  Audits
that did not pass are listed under the table.  The score is measured here,
not asserted in a unit test (it depends on Lighthouse's weighting).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.mkdocs_plugin.build import build_site  # noqa: E402
from tests.browser.site_server import serve_site  # noqa: E402

LIGHTHOUSE = ROOT / ".ci/a11y/node_modules/.bin/lighthouse"
DOC = ROOT / "docs/dev/accessibility.md"
BEGIN, END = "<!-- lighthouse:begin (scripts/lighthouse.py writes this table) -->", "<!-- lighthouse:end -->"
AS_OF = dt.date(2026, 11, 23)

#: Page type → (label, path under the site).  The same pages as tests/browser/test_accessibility.py.
PAGES = {
    "home": ("首页", ""),
    "policy": ("政策文件（网约车实施细则，有解读）", "records/015200371_2020-00003/"),
    "interpretation": ("政策解读", "records/015200371_2020-00004/"),
    "budget": ("部门预算（2026）", "records/015200371_2026-00002/"),
    "final-account": ("部门决算（2024）", "records/015200371_2025-00006/"),
    "notice": ("通知公告", "records/015200371_2024-00008/"),
    "annual-report": ("信息公开年报（2025）", "records/015200371_2026-00001/"),
    "browse-list": ("浏览列表（政策文件）", "lists/policies/"),
    "fiscal-overview": ("预决算总览", "lists/fiscal/overview/"),
    "search": ("搜索结果（网约车）", "search/?q=%E7%BD%91%E7%BA%A6%E8%BD%A6"),
    # Lighthouse refuses a page answered with status 404, so the page is asked for by name.
    "404": ("404 页面", "404.html"),
}
MODES = {"phone": [], "desktop": ["--preset=desktop"]}


def run_lighthouse(url: str, mode: str, out: Path) -> dict:
    """One Lighthouse run; returns its JSON report."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    cmd = [str(LIGHTHOUSE), url, "--only-categories=accessibility", "--output=json", f"--output-path={out}",
           "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu", *MODES[mode]]
    subprocess.run(cmd, check=True, env=env, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def not_passed(report: dict) -> list[str]:
    """The accessibility audits that count towards the score and did not pass, as 'id (title)'."""
    refs = report["categories"]["accessibility"]["auditRefs"]
    audits = report["audits"]
    return sorted(f"`{r['id']}`" for r in refs
                  if r["weight"] > 0 and audits[r["id"]]["score"] is not None and audits[r["id"]]["score"] < 1)


def measure() -> tuple[list[tuple[str, str, dict[str, int]]], dict[str, list[str]], str]:
    rows, failing = [], {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = build_site(ROOT / "mkdocs.yml", site_dir=Path(tmp) / "site", as_of=AS_OF)
        version = ""
        with serve_site(site) as base:
            for key, (label, path) in PAGES.items():
                scores = {}
                for mode in MODES:
                    report = run_lighthouse(base + path, mode, Path(tmp) / f"{key}-{mode}.json")
                    version = report["lighthouseVersion"]
                    scores[mode] = round(report["categories"]["accessibility"]["score"] * 100)
                    for audit in not_passed(report):
                        failing.setdefault(audit, [])
                        if key not in failing[audit]:
                            failing[audit].append(key)
                    print(f"{key:16} {mode:8} {scores[mode]}", file=sys.stderr)
                rows.append((key, label, scores))
    return rows, failing, version


def table(rows, failing, version: str) -> str:
    lines = [BEGIN, "",
             f"Lighthouse {version}, accessibility category, Debian's Chromium headless; sample catalogue as of "
             f"{AS_OF.isoformat()}, served under /xxgk/.  Measured by `scripts/lighthouse.py`.", "",
             "| 页面类型 | 页面 | 地址 | 手机 | 桌面 |", "|---|---|---|---:|---:|"]
    for key, label, scores in rows:
        lines.append(f"| {key} | {label} | `/xxgk/{PAGES[key][1]}` | {scores['phone']} | {scores['desktop']} |")
    lines.append("")
    if failing:
        lines.append("Audits that did not pass (and the page types where they failed):")
        lines.append("")
        lines += [f"- {audit}: {', '.join(keys)}" for audit, keys in sorted(failing.items())]
    else:
        lines.append("Every weighted audit passed on every page type.")
    lines += ["", END]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print-only", action="store_true", help="print the table instead of writing the doc")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run npm ci --prefix .ci/a11y", file=sys.stderr)
        return 2
    rows, failing, version = measure()
    text = table(rows, failing, version)
    if args.print_only:
        print(text)
        return 0
    doc = DOC.read_text(encoding="utf-8")
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    DOC.write_text(doc[:start] + text + doc[end:], encoding="utf-8")
    print(f"written to {DOC.relative_to(ROOT)}", file=sys.stderr)
    low = [(key, s) for key, _, s in rows if min(s.values()) < 95]
    if low:
        print(f"below 95: {low}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
