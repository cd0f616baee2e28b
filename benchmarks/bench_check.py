"""Benchmark: how long ``catalogue check`` takes on 1,000 and 10,000 records.

Generates (or reuses) demonstration corpora with :func:`build_tools.generate.generate_corpus`
under ``benchmarks/out/`` (gitignored), then runs load + validate + link + check
(:func:`build_tools.pipeline.check_catalogue`, exactly what ``catalogue check``
runs) several times, each in a fresh Python process so no cache survives
between runs.  One line per corpus size::

    n=10000  check median 2.41 s  min 2.35  max 2.52 | process median 2.71 s | peak RSS 152.3 MB | 10000 records, 0 problems

``check`` is the wall time of ``load_config`` + ``check_catalogue`` inside the
child; ``process`` adds interpreter start-up and imports, i.e. what a person
running the command waits for.  Peak RSS is the child's ``ru_maxrss``.  The
last line gives the 10k/1k ratio of the check medians (10.0 means linear).

A corpus is regenerated when the generator's code or text material changed
since it was written (a stamp file records their hash).  Usage::

    .venv/bin/python benchmarks/bench_check.py [--sizes 1000,10000] [--runs 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AS_OF = "2026-11-20"
"""The check date: after every generated record (they end on 2026-10-31)."""

CHILD = r"""
import datetime as dt, json, resource, sys, time
t0 = time.perf_counter()
from build_tools.config import load_config
from build_tools.pipeline import check_catalogue
t1 = time.perf_counter()
config, problems = load_config(sys.argv[1])
result = check_catalogue(config, dt.date.fromisoformat(sys.argv[2]), tuple(problems))
t2 = time.perf_counter()
print(json.dumps({
    "import": t1 - t0, "check": t2 - t1, "records": len(result.catalogue.records),
    "problems": len(result.problems),
    "errors": sum(1 for p in result.problems if p.severity.value == "error"),
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def generator_fingerprint() -> str:
    """Hash of the generator's code and text material: a changed generator means a new corpus."""
    digest = hashlib.sha256()
    for folder in (ROOT / "build_tools" / "generate", ROOT / "build_tools" / "data"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus(out: Path, size: int, seed: int, force: bool) -> Path:
    """The corpus directory for ``size`` records, generated unless an up-to-date one exists."""
    from build_tools.generate import generate_corpus

    target = out / f"n{size}-seed{seed}"
    stamp = out / f"n{size}-seed{seed}.stamp"
    expected = f"{size} {seed} {generator_fingerprint()}"
    if not force and stamp.is_file() and stamp.read_text() == expected and (target / "mkdocs.yml").is_file():
        print(f"n={size}: reusing {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}",
              file=sys.stderr)
        return target
    started = time.perf_counter()
    summary = generate_corpus(size, target, seed=seed, overwrite=True)
    stamp.write_text(expected)
    print(f"n={size}: generated {summary.records} records ({summary.total_bytes / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return target


def run_once(config: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(config), AS_OF], cwd=ROOT,
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["process"] = time.perf_counter() - started
    return data


def measure(config: Path, runs: int, warmup: int) -> list[dict]:
    for _ in range(warmup):  # fills the OS file cache, so every counted run reads from memory
        run_once(config)
    return [run_once(config) for _ in range(runs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default: 1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per size (default: 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first, per size (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out"), help="where corpora are kept")
    parser.add_argument("--regenerate", action="store_true", help="regenerate corpora even if up to date")
    parser.add_argument("--json", metavar="FILE", help="also write every run's figures to FILE")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    medians: dict[int, float] = {}
    report: dict[str, list[dict]] = {}
    for size in sizes:
        target = corpus(out, size, args.seed, args.regenerate)
        results = measure(target / "mkdocs.yml", args.runs, args.warmup)
        report[str(size)] = results
        checks = [r["check"] for r in results]
        processes = [r["process"] for r in results]
        rss = max(r["maxrss_kb"] for r in results) / 1024
        medians[size] = statistics.median(checks)
        last = results[-1]
        print(f"n={size:<6} check median {medians[size]:.2f} s  min {min(checks):.2f}  max {max(checks):.2f}"
              f" | process median {statistics.median(processes):.2f} s"
              f" | peak RSS {rss:.1f} MB | {last['records']} records, {last['problems']} problems"
              f" ({last['errors']} errors) | {args.runs} runs", flush=True)
    if 1000 in medians and 10000 in medians:
        print(f"ratio 10k/1k: {medians[10000] / medians[1000]:.1f}x (10.0 = linear)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
