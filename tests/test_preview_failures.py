"""A preview (``mkdocs serve``) whose rebuild fails, or whose manifest is lost, serves nothing the latest
records keep off, then or after later rebuilds.

The plugin moves its folders aside before MkDocs' clean-up and back after it (in_place.py): a rebuild that
failed after that had left the previous build's pages of a record the new records withdraw, and under
``--dirty`` (no clean-up at all) the next successful rebuilds never removed them (a review).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from build_tools.publish_guard import MANIFEST
from tests.test_incremental import AS_OF, copy_project
from tests.test_incremental import serve_build as serve_clean

POLICY = "catalogue/policies/2024-00006-keyun-banxian.md"
TEXT = "800公里以上线路应当使用高级客车".encode()  # 2024-00006's own text (2024-00007 quotes it)


def serve_dirty(config: Path, site: Path, *, first: bool = False) -> None:
    """One rebuild as ``mkdocs serve --dirty`` runs it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    c = load_config(str(config), site_dir=str(site))
    c.plugins["catalogue"].as_of = AS_OF
    if first:
        c.plugins.on_startup(command="serve", dirty=True)
    build(c, serve_url="http://127.0.0.1:8000/", dirty=True)


def served_with(site: Path, needle: bytes) -> list[str]:
    """The files a reader is served (hidden ones left out) holding ``needle``, index chunks read whole."""
    out = []
    for f in sorted(site.rglob("*")):
        rel = f.relative_to(site).as_posix()
        if not f.is_file() or any(p.startswith(".") for p in rel.split("/")) or "2024-00007" in rel:
            continue
        raw = f.read_bytes()
        try:
            raw = zlib.decompress(raw, 47)
        except zlib.error:
            pass
        if needle in raw:
            out.append(rel)
    return out


def withdraw(path: Path, kind: str = "policy") -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"kind: {kind}\n", f"kind: {kind}\ndisclosure: 依申请公开\n", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text


@pytest.mark.parametrize("serve", [serve_clean, serve_dirty], ids=["serve", "serve --dirty"])
def test_a_failed_rebuild_serves_nothing_of_a_record_it_withdrew(tmp_path, serve):
    config = copy_project(tmp_path / "project")
    site = tmp_path / "serve-site"
    serve(config, site, first=True)
    assert served_with(site, TEXT)
    footer = config.parent / "theme/partials/gov-footer.html"
    good = footer.read_text(encoding="utf-8")
    withdraw(config.parent / POLICY)
    footer.write_text(good + "{% broken %}", encoding="utf-8")  # a template edit, half done
    with pytest.raises(BaseException):
        serve(config, site)
    assert served_with(site, TEXT) == []
    footer.write_text(good, encoding="utf-8")  # fixed: the site is whole again, still without the record
    serve(config, site)
    serve(config, site)
    assert served_with(site, TEXT) == []
    assert (site / "records/015200371_2024-00001/index.html").is_file()


def test_a_budget_withdrawn_after_a_failed_dirty_rebuild_leaves_no_file_served(tmp_path):
    config = copy_project(tmp_path / "project")
    site = tmp_path / "serve-site"
    serve_dirty(config, site, first=True)
    assert [p for p in site.rglob("*sangong-jingfei*") if p.is_file()]
    footer = config.parent / "theme/partials/gov-footer.html"
    good = footer.read_text(encoding="utf-8")
    footer.write_text(good + "{% broken %}", encoding="utf-8")
    with pytest.raises(BaseException):
        serve_dirty(config, site)
    footer.write_text(good, encoding="utf-8")
    withdraw(config.parent / "catalogue/budgets/2026-00002-yusuan-2026.md", "budget")
    serve_dirty(config, site)
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and (
        "sangong-jingfei" in p.name or "2026-00002" in p.relative_to(site).as_posix()))
    assert left == []


def test_a_dirty_rebuild_without_a_manifest_removes_what_it_did_not_write(tmp_path):
    """A rebuild killed after it moved the folders back leaves no manifest (nor a failure the plugin saw):
    under --dirty the next rebuild cannot tell its files from the old ones, so it removes all it did not
    write, as a build from the spare does."""
    config = copy_project(tmp_path / "project")
    site = tmp_path / "serve-site"
    serve_dirty(config, site, first=True)
    (site / MANIFEST).unlink()
    withdraw(config.parent / POLICY)
    serve_dirty(config, site)
    assert served_with(site, TEXT) == []
    assert (site / MANIFEST).is_file() and (site / "records/015200371_2024-00001/index.html").is_file()
