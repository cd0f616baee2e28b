"""Benchmark: reading the Git history of 10,000 records in one pass, against one git call per record.

Makes (or reuses) a repository under ``benchmarks/out/history-<n>/`` with
``git fast-import`` (seconds, where 40,000 ``git commit`` calls would take
many minutes): ``n`` records with Chinese file names in 50 folders, added
five to a commit, then edited in commits of five files until each record has
``--edits`` revisions on average (every fourth edit sets a ``change_note``,
one record in a hundred is renamed with an edit).  Then times:

- ``read_history`` (build_tools/history.py), what a build runs: ``--runs``
  times, each in a fresh process, median, min and max of the wall time, and
  the median CPU time of the process and its git children (steadier than the
  wall time on a shared machine; the two git walks run side by side);
- one ``git log -p`` per record (what a per-record design would run), with
  and without ``--follow`` (needed to see through renames), on ``--sample``
  records, extrapolated to all ``n``.

One line each::

    one pass   median 3.51 s  (min 3.31  max 3.73) CPU 4.10 s | 10000 files, 10000 commits, 49994 changes, 9998 notes
    per record: 22.1 s for 200 files → 1105 s for 10000 (extrapolated)
    per record --follow: 127.7 s for 200 files → 6385 s for 10000 (extrapolated)

Usage::

    .venv/bin/python benchmarks/bench_history.py [--records 10000] [--edits 4] [--runs 5] [--sample 200]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START = 1_704_067_200  # 2024-01-01 00:00 UTC
PER_COMMIT = 5
LAYOUT = 2
"""Bumped when the repository made changes shape: an older one is made again."""

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from build_tools.history import read_history
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
c, t = cpu(), time.perf_counter()
h = read_history(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": cpu() - c, "files": len(h.changes), "commits": h.commits,
                  "changes": sum(map(len, h.changes.values())),
                  "notes": sum(1 for cs in h.changes.values() for c in cs if c.note)}))
"""


def record_text(i: int, version: int, note: str | None) -> bytes:
    lines = ["---", f"index_no: 015200371/2024-{i:05d}", f"title: 江川省交通运输厅关于第{i}号事项的通知",
             "kind: notice", "issuer: 江川省交通运输厅", "category: 工业、交通/公路", "published: 2024-01-01"]
    if note:
        lines.append(f"change_note: {note}")
    # An edit changes one line of the body, as a correction does.
    body = "".join(f"第{k}条 为规范第{i}号事项的办理，根据有关规定，现通知如下"
                   f"{f'（第{version}版）' if k == version % 20 else ''}。\n" for k in range(20))
    return ("\n".join(lines) + "\n---\n" + body).encode("utf-8")


def path_of(i: int, renamed: bool = False) -> str:
    return f"catalogue/通知{i % 50:02d}/第{i:05d}号通知{'（改）' if renamed else ''}.md"


def make_repo(dest: Path, n: int, edits: int, seed: int = 1) -> None:
    """A repository of ``n`` records, about ``edits`` revisions each, made with git fast-import."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    out = bytearray()
    when = START
    commits = 0
    version = [0] * n
    renamed = [False] * n

    def commit(ops: list[bytes]) -> None:
        nonlocal when, commits
        when += 3600
        msg = f"提交 {commits}".encode()
        out.extend(b"commit refs/heads/main\n")
        out.extend(f"committer 编辑 <editor@example.org> {when} +0800\n".encode())
        out.extend(b"data %d\n%s\n" % (len(msg), msg))
        for op in ops:
            out.extend(op)
        out.extend(b"\n")
        commits += 1

    def put(i: int, note: str | None = None) -> bytes:
        data = record_text(i, version[i], note)
        return b"M 100644 inline %s\ndata %d\n%s\n" % (path_of(i, renamed[i]).encode(), len(data), data)

    for start in range(0, n, PER_COMMIT):
        commit([put(i) for i in range(start, min(n, start + PER_COMMIT))])
    todo = [i for i in range(n) for _ in range(edits)]
    rng.shuffle(todo)
    edit = 0
    for start in range(0, len(todo), PER_COMMIT):
        ops = []
        for i in dict.fromkeys(todo[start:start + PER_COMMIT]):  # a file once per commit
            version[i] += 1
            edit += 1
            if not renamed[i] and rng.random() < 0.01 / edits:
                ops.append(b"D %s\n" % path_of(i).encode())
                renamed[i] = True
            ops.append(put(i, f"第{version[i]}次修订说明" if edit % 4 == 0 else None))
        commit(ops)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=dest, input=bytes(out), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=dest, check=True)
    (dest / "stamp.json").write_text(json.dumps({"n": n, "edits": edits, "commits": commits, "layout": LAYOUT}))


def one_pass(repo: Path, runs: int) -> list[dict]:
    results = []
    for _ in range(runs):
        child = subprocess.run([sys.executable, "-c", CHILD, str(repo / "catalogue")], cwd=ROOT,
                               capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT), "PATH": _path()})
        results.append(json.loads(child.stdout))
    return results


def per_record(repo: Path, sample: int, follow: bool) -> float:
    """Seconds for one ``git log -p`` per record (``--follow``: through renames) over ``sample`` records."""
    files = sorted(p.relative_to(repo / "catalogue").as_posix() for p in (repo / "catalogue").rglob("*.md"))
    chosen = random.Random(2).sample(files, min(sample, len(files)))
    t = time.perf_counter()
    for rel in chosen:
        subprocess.run(["git", "-c", "core.quotepath=off", "log", *(["--follow"] if follow else []),
                        "--first-parent", "-M", "--format=%H%x1f%ct", "-p", "-U0", "--", rel],
                       cwd=repo / "catalogue", capture_output=True, check=True)
    return time.perf_counter() - t


def _path() -> str:
    import os
    return os.environ.get("PATH", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=4, help="revisions per record on average (default 4)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--no-per-record", action="store_true", help="time the one pass only")
    args = parser.parse_args()
    repo = ROOT / "benchmarks" / "out" / f"history-{args.records}-{args.edits}"
    stamp = repo / "stamp.json"
    if not stamp.exists() or json.loads(stamp.read_text()).get("layout") != LAYOUT:
        t = time.perf_counter()
        make_repo(repo, args.records, args.edits)
        print(f"repository made in {time.perf_counter() - t:.1f} s: {json.loads(stamp.read_text())}")
    results = one_pass(repo, args.runs)
    seconds = [r["seconds"] for r in results]
    last = results[-1]
    cpu = statistics.median(r["cpu"] for r in results)
    print(f"one pass   median {statistics.median(seconds):.2f} s  (min {min(seconds):.2f}  max {max(seconds):.2f})"
          f" CPU {cpu:.2f} s | {last['files']} files, {last['commits']} commits, {last['changes']} changes,"
          f" {last['notes']} notes")
    for follow in (() if args.no_per_record else (False, True)):
        each = per_record(repo, args.sample, follow)
        print(f"per record{' --follow' if follow else ''}: {each:.2f} s for {args.sample} files → "
              f"{each / args.sample * args.records:.0f} s for {args.records} (extrapolated)")


if __name__ == "__main__":
    main()
