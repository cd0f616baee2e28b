"""Fast paths prove themselves or step aside loudly; one output path holds one page.

- ``catalogue build --verify`` renders every page fast and plain and fails,
  naming the page and its first differing line, when they differ.
- A fast path that turns itself off says so once per build, at INFO, with
  the reason (also when the pages are rendered by several processes).
- Installed versions outside those the fast paths were verified with turn
  them off.
- Two pages (or a page and an attachment or a docs/ page) on one output path
  are an error naming both sources, never a silent replacement.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import types
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_tools import cli
from build_tools.generate import generate_corpus
from build_tools.mkdocs_plugin import fast_paths, frame_proof, frames, page_markdown, render
from build_tools.mkdocs_plugin.build import BuildFailed, build_site
from build_tools.mkdocs_plugin.page_markdown import PlainTextSkip
from build_tools.views.site import build_site as build_views

from .test_frames import LONG_TITLE_FOOTER, _long_title_records, assert_same, build_plain, serial
from .test_incremental import copy_project
from .test_page_markdown import atomise_everything

AS_OF = dt.date(2026, 11, 23)
LOGGER = "mkdocs.plugins.catalogue"

# Two issuer names whose eight-hex-digit slugs (views/urls.py name_slug) are equal.
SAME_SLUG = ("江川省交通运输厅第14635工作组", "江川省交通运输厅第18280工作组")


def verify(config: Path, site: Path, capsys) -> tuple[int, str]:
    code = cli.main(["build", "--verify", "--config", str(config), "--site-dir", str(site), "--as-of", AS_OF.isoformat()])
    return code, capsys.readouterr().err


def notices(caplog, speedup: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == LOGGER and r.levelno == logging.INFO and f"加速功能“{speedup}”已关闭" in r.getMessage()]


def footer_testing_the_title(config: Path) -> None:
    _long_title_records(config.parent / "catalogue")
    main = config.parent / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '{% include "partials/gov-footer.html" %}', '{% include "partials/gov-footer.html" %}' + LONG_TITLE_FOOTER, 1),
        encoding="utf-8")


# -- --verify ----------------------------------------------------------------------


def test_verify_passes_on_the_sample(tmp_path, capsys):
    code, err = verify(copy_project(tmp_path / "project"), tmp_path / "site", capsys)
    assert code == 0, err
    assert "个页面的快速渲染与完整渲染逐字节相同" in err, err
    assert (tmp_path / "site" / "records/015200371_2024-00006/index.html").is_file()


def test_verify_passes_on_a_generated_catalogue(tmp_path, capsys):
    generate_corpus(150, tmp_path / "corpus", seed=5, config=None)
    code, err = verify(tmp_path / "corpus" / "mkdocs.yml", tmp_path / "site", capsys)
    assert code == 0, err
    assert "核对不符" not in err


def test_verify_reports_a_broken_frame(tmp_path, capsys, monkeypatch):
    # Frames as they were before the templates were read: the footer's
    # `page.title|length > 40` goes unnoticed, and pages with long titles
    # take a frame made from a short one.  The cache cannot hide it either.
    config = copy_project(tmp_path / "project")
    footer_testing_the_title(config)
    monkeypatch.setattr(frame_proof, "page_reads", lambda *args, **kwargs: None)
    build_site(config, site_dir=tmp_path / "first", as_of=AS_OF)  # fills the cache with the wrong pages
    code, err = verify(config, tmp_path / "site", capsys)
    assert code == cli.EXIT_PROBLEMS
    lines = [line for line in err.splitlines() if line.startswith("核对不符")]
    assert lines, err
    # The page, the record file it comes from, the first differing line, both versions of it.
    assert all(re.match(r"核对不符：records/\S+/index\.html（记录文件 \S+\.md）第 \d+ 行不同：快速渲染为 .+，完整渲染为 .+long-title",
                        line) for line in lines), lines
    assert f"--verify：{len(lines)} 个页面的快速渲染与完整渲染不同" in err
    assert not (tmp_path / "site").exists()  # a failed verification publishes nothing


def test_verify_ignores_nothing_the_cache_holds(tmp_path, capsys):
    config = copy_project(tmp_path / "project")
    build_site(config, site_dir=tmp_path / "first", as_of=AS_OF)
    code, err = verify(config, tmp_path / "site", capsys)
    assert code == 0
    assert "新生成 0 个" not in err



def test_verify_converts_every_body_of_the_open_data_and_names_a_stale_one(tmp_path, capsys):
    """The open data's bodies come from the cache directory; --verify rendered every page both ways but
    took those as they were, so a stale entry passed (found by an attack review)."""
    from build_tools.machinery.cache import ContentCache
    config = copy_project(tmp_path / "project")
    code, err = verify(config, tmp_path / "site", capsys)
    assert code == 0 and "条记录开放数据中的正文与重新转换的结果逐字节相同" in err, err
    bodies = ContentCache(config.parent / ".cache" / "catalogue", "bodies")
    data = tmp_path / "site" / "data" / "records" / "015200371_2024-00006.json"
    record_html = json.loads(data.read_text(encoding="utf-8"))["body_html"]
    stale = None
    for entry in sorted(bodies.dir.rglob("*")):  # the entry holding this record's body, made stale
        key = entry.name
        held = bodies.get(key) if entry.is_file() else None
        if held is not None and held.decode("utf-8") in record_html:
            stale = key
    assert stale is not None
    bodies.put(stale, "<p>STALE-BODY</p>".encode("utf-8"))
    build_site(config, site_dir=tmp_path / "plain", as_of=AS_OF)  # the fast path trusts its cache
    assert "STALE-BODY" in (tmp_path / "plain" / "data" / "records" / "015200371_2024-00006.json").read_text(
        encoding="utf-8")
    code, err = verify(config, tmp_path / "verified", capsys)
    assert code == cli.EXIT_PROBLEMS
    assert "核对不符：记录文件" in err and "--verify：1 条记录开放数据中的正文与重新转换的结果不同" in err, err
    assert not (tmp_path / "verified").exists()


# -- fallbacks say so, once ------------------------------------------------------


def test_frames_refused_by_a_template_log_once_with_the_line(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger=LOGGER)
    config = copy_project(tmp_path / "project")  # several workers: still one line
    footer_testing_the_title(config)
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    [line] = notices(caplog, fast_paths.FRAMES)
    assert "main.html" in line and "“page”" in line and "第 " in line
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_frames_step_aside_for_an_unverified_material_version(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger=LOGGER)
    real = fast_paths.importlib.metadata.version
    monkeypatch.setattr(fast_paths.importlib.metadata, "version",
                        lambda dist: "9.9.0" if dist == "mkdocs-material" else real(dist))
    filled = []
    monkeypatch.setattr(frames, "_fill", lambda *args: filled.append(1))
    config = serial(copy_project(tmp_path / "project"))
    build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    assert filled == []
    [line] = notices(caplog, fast_paths.FRAMES)
    assert "mkdocs-material 9.9.0" in line and "9.8" in line
    assert notices(caplog, fast_paths.MARKDOWN) == []


def test_the_shared_parser_steps_aside_for_an_unverified_markdown(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger=LOGGER)
    real = fast_paths.importlib.metadata.version
    monkeypatch.setattr(fast_paths.importlib.metadata, "version",
                        lambda dist: "3.12.0" if dist == "markdown" else real(dist))
    build_site(serial(copy_project(tmp_path / "project")), site_dir=tmp_path / "site", as_of=AS_OF)
    [line] = notices(caplog, fast_paths.MARKDOWN)
    assert "markdown 3.12.0" in line


def test_the_shared_parser_steps_aside_when_mkdocs_internals_change(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger=LOGGER)
    # MkDocs' own Page.render still has it; the shared parser sees a MkDocs without it.
    changed = types.SimpleNamespace(**{k: v for k, v in vars(page_markdown.mkdocs_pages).items()
                                       if k != "_ExtractTitleTreeprocessor"})
    monkeypatch.setattr(page_markdown, "mkdocs_pages", changed)
    build_site(serial(copy_project(tmp_path / "project")), site_dir=tmp_path / "site", as_of=AS_OF)
    [line] = notices(caplog, fast_paths.MARKDOWN)
    assert "_ExtractTitleTreeprocessor" in line


def test_the_plain_text_skip_steps_aside_for_an_unknown_extension(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    config = copy_project(tmp_path / "project")  # several workers: still one line
    config.write_text(config.read_text(encoding="utf-8").replace("  - admonition\n", "  - admonition\n  - abbr\n"),
                      encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    [line] = notices(caplog, fast_paths.PLAIN_TEXT_SKIP)
    assert "abbr" in line
    [line] = notices(caplog, fast_paths.PLAIN_BODIES)  # plain bodies do not know it either
    assert "未知的处理器“abbr”" in line
    assert notices(caplog, fast_paths.MARKDOWN) == []


def test_the_plain_text_skip_steps_aside_when_it_changes_a_page(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger=LOGGER)
    monkeypatch.setattr(PlainTextSkip, "run", atomise_everything)
    config = serial(copy_project(tmp_path / "project"))
    fast = build_site(config, site_dir=tmp_path / "fast", as_of=AS_OF)
    [line] = notices(caplog, fast_paths.PLAIN_TEXT_SKIP)
    assert "结果不同" in line
    monkeypatch.undo()
    assert_same(fast, build_plain(config, tmp_path / "plain", monkeypatch))


def test_a_clean_build_logs_no_fallback(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    build_site(copy_project(tmp_path / "project"), site_dir=tmp_path / "site", as_of=AS_OF)
    assert not any("加速功能" in r.getMessage() for r in caplog.records)


def test_the_verified_versions_are_the_pinned_ones():
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    for dist in ("mkdocs", "mkdocs-material"):
        [minor] = fast_paths.VERIFIED[dist]
        major, n = minor.split(".")
        assert f'"{dist}>={minor},<{major}.{int(n) + 1}"' in text
    assert fast_paths.unverified(fast_paths.FRAMES) is None
    assert fast_paths.unverified(fast_paths.MARKDOWN) is None


# -- one output path, one page ---------------------------------------------------


def _policy(catalogue: Path, n: int, issuer: str) -> None:
    (catalogue / "policies" / f"2026-0980{n}-slug.md").write_text(
        f"---\nindex_no: 015200371/2026-0980{n}\ntitle: 江川省交通运输厅关于工作组职责的通知之{n}\nkind: policy\n"
        f"doc_type: 行政规范性文件\nissuer: {issuer}\ncategory: 工业、交通/公路\nwritten: 2026-01-05\npublished: 2026-01-06\n"
        "interpretation_exempt: 内部工作分工，无需解读\n"
        "---\n\n正文。\n", encoding="utf-8")


def test_two_list_pages_on_one_path_are_an_error_naming_both_records(tmp_path):
    from build_tools.config import load_config
    from build_tools.pipeline import check_catalogue
    from build_tools.views.urls import name_slug
    from build_tools.visibility import public_view

    assert name_slug(SAME_SLUG[0]) == name_slug(SAME_SLUG[1])
    config_file = copy_project(tmp_path / "project")
    catalogue = config_file.parent / "catalogue"
    for n, issuer in enumerate(SAME_SLUG, 1):
        _policy(catalogue, n, issuer)
    config, _ = load_config(config_file)
    result = check_catalogue(config, AS_OF)
    site = build_views(public_view(result.catalogue, result.graph, AS_OF), config)
    [p] = site.problems
    assert p.code == "duplicate-output-path"
    assert {p.file} | {f for f in ("policies/2026-09801-slug.md", "policies/2026-09802-slug.md") if f in p.message} \
        == {"policies/2026-09801-slug.md", "policies/2026-09802-slug.md"}
    assert SAME_SLUG[0] in p.message and SAME_SLUG[1] in p.message
    paths = [page.path for page in site.lists]
    assert len(paths) == len(set(paths))


def test_catalogue_check_reports_what_would_fail_the_build(tmp_path, capsys):
    config = copy_project(tmp_path / "project")
    for n, issuer in enumerate(SAME_SLUG, 1):
        _policy(config.parent / "catalogue", n, issuer)
    code = cli.main(["check", "--config", str(config), "--as-of", AS_OF.isoformat(), "--format", "json",
                     str(config.parent / "catalogue")])
    out = capsys.readouterr().out
    assert code == cli.EXIT_PROBLEMS
    assert '"duplicate-output-path"' in out


def test_a_list_page_collision_fails_a_strict_build(tmp_path):
    config = copy_project(tmp_path / "project")
    for n, issuer in enumerate(SAME_SLUG, 1):
        _policy(config.parent / "catalogue", n, issuer)
    with pytest.raises(BuildFailed):
        build_site(config, site_dir=tmp_path / "site", as_of=AS_OF, strict=True)


def test_a_docs_page_at_a_record_path_is_an_error_naming_both(tmp_path, capsys):
    config = copy_project(tmp_path / "project")
    page = config.parent / "docs" / "records" / "015200371_2024-00006" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# 手写的页面\n", encoding="utf-8")
    code = cli.main(["build", "--config", str(config), "--site-dir", str(tmp_path / "site"),
                     "--as-of", AS_OF.isoformat()])
    err = capsys.readouterr().err
    assert code == cli.EXIT_PROBLEMS
    assert "records/015200371_2024-00006/index.html" in err
    assert str(page) in err and "2024-00006" in err and ".md" in err


def test_the_renderer_refuses_two_pages_on_one_path():
    job = render.PageJob("records/a/index.md", "records/a/index.html", "records/a/", "", None, "2026-01-01")
    other = render.PageJob("records/b/index.md", "records/a/index.html", "records/a/", "", None, "2026-01-01")
    render.check_paths([job])
    with pytest.raises(PluginError, match="records/a/index.html"):
        render.check_paths([job, other])
