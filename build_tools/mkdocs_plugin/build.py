"""Running an MkDocs build programmatically, for ``catalogue build`` and tests.

MkDocs has no public way to pass a plugin an option for one run, so the
overrides (catalogue directory, as-of date) are set on the plugin instance
after the configuration is loaded and before the build starts.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402


class BuildFailed(Exception):
    """The build stopped (strict mode and problems, or a configuration error)."""


def build_site(config_file: str | Path = "mkdocs.yml", *, catalogue_dir: str | Path | None = None,
               site_dir: str | Path | None = None, as_of: dt.date | None = None,
               strict: bool = False) -> Path:
    """Build the site described by ``config_file``; returns the site directory."""
    overrides = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        raise BuildFailed(str(exc)) from exc
    plugin = config.plugins["catalogue"]
    plugin.as_of = as_of
    if catalogue_dir is not None:
        plugin.catalogue_dir = Path(catalogue_dir).resolve()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as exc:
        raise BuildFailed(str(exc)) from exc
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
