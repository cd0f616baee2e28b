"""Generate a realistic demonstration catalogue: ``catalogue generate N --out DIR``.

:func:`generate_corpus` writes ``n`` records of every kind that pass
``catalogue check`` under the given configuration, for demonstrations,
benchmarks and tests::

    from build_tools.generate import generate_corpus
    summary = generate_corpus(10_000, Path("benchmarks/out/n10000"), seed=1)
    print(summary.as_text())

What it writes under ``out_dir``:

* ``catalogue/<kind>/<year>/<serial>.md``: the records (kind folders
  ``policies``, ``interpretations``, ``budgets`` (budgets and final
  accounts), ``reports``, ``notices``; ``year`` and ``serial`` are those of the
  索引号), with small CSV attachments next to some of them;
* ``mkdocs.yml`` whose ``catalogue`` plugin section holds the options used
  (agency, agency code, categories, and any non-default option of the input
  configuration), so ``catalogue check --config DIR/mkdocs.yml`` and
  ``mkdocs build -f DIR/mkdocs.yml`` work on the result;
* ``docs/index.md``, the site's home page.

The mix follows a provincial transport department's real catalogue: about
45 % policies (规章 5 %, 行政规范性文件 30 %, 其他文件 65 % of them), 25 %
interpretations (each of 1–2 policies, 0–3 working days after them on the
official calendar; every 规章 and 行政规范性文件 has one), budgets and final
accounts of the department and its units for 2014–2026, annual reports,
notices, about 1 % 依申请公开 records with their legal reason, amendment and
repeal chains with consistent 有效性, and lapsed 规范性文件.  Every date lies
in 2015-01-01 … 2026-10-31.  Text is assembled from the 公文 sentences in
``build_tools/data/``; no 11-digit run of digits (a mobile number) or ID
number appears anywhere.

Output is a pure function of ``(n, seed, configuration, profile)``: no
clock, no dict or set ordering, one random stream for the plan and one per
record body, so the same call writes a byte-identical tree.

Profiles (``catalogue generate N --profile …``):

* ``generated`` (the default): the records described above, 1.1–7.9 KB each;
* ``long``: every policy is a 规章 or an 办法/实施细则 with real legal
  structure (编, 章, 节, 条 with 款 and 项, article cross-references, 附则
  with its 施行日期), written by :mod:`build_tools.generate.law`; file sizes
  :data:`LONG_MIN_BYTES`–:data:`LONG_MAX_BYTES`, log-normal with a median
  of about 34 KB (three in four files 20–45 KB) and a tail to 250 KB, as
  real laws run; interpretations cite the
  articles of their policy.  There are no batch repeals (a list, not a
  text) and 规章 are 10 % of policies instead of 5 %; everything else (kinds,
  dates, chains, deadlines, other records) as in ``generated``.  10,000
  records (196 MB) took 24 s wall (14 s CPU) on a shared 2-core machine;
  1,000 records (20 MB) 1.6 s.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..config import OPTIONS, CatalogueConfig, load_config, mkdocs_folders_of, options_to_config
from ..model.fields import DocType, Kind, Validity
from ..model.values import verify_agency_code
from ..model.writing import KIND_FOLDERS, flow, scalar
from ..taxonomy import NATIONAL_CATEGORIES
from ..workdays import CalendarConfigError, WorkdayCalendar
from .corpus import load_corpus
from .plan import END, START, Draft, Planner, Settings
from .render import Renderer

__all__ = ["DEFAULT_AGENCY", "DEFAULT_AGENCY_CODE", "GenerateError", "GenerateSummary", "generate_corpus"]

DEFAULT_AGENCY = "江川省交通运输厅"
DEFAULT_AGENCY_CODE = "015200371"
"""A 9-character organisation code whose GB 11714 check character verifies."""

MIN_BYTES, MAX_BYTES = 1100, 7900
"""Every record file's size (front matter included) lies in this range (the generated profile)."""

PROFILES = ("generated", "long")
"""The corpora :func:`generate_corpus` can write (see the module docstring)."""

LONG_MIN_BYTES, LONG_MAX_BYTES = 20_000, 250_000
"""The size range of a policy's file in the long profile."""
LONG_MEDIAN_BYTES, LONG_SIGMA = 20_000, 0.75
"""The log-normal the long profile's policy sizes are drawn from (clipped to the range by redrawing)."""

_KIND_DIRS = {k: KIND_FOLDERS[k.value] for k in Kind}

# Size targets in bytes, by body template; fiscal records and reports have a natural size.
_TARGETS = {
    "rule": (3500, 7400), "normative": (2400, 7200), "normative_matters": (1600, 2500),
    "amend": (1300, 1900), "repeal_batch": (1300, 2600), "opinion": (2000, 4800),
    "work_notice": (1800, 4000), "campaign": (2200, 3300), "key_points": (1800, 3500),
    "plan": (2600, 6600), "plan5": (2800, 6000), "program": (1800, 3300), "approval": (1300, 1500),
    "list": (1400, 2400), "matters": (1400, 3300), "interp": (1400, 2900), "notice": (1200, 2600),
}

_INDEX_FORMATS = (
    lambda org, day, serial: f"{org}/{day.year}-{serial:05d}",
    lambda org, day, serial: f"{org}/{day.year}{day.month:02d}-{serial:05d}",
    lambda org, day, serial: f"{org}/{day.year}-{serial:07d}",
    lambda org, day, serial: f"{org}/{day.year}-{serial:04d}",
    lambda org, day, serial: f"{org}/{day.year}-{serial:06d}",
)

_PRIVATE_DIGITS = re.compile(r"\d{11,}")
"""Eleven or more digits in a row could be read as a mobile or ID number."""


class GenerateError(ValueError):
    """The request cannot be met (bad configuration, unsafe output directory)."""


@dataclass(frozen=True)
class GenerateSummary:
    """What :func:`generate_corpus` wrote."""

    out_dir: Path
    seed: int
    records: int
    by_kind: dict[str, int]
    by_doc_type: dict[str, int]
    interpretations_with_two_policies: int
    amended: int
    repealed: int
    expired: int
    on_request: int
    attachments: int
    total_bytes: int
    min_bytes: int
    max_bytes: int
    first_published: dt.date
    last_published: dt.date
    config_file: Path
    files: tuple[str, ...] = field(repr=False, default=())
    """Every file written under ``out_dir/catalogue``, relative POSIX paths, sorted."""

    def as_text(self) -> str:
        """A short report for the command line."""
        kinds = "，".join(f"{Kind(k).label} {v}" for k, v in self.by_kind.items())
        types = "，".join(f"{k} {v}" for k, v in self.by_doc_type.items())
        return "\n".join([
            f"已生成 {self.records} 条记录（种子 {self.seed}）：{kinds}。",
            f"政策文件文种：{types}。",
            f"已修改 {self.amended} 件，已废止 {self.repealed} 件，已失效 {self.expired} 件；"
            f"依申请公开 {self.on_request} 件；解读两份文件的解读 {self.interpretations_with_two_policies} 件；"
            f"附件 {self.attachments} 个。",
            f"文件大小 {self.min_bytes}–{self.max_bytes} 字节，共 {self.total_bytes / 1_000_000:.1f} MB；"
            f"发布日期 {self.first_published.isoformat()} 至 {self.last_published.isoformat()}。",
            f"配置文件：{self.config_file}（用 catalogue check --config {self.config_file} 检查）。",
        ])


MAX_RECORDS = 200_000
"""The most records ``generate`` writes (the benchmarks use 10,000)."""


def generate_corpus(n: int, out_dir: str | Path, seed: int = 0, config: CatalogueConfig | None = None,
                    *, overwrite: bool = False, profile: str = "generated") -> GenerateSummary:
    """Write ``n`` realistic records that pass ``catalogue check`` into ``out_dir``.

    ``config`` is the configuration to satisfy (its agency, agency code,
    index-number pattern, categories, deadlines and calendar); ``None`` means
    the defaults, with agency 江川省交通运输厅 and code 015200371.  The
    configuration's own ``catalogue_dir`` is ignored: records always go to
    ``out_dir/catalogue``.  An existing non-empty ``out_dir/catalogue`` is
    refused unless ``overwrite`` is true, in which case it is replaced (so no
    stale file survives) if it belongs to a project ``generate`` wrote
    (:func:`_target_refusal` says what else is refused).  ``profile`` is one
    of :data:`PROFILES`.  Raises
    :class:`GenerateError` for an impossible request.
    """
    if profile not in PROFILES:
        raise GenerateError(f"没有 {profile!r} 这种生成方式；可选：{'、'.join(PROFILES)}。")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise GenerateError(f"记录数必须是正整数，现在是 {n!r}。")
    if n > MAX_RECORDS:  # a mistyped N ran for minutes, or ended in a MemoryError traceback (a review)
        raise GenerateError(f"记录数 {n} 太大：最多 {MAX_RECORDS} 条（演示和测试用不了更多）。请检查是否多打了几位。")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise GenerateError(f"种子必须是整数，现在是 {seed!r}。")
    if config is None:
        config, _ = options_to_config({})
    settings = _settings(config)
    out = Path(out_dir)
    target = out / "catalogue"
    refusal = _target_refusal(out, config, overwrite)
    if refusal:
        raise GenerateError(refusal)
    if not (THEME_DIR / "record.html").is_file():  # an installed package has no theme/ (a review): no project
        raise GenerateError(                       # that cannot be built, and nothing written
            f"找不到目录页面的模板（{THEME_DIR}）：catalogue generate 要在本项目的代码目录中使用"
            "（git clone 后 pip install -e .），生成的项目才能用它的 theme/ 生成网站。")
    if target.exists() and any(target.iterdir()):
        shutil.rmtree(target)

    corpus = load_corpus()
    drafts = Planner(n, seed, settings, corpus, profile).run()
    _number(drafts, settings, random.Random(f"catalogue-generate:{seed}:serials"))
    renderer = Renderer(corpus, drafts, settings.agency, seed, settings.calendar, profile)
    files = _render_all(drafts, renderer, seed, settings.agency_code)

    written: list[Path] = []
    sizes = [len(data) for _, data, is_record in files if is_record]
    made = not out.exists()
    try:
        for rel, data, _ in files:
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            written.append(path)
            path.write_bytes(data)
        written += [out / rel for rel in _SITE_FILES]
        config_file = _write_site(out, settings, config)
        site = {rel: _digest((out / rel).read_bytes()) for rel in _SITE_FILES}
        written.append(out / MANIFEST)
        (out / MANIFEST).write_text(json.dumps({"files": {rel: _digest(data) for rel, data, _ in files}, "site": site},
                                               ensure_ascii=False, sort_keys=True), encoding="utf-8")
    except OSError as exc:  # a full disk: a half project, no list of it, that --force then refused (a review)
        _take_back(written, out if made else target)
        from ..publish_guard import describe_os_error
        raise GenerateError(f"演示项目没有生成：{describe_os_error(exc, site=False)}") from None
    by_type = Counter(d.doc_type.value for d in drafts if d.doc_type)
    return GenerateSummary(
        out_dir=out, seed=seed, records=len(drafts),
        by_kind={k.value: c for k in Kind if (c := sum(1 for d in drafts if d.kind is k))},
        by_doc_type={t.value: by_type[t.value] for t in DocType if by_type[t.value]},
        interpretations_with_two_policies=sum(1 for d in drafts if len(d.interprets) > 1),
        amended=sum(1 for d in drafts if d.validity is Validity.AMENDED),
        repealed=sum(1 for d in drafts if d.validity is Validity.REPEALED),
        expired=sum(1 for d in drafts if d.validity is Validity.EXPIRED),
        on_request=sum(1 for d in drafts if not d.is_proactive),
        attachments=len(files) - len(drafts), total_bytes=sum(len(f[1]) for f in files),
        min_bytes=min(sizes), max_bytes=max(sizes),
        first_published=min(d.published for d in drafts), last_published=max(d.published for d in drafts),
        config_file=config_file, files=tuple(sorted(written)))


# -- configuration ---------------------------------------------------------------------------------


def _settings(config: CatalogueConfig) -> Settings:
    agency = config.agency or DEFAULT_AGENCY
    code = config.agency_code or DEFAULT_AGENCY_CODE
    expected = verify_agency_code(code)
    if expected:
        raise GenerateError(f"配置的 agency_code {code} 校验位不对（应为 {expected}），生成的索引号无法通过检查。")
    try:
        calendar = WorkdayCalendar.from_config(config.calendar)
    except CalendarConfigError as exc:
        raise GenerateError(f"配置的 calendar 有误：{exc}") from None
    missing = [y for y in range(START.year, END.year + 1) if y not in calendar.verified_years]
    if missing:
        raise GenerateError(f"工作日历缺少 {missing[0]} 年的数据，无法安排日期。")
    return Settings(
        agency=agency, agency_code=code, categories=tuple(config.categories),
        allowed_categories=config.allowed_categories,
        index_format=_index_format(config.index_no_pattern, code),
        date_field=config.index_no_date_field,
        interpretation_days=min(3, config.interpretation_deadline_workdays),
        disclosure_days=config.disclosure_deadline_workdays,
        budget_days=config.budget_deadline_days,
        required_types=frozenset(config.interpretation_required),
        calendar=calendar)


def _index_format(pattern: re.Pattern, code: str):
    samples = [(dt.date(2024, 3, 5), 12), (dt.date(2019, 11, 28), 1234)]
    for fmt in _INDEX_FORMATS:
        ok = True
        for day, serial in samples:
            m = pattern.match(fmt(code, day, serial))
            groups = m.groupdict() if m else {}
            if not m or groups.get("org") not in (None, code) or groups.get("year") not in (None, str(day.year)):
                ok = False
                break
        if ok:
            return fmt
    raise GenerateError(
        f"生成器写出的索引号形如 {code}/2024-00012，不符合配置的 index_no_pattern（{pattern.pattern}）。"
        "请用接受“机构代码/年份-序号”格式的配置生成。")


def _options(settings: Settings, config: CatalogueConfig) -> dict:
    """The plugin options to write: the ones used, plus every non-default input option."""
    options: dict = {"catalogue_dir": "catalogue", "agency": settings.agency, "agency_code": settings.agency_code}
    defaults, _ = options_to_config({})
    for option in OPTIONS:
        # Paths are the source project's (its cache_dir is an absolute path there):
        # the generated project keeps its own, next to its own mkdocs.yml.
        if option.name in ("catalogue_dir", "cache_dir", "agency", "agency_code", "categories"):
            continue
        value = getattr(config, option.name)
        if value != getattr(defaults, option.name):
            options[option.name] = _plain(value)
    options["categories"] = list(settings.categories if settings.categories else NATIONAL_CATEGORIES)
    return options


def _plain(value):
    """A configuration value as plain YAML data, in a stable order."""
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, Mapping):
        return {str(k): _plain(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


DEMO_MARK = "# catalogue generate 写出的演示项目：其中的记录都是虚构的。"
"""The first line of the mkdocs.yml ``generate`` writes: only such a project's files are replaced."""
DEMO_PAGE_MARK = "<!-- catalogue generate 写出的演示页面 -->"
"""The last line of the docs/index.md ``generate`` writes (a comment: not shown; not the first, which
MkDocs reads the page's title from)."""


_GIT = frozenset({".git", ".gitignore"})
MANIFEST = ".catalogue-generate.json"
"""Beside the demonstration's mkdocs.yml: each file ``generate`` wrote into its catalogue folder, with a digest of
its bytes.  ``--force`` replaces the folder only while it holds those files, unchanged: an office that entered
its own records in a trial project (``catalogue new``) lost them to a refresh (an attack review)."""
_DEMO_ENTRIES = frozenset({"mkdocs.yml", "docs", "catalogue", "site", ".cache", MANIFEST})
"""What a folder holding a demonstration project ``generate`` wrote may hold for it to write one again: what
it writes and what a build makes beside it (a spare or manifest among ``.site*``).  Any other folder may
hold only Git's files and empty folders: an office's docs/ or site/ beside a demo would be published with
it (found by a review)."""


def _target_refusal(out: Path, config: CatalogueConfig, overwrite: bool) -> str | None:
    """Why ``generate`` may not write its project into ``out`` (None when it may).

    Made-up records must never mix with an office's own, and nothing of the
    office's may be replaced: not its catalogue or docs folder (``--out
    catalogue`` would put fictional records beside the real ones, and a
    build would publish them), not a ``mkdocs.yml`` or ``docs/index.md``
    ``generate`` did not write, not a catalogue folder beside such a
    configuration, even with ``overwrite`` (``--force``).
    """
    if os.path.lexists(out) and not out.is_dir():
        return f"{out} 是一个文件，不是目录：请用 --out 指定一个新目录（例如 demo）。"
    target = out / "catalogue"
    if target.is_symlink():  # --force replaced it: a traceback, or the link's target (a review)
        return f"{target} 是指向别处的链接：演示记录不会写到链接指向的目录，请用 --out 指定一个新目录（例如 demo）。"
    if os.path.lexists(target) and not target.is_dir():
        return f"{target} 是一个文件，不是目录：请用 --out 指定一个新目录（例如 demo）。"
    where = out.resolve()
    for label, folder in _office_folders(config, out):
        if where == folder or where.is_relative_to(folder):
            return (f"{out} 在本机关的{label} {folder} 之内：演示记录是虚构的，不能写进真实的目录，否则生成网站时会和"
                    "真实记录一起发布。请用 --out 指定一个单独的新目录（例如 demo）。")
    config_file = out / "mkdocs.yml"
    for path, mark in ((config_file, DEMO_MARK), (out / "docs" / "index.md", DEMO_PAGE_MARK)):
        if os.path.lexists(path) and not _marked(path, mark):
            return (f"{path} 已经存在，不是 catalogue generate 写出的，所以没有生成（--force 也不会覆盖它）。"
                    "请用 --out 指定一个新目录（例如 demo）。")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            return f"{target} 已有文件；换一个目录，或使用 --force 覆盖。"
        if not _marked(config_file, DEMO_MARK):
            return (f"{target} 已有文件，旁边却没有 catalogue generate 写出的 mkdocs.yml：它可能是真实的记录目录，"
                    "所以没有删除它（--force 只替换 generate 写出的演示项目）。请换一个目录，或确认后自己删除它。")
        foreign = _not_generated(out)
        if foreign:
            shown = "、".join(foreign[:3]) + (f" 等 {len(foreign)} 个" if len(foreign) > 3 else "")
            return (f"{target} 中有 catalogue generate 没有写过或写过之后改过的文件（{shown}）：可能是在演示项目里录入的"
                    "真实记录，所以没有删除（--force 只替换 generate 写出、没有改过的文件）。请把要保留的文件移走，"
                    "或确认后自己删除 catalogue/ 再运行。")
        edited = _edited_site_files(out)
        if edited:
            return (f"{'、'.join(str(out / rel) for rel in edited)} 在 catalogue generate 写出之后改过（或不知道是否改过），"
                    "--force 会覆盖这些改动，所以没有生成。请把要保留的改动另存，或确认后自己删除这些文件再运行。")
    demo = _marked(config_file, DEMO_MARK)
    others = sorted(p.name for p in out.iterdir() if p.name not in _GIT and not (
        demo and (p.name in _DEMO_ENTRIES or p.name.startswith(".site")) or p.is_dir() and not any(p.iterdir()))
    ) if out.is_dir() else []
    if others:
        shown = "、".join(others[:3]) + (f" 等 {len(others)} 项" if len(others) > 3 else "")
        return (f"{out} 已有其他文件（{shown}）：演示项目只写进一个新的空目录，不和别的文件混在一起"
                "（--force 也不会）。请用 --out 指定一个新目录（例如 demo）。")
    return None


def _office_folders(config: CatalogueConfig, out: Path) -> list[tuple[str, Path]]:
    """The catalogue and docs folders of the configuration given, and of every project above ``out``
    (a folder holding an mkdocs.yml ``generate`` did not write): ``--out`` must be in none of them,
    wherever the command is run from."""
    files = [Path(config.config_file)]
    for folder in out.resolve().parents:
        candidate = folder / "mkdocs.yml"
        if candidate.is_file() and not _marked(candidate, DEMO_MARK):
            files.append(candidate)
    found = []
    for config_file in files:
        if not config_file.is_file():
            continue
        if config_file == files[0]:
            catalogue = Path(config.catalogue_dir)
        else:
            office, _ = load_config(config_file)
            catalogue = Path(office.catalogue_dir)
        found.append(("记录目录（catalogue_dir）", catalogue.resolve()))
        folders = mkdocs_folders_of(config_file)
        found.append(("文档目录（docs_dir）", folders["docs_dir"].resolve()))
        if "custom_dir" in folders:  # copied into the site: a demo there was published (found by a review)
            found.append(("主题目录（theme.custom_dir）", folders["custom_dir"].resolve()))
    return found


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _take_back(written: list[Path], top: Path) -> None:
    """Remove the files of a demonstration that could not be written whole, and the folders left empty up to
    ``top`` (the output folder when this run made it, else its catalogue folder)."""
    for path in written:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    for folder in sorted({p.parent for p in written} | {top}, key=lambda p: len(p.parts), reverse=True):
        while folder.is_relative_to(top):
            with contextlib.suppress(OSError):
                folder.rmdir()
            if folder == top:
                break
            folder = folder.parent


_SITE_FILES = ("mkdocs.yml", "docs/index.md")
"""What ``generate`` writes beside the catalogue, which ``--force`` rewrites: its digests are in :data:`MANIFEST`
too.  An office that made the demonstration its own (its site_name, a line on the home page) lost the edits to a
refresh, the files judged by the mark they still carried (a review)."""


def _edited_site_files(out: Path) -> list[str]:
    """Of :data:`_SITE_FILES`, those in ``out`` not as ``generate`` wrote them (all that exist, when the list of
    what it wrote has no digests of them)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("site") or {}
    except (OSError, ValueError, AttributeError):
        listed = {}
    edited = []
    for rel in _SITE_FILES:
        path = out / rel
        try:
            if os.path.lexists(path) and (path.is_symlink() or listed.get(rel) != _digest(path.read_bytes())):
                edited.append(rel)
        except OSError:
            edited.append(rel)
    return edited


def _not_generated(out: Path) -> list[str]:
    """The files of ``out``'s catalogue folder that ``generate`` did not write, or changed since (all of them when
    there is no list of what it wrote), relative to the folder."""
    target = out / "catalogue"
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        listed = {}
    found = []
    for path in sorted(target.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(target).as_posix()
        try:
            same = not path.is_symlink() and listed.get(rel) == _digest(path.read_bytes())
        except OSError:
            same = False
        if not same:
            found.append(rel)
    return found


def _marked(path: Path, mark: str) -> bool:
    """Whether ``path`` holds the line ``mark`` (a file ``generate`` wrote)."""
    try:
        with open(path, encoding="utf-8") as f:
            return any(line.rstrip("\n") == mark for line in f)
    except (OSError, ValueError):
        return False


THEME_DIR = Path(__file__).resolve().parents[2] / "theme"
"""The catalogue pages' templates: the project's theme/ folder, beside build_tools/ in a checkout."""


def _write_site(out: Path, settings: Settings, config: CatalogueConfig) -> Path:
    theme = {"name": "material", "language": "zh-CN", "font": False}
    # The catalogue pages' templates live in the project's theme/ folder (next to build_tools/ in a
    # checkout); its absolute path, so that the demonstration folder may be moved.
    theme["custom_dir"] = THEME_DIR.as_posix()
    site = {
        "site_name": f"{settings.agency}政府信息公开目录",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": [{"catalogue": _options(settings, config)}],
    }
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "index.md").write_text(
        f"# {settings.agency}政府信息公开\n\n"
        f"本栏目按照《中华人民共和国政府信息公开条例》的规定，集中公开{settings.agency}的政策文件、政策解读、"
        f"部门预算决算、政府信息公开工作年度报告和通知公告。\n\n{DEMO_PAGE_MARK}\n", encoding="utf-8")
    config_file = out / "mkdocs.yml"
    config_file.write_text(f"{DEMO_MARK}\n{text}", encoding="utf-8")
    return config_file


# -- numbering and writing ---------------------------------------------------------------------------


def _number(drafts: list[Draft], settings: Settings, rng: random.Random) -> None:
    """Give every record its 索引号: per year, in date order, with the gaps real registers have."""
    field_name = settings.date_field

    def day(d: Draft) -> dt.date:
        return d.written if field_name == "written" and d.written else d.published

    serial: dict[int, int] = {}
    for d in sorted(drafts, key=lambda d: (day(d), d.published, d.seq)):
        when = day(d)
        serial[when.year] = serial.get(when.year, 0) + rng.choice((1, 1, 1, 1, 2, 3))
        d.year, d.serial = when.year, serial[when.year]
        d.index_no = settings.index_format(settings.agency_code, when, d.serial)
    limit = 9999 if settings.index_format is _INDEX_FORMATS[3] else 99999
    if max(serial.values()) > limit:
        raise GenerateError("记录太多，一年内的序号超出了索引号格式允许的位数。")


def _render_all(drafts: list[Draft], renderer: Renderer, seed: int, code: str) -> list[tuple[str, bytes, bool]]:
    files: list[tuple[str, bytes, bool]] = []
    seen: set[bytes] = set()
    for d in drafts:  # creation order: reports see earlier years' carried-over requests
        base = f"{_KIND_DIRS[d.kind]}/{d.year}/{d.serial:05d}"
        for attempt in range(5):
            key = f"catalogue-generate:{seed}:body:{d.seq}:{attempt}"
            if renderer.law is not None and d.kind is Kind.POLICY:
                text, attachments = _write_law(d, renderer, key, base, code), []
            else:
                text, attachments = _fit(d, renderer, key, base, code)
            digest = hashlib.blake2b(text.split("\n---\n", 1)[1].encode("utf-8"), digest_size=16).digest()
            if digest not in seen:
                seen.add(digest)
                break
        else:  # pragma: no cover - five identical bodies in a row cannot happen in practice
            raise RuntimeError(f"could not write a distinct body for {d.index_no}")
        data = text.encode("utf-8")
        for name, content in attachments:
            _guard(content.decode("utf-8"), f"{base}-{name}", code)
            files.append((f"{base}-{name}", content, False))
        files.append((f"{base}.md", data, True))
    return files


def long_size(key: str) -> int:
    """A policy file's size in the long profile: log-normal, redrawn until it lies in the range."""
    rng = random.Random(key + ":size")
    while True:
        size = int(LONG_MEDIAN_BYTES * rng.lognormvariate(0, LONG_SIGMA))
        # A margin inside the range: the text ends on a whole article, a little past its budget.
        if LONG_MIN_BYTES + 600 <= size <= LONG_MAX_BYTES - 5000:
            return size


def _write_law(d: Draft, renderer: Renderer, key: str, base: str, code: str) -> str:
    """Long profile: a policy written once, to the size drawn for it."""
    head = front_matter(d, ())
    body = renderer.render_law(d, random.Random(key), long_size(key) - len(head.encode("utf-8")))
    text = head + body
    _guard(text, base + ".md", code)
    size = len(text.encode("utf-8"))
    if not LONG_MIN_BYTES <= size <= LONG_MAX_BYTES:  # pragma: no cover - the margins above prevent it
        raise RuntimeError(f"{d.style} record {d.index_no} is {size} bytes")
    return text


def _fit(d: Draft, renderer: Renderer, key: str, base: str, code: str) -> tuple[str, list]:
    """Render ``d`` with a length that puts the file in its size range."""
    style_key = d.style.split("_")[0] if d.style.startswith(("interp_", "notice_")) else d.style
    bounds = _TARGETS.get(style_key)
    fm_cache: dict[tuple, str] = {}

    def build(k: int) -> tuple[str, list]:
        body, attachments = renderer.render(d, random.Random(key), k)
        names = tuple(f"{base.rsplit('/', 1)[1]}-{name}" for name, _ in attachments)
        if names not in fm_cache:
            fm_cache[names] = front_matter(d, names)
        text = fm_cache[names] + body
        _guard(text, base + ".md", code)
        return text, attachments

    if bounds is None:
        text, attachments = build(10)
        size = len(text.encode("utf-8"))
        if not MIN_BYTES <= size <= MAX_BYTES:
            raise RuntimeError(f"{d.style} record {d.index_no} is {size} bytes")
        return text, attachments
    lo, hi = bounds
    target = random.Random(key + ":size").randint(lo, hi)
    k = max(2, target // 170)
    best: tuple[int, str, list] | None = None
    for _ in range(8):
        text, attachments = build(k)
        size = len(text.encode("utf-8"))
        if MIN_BYTES <= size <= MAX_BYTES:
            miss = abs(size - target)
            if best is None or miss < best[0]:
                best = (miss, text, attachments)
            if miss <= target * 0.12:
                break
        new_k = max(2, round(k * target / max(size, 1)))
        if new_k == k:
            new_k = k + (1 if size < target else -1)
        if new_k < 2:
            break
        k = new_k
    if best is None:
        raise RuntimeError(f"{d.style} record {d.index_no} cannot be fitted into {MIN_BYTES}–{MAX_BYTES} bytes")
    return best[1], best[2]


def _guard(text: str, where: str, code: str) -> None:
    """Refuse output a privacy lint would flag, or with a placeholder left unfilled.

    The agency's own code (a USCC has 17 digits and more) is the one long run allowed.
    """
    if _PRIVATE_DIGITS.search(text.replace(code, "")):
        raise RuntimeError(f"{where}: generated text contains a long digit run that looks like a phone or ID number")
    if "{" in text or "}" in text:
        raise RuntimeError(f"{where}: generated text contains an unfilled placeholder")


# -- front matter ----------------------------------------------------------------------------------------

_scalar = scalar  # shared with catalogue new (build_tools/model/writing.py)
_flow = flow


def front_matter(d: Draft, attachments: tuple[str, ...]) -> str:
    """The record's ``---`` block, keys in the order editors know from the samples."""
    lines = ["---", f"index_no: {_scalar(d.index_no)}", f"title: {_scalar(d.title)}", f"kind: {d.kind.value}"]
    if d.doc_type:
        lines.append(f"doc_type: {d.doc_type.value}")
    if d.form:
        lines.append(f"interpretation_form: {d.form.value}")
    if d.interprets:
        lines.append(f"interprets: {_flow(t.index_no for t in d.interprets)}")
    lines.append(f"issuer: {_scalar(d.issuer[0]) if len(d.issuer) == 1 else _flow(d.issuer)}")
    if d.doc_no:
        lines.append(f"doc_no: {_scalar(d.doc_no)}")
    lines.append(f"category: {_scalar(d.category)}")
    if d.fiscal_year:
        lines.append(f"fiscal_year: {d.fiscal_year}")
    if d.approved:
        lines.append(f"approved: {d.approved.isoformat()}")
    if d.written:
        lines.append(f"written: {d.written.isoformat()}")
    lines.append(f"published: {d.published.isoformat()}")
    if d.effective:
        lines.append(f"effective: {d.effective.isoformat()}")
    if d.expires:
        lines.append(f"expires: {d.expires.isoformat()}")
    if d.validity:
        lines.append(f"validity: {d.validity.value}")
    if d.disclosure and not d.is_proactive:
        lines.append(f"disclosure: {d.disclosure.value}")
        lines.append(f"withheld_reason: {_scalar(d.withheld_reason)}")
    if d.interpretation_exempt:
        lines.append(f"interpretation_exempt: {_scalar(d.interpretation_exempt)}")
    if d.amends:
        lines.append(f"amends: {_flow(t.index_no for t in d.amends)}")
    if d.repeals:
        lines.append(f"repeals: {_flow(t.index_no for t in d.repeals)}")
    if d.keywords:
        lines.append(f"keywords: {_flow(d.keywords)}")
    lines.append(f"summary: {_scalar(d.summary)}")
    if attachments:
        lines.append(f"attachments: {_flow(attachments)}")
    if d.extra.get("statistics"):  # an annual report's tables (render.py, _report_as_data)
        lines.append(d.extra["statistics"])
    if d.extra.get("figures"):  # set by the renderer: the numbers its body states (generate/fiscal.py)
        lines.append(d.extra["figures"])
    lines.append("---")
    return "\n".join(lines) + "\n"
