"""Running an MkDocs build programmatically: ``catalogue build``.

MkDocs has no public way to pass a plugin an option for one run, so the
overrides (catalogue directory, as-of date) are set on the plugin instance
after the configuration is loaded and before the build starts.

The plugin publishes the output atomically (publish.py): the site appears
in ``site_dir`` only when the whole build succeeded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from jinja2 import TemplateError, TemplateNotFound, UndefinedError  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402

from .. import publish_guard  # noqa: E402
from ..config import load_config as load_core_config, mkdocs_folders_of  # noqa: E402


class BuildFailed(Exception):
    """The build stopped (strict mode and problems, a configuration error, a refused site directory)."""


def build_site(config_file: str | Path = "mkdocs.yml", *, catalogue_dir: str | Path | None = None,
               site_dir: str | Path | None = None, as_of: dt.date | None = None,
               strict: bool = False, allow_empty_catalogue: bool = False, verify: bool = False,
               allow_fewer_records: bool = False) -> Path:
    """Build the site described by ``config_file``; returns the site directory.

    The site appears in ``site_dir`` only when the whole build succeeded; on
    any failure the previous contents of ``site_dir`` are left as they were.
    Raises :class:`BuildFailed` (with a message for people) when the build
    stops or is refused, and the ``OSError`` itself when the disk fails
    (full, read-only; :func:`publish_guard.describe_os_error` words it).
    With ``verify``, every generated page is rendered fast and plain and any
    difference fails the build (render.py).
    """
    overrides = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
        # MkDocs refuses a site_dir holding docs_dir before any plugin runs, in
        # English; say it in the same words as the plugin for the other cases.
        refusal = _early_refusal(config_file, catalogue_dir, site_dir)
        if refusal:
            raise BuildFailed(refusal)
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(str(exc)) from exc
    refusal = plugin_refusal(config.plugins)
    if refusal:
        raise BuildFailed(refusal)
    final = Path(config.site_dir)
    plugin = config.plugins["catalogue"]
    plugin.as_of = as_of
    plugin.verify = verify
    # MkDocs keeps one plugin object per process: an override of an earlier build must not stay.
    plugin.catalogue_dir = Path(catalogue_dir).resolve() if catalogue_dir is not None else None
    for name, allowed in (("allow_empty_catalogue", allow_empty_catalogue), ("allow_fewer_records", allow_fewer_records)):
        if allowed:
            plugin.config[name] = True
    config.plugins.on_startup(command="build", dirty=False)
    try:
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as exc:
        if isinstance(exc.__cause__, OSError) and not isinstance(exc.__cause__, TemplateError):
            raise exc.__cause__ from None
        if isinstance(exc.__cause__, TemplateError):
            raise BuildFailed(template_problem(exc.__cause__)) from None
        raise BuildFailed(_in_words(str(exc).strip())) from exc
    except TemplateError as exc:  # TemplateNotFound is an OSError too: not a disk's failure
        raise BuildFailed(template_problem(exc)) from None
    return final


def _in_words(message: str) -> str:
    """MkDocs' own last line in the office's words (it ended a refusal explained above in English: a review)."""
    if message == "Aborted with a BuildError!":
        return "原因见上面的说明，网站没有生成，原来的网站保持不变。"
    strict = re.fullmatch(r"Aborted with (.+) in strict mode!", message)
    if strict:
        counted = "、".join(f"{n} 个{'警告' if 'warning' in what else '错误'}" for n, what in
                           re.findall(r"(\d+) (\w+)", strict.group(1)))
        return f"严格模式（--strict）下生成时出现了 {counted or strict.group(1)}（见上面），网站没有生成，原来的网站保持不变。"
    return message


def failure_in_words(error: BaseException) -> str | None:
    """What stopped a build, for ``mkdocs build`` as for ``catalogue build``: a theme template's error
    (:func:`template_problem`) or a full or read-only disk; None for anything else."""
    if isinstance(error, TemplateError):  # TemplateNotFound is an OSError too
        return template_problem(error)
    if isinstance(error, OSError):
        return publish_guard.describe_os_error(error)
    if isinstance(error, UnicodeDecodeError):  # a docs/ page saved in GBK: a traceback (a review)
        where = _page_file(error)
        return (f"文件 {where or 'docs/ 中的一个页面（见上面 Encoding error 一行）'} 不是 UTF-8 编码，网站没有生成，"
                "原来的网站保持不变。用记事本或 WPS 打开它，“另存为”时把编码选为 UTF-8。")
    return None


def _page_file(error: BaseException) -> str | None:
    """The source file of the MkDocs page whose reading raised ``error`` (its frames hold the page), or None."""
    tb = error.__traceback__
    found = None
    while tb is not None:
        file = getattr(tb.tb_frame.f_locals.get("self"), "file", None)
        found = getattr(file, "abs_src_path", None) or getattr(file, "src_path", None) or found
        tb = tb.tb_next
    return found


def template_problem(exc: TemplateError) -> str:
    """A theme template's error in words for the office's IT staff: which template, which line, what, and
    the likely cause (a copy of the theme from an earlier version: found by a review as a traceback)."""
    where, line = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:  # Jinja writes the template's file and line into the traceback's frames
        name = tb.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            where, line = name, tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, TemplateNotFound):
        what = f"找不到模板 {exc.name}"
    elif isinstance(exc, UndefinedError):
        what = f"模板用到了页面数据中没有的项（{exc.message}）"
    else:
        what = f"模板写法有误（{exc.message}）"
    at = f"主题模板 {where}" + (f" 第 {line} 行" if line else "") if where else "主题模板"
    return (f"{at}：{what}。主题目录（custom_dir）中的模板如果是从本程序较早的版本复制、修改来的，"
            "请与本程序自带的 theme/ 中的同名文件对照更新；找不到的模板，从自带的 theme/ 复制过来。")


def _early_refusal(config_file: str | Path, catalogue_dir: str | Path | None, site_dir: str | Path) -> str | None:
    core, _ = load_core_config(config_file, catalogue_dir)
    folders = mkdocs_folders_of(config_file)  # MkDocs reads the file next and says what is wrong with it
    return publish_guard.site_dir_refusal(site_dir, catalogue_dir=core.catalogue_dir, docs_dir=folders["docs_dir"],
                                          config_dir=Path(config_file).parent, custom_dir=folders.get("custom_dir"))


def plugin_refusal(plugins) -> str | None:
    """Why the site may not be built with the plugins mkdocs.yml lists (None when it may): the catalogue
    plugin missing (or ``enabled: false``: MkDocs leaves it out), which stopped with a traceback, or
    listed twice, which MkDocs only warns about and which stopped with a message about the records or
    the build's own folder (found by a review)."""
    names = [name for name in plugins if name == "catalogue" or name.startswith("catalogue #")]
    if not names:
        return ("mkdocs.yml 中没有启用 catalogue 插件（plugins 下没有它，或写了 enabled: false），网站没有生成，"
                "原来的网站保持不变。请在 plugins 下加上 - catalogue 和它的选项（示例见项目自带的 mkdocs.yml）。")
    if len(names) > 1:
        return ("mkdocs.yml 的 plugins 中 catalogue 插件写了两次，网站没有生成，原来的网站保持不变。"
                "请只保留一处，把两处的选项合在一起。")
    return None
