"""Reading one legacy page: bytes → text, and whether it is HTML.

CMS exports (TRS, Hanweb and the like) are often GBK/GB18030, sometimes
UTF-8 with a BOM, and say so (or not) in a ``<meta charset>``.  The order is:
a byte-order mark, then the page's own ``<meta charset>``, then strict UTF-8,
then charset-normalizer's guess, which is reported as a guess.  GB2312 and GBK
are read as GB18030, their superset, so a rare character does not fail the
whole page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 16 << 20
"""Pages larger than this are not read (a saved page is a few hundred kilobytes)."""

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,30})""", re.IGNORECASE)
_HTML_SIGNS = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|table|div|p|meta|title|br)\b", re.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "cp936": "gb18030", "ascii": "utf-8", "us-ascii": "utf-8", "iso-8859-1": "gb18030",
              "latin-1": "gb18030", "latin1": "gb18030", "windows-1252": "gb18030", "cp1252": "gb18030"}
# A Western charset declared on a Chinese page is nearly always a template default (a GBK page saying
# windows-1252 was read as Western letters and refused as no disclosure page: a review); GB18030 reads
# ASCII alike, and a page that is not GB18030 goes on to the other readings.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True, slots=True)
class Page:
    """One input file, decoded."""

    path: Path
    text: str
    is_html: bool
    encoding: str
    how: str
    """How the encoding was found: ``bom``, ``meta``, ``utf-8``, ``detected``, or ``replaced`` (the page's
    own or UTF-8, a few bytes that were neither replaced by U+FFFD: :attr:`bad`)."""
    bad: tuple[int, int] = (0, 0)
    """For ``replaced``: how many bytes were replaced, and the line of the first."""


class ReadError(Exception):
    """The file cannot be read as a page; the message says why, in Chinese."""


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str, str]:
    """``(text, encoding, how)``; raises :class:`ReadError` when the bytes are not text.  ``how`` is
    ``replaced`` for a page in its declared encoding or UTF-8 but for a few bytes (a summary cut in the
    middle of a character), which are replaced by U+FFFD rather than refusing the page (a review)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, "bom"
            except UnicodeDecodeError:
                break
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = _codec(m.group(1).decode("ascii", "replace"))
        if name:
            try:
                return data.decode(name), name, "meta"
            except (UnicodeDecodeError, LookupError):
                pass  # the page lies about itself; try the others
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    for name in dict.fromkeys(n for n in (declared, "utf-8") if n):
        text = data.decode(name, errors="replace")
        bad = text.count("\ufffd") - data.decode(name, errors="ignore").count("\ufffd")
        if 0 < bad <= max(8, len(data) // 10_000):
            return text, name, "replaced"
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("文件内容不是可识别编码的文本（可能是图片、压缩包或已损坏的文件）")
    name = _codec(best.encoding) or best.encoding
    if name in ("gb2312", "gbk", "hz", "cp936"):
        name = "gb18030"
    try:
        return data.decode(name), name, "detected"
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding, "detected"


def looks_like_html(text: str) -> bool:
    """Whether the text is markup (a saved page) rather than a text dump."""
    head = text[:4096]
    return len(_HTML_SIGNS.findall(head)) >= 2 or head.lstrip().lower().startswith(("<!doctype", "<html"))


def read_page(path: Path) -> Page:
    """Read and decode one input file; raises :class:`ReadError` with a Chinese reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"文件有 {size} 字节，超过 {MAX_BYTES >> 20} MB，不像是一个网页")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件（{exc.strerror or exc}）") from None
    if not data.strip():
        raise ReadError("文件是空的")
    if b"\x00" in data[:4096] and not data.startswith(tuple(b for b, _ in _BOMS)):
        raise ReadError("文件内容不是文本（含有空字节，可能是 PDF、Word 或图片）")
    text, encoding, how = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ReadError("文件内容不是文本（含有空字符）")
    bad = (text.count("\ufffd"), text.count("\n", 0, text.find("\ufffd")) + 1) if how == "replaced" else (0, 0)
    return Page(path, text, looks_like_html(text), encoding, how, bad)
