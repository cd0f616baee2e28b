"""The phases of a check, run one way: load, validate, link, check.

Adapters (the CLI, the MkDocs plugin) call :func:`check_catalogue` and get one
result holding the records, the link graph and every problem, sorted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, build_catalogue
from .checks.annual_report import check_annual_reports
from .checks.attachments import check_attachments, inspect_attachments, refused_attachments
from .checks.dates import check_published_ahead, follows_from_published_ahead
from .checks.fiscal import check_fiscal
from .checks.deadlines import check_disclosure_deadlines, check_fiscal_deadlines, check_interpretations
from .checks.privacy import check_privacy
from .checks.withheld_titles import check_embargoed_titles, check_withheld_titles
from .checks.validity import check_repealed_validity, check_undated_ends, check_validity_drift
from .config import CatalogueConfig
from .diagnostics import Problem, Severity, apply_severity, problem
from .graph import LinkGraph, build_graph
from .machinery.load_cache import LoadCache
from .links import check_body_links
from .loader import LoadResult, load
from .model.values import INVISIBLE_NAMES, visible
from .model.writing import KIND_FOLDERS
from .workdays import CalendarConfigError, WorkdayCalendar


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything a check found, for the adapters to present or build from."""

    config: CatalogueConfig
    as_of: dt.date
    loaded: LoadResult
    catalogue: Catalogue
    graph: LinkGraph
    problems: tuple[Problem, ...]
    """Every problem, severity overrides applied, sorted."""


@dataclass(frozen=True, slots=True)
class Linked:
    """The catalogue loaded, validated and linked: what the checks run on, and all the public view needs."""

    loaded: LoadResult
    catalogue: Catalogue
    graph: LinkGraph
    inspected: dict = field(default_factory=dict, compare=False, repr=False)
    """What :func:`attachment_findings` found of each attachment, once per load."""


def attachment_findings(linked: Linked, config: CatalogueConfig) -> Mapping[str, object]:
    """What is wrong with each listed attachment (:func:`.checks.attachments.inspect_attachments`), read once
    for the view (:func:`refused_files`) and the check."""
    if not linked.inspected:
        linked.inspected.update(inspect_attachments(linked.catalogue.records, Path(config.catalogue_dir)))
    return linked.inspected


def refused_files(linked: Linked, config: CatalogueConfig) -> frozenset[str]:
    """The attachments the site does not publish until corrected (empty, damaged, mistyped, locked)."""
    return refused_attachments(attachment_findings(linked, config), config.severity)


def check_catalogue(config: CatalogueConfig, as_of: dt.date,
                    config_problems: tuple[Problem, ...] = (), cache: LoadCache | None = None) -> CheckResult:
    """Load, validate, link and check the catalogue as it stands on ``as_of``.

    ``cache`` remembers what unchanged files validated to (same result, faster);
    it is written when this returns.
    """
    result = check_linked(link_catalogue(config, cache), config, as_of, config_problems)
    if cache is not None:
        cache.wait()
    return result


def link_catalogue(config: CatalogueConfig, cache: LoadCache | None = None) -> Linked:
    """The first phases, load, validate and link: :func:`check_linked` runs the checks on the result.

    Apart so that a build can start what depends only on them (the search
    index, from the public view) while the checks run: no check but the
    privacy check (:func:`kept_off`) changes which records are public or
    what they hold, the others only find problems.
    """
    loaded = load(config, cache)
    catalogue = build_catalogue(loaded.validated, config.catalogue_dir)
    return Linked(loaded, catalogue, build_graph(catalogue))


def check_linked(linked: Linked, config: CatalogueConfig, as_of: dt.date,
                 config_problems: tuple[Problem, ...] = (), privacy: Sequence[Problem] | None = None
                 ) -> CheckResult:
    """Check the linked catalogue as it stands on ``as_of``: every problem, severity overrides applied.

    ``privacy``: the privacy check's problems when the caller has them already
    (:func:`privacy_problems`, which a build needs before the other checks).
    """
    loaded, catalogue, graph = linked.loaded, linked.catalogue, linked.graph
    problems: list[Problem] = [*config_problems, *loaded.problems, *catalogue.problems,
                               *(p for p in graph.problems if p.code not in KEEP_OFF)]  # those come with privacy
    for v in loaded.validated:
        problems.extend(v.problems)
    problems.extend(_stray_files(loaded, catalogue, config.catalogue_dir))
    problems.extend(_partial_catalogue(config))
    problems.extend(check_repealed_validity(catalogue, graph, as_of))
    problems.extend(check_validity_drift(catalogue, graph, as_of))
    problems.extend(check_undated_ends(catalogue, graph, as_of))
    problems.extend(check_embargoed_titles(catalogue, as_of))
    privacy = privacy_problems(linked, config, as_of) if privacy is None else privacy
    problems.extend(privacy)
    problems.extend(check_attachments(catalogue.records, config.catalogue_dir, catalogue.names_of, catalogue.named_by,
                                      as_of, attachment_findings(linked, config), refused_files(linked, config),
                                      lambda rel: catalogue.names_of(rel, copies=True)))
    problems.extend(check_body_links(catalogue.records, (*(v.source for v in loaded.validated), *loaded.assets),
                                     (v.source for v in loaded.validated if v.record is None), as_of,
                                     catalogue.unpublished_attachments, catalogue.names_of, catalogue.known_index_nos,
                                     kept_off(catalogue, privacy)))
    calendar, calendar_problems = working_calendar(config)
    problems.extend(check_fiscal_deadlines(catalogue, config, as_of, calendar))
    problems.extend(check_annual_reports(catalogue, graph, config, as_of, kept_off(catalogue, privacy)))
    problems.extend(check_fiscal(catalogue, as_of, config.rules_from["budget"], config.agency,
                                 config.agency_former_names))
    problems.extend(calendar_problems)
    if calendar is not None:
        problems.extend(check_interpretations(catalogue, graph, config, calendar, as_of))
        problems.extend(check_disclosure_deadlines(catalogue, config, calendar, as_of))
    ahead, ahead_records = check_published_ahead(catalogue, config, as_of)
    problems = [*follows_from_published_ahead(problems, catalogue, config, ahead_records), *ahead]
    return CheckResult(config, as_of, loaded, catalogue, graph,
                       tuple(apply_severity(problems, config.severity)))


PERSONAL_DATA = frozenset({"personal-id-number", "personal-mobile-number"})
"""The privacy check's codes: a record with one of them as an error is kept off the site (:func:`kept_off`)."""
NAMES_WITHHELD = frozenset({"withheld-title-named", "reference-names-not-public", "withheld-record-copied"})
"""A public record that writes a withheld record's name: kept off the site as an error too (:func:`kept_off`)."""
KEEP_OFF = PERSONAL_DATA | NAMES_WITHHELD


def privacy_problems(linked: Linked, config: CatalogueConfig, as_of: dt.date, *,
                     prune: bool = False) -> list[Problem]:
    """The problems that keep a record off the site (:func:`kept_off` reads their severity): the privacy
    check's, and the names of withheld records in public ones (the link graph's, and
    :func:`check_withheld_titles`), severity overrides applied; ``prune``: the PDF texts the check did not
    read leave the cache directory (a build)."""
    found = [*check_privacy(linked.catalogue, config, as_of, prune=prune),
             *(p for p in linked.graph.problems if p.code in KEEP_OFF),
             *check_withheld_titles(linked.catalogue, config, prune=prune),
             *_hidden_records(linked.catalogue)]
    return apply_severity(found, config.severity)


def _hidden_records(catalogue: Catalogue) -> Iterator[Problem]:
    """``record-hidden`` (a warning) for each record whose file is hidden (``.neibu/x.md``, ``.x.md``): an editor
    moved withheld records out of the way; they were skipped unread, and a public record published the title
    one of them withholds and the list it attaches (a review).  Read, they withhold what they withhold; never
    published, whatever their disclosure says (:func:`~build_tools.visibility.public_view`)."""
    for r in catalogue.records:
        *folders, name = r.source.split("/")
        hidden_by = next((part for part in folders if part.startswith(".")), None)
        if hidden_by is None and not name.startswith("."):
            continue
        where = f"在隐藏的文件夹 {hidden_by} 中" if hidden_by else "的文件名以点（.）开头，是隐藏文件"
        yield problem("record-hidden", r.source, r.line_of("index_no"), None,
                      f"记录文件 {r.source} {where}：网站不发布它；它的名称和它列出的附件按它的公开方式"
                      f"（{r.disclosure.label}）处理。",
                      "把它移到 catalogue/ 中不以点开头的文件夹里（不公开的记录照样写 disclosure: 不予公开），"
                      "或删除它。")


def kept_off(catalogue: Catalogue, problems: Iterable[Problem]) -> frozenset[str]:
    """Index numbers of the records the site must not publish, though 主动公开: each holds personal
    data the privacy check reports as an error, or a withheld record's name (after the office's severity
    overrides).  Until it is corrected, a build without ``--strict`` publishes the rest of the catalogue and
    not the number or the name."""
    files = {p.file for p in problems if p.code in KEEP_OFF and p.severity is Severity.ERROR}
    return frozenset(r.index_no for r in catalogue.records  # the record's file, or an attachment it lists
                     if r.source in files or files.intersection(r.attachments))


def _partial_catalogue(config: CatalogueConfig) -> list[Problem]:
    """``catalogue-dir-partial`` when ``catalogue_dir`` is a folder of a catalogue whose other folders hold records
    too (``catalogue_dir: catalogue/budgets``): a site of a fraction of the records.  A build on a machine
    holding the last site refuses it; the shipped workflow builds in a fresh checkout, with no site to compare,
    and would have deployed 8 records of 46 (found by a review).  ``allow_fewer_records`` says it is meant."""
    root = Path(config.catalogue_dir)
    parent = root.parent
    project = Path(config.config_file).resolve().parent if config.config_file else None
    if config.allow_fewer_records or project is None or not Path(config.config_file).is_file() \
            or parent.resolve() == project or not root.resolve().is_relative_to(project):
        return []  # the project's own catalogue folder, or no project (options given in code, a test)
    # A catalogue split by kind (policies/, budgets/ … beside catalogue_dir), or in folders of any other names
    # (政策文件/, 预决算/, a folder a year) whose records are numbered under the same organ's code as catalogue_dir's
    # (a review: Chinese folder names deployed 8 records of 46).  A repository holding several offices'
    # catalogues side by side (catalogues/jtt, catalogues/gat: each its own code) is no partial one (a review).
    kinds = set(KIND_FOLDERS.values())
    if root.name in kinds:
        others = [p for folder in sorted(kinds - {root.name}) if (parent / folder).is_dir()
                  for p in _record_files(parent / folder, skip=root.resolve())]
    else:
        own = {code for p in _record_files(root, skip=Path("/nonexistent")) if (code := _organ_code(p))}
        others = [p for p in _record_files(parent, skip=root.resolve()) if _organ_code(p) in own] if own else []
    if not others:
        return []
    shown = "、".join(sorted({p.relative_to(parent).parts[0] for p in others})[:3])
    return [problem("catalogue-dir-partial", config.config_file, None, "catalogue_dir",
                    f"记录目录（catalogue_dir）是 {root}，而它的上一级 {parent} 的 {shown} 等处还有 {len(others)} 个记录文件："
                    "网站只会发布其中一部分。",
                    f"catalogue_dir 通常写记录目录本身（{parent.name}）；确实只发布这一部分时，在 catalogue 插件下写 "
                    "allow_fewer_records: true。")]


def _record_files(folder: Path, skip: Path, limit: int = 10_000) -> list[Path]:
    """The Markdown files with an ``index_no`` line under ``folder`` but not under ``skip`` (hidden folders
    left out; at most ``limit`` files looked at)."""
    found, seen = [], 0
    for path in sorted(folder.rglob("*.md")):
        seen += 1
        if seen > limit:
            break
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or path.resolve().is_relative_to(skip):
            continue
        try:
            head = path.read_bytes()[:4096]
        except OSError:
            continue
        if head.lstrip(b"\xef\xbb\xbf").startswith(b"---") and re.search(rb"^(?:index_no|\xe7\xb4\xa2\xe5\xbc\x95\xe5\x8f\xb7)\s*[:\xef]", head, re.M):
            found.append(path)
    return found


_ORGAN_CODE = re.compile(rb"^(?:index_no|\xe7\xb4\xa2\xe5\xbc\x95\xe5\x8f\xb7)\s*(?::|\xef\xbc\x9a)\s*[\"']?([^/\s\"']+)/", re.M)


def _organ_code(path: Path) -> bytes | None:
    """The organ's code a record file's index number starts with (015200371 of 015200371/2024-00001), or None."""
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return None
    m = _ORGAN_CODE.search(head)
    return m.group(1) if m else None


def working_calendar(config: CatalogueConfig) -> tuple[WorkdayCalendar | None, list[Problem]]:
    """The official calendar with the configuration's additions, or the problems with them."""
    try:
        return WorkdayCalendar.from_config(config.calendar), []
    except CalendarConfigError as exc:
        return None, [problem("config-invalid", config.config_file, None, f"calendar.{key}" if key else "calendar",
                              f"工作日历配置有误：{message}", "见文档《配置项》中 calendar 的写法。")
                      for key, message in exc.problems]


def _stray_files(loaded: LoadResult, catalogue: Catalogue, root: Path | None = None) -> list[Problem]:
    # Files listed by a record with errors are attachments too, not strays.
    attached = {a for v in loaded.validated for a in v.attachments}
    records = {v.source for v in loaded.validated}  # a copy beside its record (x.md.txt by x.md) is no record lost
    return [_stray(rel, misnamed=root is not None and _saved_as_text(rel) and _right_name(rel) not in records
                   and reads_as_record(root / rel))
            for rel in loaded.assets if rel not in attached]


def _ime_md(name: str) -> str | None:
    """The name ending ``.md`` that a name typed with the Chinese input method on means (x.md。, x.ｍｄ, x．md, x.md.:
    a review found such records off the site with a warning only), or None."""
    bare = unicodedata.normalize("NFKC", name).strip().strip("".join(INVISIBLE_NAMES)).rstrip("。.．、 ")
    return bare if bare != name and bare.lower().endswith(".md") and len(bare) > 3 else None


def _right_name(rel: str) -> str:
    """The name a record saved under ``rel`` should have (x.md.txt, x.txt, x → x.md; x.md␠, x.md。 → x.md)."""
    folder, _, name = rel.rpartition("/")
    bare = name.strip().strip("".join(INVISIBLE_NAMES))
    if bare != name and bare.lower().endswith(".md"):
        right = bare
    elif (typed := _ime_md(name)) is not None:
        right = typed
    else:
        stem = name[:-4] if name.lower().endswith(".txt") else name.rsplit(".", 1)[0] if "." in name else name
        right = stem if stem.lower().endswith(".md") else stem + ".md"
    return f"{folder}/{right}" if folder else right


_BACKUP = re.compile(r"\.md\.[^.]+$|\.md[~#]$|\.(?:orig|bak|old|swp|tmp|rej)$", re.IGNORECASE)


def _saved_as_text(rel: str) -> bool:
    """A name a record may have got from a save that hid its .md (x.md.txt, x.txt, x, x.markdown), not an
    editor's backup of one (x.md.orig, x.md~, x.md.bak: renaming it x.md would overwrite the record, a
    review); a name with a space or an invisible character after .md is one too."""
    name = rel.rsplit("/", 1)[-1]
    bare = name.strip().strip("".join(INVISIBLE_NAMES))
    if name.lower().endswith((".md.txt", ".txt", ".markdown", ".mdown")) or bare != name and bare.lower().endswith(".md") \
            or _ime_md(name) is not None:
        return True
    return not _BACKUP.search(name) and "." not in name


_RECORD_START = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:[^\n]*\n){0,40}?[ \t]*(?:index_no|索引号|title|标题)[ \t]*[:：]")


def reads_as_record(path: Path) -> bool:
    """Whether a file that is no record by its name begins as one: front matter with an 索引号 or 标题."""
    try:
        with open(path, "rb") as f:
            return bool(_RECORD_START.match(f.read(4096).decode("utf-8", "ignore")))
    except OSError:
        return False


_WRITTEN_NO = re.compile(r"^[ \t]*(?:index_no|索引号)[ \t]*[:：][ \t]*[\"'“]?([^\s\"'”#]+)", re.M)


def numbers_taken(loaded: LoadResult, root: Path) -> frozenset[str]:
    """Every index number the catalogue's files hold, for the next free one: the records' (with errors too, when
    legible) and those written in a file that begins as a record under a name that is none (x.md。, x.md.txt,
    a backup x.md.bak): numbered past the records only, a new record took the number of a record saved as
    x.md。, and the two collided once it was renamed (a review)."""
    numbers = {v.index_no for v in loaded.validated if v.index_no}
    for rel in loaded.assets:
        if reads_as_record(root / rel):
            try:
                with open(root / rel, "rb") as f:
                    head = f.read(4096).decode("utf-8", "ignore")
            except OSError:
                continue
            if m := _WRITTEN_NO.search(head):
                numbers.add(unicodedata.normalize("NFKC", m.group(1)))
    return frozenset(numbers)


def _stray(rel: str, misnamed: bool = False) -> Problem:
    """A file that is neither a record nor an attachment; a record's name with a space or an invisible
    character after ``.md`` (``x.md ``) said so only with the space unseen (found by a review).  ``misnamed``:
    its content is a record's (Notepad's 保存类型“文本文档” adds .txt to a name whose .md it hides): the
    record left the site with a warning only, whose hint said to delete the file (a review)."""
    name = rel.rsplit("/", 1)[-1]
    code = "record-misnamed" if misnamed else "not-a-record"
    right = _right_name(rel).rsplit("/", 1)[-1]
    bare = name.strip().strip("".join(INVISIBLE_NAMES))
    if bare != name and bare.lower().endswith(".md"):  # then right is bare
        return problem(code, rel, None, None,
                       f"文件名“{visible(name).replace(' ', '[空格]')}”在 .md 之后还有空格或看不见的字符，所以没有被当作记录读取。",
                       f"把文件改名为“{right}”。")
    if misnamed:
        return problem(code, rel, None, None,
                       f"{rel} 的内容是一条记录（以元数据块开头），但文件名不以 .md 结尾，没有被当作记录读取，网站上没有它。",
                       f"把文件改名为“{right}”（用记事本另存时，“保存类型”选“所有文件”）。")
    return problem("not-a-record", rel, None, None,
                   f"{rel} 不是 Markdown 记录，也没有被任何记录列为附件。",
                   "如果它是附件，在对应记录的「附件」(attachments) 中列出；如果是误放的文件，请删除。")
