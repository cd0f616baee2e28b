"""Page keys, remembered from one build to the next (``mkdocs serve`` rebuilds).

What every page depends on beyond its own data (the environment, the
theme, the configuration, the navigation, the other plugins) is hashed
once per build (:func:`global_fingerprint`): the base of every page's key.

A page's key hashes everything it is made from (:func:`page_key`), the
``repr`` of its view data included: for 13,000 pages that is half a second
of every rebuild.  Views are frozen, so a view that is the very object the
previous build hashed (the view memo hands back the same object for what did
not change, see :mod:`build_tools.machinery.view_memo`) has the same ``repr``, and
with the same other parts the same key.  Only the pages whose view is new
are hashed again.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import secrets
import sys
import types
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..body_html import plugins_reading_files, reads_files
from ..machinery.cache import (ADDRESS, KEY_PARTS_FILE, Unprovable, environment_digest, files_digest, fingerprint,
                               importable_below, is_installed, local_code_parts, module_file, own_entries,
                               callable_stable, say_what_changed, stable)
from ..machinery.forked import available_cores, map_chunks
from .theme_scan import templates_naming

log = logging.getLogger("mkdocs.plugins.catalogue")

_MIN_PARALLEL = 2000
"""Fewer keys to hash than this are hashed here: forking costs more than it saves."""
_CHUNK = 1000


def global_fingerprint(config, nav, env=None, remember: Path | None = None, extra: Sequence[object] = ()) -> str:
    """A hash of everything every page depends on, beyond its own data.

    The environment (:func:`~build_tools.machinery.cache.environment_digest`:
    every file of the package, this adapter and the core's labels included,
    and the versions of MkDocs, Material, Markdown, Jinja2, nh3 … and
    Python); every file of the theme's custom_dir; the configuration file
    and the values MkDocs resolved from it; the navigation as finally
    titled; the other plugins' code and options; what hooks and plugins put into
    the template environment ``env`` (:func:`template_part`).  Anything missed here
    would make a cached page stale, so the net is wide: editing any theme
    file or mkdocs.yml re-renders every page.  With ``remember`` (the cache
    directory), the log says which of these changed since the last build there.
    """
    parts: list[tuple[str, object]] = [("本程序或所用库的版本", ("environment", environment_digest()))]
    # The project's theme overrides (theme/), every file of them: a template
    # may include any (an SVG, a text snippet).  The installed theme's own
    # templates, scripts and styles too (about 10 ms; not its thousands of
    # icons, which change only with its version): an office's base.html
    # patched in place kept its version, and the cached pages were served
    # without the change, even after --verify (found by a review).
    custom_dir = config.theme.custom_dir
    parts.append((f"主题目录 {custom_dir} 中的文件",
                  files_digest(Path(custom_dir), suffixes=None, recursive=True) if custom_dir else None))
    for folder in getattr(config.theme, "dirs", ()):  # a theme installed for editing (pip install -e): its files
        if folder != custom_dir and not is_installed(Path(folder)):
            parts.append((f"主题目录 {folder} 中的文件", files_digest(Path(folder), suffixes=None, recursive=True)))
        elif folder != custom_dir and os.path.isdir(folder):
            tops = sorted(p for p in Path(folder).iterdir() if not p.name.startswith("."))
            parts.append((f"主题 {folder} 的模板", files_digest(*tops, suffixes=(".html", ".js", ".css"), recursive=True)))
    for path in _config_files(config.config_file_path):  # mkdocs.yml and the files it INHERITs (a review)
        parts.append((f"配置文件 {path.name}", path.read_bytes()))
    for key in ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
                "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript", "markdown_extensions",
                "mdx_configs", "use_directory_urls", "docs_dir", "validation"):  # validation: a link's warning
        parts.append((f"配置项 {key}", (key, stable(config.get(key)))))
    parts.append(("主题设置（theme:）", ("theme", stable(dict(config.theme.items())), config.theme.name)))
    parts.append(("导航（nav: 或文档页面的标题）", ("nav", _nav_outline(nav))))
    # Other plugins and hooks see every page (on_page_content, on_post_page …):
    # their code and options are inputs too.
    for name, plugin in config.plugins.items():
        options = getattr(plugin, "config", None)
        parts.append((f"插件或钩子 {name} 的代码或选项",
                      ("plugin", name, type(plugin).__module__, type(plugin).__qualname__,
                       stable(dict(options.items())) if hasattr(options, "items") else None, _source_of(plugin))))
    project_code(config)
    for part in _PROJECT_CODE["parts"]:  # said above when unrepeatable (project_code)
        parts.append(("" if part[0] == "unrepeatable" else f"watch: 所列的 {part[1]}" if part[0] == "watched" else
                      f"{part[0]} 中的文件（钩子或 Markdown 扩展的文件夹，其中每个文件都计入页面的键："
                      "钩子写的日志、报告请放到这个文件夹以外）", part))
    reading = plugins_reading_files(config.plugins)
    if reading:
        log.info(f"页面缓存这次用不上：插件 {'、'.join(reading)} 会把其他文件读进页面，缓存的键无法列出这些文件。")
    if reading or reads_files(config.get("markdown_extensions") or ()):
        # A plugin or an extension reads files no key lists (body_html.FILE_READING_EXTENSIONS): a key new
        # for every build, so no page is taken from the cache or the previous site (never stale).
        parts.append(("", ("unrepeatable", secrets.token_hex(16))))
    dating = templates_naming(getattr(config.theme, "dirs", ()), "build_date_utc")
    if dating and "SOURCE_DATE_EPOCH" not in os.environ:  # each page shows when it was made: never the same
        log.info(f"页面缓存这次用不上：主题模板 {'、'.join(dating[:3])} 显示生成时间（build_date_utc），每次生成都不同；"
                 "设置环境变量 SOURCE_DATE_EPOCH（例如最后一次提交的时间）可固定它，使缓存可用。")
        parts.append(("", ("unrepeatable", secrets.token_hex(16))))
    elif dating:
        parts.append(("环境变量 SOURCE_DATE_EPOCH（模板显示的生成时间）", ("SOURCE_DATE_EPOCH", os.environ["SOURCE_DATE_EPOCH"])))
    if env is not None:
        parts.append(("模板环境中钩子或插件加入的变量、过滤器（on_env）", template_part(env)))
    parts.extend(("目录插件的设置或网站的样式、脚本文件", part) for part in extra)
    _say_if_unrepeatable([part for _, part in parts])
    if remember is not None:
        say_what_changed(Path(remember) / KEY_PARTS_FILE, parts)
    return fingerprint(*(part for _, part in parts))


def _say_if_unrepeatable(parts: Sequence[object]) -> None:
    """Say so when a part of the key holds a memory address (an extension added as an object by
    another plugin, a bound method in mkdocs.yml): the key is then new at every build, so no page is
    ever taken from the cache.  Never stale, but silently slow (found by a review)."""
    for part in parts:
        if isinstance(part, tuple) and part and part[0] != "unrepeatable" and ADDRESS.search(repr(part)):
            where = f"插件 {part[1]} 的选项" if part[0] == "plugin" else f"配置项 {part[0]}" if part[0] != "template" \
                else "模板环境中（钩子或插件在 on_env 加入的 " + "、".join(n for _, n, v in part[1] if ADDRESS.search(repr(v))) + "）"
            log.info(f"页面缓存这次用不上：{where}中有每次运行都不同的值（内存地址，如另一个插件以对象形式加入的"
                     "Markdown 扩展），页面的键每次都是新的，所有页面重新生成（结果相同，只是较慢）。")
            return


def _config_files(path: str | None) -> list[Path]:
    """``path`` (mkdocs.yml) and the files it inherits (``INHERIT: base.yml``): a setting changed in a base file left
    every key as it was, and cached pages kept the old ``validation:``'s warnings (a review)."""
    files: list[Path] = []
    while path and os.path.isfile(path) and Path(path).resolve() not in files and len(files) < 10:
        files.append(Path(path).resolve())
        m = re.search(r"^INHERIT:[ \t]*(\S[^#\n]*)", files[-1].read_text(encoding="utf-8", errors="replace"), re.M)
        path = os.path.join(files[-1].parent, m.group(1).strip().strip("'\"")) if m else None
    return files


def template_part(env) -> tuple:
    """The template environment's globals, filters and tests as a part of every page's key: a hook's ``on_env`` value
    changed (the footer's copyright year) and every cached page kept the old one (a review).  As :func:`stable` takes
    them, a method by class and name (gettext), a lambda by its code and closure; this adapter's by module only."""
    return ("template", tuple((kind, name, ("project", getattr(v, "__module__", "")) if str(getattr(
        v, "__module__", "")).startswith(__package__.split(".")[0] + ".") else callable_stable(v))
        for kind, table in (("globals", env.globals), ("filters", env.filters), ("tests", env.tests))
        for name, v in sorted(table.items())))


def configuration_part(core) -> object:
    """The catalogue's configuration as a part of every page's key, its paths absolute: a key must
    not depend on the folder the build is run from (``--config /office/mkdocs.yml`` from elsewhere,
    or ``cd /office``)."""
    return stable(dataclasses.replace(
        core, config_file=str(Path(core.config_file).resolve()), catalogue_dir=Path(core.catalogue_dir).resolve(),
        cache_dir=Path(core.cache_dir).resolve() if core.cache_dir is not None else None))


def page_key(key_base: str, job) -> str:
    """The cache key of one page: what every page depends on, and its own parts."""
    return fingerprint(key_base, job.src_uri, job.front, job.body, job.data, job.update_date)


class PageKeys:
    """The key of each page of the last build, with the parts it was computed from."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, tuple[str, str], object, str, str]] = {}
        self.computed = 0
        """How many keys the last call hashed rather than took from the previous build."""

    def keys(self, jobs: Sequence, key_base: str, workers: int = 1) -> list[str]:
        """:func:`page_key` of every job, in order; equal to hashing each afresh.

        Many keys to hash (a clean build: 13,000 ``repr`` of views, about a
        second) are hashed by ``workers`` forked processes (0: one per core).
        """
        last = self._last
        keys: list[str | None] = []
        fresh: list[int] = []
        for i, job in enumerate(jobs):
            entry = last.get(job.src_uri)
            # The view must be the same object (its repr cannot have changed);
            # the other parts are strings, compared by value.
            if (entry is not None and entry[2] is job.data and entry[0] == key_base
                    and entry[1] == (job.front, job.body) and entry[3] == job.update_date):
                keys.append(entry[4])
            else:
                keys.append(None)
                fresh.append(i)
        workers = (workers or available_cores()) if len(fresh) >= _MIN_PARALLEL else 1
        hashed = map_chunks(lambda chunk: [page_key(key_base, jobs[i]) for i in chunk], fresh,
                            workers=workers, chunk_size=_CHUNK)
        for i, key in zip(fresh, hashed):
            keys[i] = key
        # Only this build's pages are kept: the memo never outgrows one site.
        self._last = {job.src_uri: (key_base, (job.front, job.body), job.data, job.update_date, key)
                      for job, key in zip(jobs, keys)}
        self.computed = len(fresh)
        return keys


# -- helpers ---------------------------------------------------------------------


def _source_of(plugin: object) -> str | None:
    """A hash of the file defining a plugin (a hook is itself a module loaded from the project)."""
    try:
        path = getattr(plugin, "__file__", None) if isinstance(plugin, types.ModuleType) \
            else sys.modules[type(plugin).__module__].__file__
        return files_digest(Path(path)) if path else None
    except (KeyError, OSError, TypeError):
        return None


def project_code(config) -> str:
    """A hash of the Python code of the project the site's hooks, plugins and Markdown extensions
    come from, and of the files its ``watch:`` names (:func:`~build_tools.machinery.cache.local_code`).

    A hook imports helpers beside it (``from hooklib import stamp``), maybe only while it renders a
    page; a Markdown extension may be a module in the project.  The hook's own file is hashed with the
    plugins (:func:`_source_of`), the installed libraries by version (the environment), but a change to
    such a helper or extension left cached pages stale (an attack review).  Where no key can be proven
    (a hook beside mkdocs.yml, code changed since this process loaded it: :class:`Unprovable`), a hash
    new at every build, and the log says why.  Once per configuration (pages and bodies ask for it).
    """
    last = _PROJECT_CODE.get("config")
    if last is not None and last() is config:
        return _PROJECT_CODE["code"]
    files = []
    for plugin in config.plugins.values():  # a hook is there as the module MkDocs loaded (its file absolute)
        path = getattr(plugin, "__file__", None) if isinstance(plugin, types.ModuleType) \
            else module_file(type(plugin).__module__)
        files.append(Path(path) if path else None)
    files += [module_file(name) for name in config.get("markdown_extensions") or ()]
    folders = project_folders(config)
    files = [f for f in files if f is not None]
    if folders["top"] is not None and not all(map(is_installed, files)):
        # What the project's own code may import from the project (a package beside mkdocs.yml a hook in hooks/
        # imports through the working folder), found on disk: one imported when a page first asks was imported
        # in a render worker or never (pages from the cache), and served stale (a review).
        top = Path(folders["top"]).resolve()
        files += importable_below(top, [*folders["inputs"], *folders["skip"]])
        for name, module in list(sys.modules.items()):
            path = getattr(module, "__file__", None)
            if name != "__main__" and isinstance(path, str) and os.path.isabs(path) and Path(path).is_relative_to(top):
                files.append(Path(path))
    try:
        parts = local_code_parts(files, **folders)
    except Unprovable as why:  # never stale: a key new at every build, for the pages and the bodies alike
        log.info(f"页面缓存这次用不上：{why}。")
        parts = [("unrepeatable", secrets.token_hex(16))]
    code = fingerprint(*parts)
    _PROJECT_CODE.update(config=None, code=code, parts=parts)
    try:
        _PROJECT_CODE["config"] = weakref.ref(config)
    except TypeError:  # a configuration that cannot be referred to weakly: computed each time
        pass
    return code


_PROJECT_CODE: dict = {}
"""The last configuration :func:`project_code` hashed (a weak reference: the very object, never one
that took its place), its hash and the parts of it (:func:`~build_tools.machinery.cache.local_code_parts`)."""


def project_folders(config) -> dict:
    """For :func:`local_code`: the project's own folder (holding mkdocs.yml), what builds write (the
    site, the cache's own entries: a ``cache_dir`` may be a folder of the office's code), the folders
    whose files reach the pages through keys of their own (docs, catalogue) and the paths of ``watch:``."""
    top = Path(config.config_file_path).parent if config.config_file_path else None
    skip = [Path(config["site_dir"])] if config.get("site_dir") else []
    inputs = [Path(config["docs_dir"])] if config.get("docs_dir") else []
    for plugin in config.plugins.values():
        core = getattr(plugin, "core_config", None)
        if getattr(core, "catalogue_dir", None):
            inputs.append(Path(core.catalogue_dir))
        if getattr(core, "cache_dir", None):
            skip += own_entries(Path(core.cache_dir))
        staging = getattr(plugin, "_staging", None)  # site_dir is then the folder being built; this is the site
        if staging is not None:
            skip.append(Path(staging.final))
    return {"top": top, "skip": skip, "inputs": inputs, "watched": [Path(p) for p in config.get("watch") or ()]}


def _nav_outline(nav) -> tuple:
    """The navigation as every page's menu shows it: each item's title, address and children, and a
    page's front matter, which Material shows in the menu (``subtitle``, ``icon``, ``status``): a
    docs page's ``subtitle:`` is in the menu of every catalogue page (found by an attack review)."""
    def walk(items) -> Iterator[tuple]:
        for item in items:
            yield (item.title, getattr(item, "url", None), stable(getattr(item, "meta", None)),
                   tuple(walk(getattr(item, "children", None) or ())))
    return tuple(walk(nav.items)) if nav is not None else ()
