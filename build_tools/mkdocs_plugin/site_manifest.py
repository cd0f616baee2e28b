"""The manifest of a site built in place: what each file the last build wrote was made from, and how to
tell whether a file is still the one it wrote.

Written by :func:`save_manifest` once a build in place (in_place.py) has written its pages and index, read
back by the next one (in_place.restore), which trusts it only when :func:`well_formed`.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Set as AbstractSet
from pathlib import Path

from .. import publish_guard

OWNED = ("records", "lists", "search", "data")
"""Top-level folders whose pages the plugin writes (in ``data/``, the 开放数据 page is the plugin's, the
data files MkDocs')."""
SET_ASIDE = (*OWNED, "attachments", "feeds")
"""Folders kept across MkDocs' clean-up: the plugin's, and those where MkDocs copies the plan's files."""
MANIFEST = publish_guard.MANIFEST


def same_as_before(site_dir: str | Path, previous: dict[str, object], rel: str, digest: str) -> bool:
    """Whether the last build in place wrote ``rel`` with bytes of ``digest`` and it is still the file it wrote."""
    return previous.get("digests", {}).get(rel) == digest and unchanged(Path(site_dir), rel, previous["files"],
                                                                         changed_too=True)


def well_formed(manifest: object) -> bool:
    """Whether ``manifest`` has the shape :func:`save_manifest` writes, every path inside the plugin's folders.

    The manifest waits beside the site, where anyone may change it: a path
    out of the site (absolute, ``..``) or a value of another type would
    have the build delete or keep files it did not write.
    """
    if not isinstance(manifest, dict):
        return False
    pages, files = manifest.get("pages", {}), manifest.get("files")
    search_files, others = manifest.get("search_files", []), manifest.get("others", [])
    return (isinstance(files, dict) and all(_inside(rel, SET_ASIDE) for rel in files)
            and isinstance(pages, dict) and all(_inside(rel, OWNED) and isinstance(k, str) for rel, k in pages.items())
            and isinstance(manifest.get("search"), (str, type(None)))
            and isinstance(search_files, list) and all(_inside(rel, OWNED) for rel in search_files)
            and isinstance(others, list) and all(_inside(rel, SET_ASIDE) for rel in others)
            and all(isinstance(m, dict) and all(_inside(rel, SET_ASIDE) and isinstance(d, str) for rel, d in m.items())
                    for m in (manifest.get("digests", {}), manifest.get("made", {}))))


def _inside(rel: object, tops: tuple[str, ...]) -> bool:
    """Whether ``rel`` is a relative site path of a file below one of the folders ``tops``."""
    if not isinstance(rel, str) or "\\" in rel or "\0" in rel:
        return False
    parts = rel.split("/")
    return len(parts) > 1 and parts[0] in tops and all(p not in ("", ".", "..") for p in parts)


def unchanged(root: Path, rel: str, files: dict, *, changed_too: bool = False) -> bool:
    """Whether ``rel`` is the file this plugin wrote (same size and modification time as ``files`` says).

    ``changed_too``: and the same time of last change (ctime), which no copy (``cp -p``, ``rsync -t``)
    or edit can set back: an export or index file changed in the published site keeping its size and
    time was published again every other build, its bytes never compared (found by a review).  A page
    is compared with its cache entry instead (ContentCache.kept_note): its ctime moves with the entry's links.
    """
    try:
        st = os.lstat(root / rel)
    except OSError:
        return False
    want = files.get(rel)
    if not stat.S_ISREG(st.st_mode) or not isinstance(want, list):
        return False
    return want == [st.st_size, st.st_mtime_ns, st.st_ctime_ns] if changed_too else want[:2] == [st.st_size,
                                                                                                  st.st_mtime_ns]


def _describe(site_dir: str | Path, rels: list[str], known: dict[str, list[int]],
              changed_too: AbstractSet[str] = frozenset()) -> dict[str, list[int]]:
    """The size and modification time of each of ``rels`` (those in ``known`` were proved unchanged), and
    for those of ``changed_too`` the time of last change (:func:`unchanged`)."""
    root, out = Path(site_dir), {}
    for rel in rels:
        if rel in known and (len(known[rel]) == 3 or rel not in changed_too):
            out[rel] = known[rel]
            continue
        try:
            st = os.stat(root / rel)
        except OSError:
            continue
        out[rel] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns] if rel in changed_too else [st.st_size, st.st_mtime_ns]
    return out


def save_manifest(site_dir: str | Path, pages: dict[str, str], search_key: str | None, search_files: list[str],
                  others: list[str], previous: dict[str, object] | None = None,
                  digests: dict[str, str] | None = None, kept: set[str] = frozenset(),
                  made: dict[str, str] | None = None) -> None:
    """Record what this build wrote (read by the next in-place build).

    ``others`` are the files MkDocs wrote in the set-aside folders: the
    next build deletes them all, but for those :func:`keep_unchanged`
    keeps, so under ``--dirty`` (no clean-up by MkDocs) a withdrawn
    record's attachment does not stay behind.  ``digests`` describe the
    plan's files among them, ``kept`` those kept from the previous build.
    ``previous`` is what :func:`restore` returned: the files it proved
    unchanged are not looked at again.
    """
    previous = previous or {}
    search_files = sorted(search_files)
    others = sorted(o for o in others if o.split("/", 1)[0] in SET_ASIDE)
    digests = {rel: digests[rel] for rel in others if rel in (digests or {})}
    before, same = previous.get("files", {}), previous.get("pages", {})
    known = {rel: before[rel] for rel, key in pages.items() if same.get(rel) == key and rel in before}
    if previous.get("search") is not None and previous.get("search") == search_key:  # the index was kept
        known.update((rel, before[rel]) for rel in search_files if rel in before)
    known.update((rel, before[rel]) for rel in kept if rel in before and rel in digests)
    files = _describe(site_dir, [*pages, *search_files, *digests], known, {*search_files, *digests})
    data = {"pages": pages, "search": search_key, "search_files": search_files, "files": files,
            "others": others, "digests": digests, "made": {rel: made[rel] for rel in digests if rel in (made or {})}}
    write_manifest(site_dir, data)


def narrowed(manifest: dict, kept: set[str]) -> dict:
    """``manifest`` naming only ``kept``: the spare's, once redacted, names no file it no longer holds (it had kept
    a withdrawn record's attachment name and page address beside the site: a review)."""
    search_kept = bool(manifest.get("search_files")) and all(rel in kept for rel in manifest.get("search_files", []))
    return {"pages": {rel: k for rel, k in manifest.get("pages", {}).items() if rel in kept},
            "search": manifest.get("search") if search_kept else None,
            "search_files": list(manifest.get("search_files", [])) if search_kept else [],
            "files": {rel: v for rel, v in manifest["files"].items() if rel in kept},
            "others": [rel for rel in manifest.get("others", []) if rel in kept],
            **{part: {rel: d for rel, d in manifest.get(part, {}).items() if rel in kept} for part in ("digests", "made")}}


def write_manifest(site_dir: str | Path, data: dict) -> None:
    """Write ``data`` as the manifest of ``site_dir``, whole or not at all."""
    path = Path(site_dir) / MANIFEST
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)

