"""Writing imported records (and their attachments) into the output folder.

Records go where a catalogue keeps them (``policies/``, ``interpretations/``
…), named after the input file.  Nothing is overwritten: a file already there,
or two inputs that would write the same file, are reported and skipped.
Every path is resolved and checked to lie inside the output folder.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..formats import readable
from ..model.fields import FIELDS, Kind
from ..model.writing import flow, scalar


_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\s]+")


_MAX_NAME_BYTES = 180
"""File names are at most 255 bytes on common file systems; a Chinese character is 3 in UTF-8, and
the record's name is put before an attachment's: keep each part well below."""
_RESERVED = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(?:\.|$)", re.IGNORECASE)


def safe_name(text: str) -> str:
    """A file-name part without separators, spaces or characters Windows refuses, nor a name it reserves
    (CON, NUL …), short enough for any file system (a long one keeps its start and a hash of the whole)."""
    # A name in GBK bytes (a ZIP made on Chinese Windows) is read as GB 18030, as check prints it: it stopped
    # the whole import with a traceback (a review).
    name = _UNSAFE.sub("-", readable(text)).replace("\\", "-").strip(".-") or "page"
    if _RESERVED.match(name):
        name = "_" + name
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        stem, dot, suffix = name.rpartition(".") if "." in name[-8:] else (name, "", "")
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        keep = stem.encode("utf-8")[:_MAX_NAME_BYTES - 20].decode("utf-8", "ignore")
        name = f"{keep}-{digest}{dot}{suffix}"
    return name


def is_file(path: Path) -> bool:
    """Whether ``path`` is a file; False for a name the file system refuses (a link's file name of more than
    255 bytes raised and stopped the whole import: a review)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (resolved) lies inside ``root`` (resolved): never by string prefix."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _value(value: object) -> str:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value  # a date, written as editors write it (YAML reads it as a date)
    if isinstance(value, Kind):
        return value.value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return flow(str(v) for v in value)
    return scalar(str(value))


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def record_text(values: dict[str, object], comments: list[str], body: list[str], header: str) -> str:
    """The record file: front matter in field-table order, comments for what has no field, then the body."""
    lines = ["---", _comment(header)]
    lines += [_comment(c) for c in comments]
    for f in FIELDS:
        if f.key in values:
            lines.append(f"{f.key}: {_value(values[f.key])}")
    lines.append("---")
    return "\n".join(lines) + "\n" + "\n".join(body).rstrip() + "\n"


def record_name(source: Path, root: Path) -> str:
    """The record's file name: the page's path under the input folder (CMS exports have many index.html)."""
    try:
        parts = source.resolve().relative_to(root.resolve()).with_suffix("").parts
    except ValueError:
        parts = (source.stem,)
    return safe_name("-".join(parts))
