"""What ``catalogue check PATH`` means, wherever the editor points it.

Editors run the check from where they work: the project folder (``DIR`` holding
``mkdocs.yml`` and ``catalogue/``, as ``catalogue generate`` makes it), the
catalogue folder itself, or one record they just edited.  This works out which
configuration file and catalogue folder to read, and for a single record which
file of the catalogue to report on; it is checked in the context of the whole
catalogue, so its links resolve.  Anything it cannot place is one line saying
what to run instead, never a catalogue of bogus problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class CheckTarget:
    """The configuration, catalogue folder and (for one record) file a check reads."""

    config: str
    catalogue: str | None
    """None: the configured ``catalogue_dir``."""
    only: Path | None = None
    """One record, or a folder of the catalogue, to report on (absolute), or None for every record."""


class TargetError(Exception):
    """A path the check cannot use; the message says in one line what to run."""


def _configured_dir(config: Path) -> Path:
    from .config import load_config
    cfg, _ = load_config(config)
    return Path(cfg.catalogue_dir).resolve()


def _config_above(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def resolve(path: str | None, config: str, config_given: bool) -> CheckTarget:
    """The target of ``catalogue check [PATH] [--config FILE]``.

    ``config_given``: the editor wrote ``--config`` (then it is used as written).
    """
    if path is None:
        return CheckTarget(config, None)
    p = Path(path)
    if p.is_file():
        return _one_record(p, config, config_given)
    if not p.is_dir():
        raise TargetError(f"找不到 {path}：请写目录文件夹、项目文件夹或一个记录文件（.md）的路径。")
    if not config_given and (p / CONFIG_NAME).is_file():
        # A project folder: its own configuration names its catalogue.
        return CheckTarget(str(p / CONFIG_NAME), None)
    inside = _folder_of_catalogue(p, config, config_given)
    if inside is not None:
        return inside
    if not config_given and (p / "catalogue").is_dir() and (p / "docs").is_dir():
        raise TargetError(f"{path} 像是项目文件夹，但其中没有 {CONFIG_NAME}；"
                          f"请运行 catalogue check {(p / 'catalogue').as_posix()}。")
    why = _not_a_catalogue(p)
    if why:
        raise TargetError(f"{path} 不是记录目录（{why}）：请运行 catalogue check {_catalogue_named(config)}。")
    return CheckTarget(config, str(p))


_LOOKED_AT = 5000
"""Files looked at for one that begins as a record before a folder is taken as asked."""


def _not_a_catalogue(folder: Path) -> str:
    """Why ``folder`` is no catalogue, or "": the whole disk or a home folder (the check walked it for ten
    minutes), or files none of which begins as a record (docs/ gave 209 bogus problems, theme/ a pass: a
    review).  An empty folder is a new catalogue; one with very many files is taken as asked."""
    import os

    where = folder.resolve()
    if where == Path(where.anchor) or where == Path.home().resolve():
        return "这是整个磁盘或用户主目录"
    seen = 0
    for top, folders, files in os.walk(where):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            seen += 1
            if name.lower().endswith(".md") and _opens_front_matter(Path(top) / name) or seen >= _LOOKED_AT:
                return ""
    return "其中没有以元数据块开头的记录文件" if seen else ""


def _opens_front_matter(path: Path) -> bool:
    """Whether a Markdown file opens a front matter block (---), in any encoding: a record saved as GBK, or
    one whose metadata opens with many comment lines, is one for the check to report on (a review)."""
    try:
        with open(path, "rb") as f:
            return f.read(16).replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe").startswith(b"---")
    except OSError:
        return False


def _catalogue_named(config: str) -> str:
    """The configured catalogue folder to check instead, as the editor may type it."""
    try:
        return Path(_configured_dir(Path(config))).relative_to(Path.cwd()).as_posix()
    except (OSError, ValueError):
        return "catalogue"


def _folder_of_catalogue(folder: Path, config: str, config_given: bool) -> CheckTarget | None:
    """A folder below the configured catalogue (``catalogue/policies``, where an editor works): checked with the
    whole catalogue, reported on alone.  Read alone, its policies' interpretations were missing and the
    catalogue was partial (found by a review)."""
    folder = folder.resolve()
    config_file = Path(config) if config_given else (_config_above(folder) or Path(config))
    if not config_file.is_file():
        return None
    try:
        root = _configured_dir(config_file)
    except Exception:  # noqa: BLE001 - a configuration that cannot be read is the check's to report
        return None
    return CheckTarget(str(config_file), str(root), folder) if root in folder.parents else None


def _one_record(file: Path, config: str, config_given: bool) -> CheckTarget:
    if file.suffix.lower() != ".md":
        raise TargetError(f"{file} 不是记录文件（记录是 .md 文件）；请写目录文件夹或一个 .md 记录的路径。")
    file = file.resolve()
    config_file = Path(config) if config_given else (_config_above(file.parent) or Path(config))
    if config_file.is_file():
        root = _configured_dir(config_file)
        if root in file.parents:
            return CheckTarget(str(config_file), str(root), file)
    # No configuration places it: the nearest folder above it named like a catalogue.
    for folder in file.parents:
        if folder.name == "catalogue":
            return CheckTarget(config, str(folder), file)
    raise TargetError(f"{file} 不在目录文件夹中，无法和其他记录一起检查；"
                      f"请在项目文件夹中运行，或用 --config 指定 {CONFIG_NAME}。")
