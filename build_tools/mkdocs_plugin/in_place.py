"""Builds in place (``mkdocs serve``, ``--dirty``): keep the catalogue's pages across MkDocs' clean-up.

Before every build that is not ``--dirty``, MkDocs empties the site
directory, hidden entries excepted.  Under ``mkdocs serve`` that would mean
writing some 27,000 files again (pages and search index) after every edit
of one record.  So, just before the clean-up, the plugin moves the folders
it owns under a hidden folder, and moves them back just after; a manifest
(also hidden) says which key each page was written from, so the build
writes only the pages whose key changed and deletes the pages that are no
longer produced.  Files MkDocs itself wrote into those folders are removed
(MkDocs writes them again), so nothing stale survives.

``mkdocs build`` (not ``--dirty``) writes to a fresh staging directory and
does none of this.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .. import publish_guard

OWNED = ("records", "lists", "search")
"""Top-level folders whose pages the plugin writes (attachments are MkDocs' files)."""
_KEEP = ".catalogue-kept"
_MANIFEST = ".catalogue-manifest.json"
_SERVING = ".catalogue-serving"


def mark_serving(site_dir: str | Path) -> None:
    """Note that ``site_dir`` is the directory ``mkdocs serve`` previews from.

    ``mkdocs serve`` tells only the first build of a session that it serves;
    the marker (hidden, so it survives MkDocs' clean-up) tells the rebuilds.
    """
    Path(site_dir).mkdir(parents=True, exist_ok=True)
    (Path(site_dir) / _SERVING).write_text("mkdocs serve\n", encoding="utf-8")
    # The preview is a site of ours too: the next rebuild may write into it.
    marker = Path(site_dir) / publish_guard.MARKER
    if not marker.exists():
        marker.write_text(publish_guard.marker_text(0), encoding="utf-8")


def is_serving(site_dir: str | Path) -> bool:
    """Whether ``site_dir`` is being previewed by ``mkdocs serve``."""
    return (Path(site_dir) / _SERVING).is_file()


def set_aside(site_dir: str | Path) -> None:
    """Move the plugin's folders out of the way of MkDocs' clean-up."""
    root = Path(site_dir)
    if not (root / _MANIFEST).is_file():
        return
    keep = root / _KEEP
    shutil.rmtree(keep, ignore_errors=True)
    keep.mkdir()
    for name in OWNED:
        if (root / name).is_dir():
            os.rename(root / name, keep / name)


def restore(site_dir: str | Path) -> dict[str, object]:
    """Move the folders back; returns the previous manifest (``pages``: {path: key}, ``search``: key).

    The files MkDocs wrote into them are deleted (MkDocs writes them again);
    without a manifest, nothing is kept.
    """
    root = Path(site_dir)
    keep = root / _KEEP
    manifest_file = root / _MANIFEST
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    manifest_file.unlink(missing_ok=True)  # rewritten when this build succeeds
    if not keep.is_dir():
        return {}
    if not manifest:
        shutil.rmtree(keep, ignore_errors=True)
        return {}
    for name in OWNED:
        if (keep / name).is_dir() and not (root / name).exists():
            os.rename(keep / name, root / name)
    shutil.rmtree(keep, ignore_errors=True)
    # Files MkDocs wrote into these folders last time (the pages the navigation
    # names): MkDocs writes them again if they still exist.
    for rel in manifest.get("others", []):
        (root / rel).unlink(missing_ok=True)
    return manifest


def remove_stale(site_dir: str | Path, previous: dict[str, object], pages: dict[str, str],
                 search_files: list[str]) -> None:
    """Delete files the previous build wrote that this one did not."""
    root = Path(site_dir)
    current = set(pages) | set(search_files)
    for rel in [*previous.get("pages", {}), *previous.get("search_files", [])]:
        if rel not in current:
            path = root / rel
            path.unlink(missing_ok=True)
            # Folders left empty go too (a deleted record's records/…/ folder).
            for folder in path.parents:
                if folder == root or folder.name in OWNED and folder.parent == root:
                    break
                try:
                    folder.rmdir()
                except OSError:
                    break


def save_manifest(site_dir: str | Path, pages: dict[str, str], search_key: str | None, search_files: list[str],
                  others: list[str]) -> None:
    """Record what this build wrote (read by the next in-place build).

    ``others`` are the files in the plugin's folders that MkDocs wrote, and
    the attachments: the next build deletes them all before MkDocs writes
    the current ones, so under ``--dirty`` (no clean-up by MkDocs) a
    withdrawn record's attachment does not stay behind.
    """
    data = {"pages": pages, "search": search_key, "search_files": sorted(search_files),
            "others": sorted(o for o in others if o.split("/", 1)[0] in (*OWNED, "attachments"))}
    path = Path(site_dir) / _MANIFEST
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
