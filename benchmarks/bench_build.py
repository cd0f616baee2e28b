"""Build benchmark: this project's site against stock MkDocs + Material on the same records.

One command from a fresh clone (after ``bash scripts/test.sh`` has made ``.venv``)::

    .venv/bin/python benchmarks/bench_build.py
    .venv/bin/python benchmarks/bench_build.py --records 1000 10000 100000 --stock-max 10000 --runs 3
    .venv/bin/python benchmarks/bench_build.py --records 1000 --profile long --runs 1

For each profile P (``--profile generated long``, one or both, default
both: records of 1–8 KB, or every policy a 规章 or 办法 of 20–250 KB, see
:mod:`build_tools.generate`) and corpus size N it writes N records with
``catalogue generate N --profile P`` into ``WORK/P-N`` (default
``benchmarks/out/build/P-N``, gitignored) and builds, each in a fresh child
process:

(a) **ours**: ``catalogue build --as-of 2026-11-23`` (:data:`AS_OF`, after
    every generated record), clean (no site directory and no build cache
    ``.cache/`` beside ``mkdocs.yml``), after the clean builds once more
    with nothing changed (``run=rebuild``, after one untimed build, so that
    the site it replaces is kept beside it as the spare, as in an office;
    the issue's target is under 10 s for that one), and into an empty site
    folder with the cache kept (``run=cached``: a CI job that restores
    ``.cache/catalogue`` and nothing else);
(b) **stock**, up to ``--stock-max`` records: the records the site publishes
    (主动公开, published by :data:`AS_OF`) as plain Markdown pages (title, a
    short metadata list, the body, links to copied attachments) in a separate
    MkDocs project ``WORK/N/stock/``, built with ``mkdocs build`` and the
    Material theme (``language: zh``) with its search plugin (``lang: zh``),
    navigation limited to the home page.  Material's search plugin segments
    Chinese with jieba whenever jieba can be imported (there is no option);
    each stock line says whether it was used, judged from jieba's log lines
    and from the zero-width spaces (U+200B) it puts between words in
    ``search_index.json``.  jieba's dictionary cache (in the temp directory)
    is built once before timing, as after a person's first build.

Where the stock site was built, it also runs Pagefind (the pip package
``pagefind[extended]``, ``python -m pagefind``) on the stock site, and
weighs the search indexes against the text they index.

It prints one line per measurement and, where both sites were built, a
search line and a ratio line (stock / ours clean, then our index against the
indexed text and against Pagefind's)::

    profile=long records=1000 site=ours run=clean wall=...s cpu=...s peak_rss=...MB peak_pss=...MB site_size=...MB index=...MB pages=...
    profile=long records=1000 site=ours run=rebuild wall=...
    profile=long records=1000 site=stock run=clean wall=... jieba=yes
    profile=long records=1000 search: text=...MB index=...MB pagefind=...MB pagefind_wall=...s index/text=...x index/pagefind=...x
    profile=long records=1000 ratio stock/ours: wall=...x cpu=...x peak_rss=...x ... index=...x index/text=...x index/pagefind=...x

then Markdown tables of the same figures (for docs) and writes them, with a
description of the machine, to ``--json`` (default ``WORK/results.json``).

- ``wall``: the child process from start to exit, interpreter start-up and
  imports included (what a person running the command waits for), in runs
  whose memory is not sampled.  This project's modules are compiled before
  the first build and every build may keep what Python compiles, as
  installed programs have it (:func:`build_environment`).
- ``cpu``: user + system seconds of the child and every process below it,
  the parent's ``RUSAGE_CHILDREN`` after minus before (a grandchild counts
  once its parent has reaped it, as the build reaps its workers and its
  search process), in the same runs as ``wall``.
- ``peak_rss``: the largest sum of VmRSS over the child and all its
  descendants (found through ``/proc/<pid>/task/*/children``), sampled every
  50 ms in one more run after the timed ones (sampling slows the build it
  measures, see :func:`run_measured`), and at least the child's own
  ``ru_maxrss``.  Summing counts pages
  that forked workers share with their parent once per process, so the
  figure over-counts: a conservative (high) one.
- ``peak_pss``: the same with each process's proportional set size
  (``/proc/<pid>/smaps_rollup``), which counts a shared page once across the
  processes sharing it: the memory the build really took from the machine.
- ``site_size``: bytes of every file under the site directory.
- ``index``: the search index: ours, every file under ``search/`` except the
  results page ``search/index.html``; stock, ``search/search_index.json``.
- ``text`` (search line): bytes (UTF-8) of the text our search indexes,
  every field of every search document, computed by the core
  (:func:`build_tools.search.documents.indexed_text_bytes`);
  ``pagefind``: bytes of Pagefind's output for the stock site (the same
  public records as plain pages), ``pagefind_wall`` its seconds.  Our
  build's own time for its search index is not reported: the index is built
  in a forked process beside page rendering and nothing times it apart.

MB means 10^6 bytes.  With ``--runs R`` each figure is the median of R runs.
Without ``--keep``, ``WORK/P-N`` is deleted after the last measurement.

Outputs of an earlier run (a site, the build cache) are not deleted before
the next timed build but moved into ``WORK/.trash`` and deleted when every
build has been timed.  On ext4 without a journal (as on this project's
machines), every file created within 30 s of many deletions makes the
kernel walk the inodes just freed (``recently_deleted`` in a perf profile:
a fifth of all CPU time of a 10,000-record build right after deleting the
previous one).  Deleting last gives every build, ours and stock alike, the
file system a fresh clone in CI gives it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_tools.model.fields import FIELDS_BY_KEY, FIELDS_BY_NAME  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
"""The publication date of both sites: after every generated record."""

PROFILES = ("generated", "long")
"""The generator's profiles (``catalogue generate --profile``), measured in this order."""

SAMPLE_SECONDS = 0.05
"""How often the memory of the build's process tree is sampled."""

META_KEYS = ("index_no", "doc_no", "issuer", "written", "published", "category")
"""The metadata a stock page lists under its title, labelled as the field table labels them."""

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n(.*)\Z", re.DOTALL)
_PROACTIVE = {"主动公开", "proactive"}


# -- measuring one build -------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, read from /proc (processes may vanish meanwhile)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
            except OSError:
                continue
            todo.extend(int(c) for c in children.split())
    return found


def _proc_kb(path: str, field: str) -> int:
    """Bytes of a ``Field:  N kB`` line in a /proc file (0 once the process is gone or a zombie)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _rss_bytes(pid: int) -> int:
    return _proc_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_bytes(pid: int) -> int:
    """Proportional set size: pages shared after fork counted once across the processes sharing them."""
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process tree until :meth:`stop`; the peaks are the largest sums."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while True:
            tree = _descendants(self.pid)
            self.peak = max(self.peak, sum(_rss_bytes(p) for p in tree))
            self.peak_pss = max(self.peak_pss, sum(_pss_bytes(p) for p in tree))
            if self._done.wait(self.interval):
                return

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


class _NoSampler:
    peak = peak_pss = 0

    def start(self) -> None:
        pass

    def stop(self) -> int:
        return 0


@dataclass
class Run:
    """What one child process cost."""

    wall: float
    """Seconds from start to exit."""
    peak_rss: int
    """Bytes: peak summed RSS of the process tree (see the module docstring)."""
    peak_pss: int
    """Bytes: peak summed PSS of the process tree (shared pages counted once)."""
    cpu: float
    """Seconds of CPU (user + system) of the child and every descendant it reaped."""
    stderr: str
    """What the child wrote to stderr (jieba's log lines, build messages)."""


def build_environment() -> dict[str, str]:
    """The environment builds run in: this one, but Python's compiled bytecode kept as usual.

    A machine that sets ``PYTHONDONTWRITEBYTECODE`` (as some development
    machines and containers do) would have every build of ours compile this
    project's 90-odd modules again (some 0.14 s), while MkDocs, Material and
    the rest come with theirs compiled by pip: not what an office runs, where
    Python keeps what it compiled.  :func:`compile_project` compiles them once
    before the first build.
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_project() -> None:
    """This project's modules compiled (``__pycache__``, ignored by Git), as pip compiles an installed package."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "build_tools")], cwd=ROOT, check=True,
                   env=build_environment(), stdout=subprocess.DEVNULL)


def run_measured(command: list[str], cwd: Path, sample: bool = True) -> Run:
    """Run ``command`` as a child process, timing it and, with ``sample``, sampling its process tree's memory.

    Sampling slows the build it measures: reading ``smaps_rollup`` walks a
    process's whole memory map under its lock, 20 times a second for each
    process of the tree (1–1.6 s more on a 16 s build of ours, which has four
    processes; less on stock's one).  So wall times come from runs that are
    not sampled, and memory from one more run that is.
    """
    env = {**build_environment(), "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = TreeMemory(child.pid) if sample else _NoSampler()
        sampler.start()
        # wait4 rather than child.wait(): it also returns the child's own ru_maxrss, a floor for
        # builds too short for the sampler to catch their peak.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        # Children of children count once their parent has reaped them: the build's workers and
        # its search process are reaped by the build, so the delta holds the whole tree's CPU.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        child.returncode = os.waitstatus_to_exitcode(status)
        peak = max(sampler.stop(), usage.ru_maxrss * 1024)
        peak_pss = sampler.peak_pss
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if child.returncode != 0:
            out.seek(0)
            raise RuntimeError(f"{' '.join(command)} exited with {child.returncode}:\n"
                               f"{out.read().decode('utf-8', 'replace')}{stderr}")
    return Run(wall, peak, peak_pss, cpu, stderr)


def tree_bytes(folder: Path, skip: Collection[Path] = ()) -> tuple[int, int]:
    """(bytes, number of HTML pages) of every file under ``folder``, except those in ``skip``."""
    size = pages = 0
    for path in folder.rglob("*"):
        if path.is_file() and path not in skip:
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return size, pages


# -- the corpus and the stock project ------------------------------------------------------


def generate(n: int, target: Path, seed: int, profile: str = "generated") -> None:
    """``catalogue generate n --out target --seed seed --profile profile``, as a person would run it."""
    if target.exists():
        if any(target.iterdir()) and not (target / "mkdocs.yml").is_file():
            raise SystemExit(f"{target} exists and is not a corpus this benchmark wrote; not deleting it")
        shutil.rmtree(target)
    subprocess.run([sys.executable, "-m", "build_tools.cli", "generate", str(n), "--out", str(target),
                    "--seed", str(seed), "--profile", profile], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def _front_matter(path: Path) -> tuple[dict, str] | None:
    """(metadata with canonical keys, body) of a record file, or None when it cannot be read."""
    try:
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(match.group(1)) if match else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(meta, dict):
        return None
    canonical = {}
    for key, value in meta.items():
        field = FIELDS_BY_NAME.get(str(key))
        canonical[field.key if field else str(key)] = value
    return canonical, match.group(2)


def _published(meta: dict) -> dt.date | None:
    value = meta.get("published")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "-", text).strip("-.") or "record"


def stock_page(meta: dict, body: str, attachments: list[tuple[str, str]]) -> str:
    """A record as a plain Markdown page: title, metadata list, attachment links, body."""
    lines = [f"# {meta.get('title', '')}", ""]
    for key in META_KEYS:
        if meta.get(key) not in (None, ""):
            lines.append(f"- {FIELDS_BY_KEY[key].label}：{meta[key]}")
    for name, href in attachments:
        lines.append(f"- {FIELDS_BY_KEY['attachments'].label}：[{name}]({href})")
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def write_stock(corpus: Path, out: Path, as_of: dt.date = AS_OF) -> int:
    """Write the stock MkDocs project for ``corpus`` into ``out``; returns the number of record pages.

    Only the records this project's site publishes go in (主动公开, published
    by ``as_of``), so both sites show the same records.
    """
    source_config = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    catalogue = corpus / "catalogue"
    if out.exists():
        shutil.rmtree(out)
    records = out / "docs" / "records"
    files = records / "files"
    files.mkdir(parents=True)
    names: set[str] = set()
    count = 0
    for path in sorted(catalogue.rglob("*.md")):
        parsed = _front_matter(path)
        if parsed is None:
            continue
        meta, body = parsed
        published = _published(meta)
        if str(meta.get("disclosure") or "主动公开") not in _PROACTIVE or published is None or published > as_of:
            continue
        name = _safe_name(str(meta.get("index_no") or path.stem))
        while name in names:
            name += "-1"
        names.add(name)
        attachments = []
        for rel in meta.get("attachments") or []:
            src = (path.parent / str(rel)).resolve()
            if src.is_file() and src.is_relative_to(catalogue.resolve()):
                copied = f"{name}-{src.name}"
                shutil.copyfile(src, files / copied)
                attachments.append((src.name, f"files/{copied}"))
        (records / f"{name}.md").write_text(stock_page(meta, body, attachments), encoding="utf-8")
        count += 1
    site_name = str(source_config.get("site_name") or "政府信息公开目录")
    (out / "docs" / "index.md").write_text(
        f"# {site_name}\n\n本站共有 {count} 条主动公开的政府信息，请使用页面顶部的搜索框查找。\n", encoding="utf-8")
    config = {
        "site_name": site_name,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False},
        # Material's search plugin runs Chinese through jieba whenever jieba imports; the zh
        # separator of the theme's language file already splits on the U+200B jieba output gets.
        "plugins": [{"search": {"lang": "zh"}}],
        "nav": [{"首页": "index.md"}],
    }
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


def jieba_evidence(stderr: str, index_file: Path) -> tuple[bool, str]:
    """Whether jieba segmented the stock index: its log line, and U+200B between words in the index."""
    logged = "Prefix dict has been built" in stderr
    try:
        docs = json.loads(index_file.read_text(encoding="utf-8")).get("docs", [])
    except (OSError, ValueError):
        docs = []
    breaks = sum(d.get("title", "").count("\u200b") + d.get("text", "").count("\u200b") for d in docs)
    return breaks > 0, f"jieba log line {'seen' if logged else 'not seen'}, {breaks} U+200B word breaks in the index"


# -- one corpus size -----------------------------------------------------------------------


@dataclass
class Measurement:
    """One line of the output: the median figures of one build over the runs."""

    profile: str
    """The generator's profile: ``generated`` or ``long``."""
    records: int
    site: str
    """``ours`` or ``stock``."""
    run: str
    """``clean``, ``rebuild`` (ours, nothing changed, the spare beside) or ``cached`` (ours, empty site folder, cache kept)."""
    wall: float
    cpu: float
    peak_rss: int
    peak_pss: int
    site_size: int
    index: int
    pages: int
    runs: int
    jieba: bool | None = None
    jieba_evidence: str = ""

    def line(self) -> str:
        text = (f"profile={self.profile} records={self.records} site={self.site} run={self.run} "
                f"wall={self.wall:.2f}s cpu={self.cpu:.2f}s "
                f"peak_rss={mb(self.peak_rss)} peak_pss={mb(self.peak_pss)} site_size={mb(self.site_size)} index={mb(self.index)} "
                f"pages={self.pages}")
        if self.jieba is not None:
            text += f" jieba={'yes' if self.jieba else 'NO'}"
        return text


RATIO_FIELDS = ("wall", "cpu", "peak_rss", "peak_pss", "site_size", "index")


def mb(n: float) -> str:
    return f"{n / 1e6:.1f}MB" if n >= 1e6 else f"{n / 1e6:.2f}MB"


def ratios(stock: Measurement, ours: Measurement) -> dict[str, float]:
    return {f: getattr(stock, f) / getattr(ours, f) if getattr(ours, f) else float("inf") for f in RATIO_FIELDS}


def ratio_line(profile: str, records: int, values: dict[str, float], search: SearchSizes | None = None) -> str:
    text = f"profile={profile} records={records} ratio stock/ours: " + " ".join(f"{k}={v:.1f}x" for k, v in values.items())
    if search is not None:
        text += f" index/text={search.index_over_text:.2f}x index/pagefind={search.index_over_pagefind:.2f}x"
    return text


@dataclass
class SearchSizes:
    """One corpus's search index against the text it indexes and against Pagefind's index of the stock site."""

    profile: str
    records: int
    text: int
    """Bytes (UTF-8) of the indexed text: every field of every search document (``indexed_text_bytes``)."""
    index: int
    """Bytes of our index (the clean build's ``search/`` files, the results page aside)."""
    pagefind: int
    """Bytes of Pagefind's output for the stock site (0: not measured)."""
    pagefind_wall: float
    """Seconds Pagefind took (``python -m pagefind``, a child process)."""

    @property
    def index_over_text(self) -> float:
        return self.index / self.text if self.text else float("inf")

    @property
    def index_over_pagefind(self) -> float:
        return self.index / self.pagefind if self.pagefind else float("inf")

    def line(self) -> str:
        return (f"profile={self.profile} records={self.records} search: text={mb(self.text)} index={mb(self.index)} "
                f"pagefind={mb(self.pagefind)} pagefind_wall={self.pagefind_wall:.2f}s "
                f"index/text={self.index_over_text:.2f}x index/pagefind={self.index_over_pagefind:.2f}x")


def indexed_text(corpus: Path) -> int:
    """Bytes of the text our search indexes for ``corpus`` on :data:`AS_OF`, computed by the core."""
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    from build_tools.search import attachment_reader
    from build_tools.search.documents import indexed_text_bytes
    from build_tools.visibility import public_view
    config, problems = load_config(corpus / "mkdocs.yml")
    if problems:
        raise SystemExit(f"{corpus / 'mkdocs.yml'}: {problems[0].message}")
    result = check_catalogue(config, AS_OF)
    public = public_view(result.catalogue, result.graph, AS_OF)
    return indexed_text_bytes(public, attachment_reader(config.catalogue_dir))


def run_pagefind(site: Path, out: Path) -> tuple[int, float]:
    """(bytes, seconds) of ``python -m pagefind`` indexing ``site`` into ``out`` (the pip package ``pagefind[extended]``)."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    size, _ = tree_bytes(out)
    return size, seconds


def _median(profile: str, records: int, site: str, run: str, samples: list[dict]) -> Measurement:
    pick = lambda key: statistics.median(s[key] for s in samples)  # noqa: E731
    return Measurement(profile, records, site, run, pick("wall"), pick("cpu"), int(pick("peak_rss")), int(pick("peak_pss")),
                       int(pick("site_size")),
                       int(pick("index")), int(pick("pages")), len(samples),
                       samples[-1].get("jieba"), samples[-1].get("jieba_evidence", ""))


class Trash:
    """Outputs set aside by renaming (cheap), deleted in one go after the timed builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def put(self, path: Path) -> None:
        """Move ``path`` out of the way, if it exists."""
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self._count += 1
            path.rename(self.folder / f"{self._count}-{path.name}")

    def empty(self) -> None:
        """Delete everything set aside."""
        shutil.rmtree(self.folder, ignore_errors=True)


def measure_ours(corpus: Path, runs: int, trash: Trash, profile: str = "generated") -> list[Measurement]:
    """Clean build, rebuild with no change, and a build into an empty site folder with the cache kept."""
    site = corpus / "site-ours"
    beside = [corpus / f".{site.name}.spare", corpus / f".{site.name}.manifest"]  # the previous site, kept
    command = [sys.executable, "-m", "build_tools.cli", "build", "--config", str(corpus / "mkdocs.yml"),
               "--site-dir", str(site), "--as-of", AS_OF.isoformat()]
    samples: dict[str, list[dict]] = {"clean": [], "rebuild": [], "cached": []}
    # Every clean build first (no site, no spare, no cache), then the
    # rebuilds on the last one's cache and site, then builds into an empty
    # folder on that cache; what a run replaces is set aside (see Trash).
    for kind in samples:
        memory = None
        if kind == "rebuild":  # as an office rebuilds: the site and the one it replaced are there
            run_measured(command, ROOT, sample=False)
        for attempt in range(runs + 1):  # the last run only for memory (see run_measured)
            sampled = attempt == runs
            if kind in ("clean", "cached"):
                for path in (site, *beside):
                    trash.put(path)
            if kind == "clean":
                trash.put(corpus / ".cache")
            result = run_measured(command, ROOT, sample=sampled)
            if sampled:
                memory = result
                continue
            size, pages = tree_bytes(site)
            index, _ = tree_bytes(site / "search", {site / "search" / "index.html"})
            samples[kind].append({"wall": result.wall, "cpu": result.cpu, "site_size": size, "index": index,
                                  "pages": pages})
        for sample in samples[kind]:
            sample.update(peak_rss=memory.peak_rss, peak_pss=memory.peak_pss)
    n = records_in(corpus)
    return [_median(profile, n, "ours", kind, found) for kind, found in samples.items()]


def measure_stock(corpus: Path, runs: int, trash: Trash, profile: str = "generated") -> Measurement:
    """Write the stock project for ``corpus`` and build it clean ``runs`` times."""
    project = corpus / "stock"
    write_stock(corpus, project)
    site = corpus / "site-stock"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    samples = []
    for attempt in range(runs + 1):  # the last run only for memory (see run_measured)
        sampled = attempt == runs
        trash.put(site)
        result = run_measured(command, project, sample=sampled)
        if sampled:
            for sample in samples:
                sample.update(peak_rss=result.peak_rss, peak_pss=result.peak_pss)
            continue
        size, pages = tree_bytes(site)
        index_file = site / "search" / "search_index.json"
        used, evidence = jieba_evidence(result.stderr, index_file)
        samples.append({"wall": result.wall, "cpu": result.cpu, "site_size": size,
                        "index": index_file.stat().st_size if index_file.is_file() else 0,
                        "pages": pages, "jieba": used, "jieba_evidence": evidence})
    return _median(profile, records_in(corpus), "stock", "clean", samples)


def records_in(corpus: Path) -> int:
    """Record files in the generated corpus (the N asked for)."""
    return sum(1 for _ in (corpus / "catalogue").rglob("*.md"))


def warm_jieba() -> None:
    """Build jieba's dictionary cache once, untimed, as it is after a person's first build."""
    subprocess.run([sys.executable, "-c", "import jieba; jieba.initialize()"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# -- reporting -----------------------------------------------------------------------------


def machine() -> str:
    """CPU, cores, memory, Python and OS: what the figures were measured on."""
    cpu = ""
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
                break
    except (OSError, ValueError):
        pass
    return (f"{os.cpu_count()} cores, {cpu or platform.processor()}{memory}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def table(measurements: list[Measurement], ratio_rows: dict[tuple[str, int], dict[str, float]]) -> str:
    """The figures as a Markdown table, ratio rows after each corpus's measurements."""
    rows = ["| profile | records | site | run | wall (s) | CPU (s) | peak RSS (MB) | peak PSS (MB) | site (MB) "
            "| search index (MB) | pages |",
            "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for i, m in enumerate(measurements):
        rows.append(f"| {m.profile} | {m.records:,} | {m.site} | {m.run} | {m.wall:.2f} | {m.cpu:.2f} | "
                    f"{m.peak_rss / 1e6:.0f} | {m.peak_pss / 1e6:.0f} | "
                    f"{m.site_size / 1e6:.1f} | {m.index / 1e6:.2f} | {m.pages:,} |")
        key = (m.profile, m.records)
        last_of_corpus = i + 1 == len(measurements) or (measurements[i + 1].profile, measurements[i + 1].records) != key
        if last_of_corpus and key in ratio_rows:
            r = ratio_rows[key]
            rows.append(f"| {m.profile} | {m.records:,} | stock / ours | clean | {r['wall']:.1f}× | {r['cpu']:.1f}× | "
                        f"{r['peak_rss']:.1f}× | {r['peak_pss']:.1f}× | {r['site_size']:.1f}× | {r['index']:.1f}× | |")
    return "\n".join(rows)


def search_table(sizes: list[SearchSizes]) -> str:
    """The search-index sizes as a Markdown table."""
    rows = ["| profile | records | indexed text (MB) | our index (MB) | Pagefind (MB) | Pagefind (s) "
            "| index / text | index / Pagefind |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for z in sizes:
        rows.append(f"| {z.profile} | {z.records:,} | {z.text / 1e6:.1f} | {z.index / 1e6:.1f} | "
                    f"{z.pagefind / 1e6:.1f} | {z.pagefind_wall:.1f} | {z.index_over_text:.2f}× | "
                    f"{z.index_over_pagefind:.2f}× |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000], metavar="N",
                        help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--profile", nargs="+", choices=PROFILES, default=list(PROFILES),
                        help="generator profiles to measure: generated (records of 1–8 KB), long (policies as "
                             "规章 and 办法 of 20–250 KB); default: both")
    parser.add_argument("--stock-max", type=int, default=10000, metavar="N",
                        help="build the stock MkDocs site (and run Pagefind on it) only up to N records (default: 10000)")
    parser.add_argument("--runs", type=int, default=1, metavar="R",
                        help="measure each build R times and report the medians (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--work", default=str(ROOT / "benchmarks" / "out" / "build"), metavar="DIR",
                        help="where corpora and sites are written (default: benchmarks/out/build)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and built sites")
    parser.add_argument("--json", metavar="FILE", help="write every figure here (default: WORK/results.json)")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.records):
        parser.error("--runs and --records must be positive")
    profiles = list(dict.fromkeys(args.profile))
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)

    load = os.getloadavg()[0]  # other work on the machine skews wall times: say how busy it was
    compile_project()
    if any(n <= args.stock_max for n in args.records):
        warm_jieba()
    measurements: list[Measurement] = []
    ratio_rows: dict[tuple[str, int], dict[str, float]] = {}
    sizes: list[SearchSizes] = []
    trash = Trash(work / ".trash")
    trash.empty()  # left by an interrupted run
    for profile in profiles:
        for n in args.records:
            corpus = work / f"{profile}-{n}"
            generate(n, corpus, args.seed, profile)
            ours = measure_ours(corpus, args.runs, trash, profile)
            for m in ours:
                print(m.line(), flush=True)
            measurements += ours
            search = None
            if n <= args.stock_max:
                stock = measure_stock(corpus, args.runs, trash, profile)
                print(stock.line(), flush=True)
                if not stock.jieba:
                    print(f"profile={profile} records={n} warning: jieba did not segment the stock index "
                          f"({stock.jieba_evidence})", file=sys.stderr)
                measurements.append(stock)
                pagefind, pagefind_wall = run_pagefind(corpus / "site-stock", corpus / "pagefind")
                search = SearchSizes(profile, n, indexed_text(corpus), ours[0].index, pagefind, pagefind_wall)
                sizes.append(search)
                print(search.line(), flush=True)
                ratio_rows[(profile, n)] = ratios(stock, ours[0])
                print(ratio_line(profile, n, ratio_rows[(profile, n)], search), flush=True)
            if not args.keep:
                trash.put(corpus)
    trash.empty()

    description = machine()
    # JSON first: the table may go to a pipe that closes early (| head).
    target = Path(args.json) if args.json else work / "results.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({
        "machine": description, "load_average_at_start": round(load, 2),
        "as_of": AS_OF.isoformat(), "seed": args.seed, "runs": args.runs, "profiles": profiles,
        "units": {"wall": "s", "cpu": "s", "peak_rss": "bytes", "peak_pss": "bytes", "site_size": "bytes",
                  "index": "bytes", "text": "bytes", "pagefind": "bytes", "pagefind_wall": "s"},
        "measurements": [asdict(m) for m in measurements],
        "ratios_stock_over_ours": {f"{p}-{n}": r for (p, n), r in ratio_rows.items()},
        "search": [{**asdict(z), "index_over_text": z.index_over_text, "index_over_pagefind": z.index_over_pagefind}
                   for z in sizes],
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(f"Machine: {description}; load average {load:.2f} at start; as of {AS_OF.isoformat()}, seed {args.seed}, "
          f"{'median of ' + str(args.runs) + ' runs' if args.runs > 1 else 'one run'}.")
    print()
    print(table(measurements, ratio_rows))
    if sizes:
        print()
        print(search_table(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
