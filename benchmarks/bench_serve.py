"""Preview benchmark: how long after an editor saves a record ``mkdocs serve`` shows the change.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_serve.py --records 10000 [--edits 5]

It writes a catalogue of N records (``catalogue generate``), starts
``mkdocs serve`` on a free local port, waits for the first build, then
``--edits`` times changes the title of one record (a different one each
time), and measures from the moment the file is saved until the record's
page, fetched over HTTP every 50 ms, shows the new title.  That is the time
an editor waits for the page to refresh (MkDocs' live reload tells the
browser as soon as the rebuild ends).  It prints one line per edit and the
median.  The issue's goal: under 3 s at 10,000 records.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from corpus import ensure_corpus  # benchmarks/, first on sys.path when a script here is run
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``text``, or None."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def record_files(catalogue: Path) -> list[Path]:
    """Public policy records (their pages exist), in a stable order."""
    found = []
    for path in sorted((catalogue / "policies").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "disclosure:" not in text or "主动公开" in text:
            found.append(path)
    return found


def page_url(base: str, record: Path) -> str:
    index_no = re.search(r"^index_no:\s*(\S+)", record.read_text(encoding="utf-8"), re.M).group(1)
    return f"{base}records/{index_no.replace('/', '_')}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "serve")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for the first build")
    args = parser.parse_args(argv)

    work = ensure_corpus(args.work / str(args.records), args.records, args.seed)
    config = work / "mkdocs.yml"
    site_path = urlsplit(re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.M).group(1)).path \
        if re.search(r"^site_url:", config.read_text(encoding="utf-8"), re.M) else "/"
    port = free_port()
    base = f"http://127.0.0.1:{port}{site_path}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_PROGRESS": "1"}
    log = open(work / "serve.log", "w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                               "--livereload"],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    times: list[float] = []
    try:
        records = record_files(work / "catalogue")
        first = wait_for(page_url(base, records[0]), "<h1", args.timeout)
        if first is None:
            print("the first build did not finish in time; see", work / "serve.log")
            return 1
        print(f"records={args.records} first build served after {first:.1f}s")
        time.sleep(2)
        for n, record in enumerate(records[1:args.edits + 1], 1):
            text = record.read_text(encoding="utf-8")
            title = re.search(r"^title:\s*(.+)$", text, re.M).group(1)
            marker = f"（修订{n}-{time.time_ns() % 10**9}）"  # new on every run of the benchmark
            record.write_text(text.replace(f"title: {title}", f"title: {title}{marker}", 1), encoding="utf-8")
            waited = wait_for(page_url(base, record), marker, 120)
            if waited is None:
                print(f"records={args.records} edit={n} the change did not show within 120 s")
                return 1
            times.append(waited)
            print(f"records={args.records} edit={n} page refreshed after {waited:.2f}s")
            time.sleep(1.5)
        print(f"records={args.records} median refresh after an edit: {statistics.median(times):.2f}s "
              f"(min {min(times):.2f}s, max {max(times):.2f}s, {len(times)} edits)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
