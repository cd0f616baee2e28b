"""Links in an imported body: to pages imported alongside, to attachment files, or to nothing.

A relative link to another imported page becomes a link to its record (the
catalogue's links between records); a link to a file beside the page (inside
the input folder, of an attachment type) is copied beside the record and
listed in ``attachments``; any other relative link would be a broken link in
the catalogue, so it becomes its text with the original address written out,
and is reported.  An attachment linked site-absolute or by the old site's
address (``/zwgk/upload/…pdf``) is looked for under the folder given to the
import, and copied when found, reported when not.  Other web addresses,
site-absolute paths and anchors are left as written, as ``catalogue check``
leaves them.
"""

from __future__ import annotations

import os
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from .write import inside, is_file, safe_name

if TYPE_CHECKING:
    from . import Item

DOCUMENT_SUFFIXES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd", "odt",
                               "ods", "zip", "rar", "7z", "csv"})
"""Files uploaded as a document's attachments: what a block of links after the article lists (TRS's
``fujian``), where a side column's 名单.txt or a logo is not."""
ATTACHMENT_SUFFIXES = DOCUMENT_SUFFIXES | {"txt", "jpg", "jpeg", "png", "gif"}
"""What the article's own links may attach: documents, text files and images."""
_LINK = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#")


def local_link(href: str) -> str | None:
    """The relative file path a link names, or None for web addresses, anchors and mail links."""
    href = href.strip()
    if not href or _LINK.match(href):
        return None
    return _unquoted(href.split("#", 1)[0].split("?", 1)[0])


def _unquoted(path: str) -> str:
    """A link's path with its %XX escapes read as UTF-8, or as GB 18030 where they are not UTF-8 (GBK sites
    escape 附件1.pdf as %B8%BD%BC%FE1.pdf: it was reported missing beside the page, a review)."""
    if "%" not in path:
        return path
    try:
        return urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        try:
            return urllib.parse.unquote(path, encoding="gb18030", errors="strict")
        except UnicodeDecodeError:
            return urllib.parse.unquote(path)


def _site_file(item: Item, href: str) -> Path | None:
    """The file of the export an attachment's site-absolute link names (TRS pages link ``/zwgk/upload/P0…pdf``):
    the link's path, or its end of two parts or more, under the folder given to the import."""
    parts = urllib.parse.urlsplit(href.strip())
    path = _unquoted(parts.path)
    # Site-absolute only: an address names a host, and another site's 附件1.pdf is not this export's (a
    # review found a withheld page's attachment published through such a link); and never by its bare name.
    if parts.scheme or parts.netloc or not path.startswith("/") or not _is_attachment(href):
        return None
    found = file_by_tail((item.root,), path)
    return found.resolve() if found is not None else None


def file_by_tail(roots: tuple[Path, ...], path: str) -> Path | None:
    """The file of the export an old site's path names (already unquoted): the path, or its end of two parts or
    more, under one of ``roots`` (an export keeps the site's folders below some folder of its own); never by
    the bare file name."""
    pieces = [p for p in path.split("/") if p not in ("", ".", "..")]
    for root in roots:
        for i in range(len(pieces) - 1):
            candidate = root.joinpath(*pieces[i:])
            if is_file(candidate) and inside(root, candidate):
                return candidate
    return None


def _is_attachment(href: str, suffixes: frozenset[str] = ATTACHMENT_SUFFIXES) -> bool:
    """Whether a link names a file of an attachment's type (by its path's ending)."""
    path = _unquoted(urllib.parse.urlsplit(href.strip()).path)
    return posixpath.splitext(path)[1].lower().lstrip(".") in suffixes


def is_document(href: str) -> bool:
    """Whether a link names an uploaded document (:data:`DOCUMENT_SUFFIXES`), by its path or by the file
    name a download address ends with (``download.jsp?name=附件1.pdf``)."""
    whole = posixpath.splitext(_unquoted(href.strip().split("#", 1)[0]))[1].lower().lstrip(".")
    return whole in DOCUMENT_SUFFIXES or _is_attachment(href, DOCUMENT_SUFFIXES)


def rewrite_links(item: Item, target: Path, targets: dict[Path, Path]) -> tuple[list[str], list[tuple[str, Path]]]:
    """Rewrite local links of the body: to records imported alongside, to copied attachments, or to text."""
    body = "\n".join(item.body)
    copies: list[tuple[str, Path]] = []
    named: dict[Path, str] = {}  # each file copied once, under a name no other file of the record has
    used: set[str] = set()
    counts: dict[str, int] = {}
    seen: set[str] = set()
    prefix = target.stem
    titles: list[tuple[str, str]] = []  # (link text, copied name) of attachments linked from outside the body
    for href, text in item.links:
        if href in seen:
            continue
        seen.add(href)
        rel = local_link(href)
        site = _site_file(item, href) if rel is None else None
        if rel is None and site is None:
            if _is_attachment(href) and not href.startswith("#"):  # left on the old site: it goes when that site does
                item.mapped.report("import-attachment-missing", None, "attachments",
                                   f"正文链接的附件「{text or href}」（{href}）在导入的文件夹中找不到，没有复制；"
                                   "正文中保留了原链接，原网站关闭后这个链接会失效。",
                                   "把附件文件放到导入的文件夹中（保持原网站的目录）后重新导入，或在记录中补上附件。")
            continue
        resolved = site if site is not None else (item.source.parent / rel).resolve() if rel else None
        written_as = [f"]({href})", f"]({href} ", f"](<{href}>)"]
        if resolved in targets:
            new = _relative(targets[resolved], target)
        elif resolved is not None and is_file(resolved) and inside(item.root, resolved) \
                and resolved.suffix.lower().lstrip(".") in ATTACHMENT_SUFFIXES:
            if resolved not in named:
                # Two uploads of one name (files/a/附件1.pdf, files/b/附件1.pdf): the second link had led
                # to the first file (a review); each file gets a name of its own.
                base = safe_name(f"{prefix}-{resolved.name}")
                name, n = base, counts.get(base, 0) + 1
                while name in used:
                    n += 1
                    name = safe_name(f"{prefix}-{n}-{resolved.name}")
                counts[base] = n
                used.add(name)
                named[resolved] = name
                copies.append((name, resolved))
            new = named[resolved]
        else:
            if resolved is not None and is_file(resolved) and not inside(item.root, resolved):
                item.mapped.report("import-attachment-missing", None, "attachments",
                                   f"正文链接的文件「{text or rel}」（{href}）在导入的文件夹 {item.root.name or '.'} 以外，"
                                   "没有复制；正文中保留了链接文字和原链接。",
                                   "导入包含网页和附件的上一级文件夹，附件就会一起复制；或在记录中补上附件。")
            elif resolved is not None and is_file(resolved):  # a page of the export that was not imported
                body = _unlink(body, href, text, "这一页没有导入为记录")
                continue
            else:
                item.mapped.report("import-attachment-missing", None, "attachments",
                                   f"正文链接的文件「{text or rel}」（{href}）在 {item.source.parent.name or '.'} 中找不到，"
                                   "没有复制；正文中保留了链接文字和原链接。", "把文件放到网页旁边后重新导入，或在记录中补上附件。")
            body = _unlink(body, href, text)
            continue
        if not any(old in body for old in written_as) and text.strip() and new in named.values():
            titles.append((text.strip(), new))  # listed outside the article: its name is nowhere else
        for old in written_as:
            body = body.replace(old, old.replace(href, new))
    if titles:
        body = body.rstrip("\n") + "\n\n" + attachment_note(titles) + "\n"
    return body.split("\n"), copies


def attachment_note(titles: list[tuple[str, str]]) -> str:
    """A 附件 line linking each attachment listed below the article under the name the page showed
    (``相关附件：1.公路养护专项检查表.csv`` → ``files/jianchabiao.csv``).  A CMS stores uploads under coded names
    (W020260828….xls, jianchabiao.csv): the link text was the only place of the attachment's name, it was dropped,
    and the public page listed ``p-jianchabiao.csv`` (a review)."""
    links = []
    for text, name in titles:
        suffix = posixpath.splitext(name)[1]
        if suffix and text.lower().endswith(suffix.lower()) and len(text) > len(suffix):
            text = text[:-len(suffix)]  # 检查表.csv: the list of attachments already says the file's type
        text = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        links.append(f"[{text}]({name})")
    return "附件：" + "\n".join(links)


def _relative(to: Path, start: Path) -> str:
    return Path(os.path.relpath(to, start.parent)).as_posix()


def _unlink(body: str, href: str, text: str, why: str = "文件未找到") -> str:
    """Replace ``[text](href)`` (or an image) by the text and the original link, as plain text."""
    pattern = re.compile(r"!?\[([^\]]*)\]\(<?" + re.escape(href) + r">?(?:\s+\"[^\"]*\")?\)")
    return pattern.sub(lambda mm: f"{mm.group(1) or text}（原链接：{href}，{why}）", body)
