"""Which site directories a build may write, and when it may publish: nothing destroyed.

An office's staff type options by hand; a build that publishes must never
turn a typo into lost data.  Three mistakes did (issue 13):

* ``--site-dir catalogue`` (options swapped): MkDocs empties the site
  directory before it writes, so every record file was deleted.  A site
  directory that is, contains or lies inside the catalogue or docs, or that
  is or contains the configuration file's folder, is refused.
* a site directory holding someone else's files (a web server's root with
  uploads in it): the same clean-up deletes them.  Every site this tool
  writes carries a hidden :data:`MARKER` file; a non-empty directory without
  it is refused, with a message saying what to do.
* ``--catalogue catalouge`` (a typo): the build read no record and replaced
  a 43-record site with an empty one.  A missing catalogue directory stops
  every build, and a site with no records never replaces one that had
  records unless ``allow_empty_catalogue`` says an empty catalogue is meant.

Paths are compared resolved (symbolic links followed, ``..`` removed) with
``Path.is_relative_to``, never by string prefix: ``catalogue2`` is not inside
``catalogue``.  This module decides and explains; it never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt

import errno
import json
import os
import re
from pathlib import Path

MARKER = ".catalogue-site"
"""Hidden file in every site this tool writes: proof that the folder's contents are ours to replace."""

MANIFEST = ".catalogue-manifest.json"
"""Hidden file in a site: which key each catalogue page was written from (mkdocs_plugin/in_place.py)."""

OWN_PREFIX = ".catalogue-"
"""Every hidden file and folder the build keeps inside a site directory starts with this."""


def missing_catalogue(catalogue_dir: str | Path, nothing_done: str = "网站没有生成，原来的网站保持不变") -> str | None:
    """Why a build (or what ``nothing_done`` says was not done) must stop when the catalogue directory does
    not exist (None when it does)."""
    path = Path(catalogue_dir)
    if path.is_dir():
        return None
    what = "不是目录" if path.exists() else "不存在"
    return (f"找不到记录目录 {path}（{what}），{nothing_done}。"
            "请检查目录名是否拼写正确：mkdocs.yml 中 catalogue 插件的 catalogue_dir，或命令中的 --catalogue。")


def draft_refusal(target: str | Path, *, catalogue_dir: str | Path, published: dict[str, Path]) -> str | None:
    """Why a draft (``catalogue new``'s record, ``annual-report``'s report) may not be written into
    ``target`` (None when it may): a folder the site publishes as it is, ``published`` (label → folder:
    docs_dir, the theme's custom_dir), unless it is the catalogue itself.  A draft there was published
    with its （待填写：…）, ``check`` passing (found by a review)."""
    where = Path(target).resolve()
    catalogue = Path(catalogue_dir).resolve()
    if where == catalogue or where.is_relative_to(catalogue):
        return None
    return published_folder_refusal(target, published, "草稿也不例外",
                                    f"记录和年度报告草稿请写进记录目录 {catalogue}（不写 --catalogue 或 --out 即是）。")


def published_folder_refusal(target: str | Path, published: dict[str, Path], what: str, advice: str) -> str | None:
    """Why files may not be written into ``target``: inside a built site (:func:`into_a_site_refusal`;
    ``published["site_dir"]``, the configured one) or a folder the site publishes as it is (``published``:
    label → folder, docs_dir and the theme's custom_dir), where ``what`` would be online, unchecked."""
    where = Path(target).resolve()
    published = dict(published)
    inside_site = into_a_site_refusal(target, published.pop("site_dir", None), advice)
    if inside_site:
        return inside_site
    for label, folder in published.items():
        folder = Path(folder).resolve()
        if where == folder or where.is_relative_to(folder):
            return f"{target} 在{label} {folder} 之内：那里的文件会原样发布到网站上，{what}，所以没有写入。{advice}"
    return None


def excluded_from_docs(folder: str | Path, docs_dir: str | Path, patterns: tuple[str, ...]) -> bool:
    """Whether MkDocs leaves ``folder``, inside ``docs_dir``, out of the site: a hidden folder (``.x/``, MkDocs'
    default), or one an ``exclude_docs`` line names plainly (``/reference/``, ``reference/``, ``drafts``).  A line
    with a wildcard or a ``!`` is not read: the folder is then taken as published, the safe side."""
    parts = Path(folder).resolve().relative_to(Path(docs_dir).resolve()).parts
    if any(part.startswith(".") for part in parts):
        return True
    for line in patterns:
        if not line or line.startswith(("#", "!")) or any(c in line for c in "*?[\\"):
            continue
        named = tuple(p for p in line.strip("/").split("/") if p)
        anchored = line.startswith("/") or "/" in line.strip("/")  # gitignore: a slash inside anchors it
        if not named:
            continue
        if anchored and parts[:len(named)] == named or not anchored and len(named) == 1 and named[0] in parts:
            return True
    return False


def into_a_site_refusal(target: str | Path, site_dir: str | Path | None = None,
                        advice: str = "请写到记录目录或另一个新目录。") -> str | None:
    """Why files may not be written into ``target`` (None when they may): it is inside the site directory the
    configuration names (``site_dir``) or inside a folder holding a built site's marker (a web root).  A draft
    report, an import or demonstration records written there were online until the next build, which then
    refused the folder for holding files it did not write (found by a review).  ``advice``: where the command
    may write instead (demonstration records never into the catalogue: a review)."""
    where = Path(target).resolve()
    candidates = [Path(site_dir).resolve()] if site_dir is not None else []
    candidates += [folder for folder in (where, *where.parents) if (folder / MARKER).is_file()]
    for site in candidates:
        if where == site or where.is_relative_to(site):
            return (f"{target} 在网站目录 {site} 之内：那里是生成好的网站，写进去的文件会直接上网（下次生成时又会因为"
                    "有不是它写的文件而停下），所以没有写入。" + advice)
    return None


def site_dir_refusal(site_dir: str | Path, *, catalogue_dir: str | Path, docs_dir: str | Path,
                     config_dir: str | Path, custom_dir: str | Path | None = None) -> str | None:
    """Why ``site_dir`` may not be a site directory because of where it is (None when it may).

    Refused: the catalogue, docs, theme overrides or configuration folder itself, a folder
    containing any of them, and a folder inside the catalogue, docs or theme overrides (MkDocs copies
    ``custom_dir`` into the site: a site inside it was copied into itself at every build, and kept a
    withdrawn record's open data: found by a review).  A folder inside the configuration's folder
    (``./site``) is the usual place.
    """
    site = Path(site_dir).resolve()
    why = _misplaced(site, [("记录目录（catalogue_dir）", catalogue_dir, True), ("文档目录（docs_dir）", docs_dir, True),
                            ("主题目录（theme.custom_dir）", custom_dir, True), ("配置文件所在的目录", config_dir, False)])
    try:
        here = Path.cwd().resolve()
    except OSError:
        here = None
    if why is None and here is not None and here.is_relative_to(site):
        # the build replaces the folder whole: the shell stayed in the deleted one, showed an empty site and
        # failed the next commands (a review)
        return (f"{site} 是当前所在的目录（或包含它）：生成网站会整个替换这个目录，命令行会停留在已被替换掉的旧目录中。"
                "请先 cd 到它的上一级目录，再用 --site-dir 指定它。")
    if why is None:
        return None
    return (f"{site} 不能作为网站目录：{why}。生成网站会先清空网站目录，其中的文件将被删除。"
            "请检查 --site-dir 或 mkdocs.yml 中的 site_dir 是否与其他选项写反了，"
            "改用一个单独的目录（例如 site）。")


def _misplaced(folder: Path, protected: list[tuple[str, str | Path | None, bool]]) -> str | None:
    """Why ``folder`` (resolved) may not be used beside the ``protected`` folders (label, path, and
    whether a folder inside it is refused too; a path None is not there): it is one of them, holds
    one, or lies inside one; None when it is apart from all."""
    for label, path, no_inside in protected:
        if path is None:
            continue
        path = Path(path).resolve()
        if folder == path:
            return f"它就是{label}"
        if path.is_relative_to(folder):
            return f"它包含{label} {path}"
        if no_inside and folder.is_relative_to(path):
            return f"它在{label} {path} 之内"
    return None


def cache_dir_refusal(cache_dir: str | Path, *, catalogue_dir: str | Path, config_dir: str | Path,
                      docs_dir: str | Path | None = None, site_dir: str | Path | None = None,
                      custom_dir: str | Path | None = None) -> str | None:
    """Why ``cache_dir`` may not hold the build cache because of where it is (None when it may).

    Every build writes the cache and deletes what it no longer uses there;
    in docs or the theme's overrides it would be published with the site,
    in the catalogue read as stray files, in the site replaced with it.  Refused: any of these
    folders or the configuration's folder itself, a folder containing one
    of them (``.`` or the home folder), and a folder inside the catalogue,
    docs or site.  A folder inside the configuration's folder
    (``.cache/catalogue``, the default) is the usual place.
    """
    cache = Path(cache_dir).resolve()
    why = _misplaced(cache, [("记录目录（catalogue_dir）", catalogue_dir, True), ("配置文件所在的目录", config_dir, False),
                             ("文档目录（docs_dir）", docs_dir, True), ("网站目录（site_dir）", site_dir, True),
                             ("主题目录（theme.custom_dir）", custom_dir, True)])  # MkDocs copies custom_dir into the site
    if why is None:
        return None
    return (f"缓存目录 {cache} 不能用：{why}。每次生成都会在缓存目录中写入和删除文件，放在这里会删除或发布别的文件。"
            "请删去 cache_dir 这一行（使用默认的 .cache/catalogue），或改用一个单独的目录。")


def foreign_content_refusal(site_dir: str | Path) -> str | None:
    """Why ``site_dir`` may not be written because it holds files this tool did not write.

    An absent or empty folder, or one with :data:`MARKER`, may be written;
    a folder holding only the build's own hidden working files too.
    """
    site = Path(site_dir)
    if not os.path.lexists(site):
        return None
    if site.is_symlink() and not site.exists():
        return (f"{site} 是一个链接，指向的 {os.readlink(site)} 不存在（磁盘没有挂载，或目录被移走了），所以没有生成。"
                "请先挂载或恢复它，或改用另一个网站目录。")
    if not site.is_dir():
        return f"{site} 不能作为网站目录：它是一个文件，不是目录。请改用一个目录。"
    try:
        names = os.listdir(site)
    except OSError as exc:
        return f"无法读取网站目录 {site}：{describe_os_error(exc)}"
    if MARKER in names:
        return _not_all_ours(site, names)
    # The build's working files, or what a web root or a deploy repository holds before its first site
    # (.git, .htaccess …: kept). Any other hidden entry is not taken for the office's here: a home folder
    # holds only hidden ones (.ssh, .bashrc), and `--site-dir ~` had replaced it (found by a review).
    if all(n.startswith(OWN_PREFIX) or n in _BEFORE_A_SITE for n in names):
        return None
    names = [n for n in names if not n.startswith(OWN_PREFIX)]
    shown = "、".join(sorted(names)[:3]) + ("等" if len(names) > 3 else "")
    return (f"{site.resolve()} 不是本工具生成的网站（其中有 {shown}，却没有标记文件 {MARKER}），"
            "生成网站会删除其中的文件，所以没有生成。"
            "如果这些文件可以删除（例如旧版本生成的网站），请先清空或删除这个目录再生成；"
            "否则请用 --site-dir 或 mkdocs.yml 中的 site_dir 指定一个新的空目录。")


def _not_all_ours(site: Path, names: list[str]) -> str | None:
    """Why a folder with the marker holds what the last build there did not write (None when it does not).

    The marker lists the entries the build wrote at the top of the site; a marker copied with a site
    into a web root (``rsync -a site/ /srv/www/``) made the root's uploads ours to delete (found by a
    review).  Hidden entries are the office's and stay (:func:`user_entry`).  A marker
    from before the list was kept vouches for the folder as it did.
    """
    marker = read_marker(site)
    written = marker.get("entries") if marker is not None else None
    if "entries" not in (marker or {}) and marker is not None:  # an earlier version's marker, or a preview's
        return None
    if marker is None or not isinstance(written, list) or not all(isinstance(n, str) for n in written):
        return (f"{site.resolve()} 中的标记文件 {MARKER} 已损坏，无法确认这个目录是本工具生成的网站，所以没有生成。"
                "如果它是本工具生成的网站：删去其中名称不以“.”开头的文件和文件夹（.git 等隐藏的会保留）后重新生成；"
                "否则请换一个新的空目录。")
    files = marker.get("files")
    known = set(files) if isinstance(files, list) else set()
    extra = sorted(n for n in names if not _offices(n) and n not in written and not _dropped_silently(n, known))
    if not extra and isinstance(files, list):  # below the top too: a marker copied into a web root named its
        # assets/ and data/, whose own files went (found by a review)
        extra = [rel for rel in site_files(site) if rel not in known and not _dropped_silently(rel, known)]
    if not extra:
        return None
    shown = "、".join(extra[:5]) + ("等" if len(extra) > 5 else "")
    return (f"网站目录 {site.resolve()} 中有上次生成时没有写入的 {shown}：生成网站会替换整个目录，它们将被删除，所以没有生成。"
            "需要随网站发布的文件，请放进 docs/ 目录（生成时会复制到网站）；不需要的请删除；"
            "如果这个目录是别的网站（例如网页服务器的根目录），请用 --site-dir 或 site_dir 另指定一个目录。")


_JUNK = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"})
_PRECOMPRESSED = (".gz", ".br", ".zst")


def _dropped_silently(rel: str, written: set[str]) -> bool:
    """A file below the top that a build drops without stopping, as it always did: what a file system or a
    desktop leaves (.DS_Store, Thumbs.db), a hidden file, a web server's precompressed copy of a file the build
    wrote (index.html.gz).  Each had stopped every later build (a review of the marker's list)."""
    name = rel.rsplit("/", 1)[-1]
    if name.lower() in _JUNK or name.startswith("."):
        return True
    return any(rel.endswith(ext) and rel[:-len(ext)] in written for ext in _PRECOMPRESSED)


def hidden_files_dropped(site_dir: str | Path) -> list[str]:
    """The hidden files below the top of the site at ``site_dir`` that its last build did not write
    (``attachments/.htaccess``): a build drops them as it always did (:func:`_dropped_silently`), and the
    office should be told (found by a review: an .htaccess went without a word).  None a desktop leaves."""
    marker = read_marker(site_dir)
    files = marker.get("files") if marker is not None else None
    if not isinstance(files, list):
        return []
    known = set(files)
    return sorted(rel for rel in site_files(site_dir) if "/" in rel and rel not in known
                  and rel.rsplit("/", 1)[1].startswith(".") and rel.rsplit("/", 1)[1].lower() not in _JUNK)


def mounts_inside(site_dir: str | Path, table: str | None = None) -> list[Path]:
    """Mount points inside ``site_dir`` or inside the folders the build keeps beside it (``.<site>.*``, the
    spare among them), from the kernel's own list (``table``: ``/proc/self/mountinfo``; none without one)."""
    site = Path(os.path.realpath(site_dir))
    if table is None:
        try:
            table = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return []
    lines = table.splitlines()
    found = []
    for line in lines:
        fields = line.split(" ")
        if len(fields) < 5:
            continue
        point = Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4]))  # \040 for a space
        if point == site or not point.is_relative_to(site.parent) or point == site.parent:
            continue
        top = point.relative_to(site.parent).parts[0]
        if top == site.name or top.startswith(f".{site.name}."):
            found.append(point)
    return sorted(found)


def mounted_inside_refusal(site_dir: str | Path) -> str | None:
    """Why a site directory with another file system mounted inside it may not be built (None when none is).

    A build replaces the whole site: a folder mounted inside it (``site/uploads``, an office's share) went
    with the replaced site into the spare, and the next build, starting from the spare, emptied it (found
    by a review).  Plain MkDocs would empty it too."""
    points = mounts_inside(site_dir)
    if not points:
        return None
    shown = "、".join(str(p) for p in points[:3]) + ("等" if len(points) > 3 else "")
    return (f"{shown} 是挂载在网站目录中的另一个磁盘或目录：生成网站会替换整个网站目录，其中的文件可能被删除，所以没有生成。"
            "请把它挂载到网站目录以外（网页服务器可以另外映射这个路径），再生成网站。")


def linked_inside_refusal(site_dir: str | Path) -> str | None:
    """Why a site directory whose top holds a symbolic link the build would write or delete through may not be
    built (None when none does).  ``site/attachments -> ../catalogue`` (to save disk, or to serve files kept
    elsewhere): the next build emptied the link's target, all 48 files of the catalogue (found by a review).
    The office's hidden entries (``.well-known``) stay theirs, links or not."""
    site = Path(site_dir)
    try:
        entries = list(os.scandir(site)) if site.is_dir() else []
    except OSError:
        return None  # said by foreign_content_refusal
    links = sorted(e.name for e in entries if e.is_symlink() and not user_entry(e.name))
    if not links:
        return None
    shown = "、".join(links[:3]) + ("等" if len(links) > 3 else "")
    return (f"网站目录 {site.resolve()} 中的 {shown} 是指向别处的链接：生成网站会替换整个网站目录，链接指向的文件可能被删除，"
            "所以没有生成。请删除这个链接（只删链接本身：rm 链接名，不要加 -r），需要随网站发布的文件放进 docs/ 目录；"
            "网页服务器需要另外的路径时，请在服务器中映射。")


def user_entry(name: str) -> bool:
    """An entry at the top of a site directory the office put there and the build never deletes: a hidden one
    not the build's (``.git``, ``.htaccess``, ``.well-known``; the build's start with
    :data:`OWN_PREFIX`), and a file system's ``lost+found``.

    MkDocs' clean-up leaves hidden entries.  This build replaces the whole site directory, so they went
    with the replaced site, and the spare's clean-up deleted them (found by a review).  They are now in
    both sites at the exchange (mkdocs_plugin/office_entries.py), or left in place (mkdocs_plugin/publish_swap.py)."""
    return (name.startswith(".") and not name.startswith(OWN_PREFIX)) or name == "lost+found"


_BEFORE_A_SITE = frozenset({
    # a clone of a deploy repository
    ".git", ".gitignore", ".gitattributes", ".gitmodules", ".gitkeep", ".keep", ".github", ".gitlab", ".gitlab-ci.yml",
    ".gitee", ".svn", ".hg", ".hgignore", ".nojekyll", ".editorconfig",
    # a web root's server and panel files (宝塔 puts a locked .user.ini in every site root), a file system's own
    ".htaccess", ".htpasswd", ".user.ini", ".well-known", ".ftpquota", ".DS_Store", "lost+found"})
"""What a folder may hold before the first site is built into it (no :data:`MARKER` yet): a clone of a deploy
repository, a web root's server and panel files, a file system's ``lost+found`` (a fourth review found
legitimate ones refused). Not a home folder's (.ssh, .bashrc, .cache). Once the site is there, every hidden
entry is the office's (:func:`user_entry`)."""


def _offices(name: str) -> bool:
    """The build's hidden working files and the office's own entries (:func:`user_entry`): never the build's
    to delete, never a reason to refuse a folder."""
    return name.startswith(OWN_PREFIX) or user_entry(name)


def build_refusal(site_dir: str | Path, *, catalogue_dir: str | Path, docs_dir: str | Path,
                  config_dir: str | Path, cache_dir: str | Path | None = None,
                  custom_dir: str | Path | None = None, written_site_dir: str | Path | None = None) -> str | None:
    """The first reason a build may not start (missing catalogue, unsafe site or cache directory), or
    None.  The cache is checked here again for the catalogue named on the command line, and against the
    site_dir mkdocs.yml names when the build writes elsewhere (``written_site_dir``: mkdocs serve, -d)."""
    return (missing_catalogue(catalogue_dir)
            or site_dir_refusal(site_dir, catalogue_dir=catalogue_dir, docs_dir=docs_dir, config_dir=config_dir,
                                custom_dir=custom_dir)
            or next((why for site in (site_dir, written_site_dir) if site is not None and cache_dir is not None
                     and (why := cache_dir_refusal(cache_dir, catalogue_dir=catalogue_dir, config_dir=config_dir,
                                                   docs_dir=docs_dir, site_dir=site, custom_dir=custom_dir))), None)
            or mounted_inside_refusal(site_dir)
            or linked_inside_refusal(site_dir)
            or foreign_content_refusal(site_dir))


def empty_site_refusal(*, previous: int | None, records: int, allowed: bool) -> str | None:
    """Why a site with ``records`` record pages may not replace one that had ``previous`` (None: it may).

    ``previous`` is None when the site directory held no site of ours (or one
    written before the marker counted records).
    """
    if records > 0 or allowed or not previous:
        return None
    return (f"新生成的网站没有任何公开记录，而现在的网站有 {previous} 条记录，所以没有替换它，原来的网站保持不变。"
            "请检查记录目录（catalogue_dir 或 --catalogue）是否正确、记录是否都在。"
            "如果确实要发布一个没有记录的目录，在 mkdocs.yml 的 catalogue 插件下写 allow_empty_catalogue: true，"
            "或在命令中加 --allow-empty-catalogue。")


def fewer_records_refusal(*, previous: int | None, records: int, allowed: bool) -> str | None:
    """Why a site with ``records`` record pages may not replace one that had ``previous``: fewer than half
    of 10 or more (``--catalogue catalogue/policies``, ``--as-of 2020-06-30`` for 2026: each replaced a
    46-record site with 18, 5 and 9, found by a review).  None when it may; an empty site is
    :func:`empty_site_refusal`'s."""
    if allowed or not previous or previous < 10 or records == 0 or records * 2 >= previous:
        return None
    return (f"新生成的网站只有 {records} 条公开记录，现在的网站有 {previous} 条，少了一半以上，所以没有替换它，"
            "原来的网站保持不变。请检查记录目录（catalogue_dir 或 --catalogue）是否指到了其中一个子目录、"
            "--as-of 的日期是否写错。如果确实要撤下这么多记录，在这一次的命令中加 --allow-fewer-records"
            "（mkdocs build 和 GitHub 上的发布：在 mkdocs.yml 的 catalogue 插件下写 allow_fewer_records: true，"
            "发布之后删去）。")


def earlier_day_refusal(*, previous: dt.date | None, as_of: dt.date | None, allowed: bool) -> str | None:
    """Why a site built as of ``as_of`` may not replace one built as of ``previous`` (its marker's day): an
    earlier day.  A year typed one too few (--as-of 2025-11-23 on 2026-11-23) took a year of records off the
    site and showed repealed documents in force again, the fewer-records guard silent (a review); so does a
    machine whose clock is behind (a later review: a site in place for a day to come was let through, as a
    preview's).  None when it may."""
    if allowed or previous is None or as_of is None or as_of >= previous:
        return None
    return (f"这次生成的是 {as_of.isoformat()} 那天的网站，现在的网站却是按 {previous.isoformat()} 生成的：按更早的日期生成，"
            "会撤下这之间发布的记录，并把这之间失效的文件重新显示为有效，所以没有替换它，原来的网站保持不变。"
            "请核对 --as-of 的日期（多半是年份写错）和这台机器的系统日期；确实要这样做时（例如换下一个按将来日期生成的预览），"
            "在这一次的命令中加 --allow-fewer-records"
            "（mkdocs build：在 mkdocs.yml 的 catalogue 插件下写 allow_fewer_records: true，发布之后删去）。")


def site_day(site_dir: str | Path) -> dt.date | None:
    """The day the site in ``site_dir`` was built for (its marker's ``as_of``), or None."""
    said = (read_marker(site_dir) or {}).get("as_of")
    try:
        return dt.date.fromisoformat(said) if isinstance(said, str) else None
    except ValueError:
        return None


def record_pages(site_dir: str | Path) -> int:
    """How many record pages (folders of ``records/``) the site in ``site_dir`` has."""
    records = Path(site_dir) / "records"
    try:
        return sum(1 for e in os.scandir(records) if e.is_dir()) if records.is_dir() else 0
    except OSError:
        return 0


def published_records(site_dir: str | Path) -> int:
    """How many records the site in ``site_dir`` publishes: what its marker says or what it holds, the
    larger (a damaged marker said nothing, and an empty site replaced a full one: found by a review)."""
    said = (read_marker(site_dir) or {}).get("records")
    said = said if isinstance(said, int) and not isinstance(said, bool) and 0 <= said < 10**9 else 0
    return max(said, record_pages(site_dir))


def read_marker(site_dir: str | Path) -> dict | None:
    """What the marker of the site in ``site_dir`` says (``records``: how many record pages), or None."""
    try:
        data = json.loads((Path(site_dir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def marker_text(records: int, entries: list[str] | None = None, files: list[str] | None = None,
                as_of: dt.date | None = None) -> str:
    """The contents of the marker of a site with ``records`` record pages, ``entries`` at its top (the names
    the build wrote there, not hidden ones) and ``files`` below (every file it wrote, :func:`site_files`):
    :func:`foreign_content_refusal` holds the folder to them; ``as_of``: the day it was built for
    (:func:`earlier_day_refusal`)."""
    data: dict = {"written_by": "catalogue", "records": records}
    if as_of is not None:
        data["as_of"] = as_of.isoformat()
    if entries is not None:
        data["entries"] = sorted(entries)
    if files is not None:
        data["files"] = sorted(files)
    return json.dumps(data, ensure_ascii=False) + "\n"


def site_files(site_dir: str | Path) -> list[str]:
    """Every file and link under ``site_dir`` but its hidden top entries, as site paths (folders not listed;
    links never followed); a folder that cannot be listed as itself (``uploads/``): what it holds is not known to
    be the build's (another account's uploads in the site were taken, then deleted with the spare: a review)."""
    out: list[str] = []
    stack = [(os.fspath(site_dir), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if rel:
                out.append(rel)
            continue
        for entry in entries:
            if not rel and (entry.name.startswith(".") or user_entry(entry.name)):  # a volume's lost+found too (root's,
                continue  # unlisted: a later build was refused for it, a review)
            path = f"{rel}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, path + "/"))
            else:
                out.append(path)
    return out


_OS_ERRORS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "目标位置所在的磁盘是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EIO: "磁盘读写出错",
    errno.EBUSY: "目录正被占用",
}


def os_error_reason(exc: OSError) -> str:
    """What a failed write means, in plain Chinese (a full disk, a read-only one, no permission …)."""
    return _OS_ERRORS.get(exc.errno, f"无法写入（系统错误 {exc.strerror or exc}）")


def describe_os_error(exc: OSError, *, site: bool = True) -> str:
    """A plain Chinese sentence for a failed write: what happened, where, and what to do; ``site``: the
    write was a build's (else a record's or a draft's, which only the folder's owner can help)."""
    reason = os_error_reason(exc)
    # a copy's error names its source first and the file written second: the full disk is the second's (a
    # message naming the program's own folder had the staffer free space on the wrong disk: a review)
    written = exc.filename2 if getattr(exc, "filename2", None) else exc.filename
    where = f"（{written}）" if written else ""
    if not site:  # catalogue new, annual-report: no site, no --site-dir (they had said so: a review)
        hint = {errno.ENOSPC: "请腾出磁盘空间后再试。", errno.EDQUOT: "请腾出磁盘空间后再试。"}.get(
            exc.errno, "请检查这个目录是否可写（只读的磁盘或没有写入权限时，请管理员授权），或换一个目录。")
        return f"{reason}{where}，没有写入任何文件。{hint}"
    if exc.errno in (errno.EACCES, errno.EPERM) and written and os.path.lexists(written) \
            and not os.access(written, os.R_OK | (os.X_OK if os.path.isdir(written) else 0)):
        # a file or folder of the project the build may not read: not the site's writing (it said 没有写入权限 and
        # to change --site-dir: a review)
        return (f"无法读取 {written}：生成网站的账号没有读取它的权限，网站没有生成，原来的网站保持不变。"
                "请让管理员授权这个账号读取它（例如 chmod -R a+rX 加上它的路径），或用有权限的账号生成。")
    hint = {errno.ENOSPC: "请腾出磁盘空间后重新生成。", errno.EDQUOT: "请腾出磁盘空间后重新生成。",
            errno.EROFS: "请换一个可写的网站目录（--site-dir），或让管理员把磁盘设为可写。",
            errno.EACCES: "请换一个有写入权限的网站目录，或让管理员授权。",
            errno.EPERM: "请换一个有写入权限的网站目录，或让管理员授权。"}.get(exc.errno, "")
    return f"{reason}{where}，网站没有生成，原来的网站保持不变。{hint}"
