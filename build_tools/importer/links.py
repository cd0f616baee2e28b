"""Links in an imported body: to pages imported alongside, to attachment files, or to nothing.

A relative link to another imported page becomes a link to its record (the
catalogue's links between records); a link to a file beside the page (inside
the input folder, of an attachment type) is copied beside the record and
listed in ``attachments``; any other relative link would be a broken link in
the catalogue, so it becomes its text with the original address written out,
and is reported.  Web addresses, site-absolute paths and anchors are left as
written, as ``catalogue check`` leaves them.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from .write import inside, safe_name

if TYPE_CHECKING:
    from . import Item

ATTACHMENT_SUFFIXES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "odt",
                                 "ods", "zip", "rar", "7z", "csv", "txt", "jpg", "jpeg", "png", "gif"})
_LINK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#")


def _local(href: str) -> str | None:
    """The relative file path a link names, or None for web addresses, anchors and mail links."""
    href = href.strip()
    if not href or _LINK.match(href):
        return None
    return urllib.parse.unquote(href.split("#", 1)[0].split("?", 1)[0])


def rewrite_links(item: Item, target: Path, targets: dict[Path, Path]) -> tuple[list[str], list[tuple[str, Path]]]:
    """Rewrite local links of the body: to records imported alongside, to copied attachments, or to text."""
    body = "\n".join(item.body)
    copies: list[tuple[str, Path]] = []
    seen: set[str] = set()
    prefix = target.stem
    for href, text in item.links:
        rel = _local(href)
        if rel is None or href in seen:
            continue
        seen.add(href)
        source = (item.source.parent / rel)
        resolved = source.resolve() if rel else None
        written_as = [f"]({href})", f"]({href} ", f"](<{href}>)"]
        if resolved in targets:
            new = _relative(targets[resolved], target)
        elif resolved is not None and resolved.is_file() and inside(item.root, resolved) \
                and resolved.suffix.lower().lstrip(".") in ATTACHMENT_SUFFIXES:
            name = safe_name(f"{prefix}-{resolved.name}")
            copies.append((name, resolved))
            new = name
        else:
            item.mapped.report("import-attachment-missing", None, "attachments",
                               f"正文链接的文件「{text or rel}」（{href}）在 {item.source.parent.name or '.'} 中找不到，没有复制；"
                               "正文中保留了链接文字和原链接。", "把文件放到网页旁边后重新导入，或在记录中补上附件。")
            body = _unlink(body, href, text)
            continue
        for old in written_as:
            body = body.replace(old, old.replace(href, new))
    return body.split("\n"), copies


def _relative(to: Path, start: Path) -> str:
    return Path(os.path.relpath(to, start.parent)).as_posix()


def _unlink(body: str, href: str, text: str) -> str:
    """Replace ``[text](href)`` (or an image) by the text and the original link, as plain text."""
    pattern = re.compile(r"!?\[([^\]]*)\]\(<?" + re.escape(href) + r">?(?:\s+\"[^\"]*\")?\)")
    return pattern.sub(lambda mm: f"{mm.group(1) or text}（原链接：{href}，文件未找到）", body)
