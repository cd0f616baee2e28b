"""Caches that can never serve a stale or a damaged entry (issues 13 and 14).

Every test here ends the same way: a build that used the cache gives, byte
for byte, the site a clean build gives.

- **Stale.**  Every key covers the environment (the whole package's code,
  the versions of the libraries that read and render, Python), the
  configuration, the theme overrides and the record data.  A core label,
  a dependency and a theme file are changed in turn.
- **Damaged.**  Entries of each store (pages, search, load) are emptied,
  cut, bit-flipped, made unreadable or replaced by something that does not
  unpickle; the next build discards them, says so once, and rebuilds.
- **Shared.**  Two builds at once on one cache directory, and entries that
  vanish between a look and a read, are misses, never errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import importlib.metadata
import re
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build_tools.source as source
from build_tools.config import load_config
from build_tools.machinery import cache as cache_module
from build_tools.machinery import load_cache as load_cache_module
from build_tools.machinery.cache import ContentCache
from build_tools.machinery.load_cache import LoadCache
from build_tools.mkdocs_plugin.build import build_site
from build_tools.mkdocs_plugin import search_job
from build_tools.search import pack_files
from tests.sitetools import output_bytes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
NOTICE_LABEL = "通知公告"
NEW_NOTICE_LABEL = "公告与通知"


# -- helpers ----------------------------------------------------------------------


def environment_digest() -> str:
    return cache_module.environment_digest()


def _forget_environment() -> None:
    """The digest is taken once per process: a test that changes the environment takes it again."""
    if hasattr(cache_module, "environment_digest"):  # (the code before it had none)
        cache_module.environment_digest.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_environment_digest():
    """Each test sees the environment as it is (monkeypatched or not), and leaves no memo behind."""
    _forget_environment()
    yield
    _forget_environment()


class _Upgraded:
    """An installed distribution as it would read after an upgrade: another version, the same requirements."""

    def __init__(self, dist, version: str = ".post99", files: str | None = None) -> None:
        self.metadata, self.requires, self.version = dist.metadata, dist.requires, dist.version + version
        self._record = dist.read_text("RECORD") if files is None else files

    def read_text(self, name: str) -> str | None:
        return self._record if name == "RECORD" else None


def upgrade(monkeypatch, name: str) -> None:
    """The installed distribution ``name`` (normalised) reads as another version from now on."""
    installed = cache_module._installed()
    monkeypatch.setattr(cache_module, "_installed", lambda: {**installed, name: _Upgraded(installed[name])})


def make_project(dest: Path, *, theme: Path | None = None, extra: str = "") -> Path:
    """A copy of the sample project under ``dest``; returns its mkdocs.yml (cache in dest/.cache)."""
    dest.mkdir(parents=True)
    for name in ("catalogue", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(theme or ROOT / "theme", dest / "theme")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if extra:  # options in place of the agency line
        text = text.replace("      agency: 江川省交通运输厅\n", extra, 1)
        assert extra in text
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def clean_build(config: Path, tmp: Path, name: str = "clean") -> dict[str, bytes]:
    """The site ``config``'s project gives without any cache: a fresh copy of the project, built once."""
    project = tmp / f"{name}-project"
    shutil.copytree(config.parent, project, ignore=shutil.ignore_patterns(".cache", "site*"))
    return site_files(build_site(project / "mkdocs.yml", site_dir=tmp / f"{name}-site", as_of=AS_OF))


def cache_dir(config: Path) -> Path:
    return config.parent / ".cache" / "catalogue"


def run_build(config: Path, site: Path, pythonpath: Path = ROOT) -> subprocess.CompletedProcess:
    """``catalogue build`` in a process of its own, with the package found at ``pythonpath``."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools.cli", "build", "--config", str(config),
                           "--site-dir", str(site), "--as-of", AS_OF.isoformat()],
                          cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)


def project_build(root: Path, site: Path, *options: str) -> tuple[dict[str, bytes], str]:
    """``catalogue build [options]`` of the project at ``root`` in a process of its own, run from ``root`` with
    it on the path (``python -m mkdocs`` from the project): the site's files and what the build said."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{root}", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-P", "-m", "build_tools.cli", "build", *options,
                           "--config", str(root / "mkdocs.yml"),
                           "--site-dir", str(site), "--as-of", AS_OF.isoformat()],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return site_files(site), done.stderr


def notice_page(files: dict[str, bytes]) -> str:
    """A record page of a notice (通知公告) of the sample."""
    for path, data in files.items():
        if path.startswith("records/") and path.endswith("index.html") and b'name="ColumnName"' in data:
            text = data.decode()
            if f'content="{NOTICE_LABEL}"' in text or f'content="{NEW_NOTICE_LABEL}"' in text:
                return text
    raise AssertionError("no notice page in the site")


# -- 1. stale: every key covers what can change the output ---------------------------


def test_a_changed_core_label_is_not_served_from_the_cache(tmp_path):
    """Kind.NOTICE's Chinese name changed in the installed package: the cached build shows the new one."""
    package = tmp_path / "pkg"
    shutil.copytree(ROOT / "build_tools", package / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    config = make_project(tmp_path / "project")
    first = run_build(config, tmp_path / "site1", package)
    assert first.returncode == 0, first.stderr
    assert f'content="{NOTICE_LABEL}"' in notice_page(site_files(tmp_path / "site1"))

    fields = package / "build_tools" / "model" / "fields.py"
    text = fields.read_text(encoding="utf-8")
    assert f'"notice", "{NOTICE_LABEL}"' in text
    fields.write_text(text.replace(f'"notice", "{NOTICE_LABEL}"', f'"notice", "{NEW_NOTICE_LABEL}"'), encoding="utf-8")

    cached = run_build(config, tmp_path / "site2", package)
    assert cached.returncode == 0, cached.stderr
    clean_config = tmp_path / "clean" / "mkdocs.yml"
    shutil.copytree(config.parent, clean_config.parent, ignore=shutil.ignore_patterns(".cache", "site*"))
    clean = run_build(clean_config, tmp_path / "site3", package)
    assert clean.returncode == 0, clean.stderr
    cached_files, clean_files = site_files(tmp_path / "site2"), site_files(tmp_path / "site3")
    assert f'content="{NEW_NOTICE_LABEL}"' in notice_page(clean_files)
    assert f'content="{NEW_NOTICE_LABEL}"' in notice_page(cached_files)
    assert cached_files == clean_files


def _reads_titles_differently(monkeypatch) -> None:
    """An upgraded PyYAML, which reads 通知 in every value as 通告 (a parser upgrade that changes what records say)."""
    real_compose = source.yaml.compose

    def compose(text, Loader=None):  # noqa: N803 - PyYAML's own name
        node = real_compose(text, Loader=Loader)
        stack = [node] if node is not None else []
        while stack:
            n = stack.pop()
            if isinstance(n.value, str):
                n.value = n.value.replace("通知", "通告")
            elif isinstance(n.value, list):
                stack.extend(x for item in n.value for x in (item if isinstance(item, tuple) else (item,)))
        return node

    upgrade(monkeypatch, "pyyaml")
    monkeypatch.setattr(source.yaml, "compose", compose)


def test_a_changed_dependency_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """An upgraded YAML reader: the load cache (and every page from it) is made afresh."""
    config = make_project(tmp_path / "project")
    before = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    _reads_titles_differently(monkeypatch)
    _forget_environment()
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    clean = clean_build(config, tmp_path)
    changed = [p for p in clean if clean[p] != before.get(p)]
    assert any(p.startswith("records/") for p in changed)  # the upgrade changed what record pages say
    assert cached == clean


# Named in the project's requirements, or brought in by one of them (click by MkDocs, MarkupSafe by Jinja2,
# lxml by feedgen): every installed one is in the key, none named in the cache module.
@pytest.mark.parametrize("dist", ["mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "nh3",
                                  "Jinja2", "PyYAML", "pypdf", "chinesecalendar", "pygal", "numpy", "feedgen",
                                  "click", "MarkupSafe", "lxml", "Pygments"])
def test_every_key_covers_each_dependency_version(dist, tmp_path, monkeypatch):
    config, _ = load_config(ROOT / "mkdocs.yml")
    before = environment_digest()
    load_before = load_cache_module._config_key(config)
    name = cache_module._normal(dist)
    assert name in cache_module.distributions()
    upgrade(monkeypatch, name)
    _forget_environment()
    assert environment_digest() != before
    assert load_cache_module._config_key(config) != load_before


def test_every_installed_library_is_in_every_key(monkeypatch):
    """Not only the project's requirements: a library that is only there (pypdf decrypts with
    ``cryptography`` where it is installed) can change what a build makes."""
    names = cache_module.distributions()
    requires = importlib.metadata.requires("gov-disclosure-catalogue")
    runtime = [r for r in requires if "extra" not in r.partition(";")[2]]
    assert all(cache_module._normal(re.match(r"[\w.-]+", r).group()) in names for r in runtime)
    assert "pytest" in names and names == sorted(set(names))
    before = environment_digest()
    installed = cache_module._installed()

    class Optional:
        metadata, requires, version = {"Name": "cryptography"}, [], "99.0"

        def read_text(self, name):
            return None

    monkeypatch.setattr(cache_module, "_installed", lambda: {**installed, "an-optional-library": Optional()})
    _forget_environment()
    assert environment_digest() != before


def test_a_library_reinstalled_at_the_same_version_from_other_files_is_a_new_key(monkeypatch):
    """An office's fork of the theme, its templates changed and reinstalled without a new version: the
    pages were served stale (found by a review).  The list of installed files, with their hashes, counts."""
    before = environment_digest()
    installed = cache_module._installed()
    theme = installed["mkdocs-material"]
    record = theme.read_text("RECORD").replace("material/templates/partials/copyright.html,sha256=",
                                               "material/templates/partials/copyright.html,sha256=x", 1)
    assert record != theme.read_text("RECORD")
    monkeypatch.setattr(cache_module, "_installed",
                        lambda: {**installed, "mkdocs-material": _Upgraded(theme, version="", files=record)})
    _forget_environment()
    assert environment_digest() != before


@pytest.mark.parametrize("installed_as", ["finder", "pth"])
def test_a_library_installed_for_editing_names_its_modules(tmp_path, installed_as):
    """pip install -e writes a RECORD naming only a .pth file or setuptools' finder, never the library's
    modules: a library so installed that a hook imports was in no key, and warm builds served what its old code
    made (a review).  The modules it makes importable are found, and hashed where they are."""
    from importlib.metadata import PathDistribution

    from build_tools.machinery.cache import _editable_tops
    source = tmp_path / "src"
    (source / "officelib").mkdir(parents=True)
    (source / "officelib" / "__init__.py").write_text("", encoding="utf-8")
    (source / "helpers.py").write_text("", encoding="utf-8")
    site = tmp_path / "site-packages"
    info = site / "officelib-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: officelib\nVersion: 0.1\n", encoding="utf-8")
    if installed_as == "finder":
        name = "__editable___officelib_0_1_finder.py"
        (site / name).write_text(f"MAPPING: dict[str, str] = {{'officelib': '{source / 'officelib'}'}}\n",
                                 encoding="utf-8")
        expected = {"officelib"}
    else:
        name = "__editable__.officelib-0.1.pth"
        (site / name).write_text(f"{source}\n", encoding="utf-8")
        expected = {"officelib", "helpers"}
    record = f"{name},,\nofficelib-0.1.dist-info/METADATA,,\nofficelib-0.1.dist-info/RECORD,,\n"
    (info / "RECORD").write_text(record, encoding="utf-8")
    assert _editable_tops(PathDistribution(info), record) == expected


@pytest.mark.parametrize("module", ["pygal", "sitecustomize"])
def test_a_library_imported_from_a_folder_on_the_path_is_in_every_key(tmp_path, module):
    """An office's patched copy of pygal beside the project (PYTHONPATH), or a sitecustomize patching a
    library: the installed version and file list still named the installed copy, and a changed copy's
    pages were served from the cache (found by an attack review).  Their files are in the key."""
    vendor = tmp_path / "vendor"
    code = vendor / module / "__init__.py" if module == "pygal" else vendor / f"{module}.py"
    code.parent.mkdir(parents=True, exist_ok=True)

    def digest(path: str) -> str:
        env = {**os.environ, "PYTHONPATH": path}
        done = subprocess.run([sys.executable, "-P", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                               "from build_tools.machinery import cache; print(cache.environment_digest())",
                               str(ROOT)], env=env, capture_output=True, text=True, timeout=120, check=True)
        return done.stdout.strip()

    code.write_text("STYLE = 'fill-opacity: .95'\n", encoding="utf-8")
    first = digest(str(vendor))
    code.write_text("STYLE = 'fill-opacity: .5'\n", encoding="utf-8")
    second = digest(str(vendor))
    assert len({first, second, digest(str(tmp_path / "empty"))}) == 3
    assert digest(str(vendor)) == second


def test_page_load_and_search_keys_all_rest_on_the_environment_digest(tmp_path, monkeypatch):
    """One function names the environment; every key changes with it."""
    from build_tools.mkdocs_plugin import page_keys
    from build_tools.search import attachment_reader, search_key
    from build_tools.visibility import public_view
    from build_tools.pipeline import check_catalogue

    config, _ = load_config(ROOT / "mkdocs.yml")
    result = check_catalogue(config, AS_OF)
    public = public_view(result.catalogue, result.graph, AS_OF)
    read = attachment_reader(config.catalogue_dir)

    class _Config(dict):
        config_file_path = None
        theme = type("T", (dict,), {"custom_dir": None, "name": "material"})()
        plugins: dict = {}

    def keys() -> tuple:
        return (page_keys.global_fingerprint(_Config(), None), load_cache_module._config_key(config),
                search_key(public, read, config.categories))

    before = keys()
    monkeypatch.setattr(cache_module, "_environment", lambda: "another environment")
    _forget_environment()
    after = keys()
    assert all(a != b for a, b in zip(before, after))


def test_an_installed_themes_template_patched_in_place_changes_every_page_key(tmp_path, monkeypatch):
    """Material's base.html patched in site-packages keeps its version and RECORD: the cached record and list
    pages were served without the change, and again after --verify (found by a review).  Its templates,
    scripts and styles are in the key; its icons are not walked."""
    import material
    from build_tools.mkdocs_plugin import page_keys
    installed = tmp_path / "site-packages" / "material" / "templates"
    shutil.copytree(Path(material.__file__).parent / "templates", installed,
                    ignore=shutil.ignore_patterns(".icons"))
    monkeypatch.setattr(page_keys, "is_installed", lambda folder: True)

    class _Config(dict):
        config_file_path = None
        theme = type("T", (dict,), {"custom_dir": None, "name": "material", "dirs": [str(installed)]})()
        plugins: dict = {}

    before = page_keys.global_fingerprint(_Config(), None)
    assert page_keys.global_fingerprint(_Config(), None) == before
    base = installed / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<head>", "<head><meta name=office>", 1), encoding="utf-8")
    assert page_keys.global_fingerprint(_Config(), None) != before


def test_a_setting_in_an_inherited_file_or_the_link_validation_changes_every_page_key(tmp_path):
    """``INHERIT: base.yml`` with ``validation:`` tightened there: mkdocs.yml's bytes were the same, every page came
    from the cache with the old setting's warnings, and a warm --strict build published what a clean one refused (a
    review)."""
    from build_tools.mkdocs_plugin import page_keys
    (tmp_path / "mkdocs.yml").write_text("INHERIT: shared/base.yml\nsite_name: 目录\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    base = tmp_path / "shared" / "base.yml"
    base.write_text("validation:\n  links:\n    absolute_links: info\n", encoding="utf-8")

    class _Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")
        theme = type("T", (dict,), {"custom_dir": None, "name": "material"})()
        plugins: dict = {}

    before = page_keys.global_fingerprint(_Config(), None)
    assert page_keys.global_fingerprint(_Config(), None) == before
    base.write_text("validation:\n  links:\n    absolute_links: warn\n", encoding="utf-8")
    assert page_keys.global_fingerprint(_Config(), None) != before
    assert page_keys.global_fingerprint(_Config(validation={"links": {"absolute_links": 30}}), None) \
        != page_keys.global_fingerprint(_Config(validation={"links": {"absolute_links": 20}}), None)


def test_what_a_hook_puts_into_the_template_environment_is_in_every_page_key():
    """A hook's on_env global (the footer's copyright year) changed while its code did not: every cached record and
    list page kept the old value beside MkDocs' own pages with the new one (a review).  The part holds no memory
    address (Jinja's gettext methods, this adapter's closures), or no page would ever come from the cache."""
    from mkdocs.config import load_config as load_mkdocs_config
    from build_tools.mkdocs_plugin import page_keys, page_urls

    def env(year: object):
        made = load_mkdocs_config(str(ROOT / "mkdocs.yml")).theme.get_env()
        made.globals["this_year"] = year
        made.filters["url"] = page_urls.__dict__.get("address_pages_by_file")  # the adapter's own: by its module
        return made

    part = page_keys.template_part(env(2026))
    assert part == page_keys.template_part(env(2026)) and " at 0x" not in repr(part)
    assert part != page_keys.template_part(env(2027)) != page_keys.template_part(env("2026"))
    # a hook's lambda or nested function: by its code and what it holds, not its address (a later review found the
    # cache never used again)

    def with_filter(year: int):
        made = env(2026)
        made.filters["zh_date"] = lambda d: f"{year}年{d}"
        return made
    part = page_keys.template_part(with_filter(2026))
    assert part == page_keys.template_part(with_filter(2026)) and " at 0x" not in repr(part)
    assert part != page_keys.template_part(with_filter(2027))


def test_the_environment_digest_covers_every_file_of_the_package_and_python(tmp_path, monkeypatch):
    package = tmp_path / "build_tools"
    shutil.copytree(ROOT / "build_tools", package, ignore=shutil.ignore_patterns("__pycache__"))
    first = cache_module.package_digest(package)
    (package / "data" / "gongwen_lexicon.txt").write_text("改动\n", encoding="utf-8")
    second = cache_module.package_digest(package)
    assert second != first  # a data file counts, not only .py
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert cache_module.package_digest(package) == second  # compiled files do not
    before = environment_digest()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    _forget_environment()
    assert environment_digest() != before


def test_a_changed_theme_file_is_not_served_from_the_cache(tmp_path):
    """Any file of the overrides counts: here an SVG a template includes, not a template itself."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "partials" / "emblem.svg").write_text('<svg id="emblem-1"></svg>', encoding="utf-8")
    main = theme / "main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block content %}" in (theme / "record.html").read_text(encoding="utf-8")
    record = theme / "record.html"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "{% block content %}", '{% block content %}{% include "partials/emblem.svg" %}', 1), encoding="utf-8")
    config = make_project(tmp_path / "project", theme=theme)
    first = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    assert any(b"emblem-1" in data for data in first.values())
    (config.parent / "theme" / "partials" / "emblem.svg").write_text('<svg id="emblem-2"></svg>', encoding="utf-8")
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    clean = clean_build(config, tmp_path)
    assert any(b"emblem-2" in data for data in clean.values())
    assert cached == clean
    # and a template itself
    (config.parent / "theme" / "main.html").write_text(text.replace("<meta", "<meta data-x=\"1\"", 1), encoding="utf-8")
    assert site_files(build_site(config, site_dir=tmp_path / "site4", as_of=AS_OF)) == clean_build(config, tmp_path, "clean2")


def test_functions_named_in_the_configuration_keep_the_caches_in_use(tmp_path, caplog):
    """Material's emoji set-up names functions (``!!python/name:…to_svg``): their ``repr`` held an
    address, so every key was new and no page or body was ever taken from the cache (found by a
    review).  They count by name; a function with no name of its own still counts by address."""
    assert cache_module.stable(os.path.join) == ("named", os.path.join.__module__, "join", None)
    assert cache_module.stable({"f": shutil.copytree}) == cache_module.stable({"f": shutil.copytree})
    local = (lambda: 0)
    assert "0x" in cache_module.stable(local)  # never the same key twice: never stale
    # Material's slugs for Chinese headings: a partial (pymdownx.slugs.slugify(case="lower"))
    from pymdownx.slugs import slugify
    assert cache_module.stable(slugify(case="lower")) == cache_module.stable(slugify(case="lower"))
    assert cache_module.stable(slugify(case="lower")) != cache_module.stable(slugify(case="upper"))
    # a function of the project's own module (not installed) counts with its module's code
    module = tmp_path / "office_fmt.py"
    module.write_text("def stamp(*args):\n    return 'STAMP-1'\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import office_fmt
        before = cache_module.stable(office_fmt.stamp)
        module.write_text("def stamp(*args):\n    return 'STAMP-2'\n", encoding="utf-8")
        assert cache_module.stable(office_fmt.stamp) != before
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("office_fmt", None)
    config = make_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.emoji:\n"
                                   "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                                   "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n", 1),
                      encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF)
    caplog.set_level(logging.INFO)
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    assert "新生成 0 个" in caplog.text
    assert cached == clean_build(config, tmp_path)


def test_a_key_that_can_never_repeat_is_said_in_the_log(tmp_path, caplog):
    """An extension added as an object by another plugin or a hook has an address in its ``repr``:
    every key is new and nothing is taken from the cache, which the build now says (a review found it
    silent).  The sample's own configuration says nothing."""
    config = make_project(tmp_path / "project")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=tmp_path / "site0", as_of=AS_OF)
    assert "页面缓存这次用不上" not in caplog.text
    hooks = config.parent / "hooks"
    hooks.mkdir()
    (hooks / "add_ext.py").write_text(
        "from markdown.extensions.abbr import AbbrExtension\n\n"
        "def on_config(config):\n    config.markdown_extensions.append(AbbrExtension())\n    return config\n",
        encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/add_ext.py\n", encoding="utf-8")
    caplog.clear()
    build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF)
    assert "页面缓存这次用不上" in caplog.text and "markdown_extensions" in caplog.text


def test_a_theme_folder_linked_from_elsewhere_is_read_through_the_link(tmp_path):
    """theme/emblems -> ../shared/emblems: Jinja follows the link, the key's walk of the theme must too
    (``Path.rglob`` does not enter a linked folder: all pages were served stale; found by an attack review)."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    shared = tmp_path / "shared" / "emblems"
    shared.mkdir(parents=True)
    (shared / "emblem.svg").write_text('<svg id="emblem-1"></svg>', encoding="utf-8")
    record = theme / "record.html"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "{% block content %}", '{% block content %}{% include "emblems/emblem.svg" %}', 1), encoding="utf-8")
    config = make_project(tmp_path / "project", theme=theme)
    (config.parent / "theme" / "emblems").symlink_to(shared, target_is_directory=True)
    first = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    assert any(b"emblem-1" in data for data in first.values())
    (shared / "emblem.svg").write_text('<svg id="emblem-2"></svg>', encoding="utf-8")
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    fresh = tmp_path / "fresh"  # the link kept as a link (MkDocs copies a theme's linked folder's files apart)
    shutil.copytree(config.parent, fresh, symlinks=True, ignore=shutil.ignore_patterns(".cache", "site*"))
    clean = site_files(build_site(fresh / "mkdocs.yml", site_dir=tmp_path / "clean-site", as_of=AS_OF))
    assert any(b"emblem-2" in data for data in clean.values())
    assert cached == clean


def test_templates_in_a_linked_theme_folder_are_escaped_as_the_themes_own(tmp_path):
    """theme/partials -> a folder the office's sites share: its templates were rendered unescaped
    (autoescaping was decided by a walk that does not enter linked folders), and a title typed with
    <…> for 《…》 put live markup on every list page (found by an attack review)."""
    config = make_project(tmp_path / "project")
    partials = config.parent / "theme" / "partials"
    shared = tmp_path / "shared" / "partials"
    shutil.move(partials, shared)
    partials.symlink_to(shared, target_is_directory=True)
    notice = config.parent / "catalogue" / "notices" / "2019-09801-escape.md"
    source = next((config.parent / "catalogue" / "notices").glob("*.md")).read_text(encoding="utf-8")
    title = re.search(r"^title: .*$", source, re.M).group()
    index_no = re.search(r"^index_no: .*$", source, re.M).group()
    notice.write_text(source.replace(title, "title: 关于印发<江川省公路养护管理办法>的通知<img src=x onerror=alert(1)>")
                      .replace(index_no, "index_no: 015200371/2019-09801"), encoding="utf-8")
    site = build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)
    lists = [p for p in site.rglob("*.html") if "关于印发&lt;江川省公路养护管理办法&gt;".encode() in p.read_bytes()]
    assert len(lists) > 3
    assert not [p for p in site.rglob("*.html") if b"<img src=x onerror" in p.read_bytes()]


def test_a_docs_page_front_matter_the_menu_shows_is_not_served_from_the_cache(tmp_path):
    """Material shows a menu page's ``subtitle:`` (and ``icon:``, ``status:``) in the menu of every
    page: a docs page's front matter is part of every catalogue page (found by an attack review)."""
    config = make_project(tmp_path / "project")
    first = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    guide = config.parent / "docs" / "guide.md"
    assert "信息公开指南: guide.md" in config.read_text(encoding="utf-8")
    guide.write_text("---\nsubtitle: 新版说明\n---\n" + guide.read_text(encoding="utf-8"), encoding="utf-8")
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    clean = clean_build(config, tmp_path)
    assert clean != first
    assert sum("新版说明".encode() in data for path, data in clean.items() if path.startswith("records/")) > 5
    assert cached == clean


def test_the_extensions_that_read_files_are_known_by_the_names_mkdocs_yml_gives_them():
    """The extensions and plugins offices add that read files into pages (includes, inlined images,
    diagram sources) make the caches step aside, however mkdocs.yml names them (a module path, a class,
    an object: ``mdx_include.mdx_include`` kept the caches on, found by a review); others do not."""
    from pymdownx.snippets import SnippetExtension

    from build_tools.body_html import plugins_reading_files, reads_files
    named = ["toc", "pymdownx.superfences", "pymdownx.b64", "markdown_include.include", "mdx_include",
             "mdx_include.mdx_include", "plantuml_markdown", "pymdownx.snippets:SnippetExtension",
             "pymdownx.highlight", "pymdownx.snippetsx", "mdx_includes", SnippetExtension()]
    assert reads_files(named) == ("pymdownx.b64", "markdown_include.include", "mdx_include",
                                  "mdx_include.mdx_include", "plantuml_markdown",
                                  "pymdownx.snippets:SnippetExtension", "pymdownx.snippets")
    plugins = {name: type("Plugin", (), {"__module__": module})()
               for name, module in (("search", "material.plugins.search.plugin"),
                                    ("include-markdown", "mkdocs_include_markdown_plugin.plugin"),
                                    ("macros", "mkdocs_macros.plugin"), ("catalogue", "build_tools.mkdocs_plugin"))}
    assert plugins_reading_files(plugins) == ("include-markdown", "macros")


def test_an_extension_that_reads_files_steps_the_caches_aside(tmp_path, caplog):
    """pymdownx.snippets appends and inserts files no key can list (Material's glossary recipe:
    ``auto_append``): record pages and the open data's bodies kept the old text (found by an attack
    review).  The page and body caches step aside and the build says so."""
    config = make_project(tmp_path / "project")
    includes = tmp_path / "includes"
    includes.mkdir()
    (includes / "note.md").write_text("附注：旧说明\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.snippets:\n"
                                   f"      base_path: ['{includes}']\n      auto_append: [note.md]\n", 1),
                      encoding="utf-8")
    first = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    assert any("旧说明".encode() in data for path, data in first.items() if path.startswith("data/records/"))
    (includes / "note.md").write_text("附注：新说明\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    assert "页面与正文缓存" in caplog.text and "pymdownx.snippets" in caplog.text
    clean = clean_build(config, tmp_path)
    assert not any("旧说明".encode() in data for data in clean.values())
    assert cached == clean


def test_a_changed_hook_helper_or_project_extension_is_not_served_from_the_cache(tmp_path):
    """A hook's helper module beside it and a Markdown extension that is a module of the project are
    code the pages (and the open data's bodies) are made with (found by an attack review: both were
    served stale, and ``--verify`` could not see it)."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / "hooks" / "stamp_hook.py").write_text(
        "from hooklib import stamp\n\ndef on_page_content(html, page, config, files):\n    return html + stamp()\n",
        encoding="utf-8")
    (project / "hooks" / "hooklib.py").write_text("from lib import deep\n\ndef stamp():\n"
                                                  "    return '<p>HOOK-1</p>' + deep.DEEP\n", encoding="utf-8")
    (project / "hooks" / "lib").mkdir()
    (project / "hooks" / "lib" / "__init__.py").write_text("", encoding="utf-8")
    (project / "hooks" / "lib" / "deep.py").write_text("DEEP = '<p>DEEP-1</p>'\n", encoding="utf-8")
    # a helper in a folder without __init__.py (Python imports it all the same) and a file the hook reads
    (project / "hooks" / "nslib").mkdir()
    (project / "hooks" / "nslib" / "text.py").write_text("NS = '<p>NS-1</p>'\n", encoding="utf-8")
    (project / "hooks" / "banner.html").write_text("<p>BANNER-1</p>", encoding="utf-8")
    (project / "hooks" / "stamp_hook.py").write_text(
        "from pathlib import Path\nfrom hooklib import stamp\nfrom nslib.text import NS\n\n"
        "def on_page_content(html, page, config, files):\n"
        "    return html + stamp() + NS + (Path(__file__).parent / 'banner.html').read_text()\n", encoding="utf-8")
    (project / "exts").mkdir()  # a folder of its own, on the path (beside mkdocs.yml no key is provable)
    (project / "exts" / "projext.py").write_text(
        "from markdown.extensions import Extension\nfrom markdown.postprocessors import Postprocessor\n\n"
        "class P(Postprocessor):\n    def run(self, text):\n        return text + '<p>EXT-1</p>'\n\n"
        "class E(Extension):\n    def extendMarkdown(self, md):\n        md.postprocessors.register(P(md), 'projext', 1)\n\n"
        "def makeExtension(**kw):\n    return E(**kw)\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n" in text
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - projext\n", 1)
                      + "hooks:\n  - hooks/stamp_hook.py\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{project}", "NO_MKDOCS_2_WARNING": "1"}

    said = []

    def build(site: Path, root: Path = project, cwd: Path | None = None) -> dict[str, bytes]:
        done = subprocess.run([sys.executable, "-P", "-m", "build_tools.cli", "build", "--config",
                               str(root / "mkdocs.yml"), "--site-dir", str(site), "--as-of", AS_OF.isoformat()],
                              cwd=cwd or root,
                              env={**env, "PYTHONPATH": os.pathsep.join(map(str, (ROOT, root, root / "exts")))},
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        said.append(done.stderr)
        return site_files(site)

    first = build(tmp_path / "site1", cwd=tmp_path)
    assert any(b"HOOK-1" in data for data in first.values()) and any(b"EXT-1" in data for data in first.values())
    # The same site from another folder. A hook handling pages makes every page rendered in the build's
    # process (test_another_plugin_or_hook_handling_pages_sees_every_page_and_the_log_says_why); the
    # keys still cover its code for what is cached (the open data's bodies, the project extension).
    assert build(tmp_path / "site1a") == first and "页面缓存、沿用上次的页面、并行渲染、页面框架" in said[-1]
    (project / "hooks" / "lib" / "deep.py").write_text("DEEP = '<p>DEEP-2</p>'\n", encoding="utf-8")  # a package below
    deeper = build(tmp_path / "site1b")
    assert not any(b"DEEP-1" in data for data in deeper.values()) and any(b"DEEP-2" in data for data in deeper.values())
    (project / "hooks" / "nslib" / "text.py").write_text("NS = '<p>NS-2</p>'\n", encoding="utf-8")
    (project / "hooks" / "banner.html").write_text("<p>BANNER-2</p>", encoding="utf-8")
    read = build(tmp_path / "site1c")  # a helper outside any package, and a file the hook reads
    assert not any(b"NS-1" in data or b"BANNER-1" in data for data in read.values())
    assert any(b"NS-2" in data and b"BANNER-2" in data for data in read.values())
    (project / "hooks" / "hooklib.py").write_text("from lib import deep\n\ndef stamp():\n"
                                                  "    return '<p>HOOK-2</p>' + deep.DEEP\n", encoding="utf-8")
    ext = project / "exts" / "projext.py"
    ext.write_text(ext.read_text(encoding="utf-8").replace("EXT-1", "EXT-2"), encoding="utf-8")
    cached = build(tmp_path / "site2")
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site*"))
    clean = build(tmp_path / "site3", fresh)
    assert not any(b"HOOK-1" in data or b"EXT-1" in data or b"NS-1" in data or b"BANNER-1" in data
                   for data in clean.values())
    assert any(b"NS-2" in data and b"BANNER-2" in data for data in clean.values())
    assert cached == clean



def test_code_beside_mkdocs_yml_or_above_it_makes_the_caches_step_aside(tmp_path):
    """A hook beside mkdocs.yml may read any file of the project (a word list, a build log, a backup):
    hashing them all made a build log re-render every page and an unreadable file stop the build, and
    hashing only some served stale pages, through a linked hook too (found by reviews).  Code there, or
    above it, is no key: the caches step aside (:class:`~build_tools.machinery.cache.Unprovable`)."""
    top = tmp_path / "project"
    (top / "hooks").mkdir(parents=True)
    (top / "hooks.py").write_text("", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "linked_hook.py").write_text("", encoding="utf-8")
    (top / "linked_hook.py").symlink_to(tmp_path / "shared" / "linked_hook.py")
    (top / "hooks" / "own.py").write_text("", encoding="utf-8")
    for hook in (top / "hooks.py", top / "linked_hook.py", tmp_path / "above.py"):
        hook.touch()
        with pytest.raises(cache_module.Unprovable, match="mkdocs.yml"):
            cache_module.local_code([top / "hooks" / "own.py", hook], top=top)
    cache_module.local_code([top / "hooks" / "own.py", tmp_path / "shared" / "linked_hook.py"], top=top)


def test_the_code_beside_a_hook_in_a_folder_of_its_own_is_every_file_there(tmp_path):
    """A hook in a folder of its own: every file below it (a helper without ``__init__.py``, a template
    it reads), never a new empty folder, a cache's temporary file or an editor's swap file; an
    unreadable file or folder is hashed as such, never a traceback."""
    top = tmp_path / "project"
    hooks = top / "hooks"
    (hooks / "lib").mkdir(parents=True)
    (hooks / "stamp.py").write_text("", encoding="utf-8")
    (hooks / "lib" / "text.py").write_text("", encoding="utf-8")
    (hooks / "banner.html").write_text("1", encoding="utf-8")

    def code() -> str:
        return cache_module.local_code([hooks / "stamp.py"], top=top, skip=[top / "site"], inputs=[top / "catalogue"])

    own = code()
    (hooks / "empty").mkdir()
    (hooks / ".stamp.py.swp").write_bytes(b"swap")
    (hooks / "site").mkdir()
    (hooks / "site" / ".catalogue-site").write_text("{}", encoding="utf-8")
    (hooks / "site" / "page.html").write_text("", encoding="utf-8")
    assert code() == own
    for path, text in ((hooks / "banner.html", "2"), (hooks / "lib" / "text.py", "T = 2\n")):
        path.write_text(text, encoding="utf-8")
        cache_module._FIRST_SEEN.clear()  # as a new process would read it
        assert code() != own, path
        own = code()
    if os.geteuid() != 0:  # root reads every file
        (hooks / "secret.txt").write_text("x", encoding="utf-8")
        (hooks / "secret.txt").chmod(0)
        (hooks / "lost+found").mkdir()
        (hooks / "lost+found").chmod(0)
        cache_module._FIRST_SEEN.clear()
        try:
            code()
        finally:
            (hooks / "secret.txt").chmod(0o644)
            (hooks / "lost+found").chmod(0o755)


def test_a_package_beside_mkdocs_yml_that_a_hook_imports_is_code_of_the_pages(tmp_path):
    """A hook in ``hooks/`` importing a package beside mkdocs.yml (found through the working folder,
    ``python -m mkdocs``): a changed helper was served stale (found by a review).  What the project's
    code imported from the project counts (the hook handles pages, so every page is rendered here)."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / "officelib").mkdir()
    (project / "officelib" / "__init__.py").write_text("", encoding="utf-8")
    (project / "officelib" / "text.py").write_text("NOTE = '<p>OFFICE-1</p>'\n", encoding="utf-8")
    (project / "hooks" / "office.py").write_text(
        "from officelib.text import NOTE\n\ndef on_page_content(html, page, config, files):\n"
        "    return html + NOTE\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/office.py\n", encoding="utf-8")

    def build(site: Path) -> tuple[dict[str, bytes], str]:
        return project_build(project, site)

    first, _ = build(tmp_path / "site1")
    assert any(b"OFFICE-1" in data for data in first.values())
    again, said = build(tmp_path / "site2")
    assert again == first and "用不上" not in said  # every page rendered: the hook handles pages
    (project / "officelib" / "text.py").write_text("NOTE = '<p>OFFICE-2</p>'\n", encoding="utf-8")
    changed, _ = build(tmp_path / "site3")
    assert not any(b"OFFICE-1" in data for data in changed.values())
    assert sum(b"OFFICE-2" in data for path, data in changed.items() if path.startswith("records/")) > 5


@pytest.mark.parametrize("package, path", [("officetools", ""), ("lib/office", "lib")])
def test_a_package_beside_mkdocs_yml_a_hook_imports_when_a_page_asks_is_code_of_the_pages(tmp_path, package, path):
    """The same package imported only when a record page first asks (a template function): the modules were
    looked for before any record page was rendered, so it was in no key, and a changed word list was served
    on every record page from the cache (found by an attack review).  The project's packages are found on
    disk, in a folder of folders too (lib/office/, lib on the hook's path: a later review)."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / package).mkdir(parents=True)
    (project / package / "__init__.py").write_text("", encoding="utf-8")
    (project / package / "words.py").write_text("LABEL = 'LAYOUT-ONE'\n", encoding="utf-8")
    on_path = (f"    import pathlib, sys\n    sys.path.insert(0, str(pathlib.Path(__file__).parent.parent / '{path}'))\n"
               if path else "")
    (project / "hooks" / "labels.py").write_text(
        f"def _label():\n{on_path}    from {package.rsplit('/', 1)[-1]}.words import LABEL\n    return LABEL\n\n"
        "def on_env(env, config, files):\n    env.globals['office_label'] = _label\n    return env\n",
        encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/labels.py\n", encoding="utf-8")
    record = project / "theme" / "record.html"
    anchor = '<h1 id="cat-top">'
    record.write_text(record.read_text(encoding="utf-8").replace(
        anchor, '<p class="office-label">{{ office_label() }}</p>' + anchor, 1), encoding="utf-8")
    first, _ = project_build(project, tmp_path / "site1")
    assert sum(b"LAYOUT-ONE" in data for path, data in first.items() if path.startswith("records/")) > 5
    again, said = project_build(project, tmp_path / "site2")
    assert again == first and "新生成 0 个" in said, said  # unchanged: every page from the cache
    (project / package / "words.py").write_text("LABEL = 'LAYOUT-TWO'\n", encoding="utf-8")
    changed, _ = project_build(project, tmp_path / "site3")
    assert not any(b"LAYOUT-ONE" in data for data in changed.values())


def test_the_log_says_what_made_every_page_new(tmp_path):
    """A hook writing its own log into its folder gave every build new keys, and nothing said why (found
    by a review): every file of a hook's folder counts.  The log now names what every page's key
    changed by since the last build with this cache (the folder, the theme, mkdocs.yml), and says
    nothing when the pages were taken from the cache."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / "hooks" / "stamp.py").write_text(
        "import pathlib\n\ndef on_post_build(config):\n    log = pathlib.Path(__file__).with_name('build.log')\n"
        "    log.write_text(str(int(log.read_text()) + 1 if log.exists() else 0))\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/stamp.py\n", encoding="utf-8")
    said = [project_build(project, tmp_path / f"site{n}")[1] for n in range(3)]
    assert "所有页面重新生成" not in said[0]  # nothing to compare with
    for text in said[1:]:
        assert "所有页面重新生成" in text and f"{(project / 'hooks').resolve()} 中的文件" in text and "日志" in text, text
    (project / "hooks" / "stamp.py").write_text("", encoding="utf-8")  # no more log: the pages come from the cache
    project_build(project, tmp_path / "site3")
    quiet = project_build(project, tmp_path / "site4")[1]
    assert "新生成 0 个" in quiet and "所有页面重新生成" not in quiet
    theme = project / "theme" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: 新"), encoding="utf-8")
    text = project_build(project, tmp_path / "site5")[1]
    assert "所有页面重新生成" in text and "主题目录" in text and "mkdocs.yml" in text and "site_name" in text, text
    assert "hooks" not in text.split("所有页面重新生成")[1].splitlines()[0]


def test_a_template_showing_the_build_time_is_never_served_from_the_cache(tmp_path, caplog, monkeypatch):
    """MkDocs gives each page the time it renders it (``build_date_utc``) unless ``SOURCE_DATE_EPOCH`` is
    set: cached pages showed an earlier build's time beside fresh ones (found by a review).  Such a theme
    makes the caches step aside, saying so; with the variable set, they are used and equal a clean build.
    Without such a template, a changed ``SOURCE_DATE_EPOCH`` re-renders nothing."""
    config = make_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    caplog.set_level(logging.INFO)
    build_site(config, site_dir=tmp_path / "site0", as_of=AS_OF)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    caplog.clear()
    build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF)
    assert "新生成 0 个" in caplog.text
    footer = config.parent / "theme" / "partials" / "built-at.html"
    footer.write_text("<p class=\"built\">生成时间 {{ build_date_utc }}</p>\n", encoding="utf-8")
    record = config.parent / "theme" / "record.html"
    record.write_text(record.read_text(encoding="utf-8").replace("{% endblock %}", '{% include "partials/built-at.html" %}{% endblock %}', 1),
                      encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF)
    caplog.clear()
    cached = site_files(build_site(config, site_dir=tmp_path / "site3", as_of=AS_OF))
    assert "新生成 0 个" in caplog.text and cached == clean_build(config, tmp_path)  # the time fixed by the variable
    assert any(b'class="built">' in data for path, data in cached.items() if path.startswith("records/"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    caplog.clear()
    build_site(config, site_dir=tmp_path / "site4", as_of=AS_OF)
    assert "页面缓存这次用不上" in caplog.text and "build_date_utc" in caplog.text and "新生成 0 个" not in caplog.text


def test_a_named_pipe_in_place_of_cache_entries_is_a_damaged_entry_not_a_hang(tmp_path):
    """A FIFO put where a page, body or load-cache entry was blocked every build for ever, holding the
    site's lock (found by a review).  Each is read only if it is a regular file: a damaged entry, made again."""
    config = make_project(tmp_path / "project")
    build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF)
    cache = cache_dir(config)
    replaced = 0
    for namespace in ("pages", "bodies"):
        for entry in sorted((cache / namespace).glob("*/*"))[:3]:
            entry.unlink()
            os.mkfifo(entry)
            replaced += 1
    (cache / "validated.pickle").unlink()
    os.mkfifo(cache / "validated.pickle")
    assert replaced == 6
    files, _ = project_build(config.parent, tmp_path / "site2")  # a timeout of its own: a hang fails the test
    assert files == clean_build(config, tmp_path)


def test_code_changed_since_the_process_read_it_makes_the_caches_step_aside(tmp_path):
    """The process runs the module it imported, not the file (``mkdocs serve`` loads a hook once): pages
    made after an edit were stored under the new code's key with the old code's output, and a later
    build served them (found by a review).  The caches step aside for the rest of the process."""
    hooks = tmp_path / "project" / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "stamp.py").write_text("A = 1\n", encoding="utf-8")
    first = cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project")
    assert cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project") == first
    (hooks / "words.txt").write_text("新词\n", encoding="utf-8")  # data is read afresh: a new key, no alarm
    (hooks / "build.log").write_text("a hook writing its own log\n", encoding="utf-8")
    assert cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project") != first
    (hooks / "stamp.py").write_text("A = 2\n", encoding="utf-8")
    with pytest.raises(cache_module.Unprovable, match="重新启动"):
        cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project")


def test_a_module_of_a_package_counts_with_the_whole_package(tmp_path):
    """An extension ``officeext.ext`` (a package on the path, outside the project) importing
    ``officeext/words.py`` one folder up: a changed word list was served stale (found by a review)."""
    package = tmp_path / "lib" / "officeext"
    (package / "ext").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "ext" / "__init__.py").write_text("from officeext.words import MARK\n", encoding="utf-8")
    (package / "words.py").write_text("MARK = '旧'\n", encoding="utf-8")
    first = cache_module.local_code([package / "ext" / "__init__.py"], top=tmp_path / "project")
    (package / "words.py").write_text("MARK = '新'\n", encoding="utf-8")
    cache_module._FIRST_SEEN.clear()  # a new process
    assert cache_module.local_code([package / "ext" / "__init__.py"], top=tmp_path / "project") != first


def test_odd_files_in_a_hook_folder_are_read_without_a_traceback(tmp_path, monkeypatch):
    """A folder that may be entered but not listed, and a file name from a Windows archive that is not
    UTF-8 (found by a review: the build stopped, blaming the site folder)."""
    hooks = tmp_path / "project" / "hooks"
    (hooks / "archive").mkdir(parents=True)
    (hooks / "stamp.py").write_text("", encoding="utf-8")
    gbk = os.fsdecode(hooks) + "/" + os.fsdecode("名单.txt".encode("gbk"))
    Path(gbk).write_text("1", encoding="utf-8")
    first = cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project")
    Path(gbk).write_text("2", encoding="utf-8")
    assert cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project") != first
    listed = Path.iterdir

    def iterdir(self):
        if self.name == "archive":
            raise PermissionError(13, "Permission denied", str(self))
        return listed(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    cache_module.local_code([hooks / "stamp.py"], top=tmp_path / "project")


def test_helpers_in_the_cache_folder_and_watched_paths_are_read(tmp_path):
    """A ``cache_dir`` pointed at a package of helpers (with a helper folder named like one of the
    cache's own, ``search/``): the helpers count, the cache's entries not; ``watch:`` names files the
    build depends on, the docs folder too (found by a review)."""
    top = tmp_path / "project"
    hooks, tools, docs = top / "hooks", top / "tools", top / "docs"
    for folder in (hooks, tools / "search" / "ab", tools / "pages" / "cd", docs):
        folder.mkdir(parents=True)
    (hooks / "h.py").write_text("", encoding="utf-8")
    (tools / "__init__.py").write_text("", encoding="utf-8")
    (tools / "search" / "rank.py").write_text("R = 1\n", encoding="utf-8")
    (docs / "banner.txt").write_text("1", encoding="utf-8")
    (top / "data.txt").write_text("1", encoding="utf-8")

    def code() -> str:
        cache_module._FIRST_SEEN.clear()
        return cache_module.local_code([hooks / "h.py", tools / "__init__.py"], top=top,
                                       skip=cache_module.own_entries(tools), inputs=[docs],
                                       watched=[docs, top / "data.txt"])

    first = code()
    (tools / "search" / "ab" / "ab01").write_bytes(b"entry")  # the cache's own
    (tools / "pages" / "cd" / "cd02.12.3").write_bytes(b"page")
    (tools / "validated.pickle").write_bytes(b"records")
    (tools / ".tmp-1-2-validated.pickle").write_bytes(b"half")
    assert code() == first
    for path, text in ((tools / "search" / "rank.py", "R = 2\n"), (docs / "banner.txt", "2"), (top / "data.txt", "2")):
        path.write_text(text, encoding="utf-8")
        assert code() != first, path
        first = code()


def test_a_hook_at_the_top_its_data_and_helpers_are_not_served_from_the_cache(tmp_path):
    """The whole build, for :func:`test_code_beside_mkdocs_yml_or_above_it_makes_the_caches_step_aside`:
    each change shows on the next build, the last equals a clean build, and the log says why the
    cache was not used and what to do."""
    config = make_project(tmp_path / "project", extra="      agency: 江川省交通运输厅\n      cache_dir: tools\n")
    project = config.parent
    (project / "helpers").mkdir()
    (project / "helpers" / "text.py").write_text("NS = '<p>NS-1</p>'\n", encoding="utf-8")
    (project / "tools").mkdir()
    (project / "tools" / "__init__.py").write_text("", encoding="utf-8")
    (project / "tools" / "stamp.py").write_text("STAMP = '<p>STAMP-1</p>'\n", encoding="utf-8")
    (project / "词表.txt").write_text("<p>WORDS-1</p>", encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "banner.txt").write_text("<p>BANNER-1</p>", encoding="utf-8")
    (project / "top_hook.py").write_text(
        "from pathlib import Path\nfrom helpers.text import NS\nfrom tools.stamp import STAMP\n\n"
        "def on_page_content(html, page, config, files):\n    here = Path(__file__).parent\n"
        "    return (html + NS + STAMP + (here / '词表.txt').read_text(encoding='utf-8')\n"
        "            + (here / 'data' / 'banner.txt').read_text(encoding='utf-8'))\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - top_hook.py\nwatch:\n  - data\n",
                      encoding="utf-8")

    def build(site: Path, root: Path = project) -> dict[str, bytes]:
        files, said = project_build(root, site)
        assert "页面缓存这次用不上" in said and "hooks/" in said
        return files

    def shows(files: dict[str, bytes], marker: str) -> bool:
        return any(marker.encode() in data for path, data in files.items() if path.startswith("records/"))

    assert shows(build(tmp_path / "site0"), "NS-1")
    assert (project / "tools" / "pages").is_dir()  # the cache is there, beside the helpers
    assert shows(build(tmp_path / "site0a"), "NS-1")  # a rebuild of nothing changed
    changes = ((project / "helpers" / "text.py", "NS-1", "NS-2"), (project / "tools" / "stamp.py", "STAMP-1", "STAMP-2"),
               (project / "词表.txt", "WORDS-1", "WORDS-2"), (project / "data" / "banner.txt", "BANNER-1", "BANNER-2"))
    for n, (path, old, new) in enumerate(changes, 1):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        built = build(tmp_path / f"site{n}")
        assert shows(built, new) and not shows(built, old), path.name
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("pages", "bodies", "search", "validated*", "site*"))
    assert build(tmp_path / "clean", fresh) == built


def test_every_cache_namespace_is_one_the_key_leaves_out(tmp_path):
    """The cache's own entries are left out of the project's code by name (a ``cache_dir`` may be a
    folder of the office's helpers): a namespace not in the list is refused, not silently keyed."""
    with pytest.raises(ValueError):
        ContentCache(tmp_path, "thumbnails")
    for name in cache_module.NAMESPACES:
        assert ContentCache(tmp_path, name).dir in cache_module.own_entries(tmp_path)


def test_a_changed_extension_named_by_its_entry_point_is_not_served_from_the_cache(tmp_path):
    """An office's own extension installed with ``pip install -e`` and named in mkdocs.yml by its entry
    point (``- officeext``): its code is outside site-packages and its version never changes, and the
    name is no module, so its code was in no key; pages and open data were served stale, and --verify
    passed (found by an attack review)."""
    config = make_project(tmp_path / "project")
    project = config.parent
    code = tmp_path / "officeext-src"  # the checkout an editable install points at
    (code / "officeext_pkg").mkdir(parents=True)
    (code / "officeext_pkg" / "__init__.py").write_text("", encoding="utf-8")
    ext = code / "officeext_pkg" / "ext.py"
    ext.write_text(
        "from markdown.extensions import Extension\nfrom markdown.postprocessors import Postprocessor\n\n"
        "class P(Postprocessor):\n    def run(self, text):\n        return text + '<p>OFFICEEXT-1</p>'\n\n"
        "class OfficeExt(Extension):\n    def extendMarkdown(self, md):\n"
        "        md.postprocessors.register(P(md), 'officeext', 1)\n", encoding="utf-8")
    dist = tmp_path / "dists" / "officeext-1.0.dist-info"  # what the editable install leaves on the path
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: officeext\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[markdown.extensions]\nofficeext = officeext_pkg.ext:OfficeExt\n",
                                           encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - officeext\n", 1),
                      encoding="utf-8")
    path = os.pathsep.join(map(str, (ROOT, code, dist.parent)))
    env = {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}

    def build(site: Path, root: Path = project) -> dict[str, bytes]:
        done = subprocess.run([sys.executable, "-P", "-m", "build_tools.cli", "build", "--config",
                               str(root / "mkdocs.yml"), "--site-dir", str(site), "--as-of", AS_OF.isoformat()],
                              cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return site_files(site)

    first = build(tmp_path / "site1")
    assert any(b"OFFICEEXT-1" in data for rel, data in first.items() if rel.startswith("records/"))
    assert any(b"OFFICEEXT-1" in data for rel, data in first.items() if rel.startswith("data/records/"))
    ext.write_text(ext.read_text(encoding="utf-8").replace("OFFICEEXT-1", "OFFICEEXT-2"), encoding="utf-8")
    cached = build(tmp_path / "site1")  # in place: the spare, the page and body caches
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site*"))
    clean = build(tmp_path / "site3", fresh)
    assert not any(b"OFFICEEXT-1" in data for data in clean.values())
    assert cached == clean


def test_a_cache_that_cannot_be_written_is_said_once_and_the_site_is_built_as_without_one(
        tmp_path, monkeypatch, caplog):
    """A full disk under the cache (found by an attack review: the build failed with a message about
    the site's disk) only stops the caching: the site is the bytes of a build without a cache."""
    import errno
    config = make_project(tmp_path / "project")
    full = cache_dir(config)

    def no_space(real):
        def write(*args, **kwargs):
            for path in args[:2]:  # a file written, or a link's source and name
                if isinstance(path, (str, Path)) and Path(path).resolve().is_relative_to(full.resolve()):
                    raise OSError(errno.ENOSPC, "No space left on device", str(path))
            return real(*args, **kwargs)
        return write

    monkeypatch.setattr(cache_module, "_write_temporary", no_space(cache_module._write_temporary))
    monkeypatch.setattr(cache_module, "write_durably", no_space(cache_module.write_durably))
    monkeypatch.setattr(load_cache_module, "write_durably", no_space(load_cache_module.write_durably))
    monkeypatch.setattr(os, "link", no_space(os.link))
    from build_tools.mkdocs_plugin import render_pool
    monkeypatch.setattr(render_pool, "_MIN_PARALLEL", 1)  # forked workers, each finding the disk full
    with caplog.at_level(logging.INFO):
        built = site_files(build_site(config, site_dir=tmp_path / "site", as_of=AS_OF))
    said = [r.getMessage() for r in caplog.records if "无法写入缓存目录" in r.getMessage()]
    assert said and all("磁盘空间不足" in m and "网站照常生成" in m for m in said)
    assert len(said) == 1  # once, however many stores and workers found it
    assert all(r.levelno == logging.INFO for r in caplog.records if "无法写入缓存目录" in r.getMessage())
    monkeypatch.undo()
    assert built == clean_build(config, tmp_path)


def test_a_changed_asset_in_docs_is_not_served_from_the_cache(tmp_path):
    """A project may override the theme's script in docs/ (outside the theme the keys hash): the page
    asks for it by its digest, so a cached page must not keep the old digest."""
    config = make_project(tmp_path / "project")
    override = config.parent / "docs" / "assets" / "search.js"
    override.parent.mkdir(parents=True, exist_ok=True)
    script = (ROOT / "theme" / "assets" / "search.js").read_text(encoding="utf-8")
    override.write_text(script + "\n// one\n", encoding="utf-8")
    first = site_files(build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF))
    override.write_text(script + "\n// two\n", encoding="utf-8")
    cached = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    clean = clean_build(config, tmp_path)
    assert cached == clean
    assert cached["assets/search.js"].endswith(b"// two\n")
    page = notice_page(cached)
    assert page != notice_page(first)
    digest = hashlib.sha256(cached["assets/search.js"]).hexdigest()[:10]
    assert f"assets/search.js?v={digest}" in page


# -- 2. damaged entries are discarded, rebuilt, logged once ---------------------------------


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "cut-by-one":
        path.write_bytes(data[:-1])
    elif how == "bit-flip":
        at = len(data) * 2 // 3
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x04]) + data[at + 1:])
    elif how == "grown":
        path.write_bytes(data + b"\0")
    elif how == "unreadable":  # a symlink loop: open() fails (even for root, unlike chmod 000)
        path.unlink()
        path.symlink_to(path.name)
    elif how == "directory":
        path.unlink()
        path.mkdir()
        (path / "x").write_bytes(b"x")
    else:
        raise ValueError(how)


DAMAGES = ["empty", "truncated", "cut-by-one", "bit-flip", "grown", "unreadable", "directory"]


def _entries(store: Path) -> list[Path]:
    return sorted(p for p in store.glob("*/*") if not p.name.startswith("."))


def _damaged_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "损坏" in r.getMessage()]


@pytest.fixture(scope="module")
def warm_project(tmp_path_factory):
    """A sample project built once with its cache, a copy of that cache, and the site's files.

    Keys name the project's absolute paths (catalogue_dir, docs_dir), so the
    tests reuse this very project, each with the cache restored as it was.
    """
    tmp = tmp_path_factory.mktemp("warm")
    config = make_project(tmp / "project")
    files = site_files(build_site(config, site_dir=tmp / "site", as_of=AS_OF))
    shutil.copytree(cache_dir(config), tmp / "cache-as-built")
    return config, files, tmp / "cache-as-built"


@pytest.fixture
def warm(warm_project):
    """The warm project with its cache as the first build left it: (mkdocs.yml, the clean site's files)."""
    config, files, saved = warm_project
    shutil.rmtree(cache_dir(config))
    shutil.copytree(saved, cache_dir(config))
    return config, files


def _copy_warm(warm, tmp_path) -> Path:
    return warm[0]


@pytest.fixture
def new_process(monkeypatch):
    """Builds read the load cache from disk, as a new process does.

    MkDocs keeps plugin instances between builds of one process, and the
    plugin keeps its load cache in memory between them (``mkdocs serve``).
    """
    monkeypatch.setattr(LoadCache, "reopen", classmethod(lambda cls, previous, root, config: cls(root, config)))


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_page_entries_are_never_served(how, warm, tmp_path, caplog):
    config = _copy_warm(warm, tmp_path)
    store = cache_dir(config) / "pages"
    entries = _entries(store)
    assert len(entries) > 40
    for entry in entries[::7]:
        _damage(entry, how)
    with caplog.at_level(logging.INFO):
        built = site_files(build_site(config, site_dir=tmp_path / "site", as_of=AS_OF))
    assert built == warm[1]
    assert len(_damaged_lines(caplog)) == 1, caplog.text
    # the damaged entries were made afresh: the next build needs no render and logs nothing
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert site_files(build_site(config, site_dir=tmp_path / "site", as_of=AS_OF)) == warm[1]
    assert _damaged_lines(caplog) == []
    assert "新生成 0 个" in caplog.text


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_search_entry_is_never_served(how, warm, tmp_path, caplog):
    config = _copy_warm(warm, tmp_path)
    (entry,) = _entries(cache_dir(config) / "search")
    _damage(entry, how)
    with caplog.at_level(logging.INFO):
        built = site_files(build_site(config, site_dir=tmp_path / "site", as_of=AS_OF))
    assert built == warm[1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.binary(max_size=40), max_size=8), note=st.binary(max_size=8), durable=st.booleans())
def test_an_entry_put_in_parts_is_the_entry_of_the_parts_joined(tmp_path_factory, parts, note, durable):
    """The search index is stored from its parts, never joined in memory (issue 19): the same sealed file."""
    root = tmp_path_factory.mktemp("cache")
    whole, split = ContentCache(root / "whole", "pages"), ContentCache(root / "split", "pages")
    joined = b"".join(parts)
    assert whole.put("k", joined, note).read_bytes() == split.put_parts("k", parts, note, durable=durable).read_bytes()
    assert split.get_entry("k") == (note, joined)
    with split.batch():
        split.put_parts("b", parts, note)
    assert split.get("b") == joined
    damaged = split.path("k")
    damaged.write_bytes(damaged.read_bytes() + b"x")
    assert ContentCache(root / "split", "pages").get("k") is None  # checked as any entry is


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_search_entry_read_by_the_build_itself_is_rebuilt(how, tmp_path, caplog):
    index = {"search/meta.json": b'{"chunks": "c1"}', "search/c1/0.json": b"[1]" * 100}
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put_parts("k1", pack_files(index))
    _damage(cache.path("k1"), how)
    with caplog.at_level(logging.INFO):
        job = search_job.Writing("k1", ContentCache(tmp_path / "cache", "search"), lambda: dict(index))
        assert job.finish(tmp_path / "site").files == list(index)
    assert site_files(tmp_path / "site") == index
    assert ContentCache(tmp_path / "cache", "search").get("k1") == b"".join(pack_files(index))
    assert len(_damaged_lines(caplog)) == 1, caplog.text


LOAD_DAMAGES = ["empty", "truncated", "cut-by-one", "bit-flip", "grown", "unreadable", "not-a-pickle",
                "a-changed-title"]


@pytest.mark.parametrize("how", LOAD_DAMAGES)
def test_a_damaged_load_cache_is_never_served(how, warm, tmp_path, caplog, new_process):
    config = _copy_warm(warm, tmp_path)
    stored = cache_dir(config) / "validated.pickle"
    if how == "not-a-pickle":  # a whole, sealed entry for this very key whose payload does not unpickle
        note, _ = cache_module.unseal("validated.pickle", stored.read_bytes())
        stored.write_bytes(cache_module.seal("validated.pickle", b"\x80\x05not a pickle at all", note))
    elif how == "a-changed-title":  # a bit flip that still unpickles: a record's title says something else
        data = stored.read_bytes()
        title = "通知".encode()
        assert title in data
        stored.write_bytes(data.replace(title, "通告".encode(), 1))
    else:
        _damage(stored, how)
    with caplog.at_level(logging.INFO):
        built = site_files(build_site(config, site_dir=tmp_path / "site", as_of=AS_OF))
    assert built == warm[1]
    assert len(_damaged_lines(caplog)) == 1, caplog.text


def test_a_damaged_load_cache_delta_is_never_served(tmp_path, caplog, new_process):
    config = make_project(tmp_path / "project")
    build_site(config, site_dir=tmp_path / "site0", as_of=AS_OF)
    notices = sorted((config.parent / "catalogue" / "notices").glob("*.md"))
    notices[0].write_text(notices[0].read_text(encoding="utf-8").replace("title: ", "title: 改", 1), encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site1", as_of=AS_OF)
    delta = cache_dir(config) / "validated-delta.pickle"
    assert delta.is_file()
    data = delta.read_bytes()
    changed = "改".encode()
    assert changed in data
    delta.write_bytes(data.replace(changed, "攻".encode(), 1))
    with caplog.at_level(logging.INFO):
        built = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    assert built == clean_build(config, tmp_path)
    assert len(_damaged_lines(caplog)) == 1, caplog.text


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_entry_is_a_miss_and_is_removed(how, tmp_path, caplog):
    cache = ContentCache(tmp_path, "pages")
    cache.put("ab" * 20, b"<html>" + "页面".encode() * 500 + b"</html>", note=b"[]")
    _damage(cache.path("ab" * 20), how)
    fresh = ContentCache(tmp_path, "pages")
    with caplog.at_level(logging.INFO):
        assert fresh.get("ab" * 20) is None
        assert fresh.copy_to("ab" * 20, tmp_path / "out.html") is None
    assert not (tmp_path / "out.html").exists()
    assert not cache.path("ab" * 20).exists() and not cache.path("ab" * 20).is_symlink()
    assert len(_damaged_lines(caplog)) == 1
    fresh.put("ab" * 20, b"new")
    assert fresh.get("ab" * 20) == b"new"


def test_an_entry_under_another_key_is_not_served(tmp_path):
    cache = ContentCache(tmp_path, "pages")
    cache.put("aa" * 20, b"page a")
    cache.path("ab" * 20).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(cache.path("aa" * 20), cache.path("ab" * 20))
    assert cache.get("ab" * 20) is None
    assert cache.get("aa" * 20) == b"page a"


# -- 2b. pages linked from the site, not written twice (issue 19) -------------------------

_PAGE = b"<html>" + "页面".encode() * 500 + b"</html>"


def _linked(tmp_path) -> tuple[ContentCache, Path, Path]:
    """A page written into a site, stored linked: (cache, site file, entry)."""
    site_file = tmp_path / "site" / "index.html"
    site_file.parent.mkdir()
    site_file.write_bytes(_PAGE)
    cache = ContentCache(tmp_path / "cache", "pages")
    entry = cache.put_linked("ab" * 20, site_file, _PAGE)
    return cache, site_file, entry


def test_a_page_entry_is_the_site_file_under_a_second_name(tmp_path):
    cache, site_file, entry = _linked(tmp_path)
    assert os.path.samefile(entry, site_file)  # one copy of the bytes on the disk
    assert entry.parent == cache.path("ab" * 20).parent and entry.name.startswith("ab" * 20 + ".")
    fresh = ContentCache(tmp_path / "cache", "pages")
    assert fresh.has("ab" * 20) and not fresh.has("aa" * 20)
    assert fresh.get_entry("ab" * 20) == (b"", _PAGE)
    assert fresh.get_entry("aa" * 20) is None
    other = entry.with_name("aa" * 20 + entry.name[40:])  # its name's digest, under another key
    shutil.copy(entry, other)
    assert ContentCache(tmp_path / "cache", "pages").get("aa" * 20) is None


def test_a_linked_entry_survives_an_archive_and_a_restore(tmp_path):
    """actions/cache keeps names and bytes (not links, not extended attributes)."""
    cache, site_file, entry = _linked(tmp_path)
    restored = tmp_path / "restored"
    shutil.copytree(tmp_path / "cache", restored)
    site_file.unlink()
    shutil.rmtree(tmp_path / "cache")
    assert ContentCache(restored, "pages").get("ab" * 20) == _PAGE


@pytest.mark.parametrize("how", DAMAGES)
def test_a_linked_entry_damaged_through_the_site_file_is_a_miss(how, tmp_path, caplog):
    cache, site_file, entry = _linked(tmp_path)
    if how in ("unreadable", "directory"):  # these replace the name: damage the entry's own
        _damage(entry, how)
    else:  # written in place through the site's name: the entry's bytes change with it
        _damage(site_file, how)
    fresh = ContentCache(tmp_path / "cache", "pages")
    with caplog.at_level(logging.INFO):
        assert fresh.copy_to("ab" * 20, tmp_path / "out.html") is None
    assert not (tmp_path / "out.html").exists()
    assert not os.path.lexists(entry)
    assert len(_damaged_lines(caplog)) == 1


def test_a_page_written_over_a_linked_site_file_leaves_the_entry_whole(tmp_path):
    cache, site_file, entry = _linked(tmp_path)
    other = ContentCache(tmp_path / "cache", "pages")
    other.put("cd" * 20, b"another page")
    assert other.copy_to("cd" * 20, site_file) == b""  # a later build writes this path
    cache_module.write_new(site_file, b"and again")
    assert ContentCache(tmp_path / "cache", "pages").get("ab" * 20) == _PAGE


def test_where_no_link_can_be_made_a_page_entry_is_a_sealed_copy(tmp_path, monkeypatch):
    def cross_device(src, dst):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)  # the cache on another file system than the site
    cache, site_file, entry = _linked(tmp_path)
    assert entry == cache.path("ab" * 20) and entry.read_bytes().startswith(b"CATC")
    assert ContentCache(tmp_path / "cache", "pages").get_entry("ab" * 20) == (b"", _PAGE)


def test_a_page_with_warnings_keeps_them_in_a_sealed_entry(tmp_path):
    site_file = tmp_path / "index.html"
    site_file.write_bytes(_PAGE)
    cache = ContentCache(tmp_path / "cache", "pages")
    entry = cache.put_linked("ab" * 20, site_file, _PAGE, note=b'[[30, "mkdocs", "a warning"]]')
    assert entry == cache.path("ab" * 20)
    assert ContentCache(tmp_path / "cache", "pages").get_entry("ab" * 20) == (b'[[30, "mkdocs", "a warning"]]', _PAGE)


def test_a_linked_entry_in_a_batch_is_renamed_into_place_after_the_flush(tmp_path, monkeypatch):
    flushed = []
    monkeypatch.setattr(cache_module, "sync_file_system",
                        lambda folder: flushed.append(bool(_entries(tmp_path / "cache" / "pages"))))
    site_file = tmp_path / "index.html"
    site_file.write_bytes(_PAGE)
    cache = ContentCache(tmp_path / "cache", "pages")
    with cache.batch():
        entry = cache.put_linked("ab" * 20, site_file, _PAGE)
        assert not os.path.lexists(entry)
    (entry,) = _entries(tmp_path / "cache" / "pages")
    assert flushed == [False] and os.path.samefile(entry, site_file)


def test_a_site_file_changed_in_place_after_a_build_is_not_served_by_the_next(tmp_path, caplog):
    config = make_project(tmp_path / "project")
    site = tmp_path / "site"
    built = site_files(build_site(config, site_dir=site, as_of=AS_OF))
    pages = sorted(site.glob("records/*/index.html"))
    linked = {(e.stat().st_dev, e.stat().st_ino) for e in _entries(cache_dir(config) / "pages")}
    assert all((p.stat().st_dev, p.stat().st_ino) in linked for p in pages)  # written once, not twice
    page = pages[len(pages) // 2]
    with open(page, "r+b") as f:  # an edit in place: same file, same size
        f.seek(len(built[page.relative_to(site).as_posix()]) // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x04]))
    with caplog.at_level(logging.INFO):
        again = site_files(build_site(config, site_dir=tmp_path / "site2", as_of=AS_OF))
    assert again == built
    assert len(_damaged_lines(caplog)) == 1
    assert "新生成 1 个" in caplog.text


def test_a_page_found_damaged_does_not_come_back_from_the_spare(tmp_path, caplog):
    """A damaged page entry is rendered again, but the site the build replaces holds the same damaged file
    (its other name) with its size and time as written: kept as the spare, the next build took it unread,
    and the page came back every other build (an attack round)."""
    config = make_project(tmp_path / "project")
    site = tmp_path / "site"
    built = site_files(build_site(config, site_dir=site, as_of=AS_OF))
    page = sorted(site.glob("records/*/index.html"))[3]
    before = page.stat()
    with open(page, "r+b") as f:  # bit rot: same size, and the time put back
        f.seek(before.st_size // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x04]))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    for n in range(3):
        with caplog.at_level(logging.INFO):
            again = site_files(build_site(config, site_dir=site, as_of=AS_OF))
        assert sorted(name for name in again.keys() | built.keys() if again.get(name) != built.get(name)) == [], n
    assert "不再保留它" in caplog.text


# -- 3. durable writes with unique temporary names ---------------------------------------


def test_an_entry_is_fsynced_before_it_is_renamed_into_place(tmp_path, monkeypatch):
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    ContentCache(tmp_path, "search").put("k1", b"index", durable=True)
    assert calls == ["fsync", "replace", "fsync"]  # the file, the rename, then the directory
    calls.clear()
    ContentCache(tmp_path, "pages").put("k2", b"page")
    assert calls == ["fsync", "replace"]  # a page alone: a lost rename is only a miss
    calls.clear()
    load_cache_module._dump(tmp_path / "validated.pickle", ("k", "id", {}))
    assert calls == ["fsync", "replace", "fsync"]


def test_a_batch_reaches_the_disk_with_one_flush_before_any_entry_is_renamed_into_place(tmp_path, monkeypatch):
    calls: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append("fsync"))
    monkeypatch.setattr(cache_module, "sync_file_system", lambda folder: calls.append(f"sync {folder.name}"))
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    cache = ContentCache(tmp_path, "pages")
    with cache.batch():
        for n in range(3):
            cache.put(f"{n:02d}" * 20, f"第 {n} 页".encode())
        assert calls == [] and ContentCache(tmp_path, "pages").get("00" * 20) is None  # not visible yet
        assert cache.get("01" * 20) is None
    assert calls == ["sync pages", "replace", "replace", "replace"]
    assert [ContentCache(tmp_path, "pages").get(f"{n:02d}" * 20) for n in range(3)] == \
        ["第 0 页".encode(), "第 1 页".encode(), "第 2 页".encode()]


def test_a_batch_cut_short_stores_nothing_and_leaves_no_temporary_file(tmp_path):
    cache = ContentCache(tmp_path, "pages")
    cache.put("aa" * 20, b"old page")
    with pytest.raises(KeyboardInterrupt):
        with cache.batch():
            cache.put("aa" * 20, b"new page")
            cache.put("bb" * 20, b"another page")
            raise KeyboardInterrupt  # Ctrl-C halfway through a chunk
    assert cache.get("aa" * 20) == b"old page" and cache.get("bb" * 20) is None
    assert not [p for p in cache.dir.rglob("*") if p.name.startswith(".tmp-")]
    with cache.batch():  # the cache is usable after it
        cache.put("bb" * 20, b"another page")
    assert cache.get("bb" * 20) == b"another page"


def test_the_file_system_flush_is_real(tmp_path):
    # syncfs on Linux, os.sync elsewhere: it must run without error on this machine.
    cache_module.sync_file_system(tmp_path)
    cache_module.sync_file_system(tmp_path / "missing")  # not a folder: os.sync


@pytest.mark.parametrize("after_power_cut", [
    lambda blob: b"",                                  # the rename reached the disk, the data did not
    lambda blob: blob[: len(blob) // 2],               # part of the data did
    lambda blob: b"\0" * len(blob),                   # ext4 after a crash: zeros of the right length
    lambda blob: blob[:-3] + b"\0\0\0",             # the last block did not
])
def test_what_a_power_cut_can_leave_of_an_entry_is_a_miss(tmp_path, after_power_cut):
    cache = ContentCache(tmp_path, "pages")
    with cache.batch():
        cache.put("ab" * 20, "<p>第一章 总则</p>".encode() * 50, b'[["warning"]]')
    path = cache.path("ab" * 20)
    path.write_bytes(after_power_cut(path.read_bytes()))
    fresh = ContentCache(tmp_path, "pages")
    assert fresh.get_entry("ab" * 20) is None
    assert fresh.copy_to("ab" * 20, tmp_path / "out.html") is None and not (tmp_path / "out.html").exists()
    assert not path.exists()  # removed, to be made afresh


def test_threads_writing_one_key_at_once_do_not_trip_over_each_other(tmp_path):
    cache = ContentCache(tmp_path, "pages")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(40):
                cache.put("cd" * 20, f"page {n} {i}".encode() * 50)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.get("cd" * 20).startswith(b"page ")
    assert not [p for p in cache.path("cd" * 20).parent.iterdir() if p.name.startswith(".tmp")]


# -- 4. one cache shared by concurrent builds ------------------------------------------------


def test_an_entry_that_vanishes_after_the_look_is_a_miss(tmp_path):
    cache = ContentCache(tmp_path, "pages")
    cache.put("ef" * 20, b"page")
    assert cache.has("ef" * 20)
    cache.path("ef" * 20).unlink()  # another build pruned it
    assert cache.get("ef" * 20) is None
    assert cache.copy_to("ef" * 20, tmp_path / "out.html") is None


def test_a_search_entry_pruned_by_another_build_is_built_again(tmp_path):
    index = {"search/meta.json": b"{}", "search/c/0.json": b"[]"}
    cache = ContentCache(tmp_path / "cache", "search")
    cache.put_parts("k1", pack_files(index))
    real_has = ContentCache.has

    def has_then_vanish(self, key):
        found = real_has(self, key)
        self.path(key).unlink(missing_ok=True)  # pruned by another build right after this one looked
        return found

    ContentCache.has = has_then_vanish
    try:
        job = search_job.WritingInto("k1", ContentCache(tmp_path / "cache", "search"), lambda: dict(index),
                                     tmp_path / "site")
        job.finish(tmp_path / "site")
        job2 = search_job.Writing("k1", ContentCache(tmp_path / "cache", "search"), lambda: dict(index))
        assert job2.finish(tmp_path / "site2").files == list(index)
        assert site_files(tmp_path / "site2") == index
    finally:
        ContentCache.has = real_has
    assert site_files(tmp_path / "site") == index


def test_prune_leaves_what_another_build_may_be_writing_or_reading(tmp_path):
    mine, other = ContentCache(tmp_path, "pages"), ContentCache(tmp_path, "pages")
    mine.put("aa" * 20, b"mine")
    other.put("bb" * 20, b"other's, just written")
    tmp = other.path("cc" * 20).with_name(".tmp-99999-1-" + "cc" * 20)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(b"being written by another build")
    assert mine.prune() == 0
    assert other.get("bb" * 20) == b"other's, just written" and tmp.exists()
    old = 10 ** 9  # 2001: long past any grace period
    for p in (other.path("bb" * 20), tmp):
        os.utime(p, (old, old))
    assert mine.prune() == 2
    assert mine.get("aa" * 20) == b"mine"


CONCURRENT_AGENCIES = ["江川省交通运输厅（甲）", "江川省交通运输厅（乙）"]


def test_two_builds_sharing_one_cache_both_succeed_and_equal_clean_builds(tmp_path):
    shared = tmp_path / "shared-cache"
    configs = []
    for n, agency in enumerate(CONCURRENT_AGENCIES):
        configs.append(make_project(tmp_path / f"p{n}", extra=f"      agency: {agency}\n      cache_dir: {shared}\n"))
    cleans = []
    for n, config in enumerate(configs):
        text = config.read_text(encoding="utf-8").replace(f"cache_dir: {shared}", f"cache_dir: {tmp_path}/own{n}")
        clean_config = tmp_path / f"clean{n}" / "mkdocs.yml"
        shutil.copytree(config.parent, clean_config.parent)
        clean_config.write_text(text, encoding="utf-8")
        cleans.append(site_files(build_site(clean_config, site_dir=tmp_path / f"clean-site{n}", as_of=AS_OF)))
    assert cleans[0] != cleans[1]
    for round_ in range(3):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
        procs = [subprocess.Popen([sys.executable, "-m", "build_tools.cli", "build", "--config", str(config),
                                   "--site-dir", str(tmp_path / f"site{n}"), "--as-of", AS_OF.isoformat()],
                                  cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
                 for n, config in enumerate(configs)]
        outcomes = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        for n, (code, err) in enumerate(outcomes):
            assert code == 0, f"round {round_}, build {n}:\n{err}"
            assert site_files(tmp_path / f"site{n}") == cleans[n], f"round {round_}, build {n}"
        # the next round renders every page again, both builds at once
        shutil.rmtree(shared / "pages", ignore_errors=True)


def test_a_new_withheld_record_is_taken_out_of_a_cached_search_index_too(tmp_path):
    """The index reads the bodies without the names of what is not published (links.WithheldNames): a
    new record not yet public whose file name a public body holds changes no public record, yet the
    index must be made again (an attack round found the cached one kept the name)."""
    config = make_project(tmp_path / "p")
    policies = config.parent / "catalogue" / "policies"
    public = policies / "2019-00001-luzheng-xuke.md"
    public.write_text(public.read_text(encoding="utf-8") + "\n另见 neibu-taolun-jiyao.md 。\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(config, site_dir=site, as_of=AS_OF)
    text = (policies / "2019-00003-zhengwu-gongkai-yaodian.md").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^index_no: .*$", "index_no: 015200371/2026-00099", text)
    text = re.sub(r"(?m)^published: .*$", "published: 2026-12-30", text)  # after AS_OF: not public yet
    (policies / "neibu-taolun-jiyao.md").write_text(text, encoding="utf-8")
    build_site(config, site_dir=site, as_of=AS_OF)
    built, clean = site_files(site), clean_build(config, tmp_path)
    assert sorted(name for name in built.keys() | clean.keys() if built.get(name) != clean.get(name)) == []
    assert not any(b"neibu-taolun-jiyao" in data for _, data in output_bytes(site))


def test_another_plugin_or_hook_handling_pages_sees_every_page_and_the_log_says_why(tmp_path):
    """Material's ``search`` plugin indexed none of the records, and a hook listing the pages it saw got 11 of
    180: a page taken from the cache or the last site fires no event, and one rendered in a forked worker
    fires them where what the plugin gathers is lost (found by a review).  With such a plugin every page is
    rendered in the build's process, the same as a plain build, and the log says why."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / "hooks" / "pagelist.py").write_text(
        "import os\n_seen = []\n\ndef on_pre_build(config):\n    _seen.clear()\n\n"
        "def on_post_page(output, page, config):\n    _seen.append(page.url)\n    return output\n\n"
        "def on_post_build(config):\n    with open(os.path.join(config.site_dir, 'pages.txt'), 'w') as f:\n"
        "        f.write('\\n'.join(sorted(_seen)))\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "hooks:\n  - hooks/pagelist.py\n\nplugins:\n  - search\n", 1),
                      encoding="utf-8")
    builds = [project_build(project, tmp_path / f"site{n}") for n in range(2)]  # cold, then warm
    for files, said in builds:
        seen = files["pages.txt"].decode().split("\n")
        assert sum(url.startswith("records/") for url in seen) > 40
        index = json.loads(files["search/search_index.json"])
        assert sum(d["location"].startswith("records/") for d in index["docs"]) > 40
        assert "页面缓存、沿用上次的页面、并行渲染、页面框架" in said and "hooks/pagelist.py" in said and "search" in said, said
    assert builds[0][0] == builds[1][0] == clean_build(config, tmp_path)
    verified, said = project_build(project, tmp_path / "verified", "--verify")
    assert "没有快速渲染可比较" in said and verified == builds[0][0]  # each page seen once, not twice


def test_a_hook_giving_the_template_each_pages_state_gets_every_page_rendered_in_full(tmp_path):
    """A hook remembering the page being rendered (``on_page_context``) for a template function the footer
    calls: page frames were still made, so every record page after a frame's first few showed the first
    page's answer, and ``--verify`` passed having compared nothing (found by an attack review).  With such a
    hook each page is rendered as MkDocs renders it, frames and the shared parser off too."""
    config = make_project(tmp_path / "project")
    project = config.parent
    (project / "hooks").mkdir()
    (project / "hooks" / "current.py").write_text(
        "_current = {}\n\ndef on_env(env, config, files):\n"
        "    env.globals['long_title'] = lambda: _current.get('long', False)\n    return env\n\n"
        "def on_page_context(context, page, config, nav):\n"
        "    _current['long'] = len((page.meta or {}).get('title') or page.title or '') > 40\n    return context\n",
        encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/current.py\n", encoding="utf-8")
    main = project / "theme" / "main.html"
    anchor = '{% include "partials/gov-footer.html" %}'
    main.write_text(main.read_text(encoding="utf-8").replace(
        anchor, anchor + '{% if long_title() %}<p class="long-title">标题较长</p>{% endif %}', 1), encoding="utf-8")
    files, said = project_build(project, tmp_path / "site")
    long_titles = [path for path, data in files.items() if path.startswith("records/") and path.endswith(".html")
                   and len(re.search(r"<h1[^>]*>(.*?)</h1>", data.decode(), re.S).group(1).strip()) > 40]
    marked = [path for path, data in files.items() if path.startswith("records/") and "标题较长".encode() in data]
    assert len(long_titles) >= 3 and marked == long_titles, said
    verified, said = project_build(project, tmp_path / "verified", "--verify")
    assert "没有快速渲染可比较" in said and verified == files


def test_a_plugin_switched_off_does_not_turn_the_page_cache_off():
    """``privacy: {enabled: !ENV [CI, false]}`` registers its page events all the same; they do nothing, so the
    cache stays on (a review of this stop: every page was rendered again)."""
    from types import SimpleNamespace

    from build_tools.mkdocs_plugin.fast_paths import page_watchers

    class Plugin:
        def __init__(self, enabled):
            self.config = {"enabled": enabled}

        def on_post_page(self, output, **_):
            return output

    on, off = Plugin(True), Plugin(False)
    plugins = SimpleNamespace(events={"post_page": [on.on_post_page, off.on_post_page]},
                              _event_origins={on.on_post_page: "material/social", off.on_post_page: "material/privacy"})
    assert page_watchers(plugins) == ("material/social（on_post_page）",)
