"""Where a build's memory goes over time: each process of its tree, sampled ten times a second.

``bench_build.py`` reports one figure, the peak PSS of the whole tree.  To
find what to cut, this shows when the peak comes and which process holds
it, beside the build's own log lines::

    .venv/bin/catalogue generate 3000 --profile long --seed 1 --out /tmp/long
    cd /tmp/long && PYTHONPATH=/path/to/checkout /path/to/.venv/bin/python \\
        /path/to/checkout/benchmarks/memory_timeline.py -- \\
        /path/to/.venv/bin/python -m build_tools.cli build --site-dir /tmp/long-site --as-of 2026-11-23

It prints the peak (the tree's summed PSS, MB), the processes at that
moment as (PSS, RSS, private) in MB, then a line every ``--every`` samples
and every log line, in time order.  Sampling reads each process's
``smaps_rollup``, which slows the build a little: take times from
``bench_build.py``, not from here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import _descendants  # noqa: E402

MB = 1024


def _sizes(pid: int) -> tuple[int, int, int]:
    """(PSS, RSS, private) of one process in MB; zeros once it is gone."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("Pss", "Rss", "Private_Clean", "Private_Dirty"):
                found[name] = int(value.split()[0])
    except (OSError, ValueError, IndexError):
        return 0, 0, 0
    return (found.get("Pss", 0) // MB, found.get("Rss", 0) // MB,
            (found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)) // MB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples")
    parser.add_argument("--every", type=int, default=20, help="print one sample in this many")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the build, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.monotonic()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: lines.extend((time.monotonic() - started, line.rstrip())
                                                          for line in child.stderr), daemon=True)
    reader.start()
    samples: list[tuple[float, int, list[tuple[int, int, int]]]] = []
    while child.poll() is None:
        sizes = [_sizes(pid) for pid in _descendants(child.pid)]
        samples.append((time.monotonic() - started, sum(s[0] for s in sizes), sizes))
        time.sleep(args.interval)
    reader.join()
    if not samples:
        print("the command ended before the first sample")
        return child.returncode
    at, peak, sizes = max(samples, key=lambda s: s[1])
    print(f"peak {peak} MB PSS at {at:.1f} s; processes (PSS, RSS, private MB): {sizes}")
    events = [(t, f"{total} MB {sizes}") for t, total, sizes in samples[::max(1, args.every)]]
    events += [(t, f"log: {line}") for t, line in lines]
    for t, text in sorted(events, key=lambda e: e[0]):
        print(f"{t:7.1f} s  {text}")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
